#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "access/role.hpp"
#include "geo/coordinates.hpp"
#include "geo/geometry.hpp"
#include "reference/hazards.hpp"

// What the hazard routes and the GeoJSON import share: reading a feature's fields from JSON with the
// field named in every refusal, the caller's scope, and a feature as the API returns it.
namespace tuoyu::features::hazards {

using Json = nlohmann::json;

// Administrators maintain every feature; a regulator those of its subtree.
bool MayMaintain(const access::Principal& caller, const std::string& region_code);

// The coordinate system named by `text` ("wgs84" when absent), or a 400 naming `field`.
geo::Crs ReadCrs(const std::optional<std::string>& text, const std::string& field);

// A geometry given as a GeoJSON geometry object or as WKT text, in `crs`, checked and in WGS-84.
geo::Geometry ReadGeometryJson(const Json& value, geo::Crs crs, const std::string& field);

// A protection distance: a number of metres (null clears it in an update).
std::optional<double> ReadDistance(const Json& value, const std::string& field);

// A feature as the API returns it: the geometry as a GeoJSON object and as WKT, its bounding box.
Json FeatureJson(const reference::hazards::Feature& feature);

}  // namespace tuoyu::features::hazards
