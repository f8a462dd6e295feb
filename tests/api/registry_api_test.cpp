// Registration records over HTTP: the registration authority's push (by API key, idempotent,
// versioned), every bad input named by its field with nothing stored, keys that are unknown or
// revoked, manual entry, the county's to-do, the history of versions, the import and its template,
// and the data scope: 大洼区 sees and changes nothing of 余姚 by any of these routes.

#include <gtest/gtest.h>

#include <array>
#include <functional>
#include <set>

#include "api/api_support.hpp"
#include "core/uscc.hpp"
#include "storage/query.hpp"

namespace tuoyu::test::api {
namespace {

constexpr const char* kPush = "/api/v1/registrations/push";

// A new childcare enterprise in 大洼街道, valid in every respect (a made-up code with correct check
// characters).
Json Nursery() {
    return {{"uscc", "91211104MA0TY10019"},
            {"name", "大洼区星星托育有限公司"},
            {"kind", "institution"},
            {"legal_nature", "enterprise"},
            {"registration_authority", "administrative_approval"},
            {"legal_representative", "赵星星"},
            {"address", "辽宁省盘锦市大洼区大洼街道星星路2号"},
            {"region_code", kDaowaTown},
            {"business_scope", "许可项目：托育服务"},
            {"registered_on", "2025-03-01"}};
}

// A home childcare point (an individual business) in 大洼.
Json HomePoint() {
    return {{"uscc", "92211104MA0JT00109"},
            {"name", "大洼区小星星家庭托育点"},
            {"kind", "home_point"},
            {"legal_nature", "individual_business"},
            {"registration_authority", "market_regulation"},
            {"legal_representative", "孙月"},
            {"address", "大洼街道幸福小区3号楼2单元101"},
            {"region_code", kDaowaTown},
            {"business_scope", "家庭托育服务"},
            {"registered_on", "2025-01-02"}};
}

// An enterprise in 余姚 (梨洲街道).
Json YuyaoNursery() {
    return {{"uscc", "91330281MA2TY0256N"},
            {"name", "余姚市梨洲街道阳光托育园（演示）"},
            {"kind", "institution"},
            {"legal_nature", "enterprise"},
            {"registration_authority", "market_regulation"},
            {"legal_representative", "陈立新（演示）"},
            {"address", "浙江省余姚市梨洲街道阳光路8号（演示）"},
            {"region_code", kYuyaoTown},
            {"business_scope", "许可项目：托育服务；一般项目：家政服务"},
            {"registered_on", "2024-06-18"}};
}

class RegistryApiTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        site_ = new DemoSite();
        database_ = site_->database().Open(1).release();
    }
    static void TearDownTestSuite() {
        delete database_;
        database_ = nullptr;
        delete site_;
        site_ = nullptr;
    }

    static std::int64_t Count(const std::string& sql) {
        storage::Transaction tx = database_->Read();
        const std::int64_t count = storage::Query(sql).Count(tx);
        tx.Commit();
        return count;
    }
    // What a refused call must leave as it was: registrations, institutions, transitions, audit.
    static std::array<std::int64_t, 4> Stored() {
        return {Count("SELECT COUNT(*) FROM registrations"), Count("SELECT COUNT(*) FROM institutions"),
                Count("SELECT COUNT(*) FROM institution_transitions"), Count("SELECT COUNT(*) FROM audit_log")};
    }

    static HttpResponse Push(const Json& body) { return site_->Exchange().Post(kPush, body.dump()); }

    static HttpResponse Import(HttpClient& client, const std::string& file, const std::string& query = "") {
        return client.Post("/api/v1/registrations/import" + query, file, {{"Content-Type", "text/csv"}});
    }

    static std::vector<std::string> Strings(const Json& list) {
        std::vector<std::string> strings;
        for (const Json& item : list) {
            strings.push_back(item.get<std::string>());
        }
        return strings;
    }

    static DemoSite* site_;
    static storage::Database* database_;
};

DemoSite* RegistryApiTest::site_ = nullptr;
storage::Database* RegistryApiTest::database_ = nullptr;

