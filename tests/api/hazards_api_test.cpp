// Hazard features over HTTP (RULES S3): create, read, list, change and retire them; import a GeoJSON
// FeatureCollection all or nothing; the site check of a point against the distances in force; bad
// input refused with the field named and nothing stored; and the data scope: 大洼区's regulator can
// neither see nor change 余姚's features by any route, and the reverse.

#include <gtest/gtest.h>

#include <cmath>

#include "api/api_support.hpp"

namespace tuoyu::test::api {
namespace {

// A degree of latitude is about 111 070 m at 41°N, one of longitude about 84 140 m.
constexpr double kMetreLat = 1.0 / 111'070.0;
constexpr double kMetreLon = 1.0 / 84'140.0;

Json PointGeometry(double lon, double lat) {
    return {{"type", "Point"}, {"coordinates", {lon, lat}}};
}

class HazardsApiTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() { site_ = new DemoSite(); }
    static void TearDownTestSuite() {
        delete site_;
        site_ = nullptr;
    }

    static HttpResponse Create(HttpClient& client, const Json& body) {
        return client.Post("/api/v1/hazards", body.dump());
    }

    static std::int64_t CreateOk(HttpClient& client, const Json& body) {
        const HttpResponse reply = Create(client, body);
        EXPECT_EQ(reply.status, 201) << reply.body;
        return reply.status == 201 ? reply.Json()["id"].get<std::int64_t>() : 0;
    }

    static HttpResponse Check(HttpClient& client, double lon, double lat, const std::string& region,
                              const std::string& crs = "wgs84") {
        const Json body{{"longitude", lon}, {"latitude", lat}, {"crs", crs}, {"region_code", region}};
        return client.Post("/api/v1/hazards/check", body.dump());
    }

    static std::int64_t Total(const std::string& query = "") {
        return site_->Admin()
            .Get("/api/v1/hazards?include_retired=true&page_size=1" + query)
            .Json()["total"]
            .get<std::int64_t>();
    }

    static HttpResponse Import(HttpClient& client, const Json& collection, const std::string& query = "") {
        return client.Post("/api/v1/hazards/import" + query, collection.dump(),
                           {{"Content-Type", "application/geo+json"}});
    }

    static Json Feature(const std::string& kind, const std::string& name, const std::string& region,
                        const Json& geometry) {
        return {{"type", "Feature"},
                {"geometry", geometry},
                {"properties", {{"kind", kind}, {"name", name}, {"region_code", region}, {"source", "测试"}}}};
    }

