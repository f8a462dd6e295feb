#include "core/uscc.hpp"

#include <algorithm>
#include <array>

#include "core/region_code.hpp"
#include "core/text.hpp"

namespace tuoyu::uscc {

namespace {

// The 31 characters of GB 32100-2015, in the order of their values 0–30.
constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

int ValueOf(char c) {
    const std::size_t at = kAlphabet.find(c);
    return at == std::string_view::npos ? -1 : static_cast<int>(at);
}

// An organization code counts every capital letter, A = 10 … Z = 35 (GB 11714-1997).
int OrganizationValueOf(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'A' && c <= 'Z') {
        return c - 'A' + 10;
    }
    return -1;
}

bool ValidDivision(std::string_view division) {
    if (!std::all_of(division.begin(), division.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return false;
    }
    const int province = (division[0] - '0') * 10 + (division[1] - '0');
    if (province == 10) {
        return division == "100000";
    }
    return RegionCode::IsProvince(province);
}

}  // namespace

std::string Normalize(std::string_view text) {
    std::string code(TrimSpace(text));
    for (char& c : code) {
        if (c >= 'a' && c <= 'z') {
            c = static_cast<char>(c - 'a' + 'A');
        }
    }
    return code;
}

std::optional<char> CheckCharacter(std::string_view first_17) {
    if (first_17.size() != kCodeLength - 1) {
        return std::nullopt;
    }
    int sum = 0;
    int weight = 1;  // 3^(i-1) mod 31
    for (char c : first_17) {
        const int value = ValueOf(c);
        if (value < 0) {
            return std::nullopt;
        }
        sum += value * weight;
        weight = weight * 3 % 31;
    }
    return kAlphabet[static_cast<std::size_t>((31 - sum % 31) % 31)];
}

std::optional<char> OrganizationCheckCharacter(std::string_view body_8) {
    constexpr std::array<int, 8> kWeights = {3, 7, 9, 10, 5, 8, 4, 2};
    if (body_8.size() != kWeights.size()) {
        return std::nullopt;
    }
    int sum = 0;
    for (std::size_t i = 0; i < kWeights.size(); ++i) {
        const int value = OrganizationValueOf(body_8[i]);
        if (value < 0) {
            return std::nullopt;
        }
        sum += value * kWeights[i];
    }
    const int check = 11 - sum % 11;
    return check == 11 ? '0' : check == 10 ? 'X' : static_cast<char>('0' + check);
}

Result Validate(std::string_view code) {
    if (code.size() != kCodeLength) {
        return {Fault::kLength, 0, 0};
    }
    for (std::size_t i = 0; i < code.size(); ++i) {
        if (ValueOf(code[i]) < 0) {
            return {Fault::kCharacter, i + 1, 0};
        }
    }
    if (!ValidDivision(code.substr(2, 6))) {
        return {Fault::kDivision, 3, 0};
    }
    const char organization = *OrganizationCheckCharacter(code.substr(8, 8));
    if (code[16] != organization) {
        return {Fault::kOrganizationCheck, 17, organization};
    }
    const char check = *CheckCharacter(code.substr(0, 17));
    if (code[17] != check) {
        return {Fault::kCheckCharacter, 18, check};
    }
    return {};
}

std::string_view FaultCode(Fault fault) {
    switch (fault) {
        case Fault::kNone:
            return "ok";
        case Fault::kLength:
            return "uscc_length";
        case Fault::kCharacter:
            return "uscc_character";
        case Fault::kDivision:
            return "uscc_division";
        case Fault::kOrganizationCheck:
            return "uscc_organization_check";
        case Fault::kCheckCharacter:
            return "uscc_check_character";
    }
    return "uscc_invalid";
}

std::string DescribeZh(const Result& result) {
    switch (result.fault) {
        case Fault::kNone:
            return "统一社会信用代码有效";
        case Fault::kLength:
            return "统一社会信用代码须为18位";
        case Fault::kCharacter:
            return "统一社会信用代码第" + std::to_string(result.position) +
                   "位字符无效（只能是数字或除 I、O、Z、S、V 以外的大写字母）";
        case Fault::kDivision:
            return "统一社会信用代码第3至8位不是有效的行政区划代码";
        case Fault::kOrganizationCheck:
            return "统一社会信用代码第17位（组织机构代码校验码）与第9至16位不符";
        case Fault::kCheckCharacter:
            return "统一社会信用代码第18位校验码与前17位不符";
    }
    return "统一社会信用代码无效";
}

std::string DescribeEn(const Result& result) {
    switch (result.fault) {
        case Fault::kNone:
            return "The unified social credit code is valid";
        case Fault::kLength:
            return "A unified social credit code has 18 characters";
        case Fault::kCharacter:
            return "Character " + std::to_string(result.position) +
                   " of the unified social credit code is not allowed (digits and capital letters other than I, O, "
                   "Z, S, V)";
        case Fault::kDivision:
            return "Characters 3 to 8 of the unified social credit code are not a division code";
        case Fault::kOrganizationCheck:
            return "Character 17 of the unified social credit code (the organization code's check character) does "
                   "not match characters 9 to 16";
        case Fault::kCheckCharacter:
            return "The check character (18th) of the unified social credit code does not match the first 17";
    }
    return "The unified social credit code is not valid";
}

}  // namespace tuoyu::uscc
