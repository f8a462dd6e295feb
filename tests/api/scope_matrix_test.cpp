// The generated scope matrix: every route that `tuoyu routes` lists × every role (one demo account
// each, plus the data-exchange client by its bearer key) × a target of 大洼 (the accounts' own
// region) and one of 余姚 (foreign to everyone but the administrator).
//
// The table below says, for each route, how to build a request at each target and what each role
// gets. A route that the server lists and the table lacks fails the suite: a new route cannot ship
// without a scope decision. Beyond the status the matrix checks that a refusal (and every reply to
// a non-administrator) carries no data of 余姚, and that the audit log grows by exactly one record
// for every audited call — "ok" when it succeeded, "denied" when it was refused.

#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <functional>
#include <optional>
#include <set>

#include "api/api_support.hpp"
#include "core/id_number.hpp"
#include "core/working_days.hpp"
#include "storage/query.hpp"

namespace tuoyu::test::api {
namespace {

enum Role { kAdmin, kRegulator, kInstitutionAdmin, kInstitutionStaff, kGuardian, kExchange, kRoleCount };

constexpr std::array<const char*, kRoleCount> kRoleNames = {
    "admin", "regulator", "institution_admin", "institution_staff", "guardian", "exchange"};
// One demo account per role, all of 大洼 (the administrator and the guardian have no region).
constexpr std::array<const char*, kRoleCount> kAccounts = {"admin",       "daowa_health", "daowa_nursery",
                                                           "daowa_carer", "parent_zhang", "daowa_registry"};

enum class Target { kOwn, kForeign };
enum class Kind { kNoTarget, kObject, kList };

// Text that belongs to 余姚 objects only: user names, names, phone numbers, institution name.
const std::vector<std::string> kForeignMarkers = {"yuyao",       "余姚",        "陈园长",     "阳光托育园",
                                                  "13800001004", "13800001007", "13922220002"};

constexpr const char* kMatrixPassword = "Matrix#Pw-2025z";

struct World {
    std::unique_ptr<DemoSite> site;
    std::map<std::string, std::string> passwords = DemoPasswords();  // current passwords
    std::int64_t own_institution = 0;
    std::int64_t foreign_institution = 0;
    std::int64_t own_staff = 0;         // a throwaway staff account of institution 1 (大洼)
    std::int64_t foreign_staff = 0;     // a throwaway staff account of institution 2 (余姚)
    std::int64_t foreign_exchange = 0;  // a data-exchange account of 余姚
    int counter = 0;

