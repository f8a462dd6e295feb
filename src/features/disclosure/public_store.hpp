#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/paging.hpp"
#include "core/working_days.hpp"
#include "storage/database.hpp"

// What anyone may read without signing in (issue 5, part 8; RULES N50 信息公示): the institutions that
// may operate (lifecycle::MayOperate) with their disclosed facts, the regions that have such
// institutions, and the published decisions (rejected filings and 普惠 publicity lists). Never any
// personal data: no legal representative, no phone, no account, no objector. Every read is a page of
// an index range plus look-ups by the page's own ids.
namespace tuoyu::disclosure {

using Json = nlohmann::json;

// At most this many items on a public page.
inline constexpr std::int64_t kMaxPublicPageSize = 100;

struct PublicFilter {
    std::optional<std::string> region_code;  // a subtree, any level
    std::optional<std::string> kind;         // institution | home_point
    std::optional<bool> puhui;
    std::optional<std::string> service_mode;  // S15 code
    std::string name;                         // part of the name, matched literally
};
inline constexpr const char* kPublicSortFields[] = {"id", "name"};

// One page of operating institutions: {items, total, page, page_size}.
Json PublicInstitutions(storage::Transaction& tx, const PublicFilter& filter, const PageRequest& page);
// One operating institution with its 普惠 history, or null when there is none that may operate.
Json PublicInstitution(storage::Transaction& tx, std::int64_t id);

// The regions one level below `parent` (the provinces without it) that hold operating institutions,
// with how many: [{code, name, level, institutions, has_children}].
Json PublicRegions(storage::Transaction& tx, const std::optional<std::string>& parent);

struct DecisionFilter {
    std::optional<std::string> region_code;
    std::optional<std::string> type;  // filing_rejection | puhui_list
};
// Published decisions, newest first: rejected filings with their reasons, and 普惠 publicity lists with
// their entries. {items, total, page, page_size}. `today` says which lists still take objections.
Json PublicDecisions(storage::Transaction& tx, const DecisionFilter& filter, const PageRequest& page, CivilDate today);

// One publicity list as the public sees it (entries, dates, outcomes, numbers of objections), or null.
Json PublicList(storage::Transaction& tx, std::int64_t id, CivilDate today);

}  // namespace tuoyu::disclosure
