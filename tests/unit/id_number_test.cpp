// Citizen identity numbers (GB 11643-1999): the check character over known numbers, every fault in
// the order it is checked, normalisation and masking.

#include "core/id_number.hpp"

#include <gtest/gtest.h>

namespace tuoyu::id_number {
namespace {

const CivilDate kToday = *CivilDate::FromYmd(2026, 11, 26);

TEST(IdNumberTest, KnownNumbersCarryTheirCheckCharacter) {
    // The standard's own example, and the example printed in most explanations of the X.
    EXPECT_EQ(CheckCharacter("44052418800101001"), '4');
    EXPECT_EQ(CheckCharacter("11010519491231002"), 'X');
    const Result result = Validate("11010519491231002X", kToday);
    ASSERT_TRUE(result.ok()) << DescribeEn(result);
    EXPECT_EQ(result.birth, CivilDate::FromYmd(1949, 12, 31));
    EXPECT_TRUE(Validate("440524188001010014", *CivilDate::FromYmd(2026, 1, 1)).fault == Fault::kBirthDate);
    EXPECT_FALSE(CheckCharacter("1101051949123100"));   // 16 characters
    EXPECT_FALSE(CheckCharacter("1101051949123100A"));  // not a digit
}

TEST(IdNumberTest, EachFaultIsFoundInOrder) {
    EXPECT_EQ(Validate("11010519491231002", kToday).fault, Fault::kLength);
    EXPECT_EQ(Validate("11010519491231002XX", kToday).fault, Fault::kLength);
    const Result letter = Validate("1101051949123100AX", kToday);
    EXPECT_EQ(letter.fault, Fault::kCharacter);
    EXPECT_EQ(letter.position, 17u);
    EXPECT_EQ(Validate("11010519491231002Y", kToday).position, 18u);
    EXPECT_EQ(Validate("99010519491231002X", kToday).fault, Fault::kRegion);
    EXPECT_EQ(Validate("110105199002300021", kToday).fault, Fault::kBirthDate);  // 30 February
    EXPECT_EQ(Validate("110105189912310021", kToday).fault, Fault::kBirthDate);  // before 1900
    EXPECT_EQ(Validate("110105202612010021", kToday).fault, Fault::kBirthDate);  // not born yet
    const Result wrong = Validate("110105194912310021", kToday);
    EXPECT_EQ(wrong.fault, Fault::kCheckCharacter);
    EXPECT_EQ(wrong.position, 18u);
    EXPECT_EQ(wrong.expected, 'X');
    EXPECT_EQ(FaultCode(wrong.fault), "id_number_check_character");
    EXPECT_NE(DescribeZh(wrong).find("校验码"), std::string::npos);
    EXPECT_NE(DescribeEn(wrong).find("check character"), std::string::npos);
}

TEST(IdNumberTest, ATrailingLowerCaseXIsTheSameNumber) {
    EXPECT_EQ(Normalize("  11010519491231002x\n"), "11010519491231002X");
    EXPECT_TRUE(Validate(Normalize("11010519491231002x"), kToday).ok());
    EXPECT_EQ(Normalize("   "), "");
}

TEST(IdNumberTest, MaskingShowsFourCharactersAtEachEnd) {
    EXPECT_EQ(Mask("21110419800101123X"), "2111**********123X");
    EXPECT_EQ(Mask("short"), "******************");
}

}  // namespace
}  // namespace tuoyu::id_number
