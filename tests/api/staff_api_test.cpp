// Staff (从业人员) over HTTP: records with identity numbers sealed at rest and masked in replies, the
// audited full view, bad input named by field with nothing stored, the all-or-nothing import, yearly
// duties, the staffing check and 持证率, double employment, and the lifetime ban refused across
// counties without showing institutions the list.

#include <gtest/gtest.h>

#include <array>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "api/api_support.hpp"
#include "core/crypto.hpp"
#include "core/id_number.hpp"
#include "storage/query.hpp"

namespace tuoyu::test::api {
namespace {

// A valid resident identity number of 大洼区 born on `birth` (YYYYMMDD) with sequence `sequence`.
std::string Number(const std::string& birth, int sequence) {
    const std::string first = "211104" + birth + std::to_string(100 + sequence);
    return first + *id_number::CheckCharacter(first);
}

// A query string value, percent-encoded byte by byte (names are Chinese).
std::string Encoded(const std::string& text) {
    static const char* kHex = "0123456789ABCDEF";
    std::string out;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) != 0) {
            out += c;
        } else {
            out += '%';
            out += kHex[byte >> 4];
            out += kHex[byte & 15];
        }
    }
    return out;
}

Json With(Json base, const Json& patch) {
    base.merge_patch(patch);
    return base;
}

// The demo's banned person (src/cli/demo_staff.cpp).
const std::string kDemoBanned = Number("19900101", 77);

Json Hire(const std::string& name, const std::string& number) {
    return {{"name", name},
            {"id_number", number},
            {"role", "caregiver"},
            {"education", "大专"},
            {"experience_years", 2},
            {"phone", "13900001111"},
            {"start_on", "2025-09-01"},
            {"last_health_exam", "2025-08-20"}};
}

class StaffApiTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        site_ = new DemoSite();
        database_ = site_->database().Open(1).release();
        daowa_ = site_->InstitutionIn(kDaowaTown);
        yuyao_ = site_->InstitutionIn(kYuyaoTown);
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
    // What a refused call must leave as it was.
    static std::array<std::int64_t, 4> Stored() {
        return {Count("SELECT COUNT(*) FROM staff"), Count("SELECT COUNT(*) FROM staff_documents"),
                Count("SELECT COUNT(*) FROM staff_duties"), Count("SELECT COUNT(*) FROM audit_log")};
    }
    static std::string StaffPath(std::int64_t institution) {
        return "/api/v1/institutions/" + std::to_string(institution) + "/staff";
    }
    static std::int64_t HireOk(const std::string& name, const std::string& number) {
        const HttpResponse reply = site_->As("daowa_nursery").Post(StaffPath(daowa_), Hire(name, number).dump());
        EXPECT_EQ(reply.status, 201) << reply.body;
        return reply.Json().value("id", std::int64_t{0});
    }
    static std::int64_t StaffIdOf(const std::string& name, std::int64_t institution) {
        storage::Transaction tx = database_->Read();
        storage::Query query("SELECT MAX(id) FROM staff WHERE name = ");
        query.Bind(name).Sql(" AND institution_id = ").Bind(institution);
        const std::int64_t id = query.Count(tx);
        tx.Commit();
        return id;
    }

    static DemoSite* site_;
    static storage::Database* database_;
    static std::int64_t daowa_;
    static std::int64_t yuyao_;
};

DemoSite* StaffApiTest::site_ = nullptr;
storage::Database* StaffApiTest::database_ = nullptr;
std::int64_t StaffApiTest::daowa_ = 0;
std::int64_t StaffApiTest::yuyao_ = 0;

