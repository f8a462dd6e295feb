// The reference data through the API, against a real server on the demo database: parameters
// inherited down the tree (scope of reading and changing), dictionaries and the working-day calendar
// (administrators change them, everyone signed in reads them), bad input refused with the bilingual
// error object and nothing changed, and an audit record for every change.

#include <gtest/gtest.h>

#include "api/api_support.hpp"

namespace tuoyu::test::api {
namespace {

class ReferenceDataApiTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() { site_ = new DemoSite(); }
    static void TearDownTestSuite() {
        delete site_;
        site_ = nullptr;
    }

    static HttpResponse Put(HttpClient& client, const std::string& path, const Json& body) {
        return client.Request("PUT", path, body.dump(), {});
    }
    static HttpResponse Delete(HttpClient& client, const std::string& path) {
        return client.Request("DELETE", path, "", {});
    }

    // The item of one parameter in the view of a region, as the administrator sees it.
    static Json ParameterAt(const std::string& key, const std::string& region, HttpClient* client = nullptr) {
        const HttpResponse reply =
            (client != nullptr ? *client : site_->Admin()).Get("/api/v1/parameters?region=" + region);
        EXPECT_EQ(reply.status, 200) << reply.body;
        for (const Json& item : Items(reply)) {
            if (item["key"] == key) {
                return item;
            }
        }
        ADD_FAILURE() << "no parameter " << key << " at " << region << ": " << reply.body;
        return Json();
    }

    static std::string DueDate(const std::string& from, int add) {
        const HttpResponse reply =
            site_->As("daowa_health").Get("/api/v1/calendar/working-days?from=" + from + "&add=" + std::to_string(add));
        EXPECT_EQ(reply.status, 200) << reply.body;
        return reply.Json().value("date", "");
    }

