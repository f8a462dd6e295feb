#pragma once

#include <string_view>

namespace tuoyu {

// The text without the spaces, tabs and line ends around it: how typed and imported values are
// taken (credit codes, identity numbers, the cells of an imported file).
inline std::string_view TrimSpace(std::string_view text) {
    const std::size_t begin = text.find_first_not_of(" \t\r\n");
    if (begin == std::string_view::npos) {
        return {};
    }
    return text.substr(begin, text.find_last_not_of(" \t\r\n") - begin + 1);
}

}  // namespace tuoyu
