// Filing (备案) on the engine under test: the rules of RULES.md rows N43 (the materials), N44 (the
// review deadlines in working days, across the 2025 National Day holiday) and N45 (the change period),
// run through the filing module's service, and the review queue's warnings through its routes with a
// fixed clock that the test moves from the day of receipt past both deadlines.

#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>

#include "access/authenticator.hpp"
#include "core/error.hpp"
#include "features/filing/deadlines.hpp"
#include "features/filing/filing_service.hpp"
#include "features/filing/profile_store.hpp"
#include "features/routes.hpp"
#include "geo/geometry.hpp"
#include "reference/calendar.hpp"
#include "reference/hazards.hpp"
#include "reference/seed_reference_data.hpp"
#include "rules/rules_fixture.hpp"
#include "storage/query.hpp"

namespace tuoyu::test {
namespace {

using filing::FilingKind;
using filing::FilingRecord;
using filing::FilingState;

// Tuesday 2025-09-30, 10:00 in Shanghai: the eve of the National Day holiday (10-01 … 10-08; Sunday
// 09-28 and Saturday 10-11 are make-up working days).
constexpr std::int64_t kEveOfNationalDay = 1'759'197'600'000;
constexpr std::int64_t kDay = 86'400'000;

const std::string kPdf = "%PDF-1.7\n% a scan\n";

Json ProfileBody(bool meals) {
    Json profile = Json::parse(R"({
        "sponsor_type": "social_forces",
        "service_modes": ["full_day"],
        "location": {"longitude": 122.07, "latitude": 40.99, "coordinate_system": "wgs84"},
        "site": {"usable_floor_area_m2": 600, "building_area_m2": 750, "building_floors": 2, "children_floors": [1],
                 "basement_use": "none", "fire_exits": 2, "tenure": "owned"},
        "classes": [{"type": "older_toddler_class", "count": 2, "size": 20, "caregivers": 3}],
        "slots": 40
    })");
    profile["meals"] = meals ? Json{{"served", true}, {"source", "in_house"}} : Json{{"served", false}};
    return profile;
}

Json FormBody(const char* hygiene = "qualified") {
    return {{"head_name", "测试园长"},
            {"head_phone", "13800001234"},
            {"staff", {{"caregivers", 6}}},
            {"hygiene_evaluation_result", hygiene},
            {"fire_check_passed", true}};
}

std::int64_t NewInstitution(MigratedDatabase& world, const std::string& name, const std::string& town) {
    storage::Transaction tx = world.database().Write();
    storage::Query insert("INSERT INTO institutions (name, region_code, created_at) VALUES (");
    const std::int64_t id = insert.Bind(name)
                                .Sql(", ")
                                .Bind(town)
                                .Sql(", ")
                                .Bind(world.clock().NowMillis())
                                .Sql(") RETURNING id")
                                .Count(tx);
    tx.Commit();
    return id;
}

void SetParameter(MigratedDatabase& world, const std::string& key, const std::string& region,
                  const std::string& value) {
    storage::Transaction tx = world.database().Write();
    storage::Query insert(
        "INSERT INTO parameter_values (parameter_key, region_code, value, source, clause, tag, verify, note, set_by, "
        "set_at) VALUES (");
    insert.Bind(key).Sql(", ").Bind(region).Sql(", ").Bind(value).Sql(", '测试：本地规定', '', 'N', 0, '', 'test', ");
    insert.Bind(world.clock().NowMillis()).Sql(")").Execute(tx);
    tx.Commit();
}

// A county of the test's own (慈溪市 under 宁波市) for the local values it sets, so that the other rows'
// tests, which read the national values at 大洼区 and 余姚市 in the same database, are not affected.
constexpr const char* kLocalTown = "330282001000";

std::string LocalCounty(MigratedDatabase& world) {
    storage::Transaction tx = world.database().Write();
    storage::Query known("SELECT COUNT(*) FROM regions WHERE code = '330282000000'");
    if (known.Count(tx) == 0) {
        storage::Query(
            "INSERT INTO regions (code, name, level, parent_code) VALUES ('330282000000', '慈溪市', 3, "
            "'330200000000')")
            .Execute(tx);
        storage::Query(
            "INSERT INTO regions (code, name, level, parent_code) VALUES ('330282001000', '浒山街道', 4, "
            "'330282000000')")
            .Execute(tx);
    }
    tx.Commit();
    return "330282000000";
}

filing::Institution Institution(storage::Transaction& tx, std::int64_t id) {
    return filing::FindInstitution(tx, Scope::All(), id, tx.writable()).value();
}

std::string StatusOf(MigratedDatabase& world, std::int64_t id) {
    storage::Transaction tx = world.database().Read();
    const std::string status(lifecycle::Code(Institution(tx, id).status));
    tx.Commit();
    return status;
}

const filing::Actor kActor{0, "test"};

// A draft of `kind` with the profile, the form, the commitment and the materials of `kinds`.
std::int64_t Draft(MigratedDatabase& world, std::int64_t institution, FilingKind kind, bool meals,
                   const std::vector<std::string>& kinds, std::int64_t now, const Json& form = FormBody(),
                   const std::optional<filing::ChangeDeclaration>& change = std::nullopt) {
    storage::Transaction tx = world.database().Write();
    filing::SaveProfile(tx, institution, filing::ReadProfile(ProfileBody(meals), filing::SponsorTypes(tx)), 0, now);
    const FilingRecord draft =
        filing::CreateFiling(tx, Institution(tx, institution), kind, filing::ReadForm(form), change, kActor, now);
    for (const std::string& material : kinds) {
        filing::AddMaterial(tx, draft, material, material + ".pdf", kPdf + material, kActor, now);
    }
    filing::EditDraft(tx, draft, {std::nullopt, std::nullopt, std::string("测试园长")}, now);
    tx.Commit();
    return draft.id;
}

FilingRecord Submit(MigratedDatabase& world, std::int64_t institution, std::int64_t filing_id, std::int64_t now) {
    storage::Transaction tx = world.database().Write();
    const WorkingDayCalendar calendar = reference::calendar::LoadCalendar(tx);
    const FilingRecord submitted = filing::Submit(
        tx, Institution(tx, institution), *filing::FindFiling(tx, Scope::All(), filing_id), calendar, kActor, now);
    tx.Commit();
    return submitted;
}

FilingRecord Accept(MigratedDatabase& world, std::int64_t institution, std::int64_t filing_id, std::int64_t now) {
    storage::Transaction tx = world.database().Write();
    const FilingRecord accepted = filing::Accept(tx, Institution(tx, institution),
                                                 *filing::FindFiling(tx, Scope::All(), filing_id), "", kActor, now);
    tx.Commit();
    return accepted;
}

const std::vector<std::string> kAllButFood = {"business_licence", "site_proof", "staff_certificates",
                                              "hygiene_evaluation", "fire_check"};

std::vector<std::string> WithFood() {
    std::vector<std::string> kinds = kAllButFood;
    kinds.emplace_back("food_licence");
    return kinds;
}

// The ApiError a call ends with (a default one when it ends without).
template <typename Call>
ApiError Refusal(Call call) {
    try {
        call();
    } catch (const ApiError& error) {
        return error;
    }
    return ApiError(0, "", "", "", "");
}

std::vector<std::string> FindingFields(const FilingRecord& filing, const std::string& rule) {
    std::vector<std::string> fields;
    for (const Json& finding : filing.findings) {
        if (finding["rule"] == rule) {
            fields.push_back(finding["field"].get<std::string>());
        }
    }
    return fields;
}

// RULES N43 (备案办法 第8条): a filing carries the 备案书, the 承诺书 and the scans of its materials,
// the food licence only when meals are served; the hygiene evaluation must be rated 合格.
TEST_F(RulesTest, N43_FilingMaterials) {
    MigratedDatabase& world = *world_;
    const std::int64_t nursery = NewInstitution(world, "N43 托育园", "211104004000");
    const std::int64_t draft = Draft(world, nursery, FilingKind::kInitial, true, kAllButFood, kEveOfNationalDay);
    // Meals are served and the food licence is missing: refused, naming it, and nothing changes.
    const ApiError refused = Refusal([&] { Submit(world, nursery, draft, kEveOfNationalDay); });
    EXPECT_EQ(refused.status(), 422);
    EXPECT_EQ(refused.code(), "materials_missing");
    EXPECT_EQ(refused.field(), "materials.food_licence");
    EXPECT_EQ(StatusOf(world, nursery), "registered");
    {
        storage::Transaction tx = world.database().Read();
        EXPECT_EQ(filing::FindFiling(tx, Scope::All(), draft)->state, FilingState::kDraft);
        tx.Commit();
    }
    // No meals: the same materials are complete.
    {
        storage::Transaction tx = world.database().Write();
        filing::SaveProfile(tx, nursery, filing::ReadProfile(ProfileBody(false), filing::SponsorTypes(tx)), 0,
                            kEveOfNationalDay);
        tx.Commit();
    }
    const FilingRecord submitted = Submit(world, nursery, draft, kEveOfNationalDay);
    EXPECT_EQ(submitted.state, FilingState::kSubmitted);
    EXPECT_TRUE(FindingFields(submitted, "N43").empty()) << submitted.findings.dump();
    EXPECT_EQ(submitted.declaration["materials"].size(), kAllButFood.size());
    EXPECT_EQ(submitted.declaration["commitment"]["signatory"], "测试园长");
    EXPECT_EQ(StatusOf(world, nursery), "filing_submitted");

    // A hygiene report rated unqualified is filed, and the reviewer sees an N43 error about it.
    const std::int64_t other = NewInstitution(world, "N43 第二托育园", "211104004000");
    const std::int64_t unqualified =
        Draft(world, other, FilingKind::kInitial, true, WithFood(), kEveOfNationalDay, FormBody("unqualified"));
    const FilingRecord flagged = Submit(world, other, unqualified, kEveOfNationalDay);
    EXPECT_EQ(FindingFields(flagged, "N43"), std::vector<std::string>{"form.hygiene_evaluation_result"});
}

// RULES N44 (备案办法 第9条): the receipt within 5 working days of receipt, a reasoned rejection within 15,
// on the working-day calendar, with the values in force for the institution's region.
TEST_F(RulesTest, N44_ReviewDeadlines) {
    MigratedDatabase& world = *world_;
    const std::int64_t daowa = NewInstitution(world, "N44 大洼托育园", "211104004000");
    const FilingRecord submitted =
        Submit(world, daowa, Draft(world, daowa, FilingKind::kInitial, true, WithFood(), kEveOfNationalDay),
               kEveOfNationalDay);
    ASSERT_TRUE(submitted.deadlines);
    EXPECT_EQ(submitted.deadlines->received_on, "2025-09-30");
    EXPECT_EQ(submitted.deadlines->receipt_due, "2025-10-14");    // past the eight days off and 10-11 worked
    EXPECT_EQ(submitted.deadlines->rejection_due, "2025-10-28");  // fifteen working days
    EXPECT_FALSE(submitted.deadlines->estimated);

    storage::Transaction read = world.database().Read();
    const WorkingDayCalendar calendar = reference::calendar::LoadCalendar(read);
    const std::vector<filing::Transition> history = filing::ListTransitions(read, daowa);
    read.Commit();
    ASSERT_FALSE(history.empty());
    EXPECT_EQ(history.back().event, "submit_filing");
    EXPECT_EQ(history.back().before["status"], "registered");
    EXPECT_EQ(history.back().after["status"], "filing_submitted");
    EXPECT_EQ(history.back().after["receipt_due"], "2025-10-14");

    // The queue's warnings: due soon with one working day left (Monday 10-13), overdue after 10-14.
    const CivilDate receipt = *CivilDate::Parse("2025-10-14");
    const CivilDate rejection = *CivilDate::Parse("2025-10-28");
    EXPECT_EQ(filing::StatusOn(calendar, *CivilDate::Parse("2025-10-10"), receipt, rejection).warning,
              filing::Warning::kOk);
    EXPECT_EQ(filing::StatusOn(calendar, *CivilDate::Parse("2025-10-13"), receipt, rejection).warning,
              filing::Warning::kDueSoon);
    EXPECT_EQ(filing::StatusOn(calendar, *CivilDate::Parse("2025-10-15"), receipt, rejection).warning,
              filing::Warning::kOverdue);

    // Accepted on 10-13: the county's first receipt number of the year, and the institution is filed.
    const FilingRecord accepted = Accept(world, daowa, submitted.id, kEveOfNationalDay + 13 * kDay);
    EXPECT_EQ(accepted.state, FilingState::kAccepted);
    EXPECT_EQ(accepted.receipt_number.rfind("TY-211104-2025-", 0), 0u) << accepted.receipt_number;
    EXPECT_EQ(StatusOf(world, daowa), "filed");
    EXPECT_EQ(Refusal([&] { Accept(world, daowa, submitted.id, kEveOfNationalDay + 13 * kDay); }).code(),
              "filing_not_submitted");

    // A region that sets its own period: here 3 working days, so the same day of receipt is due on
    // the make-up Saturday 10-11; the rejection period stays the national 15.
    SetParameter(world, "filing_receipt_working_days", LocalCounty(world), "3");
    const std::int64_t cixi = NewInstitution(world, "N44 慈溪托育园", kLocalTown);
    const FilingRecord local = Submit(
        world, cixi, Draft(world, cixi, FilingKind::kInitial, true, WithFood(), kEveOfNationalDay), kEveOfNationalDay);
    EXPECT_EQ(local.deadlines->receipt_due, "2025-10-11");
    EXPECT_EQ(local.deadlines->rejection_due, "2025-10-28");

    // A rejection gives its reasons and is published; the institution may file again.
    storage::Transaction tx = world.database().Write();
    const ApiError no_reasons = Refusal([&] {
        filing::Reject(tx, Institution(tx, cixi), *filing::FindFiling(tx, Scope::All(), local.id), {}, "", kActor,
                       kEveOfNationalDay);
    });
    EXPECT_EQ(no_reasons.code(), "required");
    EXPECT_EQ(no_reasons.field(), "reasons");
    const FilingRecord rejected =
        filing::Reject(tx, Institution(tx, cixi), *filing::FindFiling(tx, Scope::All(), local.id),
                       {"生活用房设在地下室", "未提供消防安全检查合格证明"}, "", kActor, kEveOfNationalDay + 8 * kDay);
    tx.Commit();
    EXPECT_EQ(rejected.state, FilingState::kRejected);
    EXPECT_EQ(rejected.rejection_reasons.size(), 2u);
    EXPECT_NE(rejected.published_at, 0);
    EXPECT_EQ(StatusOf(world, cixi), "filing_rejected");
    storage::Transaction after = world.database().Read();
    EXPECT_EQ(filing::ListTransitions(after, cixi).back().reason, "生活用房设在地下室；未提供消防安全检查合格证明");
    after.Commit();
    const std::int64_t again = Draft(world, cixi, FilingKind::kInitial, true, WithFood(), kEveOfNationalDay + 9 * kDay);
    EXPECT_EQ(Submit(world, cixi, again, kEveOfNationalDay + 9 * kDay).state, FilingState::kSubmitted);
}

// RULES N45 (备案办法 第10条; a local period of 15 days): a change is filed within the period after it;
// a later one is taken but flagged, by the days it is late. A change needs a filed institution.
TEST_F(RulesTest, N45_ChangeFilingPeriod) {
    MigratedDatabase& world = *world_;
    const std::int64_t nursery = NewInstitution(world, "N45 托育园", "211104004000");
    const ApiError too_early = Refusal([&] {
        Draft(world, nursery, FilingKind::kChange, true, {"other"}, kEveOfNationalDay, FormBody(),
              filing::ChangeDeclaration{"2025-09-01", {"name"}});
    });
    EXPECT_EQ(too_early.status(), 409);
    EXPECT_EQ(too_early.code(), "invalid_transition");

    const std::int64_t first =
        Draft(world, nursery, FilingKind::kInitial, true, WithFood(), kEveOfNationalDay - 60 * kDay);
    Accept(world, nursery, Submit(world, nursery, first, kEveOfNationalDay - 60 * kDay).id,
           kEveOfNationalDay - 58 * kDay);
    ASSERT_EQ(StatusOf(world, nursery), "filed");

    // Changed on 09-14, filed on 09-30: 16 days after, one day past the 15.
    const FilingRecord late = Submit(world, nursery,
                                     Draft(world, nursery, FilingKind::kChange, true, {"other"}, kEveOfNationalDay,
                                           FormBody(), filing::ChangeDeclaration{"2025-09-14", {"name", "head"}}),
                                     kEveOfNationalDay);
    EXPECT_EQ(late.state, FilingState::kSubmitted);
    EXPECT_EQ(late.days_late, 1);
    ASSERT_EQ(FindingFields(late, "N45"), std::vector<std::string>{"change.date"});
    for (const Json& finding : late.findings) {
        if (finding["rule"] == "N45") {
            EXPECT_EQ(finding["value"], "2025-09-14");
            EXPECT_EQ(finding["limit"], "≤ 15");
            EXPECT_EQ(finding["severity"], "warn");
        }
    }
    EXPECT_EQ(StatusOf(world, nursery), "change_submitted");
    Accept(world, nursery, late.id, kEveOfNationalDay + 9 * kDay);
    EXPECT_EQ(StatusOf(world, nursery), "filed");

    // On the 15th day it is in time.
    const FilingRecord in_time = Submit(world, nursery,
                                        Draft(world, nursery, FilingKind::kChange, true, {"other"}, kEveOfNationalDay,
                                              FormBody(), filing::ChangeDeclaration{"2025-09-15", {"slots"}}),
                                        kEveOfNationalDay);
    EXPECT_EQ(in_time.days_late, 0);
    EXPECT_TRUE(FindingFields(in_time, "N45").empty());

    // Where a region allows 30 days, 16 days after is in time.
    SetParameter(world, "change_filing_days", LocalCounty(world), "30");
    const std::int64_t cixi = NewInstitution(world, "N45 慈溪托育园", kLocalTown);
    const std::int64_t cixi_first =
        Draft(world, cixi, FilingKind::kInitial, true, WithFood(), kEveOfNationalDay - 60 * kDay);
    Accept(world, cixi, Submit(world, cixi, cixi_first, kEveOfNationalDay - 60 * kDay).id,
           kEveOfNationalDay - 58 * kDay);
    const FilingRecord local = Submit(world, cixi,
                                      Draft(world, cixi, FilingKind::kChange, true, {"other"}, kEveOfNationalDay,
                                            FormBody(), filing::ChangeDeclaration{"2025-09-14", {"address"}}),
                                      kEveOfNationalDay);
    EXPECT_EQ(local.days_late, 0);
}

// The review queue through its routes, with a clock the test moves.
class FilingWorkflowTest : public ::testing::Test {
  protected:
    FilingWorkflowTest() : clock_(kEveOfNationalDay) {
        reference::SeedReferenceData(world_.database(), world_.clock());
        world_.AddUser("w_daowa_health", access::Role::kRegulator, "211104000000");
        world_.AddUser("w_panjin_health", access::Role::kRegulator, "211100000000");
        world_.AddUser("w_yuyao_health", access::Role::kRegulator, "330281000000");
        world_.AddUser("w_nursery", access::Role::kInstitutionAdmin, "211104004000", world_.daowa_institution());
        features::RegisterFilingRoutes(router_, std::make_shared<reference::calendar::CalendarCache>());
    }