TEST_F(StaffApiTest, HiredPersonIsListedMaskedAndTheFullNumberIsAudited) {
    const std::string number = Number("19930405", 31);
    const std::int64_t id = HireOk("周晓", number);
    HttpClient& nursery = site_->As("daowa_nursery");
    const HttpResponse list = nursery.Get(StaffPath(daowa_) + "?q=" + Encoded("周晓"));
    ASSERT_EQ(list.status, 200) << list.body;
    ASSERT_EQ(Items(list).size(), 1u);
    EXPECT_EQ(Items(list)[0]["id_number_masked"], id_number::Mask(number));
    EXPECT_EQ(Items(list)[0]["sex"], "male");
    EXPECT_EQ(Items(list)[0]["birth_year"], 1993);
    EXPECT_FALSE(Contains(list.body, "1993-04-05"));  // the whole date and the masked number give the number away
    EXPECT_FALSE(Contains(list.body, number));
    const HttpResponse detail = nursery.Get("/api/v1/staff/" + std::to_string(id));
    ASSERT_EQ(detail.status, 200);
    EXPECT_FALSE(Contains(detail.body, number));
    EXPECT_EQ(site_->NewestAudit()["route"], "/api/v1/staff/{id}");

    const HttpResponse full = nursery.Get("/api/v1/staff/" + std::to_string(id) + "/id-number");
    ASSERT_EQ(full.status, 200) << full.body;
    EXPECT_EQ(full.Json()["id_number"], number);
    const Json audit = site_->NewestAudit();
    EXPECT_EQ(audit["route"], "/api/v1/staff/{id}/id-number");
    EXPECT_EQ(audit["username"], "daowa_nursery");
    EXPECT_EQ(audit["object_id"], std::to_string(id));
    // The county's regulator may see it too; the system administrator and the institution's staff may not.
    EXPECT_EQ(site_->As("daowa_health").Get("/api/v1/staff/" + std::to_string(id) + "/id-number").status, 200);
    EXPECT_TRUE(IsError(site_->Admin().Get("/api/v1/staff/" + std::to_string(id) + "/id-number"), 403, "forbidden"));
    EXPECT_TRUE(
        IsError(site_->As("daowa_carer").Get("/api/v1/staff/" + std::to_string(id) + "/id-number"), 403, "forbidden"));
}

// The database holds the number neither in a column nor, for SQLite, anywhere in its files.
TEST_F(StaffApiTest, TheDatabaseDoesNotContainTheClearNumber) {
    const std::string number = Number("19870611", 45);
    HireOk("钱多", number);
    storage::Transaction tx = database_->Read();
    storage::Query columns("SELECT COUNT(*) FROM staff WHERE id_sealed LIKE ");
    const std::string like = "%" + number.substr(6, 8) + "%";
    columns.Bind(like).Sql(" OR id_hash LIKE ").Bind(like).Sql(" OR id_masked LIKE ").Bind(like);
    columns.Sql(" OR name LIKE ").Bind(like).Sql(" OR phone = ").Bind(number);
    EXPECT_EQ(columns.Count(tx), 0);
    if (UsePostgres()) {
        // Every column of every row, as PostgreSQL writes a row as text.
        for (const char* table : {"staff", "staff_documents", "staff_duties", "staff_bans", "audit_log"}) {
            storage::Query rows(std::string("SELECT COUNT(*) FROM ") + table + " t WHERE CAST(t AS TEXT) LIKE ");
            rows.Bind("%" + number + "%");
            EXPECT_EQ(rows.Count(tx), 0) << table;
        }
    }
    tx.Commit();
    if (!UsePostgres()) {
        for (const std::string suffix : {"", "-wal"}) {
            const std::string path = site_->database_url() + suffix;
            if (!std::filesystem::exists(path)) {
                continue;
            }
            std::ifstream file(path, std::ios::binary);
            std::stringstream bytes;
            bytes << file.rdbuf();
            EXPECT_EQ(bytes.str().find(number), std::string::npos) << path;
            EXPECT_EQ(bytes.str().find(number.substr(0, 14)), std::string::npos) << path;
        }
    }
}

