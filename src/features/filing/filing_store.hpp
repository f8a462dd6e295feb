#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/scope.hpp"
#include "features/filing/filing.hpp"
#include "features/filing/materials.hpp"
#include "storage/database.hpp"

// The SQL of filings, their materials and the stored files. Reads take the caller's scope; a filing
// belongs to the scope of its institution.
namespace tuoyu::filing {

struct Material {
    std::int64_t id = 0;
    std::int64_t filing_id = 0;
    std::string kind;
    std::string file_name;   // the name it downloads as, with the extension of its real type
    std::string given_name;  // the name it was uploaded with
    std::string media_type;
    std::int64_t size = 0;
    std::string sha256;
    std::string uploaded_by;  // user name
    std::int64_t uploaded_at = 0;
};

struct Commitment {
    std::string text;
    std::string signatory;
    std::int64_t accepted_at = 0;
};

struct FilingRecord {
    std::int64_t id = 0;
    std::int64_t institution_id = 0;
    std::string institution_name;
    std::string region_code;  // the institution's
    std::string region_name;
    FilingKind kind = FilingKind::kInitial;
    FilingState state = FilingState::kDraft;
    Json form = Json::object();
    std::optional<std::string> change_date;
    std::vector<std::string> change_items;
    std::optional<Commitment> commitment;
    Json declaration;  // null until submitted
    Json findings;     // null until submitted; then a list
    std::int64_t days_late = 0;
    std::optional<Deadlines> deadlines;
    std::int64_t submitted_at = 0;
    std::string submitted_by;
    std::int64_t decided_at = 0;
    std::string decided_by;
    std::string decision_note;
    std::string receipt_number;
    Json rejection_reasons;  // null or a list of strings
    std::int64_t published_at = 0;
    std::int64_t created_at = 0;
    std::string created_by;
    std::int64_t updated_at = 0;
    std::vector<Material> materials;  // filled by FindFiling
};

std::optional<FilingRecord> FindFiling(storage::Transaction& tx, const Scope& scope, std::int64_t id);
// The institution's filings, newest first, without their materials.
std::vector<FilingRecord> ListFilings(storage::Transaction& tx, std::int64_t institution_id);
// The institution's draft or submitted filing, if any: an institution has at most one open filing.
std::optional<std::int64_t> OpenFilingId(storage::Transaction& tx, std::int64_t institution_id);

std::int64_t InsertFiling(storage::Transaction& tx, std::int64_t institution_id, FilingKind kind, const Json& form,
                          std::int64_t user_id, std::int64_t now);
void SaveDraft(storage::Transaction& tx, const FilingRecord& filing, std::int64_t now);

// What submission stores: the snapshot, the findings, the lateness and the deadlines.
void MarkSubmitted(storage::Transaction& tx, const FilingRecord& filing, std::int64_t user_id, std::int64_t now);
void MarkAccepted(storage::Transaction& tx, std::int64_t filing_id, const std::string& receipt_number,
                  const std::string& note, std::int64_t user_id, std::int64_t now);
void MarkRejected(storage::Transaction& tx, std::int64_t filing_id, const std::vector<std::string>& reasons,
                  const std::string& note, std::int64_t user_id, std::int64_t now);
// The institution's submitted filings become void: a lifecycle event has overtaken them.
void VoidSubmitted(storage::Transaction& tx, std::int64_t institution_id, const std::string& note, std::int64_t user_id,
                   std::int64_t now);

// Submitted filings within the scope for the review queue, by receipt deadline (or `sort`): the
// filter on receipt_due is a range of days [due_from, due_before).
struct QueueQuery {
    std::optional<std::string> region_code;  // a subtree
    std::optional<FilingKind> kind;
    std::optional<std::string> due_from;    // YYYY-MM-DD, inclusive
    std::optional<std::string> due_before;  // exclusive
    std::string sort = "receipt_due";       // receipt_due | submitted_at | id
    bool descending = false;
    std::int64_t limit = 20;
    std::int64_t offset = 0;
};
inline constexpr const char* kQueueSortFields[] = {"receipt_due", "submitted_at", "id"};
std::vector<FilingRecord> SubmittedFilings(storage::Transaction& tx, const Scope& scope, const QueueQuery& query,
                                           std::int64_t& total);

// The next receipt number of the county and year: "TY-211104-2025-0001".
std::string NextReceiptNumber(storage::Transaction& tx, const std::string& county_code, int year);

// ---- Materials and stored files -----------------------------------------------------------------

struct MaterialTotals {
    std::int64_t count = 0;
    std::int64_t bytes = 0;
};
MaterialTotals Totals(storage::Transaction& tx, std::int64_t filing_id);

// Stores the bytes once per SHA-256 and the material row pointing at them.
Material InsertMaterial(storage::Transaction& tx, std::int64_t filing_id, const std::string& kind,
                        const std::string& given_name, const MediaType& type, std::string_view bytes,
                        std::int64_t user_id, std::int64_t now);
std::vector<Material> ListMaterials(storage::Transaction& tx, std::int64_t filing_id);
std::optional<Material> FindMaterial(storage::Transaction& tx, std::int64_t filing_id, std::int64_t material_id);
// The stored bytes of a file; throws when they are missing or do not match their hash.
std::string ReadFile(storage::Transaction& tx, const std::string& sha256);
// Removes the material, and the stored file when nothing else refers to it.
void DeleteMaterial(storage::Transaction& tx, const Material& material);

Json MaterialJson(const Material& material);

}  // namespace tuoyu::filing
