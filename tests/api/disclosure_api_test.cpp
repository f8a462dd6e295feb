// 普惠 recognition and public disclosure over HTTP (issue 5, parts 7 and 8): the public routes answer
// without a cookie and show only institutions that may operate, with their disclosed facts and no
// personal data; the whole 普惠 flow (application, review, the dated publicity list, objections from
// anyone, an upheld objection dropping its institution, nothing in force before the regulator confirms
// after the period, revocation) with its history kept; and the data scope: 大洼 reviews, publishes,
// confirms and revokes nothing of 余姚, and an institution applies for itself only.
//
// The server runs on the real clock, so a list published here is published today. The period across
// the 2025 National Day holiday is counted in tests/rules/disclosure_rules_test.cpp with a fixed clock;
// here the end of a period is brought about by moving a published list's dates into the past in the
// database, which is what the passing of time would do.

#include <gtest/gtest.h>

#include <chrono>
#include <set>

#include "api/api_support.hpp"
#include "storage/query.hpp"

namespace tuoyu::test::api {
namespace {

constexpr const char* kFiledTown = "211104005000";  // the demo's filed institution (田家街道)
const std::string kPdf = "%PDF-1.7\n% disclosure test\n";

// The fields a public institution record has: exactly these, and none personal.
const std::set<std::string> kPublicKeys = {"id",           "name",
                                           "kind",         "address",
                                           "region_code",  "region_path",
                                           "sponsor_type", "service_modes",
                                           "slots",        "puhui",
                                           "puhui_since",  "puhui_fee_per_month_yuan",
                                           "puhui_slots",  "filing_receipt_number",
                                           "filed_on"};

std::set<std::string> KeysOf(const Json& object) {
    std::set<std::string> keys;
    for (auto it = object.begin(); it != object.end(); ++it) {
        keys.insert(it.key());
    }
    return keys;
}

// Today in Asia/Shanghai, as the server dates its acts.
std::string Today() {
    const auto now = std::chrono::system_clock::now() + std::chrono::hours(8);
    const std::chrono::year_month_day day{std::chrono::floor<std::chrono::days>(now)};
    char text[11];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(day.year()), static_cast<unsigned>(day.month()),
                  static_cast<unsigned>(day.day()));
    return text;
}

class DisclosureApiTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        site_ = new DemoSite();
        database_ = site_->database().Open(1).release();
        filed_ = site_->InstitutionIn(kFiledTown);
        daowa_ = site_->InstitutionIn(kDaowaTown);
        yuyao_ = site_->InstitutionIn(kYuyaoTown);
        // An administrator account for the filed demo institution, past its first password change.
        site_->CreateUser({{"username", "chunmiao_admin"},
                           {"display_name", "春苗园长"},
                           {"role", "institution_admin"},
                           {"institution_id", filed_},
                           {"password", kGoodPassword}});
        HttpClient first = site_->Fresh("chunmiao_admin", kGoodPassword);
        ASSERT_EQ(first
                      .Post("/api/v1/auth/password",
                            Json{{"old_password", kGoodPassword}, {"new_password", kChunmiaoPassword}}.dump())
                      .status,
                  204);
    }
    static void TearDownTestSuite() {
        delete database_;
        database_ = nullptr;
        delete site_;
        site_ = nullptr;
    }

    static HttpClient& Chunmiao() {
        static HttpClient client = site_->Fresh("chunmiao_admin", kChunmiaoPassword);
        return client;
    }

    // One value read, or the id an INSERT … RETURNING id made.
    static std::int64_t Scalar(const std::string& sql) {
        storage::Transaction tx = sql.rfind("INSERT", 0) == 0 ? database_->Write() : database_->Read();
        const std::int64_t value = storage::Query(sql).Count(tx);
        tx.Commit();
        return value;
    }

    // The institution files through the API, as its administrator and its county's regulator would.
    static void File(std::int64_t institution, const std::string& nursery, const std::string& regulator) {
        HttpClient& client = site_->As(nursery);
        const std::string path = "/api/v1/institutions/" + std::to_string(institution);
        const Json profile = Json::parse(R"({"sponsor_type": "social_forces", "service_modes": ["full_day", "hourly"],
            "location": {"longitude": 122.07, "latitude": 41.0, "coordinate_system": "wgs84"},
            "site": {"usable_floor_area_m2": 600, "building_area_m2": 700, "building_floors": 2, "children_floors": [1],
                     "basement_use": "none", "fire_exits": 2, "tenure": "owned"},
            "classes": [{"type": "toddler_class", "count": 2, "size": 15, "caregivers": 3}], "slots": 30,
            "meals": {"served": false}})");
        ASSERT_EQ(client.Request("PUT", path + "/profile", profile.dump(), {}).status, 200);
        const Json form{{"head_name", "测试园长"},
                        {"head_phone", "13900000001"},
                        {"staff", {{"caregivers", 6}}},
                        {"hygiene_evaluation_result", "qualified"},
                        {"fire_check_passed", true}};
        const HttpResponse created = client.Post(path + "/filings", Json{{"kind", "initial"}, {"form", form}}.dump());
        ASSERT_EQ(created.status, 201) << created.body;
        const std::string filing = "/api/v1/filings/" + std::to_string(created.Json()["id"].get<std::int64_t>());
        for (const char* kind :
             {"business_licence", "site_proof", "staff_certificates", "hygiene_evaluation", "fire_check"}) {
            ASSERT_EQ(
                client.Post(filing + "/materials?kind=" + kind, kPdf + kind, {{"Content-Type", "application/pdf"}})
                    .status,
                201);
        }
        ASSERT_EQ(
            client.Patch(filing, Json{{"commitment", {{"signatory", "测试园长"}, {"accepted", true}}}}.dump()).status,
            200);
        ASSERT_EQ(client.Post(filing + "/submit", "{}").status, 200);
        const HttpResponse accepted = site_->As(regulator).Post(filing + "/accept", "{}");
        ASSERT_EQ(accepted.status, 200) << accepted.body;
    }

    static Json Apply(HttpClient& client, std::int64_t institution, int expected, std::int64_t fee = 1800,
                      std::int64_t slots = 20) {
        const HttpResponse reply =
            client.Post("/api/v1/puhui/applications",
                        Json{{"institution_id", institution}, {"fee_per_month_yuan", fee}, {"slots", slots}}.dump());
        EXPECT_EQ(reply.status, expected) << reply.body;
        return reply.Json();
    }

    static Json PublicInstitution(std::int64_t id) {
        const HttpResponse reply = site_->Anonymous().Get("/api/v1/public/institutions/" + std::to_string(id));
        EXPECT_EQ(reply.status, 200) << reply.body;
        return reply.Json();
    }

    static inline const char* kChunmiaoPassword = "Cm#8tuoyu-Spring";
    static inline DemoSite* site_ = nullptr;
    static inline storage::Database* database_ = nullptr;
    static inline std::int64_t filed_ = 0;
    static inline std::int64_t daowa_ = 0;
    static inline std::int64_t yuyao_ = 0;
};