TEST_F(StaffApiTest, EachBadInputNamesItsFieldAndStoresNothing) {
    HttpClient& nursery = site_->As("daowa_nursery");
    std::string wrong_check = Number("19920101", 11);
    wrong_check.back() = wrong_check.back() == '0' ? '1' : '0';
    struct Case {
        const char* what;
        Json body;
        int status;
        const char* code;
        const char* field;
    };
    const std::vector<Case> cases = {
        {"check character", Hire("甲", wrong_check), 422, "id_number_check_character", "id_number"},
        {"length", Hire("甲", "2111041992"), 422, "id_number_length", "id_number"},
        {"birth date", Hire("甲", Number("19920230", 11)), 422, "id_number_birth_date", "id_number"},
        {"impossible start", With(Hire("甲", Number("19920101", 13)), {{"start_on", "2025-02-30"}}), 422,
         "invalid_date", "start_on"},
        {"future start", With(Hire("甲", Number("19920101", 13)), {{"start_on", "2099-01-01"}}), 422, "date_in_future",
         "start_on"},
        {"role", With(Hire("甲", Number("19920101", 13)), {{"role", "园丁"}}), 422, "invalid_role", "role"},
        {"education", With(Hire("甲", Number("19920101", 13)), {{"education", "幼儿园"}}), 422, "invalid_education",
         "education"},
        {"blank name", Hire("  ", Number("19920101", 13)), 422, "required", "name"},
        {"id kind", With(Hire("甲", Number("19920101", 13)), {{"id_kind", "驾驶证"}}), 422, "invalid_id_kind",
         "id_kind"},
        {"unknown field", With(Hire("甲", Number("19920101", 13)), {{"salary", 1}}), 400, "unknown_field", "salary"},
    };
    for (const Case& item : cases) {
        const auto before = Stored();
        EXPECT_TRUE(IsError(nursery.Post(StaffPath(daowa_), item.body.dump()), item.status, item.code, item.field))
            << item.what;
        EXPECT_EQ(Stored(), before) << item.what;
    }
    // The same person twice at one institution.
    const std::string number = Number("19940707", 21);
    const std::int64_t id = HireOk("孙二", number);
    auto before = Stored();
    EXPECT_TRUE(
        IsError(nursery.Post(StaffPath(daowa_), Hire("孙二", number).dump()), 409, "already_employed", "id_number"));
    EXPECT_EQ(Stored(), before);
    // An expired certificate, a duty in the future, a document kind nobody knows.
    const std::string record = "/api/v1/staff/" + std::to_string(id);
    EXPECT_TRUE(IsError(
        nursery.Post(record + "/documents", Json{{"kind", "nursery_worker"}, {"expires_on", "2020-01-01"}}.dump()), 422,
        "document_expired", "expires_on"));
    EXPECT_TRUE(IsError(nursery.Post(record + "/documents", Json{{"kind", "驾照"}}.dump()), 422,
                        "invalid_document_kind", "kind"));
    EXPECT_TRUE(
        IsError(nursery.Post(record + "/duties", Json{{"kind", "health_exam"}, {"done_on", "2099-01-01"}}.dump()), 422,
                "date_in_future", "done_on"));
    EXPECT_TRUE(IsError(nursery.Post(record + "/duties", Json{{"kind", "dance"}, {"done_on", "2025-01-01"}}.dump()),
                        422, "invalid_duty_kind", "kind"));
    EXPECT_TRUE(IsError(nursery.Post(record + "/end", Json{{"end_on", "2025-08-01"}, {"reason", "x"}}.dump()), 422,
                        "end_before_start", "end_on"));
    EXPECT_TRUE(
        IsError(nursery.Patch(record, Json{{"experience_years", 99}}.dump()), 422, "out_of_range", "experience_years"));
    EXPECT_EQ(Stored(), before);
}

