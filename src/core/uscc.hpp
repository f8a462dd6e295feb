#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tuoyu::uscc {

// The unified social credit code (统一社会信用代码) of GB 32100-2015: 18 characters from the digits
// and the capital letters other than I, O, Z, S and V.
//   1      registration department (登记管理部门): 1 机构编制, 5 民政, 9 工商/市场监管, Y 其他 …
//   2      the kind of body within that department (9 1 企业, 9 2 个体工商户, 1 2 事业单位, 5 2 民办非企业单位 …)
//   3–8    the administrative division code of the registering office (GB/T 2260)
//   9–17   the organization code of GB 11714, whose own check character is position 17
//   18     the check character over positions 1–17
inline constexpr std::size_t kCodeLength = 18;

// What is wrong with a code, in the order it is checked.
enum class Fault {
    kNone,
    kLength,             // not 18 characters
    kCharacter,          // a character outside the code's alphabet (position says which)
    kDivision,           // positions 3–8 are not the code of a province-level division or below
    kOrganizationCheck,  // position 17 is not the GB 11714 check character of positions 9–16
    kCheckCharacter,     // position 18 is not the check character of positions 1–17
};

struct Result {
    Fault fault = Fault::kNone;
    std::size_t position = 0;  // 1-based position of the offending character, 0 when not one character
    char expected = 0;         // the check character that position 17 or 18 should hold

    bool ok() const { return fault == Fault::kNone; }
};

// Trims surrounding white space and turns lower-case ASCII letters into capitals; a code typed in
// lower case is the same code.
std::string Normalize(std::string_view text);

// Checks a normalised code.
Result Validate(std::string_view code);

// The check character of 17 characters of the alphabet (weights 3^(i-1) mod 31, GB 32100-2015 5.2);
// nullopt when a character lies outside the alphabet.
std::optional<char> CheckCharacter(std::string_view first_17);

// The check character of the 8-character body of an organization code (GB 11714-1997: weights
// 3 7 9 10 5 8 4 2, modulus 11; 10 is written X).
std::optional<char> OrganizationCheckCharacter(std::string_view body_8);

// A short stable name of a fault for API error codes: "uscc_length", "uscc_character", …
std::string_view FaultCode(Fault fault);

// The fault described for a person, in Chinese and in English.
std::string DescribeZh(const Result& result);
std::string DescribeEn(const Result& result);

}  // namespace tuoyu::uscc
