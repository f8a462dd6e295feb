// The staffing rules of issue 6 on an institution's employed staff (core/staff_rules.hpp), row by row of
// RULES.md with the parameters as the shipped defaults set them at 大洼区 on the engine under test,
// and the lifetime ban (S7) matched through storage across two counties' institutions.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/crypto.hpp"
#include "core/id_number.hpp"
#include "core/staff_rules.hpp"
#include "features/filing/institution_record.hpp"
#include "features/staff/staff.hpp"
#include "reference/standards_parameters.hpp"
#include "rules/rules_fixture.hpp"
#include "storage/query.hpp"

namespace tuoyu::test {
namespace {

using staff_rules::Member;
using standards::Finding;
using standards::Severity;

const CivilDate kToday = *CivilDate::Parse("2025-11-24");

Member Person(std::int64_t id, const std::string& role, const std::string& education = "junior_college") {
    Member member;
    member.id = id;
    member.name = "员工" + std::to_string(id);
    member.role = role;
    member.education = education;
    member.experience_years = 5;
    member.start_on = kToday.AddDays(-300);
    member.last_health_exam = kToday.AddDays(-100);
    member.last_hygiene_training = kToday.AddDays(-100);
    member.documents = {{"no_criminal_record", std::nullopt, std::nullopt}};
    if (role == "caregiver") {
        member.documents.push_back({"nursery_worker", std::nullopt, std::nullopt});
    } else if (role == "health_worker") {
        member.documents.push_back({"health_worker_training", std::nullopt, std::nullopt});
    } else if (role == "security_guard") {
        member.documents.push_back({"security_guard", std::nullopt, std::nullopt});
    } else if (role == "head") {
        member.education = "bachelor";
        member.documents.push_back({"head_training", std::nullopt, 60});
    }
    return member;
}

// One 托小班 of 15 (1:5 → 3 caregivers) and one 乳儿班 of 9 (1:3 → 3): 24 children, meals cooked in-house.
standards::Facts Institution() {
    standards::Facts facts;
    standards::PlannedClass toddlers;
    toddlers.type = "toddler_class";
    toddlers.size = 15;
    standards::PlannedClass infants;
    infants.type = "infant_class";
    infants.size = 9;
    facts.classes = {toddlers, infants};
    facts.slots = 24;
    facts.meals_served = true;
    facts.meals_cooked_in_house = true;
    return facts;
}

// A staff that meets every rule for Institution().
std::vector<Member> Compliant() {
    std::vector<Member> staff = {Person(1, "head"), Person(8, "health_worker", "senior_high"), Person(9, "cook"),
                                 Person(10, "security_guard")};
    for (std::int64_t id = 2; id <= 7; ++id) {
        staff.push_back(Person(id, "caregiver"));
    }
    return staff;
}

std::vector<Finding> Of(const std::vector<Finding>& findings, const std::string& rule) {
    std::vector<Finding> out;
    std::copy_if(findings.begin(), findings.end(), std::back_inserter(out),
                 [&](const Finding& finding) { return finding.rule == rule; });
    return out;
}

bool Fails(const std::vector<Finding>& findings, const std::string& rule, const std::string& field) {
    return std::any_of(findings.begin(), findings.end(), [&](const Finding& finding) {
        return finding.rule == rule && finding.field == field && finding.severity == Severity::kFail;
    });
}

std::vector<Finding> CheckAt(MigratedDatabase& world, const std::vector<Member>& staff,
                             const standards::Facts& facts = Institution()) {
    return staff_rules::CheckStaffing(facts, staff, ParametersAt(world, kDaowa), kToday);
}

}  // namespace

// Every rule passes for a compliant staff: the tests below each break one thing.
TEST_F(RulesTest, S6_CompliantStaffPassesEveryStaffingRule) {
    const std::vector<Finding> findings = CheckAt(*world_, Compliant());
    for (const Finding& finding : findings) {
        ADD_FAILURE() << finding.rule << " " << finding.field << ": " << finding.message_en;
    }
}

// S6: a health examination and hygiene training once a year each; a new person's examination is due
// on the first day of work, and a year after the last one passed.
TEST_F(RulesTest, S6_YearlyHealthExamAndTraining) {
    Member member = Person(3, "caregiver");
    member.last_health_exam = *CivilDate::Parse("2024-11-24");
    EXPECT_EQ(staff_rules::YearlyDuty("health_exam", member.last_health_exam, member.start_on, kToday).status,
              "due_soon");
    member.last_health_exam = *CivilDate::Parse("2024-11-23");
    const staff_rules::DutyState overdue =
        staff_rules::YearlyDuty("health_exam", member.last_health_exam, member.start_on, kToday);
    EXPECT_EQ(overdue.status, "overdue");
    EXPECT_EQ(overdue.due_on.ToString(), "2025-11-23");
    EXPECT_EQ(staff_rules::YearlyDuty("x", CivilDate::Parse("2024-02-29"), kToday, kToday).due_on.ToString(),
              "2025-02-28");
    EXPECT_EQ(staff_rules::YearlyDuty("x", std::nullopt, kToday.AddDays(-1), kToday).status, "overdue");
    EXPECT_EQ(staff_rules::YearlyDuty("x", std::nullopt, kToday.AddDays(40), kToday).status, "ok");

    std::vector<Member> staff = Compliant();
    staff[5].last_hygiene_training = kToday.AddDays(-400);
    const std::vector<Finding> findings = CheckAt(*world_, staff);
    ASSERT_EQ(Of(findings, "S6").size(), 1u);
    EXPECT_EQ(Of(findings, "S6")[0].field, "staff." + std::to_string(staff[5].id) + ".hygiene_training");
    EXPECT_NE(Of(findings, "S6")[0].source.find("辽宁省"), std::string::npos);
}

// N3: the caregivers employed against the caregivers the classes need (托小班 1:5, 乳儿班 1:3).
TEST_F(RulesTest, N3_CaregiversEmployedForClasses) {
    std::vector<Member> staff = Compliant();
    EXPECT_TRUE(Of(CheckAt(*world_, staff), "N3").empty());
    staff.pop_back();  // a caregiver leaves: 5 for the 6 the classes need
    const std::vector<Finding> findings = CheckAt(*world_, staff);
    ASSERT_TRUE(Fails(findings, "N3", "staff.caregivers"));
    EXPECT_EQ(Of(findings, "N3")[0].limit, "≥ 6");
    EXPECT_EQ(Of(findings, "N3")[0].value, "5");
    standards::Facts no_classes = Institution();
    no_classes.classes.clear();
    EXPECT_EQ(Of(CheckAt(*world_, Compliant(), no_classes), "N3")[0].severity, Severity::kWarn);
}

// N6: one health worker per 150 children, and always one.
TEST_F(RulesTest, N6_HealthWorkersEmployed) {
    std::vector<Member> staff = Compliant();
    standards::Facts facts = Institution();
    facts.slots = 150;
    EXPECT_TRUE(Of(CheckAt(*world_, staff, facts), "N6").empty());
    facts.slots = 151;
    ASSERT_TRUE(Fails(CheckAt(*world_, staff, facts), "N6", "staff.health_worker"));
    EXPECT_EQ(Of(CheckAt(*world_, staff, facts), "N6")[0].limit, "≥ 2");
    staff.erase(staff.begin() + 1);  // the health worker
    facts.slots = 24;
    EXPECT_TRUE(Fails(CheckAt(*world_, staff, facts), "N6", "staff.health_worker"));
}

// N7: health workers have senior high school or more.
TEST_F(RulesTest, N7_HealthWorkerEducation) {
    std::vector<Member> staff = Compliant();
    staff[1].education = "secondary_vocational";  // 中专 ranks with 高中
    EXPECT_TRUE(Of(CheckAt(*world_, staff), "N7").empty());
    staff[1].education = "junior_high";
    EXPECT_TRUE(Fails(CheckAt(*world_, staff), "N7", "staff.8.education"));
}

// N8: one cook per 50 children where meals are cooked in-house; delivered meals need a food safety
// manager instead.
TEST_F(RulesTest, N8_CooksEmployed) {
    std::vector<Member> staff = Compliant();
    standards::Facts facts = Institution();
    facts.slots = 51;
    EXPECT_TRUE(Fails(CheckAt(*world_, staff, facts), "N8", "staff.cook"));
    facts.meals_cooked_in_house = false;  // delivered: no cooks, but a food safety manager
    EXPECT_TRUE(Fails(CheckAt(*world_, staff, facts), "N8", "staff.food_safety_manager"));
    staff.push_back(Person(11, "food_safety_manager"));
    EXPECT_TRUE(Of(CheckAt(*world_, staff, facts), "N8").empty());
    facts.meals_served = false;
    staff.pop_back();
    EXPECT_TRUE(Of(CheckAt(*world_, staff, facts), "N8").empty());
}

// N9: the head has 大专 or more and 3 years in the field; a missing head fails.
TEST_F(RulesTest, N9_HeadEmployedAndQualified) {
    std::vector<Member> staff = Compliant();
    staff[0].education = "junior_college";
    staff[0].experience_years = 3;
    EXPECT_TRUE(Of(CheckAt(*world_, staff), "N9").empty());
    staff[0].education = "senior_high";
    EXPECT_TRUE(Fails(CheckAt(*world_, staff), "N9", "staff.1.education"));
    staff[0].education = "bachelor";
    staff[0].experience_years = 2;
    EXPECT_TRUE(Fails(CheckAt(*world_, staff), "N9", "staff.1.experience_years"));
    staff.erase(staff.begin());
    EXPECT_TRUE(Fails(CheckAt(*world_, staff), "N9", "staff.head"));
    standards::Facts home = Institution();
    home.kind = standards::InstitutionKind::kHomePoint;
    EXPECT_TRUE(Of(CheckAt(*world_, staff, home), "N9").empty());
}

// N10: the head's job training, at least 60 hours on file and not expired.
TEST_F(RulesTest, N10_HeadTrainingHoursOnFile) {
    std::vector<Member> staff = Compliant();
    staff[0].documents = {{"no_criminal_record", std::nullopt, std::nullopt},
                          {"head_training", std::nullopt, 40},
                          {"head_training", std::nullopt, 20}};
    EXPECT_TRUE(Of(CheckAt(*world_, staff), "N10").empty());
    staff[0].documents.back().expires_on = kToday.AddDays(-1);
    const std::vector<Finding> findings = CheckAt(*world_, staff);
    ASSERT_TRUE(Fails(findings, "N10", "staff.1.documents.head_training"));
    EXPECT_EQ(Of(findings, "N10")[0].value, "40");
}

// N11: caregivers hold a 保育员证 or 育婴员证, health workers a training certificate, guards a 保安员证;
// an expired one does not count.
TEST_F(RulesTest, N11_ProofsOnFile) {
    std::vector<Member> staff = Compliant();
    staff[4].documents[1] = {"infant_carer", kToday, std::nullopt};  // valid through today
    EXPECT_TRUE(Of(CheckAt(*world_, staff), "N11").empty());
    staff[4].documents[1].expires_on = kToday.AddDays(-1);
    EXPECT_TRUE(
        Fails(CheckAt(*world_, staff), "N11", "staff." + std::to_string(staff[4].id) + ".documents.nursery_worker"));
    staff = Compliant();
    staff[3].documents.pop_back();  // the guard's certificate
    EXPECT_TRUE(Fails(CheckAt(*world_, staff), "N11", "staff.10.documents.security_guard"));
    const staff_rules::CertifiedShare share = staff_rules::CertifiedShareOf(Compliant(), kToday);
    EXPECT_EQ(share.caregivers, 6);
    EXPECT_EQ(share.certified, 6);
}

// N12: a guard on duty at an independent institution, none at a home point.
TEST_F(RulesTest, N12_GuardsEmployed) {
    std::vector<Member> staff = Compliant();
    staff.erase(staff.begin() + 3);
    EXPECT_TRUE(Fails(CheckAt(*world_, staff), "N12", "staff.security_guard"));
    standards::Facts home = Institution();
    home.kind = standards::InstitutionKind::kHomePoint;
    EXPECT_TRUE(Of(CheckAt(*world_, staff, home), "N12").empty());
}

// N32: a no-criminal-record proof for every staff member, whatever the post.
TEST_F(RulesTest, N32_NoCriminalRecordProof) {
    std::vector<Member> staff = Compliant();
    staff[2].documents.clear();  // the cook
    EXPECT_TRUE(Fails(CheckAt(*world_, staff), "N32", "staff.9.documents.no_criminal_record"));
}

// S7: a banned person is found by the keyed hash of the identity number from any institution of the
// deployment, here one in each of two counties; the ban holds no clear number, and another key finds
// nothing.
TEST_F(RulesTest, S7_LifetimeBanMatchedAcrossCounties) {
    const crypto::IdentityVault vault(crypto::NewKey(), 1);
    const std::string number = "11010519491231002X";
    const std::string hash = vault.Hash("resident_id", number);
    {
        storage::Transaction tx = world_->database().Write();
        staff::InsertBan(tx, {"某某", hash, id_number::Mask(number), "虐童", "大洼区卫生健康局", "2025-01-01", kDaowa},
                         1, 0, 1);
        tx.Commit();
    }
    storage::Transaction tx = world_->database().Read();
    for (const std::int64_t institution : {world_->daowa_institution(), world_->yuyao_institution()}) {
        const std::optional<staff::InstitutionRef> ref = staff::FindInstitution(tx, Scope::All(), institution);
        ASSERT_TRUE(ref.has_value());
        const std::optional<staff::BanHit> hit = staff::FindBan(tx, vault.Hash("resident_id", number));
        ASSERT_TRUE(hit.has_value()) << ref->region_code;
        EXPECT_EQ(hit->region_code, kDaowa);
    }
    EXPECT_FALSE(staff::FindBan(tx, crypto::IdentityVault(crypto::NewKey(), 1).Hash("resident_id", number)));
    EXPECT_TRUE(filing::BannedEmployees(tx, world_->yuyao_institution()).empty());
    EXPECT_FALSE(staff::FindBan(tx, vault.Hash("passport", number)));
    storage::Query clear("SELECT COUNT(*) FROM staff_bans WHERE id_hash = ");
    clear.Bind(number).Sql(" OR id_masked = ").Bind(number).Sql(" OR name = ").Bind(number);
    EXPECT_EQ(clear.Count(tx), 0);
    tx.Commit();

    // Employed at 余姚 before the ban was known: the filing of that institution is refused until the
    // employment ends (filing::Assess turns each into a gap).
    staff::Person person;
    person.name = "某某";
    person.id_kind = "resident_id";
    person.id_number = number;
    person.role = "cook";
    person.education = "senior_high";
    person.start_on = "2024-01-01";
    {
        storage::Transaction write = world_->database().Write();
        const std::int64_t id = staff::Insert(write, vault, person, world_->yuyao_institution(), 0, 1);
        const std::vector<filing::BannedEmployee> banned = filing::BannedEmployees(write, world_->yuyao_institution());
        ASSERT_EQ(banned.size(), 1u);
        EXPECT_EQ(banned[0].staff_id, id);
        staff::End(write, id, "2025-11-01", "终身禁入", 2);
        EXPECT_TRUE(filing::BannedEmployees(write, world_->yuyao_institution()).empty());
        write.Commit();
    }
}

}  // namespace tuoyu::test
