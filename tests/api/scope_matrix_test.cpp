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
#include <functional>
#include <optional>
#include <set>

#include "api/api_support.hpp"

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
         {200, 403, 403, 403, 403, 403}},
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
        for (const Json& item : institutions["items"]) {
            (item["region_code"] == kDaowaTown ? w.own_institution : w.foreign_institution) =
                item["id"].get<std::int64_t>();
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
    const HttpResponse reply = client.Request(row.method, call.path, sent, headers);
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
            EXPECT_EQ(record.value("username", ""), account) << record.dump();
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
    int cases = 0;
    for (const Json& route : routes) {
        const Row* row = FindRow(route["method"], route["path"]);
        if (row == nullptr) {
            ADD_FAILURE() << "route " << route["method"].get<std::string>() << " " << route["path"].get<std::string>()
                          << " is not covered by the scope matrix";
            continue;
        }
        for (int role = 0; role < kRoleCount; ++role) {
            RunCase(*row, static_cast<Role>(role), Target::kOwn);
            ++cases;
            if (row->kind != Kind::kNoTarget) {
                RunCase(*row, static_cast<Role>(role), Target::kForeign);
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

    // Institutions: 大洼's regulator sees institution 1 only.
    const HttpResponse institutions = site.As("daowa_health").Get("/api/v1/institutions?page_size=500");
    ASSERT_EQ(institutions.status, 200) << institutions.body;
    ASSERT_EQ(institutions.Json()["items"].size(), 1u) << institutions.body;
    EXPECT_EQ(institutions.Json()["items"][0]["id"], world_->own_institution);

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