    static DemoSite* site_;
};

DemoSite* HazardsApiTest::site_ = nullptr;

TEST_F(HazardsApiTest, CreateReadListChangeRetire) {
    HttpClient& daowa = site_->As("daowa_health");
    const std::int64_t audit_before = site_->AuditTotal();
    const HttpResponse created = Create(daowa, {{"kind", "petrol_station"},
                                                {"name", "大洼测试加油站"},
                                                {"region_code", "211104004"},
                                                {"geometry", PointGeometry(122.05, 41.00)},
                                                {"source", "2025年排查"},
                                                {"note", "三级站"}});
    ASSERT_EQ(created.status, 201) << created.body;
    const Json feature = created.Json();
    const std::int64_t id = feature["id"].get<std::int64_t>();
    EXPECT_EQ(feature["kind"], "petrol_station");
    EXPECT_EQ(feature["region_code"], kDaowaTown);
    EXPECT_EQ(feature["wkt"], "POINT (122.05 41)");
    EXPECT_EQ(feature["geometry"]["type"], "Point");
    EXPECT_EQ(feature["created_by"], "daowa_health");
    EXPECT_TRUE(feature["retired_at"].is_null());
    EXPECT_EQ(site_->AuditTotal(), audit_before + 1);
    Json record = site_->NewestAudit();
    EXPECT_EQ(record["route"], "/api/v1/hazards");
    EXPECT_EQ(record["object_type"], "hazard_feature");
    EXPECT_EQ(record["object_id"], std::to_string(id));
    EXPECT_EQ(record["region_code"], kDaowaTown);

    const HttpResponse got = daowa.Get("/api/v1/hazards/" + std::to_string(id));
    ASSERT_EQ(got.status, 200) << got.body;
    EXPECT_EQ(got.Json()["name"], "大洼测试加油站");
    EXPECT_EQ(got.Json()["bbox"], Json::array({122.05, 41.0, 122.05, 41.0}));

    // A corridor given as WKT read off an AMap (GCJ-02) map is stored in WGS-84.
    const std::int64_t line = CreateOk(daowa, {{"kind", "high_voltage_corridor"},
                                               {"name", "大洼测试220千伏线路"},
                                               {"region_code", kDaowa},
                                               {"crs", "gcj02"},
                                               {"geometry", "LINESTRING (122.1 40.95, 122.1 41.05)"}});
    const Json stored = daowa.Get("/api/v1/hazards/" + std::to_string(line)).Json();
    EXPECT_EQ(stored["geometry_type"], "LineString");
    const double stored_lon = stored["geometry"]["coordinates"][0][0].get<double>();
    EXPECT_GT(std::fabs(stored_lon - 122.1), 0.001) << "not converted from GCJ-02: " << stored.dump();
    EXPECT_LT(std::fabs(stored_lon - 122.1), 0.02);

    // Lists: by kind, region and name, with the page envelope.
    HttpResponse list = daowa.Get("/api/v1/hazards?kind=petrol_station&region=211104004000&q=%E5%8A%A0%E6%B2%B9");
    ASSERT_EQ(list.status, 200) << list.body;
    EXPECT_EQ(list.Json()["total"], 1);
    EXPECT_EQ(Items(list)[0]["id"], id);
    list = daowa.Get("/api/v1/hazards?kind=high_voltage_corridor&sort=name&order=desc&page_size=5");
    ASSERT_EQ(list.status, 200) << list.body;
    EXPECT_EQ(list.Json()["page_size"], 5);
    EXPECT_TRUE(IsError(daowa.Get("/api/v1/hazards?kind=volcano"), 400, "invalid_kind", "kind"));

    // Change: the name, the geometry (WKT), the own protection distance; before and after audited.
    const std::int64_t audit_mid = site_->AuditTotal();
    HttpResponse patched = daowa.Patch(
        "/api/v1/hazards/" + std::to_string(id),
        Json{{"name", "大洼测试加油站（改建）"}, {"geometry", "POINT (122.051 41.001)"}, {"protection_distance_m", 80}}
            .dump());
    ASSERT_EQ(patched.status, 200) << patched.body;
    EXPECT_EQ(patched.Json()["wkt"], "POINT (122.051 41.001)");
    EXPECT_EQ(patched.Json()["protection_distance_m"], 80);
    EXPECT_EQ(patched.Json()["note"], "三级站");
    EXPECT_EQ(patched.Json()["updated_by"], "daowa_health");
    EXPECT_EQ(site_->AuditTotal(), audit_mid + 1);
    patched = daowa.Patch("/api/v1/hazards/" + std::to_string(id), Json{{"protection_distance_m", nullptr}}.dump());
    ASSERT_EQ(patched.status, 200) << patched.body;
    EXPECT_TRUE(patched.Json()["protection_distance_m"].is_null());

    // Retire: kept, out of the default list, no longer changeable.
    const HttpResponse retired =
        daowa.Post("/api/v1/hazards/" + std::to_string(id) + "/retire", Json{{"reason", "已拆除"}}.dump());
    ASSERT_EQ(retired.status, 200) << retired.body;
    EXPECT_FALSE(retired.Json()["retired_at"].is_null());
    EXPECT_EQ(retired.Json()["retire_reason"], "已拆除");
    EXPECT_EQ(retired.Json()["retired_by"], "daowa_health");
    EXPECT_TRUE(IsError(daowa.Post("/api/v1/hazards/" + std::to_string(id) + "/retire", Json{{"reason", "x"}}.dump()),
                        409, "retired"));
    EXPECT_TRUE(
        IsError(daowa.Patch("/api/v1/hazards/" + std::to_string(id), Json{{"name", "x"}}.dump()), 409, "retired"));
    list = daowa.Get("/api/v1/hazards?kind=petrol_station&region=211104004000&q=%E5%8A%A0%E6%B2%B9");
    EXPECT_EQ(list.Json()["total"], 0);
    list = daowa.Get("/api/v1/hazards?include_retired=true&kind=petrol_station&region=211104004000");
    EXPECT_EQ(list.Json()["total"], 1);
    EXPECT_TRUE(IsError(daowa.Get("/api/v1/hazards/999999"), 404, "not_found"));
    EXPECT_TRUE(IsError(daowa.Get("/api/v1/hazards/abc"), 404, "not_found"));

    // Institutions, their staff, guardians and data-exchange clients do not maintain hazards.
    for (const char* account : {"daowa_nursery", "daowa_carer", "parent_zhang"}) {
        EXPECT_TRUE(IsError(site_->As(account).Get("/api/v1/hazards"), 403, "forbidden")) << account;
        EXPECT_TRUE(IsError(Create(site_->As(account), {{"kind", "other"},
                                                        {"name", "x"},
                                                        {"region_code", kDaowaTown},
                                                        {"geometry", PointGeometry(122.05, 41.0)}}),
                            403, "forbidden"))
            << account;
    }
}

TEST_F(HazardsApiTest, BadInputNamesTheFieldAndStoresNothing) {
    HttpClient& daowa = site_->As("daowa_health");
    const std::int64_t before = Total();
    const std::int64_t audit_before = site_->AuditTotal();
    const Json good{{"kind", "gas_station"},
                    {"name", "测试加气站"},
                    {"region_code", kDaowaTown},
                    {"geometry", PointGeometry(122.06, 41.01)}};
    auto with = [&](const std::string& key, const Json& value) {
        Json body = good;
        if (value.is_null()) {
            body.erase(key);
        } else {
            body[key] = value;
        }
        return body;
    };
    EXPECT_TRUE(IsError(Create(daowa, with("kind", nullptr)), 400, "required", "kind"));
    EXPECT_TRUE(IsError(Create(daowa, with("kind", "volcano")), 400, "invalid_kind", "kind"));
    EXPECT_TRUE(IsError(Create(daowa, with("name", nullptr)), 400, "required", "name"));
    EXPECT_TRUE(IsError(Create(daowa, with("geometry", nullptr)), 400, "required", "geometry"));
    EXPECT_TRUE(IsError(Create(daowa, with("geometry", "POINT (122.06")), 400, "invalid_geometry", "geometry"));
    EXPECT_TRUE(IsError(Create(daowa, with("geometry", 42)), 400, "invalid_geometry", "geometry"));
    EXPECT_TRUE(
        IsError(Create(daowa, with("geometry", Json{{"type", "GeometryCollection"}, {"geometries", Json::array()}})),
                400, "invalid_geometry", "geometry"));
    EXPECT_TRUE(IsError(Create(daowa, with("geometry", "POLYGON ((122 41, 122.1 41.1, 122.1 41, 122 41.1, 122 41))")),
                        400, "invalid_geometry", "geometry"));
    EXPECT_TRUE(IsError(Create(daowa, with("geometry", PointGeometry(106.917, 47.918))), 400,
                        "coordinates_outside_china", "geometry"));  // Ulaanbaatar
    EXPECT_TRUE(IsError(Create(daowa, with("geometry", PointGeometry(41.01, 122.06))), 400, "invalid_coordinate",
                        "geometry"));  // swapped
    EXPECT_TRUE(IsError(Create(daowa, with("geometry", "LINESTRING (122 40, 122 41.5)")), 400, "geometry_too_long",
                        "geometry"));
    EXPECT_TRUE(IsError(Create(daowa, with("crs", "utm51")), 400, "invalid_crs", "crs"));
    EXPECT_TRUE(IsError(Create(daowa, with("region_code", "abc")), 400, "invalid_region_code", "region_code"));
    // A city is above every county: the administrator, whose scope holds it, is told why it cannot carry one.
    EXPECT_TRUE(IsError(Create(site_->Admin(), with("region_code", "211100")), 400, "invalid_region", "region_code"));
    EXPECT_TRUE(IsError(Create(daowa, with("region_code", "211104998")), 400, "unknown_region", "region_code"));
    EXPECT_TRUE(
        IsError(Create(daowa, with("protection_distance_m", -1)), 400, "invalid_distance", "protection_distance_m"));
    EXPECT_TRUE(
        IsError(Create(daowa, with("protection_distance_m", "far")), 400, "invalid_type", "protection_distance_m"));
    EXPECT_TRUE(IsError(Create(daowa, with("colour", "red")), 400, "unknown_field", "colour"));
    EXPECT_EQ(Total(), before);

    // The check: every field named.
    auto check = [&](const Json& body) { return daowa.Post("/api/v1/hazards/check", body.dump()); };
    const Json point{{"longitude", 122.06}, {"latitude", 41.01}, {"region_code", kDaowa}};
    Json body = point;
    body.erase("latitude");
    EXPECT_TRUE(IsError(check(body), 400, "required", "latitude"));
    body = point;
    body["longitude"] = "122.06";
    EXPECT_TRUE(IsError(check(body), 400, "invalid_type", "longitude"));
    body = point;
    body["longitude"] = 106.917;
    body["latitude"] = 47.918;
    EXPECT_TRUE(IsError(check(body), 400, "coordinates_outside_china", "longitude"));
    body = point;
    body["latitude"] = 95;
    EXPECT_TRUE(IsError(check(body), 400, "invalid_coordinate", "latitude"));
    body = point;
    body["crs"] = "gps";
    EXPECT_TRUE(IsError(check(body), 400, "invalid_crs", "crs"));
    body = point;
    body.erase("region_code");
    EXPECT_TRUE(IsError(check(body), 400, "required", "region_code"));
    EXPECT_EQ(site_->AuditTotal(), audit_before);  // refused input is not a refused permission
}

TEST_F(HazardsApiTest, ImportIsAllOrNothing) {
    HttpClient& daowa = site_->As("daowa_health");
    const std::int64_t before = Total();
    const Json good = {
        {"type", "FeatureCollection"},
        {"features",
         {Feature("petrol_station", "导入加油站甲", kDaowaTown, PointGeometry(122.2, 41.1)),
          Feature("oil_gas_pipeline", "导入输气管道", kDaowa,
                  {{"type", "LineString"}, {"coordinates", {{122.2, 41.05}, {122.25, 41.08}}}}),
          Feature("pollution_source", "导入污水处理厂", kDaowa,
                  {{"type", "Polygon"},
                   {"coordinates", {{{122.3, 41.1}, {122.31, 41.1}, {122.31, 41.11}, {122.3, 41.1}}}}})}}};

    // A dry run checks and writes nothing.
    HttpResponse reply = Import(daowa, good, "?dry_run=true");
    ASSERT_EQ(reply.status, 200) << reply.body;
    EXPECT_EQ(reply.Json()["imported"], 0);
    EXPECT_EQ(reply.Json()["features"], 3);
    EXPECT_EQ(Total(), before);

    // Two bad features of four: both reported by index and field, nothing written.
    Json bad = good;
    bad["features"].push_back(Feature("petrol_station", "导入加油站乙", kDaowaTown, PointGeometry(122.2, 41.2)));
    bad["features"][1]["properties"]["kind"] = "volcano";
    bad["features"][2]["geometry"] = {
        {"type", "Polygon"},
        {"coordinates", {{{122.3, 41.1}, {122.31, 41.11}, {122.31, 41.1}, {122.3, 41.11}, {122.3, 41.1}}}}};
    reply = Import(daowa, bad);
    ASSERT_EQ(reply.status, 422) << reply.body;
    const Json rejected = reply.Json();
    EXPECT_EQ(rejected["code"], "import_rejected");
    EXPECT_EQ(rejected["error_count"], 2);
    ASSERT_EQ(rejected["errors"].size(), 2u) << reply.body;
    EXPECT_EQ(rejected["errors"][0]["index"], 1);
    EXPECT_EQ(rejected["errors"][0]["field"], "features[1].properties.kind");
    EXPECT_EQ(rejected["errors"][0]["code"], "invalid_kind");
    EXPECT_EQ(rejected["errors"][1]["index"], 2);
    EXPECT_EQ(rejected["errors"][1]["field"], "features[2].geometry");
    EXPECT_EQ(rejected["errors"][1]["code"], "invalid_geometry");
    EXPECT_EQ(Total(), before);

    // Not a FeatureCollection, or no features, or the wrong media type.
    EXPECT_TRUE(IsError(Import(daowa, {{"type", "Feature"}}), 400, "invalid_type", "type"));
    EXPECT_TRUE(IsError(Import(daowa, {{"type", "FeatureCollection"}, {"features", Json::array()}}), 400, "required",
                        "features"));
    EXPECT_TRUE(IsError(daowa.Post("/api/v1/hazards/import", good.dump(), {{"Content-Type", "text/csv"}}), 415,
                        "unsupported_media_type"));
    EXPECT_EQ(Total(), before);

    // The good file, for real: one audit record, every feature there.
    const std::int64_t audit_before = site_->AuditTotal();
    reply = Import(daowa, good);
    ASSERT_EQ(reply.status, 200) << reply.body;
    EXPECT_EQ(reply.Json()["imported"], 3);
    EXPECT_EQ(reply.Json()["ids"].size(), 3u);
    EXPECT_EQ(Total(), before + 3);
    EXPECT_EQ(site_->AuditTotal(), audit_before + 1);
    EXPECT_EQ(site_->NewestAudit()["route"], "/api/v1/hazards/import");
}

TEST_F(HazardsApiTest, CheckFindsHazardsWithinTheDistanceInForce) {
    HttpClient& daowa = site_->As("daowa_health");
    // A petrol station (50 m) and a 500 kV line (20 m) near 大洼街道.
    const double lon = 122.40, lat = 41.20;
    const std::int64_t station = CreateOk(daowa, {{"kind", "petrol_station"},
                                                  {"name", "检查用加油站"},
                                                  {"region_code", kDaowaTown},
                                                  {"geometry", PointGeometry(lon, lat)}});
    CreateOk(daowa, {{"kind", "high_voltage_corridor"},
                     {"name", "检查用500千伏线路"},
                     {"region_code", kDaowa},
                     {"geometry", "LINESTRING (122.45 41.15, 122.45 41.25)"}});

    HttpResponse reply = Check(daowa, lon, lat + 30 * kMetreLat, kDaowaTown);
    ASSERT_EQ(reply.status, 200) << reply.body;
    Json result = reply.Json();
    EXPECT_FALSE(result["ok"].get<bool>());
    ASSERT_EQ(result["hazards"].size(), 1u) << reply.body;
    EXPECT_EQ(result["hazards"][0]["id"], station);
    EXPECT_NEAR(result["hazards"][0]["distance_m"].get<double>(), 30.0, 0.5);
    EXPECT_EQ(result["hazards"][0]["limit_m"], 50);
    EXPECT_EQ(result["distances_m"]["petrol_station"], 50);
    ASSERT_EQ(result["findings"].size(), 1u);
    EXPECT_EQ(result["findings"][0]["rule"], "S3");
    EXPECT_EQ(result["findings"][0]["severity"], "fail");
    EXPECT_NE(result["source"].get<std::string>().find("GB 50156"), std::string::npos);

    reply = Check(daowa, lon, lat + 70 * kMetreLat, kDaowaTown);
    ASSERT_EQ(reply.status, 200) << reply.body;
    EXPECT_TRUE(reply.Json()["ok"].get<bool>()) << reply.body;
    EXPECT_TRUE(reply.Json()["hazards"].empty());

    // 15 m and 25 m east of the line.
    reply = Check(daowa, 122.45 + 15 * kMetreLon, 41.2, kDaowa);
    ASSERT_EQ(reply.Json()["hazards"].size(), 1u) << reply.body;
    EXPECT_EQ(reply.Json()["hazards"][0]["kind"], "high_voltage_corridor");
    EXPECT_NEAR(reply.Json()["hazards"][0]["distance_m"].get<double>(), 15.0, 0.5);
    EXPECT_TRUE(Check(daowa, 122.45 + 25 * kMetreLon, 41.2, kDaowa).Json()["ok"].get<bool>());

    // The same spot 30 m north of the station as a phone on AMap reads it: GCJ-02 (122.4054647725,
    // 41.2024503158), computed by the published forward formula; the server turns it back into WGS-84.
    reply = Check(daowa, 122.4054647725, 41.2024503158, kDaowaTown, "gcj02");
    ASSERT_EQ(reply.status, 200) << reply.body;
    EXPECT_NEAR(reply.Json()["point"]["longitude"].get<double>(), lon, 1e-7);
    EXPECT_NEAR(reply.Json()["point"]["latitude"].get<double>(), lat + 30 * kMetreLat, 1e-7);
    ASSERT_EQ(reply.Json()["hazards"].size(), 1u) << reply.body;
    EXPECT_NEAR(reply.Json()["hazards"][0]["distance_m"].get<double>(), 30.0, 0.5);
    // Read as WGS-84 by mistake, the same numbers land about 500 m away: nothing is found.
    EXPECT_TRUE(Check(daowa, 122.4054647725, 41.2024503158, kDaowaTown).Json()["hazards"].empty());

    // An institution's administrator checks a point of its own town; the county is beyond it.
    reply = Check(site_->As("daowa_nursery"), lon, lat + 30 * kMetreLat, kDaowaTown);
    ASSERT_EQ(reply.status, 200) << reply.body;
    EXPECT_EQ(reply.Json()["hazards"].size(), 1u);
    EXPECT_TRUE(IsError(Check(site_->As("daowa_nursery"), lon, lat, kDaowa), 403, "out_of_scope"));
    for (const char* account : {"daowa_carer", "parent_zhang"}) {
        EXPECT_TRUE(IsError(Check(site_->As(account), lon, lat, kDaowaTown), 403, "forbidden")) << account;
    }
    HttpClient exchange = site_->Exchange();
    EXPECT_TRUE(IsError(Check(exchange, lon, lat, kDaowaTown), 403, "api_key_not_allowed"));
}

// 大洼区's regulator and 余姚市's each see and change only their own features, by every route.
TEST_F(HazardsApiTest, ScopeKeepsDaowaAndYuyaoApart) {
    HttpClient& daowa = site_->As("daowa_health");
    HttpClient& yuyao = site_->As("yuyao_health");
    const double lon = 121.16, lat = 30.05;  // 余姚
    const std::int64_t foreign = CreateOk(yuyao, {{"kind", "gas_station"},
                                                  {"name", "余姚范围测试加气站"},
                                                  {"region_code", kYuyaoTown},
                                                  {"geometry", PointGeometry(lon, lat)}});
    const std::int64_t own = CreateOk(daowa, {{"kind", "gas_station"},
                                              {"name", "大洼范围测试加气站"},
                                              {"region_code", kDaowaTown},
                                              {"geometry", PointGeometry(122.5, 41.3)}});
    const std::string foreign_path = "/api/v1/hazards/" + std::to_string(foreign);
    const std::string own_path = "/api/v1/hazards/" + std::to_string(own);
    const Json foreign_before = site_->Admin().Get(foreign_path).Json();

    // Lists: nothing of the other county, and naming it is refused.
    for (const Json& item : Items(daowa.Get("/api/v1/hazards?page_size=500&include_retired=true"))) {
        EXPECT_EQ(item["region_code"].get<std::string>().rfind("211104", 0), 0u) << item.dump();
    }
    for (const Json& item : Items(yuyao.Get("/api/v1/hazards?page_size=500&include_retired=true"))) {
        EXPECT_EQ(item["region_code"].get<std::string>().rfind("330281", 0), 0u) << item.dump();
    }
    EXPECT_TRUE(IsError(daowa.Get(std::string("/api/v1/hazards?region=") + kYuyao), 403, "out_of_scope"));
    EXPECT_TRUE(IsError(yuyao.Get(std::string("/api/v1/hazards?region=") + kDaowa), 403, "out_of_scope"));

    // One record: not found, unchangeable, not retirable.
    EXPECT_TRUE(IsError(daowa.Get(foreign_path), 404, "not_found"));
    EXPECT_TRUE(IsError(daowa.Patch(foreign_path, Json{{"name", "改名"}}.dump()), 404, "not_found"));
    EXPECT_TRUE(IsError(daowa.Post(foreign_path + "/retire", Json{{"reason", "x"}}.dump()), 404, "not_found"));
    EXPECT_TRUE(IsError(yuyao.Get(own_path), 404, "not_found"));
    EXPECT_TRUE(IsError(yuyao.Patch(own_path, Json{{"name", "改名"}}.dump()), 404, "not_found"));
    // Nor moved into the other county, nor created there.
    EXPECT_TRUE(IsError(daowa.Patch(own_path, Json{{"region_code", kYuyaoTown}}.dump()), 403, "out_of_scope"));
    EXPECT_TRUE(IsError(
        Create(
            daowa,
            {{"kind", "other"}, {"name", "越界"}, {"region_code", kYuyaoTown}, {"geometry", PointGeometry(lon, lat)}}),
        403, "out_of_scope"));
    // Nor imported there.
    const Json foreign_file = {{"type", "FeatureCollection"},
                               {"features", {Feature("other", "越界导入", kYuyaoTown, PointGeometry(lon, lat))}}};
    EXPECT_TRUE(IsError(Import(daowa, foreign_file), 403, "out_of_scope"));
    Json mixed = foreign_file;
    mixed["features"].push_back(Feature("other", "本地导入", kDaowaTown, PointGeometry(122.5, 41.31)));
    const HttpResponse mixed_reply = Import(daowa, mixed);
    ASSERT_EQ(mixed_reply.status, 422) << mixed_reply.body;
    EXPECT_EQ(mixed_reply.Json()["errors"][0]["code"], "out_of_scope");
    EXPECT_EQ(mixed_reply.Json()["errors"][0]["field"], "features[0].properties.region_code");
    EXPECT_FALSE(Contains(mixed_reply.body, "余姚范围测试加气站"));

    // The check: a point of 余姚 is not 大洼's to ask about; and 余姚's features never answer a
    // question about 大洼, even at their very coordinates.
    EXPECT_TRUE(IsError(Check(daowa, lon, lat, kYuyao), 403, "out_of_scope"));
    EXPECT_TRUE(IsError(Check(daowa, lon, lat, kYuyaoTown), 403, "out_of_scope"));
    const HttpResponse disguised = Check(daowa, lon, lat, kDaowa);
    ASSERT_EQ(disguised.status, 200) << disguised.body;
    EXPECT_TRUE(disguised.Json()["hazards"].empty()) << disguised.body;
    EXPECT_FALSE(Contains(disguised.body, "余姚"));
    const HttpResponse at_home = Check(yuyao, lon, lat, kYuyaoTown);
    ASSERT_EQ(at_home.status, 200) << at_home.body;
    ASSERT_EQ(at_home.Json()["hazards"].size(), 1u) << at_home.body;
    EXPECT_EQ(at_home.Json()["hazards"][0]["id"], foreign);

    // The foreign feature is as it was, and the refusals were audited as such.
    EXPECT_EQ(site_->Admin().Get(foreign_path).Json(), foreign_before);
    const Json last = site_->NewestAudit();
    EXPECT_EQ(last["outcome"], "denied") << last.dump();
}

}  // namespace
}  // namespace tuoyu::test::api
