#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace soci {
class row;
}

namespace tuoyu::storage {

// Column readers that hide how each engine reports a column's type (SQLite by declared type or
// value, PostgreSQL by OID) and turn NULL into an empty optional.
std::optional<std::int64_t> OptInt(const soci::row& row, std::size_t column);
std::optional<std::string> OptText(const soci::row& row, std::size_t column);
std::int64_t Int(const soci::row& row, std::size_t column);  // NULL reads as 0
std::string Text(const soci::row& row, std::size_t column);  // NULL reads as ""

// A set of codes kept in one TEXT column as ",full_day,hourly,", a comma on both sides of each, so
// that one code is matched by LIKE '%,hourly,%'. None is "".
std::string JoinCodes(const std::vector<std::string>& codes);
std::vector<std::string> SplitCodes(std::string_view joined);

}  // namespace tuoyu::storage