TEST_F(RegistryApiTest, DemoInstitutionsComeFromValidRegistrations) {
    const HttpResponse list = site_->Admin().Get("/api/v1/registrations?page_size=500&sort=id");
    ASSERT_EQ(list.status, 200) << list.body;
    std::set<std::string> codes;
    for (const Json& item : Items(list)) {
        codes.insert(item["uscc"].get<std::string>());
        const uscc::Result valid = uscc::Validate(item["uscc"].get<std::string>());
        EXPECT_TRUE(valid.ok()) << item["uscc"] << ": " << uscc::DescribeEn(valid);  // the demo's codes are real ones
    }
    EXPECT_EQ(codes.count("52211104MJ0T202508"), 1u) << list.body;
    EXPECT_EQ(codes.count("91330281MA2TY0256N"), 1u) << list.body;
    EXPECT_EQ(Count("SELECT COUNT(*) FROM institution_transitions WHERE from_status IS NULL AND event = 'register'"),
              Count("SELECT COUNT(*) FROM institutions"));  // every demo institution was registered first
    const Json own =
        site_->Admin().Get("/api/v1/institutions/" + std::to_string(site_->InstitutionIn(kDaowaTown))).Json();
    EXPECT_EQ(own["uscc"], "52211104MJ0T202508");
}

TEST_F(RegistryApiTest, PushIsIdempotent) {
    const std::int64_t audit_before = site_->AuditTotal();
    const HttpResponse first = Push(Nursery());
    ASSERT_EQ(first.status, 201) << first.body;
    const Json created = first.Json();
    EXPECT_EQ(created["outcome"], "new_institution");
    EXPECT_EQ(created["version"], 1);
    EXPECT_EQ(created["source"], "push");
    EXPECT_EQ(created["sent_by"], "daowa_registry");
    EXPECT_EQ(created["institution_status"], "registered");
    EXPECT_EQ(created["legal_representative"], "赵星星");
    EXPECT_EQ(created["region_name"], "大洼街道");
    EXPECT_EQ(site_->AuditTotal(), audit_before + 1);
    const Json record = site_->NewestAudit();
    EXPECT_EQ(record["route"], kPush);
    EXPECT_EQ(record["username"], "daowa_registry");
    EXPECT_EQ(record["object_id"], std::to_string(created["id"].get<std::int64_t>()));
    EXPECT_EQ(record["region_code"], kDaowaTown);

    // The same record again, spaced and in lower case: one institution, one version.
    Json again = Nursery();
    again["uscc"] = "91211104ma0ty10019";
    again["name"] = " 大洼区星星托育有限公司 ";
    const HttpResponse second = Push(again);
    ASSERT_EQ(second.status, 200) << second.body;
    EXPECT_EQ(second.Json()["outcome"], "unchanged");
    EXPECT_EQ(second.Json()["id"], created["id"]);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM registrations WHERE uscc = '91211104MA0TY10019'"), 1);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM institutions WHERE uscc = '91211104MA0TY10019'"), 1);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM institution_transitions t JOIN institutions i ON i.id = t.institution_id "
                    "WHERE i.uscc = '91211104MA0TY10019'"),
              1);

    // The institution exists, `registered`, and the county sees it on its to-do.
    const HttpResponse institution =
        site_->As("daowa_health").Get("/api/v1/institutions/" + std::to_string(created["institution_id"].get<int>()));
    ASSERT_EQ(institution.status, 200) << institution.body;
    EXPECT_EQ(institution.Json()["name"], "大洼区星星托育有限公司");
    // Its history says why in a code as well as in Chinese, for either language.
    const HttpResponse history =
        site_->As("daowa_health")
            .Get("/api/v1/institutions/" + std::to_string(created["institution_id"].get<int>()) + "/transitions");
    ASSERT_EQ(history.status, 200) << history.body;
    const Json registered = Items(history).front();
    EXPECT_EQ(registered["event"], "register");
    EXPECT_EQ(registered["reason_code"], "registration_push");
    EXPECT_EQ(registered["reason"], "登记机关推送登记信息");
    const HttpResponse todo = site_->As("daowa_health").Get("/api/v1/registrations/todo?page_size=500");
    ASSERT_EQ(todo.status, 200) << todo.body;
    bool listed = false;
    for (const Json& item : Items(todo)) {
        if (item["uscc"] == "91211104MA0TY10019") {
            listed = true;
            EXPECT_EQ(item["days_since_received"], 0);
            EXPECT_FALSE(item.contains("legal_representative")) << item.dump();
        }
    }
    EXPECT_TRUE(listed) << todo.body;
}

