#pragma once

#include <optional>
#include <string>
#include <string_view>

// Longitude and latitude in the three coordinate systems met in China, and the conversions to WGS-84,
// the one system Tuoyu stores. A coordinate means nothing without its system: the same pair of numbers
// read in the wrong one lands several hundred metres away, which is more than a hazard distance.
namespace tuoyu::geo {

// Degrees; east and north positive.
struct LonLat {
    double lon = 0;
    double lat = 0;
};

// WGS-84: GPS receivers, international maps. GCJ-02: the obfuscated system that maps published in China
// must use (高德/AMap, 腾讯/Tencent, Apple and Google inside China). BD-09: Baidu's own shift of GCJ-02.
enum class Crs { kWgs84, kGcj02, kBd09 };

// "wgs84", "gcj02", "bd09" (the codes the API takes); nullopt for anything else.
std::optional<Crs> ParseCrs(std::string_view code);
std::string_view CrsCode(Crs crs);

// GCJ-02 is a published forward transform of WGS-84; it has no closed inverse, so the inverse is found
// by iteration, to better than 1e-9 degrees (0.1 mm). BD-09 is a small rotation and scaling of GCJ-02
// about a shifted origin; its published inverse is approximate and is refined the same way.
LonLat Wgs84ToGcj02(LonLat wgs84);
LonLat Gcj02ToWgs84(LonLat gcj02);
LonLat Gcj02ToBd09(LonLat gcj02);
LonLat Bd09ToGcj02(LonLat bd09);

LonLat ToWgs84(LonLat point, Crs crs);
LonLat FromWgs84(LonLat wgs84, Crs crs);

}  // namespace tuoyu::geo
