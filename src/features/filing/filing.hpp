#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/lifecycle.hpp"
#include "core/standards_check.hpp"

// The types of the filing module (备案, 托育机构登记和备案办法（试行）第8–10条; RULES N43–N45): what an
// institution files, what it uploads, what the checks find and the review deadlines.
namespace tuoyu::filing {

using Json = nlohmann::json;

// initial: the first filing, or a new one after a rejection or a revocation; change: a change of
// name, address, head, service mode or slots of a filed institution; relocation: a new site, which
// needs a new filing (备案办法 第10条; N45).
enum class FilingKind { kInitial, kChange, kRelocation };

// draft → submitted → accepted | rejected; a submitted filing that a lifecycle event overtakes (a
// revocation, a closure, an order to rectify) becomes void.
enum class FilingState { kDraft, kSubmitted, kAccepted, kRejected, kVoid };

std::string_view Code(FilingKind kind);
std::string_view Code(FilingState state);
std::optional<FilingKind> ParseFilingKind(std::string_view code);
std::optional<FilingState> ParseFilingState(std::string_view code);

// The lifecycle events a filing of this kind causes when it is submitted, accepted, rejected.
lifecycle::Event SubmitEvent(FilingKind kind);
lifecycle::Event AcceptEvent(FilingKind kind);
lifecycle::Event RejectEvent(FilingKind kind);

// One result of a check of a submitted filing: the RULES.md row, how bad, the field of the filed facts,
// the value found and the limit in force, where the limit comes from, and a message. The same shape as
// the standards check's (core/standards_check.hpp), so that a filing stores one list of them.
using Finding = standards::Finding;
using standards::Severity;

// The review deadlines of a submitted filing, counted on the working-day calendar from the day of
// receipt (备案办法 第9条; N44). `estimated` when the calendar lacks a year the count passes through:
// the dates are then Monday-to-Friday estimates and must be shown as such.
struct Deadlines {
    std::string received_on;    // YYYY-MM-DD, Asia/Shanghai
    std::string receipt_due;    // receipt day + filing_receipt_working_days
    std::string rejection_due;  // receipt day + filing_rejection_working_days
    int receipt_working_days = 0;
    int rejection_working_days = 0;
    bool estimated = false;
};

// How a submitted filing stands on a given day, for the review queue.
enum class Warning { kOk, kDueSoon, kOverdue };
std::string_view Code(Warning warning);

struct DeadlineStatus {
    std::int64_t receipt_working_days_left = 0;    // negative once the day is past
    std::int64_t rejection_working_days_left = 0;  // likewise
    Warning warning = Warning::kOk;
    // Which deadline the warning is about: "receipt" while its day has not passed (ok, due soon) or
    // only it has passed (overdue), "rejection" once both have.
    std::string deadline;
};

}  // namespace tuoyu::filing