TEST_F(RegistryApiTest, ChangedPushIsANewVersionAndTheHistoryListsBoth) {
    Json first = HomePoint();
    ASSERT_EQ(Push(first).status, 201);
    Json changed = HomePoint();
    changed["address"] = "大洼街道幸福小区5号楼1单元102";
    changed["legal_representative"] = "孙晴";
    const HttpResponse second = Push(changed);
    ASSERT_EQ(second.status, 201) << second.body;
    EXPECT_EQ(second.Json()["outcome"], "new_version");
    EXPECT_EQ(second.Json()["version"], 2);
    const std::int64_t institution = second.Json()["institution_id"].get<std::int64_t>();
    EXPECT_EQ(Count("SELECT COUNT(*) FROM institutions WHERE uscc = '92211104MA0JT00109'"), 1);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM institutions WHERE uscc = '92211104MA0JT00109' AND kind = 'home_point' AND "
                    "address = '大洼街道幸福小区5号楼1单元102'"),
              1);

    const std::int64_t audit_before = site_->AuditTotal();
    const HttpResponse history =
        site_->As("daowa_health").Get("/api/v1/institutions/" + std::to_string(institution) + "/registrations");
    ASSERT_EQ(history.status, 200) << history.body;
    const Json items = history.Json()["items"];
    ASSERT_EQ(items.size(), 2u) << history.body;
    EXPECT_EQ(items[0]["version"], 1);
    EXPECT_FALSE(items[0]["current"].get<bool>());
    EXPECT_TRUE(items[0]["changed_fields"].empty());
    EXPECT_EQ(items[0]["legal_representative"], "孙月");
    EXPECT_EQ(items[1]["version"], 2);
    EXPECT_TRUE(items[1]["current"].get<bool>());
    EXPECT_EQ(Strings(items[1]["changed_fields"]), (std::vector<std::string>{"legal_representative", "address"}));
    // Names of legal representatives are personal data: the read is audited.
    EXPECT_EQ(site_->AuditTotal(), audit_before + 1);
    EXPECT_EQ(site_->NewestAudit()["route"], "/api/v1/institutions/{id}/registrations");

    // One version by id, also an audited read; the list shows no legal representative and no audit.
    const std::int64_t old_id = items[0]["id"].get<std::int64_t>();
    const HttpResponse one = site_->As("daowa_health").Get("/api/v1/registrations/" + std::to_string(old_id));
    ASSERT_EQ(one.status, 200) << one.body;
    EXPECT_EQ(one.Json()["legal_representative"], "孙月");
    EXPECT_EQ(site_->AuditTotal(), audit_before + 2);
    const Json read = site_->NewestAudit();
    EXPECT_EQ(read["route"], "/api/v1/registrations/{id}");
    EXPECT_EQ(read["outcome"], "ok");
    const HttpResponse list = site_->As("daowa_health").Get("/api/v1/registrations?kind=home_point&q=92211104");
    ASSERT_EQ(list.status, 200) << list.body;
    ASSERT_EQ(Items(list).size(), 1u) << list.body;
    EXPECT_EQ(Items(list)[0]["version"], 2);
    EXPECT_FALSE(Items(list)[0].contains("legal_representative"));
    EXPECT_EQ(site_->AuditTotal(), audit_before + 2);
}

