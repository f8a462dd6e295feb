// Each row of RULES.md that is a value is a parameter inherited down the region tree. These tests
// read the value in force at real regions after the shipped defaults are loaded, on the engine under
// test, and check the value, where it is set, its source tag and whether RULES.md marks it "(verify)".

#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "core/working_days.hpp"
#include "rules/rules_fixture.hpp"

namespace tuoyu::test {
namespace {

TEST_F(RulesTest, S1_AreaPerChild) {
    ExpectNational("area_per_child_m2", "8", "R", false, "辽宁省人民政府办公厅");
    EXPECT_EQ(At("area_per_child_m2", kDaowa).clause, "二(一)4");
}

TEST_F(RulesTest, S9_SlotsPerThousandInResidentialAreas) {
    // A local planning standard (seed 001 三(一)): in force in 余姚 and below, not elsewhere.
    for (const char* key : {"slots_per_1000_new_residential", "slots_per_1000_old_residential"}) {
        const reference::parameters::Value yuyao = At(key, "330281001000");
        EXPECT_EQ(yuyao.region_code, kYuyao) << key;
        EXPECT_EQ(yuyao.tag, "R") << key;
        EXPECT_EQ(yuyao.clause, "三(一)") << key;
        EXPECT_TRUE(Unset(key, kDaowa)) << key;
    }
    EXPECT_EQ(At("slots_per_1000_new_residential", kYuyao).value, "9");
    EXPECT_EQ(At("slots_per_1000_old_residential", kYuyao).value, "6");
}

TEST_F(RulesTest, S10_VideoRetention) {
    ExpectNational("video_retention_days", "90", "R", false, "鹤政办〔2020〕29号");
    EXPECT_EQ(At("video_retention_days", kDaowa).value, "90");
}

TEST_F(RulesTest, S11_PublicWelfarePosts) {
    ExpectNational("public_welfare_post_ratio", "1:100", "R", false, "鹤壁市");
    EXPECT_EQ(TypeOf("public_welfare_post_ratio"), "ratio");
}

TEST_F(RulesTest, S12_ConstructionSubsidyPerSlot) {
    ExpectNational("construction_subsidy_per_slot_yuan", "10000", "R", false, "鹤壁市");
}

TEST_F(RulesTest, S14_KindergartenClassAge) {
    ExpectNational("kindergarten_class_age_months", R"({"max_months":36,"min_months":24})", "R", false, "辽宁省");
}

TEST_F(RulesTest, S16_LiaoningTargets2025) {
    const reference::parameters::Value slots = At("target_slots_per_1000_2025", kDaowa);
    EXPECT_EQ(slots.value, "4.5");
    EXPECT_EQ(slots.region_code, kLiaoning);
    EXPECT_TRUE(Unset("target_slots_per_1000_2025", kYuyao));
    EXPECT_TRUE(Unset("target_slots_per_1000_2025", kNationalCode));
    EXPECT_EQ(At("target_health_management_rate_2025", kDaowaTown).value, "90");
    EXPECT_EQ(At("target_guidance_rate_2025", kDaowa).value, "95");
    EXPECT_EQ(At("target_community_coverage_2025", kDaowa).value, "50");
    EXPECT_TRUE(Unset("target_community_coverage_2025", kYuyao));
}

TEST_F(RulesTest, S17_YuyaoTargets) {
    EXPECT_EQ(At("target_health_management_rate_2025", kYuyao).value, "95");
    EXPECT_EQ(At("target_health_management_rate_2025", kYuyao).region_code, kYuyao);
    EXPECT_EQ(At("target_guidance_rate_2025", kYuyao).value, "90");
    EXPECT_EQ(At("target_staff_certification_rate_2025", kYuyao).value, "80");
    EXPECT_TRUE(Unset("target_staff_certification_rate_2025", kDaowa));
    const Json targets = JsonAt("targets_2020", "330281001000");
    EXPECT_EQ(targets["new_institutions"], 4);
    EXPECT_EQ(targets["new_slots"], 150);
    EXPECT_EQ(targets["demonstration_institutions"], 1);
    EXPECT_EQ(targets["trainers"], 20);
    EXPECT_EQ(targets["village_health_instructors"], 300);
    EXPECT_EQ(targets["health_management_rate"], 90);
    EXPECT_EQ(targets["guidance_knowledge_rate"], 80);
    EXPECT_TRUE(Unset("targets_2020", kDaowa));
}

TEST_F(RulesTest, N1_ClassTypesByAge) {
    const Json bands = JsonAt("class_age_months", kDaowa);
    EXPECT_EQ(bands["infant_class"], Json::array({6, 12}));
    EXPECT_EQ(bands["toddler_class"], Json::array({12, 24}));
    EXPECT_EQ(bands["older_toddler_class"], Json::array({24, 36}));
    EXPECT_TRUE(At("class_age_months", kDaowa).verify);
    EXPECT_EQ(At("class_age_months", kDaowa).clause, "第19条");
}

TEST_F(RulesTest, N2_ChildrenPerClass) {
    const Json sizes = JsonAt("class_max_children", kYuyao);
    EXPECT_EQ(sizes["infant_class"], 10);
    EXPECT_EQ(sizes["toddler_class"], 15);
    EXPECT_EQ(sizes["older_toddler_class"], 20);
    EXPECT_FALSE(At("class_max_children", kYuyao).verify);
    EXPECT_EQ(At("class_max_children", kYuyao).tag, "R");
}

TEST_F(RulesTest, N3_CaregiverRatio) {
    const Json ratios = JsonAt("caregiver_ratio", kDaowa);
    EXPECT_EQ(ratios["infant_class"], "1:3");
    EXPECT_EQ(ratios["toddler_class"], "1:5");
    EXPECT_EQ(ratios["older_toddler_class"], "1:7");
    EXPECT_TRUE(At("caregiver_ratio", kDaowa).verify);
    EXPECT_EQ(At("caregiver_ratio", kDaowa).clause, "第20条");
}

TEST_F(RulesTest, N4_MixedClass) {
    ExpectNational("mixed_class_caregiver_ratio", "1:5", "S", true, "设置标准");
    const Json rules = JsonAt("mixed_class_rules", kDaowa);
    EXPECT_EQ(rules["min_months"], 18);
    EXPECT_EQ(rules["max_children"], 18);
}

TEST_F(RulesTest, N6_HealthWorkerRatio) {
    ExpectNational("health_worker_ratio", "1:150", "R", false, "76号");
}

TEST_F(RulesTest, N8_CookRatio) {
    ExpectNational("cook_ratio", "1:50", "N", false, "WS/T 821");
}

TEST_F(RulesTest, N9_HeadQualification) {
    ExpectNational("head_min_education", "大专", "N", false, "设置标准");
    ExpectNational("head_min_experience_years", "3", "N", false, "设置标准");
}

TEST_F(RulesTest, N10_HeadTrainingHours) {
    ExpectNational("head_training_hours", "60", "S", true, "设置标准");
}

TEST_F(RulesTest, N12_GuardOnDuty) {
    ExpectNational("guards_on_duty", "1", "D", true, "征求意见稿");
}

TEST_F(RulesTest, N13_LeaseTerm) {
    ExpectNational("lease_min_years", "3", "R", false, "设置标准");
    EXPECT_EQ(At("lease_min_years", kDaowa).clause, "第11条");
}

TEST_F(RulesTest, N14_ChildrenRoomsFloor) {
    ExpectNational("children_rooms_max_floor", "3", "N", false, "消防安全指南");
}

TEST_F(RulesTest, N15_WindowFloorRatio) {
    ExpectNational("window_floor_ratio_percent", "20", "N", false, "WS/T 821");
}

TEST_F(RulesTest, N16_ActivityRoomArea) {
    const Json areas = JsonAt("activity_room_min_area_m2", kDaowa);
    EXPECT_EQ(areas["infant_class"], 15);
    EXPECT_EQ(areas["toddler_class"], 35);
    EXPECT_EQ(areas["older_toddler_class"], 35);
}

TEST_F(RulesTest, N17_ObservationRoom) {
    const Json room = JsonAt("observation_room", kYuyao);
    EXPECT_EQ(room["min_area_m2"], 6);
    EXPECT_EQ(room["min_beds"], 1);
}

TEST_F(RulesTest, N19_LivingAreaPerChild) {
    ExpectNational("living_area_per_child_m2", "3", "D", true, "征求意见稿");
}

TEST_F(RulesTest, N20_ChildrenPerInstitution) {
    ExpectNational("max_children_per_institution", "150", "D", true, "征求意见稿");
}

TEST_F(RulesTest, N21_NurseryScale) {
    const Json scale = JsonAt("nursery_scale_classes", kDaowa);
    EXPECT_EQ(scale["small"], Json::array({1, 3}));
    EXPECT_EQ(scale["medium"], Json::array({4, 7}));
    EXPECT_EQ(scale["large"], Json::array({8, 10}));
}

TEST_F(RulesTest, N25_RecheckAfterAbsence) {
    ExpectNational("recheck_after_absence_months", "3", "R", false, "76号");
}

TEST_F(RulesTest, N28_OutdoorActivity) {
    ExpectNational("outdoor_activity_hours", "2", "N", false, "管理规范");
    ExpectNational("outdoor_activity_hours_boarding", "3", "N", false, "管理规范");
}

TEST_F(RulesTest, N36_VideoRetentionStricterWins) {
    // 消防安全指南 2022 says 30 days; the stricter 90 is the one in force.
    ExpectNational("video_retention_days", "90", "R", false, "管理规范");
}

TEST_F(RulesTest, N37_BeijingLiveVideo) {
    EXPECT_EQ(At("parent_live_video_allowed", kDaowa).value, "true");
    EXPECT_EQ(At("parent_live_video_allowed", kYuyao).value, "true");
    const reference::parameters::Value beijing = At("parent_live_video_allowed", kBeijing);
    EXPECT_EQ(beijing.value, "false");
    EXPECT_EQ(beijing.region_code, "110000000000");
    EXPECT_EQ(beijing.tag, "N");
}

TEST_F(RulesTest, N40_FirePatrolAndInspection) {
    ExpectNational("fire_patrols_per_day", "2", "R", false, "消防安全标准");
    ExpectNational("fire_inspections_per_month", "1", "R", false, "消防安全标准");
}

TEST_F(RulesTest, N44_FilingReceiptWithinFiveWorkingDays) {
    ExpectNational("filing_receipt_working_days", "5", "R", false, "登记和备案办法");
    ExpectNational("filing_rejection_working_days", "15", "R", false, "登记和备案办法");
    EXPECT_EQ(At("filing_receipt_working_days", kDaowa).clause, "第9条");
    // Received on Tuesday 2025-09-30: 10-01..08 are holidays, Saturday 10-11 is a make-up working day.
    storage::Transaction tx = world_->database().Read();
    const WorkingDayCalendar calendar = reference::calendar::LoadCalendar(tx);
    tx.Commit();
    const int days = std::stoi(At("filing_receipt_working_days", kDaowa).value);
    EXPECT_EQ(calendar.AddWorkingDays(*CivilDate::Parse("2025-09-30"), days).ToString(), "2025-10-14");
    const int rejection = std::stoi(At("filing_rejection_working_days", kDaowa).value);
    EXPECT_EQ(calendar.AddWorkingDays(*CivilDate::Parse("2025-09-30"), rejection).ToString(), "2025-10-28");
}

TEST_F(RulesTest, N45_ChangeFilingDays) {
    ExpectNational("change_filing_days", "15", "N", false, "登记和备案办法");
}

TEST_F(RulesTest, N47_HomeChildcarePoint) {
    ExpectNational("home_point_max_children", "5", "N", false, "家庭托育点管理办法");
    ExpectNational("home_point_carer_ratio", "1:3", "N", false, "家庭托育点管理办法");
}

TEST_F(RulesTest, N48_HomePointAreaPerChild) {
    ExpectNational("home_point_area_per_child_m2", "9", "D", true, "征求意见稿");
}

TEST_F(RulesTest, N49_MealFeeBalance) {
    ExpectNational("meal_fee_balance_max_percent", "2", "R", false, "76号");
}

TEST_F(RulesTest, N52_BeijingParentActivitiesAndSurveys) {
    EXPECT_EQ(At("parent_activity_interval_months", kBeijing).value, "6");
    EXPECT_EQ(At("satisfaction_survey_interval_months", kBeijing).value, "6");
    EXPECT_TRUE(Unset("parent_activity_interval_months", kDaowa));
    EXPECT_TRUE(Unset("satisfaction_survey_interval_months", kYuyao));
}

TEST_F(RulesTest, N56_QualityAssessmentScores) {
    const Json scores = JsonAt("quality_assessment_area_scores", kDaowa);
    int total = 0;
    for (const auto& [area, score] : scores.items()) {
        total += score.get<int>();
    }
    EXPECT_EQ(scores.size(), 7u);
    EXPECT_EQ(total, 1000);
    EXPECT_EQ(scores["health"], 210);
    EXPECT_TRUE(At("quality_assessment_area_scores", kDaowa).verify);
}

// Exactly the values RULES.md marks "(verify)" carry the flag, and every one rests on [S] or [D].
TEST_F(RulesTest, VerifyFlagOnlyOnSecondaryOrDraftSources) {
    storage::Transaction tx = world_->database().Read();
    int flagged = 0;
    for (const auto& resolved : reference::parameters::ResolveAll(tx, kDaowa)) {
        for (const auto& value : resolved.chain) {
            if (value.verify) {
                ++flagged;
                EXPECT_TRUE(value.tag == "S" || value.tag == "D") << resolved.definition.key;
            }
        }
    }
    tx.Commit();
    // S3 (the seeds name no distances: published figures found secondhand), N1, N3, N4 (two), N10, N12,
    // N19, N20, N48, N56.
    EXPECT_EQ(flagged, 11);
}

}  // namespace
}  // namespace tuoyu::test