    std::string Unique(const std::string& prefix) { return prefix + std::to_string(++counter); }
    std::int64_t Id(const std::string& username) { return site->UserId(username); }
};

struct Call {
    std::string path;
    Json body;  // null for GET
    // A body that is not JSON (a file to import), sent as is with its Content-Type.
    std::string raw_body = {};
    std::string content_type = {};
};

using Statuses = std::array<int, kRoleCount>;  // indexed by Role

struct Row {
    std::string method;
    std::string path;
    std::string audit;  // "none", "change" or "personal_read", as `tuoyu routes` must say too
    Kind kind;
    std::function<Call(World&, Role, Target)> build;
    Statuses own;
    Statuses foreign;            // unused for kNoTarget
    bool fresh_session = false;  // the call ends the session: use a new one, not the cached one
    // Extra checks after the call (and after the audit check).
    std::function<void(World&, Role, Target, const Call&, const HttpResponse&, HttpClient&)> after = nullptr;
    // The route answers 202 and does its work as a background job: the statuses and the audit
    // record are those the job ends with (its 202 reply is checked for 余姚 data too).
    bool job = false;
    // A public route: its audit record names nobody, whoever called.
    bool anonymous_audit = false;
};

std::string UserPath(std::int64_t id, const std::string& tail = "") {
    return "/api/v1/users/" + std::to_string(id) + tail;
}

// The user an own-target user route aims at: the guardian's own account (its whole scope), for
// everyone else a throwaway staff account of institution 1 in 大洼.
std::int64_t OwnUser(World& w, Role role) {
    return role == kGuardian ? w.Id("parent_zhang") : w.own_staff;
}

// A new town under 大洼区 (own) or 余姚市 (foreign), made by the administrator, for the region
// changes to act on without touching the demo tree.
std::string FreshTown(World& w, Target target) {
    const std::string county = target == Target::kOwn ? "211104" : "330281";
    const std::string code = county + std::to_string(300 + ++w.counter % 600) + "000";  // no demo town there
    const Json body{{"code", code},
                    {"name", "矩阵测试镇" + std::to_string(w.counter)},
                    {"parent_code", county + "000000"},
                    {"valid_from", "2020-01-01"}};
    EXPECT_EQ(w.site->Admin().Post("/api/v1/regions", body.dump()).status, 201) << code;
    return code;
}

// A point and a town of 大洼 (own) or 余姚 (foreign) for the hazard routes.
Json HazardBody(World& w, Target target) {
    const bool own = target == Target::kOwn;
    return {{"kind", "petrol_station"},
            {"name", "矩阵测试加油站" + std::to_string(++w.counter)},
            {"region_code", own ? kDaowaTown : kYuyaoTown},
            {"geometry", {{"type", "Point"}, {"coordinates", {own ? 122.6 : 121.2, own ? 41.4 : 30.1}}}}};
}

// A new hazard feature of 大洼 (own) or 余姚 (foreign), made by the administrator for the call to act on.
std::int64_t FreshHazard(World& w, Target target) {
    const HttpResponse reply = w.site->Admin().Post("/api/v1/hazards", HazardBody(w, target).dump());
    EXPECT_EQ(reply.status, 201) << reply.body;
    return reply.status == 201 ? reply.Json()["id"].get<std::int64_t>() : 0;
}

// The registration record of the demo institution of 大洼 (own) or 余姚 (foreign), as
// src/cli/demo_data.cpp loads it, with a new address each call: a new version of the same
// institution, never a new institution.
Json DemoRegistration(World& w, Target target) {
    const bool own = target == Target::kOwn;
    return {
        {"uscc", own ? "52211104MJ0T202508" : "91330281MA2TY0256N"},
        {"name", own ? "大洼区大洼街道示范托育中心（演示）" : "余姚市梨洲街道阳光托育园（演示）"},
        {"legal_nature", own ? "social_service_organization" : "enterprise"},
        {"registration_authority", own ? "civil_affairs" : "market_regulation"},
        {"legal_representative", own ? "王晓梅（演示）" : "陈立新（演示）"},
        {"address", std::string(own ? "大洼街道示范路" : "梨洲街道阳光路") + std::to_string(100 + ++w.counter) + "号"},
        {"region_code", own ? kDaowaTown : kYuyaoTown},
        {"business_scope", own ? "托育服务；婴幼儿照护咨询" : "许可项目：托育服务；一般项目：家政服务"},
        {"registered_on", own ? "2023-03-01" : "2024-06-18"}};
}

// The same record as the one row of an import file.
std::string DemoRegistrationCsv(World& w, Target target) {
    const Json record = DemoRegistration(w, target);
    std::string csv = "统一社会信用代码,名称,法人性质,登记机关,法定代表人,住所,住所区划代码,经营范围,登记日期\n";
    bool first = true;
    for (const char* field : {"uscc", "name", "legal_nature", "registration_authority", "legal_representative",
                              "address", "region_code", "business_scope", "registered_on"}) {
        csv += (first ? "" : ",") + record[field].get<std::string>();
        first = false;
    }
    return csv + "\n";
}

// The id of the current registration of the demo institution of 大洼 or 余姚.
std::int64_t DemoRegistrationId(World& w, Target target) {
    const bool own = target == Target::kOwn;
    const HttpResponse reply =
        w.site->Admin().Get(std::string("/api/v1/registrations?region_code=") + (own ? kDaowaTown : kYuyaoTown) +
                            "&q=" + (own ? "52211104MJ0T202508" : "91330281MA2TY0256N"));
    const Json items = Items(reply);
    EXPECT_EQ(items.size(), 1u) << reply.body;
    return items.empty() ? 0 : items.front()["id"].get<std::int64_t>();
}

// Filings (features/filing): the calls act on real filings in the state each route needs, made through
// the API by the institution's administrator and decided by its county's health regulator.
std::int64_t InstitutionOf(const World& w, Target target) {
    return target == Target::kOwn ? w.own_institution : w.foreign_institution;
}
std::string NurseryOf(Target target) {
    return target == Target::kOwn ? "daowa_nursery" : "yuyao_nursery";
}
std::string CountyOf(Target target) {
    return target == Target::kOwn ? "daowa_health" : "yuyao_health";
}
// Staff (features/staff): a person with a valid identity number never used before, and a staff record
// made for the call by the institution's own administrator.
Json StaffPerson(World& w) {
    const int n = ++w.counter;
    const std::string first = "21110419" + std::to_string(70 + n % 20) + "0" + std::to_string(1 + n % 9) + "1" +
                              std::to_string(n % 10) + std::to_string(100 + n % 900);
    return {{"name", "矩阵员工" + std::to_string(n)},
            {"id_number", first + *id_number::CheckCharacter(first)},
            {"role", "caregiver"},
            {"education", "junior_college"},
            {"start_on", "2025-01-02"}};
}
std::string StaffListPath(World& w, Target target, const std::string& tail = "") {
    return "/api/v1/institutions/" + std::to_string(InstitutionOf(w, target)) + "/staff" + tail;
}
std::string FreshStaffPath(World& w, Target target, const std::string& tail = "") {
    const HttpResponse reply = w.site->As(NurseryOf(target)).Post(StaffListPath(w, target), StaffPerson(w).dump());
    EXPECT_EQ(reply.status, 201) << reply.body;
    return "/api/v1/staff/" + std::to_string(reply.Json().value("id", std::int64_t{0})) + tail;
}

std::string FilingPath(std::int64_t id, const std::string& tail = "") {
    return "/api/v1/filings/" + std::to_string(id) + tail;
}

const std::string kMatrixPdf = "%PDF-1.7\n% matrix\n";

Json MatrixProfile() {
    return Json::parse(R"({"sponsor_type": "social_forces", "service_modes": ["full_day"],
        "location": {"longitude": 122.07, "latitude": 41.0, "coordinate_system": "wgs84"},
        "site": {"usable_floor_area_m2": 600, "building_area_m2": 700, "children_floors": [1], "basement_use": "none",
                 "fire_exits": 2, "tenure": "owned"},
        "classes": [{"type": "toddler_class", "count": 2, "size": 15, "caregivers": 3}], "slots": 30,
        "meals": {"served": false}})");
}

Json MatrixForm() {
    return {{"head_name", "矩阵园长"},
            {"head_phone", "13900000000"},
            {"staff", {{"caregivers", 6}}},
            {"hygiene_evaluation_result", "qualified"},
            {"fire_check_passed", true}};
}

std::string InstitutionStatus(World& w, Target target) {
    const HttpResponse reply =
        w.site->Admin().Get("/api/v1/institutions/" + std::to_string(InstitutionOf(w, target)) + "/profile");
    return reply.Json()["institution"].value("status", "");
}

// The target institution's draft or submitted filing (null when none).
Json OpenFiling(World& w, Target target) {
    const HttpResponse reply =
        w.site->Admin().Get("/api/v1/institutions/" + std::to_string(InstitutionOf(w, target)) + "/filings");
    for (const Json& item : Items(reply)) {
        if (item["state"] == "draft" || item["state"] == "submitted") {
            return item;
        }
    }
    return nullptr;
}

// The target institution ready for a new filing: no open one, not rectifying.
void ReadyToFile(World& w, Target target) {
    const Json open = OpenFiling(w, target);
    if (!open.is_null() && open["state"] == "submitted") {
        EXPECT_EQ(w.site->As(CountyOf(target))
                      .Post(FilingPath(open["id"], "/reject"), Json{{"reasons", Json::array({"矩阵退回"})}}.dump())
                      .status,
                  200);
    }
    if (InstitutionStatus(w, target) == "rectifying") {
        EXPECT_EQ(w.site->As(CountyOf(target))
                      .Post("/api/v1/institutions/" + std::to_string(InstitutionOf(w, target)) + "/events",
                            Json{{"event", "complete_rectification"}, {"reason", "矩阵"}}.dump())
                      .status,
                  200);
    }
}

// The body of a new filing the target institution's status allows.
Json NewFilingBody(World& w, Target target) {
    if (InstitutionStatus(w, target) == "filed") {
        return {{"kind", "change"},
                {"form", MatrixForm()},
                {"change", {{"date", "2026-01-01"}, {"items", Json::array({"slots"})}}}};
    }
    return {{"kind", "initial"}, {"form", MatrixForm()}};
}

std::int64_t DraftFiling(World& w, Target target) {
    const Json open = OpenFiling(w, target);
    if (!open.is_null() && open["state"] == "draft") {
        return open["id"];
    }
    ReadyToFile(w, target);
    HttpClient& nursery = w.site->As(NurseryOf(target));
    const std::string institution = "/api/v1/institutions/" + std::to_string(InstitutionOf(w, target));
    EXPECT_EQ(nursery.Request("PUT", institution + "/profile", MatrixProfile().dump(), {}).status, 200);
    const HttpResponse created = nursery.Post(institution + "/filings", NewFilingBody(w, target).dump());
    EXPECT_EQ(created.status, 201) << created.body;
    return created.Json().value("id", std::int64_t{0});
}

std::int64_t CompleteDraft(World& w, Target target) {
    const std::int64_t id = DraftFiling(w, target);
    HttpClient& nursery = w.site->As(NurseryOf(target));
    for (const char* kind :
         {"business_licence", "site_proof", "staff_certificates", "hygiene_evaluation", "fire_check"}) {
        EXPECT_EQ(nursery
                      .Post(FilingPath(id, std::string("/materials?kind=") + kind), kMatrixPdf + kind,
                            {{"Content-Type", "application/pdf"}})
                      .status,
                  201);
    }
    EXPECT_EQ(
        nursery.Patch(FilingPath(id), Json{{"commitment", {{"signatory", "矩阵园长"}, {"accepted", true}}}}.dump())
            .status,
        200);
    return id;
}

std::int64_t SubmittedFiling(World& w, Target target) {
    const Json open = OpenFiling(w, target);
    if (!open.is_null() && open["state"] == "submitted") {
        return open["id"];
    }
    const std::int64_t id = CompleteDraft(w, target);
    EXPECT_EQ(w.site->As(NurseryOf(target)).Post(FilingPath(id, "/submit"), "{}").status, 200);
    return id;
}

// An accepted filing of the target (the county accepts a submitted one when there is none yet).
std::int64_t AcceptedFiling(World& w, Target target) {
    const HttpResponse reply =
        w.site->Admin().Get("/api/v1/institutions/" + std::to_string(InstitutionOf(w, target)) + "/filings");
    for (const Json& item : Items(reply)) {
        if (item["state"] == "accepted") {
            return item["id"];
        }
    }
    const std::int64_t id = SubmittedFiling(w, target);
    EXPECT_EQ(w.site->As(CountyOf(target)).Post(FilingPath(id, "/accept"), "{}").status, 200);
    return id;
}

// Any filing of the target, for the calls that are refused before the filing's state matters.
std::int64_t AnyFiling(World& w, Target target) {
    const Json open = OpenFiling(w, target);
    return open.is_null() ? DraftFiling(w, target) : open["id"].get<std::int64_t>();
}

// A material of a draft of the target (a new one each call), or of any filing.
std::string MaterialPath(World& w, Target target, bool draft) {
    const std::int64_t id = draft ? DraftFiling(w, target) : AnyFiling(w, target);
    const HttpResponse uploaded = w.site->Admin().Get(FilingPath(id));
    Json materials = uploaded.Json()["materials"];
    if (draft || materials.empty()) {
        const HttpResponse added =
            w.site->As(NurseryOf(target))
                .Post(FilingPath(id, "/materials?kind=other&filename=m.pdf"), kMatrixPdf + std::to_string(++w.counter),
                      {{"Content-Type", "application/pdf"}});
        EXPECT_EQ(added.status, 201) << added.body;
        return FilingPath(id, "/materials/" + std::to_string(added.Json().value("id", std::int64_t{0})));
    }
    return FilingPath(id, "/materials/" + std::to_string(materials.front()["id"].get<std::int64_t>()));
}

// The target institution filed.
void Filed(World& w, Target target) {
    if (InstitutionStatus(w, target) == "rectifying") {
        ReadyToFile(w, target);
    }
    if (InstitutionStatus(w, target) != "filed") {
        EXPECT_EQ(w.site->As(CountyOf(target)).Post(FilingPath(SubmittedFiling(w, target), "/accept"), "{}").status,
                  200);
    }
}

// 普惠 recognition and public disclosure (features/disclosure). The records these routes act on are made
// straight in the database where the API would need a whole workflow first (the workflow itself is
// tests/api/disclosure_api_test.cpp). The public reads are asked for 大洼's region: they show every
// county's operating institutions to everyone, 余姚's too once it is filed.
constexpr const char* kDemoFiledTown = "211104005000";  // the demo's filed institution (田家街道)

std::int64_t PuhuiScalar(World& w, const std::string& sql) {
    std::unique_ptr<storage::Database> database = w.site->database().Open(1);
    storage::Transaction tx = database->Write();
    const std::int64_t value = storage::Query(sql).Count(tx);
    tx.Commit();
    return value;
}

void PuhuiExecute(World& w, const std::string& sql) {
    std::unique_ptr<storage::Database> database = w.site->database().Open(1);
    storage::Transaction tx = database->Write();
    storage::Query(sql).Execute(tx);
    tx.Commit();
}

// Children (features/children): a class and a child made for the call. Children of 大洼 are applied for
// by the demo guardian (so that the guardian reaches them), those of 余姚 entered by their institution;
// both are then enrolled by the institution, each in a class of its own (class sizes stay far from their
// limits).
std::string Today() {
    const auto now =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch());
    return ShanghaiDate(now.count()).ToString();
}
Json ChildBody(World& w, Target target) {
    const int n = ++w.counter;
    const CivilDate birth = ShanghaiDate(std::chrono::duration_cast<std::chrono::milliseconds>(
                                             std::chrono::system_clock::now().time_since_epoch())
                                             .count())
                                .AddDays(-540 - n % 60);
    std::string digits = birth.ToString();
    digits.erase(7, 1).erase(4, 1);
    const std::string first =
        std::string(target == Target::kOwn ? "211104" : "330281") + digits + std::to_string(100 + n % 900).substr(0, 3);
    const std::string number = first + *id_number::CheckCharacter(first);
    return {{"name", "矩阵幼儿" + std::to_string(n)},
            {"id_number", number},
            {"birth_date", birth.ToString()},
            {"sex", (number[16] - '0') % 2 == 1 ? "male" : "female"}};
}
std::int64_t FreshClass(World& w, Target target) {
    // Room for the children the matrix enrols: N22 refuses them past the filed slots, which the filing rows
    // may have set again.
    PuhuiExecute(w, "UPDATE institutions SET slots = 100000 WHERE id = " + std::to_string(InstitutionOf(w, target)));
    const HttpResponse reply =
        w.site->As(NurseryOf(target))
            .Post("/api/v1/institutions/" + std::to_string(InstitutionOf(w, target)) + "/classes",
                  Json{{"name", w.Unique("矩阵班")}, {"class_type", "toddler_class"}}.dump());
    EXPECT_EQ(reply.status, 201) << reply.body;
    return reply.Json().value("id", std::int64_t{0});
}
struct MatrixChild {
    std::int64_t id = 0;
    std::int64_t contact = 0;  // a guardian who may collect the child (the demo guardian's, for 大洼)
    std::string Path(const std::string& tail = "") const { return "/api/v1/children/" + std::to_string(id) + tail; }
};
MatrixChild AppliedChild(World& w, Target target) {
    MatrixChild child;
    HttpResponse reply;
    if (target == Target::kOwn) {
        reply = w.site->As("parent_zhang")
                    .Post("/api/v1/guardian/applications", Json{{"institution_id", w.own_institution},
                                                                {"relationship", "father"},
                                                                {"phone", "13900001111"},
                                                                {"child", ChildBody(w, target)}}
                                                               .dump());
    } else {
        Json body = ChildBody(w, target);
        body["contacts"] = Json::array({{{"name", "矩阵家长"},
                                         {"relationship", "mother"},
                                         {"phone", "13900002222"},
                                         {"guardian", true},
                                         {"can_pick_up", true}}});
        reply = w.site->As(NurseryOf(target))
                    .Post("/api/v1/institutions/" + std::to_string(w.foreign_institution) + "/children", body.dump());
    }
    EXPECT_EQ(reply.status, 201) << reply.body;
    child.id = reply.Json().value("id", std::int64_t{0});
    const Json contacts = reply.Json().value("contacts", Json::array());
    child.contact = contacts.empty() ? 0 : contacts[0].value("id", std::int64_t{0});
    return child;
}
Json Enrolment(std::int64_t class_id) {
    const std::string today = Today();
    return {{"class_id", class_id},   {"agreement_signed_on", today}, {"vaccination_checked_on", today},
            {"entry_exam_on", today}, {"entry_exam_passed", true},    {"enrolled_on", today}};
}
MatrixChild EnrolledChild(World& w, Target target) {
    const MatrixChild child = AppliedChild(w, target);
    const HttpResponse reply =
        w.site->As(NurseryOf(target)).Post(child.Path("/enrol"), Enrolment(FreshClass(w, target)).dump());
    EXPECT_EQ(reply.status, 200) << reply.body;
    return child;
}
std::int64_t FreshStaffId(World& w, Target target) {
    const HttpResponse reply = w.site->As(NurseryOf(target)).Post(StaffListPath(w, target), StaffPerson(w).dump());
    EXPECT_EQ(reply.status, 201) << reply.body;
    return reply.Json().value("id", std::int64_t{0});
}
std::string InstitutionPath(World& w, Target target, const std::string& tail) {
    return "/api/v1/institutions/" + std::to_string(InstitutionOf(w, target)) + tail;
}

std::string PuhuiCounty(Target target) {
    return target == Target::kOwn ? kDaowa : kYuyao;
}

std::int64_t DemoFiledInstitution(World& w) {
    const Json items = Items(w.site->Admin().Get(std::string("/api/v1/institutions?region_code=") + kDemoFiledTown));
    EXPECT_FALSE(items.empty()) << "the demo has no institution in " << kDemoFiledTown;
    return items.empty() ? 0 : items.front()["id"].get<std::int64_t>();
}

std::int64_t PuhuiApplication(World& w, std::int64_t institution, const std::string& state) {
    return PuhuiScalar(w,
                       "INSERT INTO puhui_applications (institution_id, fee_per_month_yuan, slots, note, state, "
                       "submitted_at) VALUES (" +
                           std::to_string(institution) + ", 1500, 10, '矩阵', '" + state + "', 1) RETURNING id");
}

// A list of the target's county, open for objections until 2099 or closed since 2025-01-09, with one
// listed entry: the target's institution.
std::int64_t PuhuiList(World& w, Target target, bool open, std::int64_t* entry = nullptr) {
    const std::int64_t list = PuhuiScalar(
        w,
        "INSERT INTO puhui_lists (county_code, title, state, published_on, publicity_working_days, period_end, "
        "published_at) VALUES ('" +
            PuhuiCounty(target) + "', '矩阵名单', 'publicity', '2025-01-02', 5, '" +
            (open ? "2099-12-31" : "2025-01-09") + "', 1) RETURNING id");
    const std::int64_t institution = InstitutionOf(w, target);
    const std::int64_t application = PuhuiApplication(w, institution, "listed");
    const std::int64_t listed = PuhuiScalar(
        w,
        "INSERT INTO puhui_list_entries (list_id, application_id, institution_id, institution_name, region_code, "
        "fee_per_month_yuan, slots, state) VALUES (" +
            std::to_string(list) + ", " + std::to_string(application) + ", " + std::to_string(institution) +
            ", '矩阵机构', '" + (target == Target::kOwn ? kDaowaTown : kYuyaoTown) +
            "', 1500, 10, 'listed') RETURNING id");
    if (entry != nullptr) {
        *entry = listed;
    }
    return list;
}

std::int64_t PuhuiObjection(World& w, Target target) {
    std::int64_t entry = 0;
    const std::int64_t list = PuhuiList(w, target, true, &entry);
    return PuhuiScalar(w,
                       "INSERT INTO puhui_objections (list_id, entry_id, text, lodged_on, lodged_at, state) VALUES (" +
                           std::to_string(list) + ", " + std::to_string(entry) +
                           ", '矩阵异议', '2025-01-03', 1, 'open') RETURNING id");
}

