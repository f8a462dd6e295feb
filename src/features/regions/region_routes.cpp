#include <soci/soci.h>

#include "core/error.hpp"
#include "features/routes.hpp"
#include "http/json_io.hpp"
#include "storage/query.hpp"
#include "storage/row.hpp"

namespace tuoyu::features {

using access::Principal;
using access::Role;
using http::Context;
using http::Json;

namespace {

// A caller sees the subtree of its own region (a regulator's, or the town or village of an
// institution) and the chain of regions above it (for breadcrumbs and the region picker),
// nothing beside it.
bool InSubtree(const Principal& caller, const std::string& code) {
    return caller.role == Role::kAdmin || RegionCode::Contains(caller.region_code, code);
}

bool Visible(const Principal& caller, const std::string& code) {
    return InSubtree(caller, code) || RegionCode::Contains(code, caller.region_code);
}

void RequireReader(const Context& context) {
    context.RequireRole({Role::kAdmin, Role::kRegulator, Role::kInstitutionAdmin, Role::kInstitutionStaff});
}

constexpr const char* kSelect =
    "SELECT r.code, r.name, r.level, r.parent_code, "
    "(SELECT COUNT(*) FROM regions c WHERE c.parent_code = r.code) FROM regions r WHERE 1 = 1";

Json RegionJson(const soci::row& row) {
    const std::optional<std::string> parent = storage::OptText(row, 3);
    return {{"code", storage::Text(row, 0)},
            {"name", storage::Text(row, 1)},
            {"level", storage::Int(row, 2)},
            {"parent_code", parent ? Json(*parent) : Json()},
            {"has_children", storage::Int(row, 4) > 0}};
}

http::Response ListRegions(Context& context) {
    RequireReader(context);
    const Principal& caller = context.principal();
    http::QueryParams params(context.request());
    std::optional<std::string> parent = params.RegionCode("parent");
    // A level of the tree fits on one page (a county has at most a few hundred villages), so the
    // picker asks once; the paging is the same as on every other list.
    const PageRequest page = params.Page({"code", "name"}, kMaxPageSize);
    params.Finish();
    if (parent && !InSubtree(caller, *parent)) {
        throw OutOfScope();
    }
    storage::Query count("SELECT COUNT(*) FROM regions r WHERE 1 = 1");
    storage::Query query(kSelect);
    for (storage::Query* target : {&count, &query}) {
        if (parent) {
            target->Sql(" AND r.parent_code = ").Bind(*parent);
        } else if (caller.role == Role::kAdmin) {
            target->Sql(" AND r.parent_code IS NULL");
        } else {
            target->Sql(" AND r.code = ").Bind(caller.region_code);
        }
    }
    query
        .Sql(" ORDER BY r." + (page.sort.empty() ? std::string("code") : page.sort) +
             (page.descending ? " DESC" : " ASC") + ", r.code LIMIT ")
        .Bind(page.page_size)
        .Sql(" OFFSET ")
        .Bind(page.offset());
    Json items = Json::array();
    storage::Transaction tx = context.services().database.Read();
    const std::int64_t total = count.Count(tx);
    query.ForEach(tx, [&](const soci::row& row) { items.push_back(RegionJson(row)); });
    tx.Commit();
    return http::JsonReply(200, http::ListReply(std::move(items), total, page));
}

http::Response GetRegion(Context& context) {
    RequireReader(context);
    const std::string code = http::RequireRegionCode(context.Param("code"), "code");
    if (!Visible(context.principal(), code)) {
        throw NotFound("区划", "region");
    }
    storage::Query query(kSelect);
    query.Sql(" AND r.code = ").Bind(code);
    Json region;
    storage::Transaction tx = context.services().database.Read();
    query.ForEach(tx, [&](const soci::row& row) { region = RegionJson(row); });
    tx.Commit();
    if (region.is_null()) {
        throw NotFound("区划", "region");
    }
    return http::JsonReply(200, region);
}

}  // namespace

void RegisterRegionRoutes(http::Router& router) {
    router.Add({"GET", "/api/v1/regions", "The child regions of ?parent= (or the caller's own root region)",
                http::Access::kSignedIn, http::AuditKind::kNone, "region"},
               ListRegions);
    router.Add({"GET", "/api/v1/regions/{code}", "One region by its division code", http::Access::kSignedIn,
                http::AuditKind::kNone, "region"},
               GetRegion);
}

}  // namespace tuoyu::features