TEST_F(DisclosureApiTest, PublicListWorksWithoutACookieAndShowsOnlyOperatingInstitutionsWithoutPersonalData) {
    HttpClient anonymous = site_->Anonymous();
    site_->As("daowa_health");  // signed in now: a sign-in is audited, the public reads below are not
    const std::int64_t audit_before = site_->AuditTotal();
    const HttpResponse reply = anonymous.Get("/api/v1/public/institutions?page_size=100");
    ASSERT_EQ(reply.status, 200) << reply.body;
    std::set<std::int64_t> ids;
    for (const Json& item : Items(reply)) {
        ids.insert(item["id"].get<std::int64_t>());
        EXPECT_EQ(KeysOf(item), kPublicKeys) << item.dump();
    }
    EXPECT_EQ(ids.count(filed_), 1u) << reply.body;
    // Registered, not filed: not shown, and its record is not found.
    EXPECT_EQ(ids.count(yuyao_), 0u);
    EXPECT_TRUE(IsError(anonymous.Get("/api/v1/public/institutions/" + std::to_string(yuyao_)), 404, "not_found"));
    // No personal data anywhere: not the legal representative, not the head's phone from the filing.
    for (const char* personal : {"刘春苗", "13800002001", "刘园长", "legal_representative", "phone", "uscc"}) {
        EXPECT_FALSE(Contains(reply.body, personal)) << personal;
    }

    const Json filed = PublicInstitution(filed_);
    EXPECT_EQ(filed["name"], "大洼区田家街道春苗托育园（演示）");
    EXPECT_EQ(filed["kind"], "institution");
    EXPECT_EQ(filed["slots"], 55);
    EXPECT_EQ(filed["service_modes"], Json::array({"full_day", "half_day"}));
    EXPECT_EQ(filed["sponsor_type"], "social_forces");
    EXPECT_EQ(filed["puhui"], false);
    EXPECT_EQ(filed["filing_receipt_number"].get<std::string>().rfind("TY-211104-", 0), 0u) << filed.dump();
    // The demo filed it a year ago.
    EXPECT_LT(filed["filed_on"].get<std::string>(), Today());
    EXPECT_EQ(filed["filed_on"].get<std::string>().size(), 10u);
    ASSERT_EQ(filed["region_path"].size(), 4u) << filed.dump();
    EXPECT_EQ(filed["region_path"][0]["name"], "辽宁省");
    EXPECT_EQ(filed["region_path"][2]["name"], "大洼区");
    EXPECT_EQ(filed["region_path"][3]["name"], "田家街道");
    std::set<std::string> detail_keys = kPublicKeys;
    detail_keys.insert("puhui_history");
    EXPECT_EQ(KeysOf(filed), detail_keys);
    for (const char* personal : {"刘春苗", "13800002001", "刘园长"}) {
        EXPECT_FALSE(Contains(filed.dump(), personal)) << personal;
    }

    // The filters, each on an index range or a column of the page.
    auto total = [&](const std::string& query) {
        const HttpResponse page = anonymous.Get("/api/v1/public/institutions?" + query);
        EXPECT_EQ(page.status, 200) << query << ": " << page.body;
        return page.Json().value("total", -1);
    };
    EXPECT_GE(total("region_code=211104"), 1);
    EXPECT_GE(total("region_code=21"), 1);
    EXPECT_GE(total("region_code=211104005"), 1);
    EXPECT_EQ(total("region_code=330281"), 0);
    EXPECT_EQ(total("kind=home_point&region_code=211104005"), 0);
    EXPECT_EQ(total("kind=institution&region_code=211104005"), 1);
    EXPECT_EQ(total("service_mode=half_day&region_code=211104005"), 1);
    EXPECT_EQ(total("service_mode=hourly&region_code=211104005"), 0);
    EXPECT_EQ(total("puhui=true&region_code=211104005"), 0);
    EXPECT_EQ(total("puhui=false&region_code=211104005"), 1);
    EXPECT_EQ(total("q=%E6%98%A5%E8%8B%97"), 1);  // 春苗
    EXPECT_EQ(total("q=%25"), 0);                 // "%" is a literal character
    EXPECT_TRUE(IsError(anonymous.Get("/api/v1/public/institutions?page_size=101"), 400, "invalid_page_size"));
    EXPECT_TRUE(IsError(anonymous.Get("/api/v1/public/institutions?kind=school"), 400, "invalid_value", "kind"));
    EXPECT_TRUE(IsError(anonymous.Get("/api/v1/public/institutions?status=registered"), 400, "unknown_parameter"));

    // A cookie, good or stale, changes nothing: public routes do not look at it.
    EXPECT_EQ(site_->As("daowa_health").Get("/api/v1/public/institutions?page_size=100").body, reply.body);
    HttpClient stale = site_->Anonymous();
    stale.set_cookie("tuoyu_session=no-such-session");
    EXPECT_EQ(stale.Get("/api/v1/public/institutions?page_size=100").status, 200);

    // Regions with operating institutions, a level at a time.
    const Json provinces = anonymous.Get("/api/v1/public/regions").Json()["items"];
    bool liaoning = false;
    for (const Json& province : provinces) {
        liaoning = liaoning || (province["code"] == "210000000000" && province["name"] == "辽宁省" &&
                                province["institutions"].get<int>() >= 1 && province["has_children"] == true);
    }
    EXPECT_TRUE(liaoning) << provinces.dump();
    bool tianjia = false;
    for (const Json& town : Json(anonymous.Get("/api/v1/public/regions?parent=211104").Json()["items"])) {
        EXPECT_EQ(town["level"], 4);
        EXPECT_EQ(town["has_children"], false);
        tianjia = tianjia || (town["code"] == kFiledTown && town["name"] == "田家街道" && town["institutions"] == 1);
    }
    EXPECT_TRUE(tianjia);

    // Public reads are not audited.
    EXPECT_EQ(site_->AuditTotal(), audit_before);

    // Every listed institution may operate, as the administrator's view of the registry says.
    for (const std::int64_t id : ids) {
        const std::string status = site_->Admin().Get("/api/v1/institutions/" + std::to_string(id)).Json()["status"];
        EXPECT_TRUE(status == "filed" || status == "change_submitted" || status == "rectifying") << id << " " << status;
    }
}

