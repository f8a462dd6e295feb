#pragma once

#include <cstddef>
#include <optional>
#include <string>
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

// Characters, not bytes, of UTF-8 text: a Chinese name of 50 characters is 150 bytes.
inline std::size_t CharacterCount(std::string_view text) {
    std::size_t count = 0;
    for (const char c : text) {
        count += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    }
    return count;
}

// A document number other than a resident identity number (passport, permits) as typed: upper case
// without spaces, 5 to 30 characters; nullopt when the length is outside that.
inline std::optional<std::string> NormalizeDocumentNumber(std::string_view text) {
    std::string number;
    for (const char c : TrimSpace(text)) {
        if (c != ' ') {
            number += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
        }
    }
    if (number.size() < 5 || number.size() > 30) {
        return std::nullopt;
    }
    return number;
}

// A telephone number as people type it: 7 to 20 of digits, '-', '+' and spaces.
inline bool LooksLikePhone(std::string_view phone) {
    return phone.size() >= 7 && phone.size() <= 20 && phone.find_first_not_of("0123456789-+ ") == std::string::npos;
}

}  // namespace tuoyu
