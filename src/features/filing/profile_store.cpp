#include "features/filing/profile_store.hpp"

#include <soci/soci.h>

#include "core/clock.hpp"
#include "storage/query.hpp"
#include "storage/row.hpp"

namespace tuoyu::filing {

namespace {

std::string JoinedModes(const std::vector<std::string>& modes) {
    if (modes.empty()) {
        return "";
    }
    std::string joined = ",";
    for (const std::string& mode : modes) {
        joined += mode + ",";
    }
    return joined;
}

}  // namespace

StoredProfile LoadProfile(storage::Transaction& tx, std::int64_t institution_id) {
    storage::Query query(
        "SELECT p.document, p.puhui, p.updated_at, u.username FROM institution_profiles p LEFT JOIN users u ON "
        "u.id = p.updated_by WHERE p.institution_id = ");
    query.Bind(institution_id);
    StoredProfile profile;
    query.ForEach(tx, [&](const soci::row& row) {
        profile.exists = true;
        profile.document = Json::parse(storage::Text(row, 0), nullptr, false);
        if (!profile.document.is_object()) {
            profile.document = Json::object();
        }
        profile.puhui = storage::Int(row, 1) != 0;
        profile.updated_at = storage::Int(row, 2);
        profile.updated_by = storage::Text(row, 3);
    });
    return profile;
}

void SaveProfile(storage::Transaction& tx, std::int64_t institution_id, const Profile& profile, std::int64_t user_id,
                 std::int64_t now) {
    storage::Query upsert(
        "INSERT INTO institution_profiles (institution_id, sponsor_type, service_modes, slots, document, updated_by, "
        "updated_at) VALUES (");
    upsert.Bind(institution_id).Sql(", ");
    profile.sponsor_type ? upsert.Bind(*profile.sponsor_type) : upsert.Sql("NULL");
    upsert.Sql(", ").Bind(JoinedModes(profile.service_modes)).Sql(", ");
    profile.slots ? upsert.Bind(*profile.slots) : upsert.Sql("NULL");
    upsert.Sql(", ").Bind(profile.document.dump()).Sql(", ");
    user_id > 0 ? upsert.Bind(user_id) : upsert.Sql("NULL");
    upsert.Sql(", ").Bind(now).Sql(
        ") ON CONFLICT (institution_id) DO UPDATE SET sponsor_type = excluded.sponsor_type, service_modes = "
        "excluded.service_modes, slots = excluded.slots, document = excluded.document, updated_by = "
        "excluded.updated_by, updated_at = excluded.updated_at");
    upsert.Execute(tx);
}

std::vector<std::string> SponsorTypes(storage::Transaction& tx) {
    std::vector<std::string> codes;
    storage::Query query(
        "SELECT code FROM dictionary_entries WHERE dictionary_key = 'sponsor_types' AND disabled = 0 ORDER BY "
        "sort_order, code");
    query.ForEach(tx, [&](const soci::row& row) { codes.push_back(storage::Text(row, 0)); });
    return codes;
}

Json ProfileJson(std::int64_t institution_id, const StoredProfile& profile) {
    return {{"institution_id", institution_id},
            {"profile", profile.exists ? profile.document : Json()},
            {"puhui", profile.puhui},
            {"updated_at", profile.exists ? Json(FormatIsoUtc(profile.updated_at)) : Json()},
            {"updated_by", profile.updated_by.empty() ? Json() : Json(profile.updated_by)}};
}

}  // namespace tuoyu::filing