TEST_F(DisclosureApiTest, PuhuiFlowFromApplicationToConfirmationAndRevocationKeepsItsHistory) {
    File(daowa_, "daowa_nursery", "daowa_health");
    HttpClient& nursery = site_->As("daowa_nursery");
    HttpClient& daowa = site_->As("daowa_health");
    HttpClient anonymous = site_->Anonymous();

    // Applications: the institution's own, filed, within its slots, one at a time.
    EXPECT_TRUE(
        IsError(Chunmiao().Post("/api/v1/puhui/applications",
                                Json{{"institution_id", filed_}, {"fee_per_month_yuan", 1800}, {"slots", 56}}.dump()),
                400, "exceeds_slots", "slots"));
    EXPECT_TRUE(
        IsError(Chunmiao().Post("/api/v1/puhui/applications",
                                Json{{"institution_id", filed_}, {"fee_per_month_yuan", 0}, {"slots", 5}}.dump()),
                400, "invalid_value", "fee_per_month_yuan"));
    const Json chunmiao = Apply(Chunmiao(), filed_, 201, 1800, 40);
    EXPECT_EQ(chunmiao["state"], "submitted");
    EXPECT_EQ(chunmiao["fee_per_month_yuan"], 1800);
    EXPECT_TRUE(
        IsError(Chunmiao().Post("/api/v1/puhui/applications",
                                Json{{"institution_id", filed_}, {"fee_per_month_yuan", 1}, {"slots", 1}}.dump()),
                409, "application_open"));
    const Json own = Apply(nursery, daowa_, 201, 2100, 20);
    const std::string chunmiao_path =
        "/api/v1/puhui/applications/" + std::to_string(chunmiao["id"].get<std::int64_t>());
    const std::string own_path = "/api/v1/puhui/applications/" + std::to_string(own["id"].get<std::int64_t>());

    // The county's health department decides; the market regulator and the institutions may not.
    EXPECT_TRUE(IsError(site_->As("daowa_market").Post(chunmiao_path + "/approve", "{}"), 403, "forbidden"));
    EXPECT_TRUE(IsError(nursery.Post(own_path + "/approve", "{}"), 403, "forbidden"));
    EXPECT_TRUE(IsError(daowa.Post(chunmiao_path + "/reject", "{}"), 400, "required", "reasons"));
    EXPECT_EQ(daowa.Post(chunmiao_path + "/approve", Json{{"note", "收费符合普惠标准"}}.dump()).Json()["state"],
              "approved");
    EXPECT_EQ(daowa.Post(own_path + "/approve", "{}").Json()["state"], "approved");
    EXPECT_TRUE(IsError(daowa.Post(own_path + "/approve", "{}"), 409, "not_submitted"));

    // Publishing: a county code within the scope; the list is dated today and runs for the period in
    // force on the working-day calendar.
    EXPECT_TRUE(IsError(daowa.Post("/api/v1/puhui/lists", Json{{"county_code", "211104005"}}.dump()), 400,
                        "not_a_county", "county_code"));
    const HttpResponse published = daowa.Post(
        "/api/v1/puhui/lists", Json{{"county_code", "211104"}, {"title", "大洼区普惠托育机构拟认定名单"}}.dump());
    ASSERT_EQ(published.status, 201) << published.body;
    const Json list = published.Json();
    const std::string today = Today();
    EXPECT_EQ(list["published_on"], today);
    EXPECT_EQ(list["publicity_working_days"], 5);
    const Json expected_end = daowa.Get("/api/v1/calendar/working-days?allow_estimate=1&add=5&from=" + today).Json();
    EXPECT_EQ(list["period_end"], expected_end["date"]);
    EXPECT_EQ(list["period_estimated"], !expected_end["covered"].get<bool>());
    ASSERT_EQ(list["entries"].size(), 2u) << list.dump();
    EXPECT_TRUE(
        IsError(daowa.Post("/api/v1/puhui/lists", Json{{"county_code", "211104"}}.dump()), 409, "nothing_to_publish"));
    const std::int64_t list_id = list["id"].get<std::int64_t>();
    const std::string list_path = "/api/v1/puhui/lists/" + std::to_string(list_id);
    const std::string public_list = "/api/v1/public/puhui-lists/" + std::to_string(list_id);
    std::int64_t chunmiao_entry = 0;
    std::int64_t own_entry = 0;
    for (const Json& entry : list["entries"]) {
        (entry["institution_id"] == filed_ ? chunmiao_entry : own_entry) = entry["id"].get<std::int64_t>();
        EXPECT_EQ(entry["state"], "listed");
    }

    // Nothing takes effect during the period.
    EXPECT_TRUE(IsError(daowa.Post(list_path + "/confirm", "{}"), 409, "publicity_not_over"));
    EXPECT_EQ(PublicInstitution(filed_)["puhui"], false);

    // Anyone objects, without signing in; the name and contact are optional, the text is not.
    const Json shown = anonymous.Get(public_list).Json();
    EXPECT_EQ(shown["taking_objections"], true);
    EXPECT_EQ(shown["period_end"], list["period_end"]);
    const std::string objections = public_list + "/objections";
    EXPECT_TRUE(IsError(anonymous.Post(objections, Json{{"entry_id", own_entry}}.dump()), 400, "required", "text"));
    EXPECT_TRUE(
        IsError(anonymous.Post(objections, Json{{"entry_id", own_entry}, {"text", std::string(1001, 'x')}}.dump()), 400,
                "too_long", "text"));
    EXPECT_TRUE(IsError(anonymous.Post(objections, Json{{"entry_id", own_entry}, {"text", "x"}, {"email", "a"}}.dump()),
                        400, "unknown_field", "email"));
    EXPECT_TRUE(IsError(anonymous.Post(objections, Json{{"entry_id", 999999}, {"text", "x"}}.dump()), 400,
                        "invalid_value", "entry_id"));
    EXPECT_TRUE(IsError(anonymous.Post("/api/v1/public/puhui-lists/999999/objections",
                                       Json{{"entry_id", own_entry}, {"text", "x"}}.dump()),
                        404, "not_found"));
    const HttpResponse upheld_objection = anonymous.Post(objections, Json{{"entry_id", own_entry},
                                                                          {"text", "该机构实际收费高于公示标准"},
                                                                          {"name", "张异议"},
                                                                          {"contact", "13700009999"}}
                                                                         .dump());
    ASSERT_EQ(upheld_objection.status, 201) << upheld_objection.body;
    const Json record = site_->NewestAudit();
    EXPECT_EQ(record["route"], "/api/v1/public/puhui-lists/{id}/objections");
    EXPECT_EQ(record["outcome"], "ok");
    EXPECT_EQ(record["username"], "");
    EXPECT_EQ(record["region_code"], kDaowa);
    const HttpResponse dismissed_objection =
        anonymous.Post(objections, Json{{"entry_id", chunmiao_entry}, {"text", "听说托位不够"}}.dump());
    ASSERT_EQ(dismissed_objection.status, 201) << dismissed_objection.body;

    // The public sees how many objections there are, never who made them.
    const HttpResponse counted = anonymous.Get(public_list);
    EXPECT_FALSE(Contains(counted.body, "张异议"));
    EXPECT_FALSE(Contains(counted.body, "13700009999"));
    EXPECT_FALSE(Contains(counted.body, "实际收费"));
    for (const Json& entry : Json(counted.Json()["entries"])) {
        EXPECT_EQ(entry["objections_open"], 1) << entry.dump();
    }
    // The regulator reads them, and that read is audited.
    const std::int64_t audit_before = site_->AuditTotal();
    const Json full = daowa.Get(list_path).Json();
    EXPECT_EQ(site_->AuditTotal(), audit_before + 1);
    EXPECT_EQ(site_->NewestAudit()["route"], "/api/v1/puhui/lists/{id}");
    ASSERT_EQ(full["objections"].size(), 2u) << full.dump();
    EXPECT_EQ(full["objections"][0]["objector_name"], "张异议");
    EXPECT_TRUE(full["objections"][1]["objector_name"].is_null());
    EXPECT_TRUE(IsError(daowa.Post(list_path + "/confirm", "{}"), 409, "publicity_not_over"));

    // Upheld: that institution leaves the list. Dismissed: it stays.
    const std::string upheld = "/api/v1/puhui/objections/" + std::to_string(upheld_objection.Json()["id"].get<int>());
    const std::string dismissed =
        "/api/v1/puhui/objections/" + std::to_string(dismissed_objection.Json()["id"].get<int>());
    EXPECT_TRUE(IsError(daowa.Post(upheld + "/resolve", Json{{"outcome", "maybe"}, {"resolution", "x"}}.dump()), 400,
                        "invalid_value", "outcome"));
    EXPECT_EQ(
        daowa.Post(upheld + "/resolve", Json{{"outcome", "upheld"}, {"resolution", "经核实收费高于普惠标准"}}.dump())
            .Json()["state"],
        "upheld");
    EXPECT_EQ(daowa.Post(dismissed + "/resolve", Json{{"outcome", "dismissed"}, {"resolution", "托位核实无误"}}.dump())
                  .Json()["state"],
              "dismissed");
    EXPECT_TRUE(IsError(daowa.Post(dismissed + "/resolve", Json{{"outcome", "upheld"}, {"resolution", "x"}}.dump()),
                        409, "objection_resolved"));
    for (const Json& entry : Json(anonymous.Get(public_list).Json()["entries"])) {
        EXPECT_EQ(entry["state"], entry["id"] == own_entry ? "dropped" : "listed") << entry.dump();
        if (entry["id"] == own_entry) {
            EXPECT_EQ(entry["outcome"], "objection_upheld");
        }
    }
    EXPECT_EQ(
        nursery.Get("/api/v1/puhui/applications?institution_id=" + std::to_string(daowa_)).Json()["items"][0]["state"],
        "dropped");
    // Still before the end: nothing takes effect.
    EXPECT_TRUE(IsError(daowa.Post(list_path + "/confirm", "{}"), 409, "publicity_not_over"));
    EXPECT_EQ(PublicInstitution(filed_)["puhui"], false);

    // The period passes (the list's dates move into the past): no more objections, and it may be confirmed.
    site_->database().ExecuteRaw(
        "UPDATE puhui_lists SET published_on = '2025-09-29', period_end = '2025-10-13' "
        "WHERE id = " +
        std::to_string(list_id));
    EXPECT_EQ(anonymous.Get(public_list).Json()["taking_objections"], false);
    EXPECT_TRUE(IsError(anonymous.Post(objections, Json{{"entry_id", chunmiao_entry}, {"text", "迟到的异议"}}.dump()),
                        409, "publicity_closed"));
    const HttpResponse confirmed = daowa.Post(list_path + "/confirm", "{}");
    ASSERT_EQ(confirmed.status, 200) << confirmed.body;
    EXPECT_EQ(confirmed.Json()["state"], "confirmed");
    EXPECT_EQ(confirmed.Json()["effective_from"], today);
    EXPECT_TRUE(IsError(daowa.Post(list_path + "/confirm", "{}"), 409, "list_confirmed"));

    // In force from today: the public record, the profile flag (same transaction) and the registry's filter.
    const Json granted = PublicInstitution(filed_);
    EXPECT_EQ(granted["puhui"], true);
    EXPECT_EQ(granted["puhui_since"], today);
    EXPECT_EQ(granted["puhui_fee_per_month_yuan"], 1800);
    EXPECT_EQ(granted["puhui_slots"], 40);
    EXPECT_EQ(PublicInstitution(daowa_)["puhui"], false);
    EXPECT_EQ(Scalar("SELECT puhui FROM institutions WHERE id = " + std::to_string(filed_)), 1);
    EXPECT_EQ(Scalar("SELECT puhui FROM institutions WHERE id = " + std::to_string(daowa_)), 0);
    EXPECT_EQ(anonymous.Get("/api/v1/public/institutions?puhui=true&region_code=211104").Json()["total"], 1);
    EXPECT_TRUE(
        IsError(Chunmiao().Post("/api/v1/puhui/applications",
                                Json{{"institution_id", filed_}, {"fee_per_month_yuan", 1}, {"slots", 1}}.dump()),
                409, "already_puhui"));

    // The published decision, with its dates and outcomes.
    bool found = false;
    for (const Json& item : Items(anonymous.Get("/api/v1/public/decisions?type=puhui_list&region_code=211104005"))) {
        if (item["id"] == list_id) {
            found = true;
            EXPECT_EQ(item["type"], "puhui_list");
            EXPECT_EQ(item["state"], "confirmed");
            EXPECT_EQ(item["published_on"], "2025-09-29");
            EXPECT_EQ(item["effective_from"], today);
            EXPECT_EQ(item["entries"].size(), 2u);
        }
    }
    EXPECT_TRUE(found);

    // Revocation is a dated entry too; the recognition stays in the history.
    EXPECT_TRUE(IsError(daowa.Post("/api/v1/puhui/institutions/" + std::to_string(filed_) + "/revoke", "{}"), 400,
                        "required", "reason"));
    const HttpResponse revoked = daowa.Post("/api/v1/puhui/institutions/" + std::to_string(filed_) + "/revoke",
                                            Json{{"reason", "擅自提高收费标准"}}.dump());
    ASSERT_EQ(revoked.status, 200) << revoked.body;
    EXPECT_EQ(revoked.Json()["puhui"], false);
    ASSERT_EQ(revoked.Json()["recognitions"].size(), 1u);
    EXPECT_EQ(revoked.Json()["recognitions"][0]["effective_from"], today);
    EXPECT_EQ(revoked.Json()["recognitions"][0]["revoked_on"], today);
    EXPECT_EQ(revoked.Json()["recognitions"][0]["revocation_reason"], "擅自提高收费标准");
    EXPECT_TRUE(IsError(
        daowa.Post("/api/v1/puhui/institutions/" + std::to_string(filed_) + "/revoke", Json{{"reason", "再次"}}.dump()),
        409, "not_puhui"));
    EXPECT_EQ(Scalar("SELECT puhui FROM institutions WHERE id = " + std::to_string(filed_)), 0);
    const Json after = PublicInstitution(filed_);
    EXPECT_EQ(after["puhui"], false);
    ASSERT_EQ(after["puhui_history"].size(), 1u);
    EXPECT_EQ(after["puhui_history"][0]["revoked_on"], today);
    // The history of the institution's own view: the recognised application, the list, the dates.
    const Json status = Chunmiao().Get("/api/v1/puhui/institutions/" + std::to_string(filed_)).Json();
    EXPECT_EQ(status["applications"][0]["state"], "recognised");
    EXPECT_EQ(status["applications"][0]["list_id"], list_id);
    EXPECT_EQ(Scalar("SELECT COUNT(*) FROM puhui_objections WHERE list_id = " + std::to_string(list_id)), 2);

    // Once revoked it may apply again; a rejection keeps its reasons.
    const Json again = Apply(Chunmiao(), filed_, 201);
    const HttpResponse rejected =
        daowa.Post("/api/v1/puhui/applications/" + std::to_string(again["id"].get<std::int64_t>()) + "/reject",
                   Json{{"reasons", Json::array({"整改期内不予认定"})}}.dump());
    ASSERT_EQ(rejected.status, 200) << rejected.body;
    EXPECT_EQ(rejected.Json()["rejection_reasons"], Json::array({"整改期内不予认定"}));
}

