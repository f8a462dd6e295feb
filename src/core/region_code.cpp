#include "core/region_code.hpp"

#include <algorithm>
#include <array>

namespace tuoyu {

namespace {

constexpr std::size_t kFullLength = 12;

bool AllDigits(const std::string& text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::optional<std::string> RegionCode::Normalize(const std::string& text) {
    const std::size_t n = text.size();
    if (!AllDigits(text) || !(n == 2 || n == 4 || n == 6 || n == 9 || n == kFullLength)) {
        return std::nullopt;
    }
    std::string code = text + std::string(kFullLength - n, '0');
    if (code.compare(0, 2, "00") == 0) {
        return std::nullopt;
    }
    return code;
}

int RegionCode::Level(const std::string& code) {
    if (code.compare(9, 3, "000") != 0) {
        return 5;
    }
    if (code.compare(6, 3, "000") != 0) {
        return 4;
    }
    if (code.compare(4, 2, "00") != 0) {
        return 3;
    }
    if (code.compare(2, 2, "00") != 0) {
        return 2;
    }
    return 1;
}

std::string RegionCode::SubtreePrefix(const std::string& code) {
    static constexpr std::size_t kPrefixByLevel[] = {0, 2, 4, 6, 9, 12};
    return code.substr(0, kPrefixByLevel[Level(code)]);
}

bool RegionCode::Contains(const std::string& ancestor, const std::string& code) {
    const std::string prefix = SubtreePrefix(ancestor);
    return code.size() == kFullLength && code.compare(0, prefix.size(), prefix) == 0;
}

bool RegionCode::IsProvince(int two_digits) {
    static constexpr std::array<int, 34> kProvinces = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34,
                                                       35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
                                                       53, 54, 61, 62, 63, 64, 65, 71, 81, 82};
    return std::find(kProvinces.begin(), kProvinces.end(), two_digits) != kProvinces.end();
}

}  // namespace tuoyu