TEST_F(RegistryApiTest, EachBadInputNamesItsFieldAndStoresNothing) {
    struct Case {
        std::string what;
        std::function<void(Json&)> spoil;
        int status;
        std::string code;
        std::string field;
    };
    const std::vector<Case> cases = {
        {"wrong check character", [](Json& b) { b["uscc"] = "91211104MA0TY1001A"; }, 400, "uscc_check_character",
         "uscc"},
        {"wrong organization check", [](Json& b) { b["uscc"] = "91211104MA0TY10029"; }, 400, "uscc_organization_check",
         "uscc"},
        {"short code", [](Json& b) { b["uscc"] = "91211104MA0TY1001"; }, 400, "uscc_length", "uscc"},
        {"letter O", [](Json& b) { b["uscc"] = "91211104MA0TO10019"; }, 400, "uscc_character", "uscc"},
        {"bad division", [](Json& b) { b["uscc"] = "9199AB04MA0TY10019"; }, 400, "uscc_division", "uscc"},
        {"authority does not fit", [](Json& b) { b["registration_authority"] = "civil_affairs"; }, 422,
         "authority_mismatch", "registration_authority"},
        {"code of another department",
         [](Json& b) {
             b["legal_nature"] = "social_service_organization";
             b["registration_authority"] = "civil_affairs";
         },
         422, "uscc_authority_mismatch", "uscc"},
        {"scope without 托育服务", [](Json& b) { b["business_scope"] = "家政服务"; }, 422, "scope_lacks_childcare",
         "business_scope"},
        {"home point without 托育 in its name",
         [](Json& b) {
             b = HomePoint();
             b["name"] = "大洼区小星星看护点";
         },
         422, "name_lacks_childcare", "name"},
        {"home point at 行政审批",
         [](Json& b) {
             b = HomePoint();
             b["registration_authority"] = "administrative_approval";
         },
         422, "authority_mismatch", "registration_authority"},
        {"unknown legal nature", [](Json& b) { b["legal_nature"] = "company"; }, 400, "invalid_legal_nature",
         "legal_nature"},
        {"unknown kind", [](Json& b) { b["kind"] = "school"; }, 400, "invalid_kind", "kind"},
        {"unknown region", [](Json& b) { b["region_code"] = "211104999000"; }, 400, "unknown_region", "region_code"},
        {"malformed region", [](Json& b) { b["region_code"] = "21110400"; }, 400, "invalid_region_code", "region_code"},
        {"future date", [](Json& b) { b["registered_on"] = "2999-01-01"; }, 400, "date_in_future", "registered_on"},
        {"no such date", [](Json& b) { b["registered_on"] = "2025-02-30"; }, 400, "invalid_date", "registered_on"},
        {"missing legal representative", [](Json& b) { b.erase("legal_representative"); }, 400, "required",
         "legal_representative"},
        {"empty address", [](Json& b) { b["address"] = "  "; }, 400, "required", "address"},
        {"unknown field", [](Json& b) { b["phone"] = "13800000000"; }, 400, "unknown_field", "phone"},
        {"address in 余姚", [](Json& b) { b["region_code"] = kYuyaoTown; }, 403, "out_of_scope", "region_code"},
    };
    Json fresh = Nursery();
    fresh["uscc"] = "91211104MA0TY2004R";
    ASSERT_TRUE(uscc::Validate(fresh["uscc"].get<std::string>()).ok());
    for (const Case& c : cases) {
        Json body = fresh;
        c.spoil(body);
        const auto before = Stored();
        const HttpResponse reply = Push(body);
        EXPECT_TRUE(IsError(reply, c.status, c.code, c.field)) << c.what;
        const auto after = Stored();
        EXPECT_EQ(after[0], before[0]) << c.what << ": a registration was stored";
        EXPECT_EQ(after[1], before[1]) << c.what << ": an institution was stored";
        EXPECT_EQ(after[2], before[2]) << c.what << ": a transition was stored";
        // A refused 403 on an audited route leaves its "denied" record; bad input leaves none.
        EXPECT_EQ(after[3], before[3] + (c.status == 403 ? 1 : 0)) << c.what;
    }
    // Above a county: entered by the administrator, whose scope holds the city.
    Json city = fresh;
    city["region_code"] = "211100000000";
    const auto before = Stored();
    EXPECT_TRUE(
        IsError(site_->Admin().Post("/api/v1/registrations", city.dump()), 400, "region_above_county", "region_code"));
    EXPECT_EQ(Stored(), before);
    // The good body itself passes.
    EXPECT_EQ(Push(fresh).status, 201);
}

