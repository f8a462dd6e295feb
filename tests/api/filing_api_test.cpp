// Institution profiles, filings and their review over HTTP against a real server on the demo data:
// the profile kept by the institution and read by its regulators; uploads told by their bytes, limited
// in size, and kept only when accepted; the whole path of a filing — refused while incomplete,
// submitted with its deadlines on the working-day calendar, queued, rejected with published reasons,
// filed again and accepted with a receipt number — then a change, rectification, a relocation overtaken
// by a revocation, and closure, each a lifecycle transition with who, why and the record before and
// after; and every refusal of another county's regulator and another institution's administrator.

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdio>

#include "api/api_support.hpp"
#include "core/crypto.hpp"
#include "core/id_number.hpp"
#include "support/poppler.hpp"

namespace tuoyu::test::api {
namespace {

const std::string kPdf = "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n";
const std::string kPng("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0", 29);
constexpr char kExeBytes[] = "MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0This program cannot be run in DOS mode";
const std::string kExe(kExeBytes, sizeof kExeBytes - 1);

const std::vector<std::string> kMaterials = {"business_licence",   "site_proof", "staff_certificates",
                                             "hygiene_evaluation", "fire_check", "food_licence"};

Json Profile(int slots = 60) {
    Json profile = Json::parse(R"({
        "sponsor_type": "social_forces",
        "service_modes": ["full_day", "hourly"],
        "location": {"longitude": 122.08, "latitude": 40.99, "coordinate_system": "gcj02"},
        "site": {"usable_floor_area_m2": 620, "building_area_m2": 800, "building_floors": 3, "children_floors": [1, 2],
                 "basement_use": "none", "building_kind": "standard",
                 "rooms": {"living": ["dining", "sleeping", "play", "washing"], "service": ["health_room", "office"],
                           "logistics": ["kitchen", "store", "disinfection"]},
                 "fire_exits": 2, "fire_equipment": true, "heating": true, "cooling": true,
                 "tenure": "leased", "lease_start": "2024-01-01", "lease_end": "2032-12-31"},
        "classes": [{"type": "toddler_class", "count": 2, "size": 15, "caregivers": 3},
                    {"type": "older_toddler_class", "count": 1, "size": 20, "caregivers": 3}],
        "meals": {"served": true, "source": "in_house"}
    })");
    profile["slots"] = slots;
    return profile;
}

const Json kForm = {{"head_name", "王园长"},
                    {"head_phone", "13800001111"},
                    {"staff", {{"caregivers", 9}, {"health_workers", 1}, {"cooks", 1}}},
                    {"hygiene_evaluation_result", "qualified"},
                    {"fire_check_passed", true}};

// Today in Shanghai, as the server counts days.
std::string Today(int offset_days = 0) {
    const auto now = std::chrono::system_clock::now() + std::chrono::hours(8) + std::chrono::hours(24 * offset_days);
    const std::chrono::year_month_day day{std::chrono::floor<std::chrono::days>(now)};
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(day.year()), static_cast<unsigned>(day.month()),
                  static_cast<unsigned>(day.day()));
    return text;
}

class FilingApiTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        site_ = new DemoSite();
        daowa_ = site_->InstitutionIn(kDaowaTown);
        yuyao_ = site_->InstitutionIn(kYuyaoTown);
    }
    static void TearDownTestSuite() {
        delete site_;
        site_ = nullptr;
    }

    static std::string Institution(std::int64_t id, const std::string& tail = "") {
        return "/api/v1/institutions/" + std::to_string(id) + tail;
    }
    static std::string Filing(std::int64_t id, const std::string& tail = "") {
        return "/api/v1/filings/" + std::to_string(id) + tail;
    }

    static HttpResponse Put(HttpClient& client, const std::string& path, const Json& body) {
        return client.Request("PUT", path, body.dump(), {});
    }
    static HttpResponse Upload(HttpClient& client, std::int64_t filing, const std::string& kind,
                               const std::string& name, const std::string& bytes,
                               const std::string& type = "application/pdf") {
        return client.Post(Filing(filing, "/materials?kind=" + kind + "&filename=" + name), bytes,
                           {{"Content-Type", type}});
    }
    static std::string Status(std::int64_t institution) {
        return site_->Admin().Get(Institution(institution, "/profile")).Json()["institution"]["status"];
    }

    // A draft of the institution, its profile kept, the commitment signed and every material uploaded.
    static std::int64_t CompleteDraft(const std::string& account, std::int64_t institution, const Json& body) {
        HttpClient& client = site_->As(account);
        EXPECT_EQ(Put(client, Institution(institution, "/profile"), Profile()).status, 200);
        const HttpResponse created = client.Post(Institution(institution, "/filings"), body.dump());
        EXPECT_EQ(created.status, 201) << created.body;
        const std::int64_t id = created.Json().value("id", std::int64_t{0});
        for (const std::string& kind : kMaterials) {
            EXPECT_EQ(Upload(client, id, kind, kind + ".pdf", kPdf + kind).status, 201) << kind;
        }
        const Json commitment{{"commitment", {{"signatory", "王园长"}, {"accepted", true}}}};
        EXPECT_EQ(client.Patch(Filing(id), commitment.dump()).status, 200);
        return id;
    }

    static DemoSite* site_;
    static std::int64_t daowa_;
    static std::int64_t yuyao_;
};

DemoSite* FilingApiTest::site_ = nullptr;
std::int64_t FilingApiTest::daowa_ = 0;
std::int64_t FilingApiTest::yuyao_ = 0;

TEST_F(FilingApiTest, TheProfileIsKeptByTheInstitutionAndReadByItsRegulators) {
    HttpClient& nursery = site_->As("daowa_nursery");
    const HttpResponse saved = Put(nursery, Institution(daowa_, "/profile"), Profile(60));
    ASSERT_EQ(saved.status, 200) << saved.body;
    EXPECT_EQ(saved.Json()["profile"]["service_modes"], Json::parse(R"(["full_day", "hourly"])"));
    EXPECT_EQ(saved.Json()["profile"]["location"]["coordinate_system"], "gcj02");
    // The server keeps the WGS-84 point too: GCJ-02 lies some hundreds of metres off it.
    const double wgs84_lon = saved.Json()["profile"]["location"]["wgs84"]["longitude"];
    EXPECT_GT(std::abs(wgs84_lon - 122.08), 0.001);
    EXPECT_EQ(site_->NewestAudit()["route"], "/api/v1/institutions/{id}/profile");

    // Its regulators read it, the city's too; 余姚's regulator and institution cannot reach it.
    EXPECT_EQ(site_->As("daowa_health").Get(Institution(daowa_, "/profile")).Json()["profile"]["slots"], 60);
    EXPECT_EQ(site_->As("panjin_health").Get(Institution(daowa_, "/profile")).status, 200);
    EXPECT_TRUE(IsError(site_->As("yuyao_health").Get(Institution(daowa_, "/profile")), 404, "not_found"));
    EXPECT_TRUE(
        IsError(Put(site_->As("yuyao_nursery"), Institution(daowa_, "/profile"), Profile(1)), 404, "not_found"));
    EXPECT_TRUE(IsError(Put(site_->As("daowa_health"), Institution(daowa_, "/profile"), Profile(1)), 403, "forbidden"));
    EXPECT_TRUE(IsError(Put(site_->As("daowa_carer"), Institution(daowa_, "/profile"), Profile(1)), 403, "forbidden"));
    EXPECT_TRUE(IsError(site_->As("daowa_health").Get(Institution(yuyao_, "/profile")), 404, "not_found"));

    // Bad input names the field and changes nothing.
    Json swapped = Profile(99);
    swapped["location"]["longitude"] = 40.99;
    swapped["location"]["latitude"] = 122.08;
    EXPECT_TRUE(
        IsError(Put(nursery, Institution(daowa_, "/profile"), swapped), 400, "out_of_range", "location.latitude"));
    Json abroad = Profile(99);
    abroad["location"] = {{"longitude", 2.35}, {"latitude", 48.85}, {"coordinate_system", "wgs84"}};
    EXPECT_TRUE(IsError(Put(nursery, Institution(daowa_, "/profile"), abroad), 400, "coordinates_outside_china",
                        "location.longitude"));
    Json unknown = Profile(99);
    unknown["site"]["windows"] = 12;
    EXPECT_TRUE(IsError(Put(nursery, Institution(daowa_, "/profile"), unknown), 400, "unknown_field", "site.windows"));
    Json mode = Profile(99);
    mode["service_modes"] = Json::array({"full_day", "overnight"});
    EXPECT_TRUE(IsError(Put(nursery, Institution(daowa_, "/profile"), mode), 400, "invalid_value", "service_modes"));
    EXPECT_EQ(nursery.Get(Institution(daowa_, "/profile")).Json()["profile"]["slots"], 60);
}

