#pragma once

#include <string>
#include <string_view>

namespace tuoyu::io {

bool IsValidUtf8(std::string_view text);

struct DecodedText {
    std::string text;      // UTF-8 without a byte order mark
    std::string encoding;  // "UTF-8", "UTF-8 BOM" or "GB18030"
};

// Text of a file exported by Chinese office software: UTF-8 with or without a byte order mark,
// or GB18030 (of which GBK and GB2312 are subsets). Anything else throws TabularError
// "unreadable_encoding".
DecodedText DecodeText(std::string_view bytes);

}  // namespace tuoyu::io
