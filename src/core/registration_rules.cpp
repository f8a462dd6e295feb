#include "core/registration_rules.hpp"

#include <array>
#include <tuple>

#include "core/uscc.hpp"

namespace tuoyu::registration {

namespace {

constexpr std::array<LegalNature, 4> kLegalNatures = {{
    {"public_institution", "事业单位", "public institution", false, '1', '2'},
    {"social_service_organization", "社会服务机构", "social service organisation", false, '5', '2'},
    {"enterprise", "企业", "enterprise", true, '9', '1'},
    {"individual_business", "个体工商户", "individual business", true, '9', '2'},
}};

constexpr std::array<Authority, 5> kAuthorities = {{
    {"staffing_office", "机构编制部门", "staffing office", '1'},
    {"civil_affairs", "民政部门", "civil affairs department", '5'},
    {"market_regulation", "市场监管部门", "market regulation department", '9'},
    {"administrative_approval", "行政审批部门", "administrative approval bureau", '9'},
    // Kindergartens open nursery classes under education; it registers no childcare body itself.
    {"education", "教育部门", "education department", 0},
}};

Finding Bad(std::string code, std::string field, std::string zh, std::string en) {
    return {400, std::move(code), std::move(field), std::move(zh), std::move(en)};
}

Finding Broken(std::string code, std::string field, std::string zh, std::string en) {
    return {422, std::move(code), std::move(field), std::move(zh), std::move(en)};
}

bool Contains(const std::string& text, std::string_view part) {
    return text.find(part) != std::string::npos;
}

// Where a body of this nature and kind registers, for the message of a mismatch.
std::string ExpectedZh(Kind kind, const LegalNature& nature) {
    if (kind == Kind::kHomePoint && nature.for_profit) {
        return "市场监管部门";
    }
    if (nature.for_profit) {
        return "市场监管部门或行政审批部门";
    }
    return nature.code == "public_institution" ? "机构编制部门" : "民政部门";
}

std::string ExpectedEn(Kind kind, const LegalNature& nature) {
    if (kind == Kind::kHomePoint && nature.for_profit) {
        return "market regulation";
    }
    if (nature.for_profit) {
        return "market regulation or administrative approval";
    }
    return nature.code == "public_institution" ? "the staffing office" : "civil affairs";
}

}  // namespace

std::string_view KindCode(Kind kind) {
    return kind == Kind::kHomePoint ? "home_point" : "institution";
}

std::optional<Kind> ParseKind(std::string_view code) {
    if (code == "institution") {
        return Kind::kInstitution;
    }
    if (code == "home_point") {
        return Kind::kHomePoint;
    }
    return std::nullopt;
}

std::span<const LegalNature> LegalNatures() {
    return kLegalNatures;
}

std::span<const Authority> Authorities() {
    return kAuthorities;
}

const LegalNature* FindLegalNature(std::string_view code) {
    for (const LegalNature& nature : kLegalNatures) {
        if (nature.code == code) {
            return &nature;
        }
    }
    return nullptr;
}

const Authority* FindAuthority(std::string_view code) {
    for (const Authority& authority : kAuthorities) {
        if (authority.code == code) {
            return &authority;
        }
    }
    return nullptr;
}

bool AuthorityFits(Kind kind, const LegalNature& nature, const Authority& authority) {
    if (nature.for_profit) {
        if (kind == Kind::kHomePoint) {
            return authority.code == "market_regulation";  // N47
        }
        return authority.code == "market_regulation" || authority.code == "administrative_approval";
    }
    if (nature.code == "public_institution") {
        return authority.code == "staffing_office";
    }
    return authority.code == "civil_affairs";
}

std::optional<Finding> Check(const Facts& facts, CivilDate today) {
    const uscc::Result code = uscc::Validate(facts.uscc);
    if (!code.ok()) {
        return Bad(std::string(uscc::FaultCode(code.fault)), "uscc", uscc::DescribeZh(code), uscc::DescribeEn(code));
    }
    for (const auto& [value, field, zh] :
         {std::tuple{&facts.name, "name", "名称"},
          std::tuple{&facts.legal_representative, "legal_representative", "法定代表人"},
          std::tuple{&facts.address, "address", "住所"},
          std::tuple{&facts.business_scope, "business_scope", "经营（业务）范围"},
          std::tuple{&facts.registered_on, "registered_on", "登记日期"}}) {
        if (value->empty()) {
            return Bad("required", field, std::string("缺少") + zh, std::string("The field ") + field + " is missing");
        }
    }
    const std::optional<Kind> kind = ParseKind(facts.kind);
    if (!kind) {
        return Bad("invalid_kind", "kind", "类型须为 institution（托育机构）或 home_point（家庭托育点）",
                   "kind must be institution or home_point");
    }
    const LegalNature* nature = FindLegalNature(facts.legal_nature);
    if (nature == nullptr) {
        return Bad("invalid_legal_nature", "legal_nature",
                   "法人性质须为 public_institution（事业单位）、social_service_organization（社会服务机构）、"
                   "enterprise（企业）或 individual_business（个体工商户）",
                   "legal_nature must be public_institution, social_service_organization, enterprise or "
                   "individual_business");
    }
    const Authority* authority = FindAuthority(facts.registration_authority);
    if (authority == nullptr) {
        return Bad("invalid_registration_authority", "registration_authority",
                   "登记机关须为 staffing_office（机构编制）、civil_affairs（民政）、market_regulation（市场监管）"
                   "或 administrative_approval（行政审批）",
                   "registration_authority must be staffing_office, civil_affairs, market_regulation or "
                   "administrative_approval");
    }
    if (!AuthorityFits(*kind, *nature, *authority)) {
        const std::string what_zh = *kind == Kind::kHomePoint ? "家庭托育点" : "托育机构";
        const std::string what_en = *kind == Kind::kHomePoint ? "home childcare point" : "childcare institution";
        return Broken("authority_mismatch", "registration_authority",
                      std::string("登记机关与法人性质不符：") + std::string(nature->label_zh) + "性质的" + what_zh +
                          "应在" + ExpectedZh(*kind, *nature) + "登记，而非" + std::string(authority->label_zh),
                      "The registration authority does not fit the legal nature: a " + what_en + " that is a " +
                          std::string(nature->label_en) + " registers with " + ExpectedEn(*kind, *nature) +
                          ", not the " + std::string(authority->label_en));
    }
    if (facts.uscc[0] != authority->uscc_department) {
        return Broken("uscc_authority_mismatch", "uscc",
                      std::string("统一社会信用代码第1位（登记管理部门）为 ") + facts.uscc[0] + "，与登记机关" +
                          std::string(authority->label_zh) + "（" + authority->uscc_department + "）不符",
                      std::string("The first character of the unified social credit code (the registering "
                                  "department) is ") +
                          facts.uscc[0] + ", which does not match the " + std::string(authority->label_en) + " (" +
                          authority->uscc_department + ")");
    }
    if (facts.uscc[1] != nature->uscc_category) {
        return Broken("uscc_legal_nature_mismatch", "uscc",
                      std::string("统一社会信用代码第2位（机构类别）为 ") + facts.uscc[1] + "，与法人性质" +
                          std::string(nature->label_zh) + "（" + nature->uscc_department + nature->uscc_category +
                          "）不符",
                      std::string("The second character of the unified social credit code (the kind of body) is ") +
                          facts.uscc[1] + ", which does not match a " + std::string(nature->label_en) + " (" +
                          nature->uscc_department + nature->uscc_category + ")");
    }
    if (*kind == Kind::kHomePoint) {
        if (!Contains(facts.business_scope, "家庭托育服务")) {
            return Broken("scope_lacks_childcare", "business_scope", "家庭托育点的经营（业务）范围须注明“家庭托育服务”",
                          "The business scope of a home childcare point must name 家庭托育服务 (home childcare)");
        }
        if (nature->for_profit && !Contains(facts.name, "托育")) {
            return Broken("name_lacks_childcare", "name", "营利性家庭托育点的名称须含“托育”字样",
                          "The name of a for-profit home childcare point must contain 托育");
        }
    } else if (!Contains(facts.business_scope, "托育服务")) {
        return Broken("scope_lacks_childcare", "business_scope", "托育机构的经营（业务）范围须注明“托育服务”",
                      "The business scope of a childcare institution must name 托育服务 (childcare)");
    }
    const std::optional<CivilDate> date = CivilDate::Parse(facts.registered_on);
    if (!date) {
        return Bad("invalid_date", "registered_on", "登记日期须为 YYYY-MM-DD 格式的日期",
                   "registered_on must be a date YYYY-MM-DD");
    }
    if (*date > today) {
        return Bad("date_in_future", "registered_on", "登记日期不能晚于今天（" + today.ToString() + "）",
                   "registered_on cannot be after today (" + today.ToString() + ")");
    }
    return std::nullopt;
}

}  // namespace tuoyu::registration
