#pragma once

#include <cstdint>
#include <string>

#include "core/identity_vault.hpp"
#include "storage/database.hpp"

namespace tuoyu::cli {

// The demo institution's staff (one of each post, one health examination overdue, one caregiver also
// employed at `other_institution_id`) and one lifetime ban recorded by 大洼区.
void LoadDemoStaff(storage::Transaction& tx, const crypto::IdentityVault& vault, std::int64_t institution_id,
                   std::int64_t other_institution_id, std::int64_t now);

// The identity number under the demo's ban, for the README and the browser tests.
std::string DemoBannedIdNumber();

}  // namespace tuoyu::cli
