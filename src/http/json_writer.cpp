#include "http/json_writer.hpp"

namespace tuoyu::http {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// The length of the UTF-8 sequence that `lead` starts and the range its second byte must lie in
// (which rules out overlong forms, surrogates and code points past U+10FFFF); 0 for a byte that
// cannot start one.
struct Lead {
    int length = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
};

Lead LeadOf(unsigned char lead) {
    if (lead >= 0xC2 && lead <= 0xDF) {
        return {2};
    }
    if (lead == 0xE0) {
        return {3, 0xA0, 0xBF};
    }
    if (lead == 0xED) {
        return {3, 0x80, 0x9F};
    }
    if (lead >= 0xE1 && lead <= 0xEF) {
        return {3};
    }
    if (lead == 0xF0) {
        return {4, 0x90, 0xBF};
    }
    if (lead >= 0xF1 && lead <= 0xF3) {
        return {4};
    }
    if (lead == 0xF4) {
        return {4, 0x80, 0x8F};
    }
    return {};
}

void AppendEscaped(std::string& out, unsigned char c) {
    static constexpr char kHex[] = "0123456789abcdef";
    switch (c) {
        case '"':
            out += "\\\"";
            return;
        case '\\':
            out += "\\\\";
            return;
        case '\b':
            out += "\\b";
            return;
        case '\f':
            out += "\\f";
            return;
        case '\n':
            out += "\\n";
            return;
        case '\r':
            out += "\\r";
            return;
        case '\t':
            out += "\\t";
            return;
        default:
            if (c < 0x20) {
                out += "\\u00";
                out += kHex[c >> 4];
                out += kHex[c & 0xF];
            } else {
                out += static_cast<char>(c);
            }
    }
}

}  // namespace

void AppendJsonString(std::string& out, std::string_view text) {
    out += '"';
    std::size_t i = 0;
    while (i < text.size()) {
        // Runs of plain printable ASCII, the bulk of most texts, go in one append.
        std::size_t plain = i;
        while (plain < text.size() && static_cast<unsigned char>(text[plain]) >= 0x20 &&
               static_cast<unsigned char>(text[plain]) < 0x80 && text[plain] != '"' && text[plain] != '\\') {
            ++plain;
        }
        if (plain > i) {
            out.append(text.substr(i, plain - i));
            i = plain;
            continue;
        }
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            AppendEscaped(out, c);
            ++i;
            continue;
        }
        const Lead lead = LeadOf(c);
        if (lead.length == 0) {
            out += kReplacement;
            ++i;
            continue;
        }
        // Check the continuation bytes; the byte that breaks a sequence is read again on its own.
        std::size_t k = 1;
        for (; k < static_cast<std::size_t>(lead.length) && i + k < text.size(); ++k) {
            const auto next = static_cast<unsigned char>(text[i + k]);
            const unsigned char low = k == 1 ? lead.low : 0x80;
            const unsigned char high = k == 1 ? lead.high : 0xBF;
            if (next < low || next > high) {
                break;
            }
        }
        if (k == static_cast<std::size_t>(lead.length)) {
            out.append(text.substr(i, k));
        } else {
            out += kReplacement;
        }
        i += k;
    }
    out += '"';
}

void JsonWriter::Key(std::string_view key) {
    if (!empty_) {
        text_ += ',';
    }
    empty_ = false;
    // Keys are names written in our code (plain ASCII, no quote or backslash): nothing to escape.
    text_ += '"';
    text_ += key;
    text_ += "\":";
}

void JsonWriter::String(std::string_view key, std::string_view value) {
    Key(key);
    AppendJsonString(text_, value);
}

void JsonWriter::String(std::string_view key, const std::optional<std::string>& value) {
    if (value) {
        String(key, std::string_view(*value));
    } else {
        Null(key);
    }
}

void JsonWriter::Integer(std::string_view key, std::int64_t value) {
    Key(key);
    text_ += std::to_string(value);
}

void JsonWriter::Integer(std::string_view key, const std::optional<std::int64_t>& value) {
    if (value) {
        Integer(key, *value);
    } else {
        Null(key);
    }
}

void JsonWriter::Boolean(std::string_view key, bool value) {
    Key(key);
    text_ += value ? "true" : "false";
}

void JsonWriter::Null(std::string_view key) {
    Key(key);
    text_ += "null";
}

std::string JsonWriter::Finish() {
    text_ += '}';
    return std::move(text_);
}

}  // namespace tuoyu::http
