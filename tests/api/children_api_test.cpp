// Children over HTTP (issue 7): enrolment refused by the rules it rests on (N1, N2, N22–N25) with nothing
// stored, the live ratio of a class over a day with children and caregivers arriving and leaving (N3),
// check-out only to authorised persons, duplicate and future check-ins refused, 晨午检 abnormalities and
// infectious diseases reaching the guardian (N26, N27), outdoor time (N28), identity numbers sealed, and a
// guardian who reaches their own child only.

#include <gtest/gtest.h>

#include <array>
#include <chrono>

#include "api/api_support.hpp"
#include "core/id_number.hpp"
#include "core/working_days.hpp"
#include "storage/query.hpp"

namespace tuoyu::test::api {
namespace {

Json With(Json base, const Json& patch) {
    base.merge_patch(patch);
    return base;
}

CivilDate Today() {
    return ShanghaiDate(
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
            .count());
}

class ChildrenApiTest : public ::testing::Test {
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
    static void Execute(const std::string& sql) {
        storage::Transaction tx = database_->Write();
        storage::Query(sql).Execute(tx);
        tx.Commit();
    }
    // What a refused call must leave as it was.
    static std::array<std::int64_t, 5> Stored() {
        return {Count("SELECT COUNT(*) FROM children"),
                Count("SELECT COUNT(*) FROM children WHERE status = 'enrolled'"),
                Count("SELECT COUNT(*) FROM child_attendance"), Count("SELECT COUNT(*) FROM child_contacts"),
                Count("SELECT COUNT(*) FROM ratio_breaches")};
    }
    static HttpClient& Nursery() { return site_->As("daowa_nursery"); }
    static HttpClient& Carer() { return site_->As("daowa_carer"); }
    static std::string Institution(const std::string& tail) {
        return "/api/v1/institutions/" + std::to_string(daowa_) + tail;
    }
    static std::string Child(std::int64_t id, const std::string& tail = "") {
        return "/api/v1/children/" + std::to_string(id) + tail;
    }

    // A child of `age_days` entered by the nursery with a guardian who may collect it and a neighbour who
    // may not.
    static Json ChildBody(int age_days) {
        const int n = ++counter_;
        const CivilDate birth = Today().AddDays(-age_days);
        std::string digits = birth.ToString();
        digits.erase(7, 1).erase(4, 1);
        const std::string first = "211104" + digits + std::to_string(200 + n).substr(0, 3);
        const std::string number = first + *id_number::CheckCharacter(first);
        return {{"name", "测试幼儿" + std::to_string(n)},
                {"id_number", number},
                {"birth_date", birth.ToString()},
                {"sex", (number[16] - '0') % 2 == 1 ? "male" : "female"},
                {"contacts",
                 {{{"name", "测试妈妈" + std::to_string(n)},
                   {"relationship", "mother"},
                   {"phone", "13900006666"},
                   {"guardian", true},
                   {"can_pick_up", true}},
                  {{"name", "邻居" + std::to_string(n)}, {"relationship", "other"}, {"phone", "13900007777"}}}}};
    }
    struct Entered {
        std::int64_t id = 0;
        std::int64_t guardian = 0;
        std::int64_t neighbour = 0;
    };
    static Entered Enter(int age_days) {
        const HttpResponse reply = Nursery().Post(Institution("/children"), ChildBody(age_days).dump());
        EXPECT_EQ(reply.status, 201) << reply.body;
        const Json body = reply.Json();
        return {body.value("id", std::int64_t{0}), body["contacts"][0].value("id", std::int64_t{0}),
                body["contacts"][1].value("id", std::int64_t{0})};
    }
    static Json Enrolment(std::int64_t class_id) {
        const std::string today = Today().ToString();
        return {{"class_id", class_id},   {"agreement_signed_on", today}, {"vaccination_checked_on", today},
                {"entry_exam_on", today}, {"entry_exam_passed", true},    {"enrolled_on", today}};
    }
    static std::int64_t NewClass(const std::string& type) {
        const HttpResponse reply =
            Nursery().Post(Institution("/classes"),
                           Json{{"name", "测试班" + std::to_string(++counter_)}, {"class_type", type}}.dump());
        EXPECT_EQ(reply.status, 201) << reply.body;
        return reply.Json().value("id", std::int64_t{0});
    }
    static Entered Enrolled(int age_days, std::int64_t class_id) {
        Execute("UPDATE institutions SET slots = 100000 WHERE id = " + std::to_string(daowa_));
        const Entered child = Enter(age_days);
        const HttpResponse reply = Nursery().Post(Child(child.id, "/enrol"), Enrolment(class_id).dump());
        EXPECT_EQ(reply.status, 200) << reply.body;
        return child;
    }
    static std::int64_t HireCaregiver() {
        const int n = ++counter_;
        const std::string first = "21110419900101" + std::to_string(300 + n).substr(0, 3);
        const HttpResponse reply =
            Nursery().Post(Institution("/staff"), Json{{"name", "测试保育员" + std::to_string(n)},
                                                       {"id_number", first + *id_number::CheckCharacter(first)},
                                                       {"role", "caregiver"},
                                                       {"education", "大专"},
                                                       {"start_on", "2025-09-01"}}
                                                      .dump());
        EXPECT_EQ(reply.status, 201) << reply.body;
        return reply.Json().value("id", std::int64_t{0});
    }
    static Json ClassOf(std::int64_t class_id) {
        const Json classes = Nursery().Get(Institution("/classes")).Json();
        for (const Json& item : classes["items"]) {
            if (item["id"] == class_id) {
                return item;
            }
        }
        return nullptr;
    }
    static void ExpectRefused(const HttpResponse& reply, int status, const std::string& code,
                              const std::string& rule = "") {
        EXPECT_EQ(reply.status, status) << reply.body;
        const Json body = reply.Json();
        EXPECT_EQ(body.value("code", ""), code) << reply.body;
        EXPECT_FALSE(body.value("message_zh", "").empty());
        EXPECT_FALSE(body.value("message_en", "").empty());
        if (!rule.empty()) {
            EXPECT_EQ(body.value("rule", ""), rule) << reply.body;
            EXPECT_NE(body.value("message_zh", "").find(rule), std::string::npos) << reply.body;
        }
    }

