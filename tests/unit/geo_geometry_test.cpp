// Geometries read from WKT and GeoJSON with their checks, and distances in metres (src/geo), measured
// against geodesic distances computed here by Vincenty's inverse formula on the WGS-84 ellipsoid — a
// method independent of the local projection that DistanceMetres uses.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <numbers>
#include <thread>
#include <vector>

#include "core/error.hpp"
#include "geo/coordinates.hpp"
#include "geo/geometry.hpp"

namespace tuoyu::geo {
namespace {

constexpr double kRad = std::numbers::pi / 180.0;

// Vincenty (1975), inverse problem, WGS-84: metres between two points, to well under a millimetre.
double Geodesic(LonLat p, LonLat q) {
    const double a = 6378137.0;
    const double f = 1 / 298.257223563;
    const double b = (1 - f) * a;
    const double big_l = (q.lon - p.lon) * kRad;
    const double u1 = std::atan((1 - f) * std::tan(p.lat * kRad));
    const double u2 = std::atan((1 - f) * std::tan(q.lat * kRad));
    const double sin_u1 = std::sin(u1), cos_u1 = std::cos(u1), sin_u2 = std::sin(u2), cos_u2 = std::cos(u2);
    double lambda = big_l;
    double sin_sigma = 0, cos_sigma = 0, sigma = 0, cos2_alpha = 0, cos_2sm = 0;
    for (int i = 0; i < 200; ++i) {
        const double sin_l = std::sin(lambda), cos_l = std::cos(lambda);
        sin_sigma = std::hypot(cos_u2 * sin_l, cos_u1 * sin_u2 - sin_u1 * cos_u2 * cos_l);
        if (sin_sigma == 0) {
            return 0;
        }
        cos_sigma = sin_u1 * sin_u2 + cos_u1 * cos_u2 * cos_l;
        sigma = std::atan2(sin_sigma, cos_sigma);
        const double sin_alpha = cos_u1 * cos_u2 * sin_l / sin_sigma;
        cos2_alpha = 1 - sin_alpha * sin_alpha;
        cos_2sm = cos2_alpha != 0 ? cos_sigma - 2 * sin_u1 * sin_u2 / cos2_alpha : 0;
        const double c = f / 16 * cos2_alpha * (4 + f * (4 - 3 * cos2_alpha));
        const double next =
            big_l + (1 - c) * f * sin_alpha *
                        (sigma + c * sin_sigma * (cos_2sm + c * cos_sigma * (-1 + 2 * cos_2sm * cos_2sm)));
        const bool done = std::fabs(next - lambda) < 1e-13;
        lambda = next;
        if (done) {
            break;
        }
    }
    const double u_sq = cos2_alpha * (a * a - b * b) / (b * b);
    const double big_a = 1 + u_sq / 16384 * (4096 + u_sq * (-768 + u_sq * (320 - 175 * u_sq)));
    const double big_b = u_sq / 1024 * (256 + u_sq * (-128 + u_sq * (74 - 47 * u_sq)));
    const double d_sigma =
        big_b * sin_sigma *
        (cos_2sm + big_b / 4 *
                       (cos_sigma * (-1 + 2 * cos_2sm * cos_2sm) -
                        big_b / 6 * cos_2sm * (-3 + 4 * sin_sigma * sin_sigma) * (-3 + 4 * cos_2sm * cos_2sm)));
    return b * big_a * (sigma - d_sigma);
}

std::string PointWkt(LonLat p) {
    char text[80];
    std::snprintf(text, sizeof text, "POINT (%.9f %.9f)", p.lon, p.lat);
    return text;
}

Geometry Wkt(const std::string& text) {
    ReadOptions options;
    options.require_in_china = false;
    return ReadWkt(text, "geometry", options);
}

std::string RefusalOf(const std::function<void()>& read) {
    try {
        read();
    } catch (const ApiError& error) {
        EXPECT_EQ(error.status(), 400);
        EXPECT_FALSE(error.message_zh().empty());
        EXPECT_FALSE(error.message_en().empty());
        return error.code() + " " + error.field();
    }
    return "accepted";
}

TEST(GeoDistanceTest, ReferenceMeetsKnownMeridianArcs) {
    // The meridian arc of WGS-84 from the equator: 4 984 944.378 m to 45°, 10 001 965.729 m to the pole.
    EXPECT_NEAR(Geodesic({0, 0}, {0, 45}), 4'984'944.378, 0.01);
    EXPECT_NEAR(Geodesic({0, 0}, {0, 90}), 10'001'965.729, 0.01);
}

// Along meridians across China's latitudes, from 100 m to 1000 km: within 0.5 %, and within 0.1 % up
// to 100 km (the error bound that geometry.hpp states).
TEST(GeoDistanceTest, MeridianArcsWithinHalfAPercent) {
    double worst_near = 0, worst_far = 0;
    for (double lat : {3.9, 18.0, 30.0, 40.99, 53.5}) {
        for (double metres : {100.0, 1'000.0, 10'000.0, 100'000.0, 1'000'000.0}) {
            const LonLat from{122.08, lat};
            const LonLat to{122.08, lat + metres / 111'000.0};
            const double truth = Geodesic(from, to);
            const double measured = DistanceMetres(from, Wkt(PointWkt(to)));
            const double error = std::fabs(measured - truth) / truth;
            EXPECT_LT(error, 0.005) << "at " << lat << "° over " << metres << " m: " << measured << " vs " << truth;
            double& worst = metres <= 100'000.0 ? worst_near : worst_far;
            worst = std::max(worst, error);
        }
    }
    EXPECT_LT(worst_near, 0.001);
    RecordProperty("worst_relative_error_up_to_100km", std::to_string(worst_near));
    RecordProperty("worst_relative_error_to_1000km", std::to_string(worst_far));
}

// Every direction, up to 100 km: within 0.1 %.
TEST(GeoDistanceTest, AllAzimuthsWithinATenthOfAPercent) {
    double worst = 0;
    for (double lat : {18.25, 30.04, 40.99, 52.97}) {
        const LonLat from{110.0, lat};
        for (int azimuth = 0; azimuth < 360; azimuth += 15) {
            for (double metres : {50.0, 500.0, 5'000.0, 50'000.0}) {
                const double north = metres * std::cos(azimuth * kRad) / 111'000.0;
                const double east = metres * std::sin(azimuth * kRad) / (111'000.0 * std::cos(lat * kRad));
                const LonLat to{from.lon + east, from.lat + north};
                const double truth = Geodesic(from, to);
                const double measured = DistanceMetres(from, Wkt(PointWkt(to)));
                EXPECT_NEAR(measured, truth, truth * 0.001) << lat << "° azimuth " << azimuth << " " << metres << " m";
                worst = std::max(worst, std::fabs(measured - truth) / truth);
            }
        }
    }
    RecordProperty("worst_relative_error_any_azimuth_to_50km", std::to_string(worst));
}

TEST(GeoDistanceTest, LinesAndPolygons) {
    const LonLat site{122.08, 40.99};
    // A line along the meridian 85 m east of the site: the nearest point is inside the segment.
    const double east = 0.001;
    const Geometry line = Wkt("LINESTRING (122.081 40.94, 122.081 41.04)");
    const double truth = Geodesic(site, {site.lon + east, site.lat});
    EXPECT_NEAR(DistanceMetres(site, line), truth, truth * 0.005);
    EXPECT_GT(truth, 80);
    EXPECT_LT(truth, 90);
    // The same line crossing the site: 0.
    EXPECT_NEAR(DistanceMetres(site, Wkt("LINESTRING (122.08 40.9, 122.08 41.1)")), 0.0, 1e-6);
    // A polygon around the site: 0; one to the north: the distance to its south edge.
    EXPECT_DOUBLE_EQ(DistanceMetres(site, Wkt("POLYGON ((122.07 40.98, 122.09 40.98, 122.09 41, 122.07 41, "
                                              "122.07 40.98))")),
                     0.0);
    const double to_edge = Geodesic(site, {site.lon, 41.0});
    EXPECT_NEAR(DistanceMetres(site, Wkt("POLYGON ((122.07 41, 122.09 41, 122.09 41.01, 122.07 41.01, 122.07 41))")),
                to_edge, to_edge * 0.005);
    // A multi-geometry: its nearest part.
    const double to_near = Geodesic(site, {122.08, 41.0});
    EXPECT_NEAR(DistanceMetres(site, Wkt("MULTIPOINT ((122.08 41), (122.5 41.5))")), to_near, to_near * 0.005);
}

TEST(GeoGeometryTest, ReadsWktAndWritesItNormalised) {
    const Geometry point = ReadWkt("point(122.08 40.99)", "geometry");
    EXPECT_EQ(point.type(), GeometryType::kPoint);
    EXPECT_EQ(point.ToWkt(), "POINT (122.08 40.99)");
    const Geometry line = ReadWkt("LINESTRING Z (122.0 40.9 5, 122.1 41.0 7)", "geometry");
    EXPECT_EQ(line.type(), GeometryType::kLineString);
    EXPECT_EQ(line.ToWkt(), "LINESTRING (122 40.9, 122.1 41)");
    const Bounds bounds = line.bounds();
    EXPECT_DOUBLE_EQ(bounds.min_lon, 122.0);
    EXPECT_DOUBLE_EQ(bounds.max_lat, 41.0);
    EXPECT_EQ(GeometryTypeName(ReadWkt("MULTIPOLYGON (((122 40.9, 122.1 40.9, 122.1 41, 122 40.9)))", "g").type()),
              "MultiPolygon");
}

TEST(GeoGeometryTest, ReadsGeoJson) {
    const Geometry polygon = ReadGeoJson(
        R"({"type":"Polygon","coordinates":[[[121.1,30.0],[121.2,30.0],[121.2,30.1],[121.1,30.0]]]})", "geometry");
    EXPECT_EQ(polygon.type(), GeometryType::kPolygon);
    EXPECT_EQ(polygon.coordinate_count(), 4u);
    const Geometry lines = ReadGeoJson(
        R"({"type":"MultiLineString","coordinates":[[[121.1,30.0],[121.2,30.0]],[[121.3,30.1],[121.4,30.2]]]})", "g");
    EXPECT_EQ(lines.type(), GeometryType::kMultiLineString);
    EXPECT_NE(lines.ToGeoJson().find("\"MultiLineString\""), std::string::npos);
}

// A geometry in GCJ-02 (as read off an AMap or Tencent map) is stored in WGS-84.
TEST(GeoGeometryTest, ConvertsFromTheStatedSystem) {
    const LonLat gcj = Wgs84ToGcj02({122.08, 40.99});
    ReadOptions options;
    options.crs = Crs::kGcj02;
    const Geometry point = ReadWkt(PointWkt(gcj), "geometry", options);
    EXPECT_EQ(point.ToWkt(), "POINT (122.08 40.99)");
    const LonLat bd = Gcj02ToBd09(gcj);
    options.crs = Crs::kBd09;
    char json[120];
    std::snprintf(json, sizeof json, R"({"type":"Point","coordinates":[%.10f,%.10f]})", bd.lon, bd.lat);
    EXPECT_EQ(ReadGeoJson(json, "geometry", options).ToWkt(), "POINT (122.08 40.99)");
}

TEST(GeoGeometryTest, RefusesBadInputNamingTheField) {
    const std::string field = "features[2].geometry";
    auto wkt = [&](const std::string& text) { return RefusalOf([&] { ReadWkt(text, field); }); };
    auto json = [&](const std::string& text) { return RefusalOf([&] { ReadGeoJson(text, field); }); };
    EXPECT_EQ(wkt("POINT (122.08"), "invalid_geometry " + field);
    EXPECT_EQ(wkt("CIRCLE (1 2)"), "invalid_geometry " + field);
    EXPECT_EQ(wkt(""), "invalid_geometry " + field);
    EXPECT_EQ(wkt("POINT EMPTY"), "invalid_geometry " + field);
    EXPECT_EQ(wkt("GEOMETRYCOLLECTION (POINT (122 41))"), "invalid_geometry " + field);
    EXPECT_EQ(wkt("LINEARRING (122 41, 122.1 41, 122.1 41.1, 122 41)"), "invalid_geometry " + field);
    // A bow tie: the ring crosses itself.
    EXPECT_EQ(wkt("POLYGON ((122 41, 122.1 41.1, 122.1 41, 122 41.1, 122 41))"), "invalid_geometry " + field);
    EXPECT_EQ(wkt("POINT (200 40)"), "invalid_coordinate " + field);
    EXPECT_EQ(wkt("POINT (122 -95)"), "invalid_coordinate " + field);
    EXPECT_EQ(wkt("POINT (106.917 47.918)"), "coordinates_outside_china " + field);  // Ulaanbaatar
    EXPECT_EQ(wkt("POINT (40.99 122.08)"), "invalid_coordinate " + field);           // swapped
    EXPECT_EQ(json("{"), "invalid_geometry " + field);
    EXPECT_EQ(json(R"({"type":"Point"})"), "invalid_geometry " + field);
    EXPECT_EQ(json(R"({"type":"Point","coordinates":[122]})"), "invalid_geometry " + field);
    EXPECT_EQ(json(R"({"type":"Circle","coordinates":[122,41]})"), "invalid_geometry " + field);
    EXPECT_EQ(json(R"({"type":"Point","coordinates":[126.978,37.567]})"), "coordinates_outside_china " + field);
    ReadOptions small;
    small.max_coordinates = 3;
    EXPECT_EQ(RefusalOf([&] { ReadWkt("LINESTRING (122 41, 122.1 41, 122.2 41, 122.3 41)", field, small); }),
              "invalid_geometry " + field);
    try {
        ReadWkt("POLYGON ((122 41, 122.1 41.1, 122.1 41, 122 41.1, 122 41))", field);
        ADD_FAILURE() << "a bow tie was accepted";
    } catch (const ApiError& error) {
        EXPECT_NE(error.message_en().find("Self-intersection"), std::string::npos) << error.message_en();
    }
}

// Each read makes its own GEOS context, so threads never share one.
TEST(GeoGeometryTest, ThreadsReadAndMeasureIndependently) {
    const double expected = DistanceMetres({122.08, 40.99}, ReadWkt("LINESTRING (122.081 40.94, 122.081 41.04)", "g"));
    std::vector<std::thread> threads;
    std::vector<int> mismatches(4, 0);
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 200; ++i) {
                const Geometry line = ReadWkt("LINESTRING (122.081 40.94, 122.081 41.04)", "g");
                if (DistanceMetres({122.08, 40.99}, line) != expected) {
                    ++mismatches[static_cast<std::size_t>(t)];
                }
                try {
                    ReadWkt("POLYGON ((122 41, 122.1 41.1, 122.1 41, 122 41.1, 122 41))", "g");
                    ++mismatches[static_cast<std::size_t>(t)];
                } catch (const ApiError&) {
                }
            }
        });
    }
    for (std::thread& thread : threads) {
        thread.join();
    }
    for (int count : mismatches) {
        EXPECT_EQ(count, 0);
    }
}

}  // namespace
}  // namespace tuoyu::geo
