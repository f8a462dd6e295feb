#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/working_days.hpp"
#include "features/disclosure/puhui.hpp"
#include "features/disclosure/puhui_store.hpp"
#include "storage/database.hpp"

// The rules of 普惠 recognition. Each function works in the caller's write transaction on records the
// caller found (and locked) within its scope, takes the time and the acting account, and refuses with an
// ApiError that changes nothing; the caller commits. "Today" is the day in Asia/Shanghai of `now`.
namespace tuoyu::disclosure {

struct ApplicationInput {
    std::int64_t fee_per_month_yuan = 0;
    std::int64_t slots = 0;
    std::string note;
};

// A filed institution applies (409 not_filed otherwise); one application at a time (409
// application_open) and none while it is 普惠 (409 already_puhui); the 普惠 slots cannot exceed the
// slots of its profile (400 exceeds_slots).
Application Apply(storage::Transaction& tx, const InstitutionFacts& institution, const ApplicationInput& input,
                  const Actor& actor, std::int64_t now);

// The county's review of a submitted application (409 not_submitted otherwise); a rejection needs its
// reasons.
Application Approve(storage::Transaction& tx, const Application& application, const std::string& note,
                    const Actor& actor, std::int64_t now);
Application Reject(storage::Transaction& tx, const Application& application, const std::vector<std::string>& reasons,
                   const std::string& note, const Actor& actor, std::int64_t now);

// Publishes today the approved applications of the county's institutions that may operate, as one
// list open for objections for `working_days` working days (409 nothing_to_publish when there are none).
PublicityList Publish(storage::Transaction& tx, const std::string& county_code, const std::string& title,
                      const WorkingDayCalendar& calendar, int working_days, const Actor& actor, std::int64_t now);

// Anyone may object to a listed entry while the list takes objections (409 publicity_closed,
// 409 entry_not_listed); at most kMaxObjectionsPerList a list (429 objection_limit).
inline constexpr std::int64_t kMaxObjectionsPerList = 500;
std::int64_t Lodge(storage::Transaction& tx, const PublicityList& list, const NewObjection& objection,
                   std::int64_t now);

// The regulator upholds (the entry leaves the list) or dismisses an open objection.
void Resolve(storage::Transaction& tx, const PublicityList& list, const Objection& objection, bool upheld,
             const std::string& resolution, const Actor& actor, std::int64_t now);

// Confirms a list once its period has passed (409 publicity_not_over) with no objection open (409
// objections_open): from today its listed institutions that may still operate are 普惠, the others
// leave it as not_operating.
PublicityList Confirm(storage::Transaction& tx, const PublicityList& list, const Actor& actor, std::int64_t now);

// Ends the institution's 普惠 status today (409 not_puhui when it has none).
Recognition Revoke(storage::Transaction& tx, const InstitutionFacts& institution, const std::string& reason,
                   const Actor& actor, std::int64_t now);

}  // namespace tuoyu::disclosure
