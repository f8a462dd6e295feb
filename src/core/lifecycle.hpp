#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace tuoyu::lifecycle {

// Where an institution stands with its regulator (托育机构登记和备案办法（试行）, RULES S5, N44, N45).
// A registration pushed by 编办, 民政 or 市场监管 creates it `registered`; the county health department
// decides its filings; supervision may order rectification or revoke; the registration authority's
// cancellation or the institution's own closure ends it.
enum class Status {
    kRegistered,       // registration received, not yet filed
    kFilingSubmitted,  // a first filing (or a new one after relocation or revocation) awaits review
    kFilingRejected,   // the filing was returned with reasons; the institution may file again
    kFiled,            // 已备案
    kChangeSubmitted,  // a change filing awaits review; the filed facts stay in force meanwhile
    kRectifying,       // supervision ordered rectification (责令整改)
    kRevoked,          // the filing was revoked; the institution must file anew to operate
    kCancelled,        // the registration was cancelled (注销) — final
    kClosed,           // the institution reported its closure (停止举办) — final
};

enum class Event {
    kSubmitFiling,
    kAcceptFiling,
    kRejectFiling,
    kSubmitChange,
    kAcceptChange,
    kRejectChange,
    kSubmitRelocation,  // a new site needs a new filing (备案办法 第10条; N45)
    kOrderRectification,
    kCompleteRectification,
    kRevoke,
    kCancelRegistration,
    kClose,
};

// Who may cause an event: the institution itself, its regulator, or the registration authority
// through the data exchange.
enum class Actor { kInstitution, kRegulator, kRegistrationAuthority };

struct Transition {
    Status from;
    Event event;
    Status to;
    Actor actor;
};

// Every allowed transition; anything else is refused.
std::span<const Transition> Transitions();

// The status after `event`, or nullopt when the event is not allowed from `from`.
std::optional<Status> Next(Status from, Event event);
// Whether `actor` may cause `event` at all (from some status).
bool MayCause(Actor actor, Event event);
// No event leaves a final status.
bool IsFinal(Status status);
// Whether the institution may take children in this status: filed, or filed with a change or
// rectification pending.
bool MayOperate(Status status);

// Stable codes for storage and the API ("filing_submitted", "submit_filing") and their labels.
std::string_view Code(Status status);
std::string_view Code(Event event);
std::optional<Status> ParseStatus(std::string_view code);
std::optional<Event> ParseEvent(std::string_view code);
std::string_view LabelZh(Status status);
std::string_view LabelEn(Status status);

}  // namespace tuoyu::lifecycle
