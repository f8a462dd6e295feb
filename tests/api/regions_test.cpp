// The dated region tree over HTTP: search with paths, history, the administrator's changes on
// dates, scope (大洼 sees nothing of 余姚 by any region route) and the import command's
// all-or-nothing rule on the demo database.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "api/api_support.hpp"

namespace tuoyu::test::api {
namespace {

class RegionsApiTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() { site_ = new DemoSite(); }
    static void TearDownTestSuite() {
        delete site_;
        site_ = nullptr;
    }
    static DemoSite* site_;
};

DemoSite* RegionsApiTest::site_ = nullptr;

TEST_F(RegionsApiTest, SearchFindsByNameAndCodeWithThePathDownToTheHit) {
    const HttpResponse by_name = site_->As("daowa_health").Get("/api/v1/regions/search?q=%E5%A4%A7%E6%B4%BC");  // 大洼
    ASSERT_EQ(by_name.status, 200) << by_name.body;
    const Json items = by_name.Json()["items"];
    ASSERT_FALSE(items.empty());
    for (const Json& hit : items) {
        EXPECT_EQ(hit["code"].get<std::string>().rfind("211104", 0), 0u) << hit.dump();
    }
    const Json& first = items[0];  // 大洼区 itself
    EXPECT_EQ(first["code"], kDaowa);
    ASSERT_EQ(first["path"].size(), 3u) << first.dump();
    EXPECT_EQ(first["path"][0]["name"], "辽宁省");
    EXPECT_EQ(first["path"][1]["name"], "盘锦市");
    EXPECT_EQ(first["path"][2]["code"], kDaowa);
    EXPECT_TRUE(first["valid_from"].is_null());

    const HttpResponse by_code = site_->Admin().Get("/api/v1/regions/search?q=330281&limit=5");
    ASSERT_EQ(by_code.status, 200) << by_code.body;
    ASSERT_EQ(by_code.Json()["items"].size(), 5u);
    EXPECT_EQ(by_code.Json()["items"][0]["code"], kYuyao);
    EXPECT_EQ(by_code.Json()["items"][1]["path"].size(), 4u);

    // Short codes, and the scope: 余姚 is not in 大洼's subtree, by name or by code.
    EXPECT_EQ(site_->As("daowa_health").Get("/api/v1/regions/search?q=330281").Json()["items"].size(), 0u);
    EXPECT_EQ(site_->As("daowa_health").Get("/api/v1/regions/search?q=%E4%BD%99%E5%A7%9A").Json()["items"].size(), 0u);
    EXPECT_EQ(site_->As("daowa_health").Get("/api/v1/regions/search?q=33").Json()["items"].size(), 0u);
    EXPECT_TRUE(
        IsError(site_->As("daowa_health").Get("/api/v1/regions/search?q=1&within=330281"), 403, "out_of_scope"));
    // Villages by name: within a county, yes; over the nation, names stop at towns.
    const HttpResponse villages =
        site_->Admin().Get("/api/v1/regions/search?q=%E6%9D%91&within=211104&limit=100");  // 村
    ASSERT_EQ(villages.status, 200) << villages.body;
    ASSERT_FALSE(villages.Json()["items"].empty());
    EXPECT_EQ(villages.Json()["items"][0]["level"], 5);
    const Json national = site_->Admin().Get("/api/v1/regions/search?q=%E6%9D%91&limit=100").Json();
    for (const Json& hit : national["items"]) {
        EXPECT_LE(hit["level"].get<int>(), 4) << hit.dump();
    }
    EXPECT_TRUE(IsError(site_->As("daowa_health").Get("/api/v1/regions/search?q="), 400, "required", "q"));
    EXPECT_TRUE(IsError(site_->As("daowa_health").Get("/api/v1/regions/search?q=1&limit=0"), 400, "out_of_range"));
    EXPECT_TRUE(IsError(site_->As("parent_zhang").Get("/api/v1/regions/search?q=1"), 403, "forbidden"));
}

TEST_F(RegionsApiTest, RegionsCarryKindAndValidity) {
    const HttpResponse towns = site_->As("daowa_health").Get(std::string("/api/v1/regions?parent=") + kDaowa);
    ASSERT_EQ(towns.status, 200) << towns.body;
    bool street = false;
    for (const Json& town : Items(towns)) {
        street = street || town["kind"] == "street";
        EXPECT_TRUE(town["valid_from"].is_null()) << town.dump();
        EXPECT_TRUE(town["valid_to"].is_null()) << town.dump();
        EXPECT_TRUE(town["has_children"].is_boolean());
    }
    EXPECT_TRUE(street) << towns.body;
    EXPECT_TRUE(IsError(site_->As("daowa_health").Get(std::string("/api/v1/regions/") + kDaowa + "?as_of=2025-13-01"),
                        400, "invalid_date", "as_of"));
}

TEST_F(RegionsApiTest, AdministratorChangesAreDatedAndAudited) {
    HttpClient& admin = site_->Admin();
    const std::string code = "211104990000";
    const Json body{{"code", "211104990"}, {"name", "测试镇"}, {"parent_code", "211104"}, {"valid_from", "2024-01-01"}};
    const std::int64_t audit_before = site_->AuditTotal();
    const HttpResponse created = admin.Post("/api/v1/regions", body.dump());
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(created.Json()["code"], code);
    EXPECT_EQ(created.Json()["kind"], "town");
    EXPECT_EQ(created.Json()["valid_from"], "2024-01-01");
    EXPECT_EQ(site_->AuditTotal(), audit_before + 1);
    EXPECT_EQ(site_->NewestAudit()["object_id"], code);

    EXPECT_TRUE(IsError(admin.Post("/api/v1/regions", body.dump()), 409, "region_exists", "code"));
    Json orphan = body;
    orphan["code"] = "211199001";
    orphan["parent_code"] = "211199";
    EXPECT_TRUE(IsError(admin.Post("/api/v1/regions", orphan.dump()), 400, "unknown_parent", "parent_code"));
    Json early = body;
    early["code"] = "211104991";
    early["valid_from"] = "2024-02-30";
    EXPECT_TRUE(IsError(admin.Post("/api/v1/regions", early.dump()), 400, "invalid_date", "valid_from"));

    const std::string base = "/api/v1/regions/" + code;
    EXPECT_TRUE(IsError(admin.Post(base + "/rename", Json{{"name", "新镇"}, {"effective_date", "2023-06-01"}}.dump()),
                        400, "date_before_valid_from", "effective_date"));
    const HttpResponse renamed =
        admin.Post(base + "/rename", Json{{"name", "测试街道"}, {"effective_date", "2025-01-01"}}.dump());
    ASSERT_EQ(renamed.status, 200) << renamed.body;
    EXPECT_EQ(renamed.Json()["kind"], "street");
    EXPECT_EQ(site_->As("daowa_health").Get(base + "?as_of=2024-12-31").Json()["name"], "测试镇");
    EXPECT_EQ(site_->As("daowa_health").Get(base).Json()["name"], "测试街道");

    const HttpResponse closed =
        admin.Post(base + "/close", Json{{"effective_date", "2025-06-01"}, {"successors", {"211104004"}}}.dump());
    ASSERT_EQ(closed.status, 200) << closed.body;
    EXPECT_EQ(closed.Json()["valid_to"], "2025-06-01");
    EXPECT_EQ(site_->As("daowa_health").Get(base).status, 404);  // today
    EXPECT_EQ(site_->As("daowa_health").Get(base + "?as_of=2025-05-31").status, 200);
    EXPECT_TRUE(
        IsError(admin.Post(base + "/close", Json{{"effective_date", "2026-01-01"}}.dump()), 409, "region_closed"));

    const HttpResponse history = site_->As("daowa_health").Get(base + "/history");
    ASSERT_EQ(history.status, 200) << history.body;
    ASSERT_EQ(history.Json()["versions"].size(), 2u);
    EXPECT_EQ(history.Json()["versions"][0]["name"], "测试镇");
    EXPECT_EQ(history.Json()["versions"][0]["valid_to"], "2025-01-01");
    EXPECT_EQ(history.Json()["versions"][1]["valid_to"], "2025-06-01");
    ASSERT_EQ(history.Json()["successors"].size(), 1u);
    EXPECT_EQ(history.Json()["successors"][0]["code"], kDaowaTown);
    const HttpResponse successor =
        site_->As("daowa_health").Get(std::string("/api/v1/regions/") + kDaowaTown + "/history");
    ASSERT_EQ(successor.status, 200);
    EXPECT_EQ(successor.Json()["predecessors"][0]["code"], code);
}

TEST_F(RegionsApiTest, OthersCannotChangeOrSeeBeyondTheirScope) {
    HttpClient& daowa = site_->As("daowa_health");
    const Json body{{"code", "211104992"}, {"name", "越权镇"}, {"parent_code", "211104"}, {"valid_from", "2024-01-01"}};
    EXPECT_TRUE(IsError(daowa.Post("/api/v1/regions", body.dump()), 403, "forbidden"));
    EXPECT_TRUE(IsError(daowa.Post(std::string("/api/v1/regions/") + kDaowaTown + "/rename",
                                   Json{{"name", "x镇"}, {"effective_date", "2030-01-01"}}.dump()),
                        403, "forbidden"));
    EXPECT_TRUE(IsError(site_->As("daowa_nursery")
                            .Post(std::string("/api/v1/regions/") + kDaowaTown + "/close",
                                  Json{{"effective_date", "2030-01-01"}}.dump()),
                        403, "forbidden"));
    EXPECT_EQ(daowa.Get(std::string("/api/v1/regions/") + kYuyao + "/history").status, 404);
    EXPECT_EQ(daowa.Get(std::string("/api/v1/regions/") + kYuyaoTown + "/history").status, 404);
    EXPECT_EQ(daowa.Get(std::string("/api/v1/regions?parent=") + kYuyao).status, 403);
    EXPECT_EQ(daowa.Get(std::string("/api/v1/regions?parent=") + kYuyao + "&as_of=2020-01-01").status, 403);
    EXPECT_EQ(site_->As("yuyao_health").Get(std::string("/api/v1/regions/") + kDaowa + "/history").status, 404);
    EXPECT_EQ(site_->As("daowa_health").Get("/api/v1/regions/211104992000?as_of=2030-01-01").status, 404);
}

// The import command on the demo database: a folder with one bad row at the end changes nothing.
TEST_F(RegionsApiTest, ImportWithABadRowChangesNothing) {
    const std::filesystem::path folder = std::filesystem::path(TempFolder()) / "edition";
    std::filesystem::create_directories(folder);
    std::ofstream(folder / "provinces.csv") << "code,name\n21,\"辽宁省\"\n";
    std::ofstream(folder / "cities.csv") << "code,name,provinceCode\n2111,\"盘锦市\",21\n";
    std::ofstream(folder / "areas.csv") << "code,name,cityCode,provinceCode\n211104,\"大洼区\",2111,21\n";
    std::ofstream(folder / "streets.csv") << "code,name,areaCode,provinceCode,cityCode\n211104004,\"大洼街道\",211104,"
                                             "21,2111\n211104777,\"新镇\",211104,21,2111\n";
    {
        std::ofstream villages(folder / "villages.csv");
        villages << "code,name,streetCode,provinceCode,cityCode,areaCode\n";
        for (int v = 1; v <= 900; ++v) {
            villages << 211104777000 + v << ",\"" << v << "村\",211104777,21,2111,211104\n";
        }
        villages << "211104778001,\"孤村\",211104778,21,2111,211104\n";  // line 902: no such town
    }
    const std::string before = site_->Admin().Get("/api/v1/regions/search?q=211104&limit=100").body;
    const CommandResult bad = RunTuoyu(
        {"import", "regions", "--database", site_->database_url(), "--dir", folder.string(), "--as-of", "2026-01-01"});
    EXPECT_EQ(bad.exit_code, 1) << bad.output;
    EXPECT_TRUE(Contains(bad.output, "villages.csv:902")) << bad.output;
    EXPECT_TRUE(Contains(bad.output, "unknown parent region 211104778000")) << bad.output;
    EXPECT_EQ(site_->Admin().Get("/api/v1/regions/search?q=211104&limit=100").body, before);
    EXPECT_EQ(site_->Admin().Get("/api/v1/regions/211104777000?as_of=2030-01-01").status, 404);

    // Corrected, a later edition still needs its date.
    {
        std::ofstream villages(folder / "villages.csv");
        villages
            << "code,name,streetCode,provinceCode,cityCode,areaCode\n211104777001,\"一村\",211104777,21,2111,211104\n";
    }
    const CommandResult no_date =
        RunTuoyu({"import", "regions", "--database", site_->database_url(), "--dir", folder.string()});
    EXPECT_EQ(no_date.exit_code, 1) << no_date.output;
    EXPECT_TRUE(Contains(no_date.output, "--as-of")) << no_date.output;
    EXPECT_EQ(site_->Admin().Get("/api/v1/regions/search?q=211104&limit=100").body, before);
}

}  // namespace
}  // namespace tuoyu::test::api