    static DemoSite* site_;
    static storage::Database* database_;
    static std::int64_t daowa_;
    static std::int64_t yuyao_;
    static int counter_;
};

DemoSite* ChildrenApiTest::site_ = nullptr;
storage::Database* ChildrenApiTest::database_ = nullptr;
std::int64_t ChildrenApiTest::daowa_ = 0;
std::int64_t ChildrenApiTest::yuyao_ = 0;
int ChildrenApiTest::counter_ = 0;

TEST_F(ChildrenApiTest, N22_EnrolmentNeverExceedsTheFiledSlots) {
    const std::int64_t klass = NewClass("toddler_class");
    const Entered first = Enter(500);
    const Entered second = Enter(510);
    const std::int64_t enrolled =
        Count("SELECT COUNT(*) FROM children WHERE status = 'enrolled' AND institution_id = " + std::to_string(daowa_));
    Execute("UPDATE institutions SET slots = " + std::to_string(enrolled + 1) +
            " WHERE id = " + std::to_string(daowa_));
    ASSERT_EQ(Nursery().Post(Child(first.id, "/enrol"), Enrolment(klass).dump()).status, 200);
    const auto before = Stored();
    ExpectRefused(Nursery().Post(Child(second.id, "/enrol"), Enrolment(klass).dump()), 422, "slots_full", "N22");
    EXPECT_EQ(Stored(), before);
    Execute("UPDATE institutions SET slots = NULL WHERE id = " + std::to_string(daowa_));
    ExpectRefused(Nursery().Post(Child(second.id, "/enrol"), Enrolment(klass).dump()), 422, "slots_not_filed", "N22");
    Execute("UPDATE institutions SET slots = 100000 WHERE id = " + std::to_string(daowa_));
    EXPECT_EQ(Nursery().Post(Child(second.id, "/enrol"), Enrolment(klass).dump()).status, 200);
}

TEST_F(ChildrenApiTest, N23_ServiceAgreementBeforeEntry) {
    Execute("UPDATE institutions SET slots = 100000 WHERE id = " + std::to_string(daowa_));
    const Entered child = Enter(500);
    Json body = Enrolment(NewClass("toddler_class"));
    body.erase("agreement_signed_on");
    const auto before = Stored();
    ExpectRefused(Nursery().Post(Child(child.id, "/enrol"), body.dump()), 422, "agreement_missing", "N23");
    EXPECT_EQ(Stored(), before);
}

TEST_F(ChildrenApiTest, N24_VaccinationCheckAndEntryExaminationBeforeEntry) {
    Execute("UPDATE institutions SET slots = 100000 WHERE id = " + std::to_string(daowa_));
    const Entered child = Enter(500);
    const std::int64_t klass = NewClass("toddler_class");
    const auto before = Stored();
    Json body = Enrolment(klass);
    body.erase("vaccination_checked_on");
    ExpectRefused(Nursery().Post(Child(child.id, "/enrol"), body.dump()), 422, "vaccination_unchecked", "N24");
    body = Enrolment(klass);
    body["entry_exam_passed"] = false;
    ExpectRefused(Nursery().Post(Child(child.id, "/enrol"), body.dump()), 422, "entry_exam_missing", "N24");
    body = Enrolment(klass);
    body["entry_exam_on"] = Today().AddDays(1).ToString();
    ExpectRefused(Nursery().Post(Child(child.id, "/enrol"), body.dump()), 422, "date_in_future");
    EXPECT_EQ(Stored(), before);
    EXPECT_EQ(Nursery().Post(Child(child.id, "/enrol"), Enrolment(klass).dump()).status, 200);
}

TEST_F(ChildrenApiTest, N1_ChildTooYoungOrTooOldForTheClassIsRefused) {
    Execute("UPDATE institutions SET slots = 100000 WHERE id = " + std::to_string(daowa_));
    const Entered toddler = Enter(500);  // 16 months
    const auto before = Stored();
    ExpectRefused(Nursery().Post(Child(toddler.id, "/enrol"), Enrolment(NewClass("older_toddler_class")).dump()), 422,
                  "class_age_mismatch", "N1");
    ExpectRefused(Nursery().Post(Child(toddler.id, "/enrol"), Enrolment(NewClass("infant_class")).dump()), 422,
                  "class_age_mismatch", "N1");
    // N4: a mixed class takes children from 18 months.
    ExpectRefused(Nursery().Post(Child(toddler.id, "/enrol"), Enrolment(NewClass("mixed_class")).dump()), 422,
                  "class_age_mismatch", "N4");
    EXPECT_EQ(Stored(), before);
    // A child of three or more is not entered at all.
    const auto entered = Stored();
    ExpectRefused(Nursery().Post(Institution("/children"), ChildBody(3 * 366).dump()), 422, "child_too_old");
    EXPECT_EQ(Stored(), entered);
}

TEST_F(ChildrenApiTest, N2_ClassOverItsSizeIsRefused) {
    const std::int64_t klass = NewClass("infant_class");  // at most 10
    for (int i = 0; i < 10; ++i) {
        Enrolled(250, klass);
    }
    const Entered eleventh = Enter(250);
    const auto before = Stored();
    ExpectRefused(Nursery().Post(Child(eleventh.id, "/enrol"), Enrolment(klass).dump()), 422, "class_full", "N2");
    EXPECT_EQ(Stored(), before);
    EXPECT_EQ(ClassOf(klass)["enrolled"], 10);
    EXPECT_EQ(ClassOf(klass)["max_children"], 10);
}

// N3 over a day: a 托小班 (1:5) with one caregiver takes five children; the sixth opens a breach at once,
// a second caregiver closes it, and a caregiver leaving early opens another until a child leaves.
TEST_F(ChildrenApiTest, N3_LiveRatioFollowsArrivalsAndDepartures) {
    const std::int64_t klass = NewClass("toddler_class");
    std::vector<Entered> children;
    for (int i = 0; i < 6; ++i) {
        children.push_back(Enrolled(450 + i, klass));
    }
    const std::int64_t first = HireCaregiver();
    const std::int64_t second = HireCaregiver();
    auto duty = [&](std::int64_t staff, const std::string& action) {
        Json body{{"staff_id", staff}, {"action", action}};
        if (action == "in") {
            body["class_id"] = klass;
        }
        const HttpResponse reply = Carer().Post(Institution("/staff-attendance"), body.dump());
        EXPECT_EQ(reply.status, 200) << reply.body;
        return reply.Json()["class"];
    };
    auto arrive = [&](const Entered& child) {
        const HttpResponse reply =
            Carer().Post(Child(child.id, "/check-in"), Json{{"brought_by", child.guardian}}.dump());
        EXPECT_EQ(reply.status, 200) << reply.body;
        return reply.Json()["class"];
    };
    EXPECT_EQ(duty(first, "in")["present_caregivers"], 1);
    for (int i = 0; i < 5; ++i) {
        const Json state = arrive(children[static_cast<std::size_t>(i)]);
        EXPECT_TRUE(state["ratio_ok"].get<bool>()) << state.dump();
    }
    Json state = arrive(children[5]);
    EXPECT_EQ(state["present_children"], 6);
    EXPECT_EQ(state["caregivers_needed"], 2);
    EXPECT_TRUE(state["breach_open"].get<bool>()) << state.dump();
    EXPECT_FALSE(state["ratio_ok"].get<bool>());
    state = duty(second, "in");
    EXPECT_FALSE(state["breach_open"].get<bool>()) << state.dump();
    state = duty(first, "out");
    EXPECT_TRUE(state["breach_open"].get<bool>()) << state.dump();
    const HttpResponse out =
        Carer().Post(Child(children[5].id, "/check-out"), Json{{"collected_by", children[5].guardian}}.dump());
    ASSERT_EQ(out.status, 200) << out.body;
    EXPECT_FALSE(out.Json()["class"]["breach_open"].get<bool>()) << out.body;
    EXPECT_EQ(out.Json()["class"]["present_children"], 5);

    // The day's register shows both stretches with the rule; the regulator counts them.
    const HttpResponse day = site_->As("daowa_health").Get(Institution("/attendance"));
    ASSERT_EQ(day.status, 200) << day.body;
    Json breaches;
    const Json register_of_day = day.Json();
    for (const Json& item : register_of_day["classes"]) {
        if (item["id"] == klass) {
            breaches = item["breaches"];
        }
    }
    ASSERT_EQ(breaches.size(), 2u) << day.body;
    for (const Json& breach : breaches) {
        EXPECT_EQ(breach["rule"], "N3");
        EXPECT_FALSE(breach["to"].is_null());
        EXPECT_EQ(breach["needed"], 2);
    }
    const HttpResponse figures = site_->As("daowa_health").Get("/api/v1/children/figures?page_size=500");
    ASSERT_EQ(figures.status, 200) << figures.body;
    EXPECT_GE(figures.Json()["sum"]["breaches"].get<int>(), 2);
}

// A caregiver whose employment ends while on duty can still be taken off duty, and the class stops
// counting them.
TEST_F(ChildrenApiTest, CaregiverLeavingWhileOnDutyIsTakenOffDuty) {
    const std::int64_t klass = NewClass("toddler_class");
    const std::int64_t staff = HireCaregiver();
    ASSERT_EQ(Carer()
                  .Post(Institution("/staff-attendance"),
                        Json{{"staff_id", staff}, {"action", "in"}, {"class_id", klass}}.dump())
                  .status,
              200);
    EXPECT_EQ(ClassOf(klass)["present_caregivers"], 1);
    ASSERT_EQ(Nursery()
                  .Post("/api/v1/staff/" + std::to_string(staff) + "/end",
                        Json{{"end_on", Today().ToString()}, {"reason", "辞职"}}.dump())
                  .status,
              200);
    const HttpResponse out =
        Carer().Post(Institution("/staff-attendance"), Json{{"staff_id", staff}, {"action", "out"}}.dump());
    ASSERT_EQ(out.status, 200) << out.body;
    EXPECT_EQ(ClassOf(klass)["present_caregivers"], 0);
    ExpectRefused(Carer().Post(Institution("/staff-attendance"), Json{{"staff_id", staff}, {"action", "out"}}.dump()),
                  409, "not_on_duty");
}

TEST_F(ChildrenApiTest, CheckOutOnlyToAnAuthorisedPerson) {
    const Entered child = Enrolled(480, NewClass("toddler_class"));
    ASSERT_EQ(Carer().Post(Child(child.id, "/check-in"), Json{{"brought_by", child.neighbour}}.dump()).status, 200);
    const auto before = Stored();
    ExpectRefused(Carer().Post(Child(child.id, "/check-out"), Json{{"collected_by", child.neighbour}}.dump()), 422,
                  "pickup_not_authorised");
    EXPECT_EQ(Stored(), before);
    const Json day = Carer().Get(Child(child.id, "/days/" + Today().ToString())).Json();
    EXPECT_TRUE(day["attendance"]["check_out_at"].is_null()) << day.dump();
    const HttpResponse out = Carer().Post(Child(child.id, "/check-out"), Json{{"collected_by", child.guardian}}.dump());
    ASSERT_EQ(out.status, 200) << out.body;
    EXPECT_EQ(out.Json()["attendance"]["collected_by_name"].get<std::string>().rfind("测试妈妈", 0), 0u) << out.body;
}

TEST_F(ChildrenApiTest, DuplicateAndFutureCheckInsAreRefused) {
    const Entered child = Enrolled(480, NewClass("toddler_class"));
    const auto before = Stored();
    const auto future = std::chrono::system_clock::now() + std::chrono::hours(2);
    const std::time_t t = std::chrono::system_clock::to_time_t(future);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
    ExpectRefused(Carer().Post(Child(child.id, "/check-in"), Json{{"brought_by", child.guardian}, {"at", text}}.dump()),
                  422, "time_in_future");
    ExpectRefused(Carer().Post(Child(child.id, "/check-in"),
                               Json{{"brought_by", child.guardian}, {"at", "2025-01-02T01:00:00Z"}}.dump()),
                  422, "time_not_today");
    ExpectRefused(Carer().Post(Child(child.id, "/check-in"), Json{{"brought_by", 999999}}.dump()), 422,
                  "invalid_contact");
    EXPECT_EQ(Stored(), before);
    ASSERT_EQ(Carer().Post(Child(child.id, "/check-in"), Json{{"brought_by", child.guardian}}.dump()).status, 200);
    const auto once = Stored();
    ExpectRefused(Carer().Post(Child(child.id, "/check-in"), Json{{"brought_by", child.guardian}}.dump()), 409,
                  "already_checked_in");
    EXPECT_EQ(Stored(), once);
    // A child not enrolled has no attendance.
    const Entered applied = Enter(480);
    ExpectRefused(Carer().Post(Child(applied.id, "/check-in"), Json{{"brought_by", applied.guardian}}.dump()), 409,
                  "not_enrolled");
}

TEST_F(ChildrenApiTest, N25_ChildAwayThreeMonthsIsExaminedBeforeReturning) {
    const Entered child = Enrolled(700, NewClass("toddler_class"));
    // Last present 100 days ago.
    Execute("INSERT INTO child_attendance (child_id, institution_id, day, in_at, updated_at) VALUES (" +
            std::to_string(child.id) + ", " + std::to_string(daowa_) + ", '" + Today().AddDays(-100).ToString() +
            "', 1, 1)");
    const auto before = Stored();
    ExpectRefused(Carer().Post(Child(child.id, "/check-in"), Json{{"brought_by", child.guardian}}.dump()), 422,
                  "recheck_required", "N25");
    EXPECT_EQ(Stored(), before);
    EXPECT_TRUE(Nursery().Get(Child(child.id)).Json()["recheck_needed"].get<bool>());
    ExpectRefused(
        Nursery().Post(Child(child.id, "/recheck"), Json{{"exam_on", Today().ToString()}, {"passed", false}}.dump()),
        422, "recheck_not_passed", "N25");
    ASSERT_EQ(Nursery()
                  .Post(Child(child.id, "/recheck"), Json{{"exam_on", Today().ToString()}, {"passed", true}}.dump())
                  .status,
              200);
    EXPECT_EQ(Carer().Post(Child(child.id, "/check-in"), Json{{"brought_by", child.guardian}}.dump()).status, 200);
}

// N26 and N27 through the demo guardian: 张小宝 (the demo's child of parent_zhang).
TEST_F(ChildrenApiTest, N26_AbnormalCheckReachesTheGuardianAtOnce) {
    const HttpResponse mine = site_->As("parent_zhang").Get("/api/v1/guardian/children");
    ASSERT_EQ(mine.status, 200) << mine.body;
    ASSERT_EQ(mine.Json()["items"].size(), 1u) << mine.body;
    const std::int64_t id = mine.Json()["items"][0]["child"]["id"].get<std::int64_t>();
    const HttpResponse check = Carer().Post(Child(id, "/health-checks"), Json{{"kind", "morning"},
                                                                              {"temperature", 37.9},
                                                                              {"findings", "咽部发红"},
                                                                              {"action", "保健观察室观察"},
                                                                              {"abnormal", true}}
                                                                             .dump());
    ASSERT_EQ(check.status, 201) << check.body;
    EXPECT_TRUE(check.Json()["guardian_notified"].get<bool>());
    ExpectRefused(Carer().Post(Child(id, "/health-checks"), Json{{"kind", "noon"}, {"abnormal", true}}.dump()), 422,
                  "required");
    ExpectRefused(Carer().Post(Child(id, "/health-checks"), Json{{"kind", "noon"}, {"temperature", 45}}.dump()), 422,
                  "out_of_range");
    const Json today = site_->As("parent_zhang").Get("/api/v1/guardian/children").Json()["items"][0]["today"];
    ASSERT_EQ(today["health_checks"].size(), 1u) << today.dump();
    EXPECT_TRUE(today["health_checks"][0]["abnormal"].get<bool>());
    EXPECT_EQ(today["health_checks"][0]["temperature"], 37.9);
    ASSERT_FALSE(today["notices"].empty());
    EXPECT_NE(today["notices"][0]["message"].get<std::string>().find("咽部发红"), std::string::npos);
}

TEST_F(ChildrenApiTest, InstitutionNoticeReachesTheGuardiansOfEnrolledChildren) {
    ExpectRefused(Carer().Post(Institution("/notices"), Json{{"message", "  "}}.dump()), 422, "required");
    ExpectRefused(Carer().Post(Institution("/notices"), Json{{"message", "x"}, {"class_id", 999999}}.dump()), 422,
                  "invalid_class");
    const HttpResponse sent = Carer().Post(Institution("/notices"), Json{{"message", "本周五下午家长开放日"}}.dump());
    ASSERT_EQ(sent.status, 201) << sent.body;
    EXPECT_EQ(sent.Json()["children"].get<std::int64_t>(),
              Count("SELECT COUNT(*) FROM children WHERE status = 'enrolled' AND institution_id = " +
                    std::to_string(daowa_)));
    const Json today = site_->As("parent_zhang").Get("/api/v1/guardian/children").Json()["items"][0]["today"];
    bool seen = false;
    for (const Json& notice : today["notices"]) {
        seen = seen || notice["message"] == "本周五下午家长开放日";
    }
    EXPECT_TRUE(seen) << today.dump();
    // Another county's institution is out of reach.
    EXPECT_EQ(Carer()
                  .Post("/api/v1/institutions/" + std::to_string(yuyao_) + "/notices", Json{{"message", "x"}}.dump())
                  .status,
              404);
}

TEST_F(ChildrenApiTest, N27_InfectiousDiseaseReportTellsTheGuardianToSeeADoctor) {
    const Json mine = site_->As("parent_zhang").Get("/api/v1/guardian/children").Json();
    const std::int64_t id = mine["items"][0]["child"]["id"].get<std::int64_t>();
    ExpectRefused(Carer().Post(Child(id, "/health-events"),
                               Json{{"kind", "infectious_disease"}, {"note", "手足口病疑似"}}.dump()),
                  422, "required");
    const HttpResponse event =
        Carer().Post(Child(id, "/health-events"),
                     Json{{"kind", "infectious_disease"}, {"disease", "手足口病"}, {"note", "手心疱疹"}}.dump());
    ASSERT_EQ(event.status, 201) << event.body;
    const Json day = site_->As("parent_zhang").Get(Child(id, "/days/" + Today().ToString())).Json();
    bool told = false;
    for (const Json& notice : day["notices"]) {
        told = told || (notice["kind"] == "infectious_disease" &&
                        notice["message"].get<std::string>().find("健康证明") != std::string::npos);
    }
    EXPECT_TRUE(told) << day.dump();
    EXPECT_EQ(day["health_events"][0]["disease"], "手足口病");
    // The child comes back on a health certificate only.
    const Json detail = Nursery().Get(Child(id)).Json();
    const std::int64_t father = detail["contacts"][0]["id"].get<std::int64_t>();
    const auto before = Stored();
    ExpectRefused(Carer().Post(Child(id, "/check-in"), Json{{"brought_by", father}}.dump()), 422,
                  "return_certificate_required", "N27");
    EXPECT_EQ(Stored(), before);
    ASSERT_EQ(Carer()
                  .Post(Child(id, "/health-events"),
                        Json{{"kind", "return_certificate"}, {"note", "区妇幼保健院证明已痊愈"}}.dump())
                  .status,
              201);
    EXPECT_EQ(Carer().Post(Child(id, "/check-in"), Json{{"brought_by", father}}.dump()).status, 200);
}

TEST_F(ChildrenApiTest, N28_DailyRecordShowsShortOutdoorTime) {
    const Entered child = Enrolled(480, NewClass("toddler_class"));
    const std::string path = Child(child.id, "/daily/" + Today().ToString());
    HttpResponse reply = Carer().Request("PUT", path, Json{{"meals", "午餐全吃"}, {"outdoor_minutes", 60}}.dump(), {});
    ASSERT_EQ(reply.status, 200) << reply.body;
    ASSERT_EQ(reply.Json()["findings"].size(), 1u) << reply.body;
    EXPECT_EQ(reply.Json()["findings"][0]["rule"], "N28");
    reply = Carer().Request("PUT", path,
                            Json{{"meals", "午餐全吃"}, {"outdoor_minutes", 125}, {"nap_minutes", 90}}.dump(), {});
    ASSERT_EQ(reply.status, 200) << reply.body;
    EXPECT_TRUE(reply.Json()["findings"].empty()) << reply.body;
    ExpectRefused(Carer().Request("PUT", Child(child.id, "/daily/" + Today().AddDays(1).ToString()), "{}", {}), 422,
                  "date_in_future");
    ExpectRefused(Carer().Request("PUT", path, Json{{"nap_minutes", 2000}}.dump(), {}), 422, "out_of_range");
    const Json day = Carer().Get(Child(child.id, "/days/" + Today().ToString())).Json();
    EXPECT_EQ(day["daily"]["outdoor_minutes"], 125);
}

TEST_F(ChildrenApiTest, GuardianReachesOwnChildOnly) {
    HttpClient& guardian = site_->As("parent_zhang");
    const Entered other = Enrolled(480, NewClass("toddler_class"));
    const std::string today = Today().ToString();
    EXPECT_EQ(guardian.Get(Child(other.id)).status, 404);
    EXPECT_EQ(guardian.Get(Child(other.id, "/days/" + today)).status, 404);
    EXPECT_EQ(guardian.Post(Child(other.id, "/absence"), Json{{"day", today}, {"reason", "生病"}}.dump()).status, 404);
    EXPECT_EQ(
        guardian.Post(Child(other.id, "/consents"), Json{{"contact_id", other.guardian}, {"purpose", "photos"}}.dump())
            .status,
        404);
    EXPECT_EQ(guardian.Get(Institution("/children")).status, 403);
    EXPECT_EQ(guardian.Get(Institution("/attendance")).status, 403);
    EXPECT_EQ(guardian.Post(Child(other.id, "/check-in"), Json{{"brought_by", other.guardian}}.dump()).status, 403);
    const Json mine = guardian.Get("/api/v1/guardian/children").Json();
    for (const Json& item : mine["items"]) {
        EXPECT_NE(item["child"]["id"], other.id);
    }
    // The guardian's own child: the day and an absence reported ahead.
    const std::int64_t own = mine["items"][0]["child"]["id"].get<std::int64_t>();
    EXPECT_EQ(guardian.Get(Child(own, "/days/" + today)).status, 200);
    const HttpResponse absence = guardian.Post(
        Child(own, "/absence"), Json{{"day", Today().AddDays(3).ToString()}, {"reason", "回老家"}}.dump());
    ASSERT_EQ(absence.status, 201) << absence.body;
    EXPECT_TRUE(absence.Json()["absence_reported_by_guardian"].get<bool>());
}

TEST_F(ChildrenApiTest, UnexplainedAbsenceIsFollowedUpByANamedStaffMember) {
    const Entered child = Enrolled(480, NewClass("toddler_class"));
    const std::string today = Today().ToString();
    const HttpResponse absent = Carer().Post(Child(child.id, "/absence"), Json{{"day", today}}.dump());
    ASSERT_EQ(absent.status, 201) << absent.body;
    EXPECT_TRUE(absent.Json()["needs_follow_up"].get<bool>());
    ExpectRefused(
        Carer().Post(Child(child.id, "/follow-up"), Json{{"day", today}, {"staff_id", 999999}, {"note", "x"}}.dump()),
        422, "invalid_staff");
    const std::int64_t staff = HireCaregiver();
    const HttpResponse done =
        Carer().Post(Child(child.id, "/follow-up"),
                     Json{{"day", today}, {"staff_id", staff}, {"note", "电话联系，孩子发烧在家"}}.dump());
    ASSERT_EQ(done.status, 200) << done.body;
    EXPECT_FALSE(done.Json()["needs_follow_up"].get<bool>());
    EXPECT_EQ(done.Json()["follow_up"]["note"], "电话联系，孩子发烧在家");
    // The child comes after all: the day's absence becomes the check-in.
    const HttpResponse late = Carer().Post(Child(child.id, "/check-in"), Json{{"brought_by", child.guardian}}.dump());
    ASSERT_EQ(late.status, 200) << late.body;
    EXPECT_FALSE(late.Json()["attendance"]["absent"].get<bool>());
    ExpectRefused(Carer().Post(Child(child.id, "/check-in"), Json{{"brought_by", child.guardian}}.dump()), 409,
                  "already_checked_in");
}

TEST_F(ChildrenApiTest, BadChildIsRefusedByFieldAndNothingStored) {
    const auto before = Stored();
    Json body = ChildBody(500);
    std::string number = body["id_number"];
    number.back() = number.back() == '1' ? '2' : '1';
    const HttpResponse wrong = Nursery().Post(Institution("/children"), With(body, {{"id_number", number}}).dump());
    EXPECT_EQ(wrong.status, 422) << wrong.body;
    EXPECT_EQ(wrong.Json()["field"], "id_number");
    ExpectRefused(Nursery().Post(Institution("/children"), With(ChildBody(500), {{"birth_date", "2025-01-01"}}).dump()),
                  422, "birth_date_mismatch");
    ExpectRefused(Nursery().Post(Institution("/children"), With(ChildBody(500), {{"contacts", Json::array()}}).dump()),
                  422, "guardian_required");
    Json bad_contact = ChildBody(500);
    bad_contact["contacts"][0]["phone"] = "abc";
    const HttpResponse contact = Nursery().Post(Institution("/children"), bad_contact.dump());
    ExpectRefused(contact, 422, "invalid_phone");
    EXPECT_EQ(contact.Json()["field"], "contacts[0].phone");
    ExpectRefused(Nursery().Post(Institution("/children"), With(ChildBody(500), {{"sex", "x"}}).dump()), 422,
                  "invalid_sex");
    EXPECT_EQ(Stored(), before);
    // The same child twice: refused while the first is applied for.
    const Json once = ChildBody(500);
    ASSERT_EQ(Nursery().Post(Institution("/children"), once.dump()).status, 201);
    ExpectRefused(Nursery().Post(Institution("/children"), once.dump()), 409, "already_registered");
}

TEST_F(ChildrenApiTest, IdentityNumbersAreSealedAndNeverShown) {
    const Json body = ChildBody(500);
    const HttpResponse reply = Nursery().Post(Institution("/children"), body.dump());
    ASSERT_EQ(reply.status, 201) << reply.body;
    const std::string number = body["id_number"];
    EXPECT_FALSE(Contains(reply.body, number));
    EXPECT_EQ(reply.Json()["id_number_masked"], std::string(number.size(), '*'));
    EXPECT_EQ(Count("SELECT COUNT(*) FROM children WHERE id_sealed LIKE '%" + number + "%' OR id_hash = '" + number +
                    "' OR id_masked = '" + number + "'"),
              0);
}

TEST_F(ChildrenApiTest, ConsentIsGivenAndWithdrawn) {
    HttpClient& guardian = site_->As("parent_zhang");
    const Json mine = guardian.Get("/api/v1/guardian/children").Json();
    const std::int64_t id = mine["items"][0]["child"]["id"].get<std::int64_t>();
    std::int64_t own_contact = 0;
    for (const Json& contact : mine["items"][0]["contacts"]) {
        if (contact["linked_account"].get<bool>()) {
            own_contact = contact["id"].get<std::int64_t>();
        }
    }
    ASSERT_GT(own_contact, 0);
    ASSERT_EQ(
        guardian.Post(Child(id, "/consents"), Json{{"contact_id", own_contact}, {"purpose", "photos"}}.dump()).status,
        201);
    const HttpResponse withdrawn = guardian.Post(
        Child(id, "/consents"), Json{{"contact_id", own_contact}, {"purpose", "photos"}, {"given", false}}.dump());
    ASSERT_EQ(withdrawn.status, 201) << withdrawn.body;
    EXPECT_FALSE(withdrawn.Json()["withdrawn_at"].is_null());
    ExpectRefused(guardian.Post(Child(id, "/consents"),
                                Json{{"contact_id", own_contact}, {"purpose", "photos"}, {"given", false}}.dump()),
                  409, "no_consent");
    const Json detail = Nursery().Get(Child(id)).Json();
    ASSERT_FALSE(detail["consents"].empty());
    EXPECT_FALSE(detail["consents"].back()["withdrawn_at"].is_null());
}

}  // namespace
}  // namespace tuoyu::test::api
