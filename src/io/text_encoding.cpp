#include "io/text_encoding.hpp"

#include <iconv.h>

#include <cerrno>
#include <memory>

#include "io/tabular.hpp"

namespace tuoyu::io {

namespace {

TabularError Unreadable() {
    return TabularError("unreadable_encoding",
                        "无法识别文件编码：请另存为 UTF-8 或 GB18030（GBK）编码的 CSV，或 xlsx 文件",
                        "Unreadable encoding: save the file as CSV in UTF-8 or GB18030 (GBK), or as .xlsx");
}

// iconv from GB18030, refusing any byte sequence it cannot map (no //IGNORE, no //TRANSLIT).
std::string FromGb18030(std::string_view bytes) {
    iconv_t handle = iconv_open("UTF-8", "GB18030");
    if (handle == reinterpret_cast<iconv_t>(-1)) {
        throw Unreadable();
    }
    std::unique_ptr<void, int (*)(iconv_t)> guard(handle, iconv_close);
    std::string output(bytes.size() * 2 + 16, '\0');
    char* in = const_cast<char*>(bytes.data());
    std::size_t in_left = bytes.size();
    std::size_t written = 0;
    while (in_left > 0) {
        char* out = output.data() + written;
        std::size_t out_left = output.size() - written;
        const std::size_t result = iconv(handle, &in, &in_left, &out, &out_left);
        written = output.size() - out_left;
        if (result != static_cast<std::size_t>(-1)) {
            break;
        }
        if (errno != E2BIG) {
            throw Unreadable();  // EILSEQ: not GB18030; EINVAL: cut off in the middle of a character
        }
        output.resize(output.size() * 2);
    }
    output.resize(written);
    return output;
}

}  // namespace

bool IsValidUtf8(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        const auto byte = static_cast<unsigned char>(text[i]);
        std::size_t extra = 0;
        char32_t code_point = 0;
        if (byte < 0x80) {
            ++i;
            continue;
        }
        if ((byte & 0xE0) == 0xC0) {
            extra = 1;
            code_point = byte & 0x1F;
        } else if ((byte & 0xF0) == 0xE0) {
            extra = 2;
            code_point = byte & 0x0F;
        } else if ((byte & 0xF8) == 0xF0) {
            extra = 3;
            code_point = byte & 0x07;
        } else {
            return false;
        }
        if (i + extra >= text.size()) {
            return false;
        }
        for (std::size_t k = 1; k <= extra; ++k) {
            const auto next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xC0) != 0x80) {
                return false;
            }
            code_point = (code_point << 6) | (next & 0x3F);
        }
        // Overlong forms, UTF-16 surrogates and values beyond Unicode are not UTF-8.
        static constexpr char32_t kSmallest[] = {0, 0x80, 0x800, 0x10000};
        if (code_point < kSmallest[extra] || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) {
            return false;
        }
        i += extra + 1;
    }
    return true;
}

DecodedText DecodeText(std::string_view bytes) {
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") {
        std::string_view rest = bytes.substr(3);
        if (!IsValidUtf8(rest)) {
            throw Unreadable();
        }
        return {std::string(rest), "UTF-8 BOM"};
    }
    if (IsValidUtf8(bytes)) {
        return {std::string(bytes), "UTF-8"};
    }
    return {FromGb18030(bytes), "GB18030"};
}

}  // namespace tuoyu::io