    static DemoSite* site_;
};

DemoSite* ReferenceDataApiTest::site_ = nullptr;

const Json kOverride = {
    {"value", 120}, {"source", "盘锦市大洼区文件（测试）"}, {"clause", "三"}, {"tag", "R"}, {"note", "测试"}};

TEST_F(ReferenceDataApiTest, ParametersShowTheValueInForceAndWhereItComesFrom) {
    HttpClient& daowa = site_->As("daowa_health");
    const HttpResponse reply = daowa.Get(std::string("/api/v1/parameters?region=") + kDaowa);
    ASSERT_EQ(reply.status, 200) << reply.body;
    const Json body = reply.Json();
    EXPECT_EQ(body["region"]["code"], kDaowa);
    EXPECT_EQ(body["region"]["name"], "大洼区");
    EXPECT_EQ(body["region"]["level"], 3);
    EXPECT_EQ(body["total"].get<std::size_t>(), body["items"].size());
    const Json video = ParameterAt("video_retention_days", kDaowa, &daowa);
    EXPECT_EQ(video["value"], 90);
    EXPECT_TRUE(video["set_at_region"].is_null()) << video.dump();  // the national default
    EXPECT_EQ(video["type"], "integer");
    EXPECT_EQ(video["rule"], "S10 N36");
    EXPECT_EQ(video["tag"], "R");
    EXPECT_EQ(video["verify"], false);
    EXPECT_EQ(video["overridden_here"], false);
    ASSERT_EQ(video["chain"].size(), 1u);
    EXPECT_TRUE(video["chain"][0]["region"].is_null());
    const Json slots = ParameterAt("target_slots_per_1000_2025", kDaowa, &daowa);
    EXPECT_EQ(slots["value"], 4.5);
    EXPECT_EQ(slots["set_at_region"]["code"], "210000000000");
    EXPECT_EQ(slots["set_at_region"]["name"], "辽宁省");
    EXPECT_EQ(slots["set_at_region"]["level"], 1);
    const Json ratios = ParameterAt("caregiver_ratio", kDaowa, &daowa);
    EXPECT_EQ(ratios["value"]["toddler_class"], "1:5");
    EXPECT_EQ(ratios["verify"], true);
    // 余姚's own targets are not in force in 大洼.
    EXPECT_TRUE(ParameterAt("target_staff_certification_rate_2025", kDaowa, &daowa)["value"].is_null());
    EXPECT_EQ(ParameterAt("target_staff_certification_rate_2025", kYuyao)["value"], 80);
    // The national level and the ancestors are readable too; the default region is the caller's own.
    EXPECT_EQ(daowa.Get("/api/v1/parameters?region=national").Json()["region"]["code"], "000000000000");
    EXPECT_EQ(daowa.Get("/api/v1/parameters?region=21").status, 200);
    EXPECT_EQ(daowa.Get("/api/v1/parameters").Json()["region"]["code"], kDaowa);
    EXPECT_EQ(site_->Admin().Get("/api/v1/parameters").Json()["region"]["code"], "000000000000");
}

TEST_F(ReferenceDataApiTest, ParametersAreReadWithinTheCallersChainOnly) {
    EXPECT_TRUE(IsError(site_->As("yuyao_health").Get(std::string("/api/v1/parameters?region=") + kDaowa), 403,
                        "out_of_scope"));
    EXPECT_TRUE(IsError(site_->As("daowa_health").Get(std::string("/api/v1/parameters?region=") + kYuyao), 403,
                        "out_of_scope"));
    EXPECT_TRUE(IsError(site_->As("daowa_health").Get("/api/v1/parameters?region=330200"), 403, "out_of_scope"));
    for (const char* account : {"daowa_nursery", "daowa_carer", "parent_zhang"}) {
        EXPECT_TRUE(
            IsError(site_->As(account).Get(std::string("/api/v1/parameters?region=") + kDaowa), 403, "forbidden"))
            << account;
    }
    EXPECT_TRUE(IsError(site_->Admin().Get("/api/v1/parameters?region=12345"), 400, "invalid_region_code", "region"));
    EXPECT_TRUE(IsError(site_->Admin().Get("/api/v1/parameters?region=440300"), 404, "not_found"));
}

TEST_F(ReferenceDataApiTest, ARegulatorOverridesInItsSubtreeAndTheTownsInheritIt) {
    HttpClient& daowa = site_->As("daowa_health");
    const std::string path = std::string("/api/v1/parameters/video_retention_days/regions/") + kDaowa;
    const std::int64_t audit_before = site_->AuditTotal();
    const HttpResponse set = Put(daowa, path, kOverride);
    ASSERT_EQ(set.status, 200) << set.body;
    EXPECT_EQ(set.Json()["value"], 120);
    EXPECT_EQ(set.Json()["overridden_here"], true);
    EXPECT_EQ(set.Json()["set_by"], "daowa_health");
    EXPECT_EQ(site_->AuditTotal(), audit_before + 1);
    const Json record = site_->NewestAudit();
    EXPECT_EQ(record["route"], "/api/v1/parameters/{key}/regions/{code}");
    EXPECT_EQ(record["object_type"], "parameter");
    EXPECT_EQ(record["object_id"], std::string("video_retention_days@") + kDaowa);
    EXPECT_EQ(record["outcome"], "ok");

    const Json town = ParameterAt("video_retention_days", kDaowaTown);
    EXPECT_EQ(town["value"], 120);
    EXPECT_EQ(town["set_at_region"]["code"], kDaowa);
    EXPECT_EQ(town["overridden_here"], false);
    ASSERT_EQ(town["chain"].size(), 2u);
    EXPECT_EQ(town["chain"][0]["value"], 90);
    EXPECT_EQ(town["chain"][1]["source"], "盘锦市大洼区文件（测试）");
    EXPECT_EQ(ParameterAt("video_retention_days", kYuyao)["value"], 90);

    // Removing the override brings back the national default; the removal is audited too.
    const std::int64_t before_delete = site_->AuditTotal();
    EXPECT_EQ(Delete(daowa, path).status, 204);
    EXPECT_EQ(site_->AuditTotal(), before_delete + 1);
    EXPECT_EQ(ParameterAt("video_retention_days", kDaowaTown)["value"], 90);
    EXPECT_TRUE(IsError(Delete(daowa, path), 404, "not_found"));
    EXPECT_TRUE(IsError(Delete(site_->Admin(), "/api/v1/parameters/video_retention_days/regions/national"), 400,
                        "national_default", "code"));
}

TEST_F(ReferenceDataApiTest, ARegulatorCannotChangeAboveOrBesideItsRegion) {
    HttpClient& daowa = site_->As("daowa_health");
    for (const std::string& region :
         {std::string(kYuyao), std::string("21"), std::string("211100"), std::string("national")}) {
        const std::int64_t audit_before = site_->AuditTotal();
        EXPECT_TRUE(
            IsError(Put(daowa, "/api/v1/parameters/lease_min_years/regions/" + region, kOverride), 403, "out_of_scope"))
            << region;
        EXPECT_EQ(site_->AuditTotal(), audit_before + 1) << "a refused change leaves one denied record";
        EXPECT_EQ(site_->NewestAudit()["outcome"], "denied");
    }
    EXPECT_TRUE(
        IsError(Delete(site_->As("yuyao_health"), std::string("/api/v1/parameters/lease_min_years/regions/") + kDaowa),
                403, "out_of_scope"));
    EXPECT_EQ(ParameterAt("lease_min_years", kDaowa)["value"], 3);
    EXPECT_EQ(ParameterAt("lease_min_years", kYuyao)["value"], 3);
    EXPECT_TRUE(IsError(Put(site_->As("daowa_nursery"),
                            std::string("/api/v1/parameters/lease_min_years/regions/") + kDaowaTown, kOverride),
                        403, "forbidden"));
    // The administrator may change the national default.
    Json national = kOverride;
    national["value"] = 4;
    ASSERT_EQ(Put(site_->Admin(), "/api/v1/parameters/lease_min_years/regions/national", national).status, 200);
    EXPECT_EQ(ParameterAt("lease_min_years", kYuyao)["value"], 4);
    national["value"] = 3;
    ASSERT_EQ(Put(site_->Admin(), "/api/v1/parameters/lease_min_years/regions/000000000000", national).status, 200);
}

TEST_F(ReferenceDataApiTest, BadParameterValuesChangeNothing) {
    HttpClient& admin = site_->Admin();
    const std::string path = std::string("/api/v1/parameters/video_retention_days/regions/") + kDaowa;
    const std::int64_t audit_before = site_->AuditTotal();
    auto with = [](const char* field, const Json& value) {
        Json body = kOverride;
        body[field] = value;
        return body;
    };
    EXPECT_TRUE(IsError(Put(admin, path, with("value", "ninety")), 400, "invalid_value", "value"));
    EXPECT_TRUE(IsError(Put(admin, path, with("value", 9.5)), 400, "invalid_value", "value"));
    EXPECT_TRUE(IsError(Put(admin, path, with("value", Json())), 400, "required", "value"));
    EXPECT_TRUE(IsError(Put(admin, path, with("tag", "X")), 400, "invalid_tag", "tag"));
    EXPECT_TRUE(IsError(Put(admin, path, with("source", "")), 400, "required", "source"));
    EXPECT_TRUE(IsError(Put(admin, path, with("colour", "red")), 400, "unknown_field", "colour"));
    EXPECT_TRUE(IsError(Put(admin, "/api/v1/parameters/caregiver_ratio/regions/21", with("value", "1:5")), 400,
                        "invalid_value", "value"));
    EXPECT_TRUE(IsError(Put(admin, "/api/v1/parameters/mixed_class_caregiver_ratio/regions/21", with("value", "1/5")),
                        400, "invalid_value", "value"));
    EXPECT_TRUE(IsError(Put(admin, "/api/v1/parameters/parent_live_video_allowed/regions/21", with("value", "no")), 400,
                        "invalid_value", "value"));
    EXPECT_TRUE(IsError(Put(admin, "/api/v1/parameters/video_retention_days/regions/12345", kOverride), 400,
                        "invalid_region_code", "code"));
    EXPECT_EQ(site_->AuditTotal(), audit_before) << "bad input wrote audit records";
    // Unknown parameter or region: 404, audited as refused.
    EXPECT_TRUE(IsError(Put(admin, std::string("/api/v1/parameters/no_such_key/regions/") + kDaowa, kOverride), 404,
                        "not_found"));
    EXPECT_TRUE(
        IsError(Put(admin, "/api/v1/parameters/video_retention_days/regions/440300", kOverride), 404, "not_found"));
    const Json video = ParameterAt("video_retention_days", kDaowa);
    EXPECT_EQ(video["value"], 90);
    EXPECT_EQ(video["chain"].size(), 1u);
    // A well-typed value of each kind is accepted (and put back).
    Json good = kOverride;
    good["value"] = "1:6";
    EXPECT_EQ(Put(admin, "/api/v1/parameters/mixed_class_caregiver_ratio/regions/21", good).status, 200);
    good["value"] = Json{{"infant_class", "1:3"}, {"toddler_class", "1:4"}, {"older_toddler_class", "1:7"}};
    const HttpResponse table = Put(admin, "/api/v1/parameters/caregiver_ratio/regions/21", good);
    EXPECT_EQ(table.status, 200) << table.body;
    EXPECT_EQ(ParameterAt("caregiver_ratio", kDaowa)["value"]["toddler_class"], "1:4");
    EXPECT_EQ(Delete(admin, "/api/v1/parameters/caregiver_ratio/regions/21").status, 204);
    EXPECT_EQ(Delete(admin, "/api/v1/parameters/mixed_class_caregiver_ratio/regions/21").status, 204);
}

TEST_F(ReferenceDataApiTest, EveryoneSignedInReadsTheDictionaries) {
    for (const char* account : {"daowa_health", "daowa_carer", "parent_zhang"}) {
        const HttpResponse list = site_->As(account).Get("/api/v1/dictionaries");
        ASSERT_EQ(list.status, 200) << list.body;
        bool found = false;
        for (const Json& item : Items(list)) {
            if (item["key"] == "service_modes") {
                found = true;
                EXPECT_EQ(item["name_zh"], "服务形式");
                EXPECT_GE(item["entry_count"].get<int>(), 4);
            }
        }
        EXPECT_TRUE(found) << list.body;
    }
    const HttpResponse modes = site_->As("parent_zhang").Get("/api/v1/dictionaries/service_modes");
    ASSERT_EQ(modes.status, 200) << modes.body;
    std::vector<std::string> codes;
    for (const Json& entry : Items(modes)) {
        codes.push_back(entry["code"]);
    }
    EXPECT_EQ(codes, (std::vector<std::string>{"full_day", "half_day", "hourly", "temporary"}));
    EXPECT_EQ(site_->Exchange().Get("/api/v1/dictionaries/legal_natures").status, 200);
    EXPECT_EQ(site_->Anonymous().Get("/api/v1/dictionaries").status, 401);
    EXPECT_TRUE(IsError(site_->As("daowa_health").Get("/api/v1/dictionaries/no_such"), 404, "not_found"));
}

TEST_F(ReferenceDataApiTest, AdministratorsAddAndDisableDictionaryEntries) {
    HttpClient& admin = site_->Admin();
    const std::int64_t audit_before = site_->AuditTotal();
    const HttpResponse added =
        admin.Post("/api/v1/dictionaries/service_modes/entries",
                   Json{{"code", "overnight"}, {"label_zh", "夜间托"}, {"label_en", "Overnight"}}.dump());
    ASSERT_EQ(added.status, 201) << added.body;
    EXPECT_EQ(added.Json()["disabled"], false);
    EXPECT_EQ(site_->AuditTotal(), audit_before + 1);
    EXPECT_EQ(site_->NewestAudit()["object_id"], "service_modes/overnight");
    EXPECT_TRUE(IsError(admin.Post("/api/v1/dictionaries/service_modes/entries",
                                   Json{{"code", "overnight"}, {"label_zh", "再来"}, {"label_en", "Again"}}.dump()),
                        409, "duplicate_code", "code"));
    for (const char* code : {"Overnight", "night-care", "1st", "夜间", ""}) {
        const HttpResponse bad = admin.Post("/api/v1/dictionaries/service_modes/entries",
                                            Json{{"code", code}, {"label_zh", "坏"}, {"label_en", "Bad"}}.dump());
        EXPECT_TRUE(bad.status == 400 && (bad.Json()["code"] == "invalid_code" || bad.Json()["code"] == "required"))
            << code << ": " << bad.body;
    }
    EXPECT_TRUE(IsError(admin.Post("/api/v1/dictionaries/no_such/entries",
                                   Json{{"code", "x"}, {"label_zh", "x"}, {"label_en", "x"}}.dump()),
                        404, "not_found"));

    const HttpResponse disabled = Put(admin, "/api/v1/dictionaries/service_modes/entries/overnight",
                                      Json{{"disabled", true}, {"note", "试点结束"}});
    ASSERT_EQ(disabled.status, 200) << disabled.body;
    EXPECT_EQ(disabled.Json()["disabled"], true);
    EXPECT_EQ(Items(site_->As("daowa_health").Get("/api/v1/dictionaries/service_modes")).size(), 4u);
    EXPECT_EQ(Items(admin.Get("/api/v1/dictionaries/service_modes?include_disabled=1")).size(), 5u);
    EXPECT_TRUE(IsError(site_->As("daowa_health").Get("/api/v1/dictionaries/service_modes?include_disabled=1"), 403,
                        "forbidden"));
    EXPECT_TRUE(IsError(Put(admin, "/api/v1/dictionaries/service_modes/entries/overnight", Json{{"label_zh", ""}}), 400,
                        "required", "label_zh"));
    EXPECT_TRUE(IsError(Put(admin, "/api/v1/dictionaries/service_modes/entries/nothing", Json{{"disabled", true}}), 404,
                        "not_found"));
    // Codes are never deleted: there is no route for it.
    EXPECT_EQ(Delete(admin, "/api/v1/dictionaries/service_modes/entries/overnight").status, 405);
}

TEST_F(ReferenceDataApiTest, OnlyAdministratorsChangeDictionaries) {
    for (const char* account : {"daowa_health", "daowa_nursery", "daowa_carer", "parent_zhang"}) {
        const std::int64_t audit_before = site_->AuditTotal();
        EXPECT_TRUE(
            IsError(site_->As(account).Post(
                        "/api/v1/dictionaries/service_modes/entries",
                        Json{{"code", "by_" + std::string(account)}, {"label_zh", "x"}, {"label_en", "x"}}.dump()),
                    403, "forbidden"))
            << account;
        EXPECT_TRUE(IsError(
            Put(site_->As(account), "/api/v1/dictionaries/service_modes/entries/hourly", Json{{"disabled", true}}), 403,
            "forbidden"))
            << account;
        EXPECT_EQ(site_->AuditTotal(), audit_before + 2) << account;
    }
    const HttpResponse modes = site_->Admin().Get("/api/v1/dictionaries/service_modes?include_disabled=1");
    for (const Json& entry : Items(modes)) {
        EXPECT_FALSE(Contains(entry["code"].get<std::string>(), "by_")) << entry.dump();
        if (entry["code"] == "hourly") {
            EXPECT_EQ(entry["disabled"], false);
        }
    }
}

TEST_F(ReferenceDataApiTest, FilingDeadlineFollowsTheCalendarAndItsEdits) {
    EXPECT_EQ(DueDate("2025-09-30", 5), "2025-10-14");
    const HttpResponse count =
        site_->As("daowa_carer").Get("/api/v1/calendar/working-days?from=2025-09-30&to=2025-10-14");
    ASSERT_EQ(count.status, 200) << count.body;
    EXPECT_EQ(count.Json()["count"], 5);
    EXPECT_EQ(count.Json()["covered"], true);

    const HttpResponse year = site_->As("parent_zhang").Get("/api/v1/calendar?year=2025");
    ASSERT_EQ(year.status, 200) << year.body;
    EXPECT_EQ(year.Json()["covered"], true);
    bool make_up = false;
    const Json days = year.Json()["days"];
    for (const Json& day : days) {
        if (day["date"] == "2025-10-11") {
            make_up = day["kind"] == "workday" && Contains(day["source"].get<std::string>(), "国办发明电〔2024〕12号");
        }
    }
    EXPECT_TRUE(make_up) << year.body;

    // The administrator declares 2025-10-13 a holiday: the deadline moves a day; removing it moves it back.
    HttpClient& admin = site_->Admin();
    const std::int64_t audit_before = site_->AuditTotal();
    const HttpResponse added =
        Put(admin, "/api/v1/calendar/2025-10-13",
            Json{{"kind", "holiday"}, {"name_zh", "测试假日"}, {"name_en", "Test holiday"}, {"source", "测试通知"}});
    ASSERT_EQ(added.status, 201) << added.body;
    EXPECT_EQ(site_->AuditTotal(), audit_before + 1);
    EXPECT_EQ(site_->NewestAudit()["object_id"], "2025-10-13");
    EXPECT_EQ(DueDate("2025-09-30", 5), "2025-10-15");
    ASSERT_EQ(Delete(admin, "/api/v1/calendar/2025-10-13").status, 204);
    EXPECT_EQ(site_->AuditTotal(), audit_before + 2);
    EXPECT_EQ(DueDate("2025-09-30", 5), "2025-10-14");
    EXPECT_TRUE(IsError(Delete(admin, "/api/v1/calendar/2025-10-13"), 404, "not_found"));
}

TEST_F(ReferenceDataApiTest, AYearWithoutArrangementsIsNotTreatedAsWeekdaysOnly) {
    const HttpResponse year = site_->Admin().Get("/api/v1/calendar?year=2027");
    ASSERT_EQ(year.status, 200) << year.body;
    EXPECT_EQ(year.Json()["covered"], false);
    EXPECT_TRUE(year.Json()["days"].empty());
    HttpClient& daowa = site_->As("daowa_health");
    EXPECT_TRUE(IsError(daowa.Get("/api/v1/calendar/working-days?from=2026-12-28&add=5"), 422, "calendar_not_covered"));
    EXPECT_TRUE(
        IsError(daowa.Get("/api/v1/calendar/working-days?from=2027-03-01&to=2027-03-10"), 422, "calendar_not_covered"));
    const HttpResponse estimate = daowa.Get("/api/v1/calendar/working-days?from=2026-12-28&add=5&allow_estimate=1");
    ASSERT_EQ(estimate.status, 200) << estimate.body;
    EXPECT_EQ(estimate.Json()["date"], "2027-01-04");
    EXPECT_EQ(estimate.Json()["covered"], false);
}

TEST_F(ReferenceDataApiTest, BadCalendarInputChangesNothing) {
    HttpClient& admin = site_->Admin();
    const std::int64_t audit_before = site_->AuditTotal();
    const Json holiday{{"kind", "holiday"}, {"name_zh", "测试"}, {"source", "测试"}};
    EXPECT_TRUE(IsError(Put(admin, "/api/v1/calendar/2025-02-30", holiday), 400, "invalid_date", "date"));
    EXPECT_TRUE(IsError(Put(admin, "/api/v1/calendar/20251001", holiday), 400, "invalid_date", "date"));
    Json workday = holiday;
    workday["kind"] = "workday";
    EXPECT_TRUE(IsError(Put(admin, "/api/v1/calendar/2025-10-15", workday), 400, "workday_not_weekend", "date"));
    Json odd = holiday;
    odd["kind"] = "vacation";
    EXPECT_TRUE(IsError(Put(admin, "/api/v1/calendar/2025-10-15", odd), 400, "invalid_kind", "kind"));
    Json nameless = holiday;
    nameless.erase("name_zh");
    EXPECT_TRUE(IsError(Put(admin, "/api/v1/calendar/2025-10-15", nameless), 400, "required", "name_zh"));
    HttpClient& daowa = site_->As("daowa_health");
    EXPECT_TRUE(IsError(daowa.Get("/api/v1/calendar/working-days?from=2025-13-01&add=5"), 400, "invalid_date", "from"));
    EXPECT_TRUE(IsError(daowa.Get("/api/v1/calendar/working-days?from=2025-09-30"), 400, "required"));
    EXPECT_TRUE(IsError(daowa.Get("/api/v1/calendar/working-days?from=2025-09-30&add=-1"), 400, "invalid_add", "add"));
    EXPECT_TRUE(
        IsError(daowa.Get("/api/v1/calendar/working-days?from=2025-09-30&add=5&to=2025-10-01"), 400, "required"));
    EXPECT_TRUE(IsError(daowa.Get("/api/v1/calendar?year=abc"), 400, "invalid_type", "year"));
    EXPECT_EQ(site_->AuditTotal(), audit_before) << "bad input wrote audit records";
    EXPECT_EQ(DueDate("2025-10-14", 1), "2025-10-15");  // 10-15 is still an ordinary day
}

TEST_F(ReferenceDataApiTest, OnlyAdministratorsChangeTheCalendar) {
    const Json holiday{{"kind", "holiday"}, {"name_zh", "测试"}, {"source", "测试"}};
    for (const char* account : {"daowa_health", "daowa_nursery", "daowa_carer", "parent_zhang"}) {
        const std::int64_t audit_before = site_->AuditTotal();
        EXPECT_TRUE(IsError(Put(site_->As(account), "/api/v1/calendar/2025-10-15", holiday), 403, "forbidden"))
            << account;
        EXPECT_TRUE(IsError(Delete(site_->As(account), "/api/v1/calendar/2025-10-01"), 403, "forbidden")) << account;
        EXPECT_EQ(site_->AuditTotal(), audit_before + 2) << account;
    }
    EXPECT_EQ(DueDate("2025-09-30", 5), "2025-10-14");
}

}  // namespace
}  // namespace tuoyu::test::api