TEST_F(StaffApiTest, DutiesDocumentsCorrectionsAndTheEndOfEmployment) {
    HttpClient& nursery = site_->As("daowa_nursery");
    const std::int64_t id = HireOk("吴三", Number("19960303", 23));
    const std::string record = "/api/v1/staff/" + std::to_string(id);
    // Hired in September 2025 with last year's examination: overdue, and in the overdue list.
    HttpResponse overdue = nursery.Get("/api/v1/staff/duties?status=overdue&page_size=500");
    ASSERT_EQ(overdue.status, 200) << overdue.body;
    bool listed = false;
    for (const Json& item : Items(overdue)) {
        listed = listed || item["id"] == id;
    }
    EXPECT_TRUE(listed);
    const HttpResponse done =
        nursery.Post(record + "/duties", Json{{"kind", "health_exam"}, {"done_on", "2025-10-01"}}.dump());
    ASSERT_EQ(done.status, 201) << done.body;
    EXPECT_EQ(done.Json()["duties"][0]["last_done"], "2025-10-01");
    EXPECT_EQ(done.Json()["duties"][0]["due_on"], "2026-10-01");
    const HttpResponse document = nursery.Post(
        record + "/documents", Json{{"kind", "保育员证"}, {"level", "四级"}, {"expires_on", "2099-12-31"}}.dump());
    ASSERT_EQ(document.status, 201) << document.body;
    EXPECT_EQ(document.Json()["kind"], "nursery_worker");
    const HttpResponse detail = nursery.Get(record);
    EXPECT_EQ(detail.Json()["documents"].size(), 1u);
    EXPECT_EQ(detail.Json()["duty_history"].size(), 2u);  // the one on hiring and this one
    const HttpResponse patched = nursery.Patch(record, Json{{"role", "保健人员"}, {"education", "本科"}}.dump());
    ASSERT_EQ(patched.status, 200) << patched.body;
    EXPECT_EQ(patched.Json()["role"], "health_worker");
    EXPECT_EQ(patched.Json()["education"], "bachelor");
    const HttpResponse ended = nursery.Post(record + "/end", Json{{"end_on", "2025-11-01"}, {"reason", "辞职"}}.dump());
    ASSERT_EQ(ended.status, 200) << ended.body;
    EXPECT_FALSE(ended.Json()["employed"].get<bool>());
    EXPECT_TRUE(IsError(nursery.Patch(record, Json{{"phone", "13900002222"}}.dump()), 409, "employment_ended"));
    EXPECT_TRUE(Items(nursery.Get(StaffPath(daowa_) + "?q=" + Encoded("吴三"))).empty());
    EXPECT_EQ(Items(nursery.Get(StaffPath(daowa_) + "?q=" + Encoded("吴三") + "&include_ended=true")).size(), 1u);
}

// A PNG of one transparent pixel, as an image library writes it.
std::string TinyPng() {
    static const unsigned char kPng[] = {
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00,
        0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00,
        0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x60, 0x00, 0x02, 0x00, 0x00, 0x05, 0x00,
        0x01, 0xE9, 0xFA, 0xDC, 0xD8, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82};
    return std::string(reinterpret_cast<const char*>(kPng), sizeof kPng);
}

TEST_F(StaffApiTest, PhotoIsSealedReadAuditedAndChecked) {
    HttpClient& nursery = site_->As("daowa_nursery");
    const std::int64_t id = HireOk("蒋照", Number("19970909", 71));
    const std::string photo = "/api/v1/staff/" + std::to_string(id) + "/photo";
    EXPECT_TRUE(IsError(nursery.Get(photo), 404, "no_photo"));
    const std::string png = TinyPng() + std::string(16, '\x42');  // a marker to look for at rest
    const HttpResponse put = nursery.Request("PUT", photo, png, {{"Content-Type", "image/png"}});
    ASSERT_EQ(put.status, 200) << put.body;
    EXPECT_EQ(put.Json()["media_type"], "image/png");
    const HttpResponse got = site_->As("daowa_health").Get(photo);
    ASSERT_EQ(got.status, 200);
    EXPECT_EQ(got.body, png);
    EXPECT_EQ(got.Header("content-type").rfind("image/png", 0), 0u);
    EXPECT_EQ(site_->NewestAudit()["route"], "/api/v1/staff/{id}/photo");
    EXPECT_TRUE(nursery.Get("/api/v1/staff/" + std::to_string(id)).Json()["has_photo"].get<bool>());
    {
        storage::Transaction tx = database_->Read();
        storage::Query stored("SELECT COUNT(*) FROM staff_photos WHERE sealed LIKE ");
        stored.Bind("%" + crypto::ToHex(png.substr(0, 16)) + "%");
        EXPECT_EQ(stored.Count(tx), 0);
        tx.Commit();
    }
    const auto before = Stored();
    EXPECT_TRUE(IsError(nursery.Request("PUT", photo, "GIF89a not an image we take", {{"Content-Type", "image/gif"}}),
                        415, "unsupported_media_type"));
    EXPECT_TRUE(IsError(
        nursery.Request("PUT", photo, TinyPng() + std::string(600 * 1024, 'x'), {{"Content-Type", "image/png"}}), 413,
        "photo_too_large"));
    EXPECT_TRUE(IsError(site_->As("yuyao_nursery").Request("PUT", photo, png, {{"Content-Type", "image/png"}}), 404,
                        "not_found"));
    EXPECT_TRUE(IsError(site_->As("yuyao_health").Get(photo), 404, "not_found"));
    EXPECT_TRUE(IsError(site_->As("daowa_carer").Get(photo), 403, "forbidden"));
    // Nothing changed; the refusals at 404 and 403 are audited as denied, the others not at all.
    const auto after = Stored();
    EXPECT_EQ(std::vector<std::int64_t>(after.begin(), after.begin() + 3),
              std::vector<std::int64_t>(before.begin(), before.begin() + 3));
    EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE outcome = 'ok' AND route = '/api/v1/staff/{id}/photo'"), 2);
    EXPECT_EQ(nursery.Request("DELETE", photo, "", {}).status, 204);
    EXPECT_TRUE(IsError(nursery.Get(photo), 404, "no_photo"));
}

