#pragma once

#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/embedded_file.hpp"
#include "storage/database.hpp"

namespace tuoyu::storage {

// Each file is "NNNN_name.sql": the number orders them.
using MigrationSource = EmbeddedFile;
const std::vector<EmbeddedFile>& EmbeddedMigrations();

struct MigrationReport {
    std::vector<std::string> applied;
    int current_version = 0;
};

// The statements of a migration for one dialect. Lines between "-- @sqlite" or "-- @postgres"
// and the next "-- @all" belong to that dialect only; "{{ID}}" becomes the dialect's
// auto-numbered 64-bit primary key. Statements end with ";" at the end of a line.
std::vector<std::string> StatementsFor(const std::string& text, Dialect dialect);

// Applies every migration not yet recorded in schema_migrations, each in its own transaction.
// Refuses to run when the database holds a migration this binary does not know (a newer binary
// migrated it) or when a recorded migration's text has changed.
MigrationReport Migrate(Database& database, const Clock& clock);

}  // namespace tuoyu::storage
