#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "features/filing/filing.hpp"

namespace tuoyu::filing {

// Reads one JSON object of a nested document (a profile, the 备案书 form) field by field, like
// http::JsonBody does for a request body: every error is a 400 naming the field's full path
// ("site.usable_floor_area_m2", "classes[1].size"), and Finish() refuses fields nobody read.
class DocumentReader {
  public:
    // Throws 400 invalid_type when `json` is not an object.
    DocumentReader(const Json& json, std::string path);

    std::optional<std::string> Text(const std::string& field, std::size_t max_length = 200);
    // One of the codes, or a 400 invalid_value listing them.
    std::optional<std::string> Code(const std::string& field, const std::vector<std::string>& codes);
    std::optional<std::int64_t> Integer(const std::string& field, std::int64_t min, std::int64_t max);
    std::optional<double> Number(const std::string& field, double min, double max);
    std::optional<bool> Boolean(const std::string& field);
    std::optional<std::string> Date(const std::string& field);  // YYYY-MM-DD
    // A list of distinct codes, each one of `codes`.
    std::optional<std::vector<std::string>> Codes(const std::string& field, const std::vector<std::string>& codes);
    // A nested object or array, for the caller to read further; nullptr when absent or null.
    const Json* Object(const std::string& field);
    const Json* Array(const std::string& field, std::size_t max_items);

    std::string PathOf(const std::string& field) const { return path_.empty() ? field : path_ + "." + field; }
    void Finish();

  private:
    const Json* Field(const std::string& field);

    const Json& json_;
    std::string path_;
    std::set<std::string> read_;
};

// A 400 with code `code` naming the field, in both languages.
[[noreturn]] void Refuse(const std::string& code, const std::string& field, const std::string& zh,
                         const std::string& en);

}  // namespace tuoyu::filing
