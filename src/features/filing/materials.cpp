#include "features/filing/materials.hpp"

#include <algorithm>
#include <array>

namespace tuoyu::filing {

namespace {

struct MaterialLabel {
    std::string_view kind;
    std::string_view zh;
    std::string_view en;
};

constexpr std::array kLabels{
    MaterialLabel{"business_licence", "营业执照或法人登记证书", "business licence or legal-person certificate"},
    MaterialLabel{"site_proof", "场地证明", "proof of the site"},
    MaterialLabel{"staff_certificates", "工作人员资格证书和健康合格证明",
                  "staff qualification and health certificates"},
    MaterialLabel{"hygiene_evaluation", "卫生评价报告", "hygiene evaluation report"},
    MaterialLabel{"fire_check", "消防安全检查合格证明", "fire-safety check pass"},
    MaterialLabel{"food_licence", "食品经营许可证", "food business licence"},
    MaterialLabel{"other", "其他材料", "other material"},
};

const MaterialLabel* Label(std::string_view kind) {
    for (const MaterialLabel& label : kLabels) {
        if (label.kind == kind) {
            return &label;
        }
    }
    return nullptr;
}

bool StartsWith(std::string_view bytes, std::string_view magic) {
    return bytes.size() >= magic.size() && bytes.substr(0, magic.size()) == magic;
}

constexpr const char* kSource = "托育机构登记和备案办法（试行）";

std::string FormText(const Json& form, const char* key) {
    auto it = form.find(key);
    return it != form.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

bool IsMaterialKind(std::string_view kind) {
    return Label(kind) != nullptr;
}

std::string_view MaterialLabelZh(std::string_view kind) {
    const MaterialLabel* label = Label(kind);
    return label != nullptr ? label->zh : kind;
}

std::string_view MaterialLabelEn(std::string_view kind) {
    const MaterialLabel* label = Label(kind);
    return label != nullptr ? label->en : kind;
}

std::optional<MediaType> SniffMediaType(std::string_view bytes) {
    // The signatures of the three formats: "%PDF-" (ISO 32000 §7.5.2), the PNG file signature
    // (ISO/IEC 15948 §5.2), and a JPEG start-of-image marker followed by another marker.
    if (StartsWith(bytes, "%PDF-")) {
        return MediaType{"application/pdf", "pdf"};
    }
    if (StartsWith(bytes, std::string_view("\x89PNG\r\n\x1a\n", 8))) {
        return MediaType{"image/png", "png"};
    }
    if (StartsWith(bytes, std::string_view("\xff\xd8\xff", 3))) {
        return MediaType{"image/jpeg", "jpg"};
    }
    return std::nullopt;
}

std::vector<std::string> RequiredMaterials(FilingKind kind, bool serves_meals) {
    if (kind == FilingKind::kChange) {
        return {};
    }
    std::vector<std::string> required = {"business_licence", "site_proof", "staff_certificates", "hygiene_evaluation",
                                         "fire_check"};
    if (serves_meals) {
        required.emplace_back("food_licence");
    }
    return required;
}

std::vector<Finding> CheckMaterials(FilingKind kind, bool serves_meals, const std::set<std::string>& present,
                                    const Json& form) {
    std::vector<Finding> findings;
    auto add = [&](std::string field, std::string value, std::string limit, std::string zh, std::string en) {
        Finding finding;
        finding.rule = "N43";
        finding.severity = Severity::kFail;
        finding.field = std::move(field);
        finding.value = std::move(value);
        finding.limit = std::move(limit);
        finding.source = kSource;
        finding.clause = "第8条";
        finding.message_zh = std::move(zh);
        finding.message_en = std::move(en);
        findings.push_back(std::move(finding));
    };
    for (const std::string& required : RequiredMaterials(kind, serves_meals)) {
        if (present.count(required) == 0) {
            add("materials." + required, "", "", "缺少备案材料：" + std::string(MaterialLabelZh(required)),
                "Missing filing material: " + std::string(MaterialLabelEn(required)));
        }
    }
    if (kind == FilingKind::kChange && present.empty()) {
        add("materials", "", "", "变更备案须上传变更事项的证明材料",
            "A change filing needs at least one file proving the change");
    }
    if (present.count("hygiene_evaluation") != 0) {
        const std::string result = FormText(form, "hygiene_evaluation_result");
        if (result != "qualified") {
            add("form.hygiene_evaluation_result", result, "qualified", "卫生评价报告的结论须为“合格”",
                "The hygiene evaluation report must be rated qualified (合格)");
        }
    }
    if (present.count("fire_check") != 0) {
        auto passed = form.find("fire_check_passed");
        if (passed == form.end() || !passed->is_boolean() || !passed->get<bool>()) {
            add("form.fire_check_passed", "false", "true", "须提供消防安全检查合格的证明",
                "The fire-safety check must have been passed");
        }
    }
    return findings;
}

std::string DownloadName(std::string_view given, std::string_view kind, const MediaType& type) {
    const std::size_t slash = given.find_last_of("/\\");
    if (slash != std::string_view::npos) {
        given.remove_prefix(slash + 1);
    }
    std::string name;
    for (char c : given) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte >= 0x20 && byte != 0x7f && c != '"') {
            name.push_back(c);
        }
    }
    const std::size_t dot = name.find_last_of('.');
    std::string stem = dot == std::string::npos || dot == 0 ? name : name.substr(0, dot);
    if (stem.empty()) {
        stem = std::string(kind);
    }
    // At most 120 bytes of stem, cut at a character boundary of the UTF-8 text.
    if (stem.size() > 120) {
        std::size_t cut = 120;
        while (cut > 0 && (static_cast<unsigned char>(stem[cut]) & 0xC0) == 0x80) {
            --cut;
        }
        stem.resize(cut);
    }
    return stem + "." + std::string(type.extension);
}

}  // namespace tuoyu::filing