    struct Reply {
        int status = 0;
        Json body;
    };

    // Signs in at the clock's time (sessions last 12 hours, and the test moves by days).
    Reply Call(const std::string& user, const std::string& method, const std::string& path,
               const std::string& body = "", const std::string& content_type = "application/json") {
        const access::LoginResult login = authenticator_.Login(user, "Correct#Horse9", "127.0.0.1");
        http::Request request;
        request.method = method;
        const auto question = path.find('?');
        request.path = path.substr(0, question);
        if (question != std::string::npos) {
            std::string query = path.substr(question + 1);
            for (std::size_t at = 0; at <= query.size();) {
                const std::size_t end = std::min(query.find('&', at), query.size());
                const std::string pair = query.substr(at, end - at);
                const std::size_t equals = pair.find('=');
                request.query.emplace(pair.substr(0, equals),
                                      equals == std::string::npos ? "" : pair.substr(equals + 1));
                at = end + 1;
            }
        }
        request.headers["cookie"] = std::string(http::kSessionCookie) + "=" + login.session_token;
        request.headers["x-csrf-token"] = login.principal.csrf_token;
        if (!body.empty()) {
            request.headers["content-type"] = content_type;
        }
        request.body = body;
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

TEST_F(FilingWorkflowTest, QueueWarnsBeforeAndAfterTheDeadlinesAcrossNationalDay) {
    const std::string institution = std::to_string(world_.daowa_institution());
    ASSERT_EQ(
        Call("w_nursery", "PUT", "/api/v1/institutions/" + institution + "/profile", ProfileBody(true).dump()).status,
        200);
    const Reply created = Call("w_nursery", "POST", "/api/v1/institutions/" + institution + "/filings",
                               Json{{"kind", "initial"}, {"form", FormBody()}}.dump());
    ASSERT_EQ(created.status, 201) << created.body.dump();
    const std::string filing = "/api/v1/filings/" + std::to_string(created.body["id"].get<std::int64_t>());
    for (const std::string& kind : WithFood()) {
        ASSERT_EQ(Call("w_nursery", "POST", filing + "/materials?kind=" + kind, kPdf + kind, "application/pdf").status,
                  201);
    }
    ASSERT_EQ(
        Call("w_nursery", "PATCH", filing, Json{{"commitment", {{"signatory", "测试园长"}, {"accepted", true}}}}.dump())
            .status,
        200);
    const Reply submitted = Call("w_nursery", "POST", filing + "/submit", "{}");
    ASSERT_EQ(submitted.status, 200) << submitted.body.dump();
    EXPECT_EQ(submitted.body["deadlines"]["receipt_due"], "2025-10-14");
    EXPECT_EQ(submitted.body["deadlines"]["warning"], "ok");
    EXPECT_EQ(submitted.body["deadlines"]["receipt_working_days_left"], 5);

    // Monday 10-13: one working day left.
    At(kEveOfNationalDay + 13 * kDay);
    Reply queue = Call("w_daowa_health", "GET", "/api/v1/filings/queue");
    ASSERT_EQ(queue.status, 200) << queue.body.dump();
    ASSERT_EQ(queue.body["total"], 1);
    EXPECT_EQ(queue.body["today"], "2025-10-13");
    EXPECT_EQ(queue.body["items"][0]["deadlines"]["warning"], "due_soon");
    EXPECT_EQ(queue.body["items"][0]["deadlines"]["receipt_working_days_left"], 1);
    EXPECT_EQ(Call("w_daowa_health", "GET", "/api/v1/filings/queue?warning=due_soon").body["total"], 1);
    EXPECT_EQ(Call("w_daowa_health", "GET", "/api/v1/filings/queue?warning=overdue").body["total"], 0);

    // Wednesday 10-15: overdue; the city above sees it among its counties' overdue filings, 余姚 does not.
    At(kEveOfNationalDay + 15 * kDay);
    queue = Call("w_daowa_health", "GET", "/api/v1/filings/queue");
    EXPECT_EQ(queue.body["items"][0]["deadlines"]["warning"], "overdue");
    EXPECT_EQ(queue.body["items"][0]["deadlines"]["receipt_working_days_left"], -1);
    EXPECT_EQ(queue.body["items"][0]["deadlines"]["rejection_working_days_left"], 9);
    const Reply city = Call("w_panjin_health", "GET", "/api/v1/filings/queue?warning=overdue");
    ASSERT_EQ(city.body["total"], 1) << city.body.dump();
    EXPECT_EQ(city.body["items"][0]["region_code"], "211104004000");
    EXPECT_EQ(Call("w_yuyao_health", "GET", "/api/v1/filings/queue").body["total"], 0);
    EXPECT_EQ(Call("w_yuyao_health", "POST", filing + "/accept", "{}").status, 404);

    // Accepted late, still accepted: the receipt is issued and the queue is empty.
    const Reply accepted = Call("w_daowa_health", "POST", filing + "/accept", "{}");
    ASSERT_EQ(accepted.status, 200) << accepted.body.dump();
    EXPECT_EQ(accepted.body["state"], "accepted");
    EXPECT_EQ(accepted.body["receipt_number"], "TY-211104-2025-0001");
    EXPECT_EQ(Call("w_daowa_health", "GET", "/api/v1/filings/queue").body["total"], 0);
    const Reply history = Call("w_nursery", "GET", "/api/v1/institutions/" + institution + "/transitions");
    ASSERT_EQ(history.status, 200);
    ASSERT_EQ(history.body["items"].size(), 2u) << history.body.dump();
    EXPECT_EQ(history.body["items"][1]["event"], "accept_filing");
    EXPECT_EQ(history.body["items"][1]["actor_username"], "w_daowa_health");
    EXPECT_EQ(history.body["items"][1]["after"]["receipt_number"], "TY-211104-2025-0001");
}

// Submission runs the standards check in force for the region and the site-hazard check, and keeps
// their findings with the filing.
TEST(FilingChecksTest, SubmissionStoresTheStandardsAndSiteFindings) {
    MigratedDatabase world;
    reference::SeedReferenceData(world.database(), world.clock());
    {
        // A petrol station about 30 m north of the site; the distance in force for one is 50 m (S3).
        storage::Transaction tx = world.database().Write();
        const geo::Geometry station = geo::ReadWkt("POINT(122.07 40.99027)", "geometry");
        reference::hazards::Draft draft;
        draft.kind = "petrol_station";
        draft.name = "测试加油站";
        draft.region_code = "211104000000";
        draft.geometry = &station;
        draft.source = "测试";
        reference::hazards::Insert(tx, draft, "test", world.clock().NowMillis());
        tx.Commit();
    }
    const std::int64_t nursery = world.daowa_institution();
    const std::int64_t draft = Draft(world, nursery, FilingKind::kInitial, true, WithFood(), kEveOfNationalDay);
    {
        // 100 slots on 600 m²: 6 m² a child, below the 8 of S1.
        Json crowded = ProfileBody(true);
        crowded["slots"] = 100;
        storage::Transaction tx = world.database().Write();
        filing::SaveProfile(tx, nursery, filing::ReadProfile(crowded, filing::SponsorTypes(tx)), 0, kEveOfNationalDay);
        tx.Commit();
    }
    const FilingRecord submitted = Submit(world, nursery, draft, kEveOfNationalDay);
    std::map<std::string, std::string> severity_of;
    for (const Json& finding : submitted.findings) {
        severity_of[finding["rule"].get<std::string>()] = finding["severity"].get<std::string>();
        EXPECT_FALSE(finding["message_zh"].get<std::string>().empty()) << finding.dump();
    }
    EXPECT_EQ(severity_of["S1"], "fail") << submitted.findings.dump();
    EXPECT_EQ(severity_of["S3"], "fail") << submitted.findings.dump();
    EXPECT_EQ(severity_of.count("N43"), 0u) << "the materials are this module's, and all present";
    // The profile as filed: its coordinates with their system, and the same point in WGS-84.
    EXPECT_EQ(submitted.declaration["profile"]["location"]["coordinate_system"], "wgs84");
    EXPECT_DOUBLE_EQ(submitted.declaration["profile"]["location"]["wgs84"]["latitude"].get<double>(), 40.99);
}

}  // namespace
}  // namespace tuoyu::test
