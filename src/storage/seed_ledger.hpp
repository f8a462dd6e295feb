#pragma once

#include <cstdint>
#include <set>
#include <string>

#include "storage/database.hpp"

namespace tuoyu::storage {

// Reference data shipped with a release (parameter defaults, dictionary entries, the holiday
// calendar) is loaded after migrating. The ledger remembers each item loaded once, so that a later
// load neither brings back what an administrator removed nor overwrites what one edited, and a
// setting holds the checksum of the shipped file, so that an unchanged file costs one SELECT.

// Whether the file with this checksum was already loaded (a read transaction of its own).
bool SeedIsCurrent(Database& database, const std::string& setting, const std::string& checksum);

// In the loading write transaction: waits for a concurrent loader (PostgreSQL) and says whether
// the work is still to do.
bool BeginSeeding(Transaction& tx, const std::string& setting, const std::string& checksum);
void FinishSeeding(Transaction& tx, const std::string& setting, const std::string& checksum);

std::set<std::string> SeededItems(Transaction& tx, const std::string& kind);
void RecordSeeded(Transaction& tx, const std::string& kind, const std::string& item, std::int64_t now);

}  // namespace tuoyu::storage