TEST_F(FilingApiTest, UploadsAreToldByTheirBytesAndNothingIsKeptOnRefusal) {
    HttpClient& nursery = site_->As("yuyao_nursery");
    ASSERT_EQ(Put(nursery, Institution(yuyao_, "/profile"), Profile()).status, 200);
    const HttpResponse created = nursery.Post(Institution(yuyao_, "/filings"), Json{{"kind", "initial"}}.dump());
    ASSERT_EQ(created.status, 201) << created.body;
    const std::int64_t filing = created.Json()["id"];

    // A .pdf name on PNG bytes is stored as PNG.
    const HttpResponse png = Upload(nursery, filing, "business_licence", "licence.pdf", kPng, "application/pdf");
    ASSERT_EQ(png.status, 201) << png.body;
    EXPECT_EQ(png.Json()["media_type"], "image/png");
    EXPECT_EQ(png.Json()["file_name"], "licence.png");
    EXPECT_EQ(png.Json()["given_name"], "licence.pdf");
    EXPECT_EQ(png.Json()["sha256"], crypto::Sha256Hex(kPng));
    EXPECT_EQ(png.Json()["size"], kPng.size());
    EXPECT_EQ(png.Json()["uploaded_by"], "yuyao_nursery");
    const std::int64_t material = png.Json()["id"];

    // Refused: an executable named .pdf, an oversized file, an empty one, a JSON body, an unknown kind.
    EXPECT_TRUE(IsError(Upload(nursery, filing, "site_proof", "site.pdf", kExe), 415, "unsupported_file_type", "file"));
    EXPECT_TRUE(IsError(Upload(nursery, filing, "site_proof", "big.pdf", kPdf + std::string(10 * 1024 * 1024, 'x')),
                        413, "file_too_large", "file"));
    EXPECT_TRUE(IsError(Upload(nursery, filing, "site_proof", "empty.pdf", ""), 400, "empty_file", "file"));
    EXPECT_TRUE(IsError(Upload(nursery, filing, "site_proof", "a.pdf", kPdf, "application/json"), 415,
                        "unsupported_media_type", "Content-Type"));
    EXPECT_TRUE(IsError(Upload(nursery, filing, "passport", "a.pdf", kPdf), 400, "invalid_value", "kind"));
    const HttpResponse kept = nursery.Get(Filing(filing));
    ASSERT_EQ(kept.status, 200);
    EXPECT_EQ(kept.Json()["materials"].size(), 1u) << kept.body;

    // The download is the bytes as uploaded, as their real type, and an audited read of personal data.
    const HttpResponse download =
        site_->As("yuyao_health").Get(Filing(filing, "/materials/" + std::to_string(material)));
    ASSERT_EQ(download.status, 200);
    EXPECT_EQ(download.body, kPng);
    EXPECT_EQ(download.Header("content-type"), "image/png");
    EXPECT_TRUE(Contains(download.Header("content-disposition"), "licence.png"))
        << download.Header("content-disposition");
    const Json record = site_->NewestAudit();
    EXPECT_EQ(record["route"], "/api/v1/filings/{id}/materials/{material_id}");
    EXPECT_EQ(record["username"], "yuyao_health");
    EXPECT_EQ(record["outcome"], "ok");
    // Another county's regulator and another institution get nothing, and the refusal is audited.
    const std::int64_t before = site_->AuditTotal();
    EXPECT_TRUE(IsError(site_->As("daowa_health").Get(Filing(filing, "/materials/" + std::to_string(material))), 404,
                        "not_found"));
    EXPECT_EQ(site_->NewestAudit()["outcome"], "denied");
    EXPECT_EQ(site_->AuditTotal(), before + 1);
    EXPECT_TRUE(IsError(site_->As("daowa_nursery").Get(Filing(filing)), 404, "not_found"));
    EXPECT_TRUE(IsError(Upload(site_->As("daowa_nursery"), filing, "site_proof", "a.pdf", kPdf), 404, "not_found"));

    // A draft's material can be removed.
    EXPECT_EQ(nursery.Request("DELETE", Filing(filing, "/materials/" + std::to_string(material)), "", {}).status, 204);
    EXPECT_EQ(nursery.Get(Filing(filing)).Json()["materials"].size(), 0u);
}