TEST_F(RegistryApiTest, UnknownOrRevokedKeysAndOtherRolesCannotPush) {
    const auto before = Stored();
    HttpClient unknown = site_->Anonymous();
    unknown.set_bearer("tyk_not-a-key-of-anyone");
    EXPECT_TRUE(IsError(unknown.Post(kPush, Nursery().dump()), 401, "invalid_token", "Authorization"));
    EXPECT_TRUE(IsError(site_->Anonymous().Post(kPush, Nursery().dump()), 401, "not_authenticated"));

    // A key of its own, then revoked by the operator: refused from then on.
    const Json client = site_->CreateUser({{"username", "revoked_registry"},
                                           {"display_name", "已停用的接口"},
                                           {"role", "exchange"},
                                           {"region_code", kDaowa},
                                           {"password", kGoodPassword}});
    // An account made through the API must change its password before anything else, and that
    // gate holds for its API key too; the operator clears it for this data-exchange client.
    site_->database().ExecuteRaw("UPDATE users SET must_change_password = 0 WHERE username = 'revoked_registry'");
    const HttpResponse issued = site_->Admin().Post(
        "/api/v1/users/" + std::to_string(client["id"].get<std::int64_t>()) + "/api-keys", Json{{"label", "t"}}.dump());
    ASSERT_EQ(issued.status, 201) << issued.body;
    HttpClient revoked = site_->Anonymous();
    revoked.set_bearer(issued.Json()["api_key"].get<std::string>());
    Json body = Nursery();
    body["uscc"] = "91211104MA0TY3007A";
    ASSERT_TRUE(uscc::Validate(body["uscc"].get<std::string>()).ok());
    const HttpResponse accepted = revoked.Post(kPush, body.dump());
    ASSERT_EQ(accepted.status, 201) << accepted.body;
    site_->database().ExecuteRaw("UPDATE api_keys SET revoked_at = 1 WHERE user_id = " +
                                 std::to_string(client["id"].get<std::int64_t>()));
    const auto after_revocation = Stored();
    body["name"] = "大洼区星星托育二部有限公司";
    EXPECT_TRUE(IsError(revoked.Post(kPush, body.dump()), 401, "invalid_token", "Authorization"));
    EXPECT_EQ(Stored(), after_revocation);

    // Signed-in people are not registration authorities, the administrator included.
    for (const char* account : {"daowa_health", "admin", "daowa_nursery"}) {
        const auto mark = Stored();
        EXPECT_TRUE(IsError(site_->As(account).Post(kPush, Nursery().dump()), 403, "forbidden")) << account;
        const auto now = Stored();
        EXPECT_EQ(now[0], mark[0]) << account;
        EXPECT_EQ(now[1], mark[1]) << account;
    }
    EXPECT_GE(before[0], 0);
}