TEST_F(StaffApiTest, ImportIsAllOrNothingAndListsEveryBadLine) {
    HttpClient& nursery = site_->As("daowa_nursery");
    const std::string header = "姓名,证件号码,岗位,学历,从业年限,入职日期,最近健康检查日期\n";
    const std::string good1 = "郑一," + Number("19910101", 51) + ",保育人员,大专,3,2025-01-02,2024-06-01\n";
    const std::string good2 = "郑二," + Number("19910202", 52) + ",炊事人员,高中,1,2025-03-04,\n";
    const std::string bad = "郑三,211104199103031234,保育人员,大专,3,2025-01-02,\n";
    const std::string banned = "郑四," + kDemoBanned + ",保育人员,大专,3,2025-01-02,\n";
    const auto before = Stored();
    const std::int64_t alerts = Count("SELECT COUNT(*) FROM staff_ban_alerts");
    const HttpResponse refused = nursery.Post(StaffPath(daowa_) + "/import", header + good1 + bad + good2 + banned,
                                              {{"Content-Type", "text/csv"}});
    ASSERT_EQ(refused.status, 422) << refused.body;
    const Json body = refused.Json();
    EXPECT_EQ(body["code"], "import_rejected");
    ASSERT_EQ(body["errors"].size(), 2u) << refused.body;
    EXPECT_EQ(body["errors"][0]["line"], 3);
    EXPECT_EQ(body["errors"][0]["field"], "id_number");
    EXPECT_EQ(body["errors"][1]["line"], 5);
    EXPECT_EQ(body["errors"][1]["code"], "person_not_employable");
    EXPECT_FALSE(Contains(refused.body, "虐待"));
    EXPECT_EQ(Count("SELECT COUNT(*) FROM staff"), before[0]);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM staff_ban_alerts"), alerts + 1);  // 大洼 recorded the ban itself

    const HttpResponse dry =
        nursery.Post(StaffPath(daowa_) + "/import?dry_run=1", header + good1 + good2, {{"Content-Type", "text/csv"}});
    ASSERT_EQ(dry.status, 200) << dry.body;
    EXPECT_EQ(Count("SELECT COUNT(*) FROM staff"), before[0]);
    const HttpResponse imported =
        nursery.Post(StaffPath(daowa_) + "/import", header + good1 + good2, {{"Content-Type", "text/csv"}});
    ASSERT_EQ(imported.status, 200) << imported.body;
    EXPECT_EQ(imported.Json()["created"], 2);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM staff"), before[0] + 2);
    // Importing the same file again: both are employed already.
    const HttpResponse again =
        nursery.Post(StaffPath(daowa_) + "/import", header + good1 + good2, {{"Content-Type", "text/csv"}});
    ASSERT_EQ(again.status, 422);
    EXPECT_EQ(again.Json()["errors"][0]["code"], "already_employed");
    // A file of more people than any institution employs is refused whole, before any row is read.
    std::string huge = header;
    for (int i = 0; i < 2001; ++i) {
        huge += "某,1,保育人员,大专,1,2025-01-02,\n";
    }
    const HttpResponse too_many = nursery.Post(StaffPath(daowa_) + "/import", huge, {{"Content-Type", "text/csv"}});
    ASSERT_EQ(too_many.status, 422) << too_many.body.substr(0, 300);
    EXPECT_EQ(too_many.Json()["errors"][0]["code"], "too_many_rows");
    // The template and the export are spreadsheets.
    const HttpResponse xlsx = nursery.Get(StaffPath(daowa_) + "/export");
    ASSERT_EQ(xlsx.status, 200);
    EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
    EXPECT_EQ(nursery.Get("/api/v1/staff/template").body.substr(0, 2), "PK");
    // Another institution's administrator cannot import into 大洼's institution.
    EXPECT_TRUE(IsError(
        site_->As("yuyao_nursery").Post(StaffPath(daowa_) + "/import", header + good1, {{"Content-Type", "text/csv"}}),
        404, "not_found"));
}

