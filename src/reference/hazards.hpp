#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/paging.hpp"
#include "core/scope.hpp"
#include "core/standards_check.hpp"
#include "geo/coordinates.hpp"
#include "geo/geometry.hpp"
#include "storage/database.hpp"

// Hazard features (RULES S3) as regulators maintain them, and the measurement of a site against them:
// storage with the caller's scope, the bounding-box prefilter, then the exact distance with GEOS.
namespace tuoyu::reference::hazards {

// The kinds of hazard_features.kind, which are also the keys of the hazard_distance_m parameter.
inline const std::vector<std::string> kKinds = {"petrol_station",        "gas_station",      "oil_gas_pipeline",
                                                "high_voltage_corridor", "pollution_source", "other"};
bool IsKind(std::string_view kind);

// A feature's own protection distance may not exceed this (it widens every check's search).
inline constexpr double kMaxProtectionDistanceM = 5000;
// Nor may a feature span more than this many degrees of latitude (the prefilter relies on it).
inline constexpr double kMaxLatitudeSpan = 1.0;

struct Feature {
    std::int64_t id = 0;
    std::string kind;
    std::string name;
    std::string region_code;
    std::string region_name;
    std::string geometry_type;
    std::string geometry_wkt;  // WGS-84
    std::optional<double> protection_distance_m;
    std::string source;
    std::string note;
    std::int64_t created_at = 0;
    std::string created_by;
    std::int64_t updated_at = 0;
    std::string updated_by;
    std::optional<std::int64_t> retired_at;
    std::string retired_by;
    std::string retire_reason;
};

// What a create or an update writes; the geometry is already read and checked (geo::ReadWkt/ReadGeoJson).
struct Draft {
    std::string kind;
    std::string name;
    std::string region_code;
    const geo::Geometry* geometry = nullptr;
    std::optional<double> protection_distance_m;
    std::string source;
    std::string note;
};

// The checks a draft must pass before it is written, each a 400 naming `field_prefix` + the field (the
// geometry's refusals name `geometry_field`): a known kind, a name, the region a county or below that
// exists and is in force, the geometry within kMaxLatitudeSpan, the protection distance within
// 0 … kMaxProtectionDistanceM.
void Validate(storage::Transaction& tx, const Draft& draft, const std::string& field_prefix = "",
              const std::string& geometry_field = "geometry");

std::int64_t Insert(storage::Transaction& tx, const Draft& draft, const std::string& username, std::int64_t now);
void Update(storage::Transaction& tx, std::int64_t id, const Draft& draft, const std::string& username,
            std::int64_t now);
void Retire(storage::Transaction& tx, std::int64_t id, const std::string& reason, const std::string& username,
            std::int64_t now);

struct Filter {
    std::optional<std::string> region;  // a subtree
    std::optional<std::string> kind;
    std::string q;  // part of the name
    bool include_retired = false;
};

// Scoped reads: a kRegion scope sees its subtree, kAll everything, any other scope nothing.
std::int64_t Count(storage::Transaction& tx, const Scope& scope, const Filter& filter);
std::vector<Feature> List(storage::Transaction& tx, const Scope& scope, const Filter& filter, const PageRequest& page);
std::optional<Feature> Find(storage::Transaction& tx, const Scope& scope, std::int64_t id);

struct Nearby {
    Feature feature;
    double distance_m = 0;
};

// The features in force within radius_m of a WGS-84 point, nearest first: candidates whose bounding
// box comes within the radius (an index range on the latitude band), then the exact distance with
// GEOS (geo::DistanceMetres). `within_region`, when not empty, limits them to that region's subtree.
std::vector<Nearby> NearbyHazards(storage::Transaction& tx, geo::LonLat point, double radius_m,
                                  const std::string& within_region = "");

// The site check of RULES S3 for a point of a region: the hazard_distance_m in force there, the
// features of the region's province (a hazard across a county border counts) within the largest
// distance, and the findings of core::standards::CheckSiteHazards.
struct SiteCheck {
    standards::Parameters parameters;           // hazard_distance_m as in force at the region, if set
    std::vector<standards::SiteHazard> nearby;  // within the search radius, nearest first
    std::vector<standards::Finding> findings;   // one fail per hazard within its distance
    double search_radius_m = 0;
};
SiteCheck CheckSite(storage::Transaction& tx, geo::LonLat point, const std::string& region_code);

}  // namespace tuoyu::reference::hazards
