#include <gtest/gtest.h>

#include "access/password_policy.hpp"

namespace tuoyu {
namespace {

using access::CheckPassword;

TEST(PasswordPolicyTest, AcceptsLongPasswordsOfThreeKinds) {
    EXPECT_FALSE(CheckPassword("daowa", "correct#horse9"));
    EXPECT_FALSE(CheckPassword("daowa", "Correcthorse9"));
    EXPECT_FALSE(CheckPassword("daowa", "CORRECT#HORSE9"));
}

TEST(PasswordPolicyTest, RefusesShortOnesOfTwoKindsAndOnesHoldingTheUserName) {
    EXPECT_EQ(CheckPassword("daowa", "Sh0rt#pw")->code(), "weak_password");
    EXPECT_TRUE(CheckPassword("daowa", "onlylowercaseand123"));
    EXPECT_TRUE(CheckPassword("daowa", "My#DAOWA#password9"));
    EXPECT_EQ(CheckPassword("daowa", "Sh0rt#pw")->field(), "new_password");
    EXPECT_TRUE(CheckPassword("daowa", std::string(129, 'a') + "A1"));
}

}  // namespace
}  // namespace tuoyu
