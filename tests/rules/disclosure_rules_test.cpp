// 普惠 recognition and public disclosure on the engine under test: the publicity period in force
// (RULES S21, seed 003 五(三): 5 working days), counted across the 2025 National Day holiday through the
// routes with a fixed clock that the test moves from the publishing day past the period's end; and what
// the public sees of an institution (RULES N50 信息公示): only institutions that may operate, their
// disclosed facts, their 普惠 fee once granted, and nothing personal.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "access/authenticator.hpp"
#include "features/disclosure/public_store.hpp"
#include "features/disclosure/puhui.hpp"
#include "features/filing/profile_store.hpp"
#include "features/routes.hpp"
#include "reference/calendar.hpp"
#include "reference/seed_reference_data.hpp"
#include "rules/rules_fixture.hpp"
#include "storage/query.hpp"

namespace tuoyu::test {
namespace {

// Monday 2025-09-29, 10:00 in Shanghai: the last working day but one before the National Day holiday
// (10-01 … 10-08; Saturday 10-11 is a make-up working day).
constexpr std::int64_t kMondayBeforeNationalDay = 1'759'111'200'000;
constexpr std::int64_t kDay = 86'400'000;

Json ProfileBody() {
    return Json::parse(R"({
        "sponsor_type": "social_forces",
        "service_modes": ["full_day", "temporary"],
        "location": {"longitude": 122.07, "latitude": 40.99, "coordinate_system": "wgs84"},
        "site": {"usable_floor_area_m2": 600, "building_area_m2": 750, "building_floors": 2, "children_floors": [1],
                 "basement_use": "none", "fire_exits": 2, "tenure": "owned"},
        "classes": [{"type": "older_toddler_class", "count": 2, "size": 20, "caregivers": 3}],
        "slots": 40,
        "meals": {"served": false}
    })");
}

// The institution filed with a profile, as the filing module leaves it.
void FileWithProfile(MigratedDatabase& world, std::int64_t institution) {
    storage::Transaction tx = world.database().Write();
    filing::SaveProfile(tx, institution, filing::ReadProfile(ProfileBody(), filing::SponsorTypes(tx)), 0,
                        world.clock().NowMillis());
    storage::Query update("UPDATE institutions SET status = 'filed', address = '大洼街道测试路1号' WHERE id = ");
    update.Bind(institution).Execute(tx);
    tx.Commit();
}

std::int64_t ProfileFlag(MigratedDatabase& world, std::int64_t institution) {
    storage::Transaction tx = world.database().Read();
    storage::Query query("SELECT puhui FROM institutions WHERE id = ");
    const std::int64_t flag = query.Bind(institution).Count(tx);
    tx.Commit();
    return flag;
}

TEST_F(RulesTest, S21_PuhuiListPublicityFiveWorkingDays) {
    // The seeds give one publicity period, for the demonstration-city list; 普惠 lists follow it.
    ExpectNational("puhui_publicity_working_days", "5", "R", false, "示范城市创建活动方案");
    EXPECT_EQ(At("puhui_publicity_working_days", kDaowa).clause, "五(三)");
    EXPECT_EQ(TypeOf("puhui_publicity_working_days"), "integer");
    // Counted on the working-day calendar from the publishing day, which is not counted itself.
    storage::Transaction tx = world_->database().Read();
    const WorkingDayCalendar calendar = reference::calendar::LoadCalendar(tx);
    tx.Commit();
    const disclosure::PublicityPeriod period = disclosure::ComputePeriod(calendar, *CivilDate::Parse("2025-09-29"), 5);
    EXPECT_EQ(period.period_end.ToString(), "2025-10-13");
    EXPECT_FALSE(period.estimated);
    // A year the calendar lacks is counted Monday to Friday and marked as an estimate.
    EXPECT_TRUE(disclosure::ComputePeriod(calendar, *CivilDate::Parse("2031-03-03"), 5).estimated);
}

TEST_F(RulesTest, N50_PublicDisclosureShowsOperatingInstitutionsAndNoPersonalData) {
    MigratedDatabase world;
    reference::SeedReferenceData(world.database(), world.clock());
    const PageRequest page;
    auto listed = [&]() {
        storage::Transaction tx = world.database().Read();
        const Json reply = disclosure::PublicInstitutions(tx, {}, page);
        tx.Commit();
        return reply;
    };
    // Registered only: nothing is disclosed.
    EXPECT_EQ(listed()["total"], 0);

    FileWithProfile(world, world.daowa_institution());
    Json reply = listed();
    ASSERT_EQ(reply["total"], 1) << reply.dump();
    const Json item = reply["items"][0];
    const std::set<std::string> keys = {"id",           "name",
                                        "kind",         "address",
                                        "region_code",  "region_path",
                                        "sponsor_type", "service_modes",
                                        "slots",        "puhui",
                                        "puhui_since",  "puhui_fee_per_month_yuan",
                                        "puhui_slots",  "filing_receipt_number",
                                        "filed_on"};
    std::set<std::string> present;
    for (auto it = item.begin(); it != item.end(); ++it) {
        present.insert(it.key());
    }
    EXPECT_EQ(present, keys);
    EXPECT_EQ(item["slots"], 40);
    EXPECT_EQ(item["service_modes"], Json::array({"full_day", "temporary"}));
    EXPECT_EQ(item["address"], "大洼街道测试路1号");
    EXPECT_EQ(item["puhui"], false);

    // Every status in which an institution may not operate hides it again.
    for (const char* status : {"registered", "filing_submitted", "filing_rejected", "revoked", "cancelled", "closed"}) {
        storage::Transaction tx = world.database().Write();
        storage::Query update("UPDATE institutions SET status = ");
        update.Bind(std::string(status)).Sql(" WHERE id = ").Bind(world.daowa_institution()).Execute(tx);
        tx.Commit();
        EXPECT_EQ(listed()["total"], 0) << status;
        storage::Transaction read = world.database().Read();
        EXPECT_TRUE(disclosure::PublicInstitution(read, world.daowa_institution()).is_null()) << status;
        read.Commit();
    }
    for (const char* status : {"filed", "change_submitted", "rectifying"}) {
        storage::Transaction tx = world.database().Write();
        storage::Query update("UPDATE institutions SET status = ");
        update.Bind(std::string(status)).Sql(" WHERE id = ").Bind(world.daowa_institution()).Execute(tx);
        tx.Commit();
        EXPECT_EQ(listed()["total"], 1) << status;
    }
    EXPECT_EQ(disclosure::OperatingStatusCodes(),
              (std::vector<std::string>{"change_submitted", "filed", "rectifying"}));
}

// The 普惠 flow through its routes, with a clock the test moves.
class PuhuiWorkflowTest : public ::testing::Test {
  protected:
    PuhuiWorkflowTest() : clock_(kMondayBeforeNationalDay) {
        reference::SeedReferenceData(world_.database(), world_.clock());
        world_.AddUser("p_daowa_health", access::Role::kRegulator, "211104000000");
        world_.AddUser("p_yuyao_health", access::Role::kRegulator, "330281000000");
        world_.AddUser("p_nursery", access::Role::kInstitutionAdmin, "211104004000", world_.daowa_institution());
        FileWithProfile(world_, world_.daowa_institution());
        features::RegisterDisclosureRoutes(router_, std::make_shared<reference::calendar::CalendarCache>());
    }

