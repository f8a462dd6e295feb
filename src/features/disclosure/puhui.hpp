#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/lifecycle.hpp"
#include "core/working_days.hpp"

// The types of 普惠 recognition (issue 5, part 7): an institution's application, the county's dated
// publicity list (公示名单) with its entries, the objections lodged against entries, and the
// recognitions that follow a confirmed list (migration 0010 says how they relate).
namespace tuoyu::disclosure {

using Json = nlohmann::json;

// Stable codes, stored and sent as they are.
namespace application_state {
inline constexpr const char* kSubmitted = "submitted";
inline constexpr const char* kApproved = "approved";
inline constexpr const char* kRejected = "rejected";
inline constexpr const char* kListed = "listed";
inline constexpr const char* kRecognised = "recognised";
inline constexpr const char* kDropped = "dropped";
}  // namespace application_state

namespace list_state {
inline constexpr const char* kPublicity = "publicity";
inline constexpr const char* kConfirmed = "confirmed";
}  // namespace list_state

namespace entry_state {
inline constexpr const char* kListed = "listed";
inline constexpr const char* kRecognised = "recognised";
inline constexpr const char* kDropped = "dropped";
}  // namespace entry_state

namespace objection_state {
inline constexpr const char* kOpen = "open";
inline constexpr const char* kUpheld = "upheld";
inline constexpr const char* kDismissed = "dismissed";
}  // namespace objection_state

// Why an entry left a list without recognition.
inline constexpr const char* kOutcomeObjectionUpheld = "objection_upheld";
inline constexpr const char* kOutcomeNotOperating = "not_operating";

struct Actor {
    std::int64_t user_id = 0;
    std::string username;
};

// What this module reads of an institution: its registered facts, its standing and its profile's slots.
struct InstitutionFacts {
    std::int64_t id = 0;
    std::string name;
    std::string region_code;
    std::string region_name;
    std::string address;
    std::string kind;
    lifecycle::Status status = lifecycle::Status::kRegistered;
    std::optional<std::int64_t> profile_slots;
};

struct Application {
    std::int64_t id = 0;
    std::int64_t institution_id = 0;
    std::string institution_name;
    std::string region_code;  // the institution's
    std::string region_name;
    std::int64_t fee_per_month_yuan = 0;
    std::int64_t slots = 0;
    std::string note;
    std::string state;
    std::string submitted_by;  // user name
    std::int64_t submitted_at = 0;
    std::string decided_by;
    std::int64_t decided_at = 0;
    std::string decision_note;
    std::vector<std::string> rejection_reasons;
    std::optional<std::int64_t> list_id;
};

struct ListEntry {
    std::int64_t id = 0;
    std::int64_t list_id = 0;
    std::int64_t application_id = 0;
    std::int64_t institution_id = 0;
    std::string institution_name;  // as published
    std::string address;
    std::string region_code;
    std::int64_t fee_per_month_yuan = 0;
    std::int64_t slots = 0;
    std::string state;
    std::string outcome;
    std::int64_t changed_at = 0;
    bool operating = false;  // the institution may operate now (lifecycle::MayOperate)
    std::int64_t objections = 0;
    std::int64_t objections_open = 0;
};

struct Objection {
    std::int64_t id = 0;
    std::int64_t list_id = 0;
    std::int64_t entry_id = 0;
    std::string institution_name;
    std::string county_code;  // the list's
    std::string objector_name;
    std::string objector_contact;
    std::string text;
    std::string lodged_on;
    std::int64_t lodged_at = 0;
    std::string state;
    std::string resolution;
    std::string resolved_by;
    std::int64_t resolved_at = 0;
};

struct PublicityList {
    std::int64_t id = 0;
    std::string county_code;
    std::string county_name;
    std::string title;
    std::string state;
    std::string published_on;
    std::int64_t publicity_working_days = 0;
    std::string period_end;  // the last day objections are taken
    bool period_estimated = false;
    std::string published_by;
    std::int64_t published_at = 0;
    std::string effective_from;
    std::string confirmed_by;
    std::int64_t confirmed_at = 0;
    std::vector<ListEntry> entries;  // filled when asked for
};

struct Recognition {
    std::int64_t id = 0;
    std::int64_t institution_id = 0;
    std::int64_t list_id = 0;
    std::int64_t fee_per_month_yuan = 0;
    std::int64_t slots = 0;
    std::string effective_from;
    std::int64_t granted_at = 0;
    std::string revoked_on;
    std::string revocation_reason;
    std::int64_t revoked_at = 0;
};

// The statuses in which an institution may operate (lifecycle::MayOperate), as their codes: the only
// institutions the public sees.
const std::vector<std::string>& OperatingStatusCodes();

// An institution may apply while it is filed (a change under review keeps it filed).
bool MayApply(lifecycle::Status status);

// The county (level 3) that a 12-digit code lies in, as a 12-digit code; "" above county level.
std::string CountyOf(const std::string& region_code);

// The publicity period: it starts on the publishing day and ends `working_days` working days after it
// (the publishing day itself not counted), on the working-day calendar; objections are taken up to and
// including that day. `estimated` when the calendar does not cover every day of it.
struct PublicityPeriod {
    CivilDate published_on;
    CivilDate period_end;
    bool estimated = false;
};
PublicityPeriod ComputePeriod(const WorkingDayCalendar& calendar, CivilDate published_on, int working_days);

// Whether a list takes objections on `today`, and whether it may be confirmed then.
bool TakesObjections(const PublicityList& list, CivilDate today);
bool PeriodOver(const PublicityList& list, CivilDate today);

Json ApplicationJson(const Application& application);
Json EntryJson(const ListEntry& entry);
// The list with its entries, for regulators.
Json ListJson(const PublicityList& list);
Json ObjectionJson(const Objection& objection);
Json RecognitionJson(const Recognition& recognition);

}  // namespace tuoyu::disclosure
