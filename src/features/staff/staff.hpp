#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/identity_vault.hpp"
#include "core/paging.hpp"
#include "core/row_error.hpp"
#include "core/scope.hpp"
#include "core/staff_rules.hpp"
#include "storage/database.hpp"

// The staff of institutions (issue 6): records with sealed identity numbers, documents, yearly duties,
// the lifetime ban and its alerts, double employment, and the staffing check of an institution.
namespace tuoyu::staff {

inline constexpr const char* kIdPlace = "staff.id_number";

// An institution as the staff module needs it.
struct InstitutionRef {
    std::int64_t id = 0;
    std::string name;
    std::string kind;
    std::string region_code;
    std::string status;
};
std::optional<InstitutionRef> FindInstitution(storage::Transaction& tx, const Scope& scope, std::int64_t id);

// The number as lists show it: a resident identity number as id_number::Mask gives it, any other
// document with its last four characters only.
std::string MaskedNumber(const std::string& kind, const std::string& number);

// A person as entered, checked and normalised (staff_checks.cpp).
struct Person {
    std::string name;
    std::string id_kind;
    std::string id_number;
    std::string sex;     // from a resident identity number: male | female; else ""
    int birth_year = 0;  // likewise; 0 when unknown. Never the whole birth date: with the masked
                         // number it would give the number away.
    std::string phone;
    std::string role;
    std::string education;
    int experience_years = 0;
    std::string start_on;
    std::optional<std::string> last_health_exam;  // passed, YYYY-MM-DD
    std::optional<std::string> last_hygiene_training;
};

struct Record {
    std::int64_t id = 0;
    std::int64_t institution_id = 0;
    std::string institution_name;
    std::string region_code;
    std::string name;
    std::string id_kind;
    std::string id_masked;
    std::string sex;
    int birth_year = 0;
    std::string phone;
    std::string role;
    std::string education;
    int experience_years = 0;
    std::string start_on;
    std::string end_on;  // "" while employed
    std::string end_reason;
    std::string health_exam_last;
    std::string health_exam_due;
    std::string hygiene_training_last;
    std::string hygiene_training_due;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
    bool has_photo = false;
};

struct Document {
    std::int64_t id = 0;
    std::int64_t staff_id = 0;
    std::string kind;
    std::string level;
    std::string number;
    std::string issuer;
    std::string issued_on;
    std::string expires_on;
    std::optional<std::int64_t> hours;
    std::int64_t created_at = 0;
};

struct Duty {
    std::int64_t id = 0;
    std::int64_t staff_id = 0;
    std::string kind;
    std::string done_on;
    bool passed = true;
    std::string note;
    std::int64_t created_at = 0;
};

// Serialises the writes about one person (a hire, an import row, a ban) across PostgreSQL sessions, so
// that a ban and a hire of the same person cannot pass each other unseen. A person falls in one of 256
// buckets (the first byte of the keyed hash), so an import of any size holds at most 256 locks; every
// writer takes its buckets in ascending order.
inline constexpr std::int64_t kIdentityLockSpace = 0x5354;  // "ST": no other advisory lock uses two keys
int IdentityBucket(const std::string& id_hash);
void LockIdentities(storage::Transaction& tx, const std::set<int>& buckets);
void LockIdentity(storage::Transaction& tx, const std::string& id_hash);

// ---- The ban ------------------------------------------------------------------------------------

struct BanHit {
    std::int64_t ban_id = 0;
    std::string region_code;  // the region of the regulator who recorded it
};
std::optional<BanHit> FindBan(storage::Transaction& tx, const std::string& id_hash);

// One alert for the institution's region and one for the ban's, or one when they are the same.
void RecordBanAlerts(storage::Transaction& tx, const BanHit& hit, const InstitutionRef& institution,
                     const std::string& attempted_name, const std::string& channel, std::int64_t user_id,
                     std::int64_t now);

struct Ban {
    std::int64_t id = 0;
    std::string name;
    std::string id_masked;
    std::string case_summary;
    std::string authority;
    std::string decided_on;
    std::string region_code;
    std::string region_name;
    std::string recorded_by;
    std::int64_t created_at = 0;
};
struct NewBan {
    std::string name;
    std::string id_hash;
    std::string id_masked;
    std::string case_summary;
    std::string authority;
    std::string decided_on;
    std::string region_code;
};
std::int64_t InsertBan(storage::Transaction& tx, const NewBan& ban, std::int64_t key_version, std::int64_t user_id,
                       std::int64_t now);
// Bans recorded in the scope's subtree (a regulator sees its own region's and those below).
std::vector<Ban> ListBans(storage::Transaction& tx, const Scope& scope, const PageRequest& page, std::int64_t& total);
bool BanExists(storage::Transaction& tx, const std::string& id_hash);

struct BanAlert {
    std::int64_t id = 0;
    std::int64_t ban_id = 0;
    std::string ban_name;
    std::string ban_region_code;
    std::string region_code;
    std::int64_t institution_id = 0;
    std::string institution_name;
    std::string institution_region_code;
    std::string attempted_name;
    std::string channel;
    std::string attempted_by;
    std::int64_t created_at = 0;
};
std::vector<BanAlert> ListBanAlerts(storage::Transaction& tx, const Scope& scope, const PageRequest& page,
                                    std::int64_t& total);

// ---- Staff records ------------------------------------------------------------------------------

// Whether the person (by keyed hash) is employed at the institution now.
bool EmployedAt(storage::Transaction& tx, std::int64_t institution_id, const std::string& id_hash);

std::int64_t Insert(storage::Transaction& tx, const crypto::IdentityVault& vault, const Person& person,
                    std::int64_t institution_id, std::int64_t user_id, std::int64_t now);

std::optional<Record> Find(storage::Transaction& tx, const Scope& scope, std::int64_t id);

// The clear identity number of a record in scope; nullopt when the record is not in scope. Throws
// when the sealed value does not open (another key, or altered).
std::optional<std::string> IdNumber(storage::Transaction& tx, const crypto::IdentityVault& vault, const Scope& scope,
                                    std::int64_t id);

struct Changes {
    std::optional<std::string> name;
    std::optional<std::string> phone;
    std::optional<std::string> role;
    std::optional<std::string> education;
    std::optional<int> experience_years;
};
void Update(storage::Transaction& tx, std::int64_t id, const Changes& changes, std::int64_t now);
void End(storage::Transaction& tx, std::int64_t id, const std::string& end_on, const std::string& reason,
         std::int64_t now);

// The photo: replaced whole, sealed under the vault (kPhotoPlace).
inline constexpr const char* kPhotoPlace = "staff.photo";
inline constexpr std::size_t kMaxPhotoBytes = 512 * 1024;
void PutPhoto(storage::Transaction& tx, const crypto::IdentityVault& vault, std::int64_t staff_id,
              const std::string& media_type, std::string_view bytes, std::int64_t user_id, std::int64_t now);
struct Photo {
    std::string media_type;
    std::string bytes;
};
// nullopt when the record has none. Throws when the sealed photo does not open under the vault.
std::optional<Photo> GetPhoto(storage::Transaction& tx, const crypto::IdentityVault& vault, std::int64_t staff_id);
bool DeletePhoto(storage::Transaction& tx, std::int64_t staff_id);
// The SHA-256 of the photo on file ("" when none), for the audit record of a change.
std::string PhotoDigest(storage::Transaction& tx, std::int64_t staff_id);

std::int64_t AddDocument(storage::Transaction& tx, const Document& document, std::int64_t user_id, std::int64_t now);
std::vector<Document> Documents(storage::Transaction& tx, std::int64_t staff_id);

// Records a duty and, when passed and later than the last, moves the record's last and due days.
std::int64_t AddDuty(storage::Transaction& tx, const Duty& duty, const std::string& start_on, std::int64_t user_id,
                     std::int64_t now);
std::vector<Duty> Duties(storage::Transaction& tx, std::int64_t staff_id);

struct ListFilter {
    std::string keyword;  // part of the name
    std::optional<std::string> role;
    bool include_ended = false;
};
inline const char* const kSortFields[] = {"id", "name", "role", "start_on", "health_exam_due"};
std::vector<Record> List(storage::Transaction& tx, std::int64_t institution_id, const ListFilter& filter,
                         const PageRequest& page, std::int64_t& total);

// The employed staff of an institution with their documents and last duties, for the rules.
std::vector<staff_rules::Member> Members(storage::Transaction& tx, std::int64_t institution_id);

// Yearly duties due by `until` (overdue: before `today`) of employed staff in the scope.
struct DueFilter {
    std::optional<std::string> region_code;
    std::optional<std::int64_t> institution_id;
    bool overdue_only = false;
};
std::vector<Record> DueDuties(storage::Transaction& tx, const Scope& scope, const DueFilter& filter,
                              const std::string& today, const std::string& until, const PageRequest& page,
                              std::int64_t& total);

// Everyone employed now under an identity (by keyed hash), in any institution.
std::vector<Record> EmployedByHash(storage::Transaction& tx, const std::string& id_hash);

// People employed by two or more institutions at once, at least one of them in the scope: each group
// holds the records of one person, oldest employment first.
std::vector<std::vector<Record>> MultiEmployment(storage::Transaction& tx, const Scope& scope, std::size_t limit);

// The staff figures of each institution in the scope: employed, caregivers, certified caregivers
// (持证率) and staff with an overdue duty.
struct Figures {
    std::int64_t institution_id = 0;
    std::string institution_name;
    std::string region_code;
    std::string region_name;
    std::string status;
    std::int64_t employed = 0;
    std::int64_t caregivers = 0;
    std::int64_t certified = 0;
    std::int64_t overdue = 0;
};
std::vector<Figures> InstitutionFigures(storage::Transaction& tx, const Scope& scope,
                                        const std::optional<std::string>& region_code, const std::string& today,
                                        const PageRequest& page, std::int64_t& total, Figures& sum);

// The institution's profile document ("{}" when it has none), for the staffing check's facts.
std::string ProfileDocument(storage::Transaction& tx, std::int64_t institution_id);

// ---- Import -------------------------------------------------------------------------------------

struct ImportResult {
    std::vector<RowError> errors;
    std::vector<BanHit> ban_hits;  // with the line's name, recorded as alerts by the caller
    std::vector<std::string> ban_names;
    std::size_t rows = 0;
    std::size_t created = 0;
    std::string encoding;
    bool ok() const { return errors.empty(); }
};
// The rows an import may hold: far more than any institution employs.
inline constexpr std::size_t kMaxImportRows = 2000;
// Reads a .csv or .xlsx staff list and, when every row passes, inserts them all in the caller's write
// transaction; with any bad row it inserts nothing and lists every bad row with its line.
ImportResult Import(storage::Transaction& tx, const crypto::IdentityVault& vault, const InstitutionRef& institution,
                    std::string_view bytes, CivilDate today, bool dry_run, std::int64_t user_id, std::int64_t now);
std::vector<std::string> TemplateHeaders();

// ---- Checks of what people type ------------------------------------------------------------------

// Checks and normalises a person (name, identity document, role, education, dates); the first
// fault as a RowError with line 0 (the caller adds the line), or nullopt.
std::optional<RowError> CheckPerson(Person& person, CivilDate today);
// The checks of the fields a record may change later: name, post, education, experience and phone.
std::optional<RowError> CheckDetails(Person& person);
// A YYYY-MM-DD day that exists and is not after today (when `not_future`).
std::optional<RowError> CheckDate(const std::string& field, const std::string& value, CivilDate today, bool not_future);

}  // namespace tuoyu::staff