TEST_F(DisclosureApiTest, AnInstitutionAppliesForItselfOnly) {
    // Another institution of the same county, and one of another county: not found for this account.
    EXPECT_TRUE(
        IsError(Chunmiao().Post("/api/v1/puhui/applications",
                                Json{{"institution_id", daowa_}, {"fee_per_month_yuan", 1}, {"slots", 1}}.dump()),
                404, "not_found"));
    EXPECT_TRUE(IsError(site_->As("yuyao_nursery")
                            .Post("/api/v1/puhui/applications",
                                  Json{{"institution_id", filed_}, {"fee_per_month_yuan", 1}, {"slots", 1}}.dump()),
                        404, "not_found"));
    // Staff, regulators and administrators do not apply.
    for (const char* account : {"daowa_carer", "daowa_health", "admin"}) {
        EXPECT_TRUE(IsError(
            site_->As(account).Post("/api/v1/puhui/applications",
                                    Json{{"institution_id", filed_}, {"fee_per_month_yuan", 1}, {"slots", 1}}.dump()),
            403, "forbidden"))
            << account;
    }
    // A registered institution is not yet filed.
    EXPECT_TRUE(IsError(site_->As("yuyao_nursery")
                            .Post("/api/v1/puhui/applications",
                                  Json{{"institution_id", yuyao_}, {"fee_per_month_yuan", 1}, {"slots", 1}}.dump()),
                        409, "not_filed"));
}