// The target institution 普惠: a recognition in force.
void PuhuiRecognised(World& w, Target target) {
    const std::string institution = std::to_string(InstitutionOf(w, target));
    if (PuhuiScalar(w, "SELECT COUNT(*) FROM puhui_recognitions WHERE revoked_on IS NULL AND institution_id = " +
                           institution) > 0) {
        return;
    }
    std::int64_t entry = 0;
    const std::int64_t list = PuhuiList(w, target, false, &entry);
    PuhuiExecute(w,
                 "INSERT INTO puhui_recognitions (institution_id, list_id, entry_id, fee_per_month_yuan, slots, "
                 "effective_from, granted_at) VALUES (" +
                     institution + ", " + std::to_string(list) + ", " + std::to_string(entry) +
                     ", 1500, 10, '2025-01-10', 1)");
}

// The own institution ready to apply: filed, no application on its way, not 普惠.
void ReadyToApply(World& w) {
    Filed(w, Target::kOwn);
    const std::string institution = std::to_string(w.own_institution);
    PuhuiExecute(w, "UPDATE puhui_applications SET state = 'rejected' WHERE institution_id = " + institution +
                        " AND state IN ('submitted', 'approved', 'listed')");
    PuhuiExecute(w, "UPDATE puhui_recognitions SET revoked_on = '2025-01-01' WHERE institution_id = " + institution +
                        " AND revoked_on IS NULL");
}

