#include <gtest/gtest.h>

#include "core/crypto.hpp"

namespace tuoyu {
namespace {

class CryptoTest : public ::testing::Test {
  protected:
    void SetUp() override { crypto::Init(); }
};

TEST_F(CryptoTest, Sha256OfKnownInput) {
    EXPECT_EQ(crypto::Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_F(CryptoTest, TokensAreRandomAndUrlSafe) {
    const std::string a = crypto::NewToken();
    const std::string b = crypto::NewToken();
    EXPECT_NE(a, b);
    EXPECT_EQ(a.size(), 43u);
    EXPECT_EQ(a.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
              std::string::npos);
}

TEST_F(CryptoTest, PasswordHashIsArgon2idAndSalted) {
    const std::string first = crypto::HashPassword("Correct#Horse9");
    const std::string second = crypto::HashPassword("Correct#Horse9");
    EXPECT_EQ(first.rfind("$argon2id$", 0), 0u);
    EXPECT_NE(first, second);
    EXPECT_TRUE(crypto::VerifyPassword(first, "Correct#Horse9"));
    EXPECT_FALSE(crypto::VerifyPassword(first, "Correct#Horse8"));
}

TEST_F(CryptoTest, SameSecretComparesWholeStrings) {
    EXPECT_TRUE(crypto::SameSecret("abc", "abc"));
    EXPECT_FALSE(crypto::SameSecret("abc", "abd"));
    EXPECT_FALSE(crypto::SameSecret("abc", "ab"));
    EXPECT_FALSE(crypto::SameSecret("", "a"));
}

}  // namespace
}  // namespace tuoyu
