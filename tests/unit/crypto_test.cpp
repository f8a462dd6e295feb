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

TEST_F(CryptoTest, SealedPersonalDataOpensOnlyWithItsKeyAndPlace) {
    const std::string master = crypto::NewKey();
    const std::string key = crypto::DeriveKey(master, 1, "idnumenc");
    const std::string sealed = crypto::Seal("11010519491231002X", key, "staff.id_number");
    EXPECT_EQ(sealed.find("11010519491231002X"), std::string::npos);                // the clear number is not in it
    EXPECT_NE(sealed, crypto::Seal("11010519491231002X", key, "staff.id_number"));  // a fresh nonce each time
    EXPECT_EQ(crypto::Unseal(sealed, key, "staff.id_number"), "11010519491231002X");
    EXPECT_FALSE(crypto::Unseal(sealed, key, "children.id_number"));
    EXPECT_FALSE(crypto::Unseal(sealed, crypto::DeriveKey(master, 2, "idnumenc"), "staff.id_number"));
    std::string altered = sealed;
    altered.back() = static_cast<char>(altered.back() ^ 1);
    EXPECT_FALSE(crypto::Unseal(altered, key, "staff.id_number"));
    EXPECT_FALSE(crypto::Unseal("short", key, "staff.id_number"));
    EXPECT_THROW(crypto::Seal("x", "not 32 bytes", ""), std::invalid_argument);
}

TEST_F(CryptoTest, KeyedHashesMatchUnderOneKeyOnly) {
    const std::string master = crypto::NewKey();
    const std::string index = crypto::DeriveKey(master, 1, "idnumidx");
    EXPECT_NE(index, crypto::DeriveKey(master, 1, "idnumenc"));  // each use its own subkey
    EXPECT_EQ(index, crypto::DeriveKey(master, 1, "idnumidx"));
    const std::string hash = crypto::KeyedHashHex("11010519491231002X", index);
    EXPECT_EQ(hash.size(), 64u);
    EXPECT_EQ(hash, crypto::KeyedHashHex("11010519491231002X", index));
    EXPECT_NE(hash, crypto::KeyedHashHex("110105194912310021", index));
    EXPECT_NE(hash, crypto::KeyedHashHex("11010519491231002X", crypto::NewKey()));
    EXPECT_THROW(crypto::DeriveKey(master, 1, "short"), std::invalid_argument);
}

}  // namespace
}  // namespace tuoyu