// S7: 大洼 records a ban; 余姚's institution tries to employ the person and is refused with nothing but
// "cannot be employed"; the regulators of both counties see the alert; institutions cannot read the list.
TEST_F(StaffApiTest, BanRefusesHiringInAnotherCountyWithoutRevealingTheList) {
    const std::string number = Number("19850505", 61);
    const HttpResponse recorded = site_->As("daowa_health")
                                      .Post("/api/v1/bans", Json{{"name", "冯某"},
                                                                 {"id_number", number},
                                                                 {"case_summary", "殴打婴幼儿（测试案例）"},
                                                                 {"authority", "大洼区卫生健康局"},
                                                                 {"decided_on", "2025-06-01"}}
                                                                .dump());
    ASSERT_EQ(recorded.status, 201) << recorded.body;
    EXPECT_FALSE(Contains(recorded.body, number));
    EXPECT_TRUE(IsError(site_->As("daowa_health")
                            .Post("/api/v1/bans", Json{{"name", "冯某"},
                                                       {"id_number", number},
                                                       {"case_summary", "x"},
                                                       {"authority", "x"},
                                                       {"decided_on", "2025-06-01"}}
                                                      .dump()),
                        409, "already_banned"));
    const auto before = Stored();
    const HttpResponse refused = site_->As("yuyao_nursery").Post(StaffPath(yuyao_), Hire("冯某某", number).dump());
    EXPECT_TRUE(IsError(refused, 409, "person_not_employable", "id_number"));
    for (const char* secret : {"殴打", "大洼区卫生健康局", "冯某\"", "ban"}) {
        EXPECT_FALSE(Contains(refused.body, secret)) << secret;
    }
    EXPECT_EQ(Count("SELECT COUNT(*) FROM staff"), before[0]);
    // 余姚's regulator sees which of its institutions tried; 大洼's, which recorded the ban, sees the county.
    bool alerted = false;
    for (const Json& alert : Items(site_->As("yuyao_health").Get("/api/v1/bans/alerts?page_size=100"))) {
        alerted = alerted || (alert["institution_id"] == yuyao_ && alert["attempted_name"] == "冯某某");
    }
    EXPECT_TRUE(alerted);
    alerted = false;
    const HttpResponse daowa_alerts = site_->As("daowa_health").Get("/api/v1/bans/alerts?page_size=100");
    for (const Json& alert : Items(daowa_alerts)) {
        alerted = alerted || (alert["institution_region_code"] == kYuyao && alert["attempted_name"] == "冯某某" &&
                              alert["institution_outside_scope"] == true);
    }
    EXPECT_TRUE(alerted) << daowa_alerts.body;
    EXPECT_FALSE(Contains(daowa_alerts.body, "阳光托育园"));
    for (const char* institution : {"yuyao_nursery", "daowa_nursery", "daowa_carer", "parent_zhang"}) {
        EXPECT_EQ(site_->As(institution).Get("/api/v1/bans").status, 403) << institution;
        EXPECT_EQ(site_->As(institution).Get("/api/v1/bans/alerts").status, 403) << institution;
    }
    // 余姚's regulator does not see 大洼's list; a town-level or institution account cannot add to it.
    for (const Json& ban : Items(site_->As("yuyao_health").Get("/api/v1/bans"))) {
        EXPECT_NE(ban["name"], "冯某");
    }
    EXPECT_EQ(site_->As("yuyao_nursery").Post("/api/v1/bans", recorded.body).status, 403);
    // A ban on a person 大洼's institution employs now: the reply names the institution, and an alert of
    // channel "employed" goes to 大洼's regulators.
    const std::string employed = Number("19800808", 63);
    HireOk("褚某", employed);
    const HttpResponse on_employed = site_->As("daowa_health")
                                         .Post("/api/v1/bans", Json{{"name", "褚某"},
                                                                    {"id_number", employed},
                                                                    {"case_summary", "测试案例"},
                                                                    {"authority", "大洼区卫生健康局"},
                                                                    {"decided_on", "2025-07-01"}}
                                                                   .dump());
    ASSERT_EQ(on_employed.status, 201) << on_employed.body;
    ASSERT_EQ(on_employed.Json()["employed_now"].size(), 1u);
    EXPECT_EQ(on_employed.Json()["employed_now"][0]["institution_id"], daowa_);
    bool employed_alert = false;
    for (const Json& alert : Items(site_->As("daowa_health").Get("/api/v1/bans/alerts?page_size=100"))) {
        employed_alert = employed_alert || (alert["channel"] == "employed" && alert["attempted_name"] == "褚某");
    }
    EXPECT_TRUE(employed_alert);
    // The demo's ban holds at 大洼's own institution too.
    EXPECT_TRUE(IsError(site_->As("daowa_nursery").Post(StaffPath(daowa_), Hire("孙某", kDemoBanned).dump()), 409,
                        "person_not_employable"));
}

