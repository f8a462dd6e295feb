// Coordinate systems and the China outline (src/geo): conversions against published figures and
// round trips, and places inside and outside the outline.

#include <gtest/gtest.h>

#include <geos_c.h>
#include <cmath>
#include <numbers>

#include "core/error.hpp"
#include "geo/china.hpp"
#include "geo/coordinates.hpp"

namespace tuoyu::geo {
namespace {

// 1e-9 degrees is about 0.1 mm.
constexpr double kExact = 1e-9;

// Metres between two nearby points (an equirectangular approximation, enough for millimetres).
double MetresApart(LonLat a, LonLat b) {
    const double lat = (a.lat + b.lat) / 2 * std::numbers::pi / 180;
    const double dx = (a.lon - b.lon) * std::numbers::pi / 180 * 6'378'137 * std::cos(lat);
    const double dy = (a.lat - b.lat) * std::numbers::pi / 180 * 6'378'137;
    return std::hypot(dx, dy);
}

TEST(GeoCoordinatesTest, ParsesTheThreeSystemsOnly) {
    EXPECT_EQ(ParseCrs("wgs84"), Crs::kWgs84);
    EXPECT_EQ(ParseCrs("gcj02"), Crs::kGcj02);
    EXPECT_EQ(ParseCrs("bd09"), Crs::kBd09);
    EXPECT_FALSE(ParseCrs("WGS84"));
    EXPECT_FALSE(ParseCrs("epsg:4326"));
    EXPECT_FALSE(ParseCrs(""));
    for (Crs crs : {Crs::kWgs84, Crs::kGcj02, Crs::kBd09}) {
        EXPECT_EQ(ParseCrs(CrsCode(crs)), crs);
    }
}

// The figures that the widely used open implementations of the published formulas print for the
// point (116.404, 39.915) near 天安门.
TEST(GeoCoordinatesTest, ForwardTransformsMatchPublishedFigures) {
    const LonLat gcj = Wgs84ToGcj02({116.404, 39.915});
    EXPECT_NEAR(gcj.lon, 116.41024449916938, kExact);
    EXPECT_NEAR(gcj.lat, 39.91640428150164, kExact);
    const LonLat bd = Gcj02ToBd09({116.404, 39.915});
    EXPECT_NEAR(bd.lon, 116.41036949371029, kExact);
    EXPECT_NEAR(bd.lat, 39.92133699351021, kExact);
    // The published BD-09 inverse is approximate; ours is refined, and agrees to about 0.1 m.
    const LonLat back = Bd09ToGcj02({116.404, 39.915});
    EXPECT_NEAR(back.lon, 116.39762729119315, 2e-6);
    EXPECT_NEAR(back.lat, 39.90865673957631, 2e-6);
}

TEST(GeoCoordinatesTest, GcjOffsetIsHundredsOfMetres) {
    const LonLat wgs{116.404, 39.915};
    const double offset = MetresApart(wgs, Wgs84ToGcj02(wgs));
    EXPECT_GT(offset, 100);
    EXPECT_LT(offset, 1000);
}

// Inverses to well under a millimetre, across China: the GCJ-02 inverse by iteration, BD-09 likewise.
TEST(GeoCoordinatesTest, RoundTripsAcrossChina) {
    const LonLat places[] = {{116.404, 39.915}, {87.617, 43.826}, {109.512, 18.252}, {122.536, 52.972},
                             {121.473, 31.230}, {91.132, 29.660}, {75.990, 39.470},  {121.565, 25.033},
                             {122.078, 40.874}, {121.154, 30.045}};
    for (const LonLat& place : places) {
        for (Crs crs : {Crs::kGcj02, Crs::kBd09}) {
            const LonLat there = FromWgs84(place, crs);
            EXPECT_GT(MetresApart(there, place), 1.0) << CrsCode(crs);
            const LonLat back = ToWgs84(there, crs);
            EXPECT_LT(MetresApart(back, place), 0.001) << CrsCode(crs) << " at " << place.lon << "," << place.lat;
        }
        const LonLat gcj = Wgs84ToGcj02(place);
        const LonLat wgs = Gcj02ToWgs84(gcj);
        EXPECT_NEAR(wgs.lon, place.lon, kExact);
        EXPECT_NEAR(wgs.lat, place.lat, kExact);
        const LonLat bd = Gcj02ToBd09(place);
        const LonLat gcj_back = Bd09ToGcj02(bd);
        EXPECT_NEAR(gcj_back.lon, place.lon, kExact);
        EXPECT_NEAR(gcj_back.lat, place.lat, kExact);
    }
    EXPECT_EQ(ToWgs84({116.4, 39.9}, Crs::kWgs84).lon, 116.4);
}

struct Place {
    const char* name;
    LonLat wgs84;
};

TEST(GeoChinaTest, CitiesOfChinaAreInside) {
    const Place inside[] = {
        {"北京", {116.397, 39.909}}, {"乌鲁木齐", {87.617, 43.826}}, {"三亚", {109.512, 18.252}},
        {"漠河", {122.536, 52.972}}, {"北极村", {122.36, 53.47}},    {"拉萨", {91.132, 29.660}},
        {"喀什", {75.990, 39.470}},  {"塔什库尔干", {75.23, 37.77}}, {"上海", {121.473, 31.230}},
        {"香港", {114.170, 22.320}}, {"澳门", {113.543, 22.187}},    {"台北", {121.565, 25.033}},
        {"永兴岛", {112.33, 16.83}}, {"黑河", {127.50, 50.25}},      {"珲春", {130.37, 42.86}},
        {"丹东", {124.35, 40.00}},   {"瑞丽", {97.85, 24.01}},       {"东兴", {107.97, 21.55}},
        {"樟木", {85.98, 27.99}},    {"霍尔果斯", {80.42, 44.21}},   {"阿尔山", {119.94, 47.17}},
        {"满洲里", {117.43, 49.60}}, {"二连浩特", {111.98, 43.65}},  {"大洼", {122.08, 40.99}},
        {"余姚", {121.15, 30.04}},   {"抚远", {134.29, 48.36}},      {"阿拉山口", {82.55, 45.17}},
        {"塔城", {82.98, 46.75}},    {"凭祥", {106.75, 22.10}},      {"河口", {103.95, 22.51}},
    };
    for (const Place& place : inside) {
        EXPECT_TRUE(MayLieInChina(place.wgs84)) << place.name;
    }
}

TEST(GeoChinaTest, PlacesAbroadAreOutside) {
    const Place outside[] = {
        {"Ulaanbaatar", {106.917, 47.918}},
        {"Seoul", {126.978, 37.567}},
        {"Hanoi", {105.854, 21.029}},
        {"Pyongyang", {125.754, 39.034}},
        {"Vladivostok", {131.886, 43.116}},
        {"Tokyo", {139.692, 35.690}},
        {"Manila", {120.984, 14.600}},
        {"Vientiane", {102.633, 17.975}},
        {"Yangon", {96.156, 16.841}},
        {"Kathmandu", {85.324, 27.717}},
        {"Thimphu", {89.639, 27.472}},
        {"Delhi", {77.209, 28.614}},
        {"Islamabad", {73.048, 33.684}},
        {"Almaty", {76.886, 43.239}},
        {"Bishkek", {74.590, 42.870}},
        {"Irkutsk", {104.281, 52.287}},
        {"Chita", {113.500, 52.033}},
        {"Naha", {127.681, 26.212}},
        {"Leh", {77.577, 34.152}},
        {"Dibrugarh", {94.91, 27.47}},
        {"Choibalsan", {114.53, 48.07}},
        {"lat/lon swapped (北京)", {39.909, 116.397}},
        {"sign lost (北京)", {-116.397, 39.909}},
        {"origin", {0, 0}},
    };
    for (const Place& place : outside) {
        EXPECT_FALSE(MayLieInChina(place.wgs84)) << place.name;
    }
}

// The rings are closed and, read by GEOS, each is a valid polygon (no edge crosses another): the
// even-odd test means what it should.
TEST(GeoChinaTest, OutlineRingsAreValidPolygons) {
    GEOSContextHandle_t handle = GEOS_init_r();
    ASSERT_NE(handle, nullptr);
    for (std::span<const LonLat> ring : ChinaOutline()) {
        ASSERT_GE(ring.size(), 4u);
        EXPECT_EQ(ring.front().lon, ring.back().lon);
        EXPECT_EQ(ring.front().lat, ring.back().lat);
        GEOSCoordSequence* sequence = GEOSCoordSeq_create_r(handle, static_cast<unsigned>(ring.size()), 2);
        for (std::size_t i = 0; i < ring.size(); ++i) {
            GEOSCoordSeq_setXY_r(handle, sequence, static_cast<unsigned>(i), ring[i].lon, ring[i].lat);
        }
        GEOSGeometry* shell = GEOSGeom_createLinearRing_r(handle, sequence);
        GEOSGeometry* polygon = GEOSGeom_createPolygon_r(handle, shell, nullptr, 0);
        char* reason = GEOSisValidReason_r(handle, polygon);
        EXPECT_EQ(GEOSisValid_r(handle, polygon), 1) << reason;
        GEOSFree_r(handle, reason);
        GEOSGeom_destroy_r(handle, polygon);
    }
    GEOS_finish_r(handle);
}

TEST(GeoChinaTest, RequirePointConvertsAndNamesTheField) {
    const LonLat gcj = Wgs84ToGcj02({122.08, 40.99});
    const LonLat wgs = RequirePointInChina(gcj.lon, gcj.lat, Crs::kGcj02, "longitude", "latitude");
    EXPECT_NEAR(wgs.lon, 122.08, kExact);
    EXPECT_NEAR(wgs.lat, 40.99, kExact);
    auto refusal = [](double lon, double lat) {
        try {
            RequirePointInChina(lon, lat, Crs::kWgs84, "location.longitude", "location.latitude");
        } catch (const ApiError& error) {
            return error.code() + " " + error.field();
        }
        return std::string("accepted");
    };
    EXPECT_EQ(refusal(106.917, 47.918), "coordinates_outside_china location.longitude");  // Ulaanbaatar
    EXPECT_EQ(refusal(39.909, 116.397), "invalid_coordinate location.latitude");          // swapped
    EXPECT_EQ(refusal(116.397, 60.0), "coordinates_outside_china location.latitude");     // too far north
    EXPECT_EQ(refusal(200.0, 39.9), "invalid_coordinate location.longitude");
    EXPECT_EQ(refusal(std::nan(""), 39.9), "invalid_coordinate location.longitude");
    EXPECT_EQ(refusal(116.397, 39.909), "accepted");
}

}  // namespace
}  // namespace tuoyu::geo