    struct Reply {
        int status = 0;
        Json body;
    };

    // Signed in at the clock's time (sessions last 12 hours, and the test moves by days); anonymous
    // when `user` is empty.
    Reply Call(const std::string& user, const std::string& method, const std::string& path, const Json& body) {
        http::Request request;
        request.method = method;
        request.path = path;
        if (!user.empty()) {
            const access::LoginResult login = authenticator_.Login(user, "Correct#Horse9", "127.0.0.1");
            request.headers["cookie"] = std::string(http::kSessionCookie) + "=" + login.session_token;
            request.headers["x-csrf-token"] = login.principal.csrf_token;
        }
        if (!body.is_null()) {
            request.headers["content-type"] = "application/json";
            request.body = body.dump();
        }
        request.remote_address = "192.0.2.1";
        request.request_id = "test";
        const http::Response response = router_.Dispatch(request);
        return {response.status, Json::parse(response.body, nullptr, false)};
    }

    void At(std::int64_t millis) { clock_.Advance(millis - clock_.NowMillis()); }

    MigratedDatabase world_;
    FixedClock clock_;
    access::Authenticator authenticator_{world_.database(), clock_};
    http::Services services_{world_.database(), clock_, authenticator_, false, "test", nullptr};
    http::Router router_{services_};
};

TEST_F(PuhuiWorkflowTest, PublicityRunsFiveWorkingDaysAcrossNationalDayAndNothingTakesEffectBeforeItEnds) {
    const Reply applied =
        Call("p_nursery", "POST", "/api/v1/puhui/applications",
             {{"institution_id", world_.daowa_institution()}, {"fee_per_month_yuan", 1600}, {"slots", 30}});
    ASSERT_EQ(applied.status, 201) << applied.body.dump();
    const std::string application = "/api/v1/puhui/applications/" + std::to_string(applied.body["id"].get<int>());
    ASSERT_EQ(Call("p_daowa_health", "POST", application + "/approve", Json::object()).status, 200);
    EXPECT_EQ(Call("p_yuyao_health", "POST", "/api/v1/puhui/lists", {{"county_code", "211104"}}).status, 403);

    const Reply published = Call("p_daowa_health", "POST", "/api/v1/puhui/lists", {{"county_code", "211104"}});
    ASSERT_EQ(published.status, 201) << published.body.dump();
    EXPECT_EQ(published.body["published_on"], "2025-09-29");
    // 09-30 (1); 10-01 … 10-08 off; 10-09 (2), 10-10 (3), Saturday 10-11 worked (4), Monday 10-13 (5).
    EXPECT_EQ(published.body["period_end"], "2025-10-13");
    EXPECT_EQ(published.body["period_estimated"], false);
    const std::int64_t id = published.body["id"];
    const std::string list = "/api/v1/puhui/lists/" + std::to_string(id);
    const std::string public_list = "/api/v1/public/puhui-lists/" + std::to_string(id);
    const Json objection{{"entry_id", published.body["entries"][0]["id"]}, {"text", "收费与实际不符"}};
    auto resolve_all = [&] {
        const Reply read = Call("p_daowa_health", "GET", list, nullptr);
        for (const Json& item : read.body["objections"]) {
            if (item["state"] == "open") {
                ASSERT_EQ(Call("p_daowa_health", "POST",
                               "/api/v1/puhui/objections/" + std::to_string(item["id"].get<int>()) + "/resolve",
                               {{"outcome", "dismissed"}, {"resolution", "核实不成立"}})
                              .status,
                          200);
            }
        }
    };

    // Wednesday 10-08, in the holiday: objections are taken; nothing can be confirmed.
    At(kMondayBeforeNationalDay + 9 * kDay);
    EXPECT_EQ(Call("", "GET", public_list, nullptr).body["taking_objections"], true);
    EXPECT_EQ(Call("", "POST", public_list + "/objections", objection).status, 201);
    EXPECT_EQ(Call("p_daowa_health", "POST", list + "/confirm", Json::object()).body["code"], "publicity_not_over");
    resolve_all();

    // Monday 10-13, the last day: still open, and still too early to confirm.
    At(kMondayBeforeNationalDay + 14 * kDay);
    EXPECT_EQ(Call("", "POST", public_list + "/objections", objection).status, 201);
    resolve_all();
    const Reply early = Call("p_daowa_health", "POST", list + "/confirm", Json::object());
    EXPECT_EQ(early.status, 409);
    EXPECT_EQ(early.body["code"], "publicity_not_over");
    EXPECT_EQ(ProfileFlag(world_, world_.daowa_institution()), 0);
    EXPECT_EQ(Call("", "GET", "/api/v1/public/institutions/" + std::to_string(world_.daowa_institution()), nullptr)
                  .body["puhui"],
              false);

    // Tuesday 10-14: the period is over. Objections are refused; the regulator confirms, and the
    // institution is 普惠 from that day, in its profile too.
    At(kMondayBeforeNationalDay + 15 * kDay);
    const Reply late = Call("", "POST", public_list + "/objections", objection);
    EXPECT_EQ(late.status, 409);
    EXPECT_EQ(late.body["code"], "publicity_closed");
    EXPECT_EQ(Call("p_yuyao_health", "POST", list + "/confirm", Json::object()).status, 404);
    const Reply confirmed = Call("p_daowa_health", "POST", list + "/confirm", Json::object());
    ASSERT_EQ(confirmed.status, 200) << confirmed.body.dump();
    EXPECT_EQ(confirmed.body["effective_from"], "2025-10-14");
    EXPECT_EQ(confirmed.body["entries"][0]["state"], "recognised");
    EXPECT_EQ(ProfileFlag(world_, world_.daowa_institution()), 1);
    const Reply shown =
        Call("", "GET", "/api/v1/public/institutions/" + std::to_string(world_.daowa_institution()), nullptr);
    EXPECT_EQ(shown.body["puhui"], true);
    EXPECT_EQ(shown.body["puhui_since"], "2025-10-14");
    EXPECT_EQ(shown.body["puhui_fee_per_month_yuan"], 1600);

    // The history: both objections and their outcomes stay with the list.
    const Reply kept = Call("p_daowa_health", "GET", list, nullptr);
    ASSERT_EQ(kept.body["objections"].size(), 2u);
    EXPECT_EQ(kept.body["objections"][0]["lodged_on"], "2025-10-08");
    EXPECT_EQ(kept.body["objections"][1]["lodged_on"], "2025-10-13");
    EXPECT_EQ(kept.body["objections"][0]["state"], "dismissed");

    // A revocation a month later is dated, and the flag follows.
    At(kMondayBeforeNationalDay + 45 * kDay);
    const Reply revoked = Call("p_daowa_health", "POST",
                               "/api/v1/puhui/institutions/" + std::to_string(world_.daowa_institution()) + "/revoke",
                               {{"reason", "收费超过普惠标准"}});
    ASSERT_EQ(revoked.status, 200) << revoked.body.dump();
    EXPECT_EQ(revoked.body["recognitions"][0]["effective_from"], "2025-10-14");
    EXPECT_EQ(revoked.body["recognitions"][0]["revoked_on"], "2025-11-13");
    EXPECT_EQ(ProfileFlag(world_, world_.daowa_institution()), 0);
}

}  // namespace
}  // namespace tuoyu::test