const std::vector<Row>& Matrix() {
    // Each row: method, path, audit kind, kind of target, how to build the call, the statuses for the
    // own target and for the foreign one, in the order of Role: {admin, regulator (daowa_health),
    // institution_admin (daowa_nursery), institution_staff (daowa_carer), guardian (parent_zhang),
    // exchange (daowa_registry, by key)}; then whether the call needs a fresh session, and extra checks.
    static const std::vector<Row> kRows = {
        {"GET",
         "/api/v1/health",
         "none",
         Kind::kNoTarget,
         [](World&, Role, Target) {
             return Call{"/api/v1/health", nullptr};
         },
         {200, 200, 200, 200, 200, 200},
         {}},
        {"POST",
         "/api/v1/auth/login",
         "change",
         Kind::kNoTarget,
         [](World& w, Role role, Target) {
             const std::string account = kAccounts[role];
             return Call{
                 "/api/v1/auth/login",
                 {{"username", account}, {"password", role == kExchange ? "not-its-password" : w.passwords[account]}}};
         },
         // A public route does not look at credentials: the exchange client's bearer key is
         // ignored and its made-up password is simply wrong.
         {200, 200, 200, 200, 200, 401},
         {}},
        {"POST",
         "/api/v1/auth/logout",
         "change",
         Kind::kNoTarget,
         [](World&, Role, Target) {
             return Call{"/api/v1/auth/logout", Json::object()};
         },
         {204, 204, 204, 204, 204, 403},
         {},
         true,
         [](World&, Role, Target, const Call&, const HttpResponse& reply, HttpClient& client) {
             if (reply.status == 204) {
                 EXPECT_EQ(client.Get("/api/v1/auth/me").status, 401) << "the session outlived its logout";
             }
         }},
        {"GET",
         "/api/v1/auth/me",
         "none",
         Kind::kNoTarget,
         [](World&, Role, Target) {
             return Call{"/api/v1/auth/me", nullptr};
         },
         {200, 200, 200, 200, 200, 200},
         {}},
        {"POST",
         "/api/v1/auth/password",
         "change",
         Kind::kNoTarget,
         [](World& w, Role role, Target) {
             const std::string account = kAccounts[role];
             return Call{"/api/v1/auth/password",
                         {{"old_password", role == kExchange ? "not-its-password" : w.passwords[account]},
                          {"new_password", kMatrixPassword}}};
         },
         {204, 204, 204, 204, 204, 403},
         {},
         false,
         [](World& w, Role role, Target, const Call& call, const HttpResponse& reply, HttpClient&) {
             if (reply.status == 204) {
                 w.passwords[kAccounts[role]] = call.body["new_password"].get<std::string>();
             }
         }},
        {"GET",
         "/api/v1/users",
         "personal_read",
         Kind::kList,
         [](World&, Role, Target target) {
             return Call{target == Target::kOwn ? "/api/v1/users?page_size=500"
                                                : std::string("/api/v1/users?page_size=500&region_code=") + kYuyao,
                         nullptr};
         },
         {200, 200, 200, 403, 403, 403},
         {200, 200, 200, 403, 403, 403}},
        {"POST",
         "/api/v1/users",
         "change",
         Kind::kObject,
         [](World& w, Role, Target target) {
             return Call{"/api/v1/users", target == Target::kOwn
                                              ? StaffBody(w.Unique("daowa_new_"), w.own_institution)
                                              : StaffBody(w.Unique("yuyao_new_"), w.foreign_institution)};
         },
         {201, 201, 201, 403, 403, 403},
         {201, 403, 403, 403, 403, 403},
         false,
         [](World& w, Role, Target, const Call& call, const HttpResponse& reply, HttpClient&) {
             // A refused creation leaves no account behind; an accepted one exists.
             const std::string username = call.body["username"].get<std::string>();
             const HttpResponse found = w.site->Admin().Get("/api/v1/users?q=" + username);
             EXPECT_EQ(found.Json()["total"], reply.status == 201 ? 1 : 0) << found.body;
         }},
        {"GET",
         "/api/v1/users/{id}",
         "personal_read",
         Kind::kObject,
         [](World& w, Role role, Target target) {
             return Call{UserPath(target == Target::kOwn ? OwnUser(w, role) : w.Id("yuyao_nursery")), nullptr};
         },
         {200, 200, 200, 200, 200, 403},
         {200, 404, 404, 404, 404, 403}},
        {"PATCH",
         "/api/v1/users/{id}",
         "change",
         Kind::kObject,
         [](World& w, Role role, Target target) {
             return Call{UserPath(target == Target::kOwn ? OwnUser(w, role) : w.foreign_staff),
                         {{"display_name", w.Unique("改名")}}};
         },
         {200, 200, 200, 403, 403, 403},
         {200, 404, 404, 404, 404, 403},
         false,
         [](World& w, Role, Target, const Call& call, const HttpResponse& reply, HttpClient&) {
             // Read back as the administrator: the name changed exactly when the call succeeded.
             const HttpResponse now = w.site->Admin().Get(call.path);
             const bool renamed = now.Json().value("display_name", "") == call.body["display_name"];
             EXPECT_EQ(renamed, reply.status == 200) << now.body;
         }},
        {"POST",
         "/api/v1/users/{id}/reset-password",
         "change",
         Kind::kObject,
         [](World& w, Role role, Target target) {
             return Call{UserPath(target == Target::kOwn ? OwnUser(w, role) : w.foreign_staff, "/reset-password"),
                         {{"password", "Reset#Pass-2025"}}};
         },
         {204, 204, 204, 403, 403, 403},
         {204, 404, 404, 404, 404, 403}},
        {"POST",
         "/api/v1/users/{id}/api-keys",
         "change",
         Kind::kObject,
         [](World& w, Role, Target target) {
             return Call{UserPath(target == Target::kOwn ? w.Id("daowa_registry") : w.foreign_exchange, "/api-keys"),
                         {{"label", "matrix"}}};
         },
         {201, 403, 403, 403, 403, 403},
         {201, 403, 403, 403, 403, 403}},
        {"GET",
         "/api/v1/regions",
         "none",
         Kind::kList,
         [](World&, Role, Target target) {
             return Call{target == Target::kOwn ? "/api/v1/regions" : std::string("/api/v1/regions?parent=") + kYuyao,
                         nullptr};
         },
         {200, 200, 200, 200, 403, 403},
         {200, 403, 403, 403, 403, 403}},
        {"GET",
         "/api/v1/regions/{code}",
         "none",
         Kind::kObject,
         [](World&, Role, Target target) {
             return Call{std::string("/api/v1/regions/") + (target == Target::kOwn ? kDaowa : kYuyao), nullptr};
         },
         {200, 200, 200, 200, 403, 403},
         {200, 404, 404, 404, 403, 403}},
        {"GET",
         "/api/v1/regions/search",
         "none",
         Kind::kList,
         [](World&, Role, Target target) {
             return Call{target == Target::kOwn ? "/api/v1/regions/search?q=%E5%A4%A7%E6%B4%BC"   // 大洼
                                                : "/api/v1/regions/search?q=%E4%BD%99%E5%A7%9A",  // 余姚
                         nullptr};
         },
         {200, 200, 200, 200, 403, 403},
         {200, 200, 200, 200, 403, 403}},
        {"GET",
         "/api/v1/regions/{code}/history",
         "none",
         Kind::kObject,
         [](World&, Role, Target target) {
             return Call{std::string("/api/v1/regions/") + (target == Target::kOwn ? kDaowa : kYuyao) + "/history",
                         nullptr};
         },
         {200, 200, 200, 200, 403, 403},
         {200, 404, 404, 404, 403, 403}},
        {"POST",
         "/api/v1/regions",
         "change",
         Kind::kObject,
         [](World& w, Role, Target target) {
             const std::string county = target == Target::kOwn ? "211104" : "330281";
             return Call{"/api/v1/regions",
                         {{"code", county + std::to_string(300 + ++w.counter % 600)},
                          {"name", "矩阵新镇" + std::to_string(w.counter)},
                          {"parent_code", county},
                          {"valid_from", "2020-01-01"}}};
         },
         {201, 403, 403, 403, 403, 403},
         {201, 403, 403, 403, 403, 403}},
        {"POST",
         "/api/v1/regions/{code}/rename",
         "change",
         Kind::kObject,
         [](World& w, Role, Target target) {
             return Call{"/api/v1/regions/" + FreshTown(w, target) + "/rename",
                         {{"name", "矩阵改名镇" + std::to_string(w.counter)}, {"effective_date", "2021-01-01"}}};
         },
         {200, 403, 403, 403, 403, 403},
         {200, 403, 403, 403, 403, 403}},
        {"POST",
         "/api/v1/regions/{code}/close",
         "change",
         Kind::kObject,
         [](World& w, Role, Target target) {
             return Call{"/api/v1/regions/" + FreshTown(w, target) + "/close",
                         {{"effective_date", "2021-01-01"}, {"successors", Json::array()}}};
         },
         {200, 403, 403, 403, 403, 403},
         {200, 403, 403, 403, 403, 403}},
        {"GET",
         "/api/v1/institutions",
         "none",
         Kind::kList,
         [](World&, Role, Target target) {
             return Call{target == Target::kOwn
                             ? "/api/v1/institutions?page_size=500"
                             : std::string("/api/v1/institutions?page_size=500&region_code=") + kYuyao,
                         nullptr};
         },
         {200, 200, 200, 200, 403, 403},
         {200, 200, 200, 200, 403, 403}},
        {"GET",
         "/api/v1/institutions/export",
         "none",
         Kind::kList,
         [](World&, Role, Target target) {
             return Call{target == Target::kOwn
                             ? "/api/v1/institutions/export?format=csv"
                             : std::string("/api/v1/institutions/export?format=csv&region_code=") + kYuyao,
                         nullptr};
         },
         {200, 200, 403, 403, 403, 403},
         {200, 200, 403, 403, 403, 403}},
        {"GET",
         "/api/v1/population",
         "none",
         Kind::kObject,
         [](World&, Role, Target target) {
             return Call{std::string("/api/v1/population?year=2024&region=") +
                             (target == Target::kOwn ? kDaowa : kYuyao),
                         nullptr};
         },
         {200, 200, 403, 403, 403, 403},
         {200, 404, 403, 403, 403, 403}},
        {"GET",
         "/api/v1/population/years",
         "none",
         Kind::kObject,
         [](World&, Role, Target target) {
             return Call{std::string("/api/v1/population/years?region=") + (target == Target::kOwn ? kDaowa : kYuyao),
                         nullptr};
         },
         {200, 200, 403, 403, 403, 403},
         {200, 404, 403, 403, 403, 403}},
        {"GET",
         "/api/v1/population/export",
         "none",
         Kind::kObject,
         [](World&, Role, Target target) {
             return Call{std::string("/api/v1/population/export?format=csv&year=2024&region=") +
                             (target == Target::kOwn ? kDaowa : kYuyao),
                         nullptr};
         },
         {200, 200, 403, 403, 403, 403},
         {200, 404, 403, 403, 403, 403}},
        {"POST",
         "/api/v1/population/import",
         "change",
         Kind::kObject,
         [](World& w, Role, Target target) {
             // The body is the file itself; a file whose rows are all outside the caller's
             // subtree is refused whole.
             Call call{"/api/v1/population/import", nullptr};
             call.raw_body = std::string("区划代码,年份,常住人口\n") + (target == Target::kOwn ? kDaowa : kYuyao) +
                             ",2023," + std::to_string(1000 + ++w.counter) + "\n";
             call.content_type = "text/csv";
             return call;
         },
         {200, 200, 403, 403, 403, 403},
         {200, 403, 403, 403, 403, 403},
         false,
         nullptr,
         true},
        {"PUT",
         "/api/v1/population/{code}/{year}",
         "change",
         Kind::kObject,
         [](World& w, Role, Target target) {
             return Call{std::string("/api/v1/population/") + (target == Target::kOwn ? kDaowa : kYuyao) + "/2024",
                         {{"resident", 2000 + ++w.counter}, {"source", "矩阵测试"}}};
         },
         {200, 200, 403, 403, 403, 403},
         {200, 404, 403, 403, 403, 403}},
        {"GET",
         "/api/v1/institutions/{id}",
         "none",
         Kind::kObject,
         [](World& w, Role, Target target) {
             return Call{"/api/v1/institutions/" +
                             std::to_string(target == Target::kOwn ? w.own_institution : w.foreign_institution),
                         nullptr};
         },
         {200, 200, 200, 200, 403, 403},
         {200, 404, 404, 404, 403, 403}},
        {"POST",
         "/api/v1/registrations/push",
         "change",
         Kind::kObject,
         [](World& w, Role, Target target) {
             return Call{"/api/v1/registrations/push", DemoRegistration(w, target)};
         },
         // Only registration authorities push, and 大洼's pushes nothing for 余姚.
         {403, 403, 403, 403, 403, 201},
         {403, 403, 403, 403, 403, 403}},
        {"GET",
         "/api/v1/registrations",
         "none",
         Kind::kList,
         [](World&, Role, Target target) {
             return Call{target == Target::kOwn
                             ? "/api/v1/registrations?page_size=500"
                             : std::string("/api/v1/registrations?page_size=500&region_code=") + kYuyao,
                         nullptr};
         },
         {200, 200, 403, 403, 403, 403},
         {200, 200, 403, 403, 403, 403}},
        {"POST",
         "/api/v1/registrations",
         "change",
         Kind::kObject,
         [](World& w, Role, Target target) {
             return Call{"/api/v1/registrations", DemoRegistration(w, target)};
         },
         {201, 201, 403, 403, 403, 403},
         {201, 403, 403, 403, 403, 403}},
        {"GET",
         "/api/v1/registrations/todo",
         "none",
         Kind::kNoTarget,
         [](World&, Role, Target) {
             return Call{"/api/v1/registrations/todo?page_size=500", nullptr};
         },
         {200, 200, 403, 403, 403, 403},
         {}},
        {"GET",
         "/api/v1/registrations/template",
         "none",
         Kind::kNoTarget,
         [](World&, Role, Target) {
             return Call{"/api/v1/registrations/template", nullptr};
         },
         {200, 200, 403, 403, 403, 403},
         {}},
        {"POST",
         "/api/v1/registrations/import",
         "change",
         Kind::kObject,
         [](World& w, Role, Target target) {
             Call call{"/api/v1/registrations/import", nullptr};
             call.raw_body = DemoRegistrationCsv(w, target);
             call.content_type = "text/csv";
             return call;
         },
         {200, 200, 403, 403, 403, 403},
         {200, 403, 403, 403, 403, 403}},
        {"GET",
         "/api/v1/registrations/{id}",
         "personal_read",
         Kind::kObject,
         [](World& w, Role, Target target) {
             return Call{"/api/v1/registrations/" + std::to_string(DemoRegistrationId(w, target)), nullptr};
         },
         {200, 200, 403, 403, 403, 403},
         {200, 404, 403, 403, 403, 403}},
        {"GET",
         "/api/v1/institutions/{id}/registrations",
         "personal_read",
         Kind::kObject,
         [](World& w, Role, Target target) {
             return Call{"/api/v1/institutions/" +
                             std::to_string(target == Target::kOwn ? w.own_institution : w.foreign_institution) +
                             "/registrations",
                         nullptr};
         },
         {200, 200, 403, 403, 403, 403},
         {200, 404, 403, 403, 403, 403}},
        {"GET",
         "/api/v1/institutions/{id}/profile",
         "none",
         Kind::kObject,
         [](World& w, Role, Target target) {
             return Call{"/api/v1/institutions/" + std::to_string(InstitutionOf(w, target)) + "/profile", nullptr};
         },
         {200, 200, 200, 200, 403, 403},
         {200, 404, 404, 404, 403, 403}},
        {"PUT",
         "/api/v1/institutions/{id}/profile",
         "change",
         Kind::kObject,
         [](World& w, Role, Target target) {
             return Call{"/api/v1/institutions/" + std::to_string(InstitutionOf(w, target)) + "/profile",
                         MatrixProfile()};
         },
         {200, 403, 200, 403, 403, 403},
         {200, 403, 404, 403, 403, 403}},
        {"GET",
         "/api/v1/filings/queue",
         "none",
         Kind::kList,
         [](World&, Role, Target target) {
             return Call{target == Target::kOwn ? "/api/v1/filings/queue?page_size=500"
                                                : std::string("/api/v1/filings/queue?page_size=500&region_code=") + kYuyao,
                         nullptr};
         },
         {200, 200, 403, 403, 403, 403},
         {200, 200, 403, 403, 403, 403}},
        {"POST",
         "/api/v1/filings/{id}/accept",
         "change",
         Kind::kObject,
         [](World& w, Role, Target target) {
             return Call{FilingPath(SubmittedFiling(w, target), "/accept"), Json::object()};
         },
         {403, 200, 403, 403, 403, 403},
         {403, 404, 403, 403, 403, 403}},
        {"POST",
         "/api/v1/filings/{id}/reject",
         "change",
         Kind::kObject,
         [](World& w, Role, Target target) {
             return Call{FilingPath(SubmittedFiling(w, target), "/reject"), {{"reasons", Json::array({"矩阵"})}}};
         },
         {403, 200, 403, 403, 403, 403},
         {403, 404, 403, 403, 403, 403}},
        {"GET",
         "/api/v1/filings/{id}/receipt.pdf",
         "none",
         Kind::kObject,
         [](World& w, Role, Target target) {
             return Call{FilingPath(AcceptedFiling(w, target), "/receipt.pdf"), nullptr};
         },
         {200, 200, 200, 200, 403, 403},
         {200, 404, 404, 404, 403, 403}},
        {"GET",
         "/api/v1/filings/{id}/notice.pdf",
         "none",
         Kind::kObject,
         [](World& w, Role, Target target) {
             return Call{FilingPath(AcceptedFiling(w, target), "/notice.pdf"), nullptr};
         },
         {200, 200, 200, 200, 403, 403},
         {200, 404, 404, 404, 403, 403}},
        {"GET",
         "/api/v1/institutions/{id}/filings",
         "none",
         Kind::kObject,
         [](World& w, Role, Target target) {
             return Call{"/api/v1/institutions/" + std::to_string(InstitutionOf(w, target)) + "/filings", nullptr};
         },
         {200, 200, 200, 200, 403, 403},
         {200, 404, 404, 404, 403, 403}},
        {"POST",
         "/api/v1/institutions/{id}/filings",
         "change",
         Kind::kObject,
         [](World& w, Role role, Target target) {
             if (role == kInstitutionAdmin && target == Target::kOwn) {
                 ReadyToFile(w, target);  // the one call that succeeds needs no open filing
             }
             return Call{"/api/v1/institutions/" + std::to_string(InstitutionOf(w, target)) + "/filings",
                         NewFilingBody(w, target)};
         },
         {403, 403, 201, 403, 403, 403},
         {403, 403, 404, 403, 403, 403}},
        {"GET",
         "/api/v1/filings/{id}",
         "personal_read",
         Kind::kObject,
         [](World& w, Role, Target target) {
             return Call{FilingPath(AnyFiling(w, target)), nullptr};
         },
         {200, 200, 200, 200, 403, 403},
         {200, 404, 404, 404, 403, 403}},
        {"GET",
         "/api/v1/filings/{id}/precheck",
         "none",
         Kind::kObject,
         [](World& w, Role, Target target) {
             return Call{FilingPath(DraftFiling(w, target), "/precheck"), nullptr};
         },
         {200, 200, 200, 200, 403, 403},
         {200, 404, 404, 404, 403, 403}},
        {"PATCH",
         "/api/v1/filings/{id}",
         "change",
         Kind::kObject,
         [](World& w, Role role, Target target) {
             const bool succeeds = role == kInstitutionAdmin && target == Target::kOwn;
             return Call{FilingPath(succeeds ? DraftFiling(w, target) : AnyFiling(w, target)),
                         {{"form", MatrixForm()}}};
         },
         {403, 403, 200, 403, 403, 403},
         {403, 403, 404, 403, 403, 403}},
        {"POST",
         "/api/v1/filings/{id}/materials",
         "change",
         Kind::kObject,
         [](World& w, Role role, Target target) {
             const bool succeeds = role == kInstitutionAdmin && target == Target::kOwn;
             return Call{FilingPath(succeeds ? DraftFiling(w, target) : AnyFiling(w, target),
                                    "/materials?kind=other&filename=scan.pdf"),
                         nullptr, kMatrixPdf + "upload", "application/pdf"};
         },
         {403, 403, 201, 403, 403, 403},
         {403, 403, 404, 403, 403, 403}},
        {"GET",
         "/api/v1/filings/{id}/materials/{material_id}",
         "personal_read",
         Kind::kObject,
         [](World& w, Role, Target target) {
             return Call{MaterialPath(w, target, false), nullptr};
         },
         {200, 200, 200, 200, 403, 403},
         {200, 404, 404, 404, 403, 403}},
        {"DELETE",
         "/api/v1/filings/{id}/materials/{material_id}",
         "change",
         Kind::kObject,
         [](World& w, Role role, Target target) {
             return Call{MaterialPath(w, target, role == kInstitutionAdmin && target == Target::kOwn), Json::object()};
         },
         {403, 403, 204, 403, 403, 403},
         {403, 403, 404, 403, 403, 403}},
        {"POST",
         "/api/v1/filings/{id}/submit",
         "change",
         Kind::kObject,
         [](World& w, Role role, Target target) {
             const bool succeeds = role == kInstitutionAdmin && target == Target::kOwn;
             return Call{FilingPath(succeeds ? CompleteDraft(w, target) : AnyFiling(w, target), "/submit"),
                         Json::object()};
         },
         {403, 403, 200, 403, 403, 403},
         {403, 403, 404, 403, 403, 403}},
        {"GET",
         "/api/v1/institutions/{id}/transitions",
         "none",
         Kind::kObject,
         [](World& w, Role, Target target) {
             return Call{"/api/v1/institutions/" + std::to_string(InstitutionOf(w, target)) + "/transitions",
                         nullptr};
         },
         {200, 200, 200, 200, 403, 403},
         {200, 404, 404, 404, 403, 403}},
        {"GET",
         "/api/v1/hazards",
         "none",
         Kind::kList,
         [](World&, Role, Target target) {
             return Call{target == Target::kOwn ? "/api/v1/hazards?page_size=500"
                                                : std::string("/api/v1/hazards?page_size=500&region=") + kYuyao,
                         nullptr};
         },
         {200, 200, 403, 403, 403, 403},
         {200, 403, 403, 403, 403, 403}},
        {"POST",
         "/api/v1/hazards",
         "change",
         Kind::kObject,
         [](World& w, Role, Target target) {
             return Call{"/api/v1/hazards", HazardBody(w, target)};
         },
         {201, 201, 403, 403, 403, 403},
         {201, 403, 403, 403, 403, 403}},
        {"POST",
         "/api/v1/hazards/import",
         "change",
         Kind::kObject,
         [](World& w, Role, Target target) {
             Json feature = HazardBody(w, target);
             const Json geometry = feature["geometry"];
             feature.erase("geometry");
             const Json file{
                 {"type", "FeatureCollection"},
                 {"features", {{{"type", "Feature"}, {"geometry", geometry}, {"properties", feature}}}}};
             Call call{"/api/v1/hazards/import", nullptr};
             call.raw_body = file.dump();
             call.content_type = "application/geo+json";
             return call;
         },
         {200, 200, 403, 403, 403, 403},
         {200, 403, 403, 403, 403, 403}},
        {"POST",
         "/api/v1/hazards/check",
         "none",
         Kind::kObject,
         [](World&, Role, Target target) {
             const bool own = target == Target::kOwn;
             return Call{"/api/v1/hazards/check",
                         {{"longitude", own ? 122.6 : 121.2},
                          {"latitude", own ? 41.4 : 30.1},
                          {"region_code", own ? kDaowaTown : kYuyaoTown}}};
         },
         {200, 200, 200, 403, 403, 403},
         {200, 403, 403, 403, 403, 403}},
        {"GET",
         "/api/v1/hazards/{id}",
         "none",
         Kind::kObject,
         [](World& w, Role, Target target) {
             return Call{"/api/v1/hazards/" + std::to_string(FreshHazard(w, target)), nullptr};
         },
         {200, 200, 403, 403, 403, 403},
         {200, 404, 403, 403, 403, 403}},
        {"PATCH",
         "/api/v1/hazards/{id}",
         "change",
         Kind::kObject,
         [](World& w, Role, Target target) {
             return Call{"/api/v1/hazards/" + std::to_string(FreshHazard(w, target)),
                         {{"note", w.Unique("矩阵")}}};
         },
         {200, 200, 403, 403, 403, 403},
         {200, 404, 403, 403, 403, 403}},
        {"POST",
         "/api/v1/hazards/{id}/retire",
         "change",
         Kind::kObject,
         [](World& w, Role, Target target) {
             return Call{"/api/v1/hazards/" + std::to_string(FreshHazard(w, target)) + "/retire",
                         {{"reason", "矩阵测试"}}};
         },
         {200, 200, 403, 403, 403, 403},
         {200, 404, 403, 403, 403, 403}},
        {"GET",
         "/api/v1/institutions/{id}/staff",
         "personal_read",
         Kind::kObject,
         [](World& w, Role, Target target) { return Call{StaffListPath(w, target), nullptr}; },
         {200, 200, 200, 403, 403, 403},
         {200, 404, 404, 403, 403, 403}},
        {"POST",
         "/api/v1/institutions/{id}/staff",
         "change",
         Kind::kObject,
         [](World& w, Role, Target target) { return Call{StaffListPath(w, target), StaffPerson(w)}; },
         {403, 403, 201, 403, 403, 403},
         {403, 403, 404, 403, 403, 403}},
        {"POST",
         "/api/v1/institutions/{id}/staff/import",
         "change",
         Kind::kObject,
         [](World& w, Role, Target target) {
             const Json person = StaffPerson(w);
             Call call{StaffListPath(w, target, "/import"), nullptr};
             call.raw_body = "姓名,证件号码,岗位,学历,入职日期\n" + person["name"].get<std::string>() + "," +
                             person["id_number"].get<std::string>() + ",保育人员,大专,2025-01-02\n";
             call.content_type = "text/csv";
             return call;
         },
         {403, 403, 200, 403, 403, 403},
         {403, 403, 404, 403, 403, 403}},
        {"GET",
         "/api/v1/institutions/{id}/staff/export",
         "personal_read",
         Kind::kObject,
         [](World& w, Role, Target target) { return Call{StaffListPath(w, target, "/export"), nullptr}; },
         {200, 200, 200, 403, 403, 403},
         {200, 404, 404, 403, 403, 403}},
        {"GET",
         "/api/v1/institutions/{id}/staffing",
         "personal_read",
         Kind::kObject,
         [](World& w, Role, Target target) {
             return Call{"/api/v1/institutions/" + std::to_string(InstitutionOf(w, target)) + "/staffing", nullptr};
         },
         {200, 200, 200, 403, 403, 403},
         {200, 404, 404, 403, 403, 403}},
        {"GET",
         "/api/v1/staff/template",
         "none",
         Kind::kNoTarget,
         [](World&, Role, Target) { return Call{"/api/v1/staff/template", nullptr}; },
         {200, 200, 200, 403, 403, 403},
         {}},
        {"GET",
         "/api/v1/staff/{id}",
         "personal_read",
         Kind::kObject,
         [](World& w, Role, Target target) { return Call{FreshStaffPath(w, target), nullptr}; },
         {200, 200, 200, 403, 403, 403},
         {200, 404, 404, 403, 403, 403}},
        {"PATCH",
         "/api/v1/staff/{id}",
         "change",
         Kind::kObject,
         [](World& w, Role, Target target) { return Call{FreshStaffPath(w, target), {{"phone", "13900005555"}}}; },
         {403, 403, 200, 403, 403, 403},
         {403, 403, 404, 403, 403, 403}},
        {"POST",
         "/api/v1/staff/{id}/end",
         "change",
         Kind::kObject,
         [](World& w, Role, Target target) {
             return Call{FreshStaffPath(w, target, "/end"), {{"end_on", "2025-06-30"}, {"reason", "合同到期"}}};
         },
         {403, 403, 200, 403, 403, 403},
         {403, 403, 404, 403, 403, 403}},
        {"GET",
         "/api/v1/staff/{id}/id-number",
         "personal_read",
         Kind::kObject,
         [](World& w, Role, Target target) { return Call{FreshStaffPath(w, target, "/id-number"), nullptr}; },
         {403, 200, 200, 403, 403, 403},
         {403, 404, 404, 403, 403, 403}},
        {"PUT",
         "/api/v1/staff/{id}/photo",
         "change",
         Kind::kObject,
         [](World& w, Role, Target target) {
             Call call{FreshStaffPath(w, target, "/photo"), nullptr};
             call.raw_body = std::string("\xFF\xD8\xFF\xE0", 4) + "matrix photo";
             call.content_type = "image/jpeg";
             return call;
         },
         {403, 403, 200, 403, 403, 403},
         {403, 403, 404, 403, 403, 403}},
        {"GET",
         "/api/v1/staff/{id}/photo",
         "personal_read",
         Kind::kObject,
         [](World& w, Role, Target target) {
             const std::string path = FreshStaffPath(w, target, "/photo");
             const HttpResponse put = w.site->As(NurseryOf(target))
                                          .Request("PUT", path, std::string("\xFF\xD8\xFF\xE0", 4) + "matrix photo",
                                                   {{"Content-Type", "image/jpeg"}});
             EXPECT_EQ(put.status, 200) << put.body;
             return Call{path, nullptr};
         },
         {403, 200, 200, 403, 403, 403},
         {403, 404, 404, 403, 403, 403}},
        {"DELETE",
         "/api/v1/staff/{id}/photo",
         "change",
         Kind::kObject,
         [](World& w, Role, Target target) {
             const std::string path = FreshStaffPath(w, target, "/photo");
             const HttpResponse put = w.site->As(NurseryOf(target))
                                          .Request("PUT", path, std::string("\xFF\xD8\xFF\xE0", 4) + "matrix photo",
                                                   {{"Content-Type", "image/jpeg"}});
             EXPECT_EQ(put.status, 200) << put.body;
             return Call{path, Json::object()};
         },
         {403, 403, 204, 403, 403, 403},
         {403, 403, 404, 403, 403, 403}},
        {"POST",
         "/api/v1/staff/{id}/documents",
         "change",
         Kind::kObject,
         [](World& w, Role, Target target) {
             return Call{FreshStaffPath(w, target, "/documents"), {{"kind", "no_criminal_record"}}};
         },
         {403, 403, 201, 403, 403, 403},
         {403, 403, 404, 403, 403, 403}},
        {"POST",
         "/api/v1/staff/{id}/duties",
         "change",
         Kind::kObject,
         [](World& w, Role, Target target) {
             return Call{FreshStaffPath(w, target, "/duties"), {{"kind", "health_exam"}, {"done_on", "2025-06-01"}}};
         },
         {403, 403, 201, 403, 403, 403},
         {403, 403, 404, 403, 403, 403}},
        {"GET",
         "/api/v1/staff/duties",
         "personal_read",
         Kind::kList,
         [](World&, Role, Target target) {
             return Call{target == Target::kOwn ? "/api/v1/staff/duties?page_size=500"
                                                : std::string("/api/v1/staff/duties?page_size=500&region_code=") + kYuyao,
                         nullptr};
         },
         {200, 200, 200, 403, 403, 403},
         {200, 200, 200, 403, 403, 403}},
        {"GET",
         "/api/v1/staff/overview",
         "none",
         Kind::kList,
         [](World&, Role, Target target) {
             return Call{target == Target::kOwn
                             ? "/api/v1/staff/overview?page_size=500"
                             : std::string("/api/v1/staff/overview?page_size=500&region_code=") + kYuyao,
                         nullptr};
         },
         {200, 200, 200, 403, 403, 403},
         {200, 200, 200, 403, 403, 403}},
        {"GET",
         "/api/v1/staff/multi-employment",
         "personal_read",
         Kind::kNoTarget,
         [](World&, Role, Target) { return Call{"/api/v1/staff/multi-employment", nullptr}; },
         {200, 200, 403, 403, 403, 403},
         {}},
        {"GET",
         "/api/v1/bans",
         "personal_read",
         Kind::kNoTarget,
         [](World&, Role, Target) { return Call{"/api/v1/bans?page_size=500", nullptr}; },
         {200, 200, 403, 403, 403, 403},
         {}},
        {"POST",
         "/api/v1/bans",
         "change",
         Kind::kNoTarget,
         [](World& w, Role, Target) {
             Json body = StaffPerson(w);
             return Call{"/api/v1/bans",
                         {{"name", body["name"]},
                          {"id_number", body["id_number"]},
                          {"case_summary", "矩阵测试案例"},
                          {"authority", "大洼区卫生健康局"},
                          {"decided_on", "2025-05-01"}}};
         },
         {403, 201, 403, 403, 403, 403},
         {}},
        {"GET",
         "/api/v1/bans/alerts",
         "personal_read",
         Kind::kNoTarget,
         [](World&, Role, Target) { return Call{"/api/v1/bans/alerts?page_size=500", nullptr}; },
         {200, 200, 403, 403, 403, 403},
         {}},
        {"GET",
         "/api/v1/institutions/{id}/classes",
         "none",
         Kind::kObject,
         [](World& w, Role, Target target) { return Call{InstitutionPath(w, target, "/classes"), nullptr}; },
         {200, 200, 200, 200, 403, 403},
         {200, 404, 404, 404, 403, 403}},
        {"POST",
         "/api/v1/institutions/{id}/classes",
         "change",
         Kind::kObject,
         [](World& w, Role, Target target) {
             return Call{InstitutionPath(w, target, "/classes"),
                         {{"name", w.Unique("矩阵新班")}, {"class_type", "older_toddler_class"}}};
         },
         {403, 403, 201, 403, 403, 403},
         {403, 403, 404, 403, 403, 403}},
        {"GET",
         "/api/v1/institutions/{id}/children",
         "personal_read",
         Kind::kObject,
         [](World& w, Role, Target target) { return Call{InstitutionPath(w, target, "/children"), nullptr}; },
         {200, 200, 200, 200, 403, 403},
         {200, 404, 404, 404, 403, 403}},
        {"POST",
         "/api/v1/institutions/{id}/children",
         "change",
         Kind::kObject,
         [](World& w, Role, Target target) {
             Json body = ChildBody(w, target);
             body["contacts"] = Json::array(
                 {{{"name", "矩阵监护人"}, {"relationship", "mother"}, {"phone", "13900003333"}, {"guardian", true}}});
             return Call{InstitutionPath(w, target, "/children"), body};
         },
         {403, 403, 201, 403, 403, 403},
         {403, 403, 404, 403, 403, 403}},
        {"POST",
         "/api/v1/guardian/applications",
         "change",
         Kind::kNoTarget,
         [](World& w, Role, Target) {
             return Call{"/api/v1/guardian/applications",
                         {{"institution_id", w.own_institution},
                          {"relationship", "mother"},
                          {"phone", "13900004444"},
                          {"child", ChildBody(w, Target::kOwn)}}};
         },
         {403, 403, 403, 403, 201, 403},
         {}},
        {"GET",
         "/api/v1/guardian/children",
         "personal_read",
         Kind::kNoTarget,
         [](World&, Role, Target) { return Call{"/api/v1/guardian/children", nullptr}; },
         {403, 403, 403, 403, 200, 403},
         {}},
        {"GET",
         "/api/v1/children/{id}",
         "personal_read",
         Kind::kObject,
         [](World& w, Role, Target target) { return Call{EnrolledChild(w, target).Path(), nullptr}; },
         {200, 200, 200, 200, 200, 403},
         {200, 404, 404, 404, 404, 403}},
        {"POST",
         "/api/v1/children/{id}/contacts",
         "change",
         Kind::kObject,
         [](World& w, Role, Target target) {
             return Call{EnrolledChild(w, target).Path("/contacts"),
                         {{"name", "矩阵接送人"}, {"relationship", "grandparent"}, {"phone", "13900005555"},
                          {"can_pick_up", true}}};
         },
         {403, 403, 201, 403, 403, 403},
         {403, 403, 404, 403, 403, 403}},
        {"POST",
         "/api/v1/children/{id}/consents",
         "change",
         Kind::kObject,
         [](World& w, Role, Target target) {
             const MatrixChild child = EnrolledChild(w, target);
             return Call{child.Path("/consents"), {{"contact_id", child.contact}, {"purpose", "photos"}}};
         },
         {403, 403, 201, 403, 201, 403},
         {403, 403, 404, 403, 404, 403}},
        {"POST",
         "/api/v1/children/{id}/enrol",
         "change",
         Kind::kObject,
         [](World& w, Role, Target target) {
             return Call{AppliedChild(w, target).Path("/enrol"), Enrolment(FreshClass(w, target))};
         },
         {403, 403, 200, 403, 403, 403},
         {403, 403, 404, 403, 403, 403}},
        {"POST",
         "/api/v1/children/{id}/class",
         "change",
         Kind::kObject,
         [](World& w, Role, Target target) {
             return Call{EnrolledChild(w, target).Path("/class"), {{"class_id", FreshClass(w, target)}}};
         },
         {403, 403, 200, 403, 403, 403},
         {403, 403, 404, 403, 403, 403}},
        {"POST",
         "/api/v1/children/{id}/leave",
         "change",
         Kind::kObject,
         [](World& w, Role, Target target) {
             return Call{EnrolledChild(w, target).Path("/leave"), {{"left_on", Today()}, {"reason", "搬家"}}};
         },
         {403, 403, 200, 403, 403, 403},
         {403, 403, 404, 403, 403, 403}},
        {"POST",
         "/api/v1/children/{id}/recheck",
         "change",
         Kind::kObject,
         [](World& w, Role, Target target) {
             return Call{EnrolledChild(w, target).Path("/recheck"), {{"exam_on", Today()}, {"passed", true}}};
         },
         {403, 403, 200, 403, 403, 403},
         {403, 403, 404, 403, 403, 403}},
        {"GET",
         "/api/v1/institutions/{id}/attendance",
         "personal_read",
         Kind::kObject,
         [](World& w, Role, Target target) { return Call{InstitutionPath(w, target, "/attendance"), nullptr}; },
         {200, 200, 200, 200, 403, 403},
         {200, 404, 404, 404, 403, 403}},
        {"POST",
         "/api/v1/institutions/{id}/staff-attendance",
         "change",
         Kind::kObject,
         [](World& w, Role, Target target) {
             return Call{InstitutionPath(w, target, "/staff-attendance"),
                         {{"staff_id", FreshStaffId(w, target)}, {"action", "in"}}};
         },
         {403, 403, 200, 200, 403, 403},
         {403, 403, 404, 404, 403, 403}},
        {"POST",
         "/api/v1/institutions/{id}/notices",
         "change",
         Kind::kObject,
         [](World& w, Role, Target target) {
             return Call{InstitutionPath(w, target, "/notices"), {{"message", "明天停水，照常开园"}}};
         },
         {403, 403, 201, 201, 403, 403},
         {403, 403, 404, 404, 403, 403}},
        {"GET",
         "/api/v1/children/figures",
         "none",
         Kind::kList,
         [](World&, Role, Target target) {
             return Call{std::string("/api/v1/children/figures?page_size=500&region_code=") +
                             (target == Target::kOwn ? kDaowa : kYuyao),
                         nullptr};
         },
         {200, 200, 200, 403, 403, 403},
         {200, 200, 200, 403, 403, 403}},
        {"POST",
         "/api/v1/children/{id}/check-in",
         "change",
         Kind::kObject,
         [](World& w, Role, Target target) {
             const MatrixChild child = EnrolledChild(w, target);
             return Call{child.Path("/check-in"), {{"brought_by", child.contact}}};
         },
         {403, 403, 200, 200, 403, 403},
         {403, 403, 404, 404, 403, 403}},
        {"POST",
         "/api/v1/children/{id}/check-out",
         "change",
         Kind::kObject,
         [](World& w, Role, Target target) {
             const MatrixChild child = EnrolledChild(w, target);
             const HttpResponse in = w.site->As(NurseryOf(target))
                                         .Post(child.Path("/check-in"), Json{{"brought_by", child.contact}}.dump());
             EXPECT_EQ(in.status, 200) << in.body;
             return Call{child.Path("/check-out"), {{"collected_by", child.contact}}};
         },
         {403, 403, 200, 200, 403, 403},
         {403, 403, 404, 404, 403, 403}},
        {"POST",
         "/api/v1/children/{id}/absence",
         "change",
         Kind::kObject,
         [](World& w, Role, Target target) {
             return Call{EnrolledChild(w, target).Path("/absence"), {{"day", Today()}, {"reason", "发烧请假"}}};
         },
         {403, 403, 201, 201, 201, 403},
         {403, 403, 404, 404, 404, 403}},
        {"POST",
         "/api/v1/children/{id}/follow-up",
         "change",
         Kind::kObject,
         [](World& w, Role, Target target) {
             const MatrixChild child = EnrolledChild(w, target);
             const HttpResponse absent =
                 w.site->As(NurseryOf(target)).Post(child.Path("/absence"), Json{{"day", Today()}}.dump());
             EXPECT_EQ(absent.status, 201) << absent.body;
             return Call{child.Path("/follow-up"),
                         {{"day", Today()}, {"staff_id", FreshStaffId(w, target)}, {"note", "电话联系家长，在家休息"}}};
         },
         {403, 403, 200, 200, 403, 403},
         {403, 403, 404, 404, 403, 403}},
        {"POST",
         "/api/v1/children/{id}/health-checks",
         "change",
         Kind::kObject,
         [](World& w, Role, Target target) {
             return Call{EnrolledChild(w, target).Path("/health-checks"), {{"kind", "morning"}, {"temperature", 36.6}}};
         },
         {403, 403, 201, 201, 403, 403},
         {403, 403, 404, 404, 403, 403}},
        {"POST",
         "/api/v1/children/{id}/health-events",
         "change",
         Kind::kObject,
         [](World& w, Role, Target target) {
             return Call{EnrolledChild(w, target).Path("/health-events"),
                         {{"kind", "doctor_referral"}, {"note", "矩阵测试"}}};
         },
         {403, 403, 201, 201, 403, 403},
         {403, 403, 404, 404, 403, 403}},
        {"POST",
         "/api/v1/children/{id}/growth",
         "change",
         Kind::kObject,
         [](World& w, Role, Target target) {
             return Call{EnrolledChild(w, target).Path("/growth"),
                         {{"measured_on", Today()}, {"height_cm", 80.5}, {"weight_kg", 11.2}}};
         },
         {403, 403, 201, 201, 403, 403},
         {403, 403, 404, 404, 403, 403}},
        {"PUT",
         "/api/v1/children/{id}/daily/{day}",
         "change",
         Kind::kObject,
         [](World& w, Role, Target target) {
             return Call{EnrolledChild(w, target).Path("/daily/" + Today()),
                         {{"meals", "米饭"}, {"outdoor_minutes", 130}}};
         },
         {403, 403, 200, 200, 403, 403},
         {403, 403, 404, 404, 403, 403}},
        {"GET",
         "/api/v1/children/{id}/days/{day}",
         "personal_read",
         Kind::kObject,
         [](World& w, Role, Target target) { return Call{EnrolledChild(w, target).Path("/days/" + Today()), nullptr}; },
         {200, 200, 200, 200, 200, 403},
         {200, 404, 404, 404, 404, 403}},
        {"GET",
         "/api/v1/parameters",
         "none",
         Kind::kList,
         [](World&, Role, Target target) {
             return Call{std::string("/api/v1/parameters?region=") + (target == Target::kOwn ? kDaowa : kYuyao),
                         nullptr};
         },
         {200, 200, 403, 403, 403, 403},
         {200, 403, 403, 403, 403, 403}},
        {"PUT",
         "/api/v1/parameters/{key}/regions/{code}",
         "change",
         Kind::kObject,
         [](World& w, Role, Target target) {
             return Call{std::string("/api/v1/parameters/video_retention_days/regions/") +
                             (target == Target::kOwn ? kDaowa : kYuyao),
                         {{"value", 100 + ++w.counter}, {"source", "矩阵测试"}, {"tag", "D"}}};
         },
         {200, 200, 403, 403, 403, 403},
         {200, 403, 403, 403, 403, 403}},
        {"DELETE",
         "/api/v1/parameters/{key}/regions/{code}",
         "change",
         Kind::kObject,
         [](World& w, Role, Target target) {
             // An override to remove, set by the administrator before the call.
             const std::string path = std::string("/api/v1/parameters/lease_min_years/regions/") +
                                      (target == Target::kOwn ? kDaowa : kYuyao);
             const Json body{{"value", 5}, {"source", "矩阵测试"}, {"tag", "D"}};
             EXPECT_EQ(w.site->Admin().Request("PUT", path, body.dump(), {}).status, 200);
             return Call{path, Json::object()};
         },
         {204, 204, 403, 403, 403, 403},
         {204, 403, 403, 403, 403, 403}},
        {"GET",
         "/api/v1/dictionaries",
         "none",
         Kind::kNoTarget,
         [](World&, Role, Target) {
             return Call{"/api/v1/dictionaries", nullptr};
         },
         {200, 200, 200, 200, 200, 200},
         {}},
        {"GET",
         "/api/v1/dictionaries/{key}",
         "none",
         Kind::kNoTarget,
         [](World&, Role, Target) {
             return Call{"/api/v1/dictionaries/service_modes", nullptr};
         },
         {200, 200, 200, 200, 200, 200},
         {}},
        {"POST",
         "/api/v1/dictionaries/{key}/entries",
         "change",
         Kind::kNoTarget,
         [](World& w, Role, Target) {
             return Call{"/api/v1/dictionaries/complaint_kinds/entries",
                         {{"code", w.Unique("matrix_")}, {"label_zh", "矩阵"}, {"label_en", "Matrix"}}};
         },
         {201, 403, 403, 403, 403, 403},
         {}},
        {"PUT",
         "/api/v1/dictionaries/{key}/entries/{code}",
         "change",
         Kind::kNoTarget,
         [](World& w, Role, Target) {
             return Call{"/api/v1/dictionaries/complaint_kinds/entries/other", {{"note", w.Unique("矩阵")}}};
         },
         {200, 403, 403, 403, 403, 403},
         {}},
        {"GET",
         "/api/v1/calendar",
         "none",
         Kind::kNoTarget,
         [](World&, Role, Target) {
             return Call{"/api/v1/calendar?year=2025", nullptr};
         },
         {200, 200, 200, 200, 200, 403},
         {}},
        {"GET",
         "/api/v1/calendar/working-days",
         "none",
         Kind::kNoTarget,
         [](World&, Role, Target) {
             return Call{"/api/v1/calendar/working-days?from=2025-09-30&add=5", nullptr};
         },
         {200, 200, 200, 200, 200, 403},
         {}},
        {"PUT",
         "/api/v1/calendar/{date}",
         "change",
         Kind::kNoTarget,
         [](World& w, Role, Target) {
             // A new day each call, in 2031, which no test counts working days in.
             const int day = 1 + ++w.counter % 28;
             return Call{std::string("/api/v1/calendar/2031-03-") + (day < 10 ? "0" : "") + std::to_string(day),
                         {{"kind", "holiday"}, {"name_zh", "矩阵"}, {"source", "矩阵测试"}}};
         },
         {201, 403, 403, 403, 403, 403},
         {}},
        {"DELETE",
         "/api/v1/calendar/{date}",
         "change",
         Kind::kNoTarget,
         [](World& w, Role, Target) {
             const std::string path = "/api/v1/calendar/2031-04-01";
             const Json body{{"kind", "holiday"}, {"name_zh", "矩阵"}, {"source", "矩阵测试"}};
             const int status = w.site->Admin().Request("PUT", path, body.dump(), {}).status;
             EXPECT_TRUE(status == 200 || status == 201) << status;
             return Call{path, Json::object()};
         },
         {204, 403, 403, 403, 403, 403},
         {}},
        {"GET",
         "/api/v1/audit",
         "none",
         Kind::kList,
         [](World&, Role, Target target) {
             return Call{target == Target::kOwn ? "/api/v1/audit?page_size=500"
                                                : std::string("/api/v1/audit?page_size=500&region_code=") + kYuyao,
                         nullptr};
         },
         {200, 200, 403, 403, 403, 403},
         {200, 200, 403, 403, 403, 403}},
        {"GET",
         "/api/v1/jobs/{id}",
         "none",
         Kind::kObject,
         [](World& w, Role role, Target target) {
             // A finished import job: the caller's own where it may import (administrator,
             // regulator), else one of 大洼's regulator; the foreign one is 余姚's regulator's.
             const std::string owner = target == Target::kForeign ? "yuyao_health"
                                       : role == kAdmin            ? "admin"
                                                                   : "daowa_health";
             const std::string region = target == Target::kForeign ? kYuyao : kDaowa;
             HttpClient& client = w.site->As(owner);
             const HttpResponse accepted =
                 client.Post("/api/v1/population/import",
                             "区划代码,年份,常住人口\n" + region + ",2023," + std::to_string(3000 + ++w.counter) + "\n",
                             {{"Content-Type", "text/csv"}});
             const Json job = AwaitJob(client, accepted);
             return Call{"/api/v1/jobs/" + job.value("id", std::string("missing")), nullptr};
         },
         {200, 200, 404, 404, 404, 403},
         {200, 404, 404, 404, 404, 403}},
        {"POST",
         "/api/v1/puhui/applications",
         "change",
         Kind::kObject,
         [](World& w, Role role, Target target) {
             if (role == kInstitutionAdmin && target == Target::kOwn) {
                 ReadyToApply(w);
             }
             return Call{"/api/v1/puhui/applications",
                         {{"institution_id", InstitutionOf(w, target)}, {"fee_per_month_yuan", 1500}, {"slots", 10}}};
         },
         {403, 403, 201, 403, 403, 403},
         {403, 403, 404, 403, 403, 403}},
        {"GET",
         "/api/v1/puhui/applications",
         "none",
         Kind::kList,
         [](World&, Role, Target target) {
             return Call{target == Target::kOwn ? "/api/v1/puhui/applications?page_size=500"
                                                : std::string("/api/v1/puhui/applications?page_size=500&region_code=") +
                                                      kYuyao,
                         nullptr};
         },
         {200, 200, 200, 200, 403, 403},
         {200, 200, 200, 200, 403, 403}},
        {"POST",
         "/api/v1/puhui/applications/{id}/approve",
         "change",
         Kind::kObject,
         [](World& w, Role, Target target) {
             const std::int64_t id = PuhuiApplication(w, InstitutionOf(w, target), "submitted");
             return Call{"/api/v1/puhui/applications/" + std::to_string(id) + "/approve", Json::object()};
         },
         {403, 200, 403, 403, 403, 403},
         {403, 404, 403, 403, 403, 403}},
        {"POST",
         "/api/v1/puhui/applications/{id}/reject",
         "change",
         Kind::kObject,
         [](World& w, Role, Target target) {
             const std::int64_t id = PuhuiApplication(w, InstitutionOf(w, target), "submitted");
             return Call{"/api/v1/puhui/applications/" + std::to_string(id) + "/reject",
                         {{"reasons", Json::array({"矩阵不予认定"})}}};
         },
         {403, 200, 403, 403, 403, 403},
         {403, 404, 403, 403, 403, 403}},
        {"POST",
         "/api/v1/puhui/lists",
         "change",
         Kind::kObject,
         [](World& w, Role role, Target target) {
             // Something to publish in 大洼: an approved application of its filed demo institution.
             const std::string filed = std::to_string(DemoFiledInstitution(w));
             if (role == kRegulator && target == Target::kOwn &&
                 PuhuiScalar(w, "SELECT COUNT(*) FROM puhui_applications WHERE state = 'approved' AND "
                                "institution_id = " +
                                    filed) == 0) {
                 PuhuiApplication(w, std::stoll(filed), "approved");
             }
             return Call{"/api/v1/puhui/lists", {{"county_code", PuhuiCounty(target)}}};
         },
         {403, 201, 403, 403, 403, 403},
         {403, 403, 403, 403, 403, 403}},
        {"GET",
         "/api/v1/puhui/lists",
         "none",
         Kind::kList,
         [](World&, Role, Target target) {
             return Call{target == Target::kOwn ? "/api/v1/puhui/lists?page_size=100"
                                                : std::string("/api/v1/puhui/lists?page_size=100&region_code=") + kYuyao,
                         nullptr};
         },
         {200, 200, 403, 403, 403, 403},
         {200, 200, 403, 403, 403, 403}},
        {"GET",
         "/api/v1/puhui/lists/{id}",
         "personal_read",
         Kind::kObject,
         [](World& w, Role, Target target) {
             return Call{"/api/v1/puhui/lists/" + std::to_string(PuhuiList(w, target, true)), nullptr};
         },
         {200, 200, 403, 403, 403, 403},
         {200, 404, 403, 403, 403, 403}},
        {"POST",
         "/api/v1/puhui/lists/{id}/confirm",
         "change",
         Kind::kObject,
         [](World& w, Role, Target target) {
             // A list whose period ended in 2025; its entry (the target's institution) is dropped or
             // recognised, as the institution's status says.
             return Call{"/api/v1/puhui/lists/" + std::to_string(PuhuiList(w, target, false)) + "/confirm",
                         Json::object()};
         },
         {403, 200, 403, 403, 403, 403},
         {403, 404, 403, 403, 403, 403}},
        {"POST",
         "/api/v1/puhui/objections/{id}/resolve",
         "change",
         Kind::kObject,
         [](World& w, Role, Target target) {
             return Call{"/api/v1/puhui/objections/" + std::to_string(PuhuiObjection(w, target)) + "/resolve",
                         {{"outcome", "dismissed"}, {"resolution", "矩阵：异议不成立"}}};
         },
         {403, 200, 403, 403, 403, 403},
         {403, 404, 403, 403, 403, 403}},
        {"GET",
         "/api/v1/puhui/institutions/{id}",
         "none",
         Kind::kObject,
         [](World& w, Role, Target target) {
             return Call{"/api/v1/puhui/institutions/" + std::to_string(InstitutionOf(w, target)), nullptr};
         },
         {200, 200, 200, 200, 403, 403},
         {200, 404, 404, 404, 403, 403}},
        {"POST",
         "/api/v1/puhui/institutions/{id}/revoke",
         "change",
         Kind::kObject,
         [](World& w, Role role, Target target) {
             if (role == kRegulator && target == Target::kOwn) {
                 PuhuiRecognised(w, target);
             }
             return Call{"/api/v1/puhui/institutions/" + std::to_string(InstitutionOf(w, target)) + "/revoke",
                         {{"reason", "矩阵撤销"}}};
         },
         {403, 200, 403, 403, 403, 403},
         {403, 404, 403, 403, 403, 403}},
        {"GET",
         "/api/v1/public/institutions",
         "none",
         Kind::kNoTarget,
         [](World&, Role, Target) {
             return Call{std::string("/api/v1/public/institutions?page_size=100&region_code=") + kDaowa, nullptr};
         },
         {200, 200, 200, 200, 200, 200},
         {}},
        {"GET",
         "/api/v1/public/institutions/{id}",
         "none",
         Kind::kNoTarget,
         [](World& w, Role, Target) {
             return Call{"/api/v1/public/institutions/" + std::to_string(DemoFiledInstitution(w)), nullptr};
         },
         {200, 200, 200, 200, 200, 200},
         {}},
        {"GET",
         "/api/v1/public/regions",
         "none",
         Kind::kNoTarget,
         [](World&, Role, Target) {
             return Call{std::string("/api/v1/public/regions?parent=") + kDaowa, nullptr};
         },
         {200, 200, 200, 200, 200, 200},
         {}},
        {"GET",
         "/api/v1/public/decisions",
         "none",
         Kind::kNoTarget,
         [](World&, Role, Target) {
             return Call{std::string("/api/v1/public/decisions?page_size=100&region_code=") + kDaowa, nullptr};
         },
         {200, 200, 200, 200, 200, 200},
         {}},
        {"GET",
         "/api/v1/public/puhui-lists/{id}",
         "none",
         Kind::kNoTarget,
         [](World& w, Role, Target) {
             return Call{"/api/v1/public/puhui-lists/" + std::to_string(PuhuiList(w, Target::kOwn, true)), nullptr};
         },
         {200, 200, 200, 200, 200, 200},
         {}},
        {"POST",
         "/api/v1/public/puhui-lists/{id}/objections",
         "change",
         Kind::kNoTarget,
         [](World& w, Role, Target) {
             std::int64_t entry = 0;
             const std::int64_t list = PuhuiList(w, Target::kOwn, true, &entry);
             return Call{"/api/v1/public/puhui-lists/" + std::to_string(list) + "/objections",
                         {{"entry_id", entry}, {"text", "矩阵：收费与公示不符"}}};
         },
         // Public: the caller's session is not looked at, and the audit record names nobody.
         {201, 201, 201, 201, 201, 201},
         {},
         false,
         nullptr,
         false,
         true},
        {"POST",
         "/api/v1/institutions/{id}/events",
         "change",
         Kind::kObject,
         [](World& w, Role role, Target target) {
             // The county orders rectification of a filed institution; its administrator then closes it
             // (the last change these rows make to it,
             // so this row stays last).
             if (role == kRegulator && target == Target::kOwn) {
                 Filed(w, target);
             }
             const char* event = role == kInstitutionAdmin ? "close" : "order_rectification";
             return Call{"/api/v1/institutions/" + std::to_string(InstitutionOf(w, target)) + "/events",
                         {{"event", event}, {"reason", "矩阵"}}};
         },
         {403, 200, 200, 403, 403, 403},
         {403, 404, 404, 403, 403, 403}},
    };
    return kRows;
}