TEST_F(RegistryApiTest, RegulatorsEnterByHandAndSeeTheirToDo) {
    Json body = Nursery();
    body["uscc"] = "52211104MJ0T30301K";
    body["name"] = "大洼区社区托育服务中心";
    body["legal_nature"] = "social_service_organization";
    body["registration_authority"] = "civil_affairs";
    ASSERT_TRUE(uscc::Validate(body["uscc"].get<std::string>()).ok());
    const HttpResponse entered = site_->As("daowa_health").Post("/api/v1/registrations", body.dump());
    ASSERT_EQ(entered.status, 201) << entered.body;
    EXPECT_EQ(entered.Json()["source"], "manual");
    EXPECT_EQ(entered.Json()["sent_by"], "daowa_health");
    EXPECT_EQ(entered.Json()["legal_nature_label"], "社会服务机构");
    EXPECT_EQ(entered.Json()["registration_authority_label"], "民政部门");

    const HttpResponse awaiting =
        site_->As("daowa_health").Get("/api/v1/registrations?awaiting_filing=true&q=%E7%A4%BE%E5%8C%BA");  // 社区
    ASSERT_EQ(awaiting.status, 200) << awaiting.body;
    ASSERT_EQ(Items(awaiting).size(), 1u) << awaiting.body;
    EXPECT_EQ(Items(awaiting)[0]["institution_status"], "registered");
    EXPECT_TRUE(
        IsError(site_->As("daowa_health").Get("/api/v1/registrations?status=flying"), 400, "invalid_status", "status"));
    EXPECT_TRUE(IsError(site_->As("daowa_health").Get("/api/v1/registrations?sort=legal_representative"), 400,
                        "invalid_sort", "sort"));

    // Once filed (the lifecycle's business; here set directly), it leaves the to-do.
    const HttpResponse before = site_->As("daowa_health").Get("/api/v1/registrations/todo?page_size=500");
    site_->database().ExecuteRaw("UPDATE institutions SET status = 'filed' WHERE uscc = '52211104MJ0T30301K'");
    const HttpResponse after = site_->As("daowa_health").Get("/api/v1/registrations/todo?page_size=500");
    EXPECT_EQ(after.Json()["total"].get<int>(), before.Json()["total"].get<int>() - 1);
    EXPECT_EQ(site_->As("daowa_health")
                  .Get("/api/v1/registrations?status=filed&q=52211104MJ0T30301K")
                  .Json()["total"]
                  .get<int>(),
              1);
}

