#include <cmath>

#include "core/error.hpp"
#include "core/region_code.hpp"
#include "features/hazards/hazard_fields.hpp"
#include "features/hazards/hazard_import.hpp"
#include "features/routes.hpp"
#include "geo/china.hpp"
#include "http/json_io.hpp"
#include "reference/hazards.hpp"
#include "storage/query.hpp"

// Hazard features (RULES S3): regulators maintain them for their subtree, the administrator for all;
// the site check answers the filing wizard for a point in the caller's scope.
namespace tuoyu::features {

using access::Principal;
using access::Role;
using http::Context;
using http::Json;
namespace store = reference::hazards;

namespace {

void RequireMaintainer(const Context& context) {
    context.RequireRole({Role::kAdmin, Role::kRegulator});
}

store::Feature Load(storage::Transaction& tx, const Context& context, std::int64_t id) {
    std::optional<store::Feature> feature = store::Find(tx, context.principal().scope(), id);
    if (!feature) {
        throw NotFound("危险源", "hazard feature");
    }
    return std::move(*feature);
}

http::Response ListHazards(Context& context) {
    RequireMaintainer(context);
    const Principal& caller = context.principal();
    http::QueryParams params(context.request());
    store::Filter filter;
    filter.region = params.RegionCode("region");
    filter.kind = params.String("kind", 40);
    filter.q = params.String("q", 64).value_or("");
    filter.include_retired = params.Bool("include_retired").value_or(false);
    const PageRequest page = params.Page({"id", "name", "kind", "region_code", "updated_at"});
    params.Finish();
    if (filter.kind && !store::IsKind(*filter.kind)) {
        throw BadRequest("invalid_kind", "kind", "不认识的危险源类型 " + *filter.kind, "Unknown kind " + *filter.kind);
    }
    if (filter.region && !hazards::MayMaintain(caller, *filter.region)) {
        throw OutOfScope();
    }
    storage::Transaction tx = context.services().database.Read();
    const std::int64_t total = store::Count(tx, caller.scope(), filter);
    Json items = Json::array();
    for (const store::Feature& feature : store::List(tx, caller.scope(), filter, page)) {
        items.push_back(hazards::FeatureJson(feature));
    }
    tx.Commit();
    return http::JsonReply(200, http::ListReply(std::move(items), total, page));
}

http::Response GetHazard(Context& context) {
    RequireMaintainer(context);
    const std::int64_t id = context.IdParam("id");
    storage::Transaction tx = context.services().database.Read();
    const store::Feature feature = Load(tx, context, id);
    tx.Commit();
    return http::JsonReply(200, hazards::FeatureJson(feature));
}

http::Response CreateHazard(Context& context) {
    RequireMaintainer(context);
    const Principal& caller = context.principal();
    http::JsonBody body(context.request());
    const std::string kind = body.RequiredString("kind", 40);
    const std::string name = body.RequiredString("name", 200);
    const std::string region = http::RequireRegionCode(body.RequiredString("region_code", 20), "region_code");
    const geo::Crs crs = hazards::ReadCrs(body.OptionalString("crs", 10), "crs");
    const std::optional<Json> geometry_json = body.OptionalJson("geometry");
    const std::optional<double> protection =
        body.Has("protection_distance_m")
            ? hazards::ReadDistance(body.OptionalJson("protection_distance_m").value_or(Json()),
                                    "protection_distance_m")
            : std::nullopt;
    const std::string source = body.OptionalString("source", 300).value_or("");
    const std::string note = body.OptionalString("note", 1000).value_or("");
    body.Finish();
    if (!geometry_json) {
        throw BadRequest("required", "geometry", "缺少必填字段 geometry（GeoJSON 几何对象或 WKT）",
                         "Field geometry is required (a GeoJSON geometry object or WKT)");
    }
    if (!hazards::MayMaintain(caller, region)) {
        throw OutOfScope();
    }
    const geo::Geometry geometry = hazards::ReadGeometryJson(*geometry_json, crs, "geometry");
    const store::Draft draft{kind, name, region, &geometry, protection, source, note};
    storage::Transaction tx = context.services().database.Write();
    store::Validate(tx, draft);
    const std::int64_t id = store::Insert(tx, draft, caller.username, context.Now());
    const Json created = hazards::FeatureJson(Load(tx, context, id));
    context.Audit(tx, std::to_string(id), region, "", created.dump());
    tx.Commit();
    return http::JsonReply(201, created);
}

http::Response UpdateHazard(Context& context) {
    RequireMaintainer(context);
    const Principal& caller = context.principal();
    const std::int64_t id = context.IdParam("id");
    http::JsonBody body(context.request());
    const std::optional<std::string> kind = body.OptionalString("kind", 40);
    const std::optional<std::string> name = body.OptionalString("name", 200);
    const std::optional<std::string> region_text = body.OptionalString("region_code", 20);
    const geo::Crs crs = hazards::ReadCrs(body.OptionalString("crs", 10), "crs");
    const std::optional<Json> geometry_json = body.OptionalJson("geometry");
    const bool distance_given = body.Has("protection_distance_m");
    const std::optional<double> protection =
        distance_given ? hazards::ReadDistance(body.OptionalJson("protection_distance_m").value_or(Json()),
                                               "protection_distance_m")
                       : std::nullopt;
    const std::optional<std::string> source = body.OptionalString("source", 300);
    const std::optional<std::string> note = body.OptionalString("note", 1000);
    body.Finish();
    const std::optional<std::string> region =
        region_text ? std::optional<std::string>(http::RequireRegionCode(*region_text, "region_code")) : std::nullopt;
    std::optional<geo::Geometry> geometry;
    if (geometry_json) {
        geometry.emplace(hazards::ReadGeometryJson(*geometry_json, crs, "geometry"));
    }

    storage::Transaction tx = context.services().database.Write();
    const store::Feature before = Load(tx, context, id);
    if (before.retired_at) {
        throw Conflict("retired", "", "该危险源已停用，不能修改",
                       "This hazard feature is retired and cannot be changed");
    }
    if (region && !hazards::MayMaintain(caller, *region)) {
        throw OutOfScope();
    }
    std::optional<geo::Geometry> kept;
    if (!geometry) {
        geo::ReadOptions stored;
        stored.require_in_china = false;
        kept.emplace(geo::ReadWkt(before.geometry_wkt, "geometry", stored));
    }
    const store::Draft draft{kind.value_or(before.kind),
                             name.value_or(before.name),
                             region.value_or(before.region_code),
                             geometry ? &*geometry : &*kept,
                             distance_given ? protection : before.protection_distance_m,
                             source.value_or(before.source),
                             note.value_or(before.note)};
    store::Validate(tx, draft);
    store::Update(tx, id, draft, caller.username, context.Now());
    const Json after = hazards::FeatureJson(Load(tx, context, id));
    context.Audit(tx, std::to_string(id), draft.region_code, hazards::FeatureJson(before).dump(), after.dump());
    tx.Commit();
    return http::JsonReply(200, after);
}

http::Response RetireHazard(Context& context) {
    RequireMaintainer(context);
    const Principal& caller = context.principal();
    const std::int64_t id = context.IdParam("id");
    http::JsonBody body(context.request());
    const std::string reason = body.RequiredString("reason", 500);
    body.Finish();
    storage::Transaction tx = context.services().database.Write();
    const store::Feature before = Load(tx, context, id);
    if (before.retired_at) {
        throw Conflict("retired", "", "该危险源已停用", "This hazard feature is already retired");
    }
    store::Retire(tx, id, reason, caller.username, context.Now());
    const Json after = hazards::FeatureJson(Load(tx, context, id));
    context.Audit(tx, std::to_string(id), before.region_code, hazards::FeatureJson(before).dump(), after.dump());
    tx.Commit();
    return http::JsonReply(200, after);
}

// The point must lie in the caller's scope: a regulator's subtree, an institution's own region.
void RequireCheckScope(const Principal& caller, const std::string& region) {
    const bool allowed =
        caller.role == Role::kAdmin || ((caller.role == Role::kRegulator || caller.role == Role::kInstitutionAdmin) &&
                                        RegionCode::Contains(caller.region_code, region));
    if (!allowed) {
        throw OutOfScope();
    }
}

std::optional<double> Coordinate(http::JsonBody& body, const std::string& field) {
    const std::optional<Json> value = body.OptionalJson(field);
    if (!value) {
        return std::nullopt;
    }
    if (!value->is_number()) {
        throw BadRequest("invalid_type", field, "字段 " + field + " 应为数值（度）",
                         "Field " + field + " must be a number (degrees)");
    }
    return value->get<double>();
}

http::Response CheckHazards(Context& context) {
    context.RequireRole({Role::kAdmin, Role::kRegulator, Role::kInstitutionAdmin});
    const Principal& caller = context.principal();
    http::JsonBody body(context.request());
    const std::optional<double> longitude = Coordinate(body, "longitude");
    const std::optional<double> latitude = Coordinate(body, "latitude");
    const geo::Crs crs = hazards::ReadCrs(body.OptionalString("crs", 10), "crs");
    const std::string region_text = body.RequiredString("region_code", 20);
    body.Finish();
    for (const auto& [value, field] : {std::pair{longitude, "longitude"}, std::pair{latitude, "latitude"}}) {
        if (!value) {
            throw BadRequest("required", field, std::string("缺少必填字段 ") + field,
                             std::string("Field ") + field + " is required");
        }
    }
    const std::string region = http::RequireRegionCode(region_text, "region_code");
    RequireCheckScope(caller, region);
    const geo::LonLat point = geo::RequirePointInChina(*longitude, *latitude, crs, "longitude", "latitude");

    storage::Transaction tx = context.services().database.Read();
    storage::Query exists("SELECT COUNT(*) FROM regions WHERE code = ");
    if (exists.Bind(region).Count(tx) == 0) {
        throw NotFound("区划", "region");
    }
    const store::SiteCheck check = store::CheckSite(tx, point, region);
    tx.Commit();

    Json hazards_json = Json::array();
    for (const standards::SiteHazard& hazard : check.nearby) {
        const std::optional<double> limit =
            standards::HazardDistance(check.parameters, hazard.kind, hazard.own_distance_m);
        if (limit && hazard.distance_m < *limit) {
            hazards_json.push_back({{"id", hazard.id},
                                    {"kind", hazard.kind},
                                    {"name", hazard.name},
                                    {"region_code", hazard.region_code},
                                    {"distance_m", std::round(hazard.distance_m * 10) / 10},
                                    {"limit_m", *limit}});
        }
    }
    Json findings = Json::array();
    for (const standards::Finding& finding : check.findings) {
        findings.push_back(standards::FindingJson(finding));
    }
    auto parameter = check.parameters.find("hazard_distance_m");
    const bool configured = parameter != check.parameters.end();
    return http::JsonReply(200, Json{{"point", {{"longitude", point.lon}, {"latitude", point.lat}, {"crs", "wgs84"}}},
                                     {"region_code", region},
                                     {"distances_m", configured ? parameter->second.value : Json()},
                                     {"source", configured ? Json(parameter->second.source) : Json()},
                                     {"clause", configured ? Json(parameter->second.clause) : Json()},
                                     {"search_radius_m", check.search_radius_m},
                                     {"ok", configured && hazards_json.empty()},
                                     {"hazards", std::move(hazards_json)},
                                     {"findings", std::move(findings)}});
}

}  // namespace

void RegisterHazardRoutes(http::Router& router) {
    router.Add({"GET", "/api/v1/hazards", "Hazard features in the caller's subtree (RULES S3), paged and filtered",
                http::Access::kSignedIn, http::AuditKind::kNone, "hazard_feature"},
               ListHazards);
    router.Add({"POST", "/api/v1/hazards",
                "Add a hazard feature with its geometry (GeoJSON or WKT, any of the three "
                "coordinate systems)",
                http::Access::kSignedIn, http::AuditKind::kChange, "hazard_feature"},
               CreateHazard);
    router.Add(
        {"POST", "/api/v1/hazards/import", "Import a GeoJSON FeatureCollection of hazard features, all or nothing",
         http::Access::kSignedIn, http::AuditKind::kChange, "hazard_feature"},
        hazards::ImportHazards);
    router.Add({"POST", "/api/v1/hazards/check",
                "The hazards within the distance in force of a point (the filing wizard's early warning)",
                http::Access::kSignedIn, http::AuditKind::kNone, "hazard_feature"},
               CheckHazards);
    router.Add({"GET", "/api/v1/hazards/{id}", "One hazard feature", http::Access::kSignedIn, http::AuditKind::kNone,
                "hazard_feature"},
               GetHazard);
    router.Add({"PATCH", "/api/v1/hazards/{id}", "Change a hazard feature", http::Access::kSignedIn,
                http::AuditKind::kChange, "hazard_feature"},
               UpdateHazard);
    router.Add({"POST", "/api/v1/hazards/{id}/retire", "Retire a hazard feature (kept, no longer checked)",
                http::Access::kSignedIn, http::AuditKind::kChange, "hazard_feature"},
               RetireHazard);
}

}  // namespace tuoyu::features
