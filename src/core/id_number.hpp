#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/working_days.hpp"

namespace tuoyu::id_number {

// The citizen identity number (公民身份号码) of GB 11643-1999, as printed on the resident identity
// card: 18 characters.
//   1–6    the address code of the place of first registration (GB/T 2260)
//   7–14   the date of birth, YYYYMMDD
//   15–17  the sequence code; odd for men, even for women
//   18     the check character over positions 1–17 (ISO 7064 MOD 11-2; 10 is written X)
inline constexpr std::size_t kNumberLength = 18;

// What is wrong with a number, in the order it is checked.
enum class Fault {
    kNone,
    kLength,          // not 18 characters
    kCharacter,       // positions 1–17 hold a non-digit, or position 18 is neither a digit nor X
    kRegion,          // positions 1–2 are not a province-level division of GB/T 2260
    kBirthDate,       // positions 7–14 are not a day, are before 1900, or are after today
    kCheckCharacter,  // position 18 is not the check character of positions 1–17
};

struct Result {
    Fault fault = Fault::kNone;
    std::size_t position = 0;  // 1-based position of the offending character, 0 when not one character
    char expected = 0;         // the check character position 18 should hold
    std::optional<CivilDate> birth;

    bool ok() const { return fault == Fault::kNone; }
};

// Trims surrounding white space and writes a final lower-case x as X: the same number as typed.
std::string Normalize(std::string_view text);

// Checks a normalised number; a birth date after `today` is a fault.
Result Validate(std::string_view number, CivilDate today);

// The check character of 17 digits (weights 2^(17-i) mod 11); nullopt when one is not a digit.
std::optional<char> CheckCharacter(std::string_view first_17);

// The number as most people may see it: the first four and the last four characters, the ten
// between as asterisks ("2111**********123X"). Anything not 18 characters long is all asterisks.
std::string Mask(std::string_view number);

// A short stable name of a fault for API error codes: "id_number_length", …
std::string_view FaultCode(Fault fault);

// The fault described for a person, in Chinese and in English.
std::string DescribeZh(const Result& result);
std::string DescribeEn(const Result& result);

}  // namespace tuoyu::id_number
