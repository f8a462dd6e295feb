#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/paging.hpp"
#include "core/scope.hpp"
#include "features/disclosure/puhui.hpp"
#include "storage/database.hpp"

// The SQL of 普惠 recognition. Reads take the caller's scope: an application is in the scope of its
// institution, a list (with its entries and objections) in the scope of its county.
namespace tuoyu::disclosure {

// The institution within the scope, or nullopt. With `lock` the row stays locked until the
// transaction ends (PostgreSQL; SQLite's writer holds the whole database).
std::optional<InstitutionFacts> FindInstitution(storage::Transaction& tx, const Scope& scope, std::int64_t id,
                                                bool lock = false);

// ---- Applications ---------------------------------------------------------------------------------

std::int64_t InsertApplication(storage::Transaction& tx, std::int64_t institution_id, std::int64_t fee,
                               std::int64_t slots, const std::string& note, const Actor& actor, std::int64_t now);
std::optional<Application> FindApplication(storage::Transaction& tx, const Scope& scope, std::int64_t id);

struct ApplicationQuery {
    std::optional<std::string> state;
    std::optional<std::string> region_code;  // a subtree
    std::optional<std::int64_t> institution_id;
    std::string sort = "id";  // id | submitted_at
    bool descending = true;
    std::int64_t limit = 20;
    std::int64_t offset = 0;
};
inline constexpr const char* kApplicationSortFields[] = {"id", "submitted_at"};
std::vector<Application> ListApplications(storage::Transaction& tx, const Scope& scope, const ApplicationQuery& query,
                                          std::int64_t& total);
// Every application of the institution, newest first.
std::vector<Application> InstitutionApplications(storage::Transaction& tx, std::int64_t institution_id);

// The institution's application that is still on its way (submitted, approved or listed), if any.
std::optional<std::int64_t> OpenApplicationId(storage::Transaction& tx, std::int64_t institution_id);

void DecideApplication(storage::Transaction& tx, std::int64_t id, const std::string& state,
                       const std::vector<std::string>& reasons, const std::string& note, const Actor& actor,
                       std::int64_t now);
void SetApplicationState(storage::Transaction& tx, std::int64_t id, const std::string& state,
                         std::optional<std::int64_t> list_id = std::nullopt);

// Approved applications of institutions in the county's subtree that may operate now, oldest first.
std::vector<Application> ApprovedInCounty(storage::Transaction& tx, const std::string& county_code);

// ---- Lists and entries ----------------------------------------------------------------------------

std::int64_t InsertList(storage::Transaction& tx, const std::string& county_code, const std::string& title,
                        const PublicityPeriod& period, int working_days, const Actor& actor, std::int64_t now);
void InsertEntry(storage::Transaction& tx, std::int64_t list_id, const Application& application,
                 const InstitutionFacts& institution);
// The list within the scope, with its entries; `lock` as for FindInstitution.
std::optional<PublicityList> FindList(storage::Transaction& tx, const Scope& scope, std::int64_t id, bool lock = false);

struct ListQuery {
    std::optional<std::string> region_code;  // lists of counties in the subtree, or of the county a town lies in
    std::optional<std::string> state;
    std::int64_t limit = 20;
    std::int64_t offset = 0;
};
// Newest first, without their entries.
std::vector<PublicityList> ListLists(storage::Transaction& tx, const Scope& scope, const ListQuery& query,
                                     std::int64_t& total);
// The entries of the lists, by list id (for pages of lists).
std::vector<ListEntry> EntriesOf(storage::Transaction& tx, const std::vector<std::int64_t>& list_ids);

void SetEntryState(storage::Transaction& tx, std::int64_t entry_id, const std::string& state,
                   const std::string& outcome, std::int64_t now);
void MarkConfirmed(storage::Transaction& tx, std::int64_t list_id, const std::string& effective_from,
                   const Actor& actor, std::int64_t now);

// ---- Objections -----------------------------------------------------------------------------------

struct NewObjection {
    std::int64_t entry_id = 0;
    std::string text;
    std::string name;
    std::string contact;
};
std::int64_t InsertObjection(storage::Transaction& tx, std::int64_t list_id, const NewObjection& objection,
                             const std::string& lodged_on, std::int64_t now);
std::int64_t CountObjections(storage::Transaction& tx, std::int64_t list_id);
std::int64_t CountOpenObjections(storage::Transaction& tx, std::int64_t list_id);
std::vector<Objection> ListObjections(storage::Transaction& tx, std::int64_t list_id);
std::optional<Objection> FindObjection(storage::Transaction& tx, const Scope& scope, std::int64_t id);
void ResolveObjection(storage::Transaction& tx, std::int64_t id, const std::string& state,
                      const std::string& resolution, const Actor& actor, std::int64_t now);

// ---- Recognitions ---------------------------------------------------------------------------------

std::optional<Recognition> CurrentRecognition(storage::Transaction& tx, std::int64_t institution_id);
// Oldest first.
std::vector<Recognition> Recognitions(storage::Transaction& tx, std::int64_t institution_id);
// Grants 普惠 status and sets institution_profiles.puhui in the same transaction.
void InsertRecognition(storage::Transaction& tx, const ListEntry& entry, const std::string& effective_from,
                       const Actor& actor, std::int64_t now);
// Ends the status in force and clears institution_profiles.puhui in the same transaction.
void RevokeRecognition(storage::Transaction& tx, const Recognition& recognition, const std::string& revoked_on,
                       const std::string& reason, const Actor& actor, std::int64_t now);

}  // namespace tuoyu::disclosure
