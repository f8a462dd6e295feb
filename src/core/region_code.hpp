#pragma once

#include <optional>
#include <string>

namespace tuoyu {

// Statistical division codes (统计用区划代码): 12 digits, province 2, city 2, county 2, town 3,
// village 3. Short forms ("21", "211104", "211104101") are padded with zeros.
struct RegionCode {
    static std::optional<std::string> Normalize(const std::string& text);

    // 1 province, 2 city, 3 county, 4 town, 5 village; from the full 12-digit code.
    static int Level(const std::string& code);

    // The significant leading digits shared by every code in the region's subtree.
    static std::string SubtreePrefix(const std::string& code);

    static bool Contains(const std::string& ancestor, const std::string& code);

    // Whether two digits are a province-level division of GB/T 2260 (11 北京 … 65 新疆, 71 台湾,
    // 81 香港, 82 澳门): the first two digits of every division code, credit code and identity number.
    static bool IsProvince(int two_digits);
};

}  // namespace tuoyu
