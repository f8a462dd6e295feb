#pragma once

#include <ostream>

#include "core/clock.hpp"
#include "core/identity_vault.hpp"
#include "storage/database.hpp"

namespace tuoyu::cli {

// Loads the demo data set into an empty, migrated database: the real regions of 辽宁省盘锦市大洼区
// (down to villages) and of 浙江省宁波市余姚市 (down to towns), one institution in each county,
// and an account of every role. Demo accounts are marked as such and need no password change.
// The first institution's staff are sealed under `vault`. Returns false and changes nothing when the
// database already holds accounts.
bool LoadDemo(storage::Database& database, const Clock& clock, const crypto::IdentityVault& vault, std::ostream& out);

}  // namespace tuoyu::cli