TEST_F(StaffApiTest, DoubleEmploymentIsShownToRegulatorsOnly) {
    for (const char* regulator : {"daowa_health", "yuyao_health", "panjin_health", "admin"}) {
        const HttpResponse reply = site_->As(regulator).Get("/api/v1/staff/multi-employment");
        ASSERT_EQ(reply.status, 200) << regulator << reply.body;
        bool found = false;
        for (const Json& person : Items(reply)) {
            if (person["name"] == "李娜") {
                found = person["employments"].size() == 2;
            }
        }
        EXPECT_TRUE(found) << regulator << ": " << reply.body;
        // 大洼's regulator learns the county of the other employment, not the 余姚 institution.
        if (std::string(regulator) == "daowa_health") {
            EXPECT_FALSE(Contains(reply.body, "阳光托育园"));
            EXPECT_TRUE(Contains(reply.body, "\"county_code\":\"330281000000\""));
        }
    }
    EXPECT_TRUE(IsError(site_->As("daowa_nursery").Get("/api/v1/staff/multi-employment"), 403, "forbidden"));
}

TEST_F(StaffApiTest, StaffingCheckAndCertifiedShare) {
    const HttpResponse reply =
        site_->As("daowa_health").Get("/api/v1/institutions/" + std::to_string(daowa_) + "/staffing");
    ASSERT_EQ(reply.status, 200) << reply.body;
    const Json body = reply.Json();
    bool s6 = false;
    bool n11 = false;
    for (const Json& finding : body["findings"]) {
        s6 = s6 || (finding["rule"] == "S6" && Contains(finding["message_zh"].get<std::string>(), "赵敏"));
        n11 = n11 || (finding["rule"] == "N11" && Contains(finding["message_zh"].get<std::string>(), "赵敏"));
    }
    EXPECT_TRUE(s6) << reply.body;
    EXPECT_TRUE(n11) << reply.body;
    EXPECT_GT(body["caregivers"].get<int>(), 0);
    const HttpResponse overview = site_->As("daowa_health").Get("/api/v1/staff/overview?page_size=100");
    ASSERT_EQ(overview.status, 200) << overview.body;
    bool seen = false;
    for (const Json& item : Items(overview)) {
        if (item["institution_id"] == daowa_) {
            seen = true;
            EXPECT_GT(item["certified_caregivers"].get<int>(), 0);
            EXPECT_GT(item["staffing_failures"].get<int>(), 0);
        }
        EXPECT_EQ(item["region_code"].get<std::string>().substr(0, 6), "211104");
    }
    EXPECT_TRUE(seen);
    EXPECT_GE(overview.Json()["sum"]["employed"].get<int>(), 5);
    for (const Json& item : Items(site_->As("yuyao_health").Get("/api/v1/staff/overview?page_size=100"))) {
        EXPECT_NE(item["institution_id"], daowa_);
    }
}

