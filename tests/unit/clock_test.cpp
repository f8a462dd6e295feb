#include <gtest/gtest.h>

#include "core/clock.hpp"

namespace tuoyu {
namespace {

TEST(ClockTest, FormatsUtcWithMilliseconds) {
    EXPECT_EQ(FormatIsoUtc(0), "1970-01-01T00:00:00.000Z");
    EXPECT_EQ(FormatIsoUtc(1'764'000'000'123), "2025-11-24T16:00:00.123Z");
}

TEST(ClockTest, DateMeansMidnightInChina) {
    std::int64_t millis = 0;
    ASSERT_TRUE(ParseIsoDateOrTime("2025-11-25", millis));
    EXPECT_EQ(FormatIsoUtc(millis), "2025-11-24T16:00:00.000Z");
}

TEST(ClockTest, ParsesTimestampsAndRefusesImpossibleDates) {
    std::int64_t millis = 0;
    ASSERT_TRUE(ParseIsoDateOrTime("2025-11-24T16:00:00.123Z", millis));
    EXPECT_EQ(millis, 1'764'000'000'123);
    EXPECT_TRUE(ParseIsoDateOrTime("2024-02-29", millis));
    EXPECT_FALSE(ParseIsoDateOrTime("2025-02-29", millis));
    EXPECT_FALSE(ParseIsoDateOrTime("2025-13-01", millis));
    EXPECT_FALSE(ParseIsoDateOrTime("2025-1-1", millis));
    EXPECT_FALSE(ParseIsoDateOrTime("2025-11-24T24:00:00Z", millis));
    EXPECT_FALSE(ParseIsoDateOrTime("2025-11-24T16:00:00+08:00", millis));
}

TEST(ClockTest, FixedClockMovesOnlyWhenTold) {
    FixedClock clock(1000);
    EXPECT_EQ(clock.NowMillis(), 1000);
    clock.Advance(500);
    EXPECT_EQ(clock.NowMillis(), 1500);
}

}  // namespace
}  // namespace tuoyu
