// The rules of daily care (core/care_rules.hpp) row by row of RULES.md, with the parameters as the shipped
// defaults set them at 大洼区 on the engine under test: a child's age against the class (N1, N4), class
// sizes (N2, N4), the ratio of caregivers to the children present over a day (N3, N4), the examination
// after three months away (N25) and outdoor time (N28).
#include <gtest/gtest.h>

#include "core/care_rules.hpp"
#include "rules/rules_fixture.hpp"

namespace tuoyu::test {
namespace {

CivilDate Day(const char* text) {
    return *CivilDate::Parse(text);
}

constexpr std::int64_t kMinute = 60'000;

// A movement at hh:mm of the day.
care_rules::Movement Moving(int hour, int minute, int children, int caregivers) {
    return {(hour * 60 + minute) * kMinute, children, caregivers};
}

}  // namespace

// Completed months, the end of a shorter month completing it.
TEST_F(RulesTest, N1_AgeInCompletedMonths) {
    EXPECT_EQ(care_rules::AgeInMonths(Day("2024-01-15"), Day("2024-02-14")), 0);
    EXPECT_EQ(care_rules::AgeInMonths(Day("2024-01-15"), Day("2024-02-15")), 1);
    EXPECT_EQ(care_rules::AgeInMonths(Day("2024-01-31"), Day("2024-02-29")), 1);
    EXPECT_EQ(care_rules::AgeInMonths(Day("2024-02-29"), Day("2025-02-28")), 12);
    EXPECT_EQ(care_rules::AgeInMonths(Day("2024-05-10"), Day("2024-05-09")), -1);
}

// 乳儿班 6–12 months, 托小班 12–24, 托大班 24–36: a child of 12 months is a 托小班 child.
TEST_F(RulesTest, N1_ChildFitsTheClassAge) {
    const standards::Parameters parameters = ParametersAt(*world_, kDaowa);
    const CivilDate birth = Day("2024-11-24");
    EXPECT_FALSE(care_rules::CheckClassAge("infant_class", birth, Day("2025-05-24"), parameters));  // 6 months
    const std::optional<standards::Finding> too_old =
        care_rules::CheckClassAge("infant_class", birth, Day("2025-11-24"), parameters);  // 12 months
    ASSERT_TRUE(too_old);
    EXPECT_EQ(too_old->rule, "N1");
    EXPECT_EQ(too_old->severity, standards::Severity::kFail);
    EXPECT_EQ(too_old->limit, "6–12");
    EXPECT_EQ(too_old->value, "12");
    EXPECT_NE(too_old->source.find("设置标准"), std::string::npos);
    EXPECT_FALSE(care_rules::CheckClassAge("toddler_class", birth, Day("2025-11-24"), parameters));
    EXPECT_TRUE(care_rules::CheckClassAge("toddler_class", birth, Day("2025-11-23"), parameters));        // 11 months
    EXPECT_TRUE(care_rules::CheckClassAge("older_toddler_class", birth, Day("2027-11-24"), parameters));  // 36
}

// 乳儿班 ≤ 10, 托小班 ≤ 15, 托大班 ≤ 20.
TEST_F(RulesTest, N2_ClassSizeLimit) {
    const standards::Parameters parameters = ParametersAt(*world_, kDaowa);
    EXPECT_FALSE(care_rules::CheckClassSize("infant_class", 10, parameters));
    EXPECT_TRUE(care_rules::CheckClassSize("infant_class", 11, parameters));
    EXPECT_FALSE(care_rules::CheckClassSize("toddler_class", 15, parameters));
    const std::optional<standards::Finding> over = care_rules::CheckClassSize("older_toddler_class", 21, parameters);
    ASSERT_TRUE(over);
    EXPECT_EQ(over->rule, "N2");
    EXPECT_EQ(over->limit, "≤ 20");
}

// A 托小班 (1:5) over one day: children and caregivers arrive and leave; the ratio holds except while
// one caregiver is alone with 6 to 8 children, and a hand-over at one moment leaves no gap.
TEST_F(RulesTest, N3_LiveRatioOverADay) {
    const standards::Parameters parameters = ParametersAt(*world_, kDaowa);
    EXPECT_EQ(care_rules::CaregiversNeeded("toddler_class", 5, parameters), 1);
    EXPECT_EQ(care_rules::CaregiversNeeded("toddler_class", 6, parameters), 2);
    EXPECT_EQ(care_rules::CaregiversNeeded("infant_class", 4, parameters), 2);
    EXPECT_EQ(care_rules::CaregiversNeeded("toddler_class", 0, parameters), 0);
    const std::vector<care_rules::Movement> day = {
        Moving(7, 30, 0, 1),    // the first caregiver opens
        Moving(7, 45, 4, 0),    // four children
        Moving(8, 0, 3, 0),     // seven: one caregiver short from 8:00
        Moving(8, 20, 1, 0),    // eight
        Moving(8, 30, 0, 1),    // the second caregiver: covered again
        Moving(12, 0, 0, -1),   // a hand-over at noon …
        Moving(12, 0, 0, 1),    // … at the same moment: no gap
        Moving(16, 0, -4, 0),   // four go home
        Moving(16, 10, 0, -1),  // one caregiver leaves: 4 children, 1 caregiver, covered
        Moving(17, 0, -4, -1),
    };
    const std::vector<care_rules::Breach> breaches =
        care_rules::RatioBreaches("toddler_class", day, 7 * 60 * kMinute, 18 * 60 * kMinute, parameters);
    ASSERT_EQ(breaches.size(), 1u);
    EXPECT_EQ(breaches[0].from, 8 * 60 * kMinute);
    EXPECT_EQ(breaches[0].to, (8 * 60 + 30) * kMinute);
    EXPECT_EQ(breaches[0].children, 8);
    EXPECT_EQ(breaches[0].caregivers, 1);
    EXPECT_EQ(breaches[0].needed, 2);
    // The same day with the second caregiver leaving at 15:00 instead of a hand-over: open until 16:00.
    std::vector<care_rules::Movement> short_day = day;
    short_day.push_back(Moving(15, 0, 0, -1));
    short_day.push_back(Moving(16, 0, 0, 1));
    const std::vector<care_rules::Breach> afternoon =
        care_rules::RatioBreaches("toddler_class", short_day, 7 * 60 * kMinute, 18 * 60 * kMinute, parameters);
    ASSERT_EQ(afternoon.size(), 2u);
    EXPECT_EQ(afternoon[1].from, 15 * 60 * kMinute);
    EXPECT_EQ(afternoon[1].to, 16 * 60 * kMinute);
    // Nobody left the room unattended to the end of the day: the breach runs to the day's end.
    const std::vector<care_rules::Breach> alone = care_rules::RatioBreaches(
        "infant_class", {Moving(9, 0, 1, 0)}, 7 * 60 * kMinute, 18 * 60 * kMinute, parameters);
    ASSERT_EQ(alone.size(), 1u);
    EXPECT_EQ(alone[0].to, 18 * 60 * kMinute);
    EXPECT_EQ(alone[0].caregivers, 0);
}

// A mixed class: 18 months and over, at most 18 children, 1 caregiver for 5.
TEST_F(RulesTest, N4_MixedClassAgeSizeAndRatio) {
    const standards::Parameters parameters = ParametersAt(*world_, kDaowa);
    const CivilDate birth = Day("2024-01-10");
    EXPECT_TRUE(care_rules::CheckClassAge("mixed_class", birth, Day("2025-07-09"), parameters));  // 17 months
    EXPECT_FALSE(care_rules::CheckClassAge("mixed_class", birth, Day("2025-07-10"), parameters));
    EXPECT_EQ(care_rules::CheckClassAge("mixed_class", birth, Day("2025-07-09"), parameters)->rule, "N4");
    EXPECT_FALSE(care_rules::CheckClassSize("mixed_class", 18, parameters));
    EXPECT_EQ(care_rules::CheckClassSize("mixed_class", 19, parameters)->rule, "N4");
    EXPECT_EQ(care_rules::CaregiversNeeded("mixed_class", 11, parameters), 3);
}

// Three months away or more: examined again before coming back.
TEST_F(RulesTest, N25_RecheckAfterThreeMonthsAway) {
    const standards::Parameters parameters = ParametersAt(*world_, kDaowa);
    EXPECT_EQ(care_rules::NeedsRecheck(Day("2025-03-15"), Day("2025-06-14"), parameters), false);
    EXPECT_EQ(care_rules::NeedsRecheck(Day("2025-03-15"), Day("2025-06-15"), parameters), true);
    EXPECT_EQ(care_rules::NeedsRecheck(Day("2025-11-30"), Day("2026-02-28"), parameters), true);
}

// Two hours outdoors a day, three for boarding children; a shortfall is a warning, for the weather may
// have cut it.
TEST_F(RulesTest, N28_OutdoorTwoHoursADay) {
    const standards::Parameters parameters = ParametersAt(*world_, kDaowa);
    EXPECT_FALSE(care_rules::CheckOutdoorTime(120, false, parameters));
    const std::optional<standards::Finding> short_day = care_rules::CheckOutdoorTime(90, false, parameters);
    ASSERT_TRUE(short_day);
    EXPECT_EQ(short_day->rule, "N28");
    EXPECT_EQ(short_day->severity, standards::Severity::kWarn);
    EXPECT_EQ(short_day->limit, "≥ 120");
    EXPECT_TRUE(care_rules::CheckOutdoorTime(150, true, parameters));
    EXPECT_FALSE(care_rules::CheckOutdoorTime(180, true, parameters));
}

}  // namespace tuoyu::test