// Another county's regulator and institution, and the institution's own staff account, reach nothing.
TEST_F(StaffApiTest, OtherCountiesAndOtherRolesReachNothing) {
    const std::int64_t id = StaffIdOf("赵敏", daowa_);
    ASSERT_GT(id, 0);
    const std::string record = "/api/v1/staff/" + std::to_string(id);
    const auto before = Stored();
    for (const char* user : {"yuyao_health", "yuyao_nursery"}) {
        HttpClient& client = site_->As(user);
        EXPECT_TRUE(IsError(client.Get(StaffPath(daowa_)), 404, "not_found")) << user;
        EXPECT_TRUE(IsError(client.Get(record), 404, "not_found")) << user;
        EXPECT_TRUE(IsError(client.Get(record + "/id-number"), 404, "not_found")) << user;
        EXPECT_TRUE(
            IsError(client.Get("/api/v1/institutions/" + std::to_string(daowa_) + "/staffing"), 404, "not_found"))
            << user;
    }
    HttpClient& yuyao = site_->As("yuyao_nursery");
    EXPECT_TRUE(IsError(yuyao.Patch(record, Json{{"phone", "13911112222"}}.dump()), 404, "not_found"));
    EXPECT_TRUE(
        IsError(yuyao.Post(record + "/end", Json{{"end_on", "2025-11-01"}, {"reason", "x"}}.dump()), 404, "not_found"));
    EXPECT_TRUE(IsError(yuyao.Post(record + "/duties", Json{{"kind", "health_exam"}, {"done_on", "2025-11-01"}}.dump()),
                        404, "not_found"));
    EXPECT_TRUE(IsError(yuyao.Post(StaffPath(daowa_), Hire("外人", Number("19900909", 91)).dump()), 404, "not_found"));
    EXPECT_TRUE(IsError(site_->As("daowa_health").Post(StaffPath(daowa_), Hire("外人", Number("19900909", 91)).dump()),
                        403, "forbidden"));
    EXPECT_TRUE(IsError(site_->As("daowa_carer").Get(StaffPath(daowa_)), 403, "forbidden"));
    EXPECT_TRUE(IsError(site_->As("parent_zhang").Get(record), 403, "forbidden"));
    const auto after = Stored();
    EXPECT_EQ(after[0], before[0]);
    EXPECT_EQ(after[1], before[1]);
    EXPECT_EQ(after[2], before[2]);
    for (const Json& item : Items(site_->As("yuyao_health").Get("/api/v1/staff/duties?page_size=500"))) {
        EXPECT_NE(item["institution_id"], daowa_);
    }
}

// Without its key file the server does not start, and keygen never overwrites a key.
TEST(StaffKeyFileTest, ServeRefusesWithoutAKeyAndKeygenNeverOverwrites) {
    const std::string folder = TempFolder();
    const CommandResult serve = RunTuoyu({"serve", "--database", folder + "/x.db", "--listen", "127.0.0.1:0"},
                                         {"TUOYU_KEY_FILE=" + folder + "/missing.key"});
    EXPECT_EQ(serve.exit_code, 1) << serve.output;
    EXPECT_TRUE(Contains(serve.output, "tuoyu keygen")) << serve.output;
    const CommandResult made = RunTuoyu({"keygen", "--output", folder + "/new.key"});
    ASSERT_EQ(made.exit_code, 0) << made.output;
    EXPECT_EQ(std::filesystem::status(folder + "/new.key").permissions() & std::filesystem::perms::group_all,
              std::filesystem::perms::none);
    std::ifstream file(folder + "/new.key");
    std::string key;
    file >> key;
    EXPECT_EQ(key.size(), 64u);
    const CommandResult again = RunTuoyu({"keygen", "--output", folder + "/new.key"});
    EXPECT_EQ(again.exit_code, 1) << again.output;
    std::ifstream reread(folder + "/new.key");
    std::string same;
    reread >> same;
    EXPECT_EQ(same, key);
    std::filesystem::remove_all(folder);
}

}  // namespace
}  // namespace tuoyu::test::api
