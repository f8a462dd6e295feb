#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "features/filing/profile.hpp"
#include "storage/database.hpp"

namespace tuoyu::filing {

struct StoredProfile {
    bool exists = false;
    Json document = Json::object();
    bool puhui = false;  // granted by the county (issue 5, part 7); read-only here
    std::int64_t updated_at = 0;
    std::string updated_by;  // user name
};

StoredProfile LoadProfile(storage::Transaction& tx, std::int64_t institution_id);

// Replaces the institution's profile as a whole (inserting it the first time).
void SaveProfile(storage::Transaction& tx, std::int64_t institution_id, const Profile& profile, std::int64_t user_id,
                 std::int64_t now);

// The codes of the sponsor_types dictionary that are not disabled.
std::vector<std::string> SponsorTypes(storage::Transaction& tx);

Json ProfileJson(std::int64_t institution_id, const StoredProfile& profile);

}  // namespace tuoyu::filing
