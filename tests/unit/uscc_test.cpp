// The unified social credit code of GB 32100-2015, checked against codes that their holders publish.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/uscc.hpp"

namespace tuoyu {
namespace {

struct Published {
    const char* code;
    const char* holder;  // and where the code is quoted
};

// Real codes as their holders or public records quote them, of each kind a childcare body can be
// and more: enterprises (91), individual businesses (92), public institutions (12), a foundation (53).
const std::vector<Published> kPublished = {
    {"914403001922038216", "华为技术有限公司 (the company's encyclopaedia entry)"},
    {"91440300708461136T", "深圳市腾讯计算机系统有限公司 (its business licence in a company report)"},
    {"12100000470095016Q", "浙江大学 (the university's account in a public disposal notice)"},
    {"12100000425006117P", "复旦大学 (the buyer on an invoice)"},
    {"53100000500019795A", "a national foundation registered with 民政部 (its disclosure page)"},
    {"92140727MAE8C7WN66", "祁县天天开心商贸行, an individual business (its app's about page)"},
    {"92350603MADUMPGH7P", "漳州市龙文区安之妮汽车经营部, an individual business (a court judgment)"},
};

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

TEST(UsccTest, PublishedCodesAreValid) {
    for (const Published& published : kPublished) {
        const uscc::Result result = uscc::Validate(published.code);
        EXPECT_TRUE(result.ok()) << published.code << " of " << published.holder << ": "
                                 << uscc::FaultCode(result.fault);
        const std::string code = published.code;
        EXPECT_EQ(uscc::CheckCharacter(code.substr(0, 17)), code[17]) << code;
        EXPECT_EQ(uscc::OrganizationCheckCharacter(code.substr(8, 8)), code[16]) << code;
    }
}

TEST(UsccTest, EverySingleWrongCharacterIsCaught) {
    for (const Published& published : kPublished) {
        for (std::size_t position = 0; position < uscc::kCodeLength; ++position) {
            for (char replacement : kAlphabet) {
                std::string code = published.code;
                if (code[position] == replacement) {
                    continue;
                }
                code[position] = replacement;
                EXPECT_FALSE(uscc::Validate(code).ok()) << code << " (position " << position + 1 << ")";
            }
        }
    }
}

TEST(UsccTest, NamesTheFaultyPart) {
    EXPECT_EQ(uscc::Validate("91440300192203821").fault, uscc::Fault::kLength);
    EXPECT_EQ(uscc::Validate("9144030019220382166").fault, uscc::Fault::kLength);
    EXPECT_EQ(uscc::Validate("").fault, uscc::Fault::kLength);

    // I, O, Z, S and V are not used, nor lower case or punctuation.
    for (const char* code : {"9144030019220382I6", "91440300192203821O", "Z14403001922038216", "914403001922038S16",
                             "9144030019220V8216", "91440300192203821-", "914403001922038216a"}) {
        const uscc::Result result = uscc::Validate(code);
        if (std::string(code).size() == 18) {
            EXPECT_EQ(result.fault, uscc::Fault::kCharacter) << code;
        }
    }
    const uscc::Result character = uscc::Validate("9144030019220382I6");
    EXPECT_EQ(character.position, 17u);

    // Positions 3–8: no province 99, and the central offices' code is exactly 100000.
    EXPECT_EQ(uscc::Validate("919900001922038216").fault, uscc::Fault::kDivision);
    EXPECT_EQ(uscc::Validate("91100001470095016Q").fault, uscc::Fault::kDivision);
    EXPECT_EQ(uscc::Validate("9144A3001922038216").fault, uscc::Fault::kDivision);

    // Position 17 is the organization code's own check character; position 18 the whole code's.
    const uscc::Result organization = uscc::Validate("914403001922038226");
    EXPECT_EQ(organization.fault, uscc::Fault::kOrganizationCheck);
    EXPECT_EQ(organization.position, 17u);
    EXPECT_EQ(organization.expected, '1');
    const uscc::Result check = uscc::Validate("914403001922038217");
    EXPECT_EQ(check.fault, uscc::Fault::kCheckCharacter);
    EXPECT_EQ(check.position, 18u);
    EXPECT_EQ(check.expected, '6');
}

TEST(UsccTest, OrganizationCheckTenIsWrittenX) {
    // 浙江大学's organization code 47009501-6, a made-up one, and some body whose check value is 10.
    EXPECT_EQ(uscc::OrganizationCheckCharacter("MJ0TY200"), '7');
    EXPECT_EQ(uscc::OrganizationCheckCharacter("47009501"), '6');
    bool saw_x = false;
    for (int n = 0; n < 100 && !saw_x; ++n) {
        const std::string body = "100000" + std::string(n < 10 ? "0" : "") + std::to_string(n);
        saw_x = uscc::OrganizationCheckCharacter(body) == 'X';
    }
    EXPECT_TRUE(saw_x);
}

TEST(UsccTest, NormalizeTrimsAndCapitalises) {
    EXPECT_EQ(uscc::Normalize("  9144030071526726xg \t"), "9144030071526726XG");
    EXPECT_TRUE(uscc::Validate(uscc::Normalize(" 91440300708461136t ")).ok());
    EXPECT_EQ(uscc::Normalize("   "), "");
}

TEST(UsccTest, MessagesNameThePositionInBothLanguages) {
    const uscc::Result result = uscc::Validate("9144030019220382I6");
    EXPECT_NE(uscc::DescribeZh(result).find("第17位"), std::string::npos) << uscc::DescribeZh(result);
    EXPECT_NE(uscc::DescribeEn(result).find("17"), std::string::npos) << uscc::DescribeEn(result);
    EXPECT_EQ(uscc::FaultCode(uscc::Fault::kCheckCharacter), "uscc_check_character");
    EXPECT_EQ(uscc::FaultCode(uscc::Fault::kOrganizationCheck), "uscc_organization_check");
}

}  // namespace
}  // namespace tuoyu
