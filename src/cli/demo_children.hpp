#pragma once

#include <cstdint>

#include "core/identity_vault.hpp"
#include "storage/database.hpp"

namespace tuoyu::cli {

// The demo's classes and enrolled children: two classes and five children at the 大洼 institution (张小宝's
// father is the guardian account `guardian_user`), one class and one child at the 余姚 one.
void LoadDemoChildren(storage::Transaction& tx, const crypto::IdentityVault& vault, std::int64_t institution_id,
                      std::int64_t other_institution_id, std::int64_t guardian_user, std::int64_t now);

}  // namespace tuoyu::cli
