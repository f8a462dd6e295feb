#include "features/filing/profile_store.hpp"

#include <soci/soci.h>

#include "core/clock.hpp"
#include "storage/query.hpp"
#include "storage/row.hpp"

namespace tuoyu::filing {

StoredProfile LoadProfile(storage::Transaction& tx, std::int64_t institution_id) {
    storage::Query query(
        "SELECT p.document, i.puhui, p.updated_at, u.username FROM institution_profiles p JOIN institutions i ON i.id "
        "= "
        "p.institution_id LEFT JOIN users u ON u.id = p.updated_by WHERE p.institution_id = ");
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
        "INSERT INTO institution_profiles (institution_id, document, updated_by, updated_at) VALUES (");
    upsert.Bind(institution_id).Sql(", ").Bind(profile.document.dump()).Sql(", ");
    user_id > 0 ? upsert.Bind(user_id) : upsert.Sql("NULL");
    upsert.Sql(", ").Bind(now).Sql(
        ") ON CONFLICT (institution_id) DO UPDATE SET document = excluded.document, updated_by = excluded.updated_by, "
        "updated_at = excluded.updated_at");
    upsert.Execute(tx);
    // The facts the institution lists filter on live on the institution's row (migration 0011).
    storage::Query facts("UPDATE institutions SET sponsor_type = ");
    profile.sponsor_type ? facts.Bind(*profile.sponsor_type) : facts.Sql("NULL");
    facts.Sql(", service_modes = ").Bind(storage::JoinCodes(profile.service_modes)).Sql(", slots = ");
    profile.slots ? facts.Bind(*profile.slots) : facts.Sql("NULL");
    facts.Sql(" WHERE id = ").Bind(institution_id).Execute(tx);
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
