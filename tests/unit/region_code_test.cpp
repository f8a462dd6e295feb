#include <gtest/gtest.h>

#include "core/region_code.hpp"

namespace tuoyu {
namespace {

TEST(RegionCodeTest, ShortFormsArePaddedToTwelveDigits) {
    EXPECT_EQ(RegionCode::Normalize("21"), "210000000000");
    EXPECT_EQ(RegionCode::Normalize("211104"), "211104000000");
    EXPECT_EQ(RegionCode::Normalize("211104101"), "211104101000");
    EXPECT_EQ(RegionCode::Normalize("211104101001"), "211104101001");
}

TEST(RegionCodeTest, RejectsOtherLengthsLettersAndZeroProvince) {
    EXPECT_FALSE(RegionCode::Normalize("2111041"));
    EXPECT_FALSE(RegionCode::Normalize("21a104"));
    EXPECT_FALSE(RegionCode::Normalize(""));
    EXPECT_FALSE(RegionCode::Normalize("000000"));
}

TEST(RegionCodeTest, LevelFollowsTheSignificantDigits) {
    EXPECT_EQ(RegionCode::Level("210000000000"), 1);
    EXPECT_EQ(RegionCode::Level("211100000000"), 2);
    EXPECT_EQ(RegionCode::Level("211104000000"), 3);
    EXPECT_EQ(RegionCode::Level("211104101000"), 4);
    EXPECT_EQ(RegionCode::Level("211104101001"), 5);
}

TEST(RegionCodeTest, SubtreeContainsDescendantsOnly) {
    EXPECT_TRUE(RegionCode::Contains("211104000000", "211104101001"));
    EXPECT_TRUE(RegionCode::Contains("211100000000", "211104000000"));
    EXPECT_TRUE(RegionCode::Contains("211104000000", "211104000000"));
    EXPECT_FALSE(RegionCode::Contains("211104000000", "211103000000"));
    EXPECT_FALSE(RegionCode::Contains("211104101000", "211104102001"));
    EXPECT_FALSE(RegionCode::Contains("211104000000", "330281000000"));
}

}  // namespace
}  // namespace tuoyu
