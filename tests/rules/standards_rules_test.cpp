// The automatic standards check of a filing (core/standards_check.hpp) row by row of RULES.md, with
// the parameters as the shipped defaults set them at 大洼区 on the engine under test: the facts in each
// test carry the numbers of RULES.md, so a wrong seed value fails here as well as a wrong comparison.
// Each test has a passing case and a failing one. S3 measures real hazard features with GEOS.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "core/standards_check.hpp"
#include "geo/geometry.hpp"
#include "reference/hazards.hpp"
#include "reference/standards_parameters.hpp"
#include "rules/rules_fixture.hpp"

namespace tuoyu::test {
namespace {

using standards::Facts;
using standards::Finding;
using standards::PlannedClass;
using standards::Severity;

const CivilDate kFilingDate = *CivilDate::Parse("2025-11-24");

PlannedClass Class(const std::string& type, int size, int caregivers, double activity_room_m2) {
    PlannedClass planned;
    planned.type = type;
    planned.size = size;
    planned.caregivers = caregivers;
    planned.activity_room_m2 = activity_room_m2;
    planned.own_living_unit = true;
    return planned;
}

// An institution that meets every rule at the national defaults: 9 + 2 × 15 + 2 × 20 = 79 children.
Facts Compliant() {
    Facts facts;
    facts.sponsor_type = "social_forces";
    facts.service_modes = {"full_day", "hourly"};
    facts.classes = {Class("infant_class", 9, 3, 16), Class("toddler_class", 15, 3, 36),
                     Class("older_toddler_class", 20, 3, 40)};
    facts.classes[1].count = 2;
    facts.classes[2].count = 2;
    facts.slots = 79;
    facts.usable_floor_area_m2 = 700;
    facts.living_rooms_area_m2 = 300;
    for (const auto* group : {&standards::kLivingRooms, &standards::kServiceRooms, &standards::kLogisticsRooms}) {
        facts.rooms.insert(group->begin(), group->end());
    }
    facts.children_floors = {1, 2};
    facts.windows = {{"sleeping", 40, 10}, {"play", 60, 13}};
    facts.observation_room_m2 = 8;
    facts.observation_beds = 1;
    facts.safety_rails_and_mats = true;
    facts.indoor_air_qualified = true;
    facts.fire_exits = 2;
    facts.fire_equipment = true;
    facts.heating = true;
    facts.cooling = true;
    facts.lease_end = *CivilDate::Parse("2029-06-30");
    facts.meals_served = true;
    facts.meals_cooked_in_house = true;
    facts.health_workers = 1;
    facts.cooks = 2;  // 79 children: one per 50 and one more
    facts.security_guards = 1;
    facts.materials = {"business_licence",   "site_proof", "staff_certificates",
                       "hygiene_evaluation", "fire_check", "food_licence"};
    return facts;
}

// A home childcare point within N47 and N48: 5 children, 2 carers, 50 m², an owned flat.
Facts CompliantHomePoint() {
    Facts facts;
    facts.kind = standards::InstitutionKind::kHomePoint;
    facts.service_modes = {"full_day"};
    facts.slots = 5;
    facts.carers = 2;
    facts.building_area_m2 = 50;
    facts.premises_owned = true;
    facts.fire_exits = 1;
    facts.fire_equipment = true;
    facts.heating = true;
    facts.cooling = true;
    facts.materials = {"business_licence", "site_proof", "staff_certificates", "hygiene_evaluation", "fire_check"};
    return facts;
}

std::vector<Finding> CheckAt(MigratedDatabase& world, const Facts& facts, const std::string& region = kDaowa) {
    return standards::Check(facts, ParametersAt(world, region), kFilingDate);
}

// The findings of one row at a severity (fail by default).
std::vector<Finding> Of(const std::vector<Finding>& findings, const std::string& rule,
                        Severity severity = Severity::kFail) {
    std::vector<Finding> out;
    std::copy_if(findings.begin(), findings.end(), std::back_inserter(out),
                 [&](const Finding& f) { return f.rule == rule && f.severity == severity; });
    return out;
}

std::string Describe(const std::vector<Finding>& findings) {
    std::string text;
    for (const Finding& finding : findings) {
        text += "\n  " + finding.rule + " " + std::string(standards::SeverityCode(finding.severity)) + " " +
                finding.field + " value=" + finding.value + " limit=" + finding.limit + " " + finding.message_en;
    }
    return text;
}

// A finding of the row at the severity on the field, with the limit when one is given.
::testing::AssertionResult Finds(const std::vector<Finding>& findings, const std::string& rule,
                                 const std::string& field, const std::string& limit = "",
                                 Severity severity = Severity::kFail) {
    for (const Finding& finding : Of(findings, rule, severity)) {
        if (finding.field == field && (limit.empty() || finding.limit == limit)) {
            if (finding.message_zh.empty() || finding.message_en.empty()) {
                return ::testing::AssertionFailure() << "a finding without its messages";
            }
            return ::testing::AssertionSuccess();
        }
    }
    return ::testing::AssertionFailure() << "no " << rule << " " << standards::SeverityCode(severity) << " on " << field
                                         << " " << limit << "; found:" << Describe(findings);
}

::testing::AssertionResult FailsOn(const std::vector<Finding>& findings, const std::string& rule,
                                   const std::string& field, const std::string& limit = "") {
    return Finds(findings, rule, field, limit, Severity::kFail);
}

// Neither a failure nor a warning of the row.
::testing::AssertionResult Passes(const std::vector<Finding>& findings, const std::string& rule) {
    std::vector<Finding> bad = Of(findings, rule);
    const std::vector<Finding> warned = Of(findings, rule, Severity::kWarn);
    bad.insert(bad.end(), warned.begin(), warned.end());
    if (bad.empty()) {
        return ::testing::AssertionSuccess();
    }
    return ::testing::AssertionFailure() << rule << " found:" << Describe(bad);
}

}  // namespace

TEST_F(RulesTest, Standards_CompliantInstitutionAndHomePointPass) {
    for (const char* region : {kDaowa, kDaowaTown, kYuyao}) {
        for (const Facts& facts : {Compliant(), CompliantHomePoint()}) {
            for (const Finding& finding : CheckAt(*world_, facts, region)) {
                EXPECT_EQ(finding.severity, Severity::kInfo) << region << Describe({finding});
                EXPECT_FALSE(finding.source.empty() && finding.rule != "N21") << Describe({finding});
            }
        }
    }
}

// 8 m² of usable floor area per child: 640 m² hold 80 slots, 639 m² only 79.
TEST_F(RulesTest, S1_SlotsAgainstArea) {
    Facts facts = Compliant();
    facts.slots = 80;
    facts.usable_floor_area_m2 = 640;
    EXPECT_TRUE(Passes(CheckAt(*world_, facts), "S1"));
    facts.usable_floor_area_m2 = 639;
    const std::vector<Finding> findings = CheckAt(*world_, facts);
    EXPECT_TRUE(FailsOn(findings, "S1", "slots", "≤ 79"));
    const Finding s1 = Of(findings, "S1").front();
    EXPECT_EQ(s1.value, "80");
    EXPECT_EQ(s1.clause, "二(一)4");
    EXPECT_NE(s1.source.find("辽宁省"), std::string::npos);
    facts.usable_floor_area_m2.reset();
    EXPECT_TRUE(Finds(CheckAt(*world_, facts), "S1", "site.usable_floor_area_m2", "", Severity::kWarn));
}

TEST_F(RulesTest, S2_RoomGroups) {
    EXPECT_TRUE(Passes(CheckAt(*world_, Compliant()), "S2"));
    Facts facts = Compliant();
    for (const std::string& room : standards::kLogisticsRooms) {
        facts.rooms.erase(room);
    }
    facts.rooms.erase("breastfeeding");
    const std::vector<Finding> findings = CheckAt(*world_, facts);
    EXPECT_TRUE(FailsOn(findings, "S2", "site.rooms.logistics"));
    EXPECT_TRUE(Finds(findings, "S2", "site.rooms.living", "", Severity::kWarn));
    EXPECT_EQ(Of(findings, "S2").size(), 1u) << Describe(findings);
    // The missing room by the rule's name, not its code.
    bool named = false;
    for (const Finding& finding : findings) {
        named = named || (finding.rule == "S2" && finding.field == "site.rooms.living" &&
                          finding.message_zh == "婴幼儿生活用房缺少：哺乳室" &&
                          finding.message_en == "The children's living rooms lack: breastfeeding room");
    }
    EXPECT_TRUE(named) << Describe(findings);
}

TEST_F(RulesTest, S4_FireExitsEquipmentHeating) {
    EXPECT_TRUE(Passes(CheckAt(*world_, Compliant()), "S4"));
    Facts facts = Compliant();
    facts.fire_exits = 0;
    facts.fire_equipment = false;
    facts.heating.reset();
    const std::vector<Finding> findings = CheckAt(*world_, facts);
    EXPECT_TRUE(FailsOn(findings, "S4", "site.fire_exits", "≥ 1"));
    EXPECT_TRUE(FailsOn(findings, "S4", "site.fire_equipment"));
    EXPECT_TRUE(Finds(findings, "S4", "site.heating", "", Severity::kWarn));
}

// A kindergarten's nursery class takes children of 24 to 36 months only.
TEST_F(RulesTest, S14_KindergartenClassesTakeTwoToThree) {
    Facts facts = Compliant();
    facts.sponsor_type = "kindergarten";
    facts.classes = {Class("older_toddler_class", 20, 3, 40)};
    facts.slots = 20;
    EXPECT_TRUE(Passes(CheckAt(*world_, facts), "S14"));
    facts.classes.push_back(Class("toddler_class", 15, 3, 36));
    facts.slots = 35;
    EXPECT_TRUE(FailsOn(CheckAt(*world_, facts), "S14", "classes[1].type", "24–36"));
    facts.classes.pop_back();
    facts.classes[0].min_age_months = 20;
    facts.classes[0].max_age_months = 36;
    EXPECT_TRUE(FailsOn(CheckAt(*world_, facts), "S14", "classes[0].type", "24–36"));
    // Not a kindergarten: no S14.
    facts.sponsor_type = "social_forces";
    EXPECT_TRUE(Passes(CheckAt(*world_, facts), "S14"));
}

TEST_F(RulesTest, S15_ServiceModes) {
    Facts facts = Compliant();
    facts.service_modes = {"full_day", "half_day", "hourly", "temporary"};
    EXPECT_TRUE(Passes(CheckAt(*world_, facts), "S15"));
    facts.service_modes = {"full_day", "boarding"};
    EXPECT_TRUE(FailsOn(CheckAt(*world_, facts), "S15", "service_modes"));
    facts.service_modes.clear();
    EXPECT_TRUE(Finds(CheckAt(*world_, facts), "S15", "service_modes", "", Severity::kWarn));
}

// 乳儿班 6–12 months, 托小班 12–24, 托大班 24–36.
TEST_F(RulesTest, N1_ClassAgeBandChecked) {
    Facts facts = Compliant();
    facts.classes[1].min_age_months = 12;
    facts.classes[1].max_age_months = 24;
    EXPECT_TRUE(Passes(CheckAt(*world_, facts), "N1"));
    facts.classes[1].min_age_months = 10;
    EXPECT_TRUE(FailsOn(CheckAt(*world_, facts), "N1", "classes[1].min_age_months", "12–24"));
    facts.classes[1].min_age_months = 12;
    facts.classes[0].max_age_months = 13;
    facts.classes[0].min_age_months = 6;
    EXPECT_TRUE(FailsOn(CheckAt(*world_, facts), "N1", "classes[0].min_age_months", "6–12"));
}

// 乳儿班 ≤ 10, 托小班 ≤ 15, 托大班 ≤ 20 children a class.
TEST_F(RulesTest, N2_ClassSizeChecked) {
    Facts facts = Compliant();
    facts.classes = {Class("infant_class", 10, 4, 16), Class("toddler_class", 15, 3, 36),
                     Class("older_toddler_class", 20, 3, 40)};
    facts.slots = 45;
    EXPECT_TRUE(Passes(CheckAt(*world_, facts), "N2"));
    facts.classes = {Class("infant_class", 11, 4, 16), Class("toddler_class", 16, 4, 36),
                     Class("older_toddler_class", 21, 4, 40)};
    facts.slots = 48;
    const std::vector<Finding> findings = CheckAt(*world_, facts);
    EXPECT_TRUE(FailsOn(findings, "N2", "classes[0].size", "≤ 10"));
    EXPECT_TRUE(FailsOn(findings, "N2", "classes[1].size", "≤ 15"));
    EXPECT_TRUE(FailsOn(findings, "N2", "classes[2].size", "≤ 20"));
}

// At least 1 caregiver for 3 infants, 5 toddlers, 7 older toddlers.
TEST_F(RulesTest, N3_CaregiversChecked) {
    Facts facts = Compliant();
    facts.classes = {Class("infant_class", 9, 3, 16), Class("toddler_class", 15, 3, 36),
                     Class("older_toddler_class", 14, 2, 40)};
    facts.slots = 38;
    EXPECT_TRUE(Passes(CheckAt(*world_, facts), "N3"));
    facts.classes = {Class("infant_class", 10, 3, 16), Class("toddler_class", 11, 2, 36),
                     Class("older_toddler_class", 15, 2, 40)};
    facts.slots = 36;
    const std::vector<Finding> findings = CheckAt(*world_, facts);
    EXPECT_TRUE(FailsOn(findings, "N3", "classes[0].caregivers", "≥ 4"));
    EXPECT_TRUE(FailsOn(findings, "N3", "classes[1].caregivers", "≥ 3"));
    EXPECT_TRUE(FailsOn(findings, "N3", "classes[2].caregivers", "≥ 3"));
}

// One health worker for up to 150 children, two from 151; one always, however few the children.
TEST_F(RulesTest, N6_HealthWorkersCounted) {
    Facts facts = Compliant();
    facts.slots = 150;
    EXPECT_TRUE(Passes(CheckAt(*world_, facts), "N6"));
    facts.slots = 151;
    const std::vector<Finding> findings = CheckAt(*world_, facts);
    EXPECT_TRUE(FailsOn(findings, "N6", "form.staff.health_workers", "≥ 2"));
    EXPECT_NE(Of(findings, "N6").front().source.find("76号"), std::string::npos);
    facts.slots = 10;
    facts.health_workers = 0;
    EXPECT_TRUE(FailsOn(CheckAt(*world_, facts), "N6", "form.staff.health_workers", "≥ 1"));
    facts.health_workers.reset();
    EXPECT_TRUE(Finds(CheckAt(*world_, facts), "N6", "form.staff.health_workers", "", Severity::kWarn));
}

// One cook per 50 children where meals are cooked in-house; none counted for delivered meals.
TEST_F(RulesTest, N8_CooksCounted) {
    Facts facts = Compliant();
    facts.slots = 100;
    EXPECT_TRUE(Passes(CheckAt(*world_, facts), "N8"));
    facts.slots = 101;
    EXPECT_TRUE(FailsOn(CheckAt(*world_, facts), "N8", "form.staff.cooks", "≥ 3"));
    facts.meals_cooked_in_house = false;  // catered: a food safety manager instead, not a cook
    facts.cooks = 0;
    EXPECT_TRUE(Passes(CheckAt(*world_, facts), "N8"));
}

// A guard on duty at an independent institution; a home point has none of its own.
TEST_F(RulesTest, N12_GuardsCounted) {
    Facts facts = Compliant();
    EXPECT_TRUE(Passes(CheckAt(*world_, facts), "N12"));
    facts.security_guards = 0;
    EXPECT_TRUE(FailsOn(CheckAt(*world_, facts), "N12", "form.staff.security_guards", "≥ 1"));
    facts.security_guards.reset();
    EXPECT_TRUE(Finds(CheckAt(*world_, facts), "N12", "form.staff.security_guards", "", Severity::kWarn));
    EXPECT_TRUE(Passes(CheckAt(*world_, CompliantHomePoint()), "N12"));
}

// A mixed class: children of 18 months and more, at most 18 of them, 1 caregiver for 5.
TEST_F(RulesTest, N4_MixedClassChecked) {
    Facts facts = Compliant();
    PlannedClass mixed = Class("mixed_class", 18, 4, 40);
    mixed.min_age_months = 18;
    mixed.max_age_months = 36;
    facts.classes = {mixed};
    facts.slots = 18;
    EXPECT_TRUE(Passes(CheckAt(*world_, facts), "N4"));
    facts.classes[0].size = 19;
    facts.classes[0].caregivers = 3;
    facts.classes[0].min_age_months = 12;
    const std::vector<Finding> findings = CheckAt(*world_, facts);
    EXPECT_TRUE(FailsOn(findings, "N4", "classes[0].size", "≤ 18"));
    EXPECT_TRUE(FailsOn(findings, "N4", "classes[0].caregivers", "≥ 4"));
    EXPECT_TRUE(FailsOn(findings, "N4", "classes[0].min_age_months", "≥ 18"));
}

TEST_F(RulesTest, N5_OwnLivingUnit) {
    EXPECT_TRUE(Passes(CheckAt(*world_, Compliant()), "N5"));
    Facts facts = Compliant();
    facts.classes[2].own_living_unit = false;
    EXPECT_TRUE(FailsOn(CheckAt(*world_, facts), "N5", "classes[2].own_living_unit"));
}

// Owned, or leased for at least 3 years from the filing date (2025-11-24).
TEST_F(RulesTest, N13_LeaseRunsThreeYearsFromFiling) {
    Facts facts = Compliant();
    facts.lease_end = *CivilDate::Parse("2028-11-24");
    EXPECT_TRUE(Passes(CheckAt(*world_, facts), "N13"));
    facts.lease_end = *CivilDate::Parse("2028-11-23");
    EXPECT_TRUE(FailsOn(CheckAt(*world_, facts), "N13", "site.lease_end", "≥ 2028-11-24"));
    facts.premises_owned = true;
    EXPECT_TRUE(Passes(CheckAt(*world_, facts), "N13"));
    facts.premises_owned = false;
    facts.lease_end.reset();
    EXPECT_TRUE(Finds(CheckAt(*world_, facts), "N13", "site.lease_end", "", Severity::kWarn));
}

// Children's living rooms on the 3rd floor at most, never underground, never in a 三合一 or colour-steel building.
TEST_F(RulesTest, N14_LivingRoomFloor) {
    Facts facts = Compliant();
    facts.children_floors = {1, 3};
    EXPECT_TRUE(Passes(CheckAt(*world_, facts), "N14"));
    facts.children_floors = {1, 4};
    EXPECT_TRUE(FailsOn(CheckAt(*world_, facts), "N14", "site.children_floors", "≤ 3"));
    facts.children_floors = {1};
    facts.children_rooms_underground = true;
    EXPECT_TRUE(FailsOn(CheckAt(*world_, facts), "N14", "site.basement_use"));
    facts.children_rooms_underground = false;
    for (const char* kind : {"three_in_one", "colour_steel"}) {
        facts.building_kind = kind;
        EXPECT_TRUE(FailsOn(CheckAt(*world_, facts), "N14", "site.building_kind")) << kind;
    }
}

// Window openings at least 20 % of each room's floor area.
TEST_F(RulesTest, N15_WindowsChecked) {
    Facts facts = Compliant();
    facts.windows = {{"sleeping", 50, 10}};
    EXPECT_TRUE(Passes(CheckAt(*world_, facts), "N15"));
    facts.windows = {{"sleeping", 50, 10}, {"play", 50, 9.9}};
    EXPECT_TRUE(FailsOn(CheckAt(*world_, facts), "N15", "site.windows[1]", "≥ 20"));
    facts.windows.clear();
    facts.window_floor_ratio_percent = 20;
    EXPECT_TRUE(Passes(CheckAt(*world_, facts), "N15"));
    facts.window_floor_ratio_percent = 19.5;
    EXPECT_TRUE(FailsOn(CheckAt(*world_, facts), "N15", "site.window_floor_ratio_percent", "≥ 20"));
}

// 乳儿班 ≥ 15 m², 托小班 and 托大班 ≥ 35 m².
TEST_F(RulesTest, N16_ActivityRoomChecked) {
    Facts facts = Compliant();
    facts.classes = {Class("infant_class", 9, 3, 15), Class("toddler_class", 15, 3, 35),
                     Class("older_toddler_class", 20, 3, 35)};
    facts.slots = 44;
    EXPECT_TRUE(Passes(CheckAt(*world_, facts), "N16"));
    facts.classes = {Class("infant_class", 9, 3, 14.9), Class("toddler_class", 15, 3, 34),
                     Class("older_toddler_class", 20, 3, 34.5)};
    facts.classes[2].activity_room_m2.reset();
    const std::vector<Finding> findings = CheckAt(*world_, facts);
    EXPECT_TRUE(FailsOn(findings, "N16", "classes[0].activity_room_m2", "≥ 15"));
    EXPECT_TRUE(FailsOn(findings, "N16", "classes[1].activity_room_m2", "≥ 35"));
    EXPECT_TRUE(Finds(findings, "N16", "classes[2].activity_room_m2", "", Severity::kWarn));
}

// A health observation room of at least 6 m² with at least 1 bed.
TEST_F(RulesTest, N17_ObservationRoomChecked) {
    Facts facts = Compliant();
    facts.observation_room_m2 = 6;
    facts.observation_beds = 1;
    EXPECT_TRUE(Passes(CheckAt(*world_, facts), "N17"));
    facts.observation_room_m2 = 5.9;
    facts.observation_beds = 0;
    std::vector<Finding> findings = CheckAt(*world_, facts);
    EXPECT_TRUE(FailsOn(findings, "N17", "site.observation_room.area_m2", "≥ 6"));
    EXPECT_TRUE(FailsOn(findings, "N17", "site.observation_room.beds", "≥ 1"));
    facts.observation_room_m2.reset();
    EXPECT_TRUE(FailsOn(CheckAt(*world_, facts), "N17", "site.observation_room"));
}

TEST_F(RulesTest, N18_SafetyFittings) {
    EXPECT_TRUE(Passes(CheckAt(*world_, Compliant()), "N18"));
    Facts facts = Compliant();
    facts.safety_rails_and_mats = false;
    facts.indoor_air_qualified = false;
    std::vector<Finding> findings = CheckAt(*world_, facts);
    EXPECT_TRUE(FailsOn(findings, "N18", "site.safety_rails_and_mats"));
    EXPECT_TRUE(FailsOn(findings, "N18", "site.indoor_air_qualified"));
    // Rails and mats are for infants and toddlers: a nursery of older toddlers only needs none.
    facts.indoor_air_qualified = true;
    facts.classes = {Class("older_toddler_class", 20, 3, 40)};
    facts.slots = 20;
    EXPECT_TRUE(Passes(CheckAt(*world_, facts), "N18"));
}

// At least 3 m² of living rooms per child (draft).
TEST_F(RulesTest, N19_LivingAreaChecked) {
    Facts facts = Compliant();
    facts.living_rooms_area_m2 = 237;  // 79 children
    EXPECT_TRUE(Passes(CheckAt(*world_, facts), "N19"));
    facts.living_rooms_area_m2 = 236;
    EXPECT_TRUE(FailsOn(CheckAt(*world_, facts), "N19", "site.living_rooms_area_m2", "≥ 3"));
}

// At most 150 children in an independent institution (draft).
TEST_F(RulesTest, N20_MaxChildrenChecked) {
    Facts facts = Compliant();
    facts.usable_floor_area_m2 = 2000;
    facts.living_rooms_area_m2 = 1000;
    facts.slots = 150;
    EXPECT_TRUE(Passes(CheckAt(*world_, facts), "N20"));
    facts.slots = 151;
    EXPECT_TRUE(FailsOn(CheckAt(*world_, facts), "N20", "slots", "≤ 150"));
    // A kindergarten's nursery classes are not an independent institution.
    facts.sponsor_type = "kindergarten";
    facts.classes = {Class("older_toddler_class", 20, 3, 40)};
    EXPECT_TRUE(Passes(CheckAt(*world_, facts), "N20"));
}

// Small 1–3 classes, medium 4–7, large 8–10.
TEST_F(RulesTest, N21_ScaleReported) {
    std::vector<Finding> findings = CheckAt(*world_, Compliant());  // 5 classes
    EXPECT_TRUE(Finds(findings, "N21", "classes", "4–7", Severity::kInfo));
    EXPECT_TRUE(Passes(findings, "N21"));
    Facts facts = Compliant();
    facts.classes[2].count = 8;  // 11 classes
    facts.usable_floor_area_m2 = 2000;
    facts.living_rooms_area_m2 = 1000;
    facts.slots = 199;
    EXPECT_TRUE(Finds(CheckAt(*world_, facts), "N21", "classes", "", Severity::kWarn));
}

// Licence, site proof, staff certificates, hygiene evaluation, fire check; the food licence when meals are served.
TEST_F(RulesTest, N43_RequiredMaterials) {
    EXPECT_TRUE(Passes(CheckAt(*world_, Compliant()), "N43"));
    Facts facts = Compliant();
    facts.materials.erase("fire_check");
    facts.materials.erase("food_licence");
    std::vector<Finding> findings = CheckAt(*world_, facts);
    EXPECT_TRUE(FailsOn(findings, "N43", "materials.fire_check"));
    EXPECT_TRUE(FailsOn(findings, "N43", "materials.food_licence"));
    EXPECT_EQ(Of(findings, "N43").front().clause, "第8条");
    facts.meals_served = false;
    facts.materials.insert("fire_check");
    EXPECT_TRUE(Passes(CheckAt(*world_, facts), "N43"));
}

// A home point: at most 5 children, 1 carer for at most 3.
TEST_F(RulesTest, N47_HomePointLimits) {
    EXPECT_TRUE(Passes(CheckAt(*world_, CompliantHomePoint()), "N47"));
    Facts facts = CompliantHomePoint();
    facts.slots = 6;
    facts.building_area_m2 = 60;
    EXPECT_TRUE(FailsOn(CheckAt(*world_, facts), "N47", "slots", "≤ 5"));
    facts.slots = 4;
    facts.carers = 1;
    EXPECT_TRUE(FailsOn(CheckAt(*world_, facts), "N47", "carers", "≥ 2"));
    facts.carers = 2;
    EXPECT_TRUE(Passes(CheckAt(*world_, facts), "N47"));
    // A leased home: 3 years as for an institution.
    facts.premises_owned = false;
    facts.lease_end = *CivilDate::Parse("2027-01-01");
    EXPECT_TRUE(FailsOn(CheckAt(*world_, facts), "N47", "site.lease_end", "≥ 2028-11-24"));
}

// A home point: at least 9 m² of building area per child; no basement, 三合一 or colour steel.
TEST_F(RulesTest, N48_HomePointAreaChecked) {
    Facts facts = CompliantHomePoint();
    facts.building_area_m2 = 45;  // 5 children
    EXPECT_TRUE(Passes(CheckAt(*world_, facts), "N48"));
    facts.building_area_m2 = 44;
    EXPECT_TRUE(FailsOn(CheckAt(*world_, facts), "N48", "site.building_area_m2", "≥ 9"));
    facts.building_area_m2 = 45;
    facts.children_rooms_underground = true;
    facts.building_kind = "colour_steel";
    std::vector<Finding> findings = CheckAt(*world_, facts);
    EXPECT_TRUE(FailsOn(findings, "N48", "site.basement_use"));
    EXPECT_TRUE(FailsOn(findings, "N48", "site.building_kind"));
}

// Hazards: a petrol station (50 m) and a high-voltage line (20 m) in 大洼, measured with GEOS from
// points inside and outside those distances; a retired feature and one of another province do not count.
TEST_F(RulesTest, S3_SiteHazards) {
    const reference::parameters::Value seeded = At("hazard_distance_m", kDaowa);
    EXPECT_EQ(seeded.region_code, kNationalCode);
    EXPECT_EQ(seeded.tag, "S");
    EXPECT_TRUE(seeded.verify);
    const Json distances = Json::parse(seeded.value);
    EXPECT_EQ(distances["petrol_station"], 50);
    EXPECT_EQ(distances["high_voltage_corridor"], 20);
    for (const std::string& kind : reference::hazards::kKinds) {
        EXPECT_TRUE(distances.contains(kind)) << kind;
    }

    auto add = [&](const std::string& kind, const std::string& name, const std::string& region, const std::string& wkt,
                   std::optional<double> own = std::nullopt) {
        const geo::Geometry geometry = geo::ReadWkt(wkt, "geometry");
        reference::hazards::Draft draft{kind, name, region, &geometry, own, "测试", ""};
        storage::Transaction tx = world_->database().Write();
        reference::hazards::Validate(tx, draft);
        const std::int64_t id = reference::hazards::Insert(tx, draft, "test", world_->clock().NowMillis());
        tx.Commit();
        return id;
    };
    auto check = [&](geo::LonLat point, const std::string& region) {
        storage::Transaction tx = world_->database().Read();
        reference::hazards::SiteCheck result = reference::hazards::CheckSite(tx, point, region);
        tx.Commit();
        return result;
    };
    auto fails_for = [](const reference::hazards::SiteCheck& result, const std::string& name) {
        return std::any_of(result.findings.begin(), result.findings.end(), [&](const Finding& finding) {
            return finding.rule == "S3" && finding.severity == Severity::kFail &&
                   finding.message_zh.find(name) != std::string::npos;
        });
    };

    // A degree of latitude is 111 070 m at 41°N, a degree of longitude there 84 140 m.
    constexpr double kMetreLat = 1.0 / 111'070.0;
    constexpr double kMetreLon = 1.0 / 84'140.0;
    const geo::LonLat station{122.08, 40.99};
    const std::int64_t station_id = add("petrol_station", "大洼测试加油站", kDaowaTown, "POINT (122.08 40.99)");
    add("high_voltage_corridor", "测试500千伏线路", kDaowa, "LINESTRING (122.09 40.95, 122.09 41.03)");

    const auto near_station = check({station.lon, station.lat + 40 * kMetreLat}, kDaowaTown);
    EXPECT_TRUE(fails_for(near_station, "大洼测试加油站"));
    ASSERT_FALSE(near_station.nearby.empty());
    EXPECT_NEAR(near_station.nearby.front().distance_m, 40.0, 0.5);
    const Finding& finding = near_station.findings.front();
    EXPECT_EQ(finding.limit, "≥ 50");
    EXPECT_EQ(finding.field, "location");
    EXPECT_NE(finding.source.find("GB 50156"), std::string::npos);
    EXPECT_FALSE(fails_for(check({station.lon, station.lat + 60 * kMetreLat}, kDaowaTown), "大洼测试加油站"));

    const geo::LonLat on_line{122.09, 41.02};
    EXPECT_TRUE(fails_for(check(on_line, kDaowa), "测试500千伏线路"));  // under the line
    EXPECT_TRUE(fails_for(check({on_line.lon + 15 * kMetreLon, on_line.lat}, kDaowa), "测试500千伏线路"));
    const auto beside = check({on_line.lon + 25 * kMetreLon, on_line.lat}, kDaowa);
    EXPECT_FALSE(fails_for(beside, "测试500千伏线路"));
    EXPECT_TRUE(beside.findings.empty());

    // A pollution source with its own protection distance of 300 m, wider than the kind's 100 m.
    add("pollution_source", "测试化工厂", kDaowa, "POINT (122.2 41.05)", 300.0);
    EXPECT_TRUE(fails_for(check({122.2, 41.05 + 250 * kMetreLat}, kDaowa), "测试化工厂"));
    EXPECT_FALSE(fails_for(check({122.2, 41.05 + 350 * kMetreLat}, kDaowa), "测试化工厂"));

    // A feature of 余姚 (浙江) at the same spot counts for a site in 浙江, not for one in 辽宁.
    add("gas_station", "余姚测试加气站", "330281001000", "POINT (122.3 41.1)");
    EXPECT_FALSE(fails_for(check({122.3, 41.1}, kDaowa), "余姚测试加气站"));
    EXPECT_TRUE(fails_for(check({122.3, 41.1}, kYuyao), "余姚测试加气站"));

    // Retired: no longer counted.
    {
        storage::Transaction tx = world_->database().Write();
        reference::hazards::Retire(tx, station_id, "已拆除", "test", world_->clock().NowMillis());
        tx.Commit();
    }
    EXPECT_FALSE(fails_for(check({station.lon, station.lat + 40 * kMetreLat}, kDaowaTown), "大洼测试加油站"));
}

}  // namespace tuoyu::test
