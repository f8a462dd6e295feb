// The registry's list of institutions over HTTP: every filter narrows the page to what it names,
// bad filters are refused naming the field, the export carries the same rows as a spreadsheet, and
// the data scope holds: 大洼区's regulator never sees 余姚's institutions, by any filter or export.

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>

#include "api/api_support.hpp"

namespace tuoyu::test::api {
namespace {

std::string PercentEncode(const std::string& text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string encoded;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) != 0 || c == '-' || c == '_' || c == '.') {
            encoded += c;
        } else {
            encoded += '%';
            encoded += kHex[byte >> 4];
            encoded += kHex[byte & 15];
        }
    }
    return encoded;
}

class InstitutionsListTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() { site_ = new DemoSite(); }
    static void TearDownTestSuite() {
        delete site_;
        site_ = nullptr;
    }

    static Json List(HttpClient& client, const std::string& query) {
        const HttpResponse reply = client.Get("/api/v1/institutions?page_size=500" + query);
        EXPECT_EQ(reply.status, 200) << query << ": " << reply.body;
        return reply.Json();
    }

    static void ExpectRefused(const std::string& query, const std::string& field) {
        const HttpResponse reply = site_->As("daowa_health").Get("/api/v1/institutions?" + query);
        EXPECT_EQ(reply.status, 400) << query << ": " << reply.body;
        EXPECT_EQ(reply.Json()["field"], field) << query;
    }

    static DemoSite* site_;
};

DemoSite* InstitutionsListTest::site_ = nullptr;

TEST_F(InstitutionsListTest, EachFilterNarrowsToWhatItNames) {
    HttpClient& admin = site_->Admin();
    const Json all = List(admin, "");
    ASSERT_GE(all["total"].get<int>(), 2);
    for (const Json& item : all["items"]) {
        for (const char* key : {"kind", "status", "service_modes", "puhui", "slots", "address", "sponsor_type"}) {
            EXPECT_TRUE(item.contains(key)) << key << " missing from " << item.dump();
        }
    }
    const std::string status = all["items"][0]["status"];
    const Json by_status = List(admin, "&status=" + status);
    EXPECT_GE(by_status["total"].get<int>(), 1);
    for (const Json& item : by_status["items"]) {
        EXPECT_EQ(item["status"], status);
    }
    for (const char* kind : {"institution", "home_point"}) {
        for (const Json& item : Json(List(admin, std::string("&kind=") + kind)["items"])) {
            EXPECT_EQ(item["kind"], kind);
        }
    }
    const int with = List(admin, "&puhui=true")["total"].get<int>();
    const int without = List(admin, "&puhui=false")["total"].get<int>();
    EXPECT_EQ(with + without, all["total"].get<int>());
    for (const Json& item : Json(List(admin, "&puhui=true")["items"])) {
        EXPECT_TRUE(item["puhui"].get<bool>());
    }
    for (const Json& item : Json(List(admin, "&service_mode=full_day")["items"])) {
        const Json& modes = item["service_modes"];
        EXPECT_NE(std::find(modes.begin(), modes.end(), "full_day"), modes.end()) << item.dump();
    }
    // A name fragment and the start of a credit code both find the institution.
    const Json first = all["items"][0];
    const std::string name = first["name"];
    EXPECT_GE(List(admin, "&q=" + PercentEncode(name))["total"].get<int>(), 1);
    if (first["uscc"].is_string()) {
        const Json by_code = List(admin, "&q=" + first["uscc"].get<std::string>().substr(0, 10));
        bool found = false;
        for (const Json& item : by_code["items"]) {
            found = found || item["id"] == first["id"];
        }
        EXPECT_TRUE(found) << by_code.dump();
    }
    const Json sorted = List(admin, "&sort=name&order=desc");
    for (std::size_t i = 1; i < sorted["items"].size(); ++i) {
        EXPECT_GE(sorted["items"][i - 1]["name"].get<std::string>(), sorted["items"][i]["name"].get<std::string>());
    }
}

TEST_F(InstitutionsListTest, BadFiltersAreRefusedNamingTheField) {
    ExpectRefused("status=open", "status");
    ExpectRefused("kind=school", "kind");
    ExpectRefused("service_mode=overnight", "service_mode");
    ExpectRefused("puhui=maybe", "puhui");
    ExpectRefused("sort=address", "sort");
    ExpectRefused("colour=red", "colour");
    const HttpResponse format = site_->As("daowa_health").Get("/api/v1/institutions/export?format=pdf");
    EXPECT_EQ(format.status, 400) << format.body;
    EXPECT_EQ(format.Json()["field"], "format");
}

TEST_F(InstitutionsListTest, ACountySeesOnlyItsOwnInstitutionsByEveryFilter) {
    HttpClient& daowa = site_->As("daowa_health");
    const std::vector<std::string> queries = {"",
                                              "&status=registered",
                                              "&status=filed",
                                              "&kind=institution",
                                              "&puhui=false",
                                              std::string("&region_code=") + kYuyao,
                                              "&q=%E4%BD%99%E5%A7%9A"};
    for (const std::string& query : queries) {
        for (const Json& item : Json(List(daowa, query)["items"])) {
            EXPECT_EQ(item["region_code"].get<std::string>().substr(0, 6), "211104") << query << ": " << item.dump();
        }
    }
    EXPECT_EQ(List(daowa, std::string("&region_code=") + kYuyao)["total"], 0);
    const std::int64_t yuyao_id = site_->InstitutionIn(kYuyaoTown);
    EXPECT_EQ(daowa.Get("/api/v1/institutions/" + std::to_string(yuyao_id)).status, 404);
}

TEST_F(InstitutionsListTest, ExportIsTheFilteredListAndOnlyForRegulators) {
    HttpClient& daowa = site_->As("daowa_health");
    const HttpResponse csv = daowa.Get("/api/v1/institutions/export?format=csv");
    ASSERT_EQ(csv.status, 200) << csv.body;
    EXPECT_EQ(csv.Header("content-type"), "text/csv; charset=utf-8");
    EXPECT_NE(csv.Header("content-disposition").find("institutions.csv"), std::string::npos);
    EXPECT_NE(csv.body.find("机构编号,机构名称,统一社会信用代码"), std::string::npos);
    const Json listed = List(daowa, "");
    for (const Json& item : listed["items"]) {
        EXPECT_NE(csv.body.find(item["name"].get<std::string>()), std::string::npos) << item["name"];
    }
    const std::int64_t lines = std::count(csv.body.begin(), csv.body.end(), '\n');
    EXPECT_EQ(lines, listed["total"].get<std::int64_t>() + 1) << csv.body;
    EXPECT_EQ(csv.body.find("330281"), std::string::npos) << "余姚's institutions leaked into 大洼区's export";

    const HttpResponse xlsx = daowa.Get("/api/v1/institutions/export");
    ASSERT_EQ(xlsx.status, 200);
    EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
    EXPECT_EQ(site_->As("daowa_nursery").Get("/api/v1/institutions/export").status, 403);
    EXPECT_EQ(site_->Anonymous().Get("/api/v1/institutions/export").status, 401);
}

}  // namespace
}  // namespace tuoyu::test::api
