#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/working_days.hpp"

namespace tuoyu::registration {

// Who registers a childcare institution, by its legal nature (RULES S5, N46; 托育机构登记和备案办法
// （试行）): a public institution (事业单位) with the staffing office (机构编制部门), a social service
// organisation (社会服务机构, formerly 民办非企业单位) with civil affairs (民政), a for-profit body with
// market regulation (市场监管) or, where it has taken over that registration, the administrative
// approval bureau (行政审批). A for-profit home childcare point registers with market regulation, has
// 托育 in its name and 家庭托育服务 in its scope (N47). The codes are those of the dictionaries
// legal_natures and registration_authorities (data/dictionaries/seeds.json).

enum class Kind { kInstitution, kHomePoint };

std::string_view KindCode(Kind kind);  // "institution", "home_point"
std::optional<Kind> ParseKind(std::string_view code);

struct LegalNature {
    std::string_view code;
    std::string_view label_zh;
    std::string_view label_en;
    bool for_profit;
    // The first two characters of a unified social credit code of this nature: the registering
    // department and the kind of body (GB 32100-2015 table 1).
    char uscc_department;
    char uscc_category;
};

struct Authority {
    std::string_view code;
    std::string_view label_zh;
    std::string_view label_en;
    // The department character its codes carry; 0 for an authority that registers no childcare body.
    char uscc_department;
};

std::span<const LegalNature> LegalNatures();
std::span<const Authority> Authorities();
const LegalNature* FindLegalNature(std::string_view code);
const Authority* FindAuthority(std::string_view code);

// Whether the authority registers bodies of this legal nature and kind.
bool AuthorityFits(Kind kind, const LegalNature& nature, const Authority& authority);

// One broken rule: the HTTP status to answer (400 for a value that is not valid at all, 422 for valid
// values that break a registration rule), a stable code, the field and the message in both languages.
struct Finding {
    int status = 400;
    std::string code;
    std::string field;
    std::string message_zh;
    std::string message_en;
};

// The content of a registration record as the registration authority states it.
struct Facts {
    std::string uscc;  // normalised (uscc::Normalize)
    std::string name;
    std::string kind;
    std::string legal_nature;
    std::string registration_authority;
    std::string legal_representative;
    std::string address;
    std::string business_scope;
    std::string registered_on;  // YYYY-MM-DD
};

// Every check that needs no database, in a fixed order; the first finding, or nullopt when the facts
// pass: the code is a valid USCC; name, legal representative, address, scope and date are given; kind, legal nature and
// authority are known codes; the authority fits the legal nature and kind (S5, N46, N47); the code's first character is
// the authority's department and its second the legal nature's kind of body; the business scope names 托育服务
// (家庭托育服务 for a home point); a for-profit home point's name contains 托育; the date is a real
// date and not after `today`.
std::optional<Finding> Check(const Facts& facts, CivilDate today);

}  // namespace tuoyu::registration
