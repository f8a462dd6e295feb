#pragma once

#include "core/clock.hpp"
#include "reference/calendar.hpp"
#include "reference/dictionaries.hpp"
#include "reference/parameters.hpp"
#include "storage/database.hpp"

namespace tuoyu::reference {

// The reference data shipped with the release, loaded after every migration (tuoyu migrate, serve,
// demo …) so that a production database has it without the demo: parameter defaults of RULES.md,
// dictionary entries, the holiday calendar. Cheap when nothing changed (one SELECT per file); never
// undoes an administrator's edit. Returns the number of rows written.
inline int SeedReferenceData(storage::Database& database, const Clock& clock) {
    return parameters::SeedParameters(database, clock) + dictionaries::SeedDictionaries(database, clock) +
           calendar::SeedCalendar(database, clock);
}

}  // namespace tuoyu::reference
