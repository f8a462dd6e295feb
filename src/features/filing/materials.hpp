#pragma once

#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "features/filing/filing.hpp"

// The scanned materials of a filing (备案办法 第8条; RULES N43): which kinds there are, which a
// filing must have, and which files are accepted — told by their bytes, never by name or header.
namespace tuoyu::filing {

// One file at most this large; all the files of one filing together at most kMaxFilingBytes; at
// most kMaxMaterialsPerFiling files. Scans of a licence or a certificate are well under a few MiB.
inline constexpr std::size_t kMaxMaterialBytes = 10 * 1024 * 1024;
inline constexpr std::size_t kMaxFilingBytes = 60 * 1024 * 1024;
inline constexpr std::size_t kMaxMaterialsPerFiling = 40;

// The kinds of material, in the order of 备案办法 第8条.
inline constexpr std::string_view kMaterialKinds[] = {
    "business_licence",    // 营业执照 or 法人登记证书
    "site_proof",          // 场地证明
    "staff_certificates",  // 工作人员资格证书和健康合格证明
    "hygiene_evaluation",  // 卫生评价报告（合格）
    "fire_check",          // 消防安全检查合格证明
    "food_licence",        // 食品经营许可证, when meals are served
    "other",               // 其他法律法规规定的材料
};

bool IsMaterialKind(std::string_view kind);
std::string_view MaterialLabelZh(std::string_view kind);
std::string_view MaterialLabelEn(std::string_view kind);

struct MediaType {
    std::string_view mime;       // "application/pdf"
    std::string_view extension;  // "pdf"
};

// PDF, JPEG or PNG by the file's first bytes; nullopt for anything else (an executable, a Word file,
// a PDF name on PNG bytes is PNG).
std::optional<MediaType> SniffMediaType(std::string_view bytes);

// The kinds a filing must carry before it can be submitted: for a first filing and a relocation
// (a new site) every kind of 第8条, the food licence only when meals are served; for a change, the
// proof of the change, which may be any kind (at least one file).
std::vector<std::string> RequiredMaterials(FilingKind kind, bool serves_meals);

// The findings of RULES N43 about the materials: one error per required kind that is missing (a
// filing with any of them cannot be submitted), and the declared results the materials must show:
// the hygiene evaluation rated 合格, the fire-safety check passed.
std::vector<Finding> CheckMaterials(FilingKind kind, bool serves_meals, const std::set<std::string>& present,
                                    const Json& form);

// The file name a person gave, reduced to its last path component, without control characters,
// at most 120 characters, and with the extension of the type the bytes really are.
std::string DownloadName(std::string_view given, std::string_view kind, const MediaType& type);

}  // namespace tuoyu::filing
