#include "reference/hazards.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <numbers>

#include "core/error.hpp"
#include "core/region_code.hpp"
#include "reference/parameters.hpp"
#include "storage/query.hpp"
#include "storage/row.hpp"

namespace tuoyu::reference::hazards {

namespace {

const storage::ScopeColumns kScope{"h.region_code", "", ""};

constexpr const char* kSelect =
    "SELECT h.id, h.kind, h.name, h.region_code, r.name, h.geometry_type, h.geometry, "
    "CAST(h.protection_distance_m AS TEXT), h.source, h.note, h.created_at, h.created_by, h.updated_at, "
    "h.updated_by, h.retired_at, h.retired_by, h.retire_reason "
    "FROM hazard_features h JOIN regions r ON r.code = h.region_code WHERE 1 = 1";

std::optional<double> OptDouble(const std::optional<std::string>& text) {
    if (!text || text->empty()) {
        return std::nullopt;
    }
    return std::strtod(text->c_str(), nullptr);
}

Feature FeatureFromRow(const soci::row& row) {
    Feature feature;
    feature.id = storage::Int(row, 0);
    feature.kind = storage::Text(row, 1);
    feature.name = storage::Text(row, 2);
    feature.region_code = storage::Text(row, 3);
    feature.region_name = storage::Text(row, 4);
    feature.geometry_type = storage::Text(row, 5);
    feature.geometry_wkt = storage::Text(row, 6);
    feature.protection_distance_m = OptDouble(storage::OptText(row, 7));
    feature.source = storage::Text(row, 8);
    feature.note = storage::Text(row, 9);
    feature.created_at = storage::Int(row, 10);
    feature.created_by = storage::Text(row, 11);
    feature.updated_at = storage::Int(row, 12);
    feature.updated_by = storage::Text(row, 13);
    feature.retired_at = storage::OptInt(row, 14);
    feature.retired_by = storage::Text(row, 15);
    feature.retire_reason = storage::Text(row, 16);
    return feature;
}

// A double as bound text, read back exactly (CAST(… AS DOUBLE PRECISION) on both engines).
std::string DoubleText(double value) {
    char text[40];
    std::snprintf(text, sizeof text, "%.17g", value);
    return text;
}

storage::Query& BindDouble(storage::Query& query, double value) {
    return query.Sql("CAST(").Bind(DoubleText(value)).Sql(" AS DOUBLE PRECISION)");
}

storage::Query& BindOptionalDouble(storage::Query& query, std::optional<double> value) {
    return value ? BindDouble(query, *value) : query.Sql("NULL");
}

void AppendFilter(storage::Query& query, const Scope& scope, const Filter& filter) {
    storage::AppendScope(query, scope, kScope);
    if (filter.region) {
        storage::AppendRegionSubtree(query, "h.region_code", *filter.region);
    }
    if (filter.kind) {
        query.Sql(" AND h.kind = ").Bind(*filter.kind);
    }
    if (!filter.q.empty()) {
        query.Sql(" AND h.name LIKE ").Bind(storage::LikePattern(filter.q)).Sql(" ESCAPE '\\'");
    }
    if (!filter.include_retired) {
        query.Sql(" AND h.retired_at IS NULL");
    }
}

constexpr double kPi = std::numbers::pi;

}  // namespace

bool IsKind(std::string_view kind) {
    return std::find(kKinds.begin(), kKinds.end(), kind) != kKinds.end();
}

void Validate(storage::Transaction& tx, const Draft& draft, const std::string& field_prefix,
              const std::string& geometry_field) {
    if (!IsKind(draft.kind)) {
        throw BadRequest("invalid_kind", field_prefix + "kind",
                         "危险源类型须为 petrol_station、gas_station、oil_gas_pipeline、high_voltage_corridor、"
                         "pollution_source 或 other",
                         "The kind must be petrol_station, gas_station, oil_gas_pipeline, high_voltage_corridor, "
                         "pollution_source or other");
    }
    if (draft.name.empty()) {
        throw BadRequest("required", field_prefix + "name", "缺少名称", "The name is required");
    }
    const std::optional<std::string> code = RegionCode::Normalize(draft.region_code);
    if (!code || *code != draft.region_code || RegionCode::Level(*code) < 3) {
        throw BadRequest("invalid_region", field_prefix + "region_code", "所属区划须为县级或以下的 12 位区划代码",
                         "The region must be a county or a region below it, as a 12-digit code");
    }
    storage::Query exists("SELECT COUNT(*) FROM regions WHERE valid_to IS NULL AND code = ");
    if (exists.Bind(*code).Count(tx) == 0) {
        throw BadRequest("unknown_region", field_prefix + "region_code", "区划 " + *code + " 不存在或已撤销",
                         "Region " + *code + " does not exist or is closed");
    }
    if (draft.geometry == nullptr) {
        throw BadRequest("required", geometry_field, "缺少几何图形", "The geometry is required");
    }
    const geo::Bounds bounds = draft.geometry->bounds();
    if (bounds.max_lat - bounds.min_lat > kMaxLatitudeSpan) {
        throw BadRequest("geometry_too_long", geometry_field, "图形南北跨度超过 1 度纬度（约 111 千米），请分段录入",
                         "The geometry spans more than 1 degree of latitude (about 111 km): enter it in parts");
    }
    if (draft.protection_distance_m &&
        (!std::isfinite(*draft.protection_distance_m) || *draft.protection_distance_m < 0 ||
         *draft.protection_distance_m > kMaxProtectionDistanceM)) {
        throw BadRequest("invalid_distance", field_prefix + "protection_distance_m", "防护距离须在 0 到 5000 米之间",
                         "The protection distance must be 0 to 5000 m");
    }
}

std::int64_t Insert(storage::Transaction& tx, const Draft& draft, const std::string& username, std::int64_t now) {
    const geo::Bounds bounds = draft.geometry->bounds();
    storage::Query insert(
        "INSERT INTO hazard_features (kind, name, region_code, geometry_type, geometry, min_lon, min_lat, max_lon, "
        "max_lat, protection_distance_m, source, note, created_at, created_by, updated_at, updated_by) VALUES (");
    insert.Bind(draft.kind).Sql(", ").Bind(draft.name).Sql(", ").Bind(draft.region_code).Sql(", ");
    insert.Bind(std::string(geo::GeometryTypeName(draft.geometry->type()))).Sql(", ");
    insert.Bind(draft.geometry->ToWkt()).Sql(", ");
    for (double value : {bounds.min_lon, bounds.min_lat, bounds.max_lon, bounds.max_lat}) {
        BindDouble(insert, value).Sql(", ");
    }
    BindOptionalDouble(insert, draft.protection_distance_m).Sql(", ");
    insert.Bind(draft.source).Sql(", ").Bind(draft.note).Sql(", ").Bind(now).Sql(", ").Bind(username).Sql(", ");
    insert.Bind(now).Sql(", ").Bind(username).Sql(") RETURNING id");
    return insert.Count(tx);
}

void Update(storage::Transaction& tx, std::int64_t id, const Draft& draft, const std::string& username,
            std::int64_t now) {
    const geo::Bounds bounds = draft.geometry->bounds();
    storage::Query update("UPDATE hazard_features SET kind = ");
    update.Bind(draft.kind).Sql(", name = ").Bind(draft.name).Sql(", region_code = ").Bind(draft.region_code);
    update.Sql(", geometry_type = ").Bind(std::string(geo::GeometryTypeName(draft.geometry->type())));
    update.Sql(", geometry = ").Bind(draft.geometry->ToWkt());
    BindDouble(update.Sql(", min_lon = "), bounds.min_lon);
    BindDouble(update.Sql(", min_lat = "), bounds.min_lat);
    BindDouble(update.Sql(", max_lon = "), bounds.max_lon);
    BindDouble(update.Sql(", max_lat = "), bounds.max_lat);
    BindOptionalDouble(update.Sql(", protection_distance_m = "), draft.protection_distance_m);
    update.Sql(", source = ").Bind(draft.source).Sql(", note = ").Bind(draft.note);
    update.Sql(", updated_at = ").Bind(now).Sql(", updated_by = ").Bind(username);
    update.Sql(" WHERE id = ").Bind(id);
    update.Execute(tx);
}

void Retire(storage::Transaction& tx, std::int64_t id, const std::string& reason, const std::string& username,
            std::int64_t now) {
    storage::Query retire("UPDATE hazard_features SET retired_at = ");
    retire.Bind(now).Sql(", retired_by = ").Bind(username).Sql(", retire_reason = ").Bind(reason);
    retire.Sql(", updated_at = ").Bind(now).Sql(", updated_by = ").Bind(username);
    retire.Sql(" WHERE retired_at IS NULL AND id = ").Bind(id);
    retire.Execute(tx);
}

std::int64_t Count(storage::Transaction& tx, const Scope& scope, const Filter& filter) {
    storage::Query count("SELECT COUNT(*) FROM hazard_features h WHERE 1 = 1");
    AppendFilter(count, scope, filter);
    return count.Count(tx);
}

std::vector<Feature> List(storage::Transaction& tx, const Scope& scope, const Filter& filter, const PageRequest& page) {
    storage::Query query(kSelect);
    AppendFilter(query, scope, filter);
    const std::string sort = page.sort.empty() ? "id" : page.sort;
    query.Sql(" ORDER BY h." + sort + (page.descending ? " DESC" : " ASC") + ", h.id LIMIT ")
        .Bind(page.page_size)
        .Sql(" OFFSET ")
        .Bind(page.offset());
    std::vector<Feature> features;
    query.ForEach(tx, [&](const soci::row& row) { features.push_back(FeatureFromRow(row)); });
    return features;
}

std::optional<Feature> Find(storage::Transaction& tx, const Scope& scope, std::int64_t id) {
    storage::Query query(kSelect);
    query.Sql(" AND h.id = ").Bind(id);
    storage::AppendScope(query, scope, kScope);
    std::optional<Feature> feature;
    query.ForEach(tx, [&](const soci::row& row) { feature = FeatureFromRow(row); });
    return feature;
}

std::vector<Nearby> NearbyHazards(storage::Transaction& tx, geo::LonLat point, double radius_m,
                                  const std::string& within_region) {
    // The box around the point that holds every place within the radius, with room to spare: a degree
    // of latitude is at least 110.57 km, a degree of longitude at least 111.32 km × cos(latitude) on
    // the side nearer the pole.
    const double d_lat = radius_m / 110'000.0 + 1e-6;
    const double far_lat = std::min(89.0, std::fabs(point.lat) + d_lat);
    const double d_lon = radius_m / (111'000.0 * std::cos(far_lat * kPi / 180.0)) + 1e-6;
    storage::Query query(kSelect);
    query.Sql(" AND h.retired_at IS NULL AND h.min_lat >= ");
    BindDouble(query, point.lat - d_lat - kMaxLatitudeSpan).Sql(" AND h.min_lat <= ");
    BindDouble(query, point.lat + d_lat).Sql(" AND h.max_lat >= ");
    BindDouble(query, point.lat - d_lat).Sql(" AND h.min_lon <= ");
    BindDouble(query, point.lon + d_lon).Sql(" AND h.max_lon >= ");
    BindDouble(query, point.lon - d_lon);
    if (!within_region.empty()) {
        storage::AppendRegionSubtree(query, "h.region_code", within_region);
    }
    std::vector<Feature> candidates;
    query.ForEach(tx, [&](const soci::row& row) { candidates.push_back(FeatureFromRow(row)); });

    geo::ReadOptions stored;
    stored.require_in_china = false;
    stored.require_valid = false;
    std::vector<Nearby> nearby;
    for (Feature& feature : candidates) {
        const geo::Geometry geometry = geo::ReadWkt(feature.geometry_wkt, "geometry", stored);
        const double distance = geo::DistanceMetres(point, geometry);
        if (distance <= radius_m) {
            nearby.push_back({std::move(feature), distance});
        }
    }
    std::sort(nearby.begin(), nearby.end(), [](const Nearby& a, const Nearby& b) {
        return a.distance_m != b.distance_m ? a.distance_m < b.distance_m : a.feature.id < b.feature.id;
    });
    return nearby;
}

SiteCheck CheckSite(storage::Transaction& tx, geo::LonLat point, const std::string& region_code) {
    SiteCheck check;
    const std::optional<parameters::Resolved> resolved = parameters::Resolve(tx, "hazard_distance_m", region_code);
    if (resolved && resolved->in_force() != nullptr) {
        const parameters::Value& value = *resolved->in_force();
        check.parameters["hazard_distance_m"] = {parameters::ValueJson(resolved->definition.type, value.value),
                                                 value.source, value.clause};
        const standards::Json& by_kind = check.parameters["hazard_distance_m"].value;
        if (by_kind.is_object()) {
            for (const auto& [kind, distance] : by_kind.items()) {
                if (distance.is_number()) {
                    check.search_radius_m = std::max(check.search_radius_m, distance.get<double>());
                }
            }
        }
        // A feature's own protection distance may reach further than the kinds' (partial index).
        std::optional<double> own;
        storage::Query widest(
            "SELECT CAST(MAX(protection_distance_m) AS TEXT) FROM hazard_features WHERE retired_at IS NULL AND "
            "protection_distance_m IS NOT NULL");
        widest.ForEach(tx, [&](const soci::row& row) { own = OptDouble(storage::OptText(row, 0)); });
        if (own) {
            check.search_radius_m = std::max(check.search_radius_m, *own);
        }
    }
    if (check.search_radius_m > 0) {
        // The province of the site: a hazard across a county or city border counts as much as one inside.
        const std::string province = region_code.substr(0, 2) + "0000000000";
        for (Nearby& item : NearbyHazards(tx, point, check.search_radius_m, province)) {
            check.nearby.push_back({item.feature.id, item.feature.kind, item.feature.name, item.feature.region_code,
                                    item.distance_m, item.feature.protection_distance_m});
        }
    }
    check.findings = standards::CheckSiteHazards(check.nearby, check.parameters);
    return check;
}

}  // namespace tuoyu::reference::hazards