const Row* FindRow(const std::string& method, const std::string& path) {
    for (const Row& row : Matrix()) {
        if (row.method == method && row.path == path) {
            return &row;
        }
    }
    return nullptr;
}

// A region code of 浙江 anywhere in the reply object or its items.
std::string ForeignRegionIn(const Json& body) {
    std::vector<const Json*> objects = {&body};
    if (body.is_object() && body.contains("items") && body["items"].is_array()) {
        for (const Json& item : body["items"]) {
            objects.push_back(&item);
        }
    }
    for (const Json* object : objects) {
        if (!object->is_object()) {
            continue;
        }
        for (const char* key : {"region_code", "code", "parent_code"}) {
            if (object->contains(key) && (*object)[key].is_string() &&
                (*object)[key].get<std::string>().rfind("33", 0) == 0) {
                return object->dump();
            }
        }
    }
    return {};
}

class ScopeMatrixTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        world_ = new World;
        World& w = *world_;
        w.site = std::make_unique<DemoSite>();
        const Json institutions = w.site->Admin().Get("/api/v1/institutions?page_size=500").Json();
        // The first institution of each demo town (the demo has more institutions than the two with accounts).
        for (const Json& item : institutions["items"]) {
            const std::int64_t id = item["id"].get<std::int64_t>();
            if (item["region_code"] == kDaowaTown && w.own_institution == 0) {
                w.own_institution = id;
            } else if (item["region_code"] == kYuyaoTown && w.foreign_institution == 0) {
                w.foreign_institution = id;
            }
        }
        ASSERT_GT(w.own_institution, 0);
        ASSERT_GT(w.foreign_institution, 0);
        w.own_staff =
            w.site->CreateUser(StaffBody("daowa_tmp", w.own_institution, "13911110001"))["id"].get<std::int64_t>();
        Json foreign = StaffBody("yuyao_tmp", w.foreign_institution, "13922220002");
        foreign["display_name"] = "余姚临时保育员";
        w.foreign_staff = w.site->CreateUser(foreign)["id"].get<std::int64_t>();
        w.foreign_exchange = w.site
                                 ->CreateUser({{"username", "yuyao_registry"},
                                               {"display_name", "余姚市数据交换（测试）"},
                                               {"role", "exchange"},
                                               {"region_code", kYuyao},
                                               {"password", kGoodPassword}})["id"]
                                 .get<std::int64_t>();
    }
    static void TearDownTestSuite() {
        delete world_;
        world_ = nullptr;
    }

    void RunCase(const Row& row, Role role, Target target);

    static World* world_;
};

