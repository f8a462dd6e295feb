#include "core/error.hpp"
#include "features/filing/profile_store.hpp"
#include "features/filing/route_support.hpp"
#include "http/json_io.hpp"

namespace tuoyu::filing {

using access::Role;
using http::Context;

namespace {

http::Response GetProfile(Context& context) {
    RequireReader(context);
    storage::Transaction tx = context.services().database.Read();
    const Institution institution = LoadInstitution(context, tx, "id");
    const StoredProfile profile = LoadProfile(tx, institution.id);
    tx.Commit();
    Json reply = ProfileJson(institution.id, profile);
    reply["institution"] = InstitutionJson(institution);
    return http::JsonReply(200, reply);
}

// The institution's own administrator keeps its profile; the system administrator may correct it.
// Regulators read it: what they decide on is the filed snapshot, not the working copy.
http::Response PutProfile(Context& context) {
    context.RequireRole({Role::kAdmin, Role::kInstitutionAdmin});
    if (context.request().Header("content-type").rfind("application/json", 0) != 0) {
        throw ApiError(415, "unsupported_media_type", "", "请求体须为 application/json",
                       "The request body must be application/json");
    }
    storage::Transaction tx = context.services().database.Write();
    const Institution institution = LoadInstitution(context, tx, "id");
    const Json body = Json::parse(context.request().body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) {
        throw BadRequest("malformed_json", "", "请求体须为 JSON 对象", "The request body must be a JSON object");
    }
    const Profile profile = ReadProfile(body, SponsorTypes(tx));
    const StoredProfile before = LoadProfile(tx, institution.id);
    SaveProfile(tx, institution.id, profile, context.principal().user_id, context.Now());
    const StoredProfile after = LoadProfile(tx, institution.id);
    Json reply = ProfileJson(institution.id, after);
    context.Audit(tx, std::to_string(institution.id), institution.region_code,
                  before.exists ? before.document.dump() : "", after.document.dump());
    tx.Commit();
    reply["institution"] = InstitutionJson(institution);
    return http::JsonReply(200, reply);
}

}  // namespace

void RegisterProfileRoutes(http::Router& router) {
    router.Add({"GET", "/api/v1/institutions/{id}/profile", "An institution's profile (site, classes, slots …)",
                http::Access::kSignedIn, http::AuditKind::kNone, "institution_profile"},
               GetProfile);
    router.Add({"PUT", "/api/v1/institutions/{id}/profile", "Replace an institution's profile", http::Access::kSignedIn,
                http::AuditKind::kChange, "institution_profile"},
               PutProfile);
}

}  // namespace tuoyu::filing