TEST_F(DisclosureApiTest, DaowaReviewsPublishesConfirmsAndRevokesNothingOfYuyao) {
    File(yuyao_, "yuyao_nursery", "yuyao_health");
    HttpClient& daowa = site_->As("daowa_health");
    HttpClient& yuyao = site_->As("yuyao_health");
    const Json application = Apply(site_->As("yuyao_nursery"), yuyao_, 201, 1500, 10);
    const std::string path = "/api/v1/puhui/applications/" + std::to_string(application["id"].get<std::int64_t>());

    EXPECT_TRUE(IsError(daowa.Post(path + "/approve", "{}"), 404, "not_found"));
    EXPECT_TRUE(IsError(daowa.Post(path + "/reject", Json{{"reasons", Json::array({"x"})}}.dump()), 404, "not_found"));
    EXPECT_EQ(daowa.Get(std::string("/api/v1/puhui/applications?region_code=") + kYuyao).Json()["total"], 0);
    for (const Json& item : Items(daowa.Get("/api/v1/puhui/applications?page_size=500"))) {
        EXPECT_NE(item["institution_id"], yuyao_) << item.dump();
    }
    EXPECT_TRUE(
        IsError(daowa.Post("/api/v1/puhui/lists", Json{{"county_code", "330281"}}.dump()), 403, "out_of_scope"));
    EXPECT_TRUE(IsError(daowa.Get("/api/v1/puhui/institutions/" + std::to_string(yuyao_)), 404, "not_found"));

    ASSERT_EQ(yuyao.Post(path + "/approve", "{}").status, 200);
    const HttpResponse published = yuyao.Post("/api/v1/puhui/lists", Json{{"county_code", "330281"}}.dump());
    ASSERT_EQ(published.status, 201) << published.body;
    const std::int64_t list_id = published.Json()["id"].get<std::int64_t>();
    const std::string list_path = "/api/v1/puhui/lists/" + std::to_string(list_id);
    const HttpResponse objection =
        site_->Anonymous().Post("/api/v1/public/puhui-lists/" + std::to_string(list_id) + "/objections",
                                Json{{"entry_id", published.Json()["entries"][0]["id"]}, {"text", "异议"}}.dump());
    ASSERT_EQ(objection.status, 201) << objection.body;
    const std::string objection_path =
        "/api/v1/puhui/objections/" + std::to_string(objection.Json()["id"].get<std::int64_t>());

    EXPECT_TRUE(IsError(daowa.Get(list_path), 404, "not_found"));
    EXPECT_TRUE(IsError(daowa.Post(list_path + "/confirm", "{}"), 404, "not_found"));
    EXPECT_TRUE(
        IsError(daowa.Post(objection_path + "/resolve", Json{{"outcome", "upheld"}, {"resolution", "x"}}.dump()), 404,
                "not_found"));
    for (const Json& item : Items(daowa.Get("/api/v1/puhui/lists?page_size=100"))) {
        EXPECT_NE(item["id"], list_id) << item.dump();
    }
    EXPECT_EQ(daowa.Get(std::string("/api/v1/puhui/lists?region_code=") + kYuyao).Json()["total"], 0);
    // A city above 大洼 sees none of it either; 余姚 resolves and confirms its own.
    EXPECT_TRUE(IsError(site_->As("panjin_health").Get(list_path), 404, "not_found"));
    ASSERT_EQ(
        yuyao.Post(objection_path + "/resolve", Json{{"outcome", "dismissed"}, {"resolution", "不成立"}}.dump()).status,
        200);
    site_->database().ExecuteRaw("UPDATE puhui_lists SET period_end = '2025-10-13' WHERE id = " +
                                 std::to_string(list_id));
    ASSERT_EQ(yuyao.Post(list_path + "/confirm", "{}").status, 200);
    EXPECT_TRUE(IsError(
        daowa.Post("/api/v1/puhui/institutions/" + std::to_string(yuyao_) + "/revoke", Json{{"reason", "x"}}.dump()),
        404, "not_found"));
    EXPECT_EQ(PublicInstitution(yuyao_)["puhui"], true);
    // 余姚's regulator, in turn, sees nothing of 大洼's applications.
    for (const Json& item : Items(yuyao.Get("/api/v1/puhui/applications?page_size=500"))) {
        EXPECT_EQ(item["institution_id"], yuyao_) << item.dump();
    }
}

