#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tuoyu::io {

// A forward-only reader of the XML in an xlsx package: start tags (with attributes), end tags and
// text, with namespace prefixes dropped from names and entities decoded. Declarations, comments
// and processing instructions are skipped; CDATA is text. Malformed markup throws TabularError.
class XmlScanner {
  public:
    enum class Kind { kStart, kEnd, kText, kDone };

    explicit XmlScanner(std::string_view xml) : xml_(xml) {}

    Kind Next();
    Kind kind() const { return kind_; }
    const std::string& name() const { return name_; }  // of a start or end tag, without prefix
    const std::string& text() const { return text_; }  // of a text node, decoded
    bool self_closing() const { return self_closing_; }
    // The attribute's decoded value; the name is matched without its prefix.
    std::string Attribute(std::string_view local_name) const;

  private:
    void ReadTag();
    std::string_view xml_;
    std::size_t at_ = 0;
    Kind kind_ = Kind::kDone;
    std::string name_;
    std::string text_;
    bool self_closing_ = false;
    bool pending_end_ = false;
    std::vector<std::pair<std::string, std::string>> attributes_;
};

std::string_view LocalName(std::string_view name);

}  // namespace tuoyu::io
