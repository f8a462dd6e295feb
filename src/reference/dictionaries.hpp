#pragma once

#include "core/clock.hpp"
#include "storage/database.hpp"

namespace tuoyu::reference::dictionaries {

// Loads data/dictionaries/seeds.json (compiled in): each dictionary and each entry is inserted
// once; an entry an administrator has edited or disabled is never touched again, and one that
// nobody edited follows a later release's labels. Returns the number of rows written.
int SeedDictionaries(storage::Database& database, const Clock& clock);

}  // namespace tuoyu::reference::dictionaries
