// The vault of identity numbers (decision 0009): the key file's text, sealing bound to its place, and
// keyed hashes that match under one key and nowhere else.
#include <gtest/gtest.h>

#include "core/crypto.hpp"
#include "core/identity_vault.hpp"
#include "core/staff_rules.hpp"

namespace tuoyu {
namespace {

TEST(IdentityVaultTest, KeyTextIsSixtyFourHexCharacters) {
    const std::string text = crypto::IdentityVault::NewKeyText();
    EXPECT_EQ(text.size(), 65u);
    ASSERT_TRUE(crypto::IdentityVault::ParseKeyText("  " + text + "\n").has_value());
    EXPECT_EQ(crypto::IdentityVault::ParseKeyText(text)->size(), crypto::kKeyBytes);
    EXPECT_FALSE(crypto::IdentityVault::ParseKeyText(text.substr(0, 62)));
    EXPECT_FALSE(crypto::IdentityVault::ParseKeyText(std::string(64, 'g')));
    EXPECT_FALSE(crypto::IdentityVault::ParseKeyText(""));
    EXPECT_THROW(crypto::IdentityVault("short", 1), std::invalid_argument);
}

TEST(IdentityVaultTest, SealedNumbersOpenOnlyInTheirPlaceUnderTheirKey) {
    const std::string master = crypto::NewKey();
    const crypto::IdentityVault vault(master, 1);
    const std::string sealed = vault.Seal("11010519491231002X", "staff.id_number");
    EXPECT_EQ(sealed.find("11010519491231002X"), std::string::npos);
    EXPECT_NE(sealed, vault.Seal("11010519491231002X", "staff.id_number"));  // a fresh nonce each time
    EXPECT_EQ(vault.Open(sealed, 1, "staff.id_number"), "11010519491231002X");
    EXPECT_FALSE(vault.Open(sealed, 1, "children.id_number"));
    EXPECT_FALSE(vault.Open(sealed, 2, "staff.id_number"));
    EXPECT_FALSE(crypto::IdentityVault(crypto::NewKey(), 1).Open(sealed, 1, "staff.id_number"));
    std::string altered = sealed;
    altered[60] = altered[60] == '0' ? '1' : '0';
    EXPECT_FALSE(vault.Open(altered, 1, "staff.id_number"));
    EXPECT_FALSE(vault.Open("not hex", 1, "staff.id_number"));
}

TEST(IdentityVaultTest, HashesMatchUnderOneKeyAndKind) {
    const std::string master = crypto::NewKey();
    const crypto::IdentityVault vault(master, 1);
    EXPECT_EQ(vault.Hash("resident_id", "11010519491231002X"),
              crypto::IdentityVault(master, 1).Hash("resident_id", "11010519491231002X"));
    EXPECT_EQ(vault.Hash("resident_id", "11010519491231002X").size(), 64u);
    EXPECT_NE(vault.Hash("resident_id", "11010519491231002X"), vault.Hash("passport", "11010519491231002X"));
    EXPECT_NE(vault.Hash("resident_id", "11010519491231002X"),
              crypto::IdentityVault(crypto::NewKey(), 1).Hash("resident_id", "11010519491231002X"));
    EXPECT_NE(vault.Hash("resident_id", "11010519491231002X"),
              crypto::IdentityVault(master, 2).Hash("resident_id", "11010519491231002X"));
}

TEST(StaffLabelsTest, CodesAndLabelsAreReadAlike) {
    using staff_rules::CodeOf;
    EXPECT_EQ(CodeOf(staff_rules::kRoles, "保育人员"), "caregiver");
    EXPECT_EQ(CodeOf(staff_rules::kRoles, " caregiver "), "caregiver");
    EXPECT_EQ(CodeOf(staff_rules::kRoles, "Security Guard"), "security_guard");
    EXPECT_FALSE(CodeOf(staff_rules::kRoles, "园丁"));
    EXPECT_EQ(CodeOf(staff_rules::kEducations, "大学本科"), "bachelor");
    EXPECT_EQ(CodeOf(staff_rules::kEducations, "专科"), "junior_college");
    EXPECT_EQ(staff_rules::EducationRank("中专"), staff_rules::EducationRank("高中"));
    EXPECT_LT(staff_rules::EducationRank("高中"), staff_rules::EducationRank("大专"));
    EXPECT_FALSE(staff_rules::EducationRank("幼儿园"));
    EXPECT_EQ(staff_rules::LabelZh(staff_rules::kDocumentKinds, "no_criminal_record"), "无犯罪记录证明");
}

}  // namespace
}  // namespace tuoyu
