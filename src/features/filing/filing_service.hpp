#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/working_days.hpp"
#include "features/filing/checks.hpp"
#include "features/filing/filing_store.hpp"
#include "features/filing/institution_record.hpp"
#include "features/filing/profile.hpp"
#include "features/filing/profile_store.hpp"
#include "storage/database.hpp"

// The rules of filing and review (备案办法 第8–10条; RULES N43–N45) and of the lifecycle events
// beyond it. Each function works in the caller's write transaction on an institution the caller has
// found (and locked) within its scope, takes the time and the acting account, and changes the
// institution's status only through ApplyEvent, so that every change is a lifecycle transition with
// its before and after. Refusals end the request (ApiError); the caller commits.
namespace tuoyu::filing {

// The 备案承诺书 the institution's administrator accepts by name; the text is stored with the filing
// as it was accepted.
extern const char* const kCommitmentText;

struct Actor {
    std::int64_t user_id = 0;
    std::string username;
};

// A new draft. 409 filing_open when the institution has a draft or submitted filing already;
// 409 invalid_transition when the institution's status does not allow this kind of filing (a change or
// a relocation needs a filed institution, a first filing one that is not filed).
FilingRecord CreateFiling(storage::Transaction& tx, const Institution& institution, FilingKind kind, const Json& form,
                          const std::optional<ChangeDeclaration>& change, const Actor& actor, std::int64_t now);

// Edits of a draft: the form, the change declaration, the commitment (accepted now by `signatory`).
struct DraftEdit {
    std::optional<Json> form;
    std::optional<ChangeDeclaration> change;
    std::optional<std::string> signatory;
};
FilingRecord EditDraft(storage::Transaction& tx, FilingRecord filing, const DraftEdit& edit, std::int64_t now);

// Checks and stores one uploaded file: its type from its bytes (415 unsupported_file_type naming
// "file"), its size (413 file_too_large), the filing's totals (413 filing_too_large, 409 too_many_files).
Material AddMaterial(storage::Transaction& tx, const FilingRecord& filing, const std::string& kind,
                     const std::string& given_name, std::string_view bytes, const Actor& actor, std::int64_t now);
void RemoveMaterial(storage::Transaction& tx, const FilingRecord& filing, std::int64_t material_id);

// One thing that would refuse a submission: the error Submit would answer (409 invalid_transition
// when the institution's status no longer allows the filing, else a 422).
struct Gap {
    int status = 422;
    std::string code;
    std::string field;
    std::string zh;
    std::string en;
};

// What submitting the draft now would meet, without submitting (the wizard's 预检): every gap, in the
// order Submit meets them, and the standards findings the reviewer would see. `checks` is empty while
// the profile is incomplete, because the findings are about the profile, and when a parameter of the
// check is not set for the region (that refusal is then the last gap). 409 filing_not_draft once
// submitted: its findings are then the filing's own.
struct Precheck {
    std::vector<Gap> gaps;
    CheckResult checks;
    StoredProfile profile;
};
Precheck Assess(storage::Transaction& tx, const Institution& institution, const FilingRecord& filing, std::int64_t now);

// Submits a draft: checks that the profile, the form, the commitment and the required materials are
// there (422 naming the first missing field), runs the checks, snapshots the declaration, moves the
// institution (submit_filing, submit_change or submit_relocation) and counts the review deadlines
// from today on the calendar, with the periods in force for the institution's region.
FilingRecord Submit(storage::Transaction& tx, const Institution& institution, FilingRecord filing,
                    const WorkingDayCalendar& calendar, const Actor& actor, std::int64_t now);

// The county's decisions (N44): acceptance issues the receipt number; a rejection needs reasons and
// is published.
FilingRecord Accept(storage::Transaction& tx, const Institution& institution, FilingRecord filing,
                    const std::string& note, const Actor& actor, std::int64_t now);
FilingRecord Reject(storage::Transaction& tx, const Institution& institution, FilingRecord filing,
                    const std::vector<std::string>& reasons, const std::string& note, const Actor& actor,
                    std::int64_t now);

// The lifecycle events that are not filings: order_rectification, complete_rectification, revoke,
// close. A filing under review that the event overtakes becomes void.
Institution ApplyInstitutionEvent(storage::Transaction& tx, const Institution& institution, lifecycle::Event event,
                                  const std::string& reason, const Actor& actor, std::int64_t now);

}  // namespace tuoyu::filing