World* ScopeMatrixTest::world_ = nullptr;

void ScopeMatrixTest::RunCase(const Row& row, Role role, Target target) {
    World& w = *world_;
    DemoSite& site = *w.site;
    const std::string account = kAccounts[role];
    const Call call = row.build(w, role, target);
    SCOPED_TRACE(row.method + " " + row.path + " as " + kRoleNames[role] + " (" + account + ") on the " +
                 (row.kind == Kind::kNoTarget ? "caller itself"
                  : target == Target::kOwn    ? "own (大洼) target"
                                              : "foreign (余姚) target") +
                 ": " + row.method + " " + call.path + (call.body.is_null() ? "" : " " + call.body.dump()));

    HttpClient client = role == kExchange   ? site.Exchange()
                        : row.fresh_session ? site.Fresh(account, w.passwords[account])
                                            : site.As(account);
    const std::int64_t audit_before = site.AuditTotal();
    std::map<std::string, std::string> headers;
    if (!call.content_type.empty()) {
        headers["Content-Type"] = call.content_type;
    }
    const std::string sent = row.method == "GET" ? "" : call.raw_body.empty() ? call.body.dump() : call.raw_body;
    HttpResponse reply = client.Request(row.method, call.path, sent, headers);
    if (row.job && reply.status == 202) {
        if (role != kAdmin) {
            for (const std::string& marker : kForeignMarkers) {
                EXPECT_FALSE(Contains(reply.body, marker)) << "the job shows 余姚 data: " << reply.body;
            }
        }
        reply = Settle(client, reply);
    }
    const int expected = target == Target::kOwn ? row.own[role] : row.foreign[role];
    EXPECT_EQ(reply.status, expected) << reply.body;

    // Out of scope: never anything but a refusal, and never the foreign record's data.
    if (target == Target::kForeign && role != kAdmin) {
        if (row.kind == Kind::kObject) {
            EXPECT_TRUE(reply.status == 403 || reply.status == 404)
                << "a foreign object must be refused with 403 or 404, got " << reply.status << ": " << reply.body;
        } else {
            EXPECT_TRUE(reply.status == 200 || reply.status == 403 || reply.status == 404) << reply.body;
        }
    }
    if (role != kAdmin) {
        for (const std::string& marker : kForeignMarkers) {
            EXPECT_FALSE(Contains(reply.body, marker))
                << "the reply to " << account << " shows 余姚 data (" << marker << "): " << reply.body;
        }
        const Json body = reply.Json();
        const std::string foreign = body.is_discarded() ? "" : ForeignRegionIn(body);
        EXPECT_TRUE(foreign.empty()) << "the reply to " << account << " holds a 余姚 record: " << foreign;
    }

    // The audit log: one record per audited call, "ok" or "denied"; none for other routes.
    const std::int64_t audit_after = site.AuditTotal();
    const bool succeeded = reply.status >= 200 && reply.status < 300;
    const bool refused = reply.status == 403 || reply.status == 404;
    if (row.audit == "none") {
        EXPECT_EQ(audit_after, audit_before) << "a route without audit wrote audit records";
    } else if (succeeded || refused) {
        EXPECT_EQ(audit_after, audit_before + 1)
            << (succeeded ? "a successful audited call must leave exactly one \"ok\" record"
                          : "a refused attempt on an audited route must leave exactly one \"denied\" record");
        if (audit_after == audit_before + 1) {
            const Json record = site.NewestAudit();
            EXPECT_EQ(record.value("outcome", ""), succeeded ? "ok" : "denied") << record.dump();
            EXPECT_EQ(record.value("route", ""), row.path) << record.dump();
            EXPECT_EQ(record.value("method", ""), row.method) << record.dump();
            EXPECT_EQ(record.value("username", ""), row.anonymous_audit ? std::string() : account) << record.dump();
        }
    }
    if (row.after) {
        row.after(w, role, target, call, reply, client);
    }
}