TEST_F(FilingApiTest, AFilingFromDraftToReceiptAndTheLifecycleAfter) {
    HttpClient& nursery = site_->As("daowa_nursery");
    HttpClient& county = site_->As("daowa_health");
    ASSERT_EQ(Put(nursery, Institution(daowa_, "/profile"), Profile()).status, 200);
    ASSERT_EQ(Status(daowa_), "registered");

    // A draft is refused while the commitment or a material is missing; nothing changes.
    const HttpResponse created =
        nursery.Post(Institution(daowa_, "/filings"), Json{{"kind", "initial"}, {"form", kForm}}.dump());
    ASSERT_EQ(created.status, 201) << created.body;
    const std::int64_t first = created.Json()["id"];
    EXPECT_TRUE(
        IsError(nursery.Post(Institution(daowa_, "/filings"), Json{{"kind", "initial"}}.dump()), 409, "filing_open"));
    EXPECT_TRUE(IsError(nursery.Post(Filing(first, "/submit"), "{}"), 422, "commitment_required", "commitment"));

    // The draft carries the 承诺书 to sign, and the 预检 names every gap at once, changing nothing.
    EXPECT_NE(created.Json().value("commitment_text", std::string()).find("本机构承诺"), std::string::npos);
    const HttpResponse unready = nursery.Get(Filing(first, "/precheck"));
    ASSERT_EQ(unready.status, 200) << unready.body;
    const Json unready_body = unready.Json();
    EXPECT_FALSE(unready_body["ready"]);
    std::vector<std::string> gaps;
    for (const Json& gap : unready_body["gaps"]) {
        gaps.push_back(gap["field"]);
        EXPECT_EQ(gap["code"], gap["field"] == "commitment" ? "commitment_required" : "materials_missing");
        EXPECT_EQ(gap["status"], 422);
        EXPECT_FALSE(gap["message_zh"].get<std::string>().empty());
        EXPECT_FALSE(gap["message_en"].get<std::string>().empty());
    }
    std::vector<std::string> expected_gaps = {"commitment"};
    for (const std::string& kind : kMaterials) {
        expected_gaps.push_back("materials." + kind);
    }
    EXPECT_EQ(gaps, expected_gaps);
    bool names_rooms = false;
    for (const Json& finding : unready_body["findings"]) {
        names_rooms = names_rooms || finding["rule"] == "S2";
    }
    EXPECT_TRUE(names_rooms) << unready.body;  // the profile lacks the breastfeeding room
    EXPECT_TRUE(IsError(site_->As("yuyao_health").Get(Filing(first, "/precheck")), 404, "not_found"));
    EXPECT_TRUE(IsError(site_->As("yuyao_nursery").Get(Filing(first, "/precheck")), 404, "not_found"));
    EXPECT_EQ(Status(daowa_), "registered");
    ASSERT_EQ(
        nursery.Patch(Filing(first), Json{{"commitment", {{"signatory", "王园长"}, {"accepted", true}}}}.dump()).status,
        200);
    EXPECT_TRUE(
        IsError(nursery.Post(Filing(first, "/submit"), "{}"), 422, "materials_missing", "materials.business_licence"));
    EXPECT_EQ(Status(daowa_), "registered");
    for (const std::string& kind : kMaterials) {
        ASSERT_EQ(Upload(nursery, first, kind, kind + ".pdf", kPdf + kind).status, 201);
    }

    const HttpResponse ready = nursery.Get(Filing(first, "/precheck"));
    ASSERT_EQ(ready.status, 200) << ready.body;
    EXPECT_TRUE(ready.Json()["ready"]);
    EXPECT_TRUE(ready.Json()["gaps"].empty());

    // RULES S7: a person banned after being employed stops the filing until the employment ends.
    const std::string first_17 = "21110419880808215";
    const std::string number = first_17 + *id_number::CheckCharacter(first_17);
    const HttpResponse hired = nursery.Post(Institution(daowa_, "/staff"), Json{{"name", "郝某"},
                                                                                {"id_number", number},
                                                                                {"role", "cook"},
                                                                                {"education", "高中"},
                                                                                {"start_on", "2025-01-02"}}
                                                                               .dump());
    ASSERT_EQ(hired.status, 201) << hired.body;
    const std::int64_t staff_id = hired.Json()["id"];
    ASSERT_EQ(county
                  .Post("/api/v1/bans", Json{{"name", "郝某"},
                                             {"id_number", number},
                                             {"case_summary", "测试案例"},
                                             {"authority", "大洼区卫生健康局"},
                                             {"decided_on", "2025-08-01"}}
                                            .dump())
                  .status,
              201);
    const HttpResponse blocked = nursery.Get(Filing(first, "/precheck"));
    ASSERT_EQ(blocked.Json()["gaps"].size(), 1u) << blocked.body;
    EXPECT_EQ(blocked.Json()["gaps"][0]["code"], "person_not_employable");
    EXPECT_EQ(blocked.Json()["gaps"][0]["field"], "staff." + std::to_string(staff_id));
    EXPECT_FALSE(Contains(blocked.body, "测试案例"));
    EXPECT_TRUE(IsError(nursery.Post(Filing(first, "/submit"), "{}"), 422, "person_not_employable"));
    EXPECT_EQ(Status(daowa_), "registered");
    ASSERT_EQ(nursery
                  .Post("/api/v1/staff/" + std::to_string(staff_id) + "/end",
                        Json{{"end_on", Today()}, {"reason", "终身禁入"}}.dump())
                  .status,
              200);
    EXPECT_TRUE(nursery.Get(Filing(first, "/precheck")).Json()["ready"]);

    // Submitted: the deadlines are the calendar's working days from today, the values in force here.
    const HttpResponse submitted = nursery.Post(Filing(first, "/submit"), "{}");
    ASSERT_EQ(submitted.status, 200) << submitted.body;
    EXPECT_EQ(submitted.Json()["findings"], ready.Json()["findings"]);  // the 预检 saw what the reviewer sees
    EXPECT_FALSE(submitted.Json().contains("commitment_text"));
    EXPECT_TRUE(IsError(nursery.Get(Filing(first, "/precheck")), 409, "filing_not_draft"));
    const Json deadlines = submitted.Json()["deadlines"];
    EXPECT_EQ(deadlines["received_on"], Today());
    const std::string from = deadlines["received_on"];
    EXPECT_EQ(deadlines["receipt_due"],
              county.Get("/api/v1/calendar/working-days?allow_estimate=1&add=5&from=" + from).Json()["date"]);
    EXPECT_EQ(deadlines["rejection_due"],
              county.Get("/api/v1/calendar/working-days?allow_estimate=1&add=15&from=" + from).Json()["date"]);
    EXPECT_EQ(deadlines["receipt_working_days_left"], 5);
    EXPECT_EQ(deadlines["warning"], "ok");
    EXPECT_TRUE(submitted.Json()["findings"].is_array());
    EXPECT_EQ(submitted.Json()["declaration"]["profile"]["slots"], 60);
    EXPECT_EQ(Status(daowa_), "filing_submitted");
    EXPECT_TRUE(IsError(nursery.Patch(Filing(first), Json{{"form", kForm}}.dump()), 409, "filing_not_draft"));

    // The queue: the county and the city above see it; 余姚 does not.
    auto queued = [&](const std::string& account) {
        for (const Json& item : Items(site_->As(account).Get("/api/v1/filings/queue?page_size=500"))) {
            if (item["id"] == first) {
                return true;
            }
        }
        return false;
    };
    EXPECT_TRUE(queued("daowa_health"));
    EXPECT_TRUE(queued("panjin_health"));
    EXPECT_FALSE(queued("yuyao_health"));
    EXPECT_TRUE(IsError(nursery.Get("/api/v1/filings/queue"), 403, "forbidden"));

    // Only the county's health department decides, and a rejection needs its reasons.
    EXPECT_TRUE(IsError(nursery.Post(Filing(first, "/accept"), "{}"), 403, "forbidden"));
    EXPECT_TRUE(IsError(site_->As("yuyao_health").Post(Filing(first, "/accept"), "{}"), 404, "not_found"));
    EXPECT_TRUE(IsError(
        site_->As("yuyao_health").Post(Filing(first, "/reject"), Json{{"reasons", Json::array({"越权"})}}.dump()), 404,
        "not_found"));
    EXPECT_TRUE(IsError(site_->As("daowa_market").Post(Filing(first, "/accept"), "{}"), 403, "forbidden"));
    EXPECT_TRUE(IsError(county.Post(Filing(first, "/reject"), "{}"), 400, "required", "reasons"));
    // A first filing under review has nothing in force to revoke: it is rejected instead.
    EXPECT_TRUE(IsError(
        county.Post(Institution(daowa_, "/events"), Json{{"event", "revoke"}, {"reason", "未备案先撤销"}}.dump()), 409,
        "invalid_transition", "event"));
    EXPECT_TRUE(IsError(county.Post(Filing(first, "/reject"), Json{{"reasons", Json::array()}}.dump()), 400, "required",
                        "reasons"));
    const HttpResponse rejected =
        county.Post(Filing(first, "/reject"),
                    Json{{"reasons", Json::array({"生活用房未写明采光情况", "消防检查证明不清晰"})}}.dump());
    ASSERT_EQ(rejected.status, 200) << rejected.body;
    EXPECT_EQ(rejected.Json()["state"], "rejected");
    EXPECT_EQ(rejected.Json()["rejection_reasons"].size(), 2u);
    EXPECT_TRUE(rejected.Json()["published_at"].is_string());
    EXPECT_EQ(Status(daowa_), "filing_rejected");
    EXPECT_TRUE(IsError(county.Post(Filing(first, "/accept"), "{}"), 409, "filing_not_submitted"));

    // Filed again and accepted: the county's receipt number, the institution filed.
    const std::int64_t second = CompleteDraft("daowa_nursery", daowa_, Json{{"kind", "initial"}, {"form", kForm}});
    ASSERT_EQ(nursery.Post(Filing(second, "/submit"), "{}").status, 200);
    const HttpResponse accepted = county.Post(Filing(second, "/accept"), Json{{"note", "材料齐全"}}.dump());
    ASSERT_EQ(accepted.status, 200) << accepted.body;
    EXPECT_EQ(accepted.Json()["receipt_number"], "TY-211104-" + Today().substr(0, 4) + "-0001");
    EXPECT_EQ(accepted.Json()["decided_by"], "daowa_health");
    EXPECT_EQ(Status(daowa_), "filed");

    // The receipt and the notice of basic conditions, as PDF with the Chinese text readable; none before
    // acceptance, none for another county.
    const std::string receipt_number = accepted.Json()["receipt_number"];
    const HttpResponse receipt = nursery.Get(Filing(second, "/receipt.pdf"));
    ASSERT_EQ(receipt.status, 200) << receipt.body.substr(0, 300);
    EXPECT_EQ(receipt.Header("content-type"), "application/pdf");
    EXPECT_NE(receipt.Header("content-disposition").find("attachment"), std::string::npos);
    const std::string receipt_text = WithoutBreaks(Poppler("pdftotext", receipt.body));
    EXPECT_NE(receipt_text.find("托育机构备案回执"), std::string::npos) << receipt_text;
    EXPECT_NE(receipt_text.find(receipt_number), std::string::npos) << receipt_text;
    EXPECT_NE(receipt_text.find("大洼区卫生健康局"), std::string::npos) << receipt_text;
    const HttpResponse notice = county.Get(Filing(second, "/notice.pdf"));
    ASSERT_EQ(notice.status, 200) << notice.body.substr(0, 300);
    const std::string notice_text = WithoutBreaks(Poppler("pdftotext", notice.body));
    EXPECT_NE(notice_text.find("托育机构基本条件告知书"), std::string::npos) << notice_text;
    EXPECT_NE(notice_text.find("（S1；"), std::string::npos) << notice_text;
    EXPECT_TRUE(IsError(nursery.Get(Filing(first, "/receipt.pdf")), 409, "not_accepted"));
    EXPECT_TRUE(IsError(site_->As("yuyao_health").Get(Filing(second, "/notice.pdf")), 404, "not_found"));

    // Wrong transitions are 409 naming the status.
    const HttpResponse again = nursery.Post(Institution(daowa_, "/filings"), Json{{"kind", "initial"}}.dump());
    EXPECT_TRUE(IsError(again, 409, "invalid_transition"));
    EXPECT_TRUE(Contains(again.Json()["message_en"], "(filed)")) << again.body;
    const HttpResponse early = county.Post(Institution(daowa_, "/events"),
                                           Json{{"event", "complete_rectification"}, {"reason", "复查"}}.dump());
    EXPECT_TRUE(IsError(early, 409, "invalid_transition"));
    EXPECT_TRUE(Contains(early.Json()["message_zh"], "已备案")) << early.body;

    // Rectification, ordered and completed by the county; the institution may not order it.
    EXPECT_TRUE(IsError(
        nursery.Post(Institution(daowa_, "/events"), Json{{"event", "order_rectification"}, {"reason", "自查"}}.dump()),
        403, "forbidden"));
    EXPECT_TRUE(IsError(county.Post(Institution(daowa_, "/events"), Json{{"event", "order_rectification"}}.dump()), 400,
                        "required", "reason"));
    EXPECT_TRUE(
        IsError(county.Post(Institution(daowa_, "/events"), Json{{"event", "accept_filing"}, {"reason", "x"}}.dump()),
                400, "invalid_event", "event"));
    EXPECT_TRUE(IsError(site_->As("yuyao_health")
                            .Post(Institution(daowa_, "/events"), Json{{"event", "revoke"}, {"reason", "越权"}}.dump()),
                        404, "not_found"));
    const HttpResponse ordered = county.Post(
        Institution(daowa_, "/events"), Json{{"event", "order_rectification"}, {"reason", "消防通道堆放杂物"}}.dump());
    ASSERT_EQ(ordered.status, 200) << ordered.body;
    EXPECT_EQ(ordered.Json()["status"], "rectifying");
    ASSERT_EQ(county
                  .Post(Institution(daowa_, "/events"),
                        Json{{"event", "complete_rectification"}, {"reason", "复查合格"}}.dump())
                  .status,
              200);
    EXPECT_EQ(Status(daowa_), "filed");

    // A change filed 20 days after the change: taken, and flagged late; accepted back to filed.
    const std::int64_t change =
        CompleteDraft("daowa_nursery", daowa_,
                      Json{{"kind", "change"},
                           {"form", kForm},
                           {"change", {{"date", Today(-20)}, {"items", Json::array({"head", "slots"})}}}});
    const HttpResponse change_submitted = nursery.Post(Filing(change, "/submit"), "{}");
    ASSERT_EQ(change_submitted.status, 200) << change_submitted.body;
    EXPECT_EQ(change_submitted.Json()["days_late"], 5);
    EXPECT_EQ(change_submitted.Json()["late"], true);
    EXPECT_EQ(Status(daowa_), "change_submitted");
    ASSERT_EQ(county.Post(Filing(change, "/accept"), "{}").status, 200);
    EXPECT_EQ(Status(daowa_), "filed");

    // A relocation is a new filing; a revocation overtakes it and it becomes void.
    const std::int64_t relocation =
        CompleteDraft("daowa_nursery", daowa_, Json{{"kind", "relocation"}, {"form", kForm}});
    ASSERT_EQ(nursery.Post(Filing(relocation, "/submit"), "{}").status, 200);
    EXPECT_EQ(Status(daowa_), "filing_submitted");
    ASSERT_EQ(
        county.Post(Institution(daowa_, "/events"), Json{{"event", "revoke"}, {"reason", "新址不符合条件"}}.dump())
            .status,
        200);
    EXPECT_EQ(Status(daowa_), "revoked");
    EXPECT_EQ(county.Get(Filing(relocation)).Json()["state"], "void");

    // The institution reports its closure; a closed institution takes no more events.
    ASSERT_EQ(
        nursery.Post(Institution(daowa_, "/events"), Json{{"event", "close"}, {"reason", "停止举办"}}.dump()).status,
        200);
    EXPECT_EQ(Status(daowa_), "closed");
    EXPECT_TRUE(IsError(county.Post(Institution(daowa_, "/events"), Json{{"event", "revoke"}, {"reason", "x"}}.dump()),
                        409, "invalid_transition"));

    // The history: every transition with who, why and the record before and after.
    const HttpResponse history = site_->As("daowa_carer").Get(Institution(daowa_, "/transitions"));
    ASSERT_EQ(history.status, 200) << history.body;
    std::vector<std::string> events;
    for (const Json& item : Items(history)) {
        if (item["from_status"].is_null()) {
            continue;  // the registration that made the institution
        }
        events.push_back(item["event"]);
        EXPECT_EQ(item["before"]["status"], item["from_status"]) << item.dump();
        EXPECT_EQ(item["after"]["status"], item["to_status"]) << item.dump();
        EXPECT_FALSE(item["actor_username"].is_null()) << item.dump();
    }
    EXPECT_EQ(events, (std::vector<std::string>{"submit_filing", "reject_filing", "submit_filing", "accept_filing",
                                                "order_rectification", "complete_rectification", "submit_change",
                                                "accept_change", "submit_relocation", "revoke", "close"}));
    for (const Json& item : Items(history)) {
        if (item["event"] == "reject_filing") {
            EXPECT_EQ(item["reason"], "生活用房未写明采光情况；消防检查证明不清晰");
            EXPECT_EQ(item["actor_username"], "daowa_health");
        }
    }
    EXPECT_TRUE(IsError(site_->As("yuyao_health").Get(Institution(daowa_, "/transitions")), 404, "not_found"));
    EXPECT_TRUE(IsError(site_->As("yuyao_nursery").Get(Institution(daowa_, "/filings")), 404, "not_found"));
    const HttpResponse filings = county.Get(Institution(daowa_, "/filings"));
    ASSERT_EQ(filings.status, 200);
    EXPECT_EQ(filings.Json()["total"], 4);  // rejected, accepted, the change, the void relocation
}

}  // namespace
}  // namespace tuoyu::test::api
