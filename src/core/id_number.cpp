#include "core/id_number.hpp"

#include <array>

#include "core/region_code.hpp"
#include "core/text.hpp"

namespace tuoyu::id_number {

namespace {

bool IsDigit(char c) {
    return c >= '0' && c <= '9';
}

int Digits(std::string_view text) {
    int value = 0;
    for (char c : text) {
        value = value * 10 + (c - '0');
    }
    return value;
}

// The earliest birth the check accepts: older records than this are typing errors, not people.
constexpr int kEarliestYear = 1900;

}  // namespace

std::string Normalize(std::string_view text) {
    std::string number(TrimSpace(text));
    if (number.size() == kNumberLength && number.back() == 'x') {
        number.back() = 'X';
    }
    return number;
}

std::optional<char> CheckCharacter(std::string_view first_17) {
    if (first_17.size() != kNumberLength - 1) {
        return std::nullopt;
    }
    // 2^(18-i) mod 11 for positions i = 1 … 17 (GB 11643-1999 7.2).
    constexpr std::array<int, kNumberLength - 1> kWeights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (std::size_t i = 0; i < kWeights.size(); ++i) {
        if (!IsDigit(first_17[i])) {
            return std::nullopt;
        }
        sum += (first_17[i] - '0') * kWeights[i];
    }
    const int check = (12 - sum % 11) % 11;
    return check == 10 ? 'X' : static_cast<char>('0' + check);
}

Result Validate(std::string_view number, CivilDate today) {
    if (number.size() != kNumberLength) {
        return {Fault::kLength, 0, 0, std::nullopt};
    }
    for (std::size_t i = 0; i + 1 < kNumberLength; ++i) {
        if (!IsDigit(number[i])) {
            return {Fault::kCharacter, i + 1, 0, std::nullopt};
        }
    }
    if (!IsDigit(number.back()) && number.back() != 'X') {
        return {Fault::kCharacter, kNumberLength, 0, std::nullopt};
    }
    if (!RegionCode::IsProvince(Digits(number.substr(0, 2)))) {
        return {Fault::kRegion, 1, 0, std::nullopt};
    }
    const int year = Digits(number.substr(6, 4));
    const std::optional<CivilDate> birth =
        CivilDate::FromYmd(year, Digits(number.substr(10, 2)), Digits(number.substr(12, 2)));
    if (!birth || year < kEarliestYear || *birth > today) {
        return {Fault::kBirthDate, 7, 0, std::nullopt};
    }
    const char check = *CheckCharacter(number.substr(0, kNumberLength - 1));
    if (number.back() != check) {
        return {Fault::kCheckCharacter, kNumberLength, check, std::nullopt};
    }
    return {Fault::kNone, 0, 0, birth};
}

std::string Mask(std::string_view number) {
    if (number.size() != kNumberLength) {
        return std::string(kNumberLength, '*');
    }
    return std::string(number.substr(0, 4)) + std::string(10, '*') + std::string(number.substr(14));
}

std::string_view FaultCode(Fault fault) {
    switch (fault) {
        case Fault::kNone:
            return "ok";
        case Fault::kLength:
            return "id_number_length";
        case Fault::kCharacter:
            return "id_number_character";
        case Fault::kRegion:
            return "id_number_region";
        case Fault::kBirthDate:
            return "id_number_birth_date";
        case Fault::kCheckCharacter:
            return "id_number_check_character";
    }
    return "id_number_invalid";
}

std::string DescribeZh(const Result& result) {
    switch (result.fault) {
        case Fault::kNone:
            return "公民身份号码有效";
        case Fault::kLength:
            return "公民身份号码须为18位";
        case Fault::kCharacter:
            return "公民身份号码第" + std::to_string(result.position) + "位字符无效（前17位为数字，第18位为数字或 X）";
        case Fault::kRegion:
            return "公民身份号码前2位不是有效的省级行政区划代码";
        case Fault::kBirthDate:
            return "公民身份号码第7至14位不是有效的出生日期";
        case Fault::kCheckCharacter:
            return "公民身份号码第18位校验码与前17位不符";
    }
    return "公民身份号码无效";
}

std::string DescribeEn(const Result& result) {
    switch (result.fault) {
        case Fault::kNone:
            return "The identity number is valid";
        case Fault::kLength:
            return "A resident identity number has 18 characters";
        case Fault::kCharacter:
            return "Character " + std::to_string(result.position) +
                   " of the identity number is not allowed (17 digits, then a digit or X)";
        case Fault::kRegion:
            return "The first two digits of the identity number are not a province code";
        case Fault::kBirthDate:
            return "Characters 7 to 14 of the identity number are not a valid date of birth";
        case Fault::kCheckCharacter:
            return "The check character (18th) of the identity number does not match the first 17";
    }
    return "The identity number is not valid";
}

}  // namespace tuoyu::id_number