TEST_F(ScopeMatrixTest, EveryListedRouteIsCoveredByTheMatrix) {
    const Json routes = ListedRoutes();
    ASSERT_FALSE(routes.empty());
    std::set<std::string> listed;
    for (const Json& route : routes) {
        const std::string method = route["method"];
        const std::string path = route["path"];
        listed.insert(method + " " + path);
        const Row* row = FindRow(method, path);
        if (row == nullptr) {
            ADD_FAILURE() << "route " << method << " " << path << " is not covered by the scope matrix "
                          << "(add a row to Matrix() in tests/api/scope_matrix_test.cpp)";
            continue;
        }
        EXPECT_EQ(route["audit"], row->audit) << method << " " << path << ": the audit kind changed";
        if (route["api_key"].get<bool>()) {
            EXPECT_LT(row->own[kExchange], 400) << method << " " << path << " takes API keys; the matrix refuses them";
        }
    }
    for (const Row& row : Matrix()) {
        EXPECT_TRUE(listed.count(row.method + " " + row.path) != 0)
            << "the scope matrix lists " << row.method << " " << row.path << ", which the server no longer has";
    }
}

TEST_F(ScopeMatrixTest, EveryRouteEveryRoleStaysInScope) {
    const Json routes = ListedRoutes();
    ASSERT_FALSE(routes.empty());
    std::set<std::pair<std::string, std::string>> listed;
    for (const Json& route : routes) {
        listed.insert({route["method"].get<std::string>(), route["path"].get<std::string>()});
    }
    // In the matrix's order, not the router's: some rows leave their target in a state that only the
    // rows after them may see (the institution closed last of all).
    int cases = 0;
    for (const Row& row : Matrix()) {
        if (listed.count({row.method, row.path}) == 0) {
            ADD_FAILURE() << "the matrix row " << row.method << " " << row.path << " names no route of the server";
            continue;
        }
        for (int role = 0; role < kRoleCount; ++role) {
            RunCase(row, static_cast<Role>(role), Target::kOwn);
            ++cases;
            if (row.kind != Kind::kNoTarget) {
                RunCase(row, static_cast<Role>(role), Target::kForeign);
                ++cases;
            }
        }
    }
    EXPECT_GT(cases, 100);
}

