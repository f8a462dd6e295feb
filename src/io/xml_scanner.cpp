#include "io/xml_scanner.hpp"

#include "io/tabular.hpp"

namespace tuoyu::io {

namespace {

TabularError Malformed() {
    return TabularError("unreadable_file", "xlsx 文件中的 XML 已损坏", "The XML inside the .xlsx file is damaged");
}

void AppendUtf8(std::string& out, unsigned long code_point) {
    if (code_point < 0x80) {
        out += static_cast<char>(code_point);
    } else if (code_point < 0x800) {
        out += static_cast<char>(0xC0 | (code_point >> 6));
        out += static_cast<char>(0x80 | (code_point & 0x3F));
    } else if (code_point < 0x10000) {
        out += static_cast<char>(0xE0 | (code_point >> 12));
        out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code_point & 0x3F));
    } else if (code_point <= 0x10FFFF) {
        out += static_cast<char>(0xF0 | (code_point >> 18));
        out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code_point & 0x3F));
    } else {
        throw Malformed();
    }
}

std::string Decode(std::string_view raw) {
    std::string out;
    out.reserve(raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] != '&') {
            out += raw[i];
            continue;
        }
        const std::size_t end = raw.find(';', i);
        if (end == std::string_view::npos || end - i > 12) {
            throw Malformed();
        }
        const std::string_view entity = raw.substr(i + 1, end - i - 1);
        if (entity == "lt") {
            out += '<';
        } else if (entity == "gt") {
            out += '>';
        } else if (entity == "amp") {
            out += '&';
        } else if (entity == "quot") {
            out += '"';
        } else if (entity == "apos") {
            out += '\'';
        } else if (entity.size() > 1 && entity[0] == '#') {
            const bool hex = entity[1] == 'x' || entity[1] == 'X';
            const std::string digits(entity.substr(hex ? 2 : 1));
            if (digits.empty() ||
                digits.find_first_not_of(hex ? "0123456789abcdefABCDEF" : "0123456789") != std::string::npos) {
                throw Malformed();
            }
            AppendUtf8(out, std::stoul(digits, nullptr, hex ? 16 : 10));
        } else {
            throw Malformed();
        }
        i = end;
    }
    return out;
}

bool IsSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

}  // namespace

std::string_view LocalName(std::string_view name) {
    const std::size_t colon = name.find(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

std::string XmlScanner::Attribute(std::string_view local_name) const {
    for (const auto& [name, value] : attributes_) {
        if (LocalName(name) == local_name) {
            return value;
        }
    }
    return {};
}

XmlScanner::Kind XmlScanner::Next() {
    if (pending_end_) {
        pending_end_ = false;
        self_closing_ = false;
        return kind_ = Kind::kEnd;
    }
    while (at_ < xml_.size()) {
        if (xml_[at_] != '<') {
            const std::size_t end = std::min(xml_.find('<', at_), xml_.size());
            text_ = Decode(xml_.substr(at_, end - at_));
            at_ = end;
            return kind_ = Kind::kText;
        }
        if (xml_.compare(at_, 9, "<![CDATA[") == 0) {
            const std::size_t end = xml_.find("]]>", at_ + 9);
            if (end == std::string_view::npos) {
                throw Malformed();
            }
            text_ = std::string(xml_.substr(at_ + 9, end - at_ - 9));
            at_ = end + 3;
            return kind_ = Kind::kText;
        }
        if (xml_.compare(at_, 4, "<!--") == 0) {
            const std::size_t end = xml_.find("-->", at_ + 4);
            if (end == std::string_view::npos) {
                throw Malformed();
            }
            at_ = end + 3;
            continue;
        }
        if (xml_.compare(at_, 2, "<?") == 0 || xml_.compare(at_, 2, "<!") == 0) {
            const std::size_t end = xml_.find('>', at_);
            if (end == std::string_view::npos) {
                throw Malformed();
            }
            at_ = end + 1;
            continue;
        }
        ReadTag();
        return kind_;
    }
    return kind_ = Kind::kDone;
}

void XmlScanner::ReadTag() {
    ++at_;  // '<'
    const bool closing = at_ < xml_.size() && xml_[at_] == '/';
    if (closing) {
        ++at_;
    }
    const std::size_t name_start = at_;
    while (at_ < xml_.size() && !IsSpace(xml_[at_]) && xml_[at_] != '>' && xml_[at_] != '/') {
        ++at_;
    }
    if (at_ == name_start || at_ >= xml_.size()) {
        throw Malformed();
    }
    name_ = std::string(LocalName(xml_.substr(name_start, at_ - name_start)));
    attributes_.clear();
    self_closing_ = false;
    for (;;) {
        while (at_ < xml_.size() && IsSpace(xml_[at_])) {
            ++at_;
        }
        if (at_ >= xml_.size()) {
            throw Malformed();
        }
        if (xml_[at_] == '>') {
            ++at_;
            break;
        }
        if (xml_[at_] == '/') {
            if (at_ + 1 >= xml_.size() || xml_[at_ + 1] != '>' || closing) {
                throw Malformed();
            }
            self_closing_ = true;
            at_ += 2;
            break;
        }
        if (closing) {
            throw Malformed();
        }
        const std::size_t equals = xml_.find('=', at_);
        if (equals == std::string_view::npos || equals + 1 >= xml_.size()) {
            throw Malformed();
        }
        std::size_t name_end = equals;
        while (name_end > at_ && IsSpace(xml_[name_end - 1])) {
            --name_end;
        }
        std::string attribute_name(xml_.substr(at_, name_end - at_));
        std::size_t quote_at = equals + 1;
        while (quote_at < xml_.size() && IsSpace(xml_[quote_at])) {
            ++quote_at;
        }
        if (quote_at >= xml_.size() || (xml_[quote_at] != '"' && xml_[quote_at] != '\'')) {
            throw Malformed();
        }
        const std::size_t value_end = xml_.find(xml_[quote_at], quote_at + 1);
        if (value_end == std::string_view::npos) {
            throw Malformed();
        }
        attributes_.emplace_back(std::move(attribute_name),
                                 Decode(xml_.substr(quote_at + 1, value_end - quote_at - 1)));
        at_ = value_end + 1;
    }
    kind_ = closing ? Kind::kEnd : Kind::kStart;
    pending_end_ = self_closing_;
}

}  // namespace tuoyu::io
