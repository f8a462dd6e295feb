// Population over HTTP: import (CSV and .xlsx, all or nothing, every bad row with its line) as a
// background job polled at /api/v1/jobs/{id}, the roll-up, export and re-import, editing one
// region-year, and the data scope: 大洼区's regulator can neither read, import nor edit 余姚's
// figures, nor read another user's import job; institutions and guardians get 403. Every change
// is audited.

#include <gtest/gtest.h>

#include "api/api_support.hpp"

namespace tuoyu::test::api {
namespace {

constexpr const char* kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

class PopulationApiTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() { site_ = new DemoSite(); }
    static void TearDownTestSuite() {
        delete site_;
        site_ = nullptr;
    }

    // The upload itself: 202 and the queued job, or a refusal of the request.
    static HttpResponse Upload(HttpClient& client, const std::string& file, const std::string& query = "",
                               const std::string& type = "text/csv") {
        return client.Post("/api/v1/population/import" + query, file, {{"Content-Type", type}});
    }

    // The upload and its job to the end: the status and body the import ended with.
    static HttpResponse Import(HttpClient& client, const std::string& file, const std::string& query = "",
                               const std::string& type = "text/csv") {
        return Settle(client, Upload(client, file, query, type));
    }

    static Json Population(HttpClient& client, const std::string& region, int year) {
        const HttpResponse reply = client.Get("/api/v1/population?region=" + region + "&year=" + std::to_string(year));
        EXPECT_EQ(reply.status, 200) << reply.body;
        return reply.Json();
    }

    static Json Child(const Json& rollup, const std::string& code) {
        for (const Json& child : rollup["children"]) {
            if (child["code"] == code) {
                return child;
            }
        }
        ADD_FAILURE() << "no child " << code << " in " << rollup.dump();
        return Json();
    }

