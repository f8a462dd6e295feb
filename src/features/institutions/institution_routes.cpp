#include <soci/soci.h>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "features/routes.hpp"
#include "http/json_io.hpp"
#include "storage/query.hpp"
#include "storage/row.hpp"

namespace tuoyu::features {

using access::Role;
using http::Context;
using http::Json;

namespace {

// The institution registry proper (filing, profile, history) is its own module; the platform
// needs institutions only as the anchor of institution accounts' scope, and reads them here.
const storage::ScopeColumns kInstitutionScope{"i.region_code", "i.id", ""};

constexpr const char* kSelect =
    "SELECT i.id, i.name, i.region_code, r.name, i.uscc, i.created_at FROM institutions i "
    "JOIN regions r ON r.code = i.region_code WHERE 1 = 1";

Json InstitutionJson(const soci::row& row) {
    const std::optional<std::string> uscc = storage::OptText(row, 4);
    return {{"id", storage::Int(row, 0)},           {"name", storage::Text(row, 1)},
            {"region_code", storage::Text(row, 2)}, {"region_name", storage::Text(row, 3)},
            {"uscc", uscc ? Json(*uscc) : Json()},  {"created_at", FormatIsoUtc(storage::Int(row, 5))}};
}

void RequireReader(const Context& context) {
    context.RequireRole({Role::kAdmin, Role::kRegulator, Role::kInstitutionAdmin, Role::kInstitutionStaff});
}

http::Response ListInstitutions(Context& context) {
    RequireReader(context);
    http::QueryParams params(context.request());
    const std::string keyword = params.String("q", 64).value_or("");
    std::optional<std::string> region = params.RegionCode("region_code");
    const PageRequest page = params.Page({"id", "name"});
    params.Finish();
    auto filtered = [&](storage::Query& query) {
        storage::AppendScope(query, context.principal().scope(), kInstitutionScope);
        if (!keyword.empty()) {
            query.Sql(" AND i.name LIKE ").Bind(storage::LikePattern(keyword)).Sql(" ESCAPE '\\'");
        }
        if (region) {
            storage::AppendRegionSubtree(query, "i.region_code", *region);
        }
    };
    storage::Query count("SELECT COUNT(*) FROM institutions i WHERE 1 = 1");
    filtered(count);
    storage::Query query(kSelect);
    filtered(query);
    query
        .Sql(" ORDER BY i." + (page.sort.empty() ? std::string("id") : page.sort) +
             (page.descending ? " DESC" : " ASC") + ", i.id LIMIT ")
        .Bind(page.page_size)
        .Sql(" OFFSET ")
        .Bind(page.offset());
    storage::Transaction tx = context.services().database.Read();
    const std::int64_t total = count.Count(tx);
    Json items = Json::array();
    query.ForEach(tx, [&](const soci::row& row) { items.push_back(InstitutionJson(row)); });
    tx.Commit();
    return http::JsonReply(200, http::ListReply(std::move(items), total, page));
}

http::Response GetInstitution(Context& context) {
    RequireReader(context);
    storage::Query query(kSelect);
    query.Sql(" AND i.id = ").Bind(context.IdParam("id"));
    storage::AppendScope(query, context.principal().scope(), kInstitutionScope);
    Json institution;
    storage::Transaction tx = context.services().database.Read();
    query.ForEach(tx, [&](const soci::row& row) { institution = InstitutionJson(row); });
    tx.Commit();
    if (institution.is_null()) {
        throw NotFound("机构", "institution");
    }
    return http::JsonReply(200, institution);
}

}  // namespace

void RegisterInstitutionRoutes(http::Router& router) {
    router.Add({"GET", "/api/v1/institutions", "List the institutions in the caller's scope", http::Access::kSignedIn,
                http::AuditKind::kNone, "institution"},
               ListInstitutions);
    router.Add({"GET", "/api/v1/institutions/{id}", "One institution", http::Access::kSignedIn, http::AuditKind::kNone,
                "institution"},
               GetInstitution);
}

}  // namespace tuoyu::features
