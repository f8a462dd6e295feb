#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/identity_vault.hpp"
#include "core/paging.hpp"
#include "core/scope.hpp"
#include "core/standards_check.hpp"
#include "storage/database.hpp"

// Children at institutions (issue 7): classes, children with their guardians and pick-up persons,
// consents, enrolment, attendance with the live ratio of each class, health checks and events, growth,
// the daily record and the notices to guardians. This file is the storage; the rules are
// core/care_rules and the checks that combine them are in care_service.cpp.
namespace tuoyu::children {

inline constexpr const char* kIdPlace = "children.id_number";

struct InstitutionRef {
    std::int64_t id = 0;
    std::string name;
    std::string region_code;
    std::string status;
    std::optional<std::int64_t> slots;  // the filed slots (N22); nullopt before a filing
};
// The institution within a regulator's or institution's scope (guardians reach none this way).
std::optional<InstitutionRef> FindInstitution(storage::Transaction& tx, const Scope& scope, std::int64_t id);

// ---- Classes ------------------------------------------------------------------------------------

struct ClassInfo {
    std::int64_t id = 0;
    std::int64_t institution_id = 0;
    std::string name;
    std::string class_type;
    std::int64_t enrolled = 0;
    // Today's presence: zero when the presence row is of another day.
    std::int64_t present_children = 0;
    std::int64_t present_caregivers = 0;
    bool breach_open = false;
    std::int64_t breaches_today = 0;
};
std::vector<ClassInfo> Classes(storage::Transaction& tx, std::int64_t institution_id, const std::string& today);
std::optional<ClassInfo> FindClass(storage::Transaction& tx, std::int64_t institution_id, std::int64_t class_id,
                                   const std::string& today);
// The class without its figures (id, institution, name, type): what a movement needs, in one lookup.
std::optional<ClassInfo> FindClassBrief(storage::Transaction& tx, std::int64_t institution_id, std::int64_t class_id);
bool ClassNameTaken(storage::Transaction& tx, std::int64_t institution_id, const std::string& name);
std::int64_t InsertClass(storage::Transaction& tx, std::int64_t institution_id, const std::string& name,
                         const std::string& class_type, std::int64_t user_id, std::int64_t now);

// ---- Children and contacts ----------------------------------------------------------------------

struct NewChild {
    std::string name;
    std::string id_kind = "resident_id";
    std::string id_number;
    std::string birth_date;
    std::string sex;
    std::string allergies;
    std::string special_needs;
};

struct Contact {
    std::int64_t id = 0;
    std::int64_t child_id = 0;
    std::string name;
    std::string relationship;
    std::string phone;
    bool guardian = false;
    bool can_pick_up = false;
    std::optional<std::int64_t> user_id;
};

struct Child {
    std::int64_t id = 0;
    std::int64_t institution_id = 0;
    std::string institution_name;
    std::string region_code;
    std::string name;
    std::string id_kind;
    std::string id_masked;
    std::string sex;
    std::string birth_date;
    std::string allergies;
    std::string special_needs;
    std::string status;
    std::optional<std::int64_t> class_id;
    std::string class_name;
    std::string class_type;
    std::string agreement_signed_on;
    std::string vaccination_checked_on;
    std::string entry_exam_on;
    std::string enrolled_on;
    std::string left_on;
    std::string left_reason;
    std::string last_present_on;  // the last day checked in, from the attendance
    std::string recheck_on;
    bool applied_online = false;
    std::int64_t created_at = 0;
};

// N25: the day a child's absence counts from: the last day present (or the entry examination, before the
// first), or a re-examination after it.
std::optional<CivilDate> RecheckBase(const Child& child);
// Locks the institution's row (PostgreSQL) so that concurrent enrolments count its children one at a time.
void LockInstitution(storage::Transaction& tx, std::int64_t institution_id);

std::int64_t InsertChild(storage::Transaction& tx, const crypto::IdentityVault& vault, const NewChild& child,
                         std::int64_t institution_id, std::optional<std::int64_t> applied_by, std::int64_t user_id,
                         std::int64_t now);
// Whether the person (by keyed hash) is applied for or enrolled at the institution now.
bool Active(storage::Transaction& tx, std::int64_t institution_id, const std::string& id_hash);
std::int64_t InsertContact(storage::Transaction& tx, const Contact& contact, std::int64_t user_id, std::int64_t now);
std::vector<Contact> Contacts(storage::Transaction& tx, std::int64_t child_id);
// Whether `contact_id` is one of the child's contacts (and may collect the child, when asked).
bool IsContact(storage::Transaction& tx, std::int64_t child_id, std::int64_t contact_id, bool may_pick_up);

// The child in scope: a regulator's subtree, the institution's own children, or a guardian's own.
std::optional<Child> FindChild(storage::Transaction& tx, const Scope& scope, std::int64_t id);

struct ListFilter {
    std::string keyword;
    std::optional<std::string> status;
    std::optional<std::int64_t> class_id;
};
inline const char* const kSortFields[] = {"id", "name", "birth_date", "status"};
std::vector<Child> List(storage::Transaction& tx, std::int64_t institution_id, const ListFilter& filter,
                        const PageRequest& page, std::int64_t& total);
// The children a guardian's account is linked to, in every institution.
std::vector<Child> OfGuardian(storage::Transaction& tx, std::int64_t user_id);

// Children enrolled at the institution, and in a class.
std::int64_t EnrolledCount(storage::Transaction& tx, std::int64_t institution_id);
std::int64_t EnrolledInClass(storage::Transaction& tx, std::int64_t class_id);

struct Enrolment {
    std::int64_t class_id = 0;
    std::string agreement_signed_on;
    std::string vaccination_checked_on;
    std::string entry_exam_on;
    std::string enrolled_on;
};
void Enrol(storage::Transaction& tx, std::int64_t child_id, const Enrolment& enrolment, std::int64_t now);
void SetClass(storage::Transaction& tx, std::int64_t child_id, std::int64_t class_id, std::int64_t now);
void Leave(storage::Transaction& tx, std::int64_t child_id, const std::string& left_on, const std::string& reason,
           std::int64_t now);
void SetRecheck(storage::Transaction& tx, std::int64_t child_id, const std::string& exam_on, std::int64_t now);

struct Consent {
    std::int64_t id = 0;
    std::int64_t contact_id = 0;
    std::string contact_name;
    std::string purpose;
    std::int64_t given_at = 0;
    std::optional<std::int64_t> withdrawn_at;
};
std::vector<Consent> Consents(storage::Transaction& tx, std::int64_t child_id);
std::int64_t GiveConsent(storage::Transaction& tx, std::int64_t child_id, std::int64_t contact_id,
                         const std::string& purpose, std::int64_t user_id, std::int64_t now);
// Withdraws the contact's consent in force for the purpose; the id of the row, or nullopt when none is.
std::optional<std::int64_t> WithdrawConsent(storage::Transaction& tx, std::int64_t child_id, std::int64_t contact_id,
                                            const std::string& purpose, std::int64_t now);

// ---- Attendance and the live ratio --------------------------------------------------------------

struct Attendance {
    std::int64_t id = 0;
    std::int64_t child_id = 0;
    std::optional<std::int64_t> class_id;
    std::string day;
    std::optional<std::int64_t> in_at;
    std::string brought_by_name;
    std::optional<std::int64_t> out_at;
    std::string collected_by_name;
    bool absent = false;
    std::string absence_reason;
    bool absence_reported_by_guardian = false;
    std::string follow_up_staff_name;
    std::string follow_up_note;
    std::optional<std::int64_t> follow_up_at;
};
std::optional<Attendance> AttendanceOf(storage::Transaction& tx, std::int64_t child_id, const std::string& day);
// The day's row without the names: what a check-in or check-out decides on.
struct DayState {
    std::optional<std::int64_t> class_id;
    std::optional<std::int64_t> in_at;
    std::optional<std::int64_t> out_at;
    bool absent = false;
};
std::optional<DayState> DayStateOf(storage::Transaction& tx, std::int64_t child_id, const std::string& day);
void InsertCheckIn(storage::Transaction& tx, std::int64_t child_id, std::int64_t institution_id, std::int64_t class_id,
                   const std::string& day, std::int64_t at, std::int64_t brought_by, std::int64_t user_id);
// False when the child is not in (checked out already by a request that came first).
bool UpdateCheckOut(storage::Transaction& tx, std::int64_t child_id, const std::string& day, std::int64_t at,
                    std::int64_t collected_by, std::int64_t user_id);
// A child marked absent who comes after all: the day's absence becomes the check-in. False when there was
// no such absence.
bool CheckInAbsent(storage::Transaction& tx, std::int64_t child_id, const std::string& day, std::int64_t at,
                   std::int64_t brought_by, std::int64_t user_id);
// The moment the civil day `day` ends in China, in epoch milliseconds.
std::int64_t DayEnd(const std::string& day);
void RecordAbsence(storage::Transaction& tx, std::int64_t child_id, std::int64_t institution_id,
                   std::optional<std::int64_t> class_id, const std::string& day, const std::string& reason,
                   std::int64_t user_id, std::int64_t now);
void RecordFollowUp(storage::Transaction& tx, std::int64_t child_id, const std::string& day, std::int64_t staff_id,
                    const std::string& note, std::int64_t now);

// The day's register of an institution: every enrolled child with its attendance of the day.
struct RegisterRow {
    std::int64_t child_id = 0;
    std::string name;
    std::optional<std::int64_t> class_id;
    std::string class_name;
    std::optional<Attendance> attendance;
    bool morning_check_done = false;
    bool abnormal = false;
};
std::vector<RegisterRow> Register(storage::Transaction& tx, std::int64_t institution_id, const std::string& day);

// A staff member of the institution (employed), for shifts and follow-ups.
struct StaffRef {
    std::int64_t id = 0;
    std::string name;
    std::string role;
};
std::optional<StaffRef> EmployedStaff(storage::Transaction& tx, std::int64_t institution_id, std::int64_t staff_id);
// Everyone employed at the institution now, for the pickers of the day's register.
std::vector<StaffRef> Roster(storage::Transaction& tx, std::int64_t institution_id);

struct Shift {
    std::int64_t id = 0;
    std::int64_t staff_id = 0;
    std::string name;
    std::string role;
    std::optional<std::int64_t> class_id;
    std::string day;
    std::int64_t in_at = 0;
    std::optional<std::int64_t> out_at;
    std::int64_t institution_id = 0;
};
std::optional<Shift> OpenShift(storage::Transaction& tx, std::int64_t staff_id);
std::int64_t StartShift(storage::Transaction& tx, std::int64_t staff_id, std::int64_t institution_id,
                        std::optional<std::int64_t> class_id, const std::string& day, std::int64_t at,
                        std::int64_t user_id);
// False when the shift was ended already (by a request that came first).
bool EndShift(storage::Transaction& tx, std::int64_t shift_id, std::int64_t at);
// The shifts of the day at the institution, and those still open from earlier days.
std::vector<Shift> Shifts(storage::Transaction& tx, std::int64_t institution_id, const std::string& day);

// A child or caregiver arriving in (+1) or leaving (-1) a class: moves the class's presence of `day`
// (starting from zero on a new day) and opens or closes its ratio breach against the parameters in
// force. Returns the presence after the move.
struct Presence {
    std::int64_t children = 0;
    std::int64_t caregivers = 0;
    std::optional<int> needed;  // nullopt when the ratio has no value in force
    bool breach_open = false;
};
Presence MoveInClass(storage::Transaction& tx, const ClassInfo& klass, const std::string& region_code,
                     const std::string& day, int children, int caregivers, std::int64_t at,
                     const standards::Parameters& parameters);

struct BreachRow {
    std::int64_t class_id = 0;
    std::string rule;
    std::int64_t started_at = 0;
    std::optional<std::int64_t> ended_at;
    std::int64_t children = 0;
    std::int64_t caregivers = 0;
    std::int64_t needed = 0;
};
std::vector<BreachRow> Breaches(storage::Transaction& tx, std::int64_t institution_id, const std::string& day);

// ---- Health, growth, the daily record and notices -----------------------------------------------

struct HealthCheck {
    std::int64_t id = 0;
    std::string day;
    std::string kind;
    std::optional<std::int64_t> temperature_tenths;
    std::string findings;
    std::string action;
    bool abnormal = false;
    bool guardian_notified = false;
    std::int64_t recorded_at = 0;
};
std::int64_t InsertHealthCheck(storage::Transaction& tx, std::int64_t child_id, std::int64_t institution_id,
                               const HealthCheck& check, std::int64_t user_id);
std::vector<HealthCheck> HealthChecks(storage::Transaction& tx, std::int64_t child_id, const std::string& day);

struct HealthEvent {
    std::int64_t id = 0;
    std::string kind;
    std::string disease;
    std::string note;
    std::string happened_on;
    std::int64_t created_at = 0;
};
std::int64_t InsertHealthEvent(storage::Transaction& tx, std::int64_t child_id, std::int64_t institution_id,
                               const HealthEvent& event, std::int64_t user_id);
// All of a child's events, or those of one day when `day` is given.
std::vector<HealthEvent> HealthEvents(storage::Transaction& tx, std::int64_t child_id,
                                      const std::optional<std::string>& day);

struct Growth {
    std::int64_t id = 0;
    std::string measured_on;
    std::int64_t height_mm = 0;
    std::int64_t weight_g = 0;
};
std::int64_t InsertGrowth(storage::Transaction& tx, std::int64_t child_id, const Growth& growth, std::int64_t user_id,
                          std::int64_t now);
std::vector<Growth> GrowthOf(storage::Transaction& tx, std::int64_t child_id);

struct Daily {
    std::string day;
    std::string meals;
    std::int64_t nap_minutes = 0;
    std::int64_t nappies = 0;
    std::string mood;
    std::int64_t outdoor_minutes = 0;
    std::string activities;
    std::int64_t updated_at = 0;
};
void PutDaily(storage::Transaction& tx, std::int64_t child_id, const Daily& daily, std::int64_t user_id);
std::optional<Daily> DailyOf(storage::Transaction& tx, std::int64_t child_id, const std::string& day);

struct Notice {
    std::int64_t id = 0;
    std::string kind;
    std::string message;
    std::int64_t created_at = 0;
};
std::int64_t InsertNotice(storage::Transaction& tx, std::int64_t child_id, const std::string& kind,
                          const std::string& message, std::int64_t user_id, std::int64_t now);
// One notice to the guardians of every child enrolled at the institution (or in one of its classes);
// the number of children it reached.
std::int64_t NoticeToEnrolled(storage::Transaction& tx, std::int64_t institution_id,
                              std::optional<std::int64_t> class_id, const std::string& message, std::int64_t user_id,
                              std::int64_t now);
// The notices created in [since, until) (epoch milliseconds), newest first.
std::vector<Notice> Notices(storage::Transaction& tx, std::int64_t child_id, std::int64_t since, std::int64_t until);
// Whether one of the child's contacts is linked to an account, so that a notice reaches someone.
bool HasLinkedGuardian(storage::Transaction& tx, std::int64_t child_id);
// N27: whether the child's latest infectious-disease report has no return certificate after it.
bool AwaitsReturnCertificate(storage::Transaction& tx, std::int64_t child_id);

// ---- Figures for the statistics module ----------------------------------------------------------

struct Figures {
    std::int64_t institution_id = 0;
    std::string institution_name;
    std::string region_code;
    std::optional<std::int64_t> slots;
    std::int64_t enrolled = 0;  // on the day: enrolled by then, not yet left
    std::int64_t under_1 = 0;   // enrolled on the day, by completed years of age on the day
    std::int64_t age_1 = 0;
    std::int64_t age_2 = 0;           // two, not yet three
    std::int64_t present = 0;         // checked in on the day
    std::int64_t health_checked = 0;  // present, with a morning check on the day
    std::int64_t breaches = 0;        // ratio breaches begun on the day
};
// Per institution of the scope (and region), and their sum in `sum`.
std::vector<Figures> InstitutionFigures(storage::Transaction& tx, const Scope& scope,
                                        const std::optional<std::string>& region_code, const std::string& day,
                                        const PageRequest& page, std::int64_t& total, Figures& sum);

}  // namespace tuoyu::children