    static DemoSite* site_;
};

DemoSite* PopulationApiTest::site_ = nullptr;

TEST_F(PopulationApiTest, ImportRollupEditAndExportRoundTrip) {
    HttpClient& daowa = site_->As("daowa_health");
    const std::int64_t audit_before = site_->AuditTotal();
    const HttpResponse imported = Import(daowa,
                                         "区划代码,年份,常住人口,出生人口,0-1岁,来源,日期\r\n"
                                         "211104002,2022,30000,200,,年鉴,2023-01-31\r\n"
                                         "211104004,2022,50000,,150,,\r\n",
                                         "?filename=daowa-2022.csv");
    ASSERT_EQ(imported.status, 200) << imported.body;
    EXPECT_EQ(imported.Json()["created"], 2);
    EXPECT_EQ(imported.Json()["replaced"], 0);
    EXPECT_EQ(imported.Json()["imported"], 2);
    EXPECT_EQ(site_->AuditTotal(), audit_before + 1);
    const Json record = site_->NewestAudit();
    EXPECT_EQ(record["route"], "/api/v1/population/import");
    EXPECT_EQ(record["outcome"], "ok");
    EXPECT_EQ(record["username"], "daowa_health");

    // The county has no figures of its own: they are summed from its towns.
    Json rollup = Population(daowa, kDaowa, 2022);
    EXPECT_EQ(rollup["year"], 2022);
    EXPECT_EQ(rollup["region"]["code"], kDaowa);
    EXPECT_EQ(rollup["region"]["name"], "大洼区");
    EXPECT_EQ(rollup["region"]["resident"], 80000);
    EXPECT_EQ(rollup["region"]["births"], 200);
    EXPECT_EQ(rollup["region"]["age_0_1"], 150);
    EXPECT_TRUE(rollup["region"]["registered"].is_null());
    EXPECT_EQ(rollup["region"]["origin"], "sum");
    EXPECT_EQ(rollup["region"]["origins"]["resident"], "sum");
    EXPECT_EQ(rollup["region"]["summed_from"]["resident"], 2);
    EXPECT_TRUE(rollup["region"]["source"].is_null());
    const Json town = Child(rollup, kDaowaTown);
    EXPECT_EQ(town["origin"], "own");
    EXPECT_EQ(town["source"], "daowa-2022.csv");
    EXPECT_EQ(town["resident"], 50000);
    EXPECT_TRUE(town["births"].is_null());
    EXPECT_TRUE(town["updated_at"].is_string());
    EXPECT_EQ(Child(rollup, "211104002000")["source_date"], "2023-01-31");
    EXPECT_EQ(daowa.Get(std::string("/api/v1/population/years?region=") + kDaowa).Json()["years"], Json({2022}));

    // PUT one region-year: the county's own figures now beat the sum; audited.
    const HttpResponse put = daowa.Request(
        "PUT", std::string("/api/v1/population/211104/2022"),
        Json{{"resident", 81000}, {"births", nullptr}, {"source", "县统计局"}, {"source_date", "2023-02-01"}}.dump(),
        {});
    ASSERT_EQ(put.status, 200) << put.body;
    EXPECT_EQ(put.Json()["resident"], 81000);
    EXPECT_EQ(put.Json()["origins"]["resident"], "own");
    EXPECT_EQ(put.Json()["origins"]["births"], "sum");  // its own births are unknown: still summed
    EXPECT_EQ(put.Json()["origin"], "own");
    EXPECT_EQ(site_->NewestAudit()["route"], "/api/v1/population/{code}/{year}");
    EXPECT_EQ(site_->NewestAudit()["object_id"], std::string(kDaowa) + "/2022");

    // Export as .xlsx and as CSV, then import the export again: the same figures, replaced.
    const HttpResponse xlsx =
        daowa.Get(std::string("/api/v1/population/export?format=xlsx&year=2022&region=") + kDaowa);
    ASSERT_EQ(xlsx.status, 200) << xlsx.body;
    EXPECT_EQ(xlsx.Header("content-type"), kXlsxType);
    EXPECT_EQ(xlsx.body.rfind("PK\x03\x04", 0), 0u);
    EXPECT_TRUE(Contains(xlsx.Header("content-disposition"), "population-211104-2022.xlsx"))
        << xlsx.Header("content-disposition");
    const HttpResponse csv = daowa.Get(std::string("/api/v1/population/export?format=csv&year=2022&region=") + kDaowa);
    ASSERT_EQ(csv.status, 200);
    EXPECT_EQ(csv.body.rfind("\xEF\xBB\xBF区划代码,区划名称,年份,常住人口", 0), 0u) << csv.body.substr(0, 80);
    EXPECT_TRUE(Contains(csv.body, "211104004000,大洼街道,2022,50000,,,150,,,daowa-2022.csv,,本级\r\n")) << csv.body;

    // Of the export only the towns with figures of their own go back in; the towns without any
    // are skipped rather than stored as empty rows of their own.
    const HttpResponse again = Import(daowa, xlsx.body, "", kXlsxType);
    ASSERT_EQ(again.status, 200) << again.body;
    EXPECT_EQ(again.Json()["encoding"], "xlsx");
    EXPECT_EQ(again.Json()["replaced"], 2);
    EXPECT_EQ(again.Json()["created"], 0);
    EXPECT_EQ(again.Json()["skipped"].get<int>(), again.Json()["rows"].get<int>() - 2);
    EXPECT_GT(again.Json()["skipped"].get<int>(), 0);
    rollup = Population(daowa, kDaowa, 2022);
    EXPECT_EQ(Child(rollup, kDaowaTown)["resident"], 50000);
    EXPECT_EQ(Child(rollup, kDaowaTown)["age_0_1"], 150);
    EXPECT_EQ(Child(rollup, "211104002000")["source"], "年鉴");
}

TEST_F(PopulationApiTest, ABadFileIsRefusedWholeWithEveryBadLine) {
    HttpClient& admin = site_->Admin();
    ASSERT_EQ(Import(admin, "code,year,resident\n211104005,2021,1\n").status, 200);
    const std::int64_t audit_before = site_->AuditTotal();
    const HttpResponse dry = Import(admin, "code,year,resident\n211104005,2021,2\n211104006,2021,3\n", "?dry_run=1");
    ASSERT_EQ(dry.status, 200) << dry.body;
    EXPECT_EQ(dry.Json()["dry_run"], true);
    EXPECT_EQ(dry.Json()["replaced"], 1);
    EXPECT_EQ(dry.Json()["created"], 1);
    EXPECT_EQ(site_->AuditTotal(), audit_before + 1);                                  // a dry run is audited too
    EXPECT_EQ(Child(Population(admin, kDaowa, 2021), "211104005000")["resident"], 1);  // but changes nothing

    const HttpResponse bad = Import(admin,
                                    "区划代码,年份,常住人口\n"  // 1
                                    "211104005,2021,5\n"        // 2 good
                                    "21110400,2021,5\n"         // 3 wrong length
                                    "211104005,2021,6\n"        // 4 duplicate
                                    "211104006,2021,-6\n");     // 5 negative
    ASSERT_EQ(bad.status, 422) << bad.body;
    const Json body = bad.Json();
    EXPECT_EQ(body["code"], "import_rejected");
    EXPECT_FALSE(body["message_zh"].get<std::string>().empty());
    EXPECT_FALSE(body["request_id"].get<std::string>().empty());
    ASSERT_EQ(body["errors"].size(), 3u) << body.dump();
    EXPECT_EQ(body["error_count"], 3);
    const std::vector<std::pair<int, std::string>> expected = {
        {3, "invalid_region_code"}, {4, "duplicate_row"}, {5, "negative_number"}};
    for (std::size_t i = 0; i < expected.size(); ++i) {
        EXPECT_EQ(body["errors"][i]["line"], expected[i].first);
        EXPECT_EQ(body["errors"][i]["code"], expected[i].second);
        EXPECT_FALSE(body["errors"][i]["message_zh"].get<std::string>().empty());
        EXPECT_FALSE(body["errors"][i]["message_en"].get<std::string>().empty());
    }
    EXPECT_EQ(body["errors"][2]["field"], "resident");
    EXPECT_EQ(Child(Population(admin, kDaowa, 2021), "211104005000")["resident"], 1);

    const HttpResponse unreadable = Import(admin, "code,year\n\xFF\xFE\x00\x01,2021\n");
    ASSERT_EQ(unreadable.status, 422);
    EXPECT_EQ(unreadable.Json()["errors"][0]["code"], "unreadable_encoding");
    EXPECT_EQ(unreadable.Json()["errors"][0]["line"], 0);
    const HttpResponse corrupt = Import(admin, std::string("PK\x03\x04", 4) + "garbage", "", kXlsxType);
    ASSERT_EQ(corrupt.status, 422);
    EXPECT_EQ(corrupt.Json()["errors"][0]["code"], "unreadable_file");
    EXPECT_TRUE(IsError(Import(admin, "{}", "", "application/json"), 415, "unsupported_media_type"));
    EXPECT_EQ(site_->AuditTotal(), audit_before + 1);  // refused files leave no record
}

// A county's file of several MiB goes through: the 1 MiB limit is for JSON bodies only.
TEST_F(PopulationApiTest, AFileLargerThanTheJsonLimitIsImported) {
    HttpClient& admin = site_->Admin();
    std::vector<std::string> codes;
    for (const Json& town : Items(admin.Get(std::string("/api/v1/regions?parent=") + kDaowa))) {
        codes.push_back(town["code"].get<std::string>());
    }
    ASSERT_GE(codes.size(), 10u);
    const std::string source(150, 'x');  // a long source text makes the file large with few rows
    std::string file = "code,year,resident,births,source\n";
    std::size_t rows = 0;
    for (const std::string& code : codes) {
        for (int year = 1960; year <= 2019; ++year) {
            file += code + "," + std::to_string(year) + "," + std::to_string(1000 + year) + ",7," + source + "\n";
            ++rows;
        }
    }
    while (file.size() < 1536 * 1024) {  // pad with blank lines, which are skipped
        file += "\n";
    }
    const HttpResponse reply = Import(admin, file);
    ASSERT_EQ(reply.status, 200) << reply.body.substr(0, 500);
    EXPECT_EQ(reply.Json()["created"], rows);
    EXPECT_EQ(Population(admin, kDaowa, 1990)["region"]["resident"], static_cast<std::int64_t>(codes.size()) * 2990);
}

TEST_F(PopulationApiTest, DaowaCannotReadImportOrEditYuyao) {
    HttpClient& admin = site_->Admin();
    ASSERT_EQ(Import(admin, "code,year,resident\n330281,2020,830000\n").status, 200);
    HttpClient& daowa = site_->As("daowa_health");
    const std::string foreign = std::string("?year=2020&region=") + kYuyao;
    EXPECT_TRUE(IsError(daowa.Get("/api/v1/population" + foreign), 404, "not_found"));
    EXPECT_TRUE(IsError(daowa.Get(std::string("/api/v1/population/years?region=") + kYuyao), 404, "not_found"));
    EXPECT_TRUE(IsError(daowa.Get("/api/v1/population/export" + foreign), 404, "not_found"));
    // Nor via a region above its own, which would sum up 余姚 too.
    EXPECT_TRUE(IsError(daowa.Get("/api/v1/population?year=2020&region=21"), 404, "not_found"));

    std::int64_t audit = site_->AuditTotal();
    EXPECT_TRUE(IsError(daowa.Request("PUT", std::string("/api/v1/population/") + kYuyao + "/2020",
                                      Json{{"resident", 1}, {"source", "x"}}.dump(), {}),
                        404, "not_found"));
    EXPECT_TRUE(IsError(Import(daowa, "code,year,resident\n330281,2020,1\n"), 403, "out_of_scope"));
    EXPECT_EQ(site_->AuditTotal(), audit + 2);  // both refusals recorded as "denied"
    EXPECT_EQ(site_->NewestAudit()["outcome"], "denied");

    // A file mixing its own region with 余姚: refused whole, the 余姚 line named.
    const HttpResponse mixed = Import(daowa, "code,year,resident\n211104,2020,1\n330281,2020,1\n");
    ASSERT_EQ(mixed.status, 422) << mixed.body;
    ASSERT_EQ(mixed.Json()["errors"].size(), 1u);
    EXPECT_EQ(mixed.Json()["errors"][0]["line"], 3);
    EXPECT_EQ(mixed.Json()["errors"][0]["code"], "out_of_scope");
    EXPECT_FALSE(Contains(mixed.body, "余姚"));
    EXPECT_EQ(Population(admin, kYuyao, 2020)["region"]["resident"], 830000);
    EXPECT_TRUE(Population(admin, kDaowa, 2020)["region"]["resident"].is_null());

    // Institutions and guardians have no business with population figures.
    for (const char* account : {"daowa_nursery", "daowa_carer", "parent_zhang"}) {
        SCOPED_TRACE(account);
        HttpClient& client = site_->As(account);
        EXPECT_TRUE(
            IsError(client.Get(std::string("/api/v1/population?year=2020&region=") + kDaowa), 403, "forbidden"));
        EXPECT_TRUE(IsError(Import(client, "code,year,resident\n211104,2020,1\n"), 403, "forbidden"));
    }
}

TEST_F(PopulationApiTest, AnImportIsAJobThatItsOwnerPollsToTheEnd) {
    HttpClient& daowa = site_->As("daowa_health");
    const std::int64_t audit_before = site_->AuditTotal();
    const HttpResponse accepted = Upload(daowa,
                                         "区划代码,年份,常住人口\n"
                                         "211104002,1950,31000\n"
                                         "211104004,1950,51000\n"
                                         "211104005,1950,21000\n",
                                         "?filename=1950.csv");
    ASSERT_EQ(accepted.status, 202) << accepted.body;
    const Json queued = accepted.Json()["job"];
    const std::string id = queued["id"];
    EXPECT_EQ(id.size(), 32u);
    EXPECT_EQ(accepted.Header("location"), "/api/v1/jobs/" + id);
    EXPECT_EQ(queued["kind"], "population_import");
    EXPECT_TRUE(queued["state"] == "queued" || queued["state"] == "running" || queued["state"] == "succeeded")
        << queued.dump();
    EXPECT_TRUE(queued["created_at"].is_string());
    EXPECT_TRUE(queued["progress"].is_object());
    EXPECT_TRUE(queued["result"].is_null());

    const Json job = AwaitJob(daowa, accepted);
    ASSERT_EQ(job["state"], "succeeded") << job.dump();
    EXPECT_EQ(job["id"], id);
    EXPECT_EQ(job["status"], 200);
    EXPECT_TRUE(job["error"].is_null());
    EXPECT_EQ(job["result"]["created"], 3);
    EXPECT_EQ(job["result"]["imported"], 3);
    EXPECT_EQ(job["result"]["rows"], 3);
    EXPECT_EQ(job["result"]["dry_run"], false);
    EXPECT_EQ(job["result"]["encoding"], "UTF-8");
    EXPECT_EQ(job["progress"]["phase"], "writing");
    EXPECT_EQ(job["progress"]["done"], 3);
    EXPECT_EQ(job["progress"]["total"], 3);
    EXPECT_TRUE(job["started_at"].is_string());
    EXPECT_TRUE(job["finished_at"].is_string());
    EXPECT_EQ(Population(daowa, kDaowa, 1950)["region"]["resident"], 103000);

    // The import's audit record is written with the figures, by the job, as the caller.
    EXPECT_EQ(site_->AuditTotal(), audit_before + 1);
    const Json record = site_->NewestAudit();
    EXPECT_EQ(record["route"], "/api/v1/population/import");
    EXPECT_EQ(record["method"], "POST");
    EXPECT_EQ(record["object_id"], "import");
    EXPECT_EQ(record["outcome"], "ok");
    EXPECT_EQ(record["username"], "daowa_health");
    EXPECT_EQ(record["request_id"], accepted.Header("x-request-id"));
    // Reading the job again is not audited, and it stays readable once finished.
    EXPECT_EQ(daowa.Get("/api/v1/jobs/" + id).status, 200);
    EXPECT_EQ(site_->AuditTotal(), audit_before + 1);
}

TEST_F(PopulationApiTest, AJobIsNotFoundForAnyoneButItsOwnerAndTheAdministrator) {
    HttpClient& daowa = site_->As("daowa_health");
    const HttpResponse accepted = Upload(daowa, "code,year,resident\n211104,1951,90000\n");
    ASSERT_EQ(AwaitJob(daowa, accepted)["state"], "succeeded");
    const std::string path = accepted.Header("location");
    EXPECT_EQ(site_->Admin().Get(path).status, 200);
    // 余姚's regulator, another regulator of the same county, an institution of the county.
    for (const char* other : {"yuyao_health", "daowa_market", "daowa_nursery", "panjin_health"}) {
        SCOPED_TRACE(other);
        const HttpResponse reply = site_->As(other).Get(path);
        EXPECT_TRUE(IsError(reply, 404, "not_found"));
        EXPECT_FALSE(Contains(reply.body, "90000"));
    }
    EXPECT_TRUE(IsError(daowa.Get("/api/v1/jobs/0123456789abcdef0123456789abcdef"), 404, "not_found"));
    EXPECT_TRUE(IsError(daowa.Get("/api/v1/jobs/not-a-job"), 404, "not_found"));
    EXPECT_TRUE(IsError(site_->Anonymous().Get(path), 401, "not_authenticated"));
}

TEST_F(PopulationApiTest, ARejectedFileEndsAsAFailedJobWithEveryBadRowAndWritesNothing) {
    HttpClient& daowa = site_->As("daowa_health");
    const std::int64_t audit_before = site_->AuditTotal();
    const HttpResponse accepted = Upload(daowa,
                                         "区划代码,年份,常住人口\n"
                                         "211104002,1952,1\n"
                                         "211104999,1952,2\n"    // 3: no such town
                                         "211104004,1952,x\n");  // 4: not a number
    ASSERT_EQ(accepted.status, 202) << accepted.body;
    const Json job = AwaitJob(daowa, accepted);
    ASSERT_EQ(job["state"], "failed") << job.dump();
    EXPECT_EQ(job["status"], 422);
    EXPECT_TRUE(job["result"].is_null());
    const Json error = job["error"];
    EXPECT_EQ(error["code"], "import_rejected");
    EXPECT_FALSE(error["message_zh"].get<std::string>().empty());
    EXPECT_FALSE(error["message_en"].get<std::string>().empty());
    EXPECT_EQ(error["request_id"], accepted.Header("x-request-id"));
    EXPECT_EQ(error["rows"], 3);
    EXPECT_EQ(error["error_count"], 2);
    ASSERT_EQ(error["errors"].size(), 2u) << error.dump();
    EXPECT_EQ(error["errors"][0]["line"], 3);
    EXPECT_EQ(error["errors"][0]["code"], "unknown_region");
    EXPECT_EQ(error["errors"][1]["line"], 4);
    EXPECT_EQ(error["errors"][1]["code"], "invalid_number");
    EXPECT_EQ(error["errors"][1]["field"], "resident");
    EXPECT_TRUE(Population(daowa, kDaowa, 1952)["region"]["resident"].is_null());
    EXPECT_EQ(site_->AuditTotal(), audit_before);
}

TEST_F(PopulationApiTest, ADryRunJobReportsWhatWouldChange) {
    HttpClient& admin = site_->Admin();
    ASSERT_EQ(Import(admin, "code,year,resident\n211104005,1953,1\n").status, 200);
    const HttpResponse accepted =
        Upload(admin, "code,year,resident\n211104005,1953,2\n211104006,1953,3\n", "?dry_run=1");
    const Json job = AwaitJob(admin, accepted);
    ASSERT_EQ(job["state"], "succeeded") << job.dump();
    EXPECT_EQ(job["result"]["dry_run"], true);
    EXPECT_EQ(job["result"]["replaced"], 1);
    EXPECT_EQ(job["result"]["created"], 1);
    EXPECT_EQ(job["progress"]["phase"], "checking");  // nothing written
    EXPECT_EQ(Child(Population(admin, kDaowa, 1953), "211104005000")["resident"], 1);
    EXPECT_EQ(site_->NewestAudit()["object_id"], "import-dry-run");
}

// SIGTERM while an import runs: the server stops (within the job's grace), and the import is in
// whole or not at all.
TEST_F(PopulationApiTest, StoppingTheServerDuringAnImportLeavesAllOrNothing) {
    HttpClient& admin = site_->Admin();
    std::vector<std::string> codes;
    for (const Json& town : Items(admin.Get(std::string("/api/v1/regions?parent=") + kDaowa))) {
        codes.push_back(town["code"].get<std::string>());
    }
    ASSERT_GE(codes.size(), 10u);
    std::string file = "code,year,resident\n";
    std::size_t rows = 0;
    for (int year = 1949; year <= 2024; ++year) {
        for (const std::string& code : codes) {
            file += code + "," + std::to_string(year) + ",700\n";
            ++rows;
        }
    }
    const HttpResponse accepted = Upload(admin, file);
    ASSERT_EQ(accepted.status, 202) << accepted.body;
    const auto stopping = std::chrono::steady_clock::now();
    EXPECT_EQ(site_->server().Terminate(), 0);
    EXPECT_LT(std::chrono::steady_clock::now() - stopping, std::chrono::seconds(30));
    site_->Restart();
    HttpClient& again = site_->Admin();
    const Json first = Population(again, kDaowa, 1949)["region"]["resident"];
    const Json last = Population(again, kDaowa, 2024)["region"]["resident"];
    if (first.is_null()) {
        EXPECT_TRUE(last.is_null()) << "half an import was written";
    } else {
        EXPECT_EQ(first, static_cast<std::int64_t>(codes.size()) * 700);
        EXPECT_FALSE(last.is_null()) << "half an import was written";
    }
    std::cerr << "[ info ] " << rows << " rows: " << (first.is_null() ? "rolled back" : "imported whole")
              << " at SIGTERM\n";
}

}  // namespace
}  // namespace tuoyu::test::api