// The lists, item by item: each caller sees its own part of the world and nothing of the other.
TEST_F(ScopeMatrixTest, ListsShowOnlyTheCallersScope) {
    DemoSite& site = *world_->site;

    auto usernames = [](const HttpResponse& reply) {
        std::set<std::string> names;
        for (const Json& item : Items(reply)) {
            names.insert(item["username"].get<std::string>());
        }
        return names;
    };

    // A regulator of 大洼区: the accounts of its subtree, none of 余姚.
    const HttpResponse daowa_users = site.As("daowa_health").Get("/api/v1/users?page_size=500");
    ASSERT_EQ(daowa_users.status, 200) << daowa_users.body;
    const std::set<std::string> daowa_names = usernames(daowa_users);
    EXPECT_TRUE(daowa_names.count("daowa_carer") == 1 && daowa_names.count("daowa_market") == 1) << daowa_users.body;
    for (const Json& item : Items(daowa_users)) {
        EXPECT_EQ(item["region_code"].get<std::string>().rfind("211104", 0), 0u) << item.dump();
        EXPECT_FALSE(Contains(item["username"].get<std::string>(), "yuyao")) << item.dump();
        // Lists mask phone numbers: the full number is an audited read of one record.
        if (item["phone"].is_string()) {
            EXPECT_TRUE(Contains(item["phone"].get<std::string>(), "****")) << item.dump();
        }
    }
    EXPECT_EQ(daowa_users.Json()["total"].get<std::size_t>(), daowa_users.Json()["items"].size());

    // …and the mirror image: 余姚 sees nothing of 大洼.
    const HttpResponse yuyao_users = site.As("yuyao_health").Get("/api/v1/users?page_size=500");
    ASSERT_EQ(yuyao_users.status, 200) << yuyao_users.body;
    for (const Json& item : Items(yuyao_users)) {
        EXPECT_EQ(item["region_code"].get<std::string>().rfind("330281", 0), 0u) << item.dump();
    }
    EXPECT_EQ(usernames(yuyao_users).count("yuyao_nursery"), 1u) << yuyao_users.body;

    // An institution's administrator: the accounts of its institution only.
    const HttpResponse nursery_users = site.As("daowa_nursery").Get("/api/v1/users?page_size=500");
    ASSERT_EQ(nursery_users.status, 200) << nursery_users.body;
    for (const Json& item : Items(nursery_users)) {
        EXPECT_EQ(item["institution_id"], world_->own_institution) << item.dump();
    }
    EXPECT_EQ(usernames(nursery_users).count("daowa_health"), 0u) << nursery_users.body;

    // Institutions: 大洼's regulator sees 大洼's (the demo's three), none of 余姚.
    const HttpResponse institutions = site.As("daowa_health").Get("/api/v1/institutions?page_size=500");
    ASSERT_EQ(institutions.status, 200) << institutions.body;
    ASSERT_EQ(institutions.Json()["items"].size(), 3u) << institutions.body;
    std::set<std::int64_t> institution_ids;
    for (const Json& item : Items(institutions)) {
        EXPECT_EQ(item["region_code"].get<std::string>().rfind("211104", 0), 0u) << item.dump();
        institution_ids.insert(item["id"].get<std::int64_t>());
    }
    EXPECT_EQ(institution_ids.count(world_->own_institution), 1u);
    EXPECT_EQ(institution_ids.count(world_->foreign_institution), 0u);

    // The audit log: a regulator sees records of its region's subtree, none of 余姚.
    site.As("daowa_health").Get(UserPath(site.UserId("daowa_carer")));  // at least one 大洼 record
    const HttpResponse audit = site.As("daowa_health").Get("/api/v1/audit?page_size=500");
    ASSERT_EQ(audit.status, 200) << audit.body;
    ASSERT_FALSE(audit.Json()["items"].empty()) << audit.body;
    for (const Json& record : Items(audit)) {
        EXPECT_EQ(record["region_code"].get<std::string>().rfind("211104", 0), 0u) << record.dump();
    }
    const HttpResponse yuyao_audit = site.As("yuyao_health").Get("/api/v1/audit?page_size=500");
    ASSERT_EQ(yuyao_audit.status, 200) << yuyao_audit.body;
    for (const Json& record : Items(yuyao_audit)) {
        EXPECT_EQ(record["region_code"].get<std::string>().rfind("330281", 0), 0u) << record.dump();
    }

    // Regions: a regulator's subtree and the chain above it, nothing beside it.
    const HttpResponse towns = site.As("daowa_health").Get(std::string("/api/v1/regions?parent=") + kDaowa);
    ASSERT_EQ(towns.status, 200) << towns.body;
    ASSERT_FALSE(towns.Json()["items"].empty());
    for (const Json& town : Items(towns)) {
        EXPECT_EQ(town["parent_code"], kDaowa) << town.dump();
    }
    EXPECT_EQ(site.As("daowa_health").Get("/api/v1/regions/211100000000").status, 200);  // 盘锦市, its parent
    EXPECT_EQ(site.As("daowa_health").Get("/api/v1/regions/330200000000").status, 404);  // 宁波市
}

}  // namespace
}  // namespace tuoyu::test::api