TEST_F(DisclosureApiTest, ObjectionsFromOneAddressAreLimited) {
    // An open list of 余姚's (confirmed lists take none): a fresh one made in the database.
    const std::int64_t list = Scalar(
        "INSERT INTO puhui_lists (county_code, title, state, published_on, publicity_working_days, period_end, "
        "published_at) VALUES ('330281000000', '', 'publicity', '2025-01-02', 5, '2099-12-31', 1) RETURNING id");
    const std::int64_t application = Scalar(
        "INSERT INTO puhui_applications (institution_id, fee_per_month_yuan, slots, state, submitted_at) VALUES (" +
        std::to_string(yuyao_) + ", 1500, 10, 'listed', 1) RETURNING id");
    const std::int64_t entry = Scalar(
        "INSERT INTO puhui_list_entries (list_id, application_id, institution_id, institution_name, region_code, "
        "fee_per_month_yuan, slots, state) VALUES (" +
        std::to_string(list) + ", " + std::to_string(application) + ", " + std::to_string(yuyao_) +
        ", '测试机构', '330281001000', 1500, 10, 'listed') RETURNING id");
    HttpClient anonymous = site_->Anonymous();
    const std::string path = "/api/v1/public/puhui-lists/" + std::to_string(list) + "/objections";
    int accepted = 0;
    HttpResponse reply;
    for (int i = 0; i < 11; ++i) {
        reply = anonymous.Post(path, Json{{"entry_id", entry}, {"text", "第" + std::to_string(i) + "条"}}.dump());
        if (reply.status != 201) {
            break;
        }
        ++accepted;
    }
    EXPECT_TRUE(IsError(reply, 429, "too_many_objections"));
    // Ten from this address within ten minutes, some of them made by the tests before.
    EXPECT_LE(accepted, 10);
    EXPECT_GE(accepted, 1);
}

}  // namespace
}  // namespace tuoyu::test::api
