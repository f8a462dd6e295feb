#include "features/hazards/hazard_fields.hpp"

#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/region_code.hpp"

namespace tuoyu::features::hazards {

bool MayMaintain(const access::Principal& caller, const std::string& region_code) {
    return caller.role == access::Role::kAdmin ||
           (caller.role == access::Role::kRegulator && RegionCode::Contains(caller.region_code, region_code));
}

geo::Crs ReadCrs(const std::optional<std::string>& text, const std::string& field) {
    if (!text) {
        return geo::Crs::kWgs84;
    }
    const std::optional<geo::Crs> crs = geo::ParseCrs(*text);
    if (!crs) {
        throw BadRequest("invalid_crs", field, "坐标系须为 wgs84、gcj02（高德、腾讯）或 bd09（百度）",
                         "The coordinate system must be wgs84, gcj02 (AMap, Tencent) or bd09 (Baidu)");
    }
    return *crs;
}

geo::Geometry ReadGeometryJson(const Json& value, geo::Crs crs, const std::string& field) {
    geo::ReadOptions options;
    options.crs = crs;
    if (value.is_string()) {
        return geo::ReadWkt(value.get<std::string>(), field, options);
    }
    if (value.is_object()) {
        return geo::ReadGeoJson(value.dump(), field, options);
    }
    throw BadRequest("invalid_geometry", field, "字段 " + field + " 须为 GeoJSON 几何对象或 WKT 文本",
                     "Field " + field + " must be a GeoJSON geometry object or WKT text");
}

std::optional<double> ReadDistance(const Json& value, const std::string& field) {
    if (value.is_null()) {
        return std::nullopt;
    }
    if (!value.is_number()) {
        throw BadRequest("invalid_type", field, "字段 " + field + " 应为米数", "Field " + field + " must be metres");
    }
    return value.get<double>();
}

Json FeatureJson(const reference::hazards::Feature& feature) {
    geo::ReadOptions stored;
    stored.require_in_china = false;
    stored.require_valid = false;
    const geo::Geometry geometry = geo::ReadWkt(feature.geometry_wkt, "geometry", stored);
    const geo::Bounds bounds = geometry.bounds();
    auto optional_text = [](const std::string& text) { return text.empty() ? Json() : Json(text); };
    return {{"id", feature.id},
            {"kind", feature.kind},
            {"name", feature.name},
            {"region_code", feature.region_code},
            {"region_name", feature.region_name},
            {"geometry", Json::parse(geometry.ToGeoJson())},
            {"geometry_type", feature.geometry_type},
            {"wkt", feature.geometry_wkt},
            {"bbox", Json::array({bounds.min_lon, bounds.min_lat, bounds.max_lon, bounds.max_lat})},
            {"protection_distance_m", feature.protection_distance_m ? Json(*feature.protection_distance_m) : Json()},
            {"source", feature.source},
            {"note", feature.note},
            {"created_at", FormatIsoUtc(feature.created_at)},
            {"created_by", feature.created_by},
            {"updated_at", FormatIsoUtc(feature.updated_at)},
            {"updated_by", feature.updated_by},
            {"retired_at", feature.retired_at ? Json(FormatIsoUtc(*feature.retired_at)) : Json()},
            {"retired_by", optional_text(feature.retired_by)},
            {"retire_reason", optional_text(feature.retire_reason)}};
}

}  // namespace tuoyu::features::hazards