TEST_F(RegistryApiTest, ImportIsAllOrNothingWithLineNumbers) {
    const std::string header =
        "统一社会信用代码,名称,类型,法人性质,登记机关,法定代表人,住所,住所区划代码,经营范围,登记日期\r\n";
    const std::string bad = header +
                            "91211104MA0TY400XM,大洼区甲托育有限公司,托育机构,企业,市场监管,甲某,甲路1号,211104004,"
                            "托育服务,2025-05-01\r\n"
                            "91211104MA0TY5002A,大洼区乙托育有限公司,托育机构,企业,市场监管,乙某,乙路1号,211104004,"
                            "托育服务,2025-05-01\r\n"
                            "91211104MA0TY400XM,大洼区甲托育有限公司,托育机构,企业,民政,甲某,甲路1号,211104004,"
                            "托育服务,2025-05-01\r\n";
    const auto before = Stored();
    const HttpResponse rejected = Import(site_->As("daowa_health"), bad);
    ASSERT_EQ(rejected.status, 422) << rejected.body;
    const Json report = rejected.Json();
    EXPECT_EQ(report["code"], "import_rejected");
    ASSERT_EQ(report["errors"].size(), 2u) << rejected.body;
    EXPECT_EQ(report["errors"][0]["line"], 3);
    EXPECT_EQ(report["errors"][0]["field"], "uscc");
    EXPECT_EQ(report["errors"][1]["line"], 4);
    EXPECT_EQ(report["errors"][1]["field"], "registration_authority");
    EXPECT_EQ(Stored(), before);

    const std::string good = header +
                             "91211104MA0TY400XM,大洼区甲托育有限公司,托育机构,企业,市场监管,甲某,甲路1号,211104004,"
                             "托育服务,2025-05-01\r\n";
    const HttpResponse dry = Import(site_->As("daowa_health"), good, "?dry_run=1");
    ASSERT_EQ(dry.status, 200) << dry.body;
    EXPECT_EQ(dry.Json()["created"], 1);
    EXPECT_EQ(Stored()[0], before[0]);
    const HttpResponse imported = Import(site_->As("daowa_health"), good);
    ASSERT_EQ(imported.status, 200) << imported.body;
    EXPECT_EQ(imported.Json()["created"], 1);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM registrations WHERE uscc = '91211104MA0TY400XM' AND source = 'import'"), 1);
    EXPECT_EQ(Import(site_->As("daowa_health"), good).Json()["unchanged"], 1);

    // The template: an .xlsx workbook whose first row holds the headers the import reads.
    const HttpResponse template_file = site_->As("daowa_health").Get("/api/v1/registrations/template");
    ASSERT_EQ(template_file.status, 200);
    EXPECT_EQ(template_file.body.rfind("PK", 0), 0u);
    EXPECT_TRUE(Contains(template_file.Header("content-type"), "spreadsheetml"))
        << template_file.Header("content-type");
    const HttpResponse empty_template =
        site_->As("daowa_health")
            .Post("/api/v1/registrations/import?dry_run=1", template_file.body,
                  {{"Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}});
    ASSERT_EQ(empty_template.status, 422) << empty_template.body;
    EXPECT_EQ(empty_template.Json()["errors"][0]["code"], "empty_file") << empty_template.body;
}

// 大洼区's regulator reads and changes nothing of 余姚 by any registration route, and 大洼区's
// registration authority pushes nothing there.
TEST_F(RegistryApiTest, DaowaCannotSeeOrEnterYuyao) {
    HttpClient& daowa = site_->As("daowa_health");
    const HttpResponse yuyao_list = site_->As("yuyao_health").Get("/api/v1/registrations?page_size=500");
    ASSERT_EQ(yuyao_list.status, 200);
    ASSERT_FALSE(Items(yuyao_list).empty());
    const Json yuyao = Items(yuyao_list)[0];
    const std::int64_t yuyao_id = yuyao["id"].get<std::int64_t>();
    const std::int64_t yuyao_institution = yuyao["institution_id"].get<std::int64_t>();

    const HttpResponse list = daowa.Get("/api/v1/registrations?page_size=500");
    ASSERT_EQ(list.status, 200);
    EXPECT_FALSE(Items(list).empty());
    for (const Json& item : Items(list)) {
        EXPECT_EQ(item["region_code"].get<std::string>().rfind("211104", 0), 0u) << item.dump();
    }
    EXPECT_EQ(daowa.Get(std::string("/api/v1/registrations?region_code=") + kYuyao).Json()["total"], 0);
    EXPECT_EQ(daowa.Get("/api/v1/registrations?q=91330281MA2TY0256N").Json()["total"], 0);
    for (const Json& item : Items(daowa.Get("/api/v1/registrations/todo?page_size=500"))) {
        EXPECT_EQ(item["region_code"].get<std::string>().rfind("211104", 0), 0u) << item.dump();
    }
    EXPECT_TRUE(IsError(daowa.Get("/api/v1/registrations/" + std::to_string(yuyao_id)), 404, "not_found"));
    EXPECT_TRUE(IsError(daowa.Get("/api/v1/institutions/" + std::to_string(yuyao_institution) + "/registrations"), 404,
                        "not_found"));

    const auto before = Stored();
    Json moved = YuyaoNursery();
    moved["address"] = "浙江省余姚市梨洲街道阳光路9号";
    EXPECT_TRUE(IsError(daowa.Post("/api/v1/registrations", moved.dump()), 403, "out_of_scope", "region_code"));
    EXPECT_TRUE(IsError(Push(moved), 403, "out_of_scope", "region_code"));
    // …nor move 余姚's institution to an address of 大洼.
    moved["region_code"] = kDaowaTown;
    EXPECT_TRUE(IsError(daowa.Post("/api/v1/registrations", moved.dump()), 403, "out_of_scope", "uscc"));
    EXPECT_TRUE(IsError(Import(daowa,
                               "统一社会信用代码,名称,类型,法人性质,登记机关,法定代表人,住所,住所区划代码,"
                               "经营范围,登记日期\n91330281MA2TY0256N,余姚市梨洲街道阳光托育园（演示）,"
                               "托育机构,企业,市场监管,陈立新（演示）,阳光路9号,330281001,托育服务,"
                               "2024-06-18\n"),
                        403, "out_of_scope"));
    const auto after = Stored();
    EXPECT_EQ(after[0], before[0]);
    EXPECT_EQ(after[1], before[1]);
    EXPECT_EQ(after[2], before[2]);

    // 余姚's own regulator can.
    const HttpResponse own = site_->As("yuyao_health").Post("/api/v1/registrations", YuyaoNursery().dump());
    EXPECT_EQ(own.status, 200) << own.body;  // the demo record itself: unchanged
    EXPECT_EQ(own.Json()["outcome"], "unchanged");
}

}  // namespace
}  // namespace tuoyu::test::api
