#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/paging.hpp"
#include "core/registration_rules.hpp"
#include "core/row_error.hpp"
#include "core/scope.hpp"
#include "storage/database.hpp"

namespace tuoyu::registry {

// The content of one registration record: what the registration authority states. Two records
// with the same content have the same ContentHash.
struct Content {
    std::string uscc;
    std::string name;
    std::string kind = "institution";
    std::string legal_nature;
    std::string registration_authority;
    std::string legal_representative;
    std::string address;
    std::string region_code;  // 12 digits, county or below
    std::string business_scope;
    std::string registered_on;  // YYYY-MM-DD
};

// The fields of Content in their stored order, for "which fields changed" and the import columns.
inline constexpr const char* kContentFields[] = {
    "uscc",    "name",        "kind",           "legal_nature", "registration_authority", "legal_representative",
    "address", "region_code", "business_scope", "registered_on"};

const std::string& FieldOf(const Content& content, std::string_view field);
std::string& FieldOf(Content& content, std::string_view field);

// SHA-256 over the fields, each length-prefixed: equal content, equal hash.
std::string ContentHash(const Content& content);

// Trims every field and normalises the USCC (capitals) and the region code (12 digits, when it is one).
Content Normalized(Content content);

enum class Source { kPush, kManual, kImport };
std::string_view SourceCode(Source source);

// Who sent a record: the account (0 for none) and its user name.
struct Sender {
    std::int64_t user_id = 0;
    std::string username;
};

struct Registration {
    std::int64_t id = 0;
    std::int64_t institution_id = 0;
    int version = 0;
    Content content;
    std::string region_name;
    std::string source;
    std::string sent_by;
    std::int64_t received_at = 0;
    std::string content_hash;
    std::string institution_status;
    std::int64_t institution_status_since = 0;  // 0 when unknown
    bool current = false;                       // the institution's current version
};

enum class Outcome {
    kUnchanged,       // the same content as the current version: nothing stored
    kNewVersion,      // a changed record of a known USCC: a new version, the institution updated
    kNewInstitution,  // a new USCC: the institution created `registered`, with its first transition
};
std::string_view OutcomeCode(Outcome outcome);

// The checks of a record against the region tree, after registration::Check: the region exists, is
// a county or lies below one, and is in force on `today`. The first finding, or nullopt.
std::optional<registration::Finding> CheckRegion(storage::Transaction& tx, const std::string& region_code,
                                                 const std::string& today);

// Every check of a record before it is saved, in order: registration::Check; the region code is
// given and lies in `scope` (the sender's); CheckRegion; an institution already registered under the
// code lies in `scope` too. The first finding (status 403, code out_of_scope, for the scope), or
// nullopt. A region outside the scope is refused before the tree is asked whether it exists.
std::optional<registration::Finding> CheckContent(storage::Transaction& tx, const Content& content, CivilDate today,
                                                  const Scope& scope);

// What Save would do with checked content, without saving it.
Outcome Preview(storage::Transaction& tx, const Content& content);

struct SaveResult {
    Outcome outcome = Outcome::kUnchanged;
    Registration registration;       // the stored (or the unchanged current) version
    std::string institution_before;  // JSON text of the institution before ("" if new)
    std::string institution_after;
};

// Saves checked content in the caller's write transaction (the caller commits). Two saves of the
// same USCC at once are serialised (PostgreSQL: a transaction-level advisory lock on the code).
SaveResult Save(storage::Transaction& tx, const Content& content, Source source, const Sender& sender,
                std::int64_t now);

// Reads within a scope; outside it a record does not exist.
std::optional<Registration> Find(storage::Transaction& tx, const Scope& scope, std::int64_t id);

// Every version of an institution's registration, oldest first; nullopt when the institution is
// not within the scope (an institution in scope without registrations has an empty history).
std::optional<std::vector<Registration>> History(storage::Transaction& tx, const Scope& scope,
                                                 std::int64_t institution_id);

// The fields in which `after` differs from `before`.
std::vector<std::string> ChangedFields(const Content& before, const Content& after);

struct ListFilter {
    std::optional<std::string> region_code;  // a subtree
    std::string keyword;                     // part of the name, or of the USCC
    std::optional<std::string> kind;
    std::optional<std::string> status;  // the institution's
};

inline constexpr const char* kSortFields[] = {"id", "name", "uscc", "registered_on", "received_at"};

struct Page {
    std::vector<Registration> items;
    std::int64_t total = 0;
};

// The current version of each institution's registration in the scope.
Page List(storage::Transaction& tx, const Scope& scope, const ListFilter& filter, const PageRequest& page);

// Registrations whose institution is still `registered` (not yet filed), oldest first.
Page Todo(storage::Transaction& tx, const Scope& scope, const PageRequest& page);

// ---- Import -----------------------------------------------------------------------------------

using tuoyu::RowError;

struct ImportOptions {
    Scope scope;  // the importer's: rows outside it are bad rows
    CivilDate today;
    bool dry_run = false;
    Sender sender;
    std::int64_t now = 0;
};

struct ImportResult {
    std::vector<RowError> errors;  // in line order; when any, nothing was written
    std::size_t rows = 0;
    std::size_t created = 0;    // new institutions
    std::size_t versioned = 0;  // new versions of known ones
    std::size_t unchanged = 0;
    std::size_t in_scope = 0;
    std::size_t out_of_scope = 0;
    std::string encoding;
    bool ok() const { return errors.empty(); }
};

// Reads a .csv or .xlsx file of registration records and, if every row passes the checks of a push,
// saves them all in the caller's write transaction (the caller commits); with any bad row it saves
// nothing and lists every bad row with its line and field.
ImportResult Import(storage::Transaction& tx, std::string_view bytes, const ImportOptions& options);

// The column headers of an import file, in the order of kContentFields (Chinese).
std::vector<std::string> TemplateHeaders();

}  // namespace tuoyu::registry
