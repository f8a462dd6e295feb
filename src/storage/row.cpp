#include "storage/row.hpp"

#include <soci/soci.h>

#include <stdexcept>

namespace tuoyu::storage {

std::optional<std::int64_t> OptInt(const soci::row& row, std::size_t column) {
    if (row.get_indicator(column) == soci::i_null) {
        return std::nullopt;
    }
    switch (row.get_properties(column).get_data_type()) {
        case soci::dt_integer:
            return row.get<int>(column);
        case soci::dt_long_long:
            return row.get<long long>(column);
        case soci::dt_unsigned_long_long:
            return static_cast<std::int64_t>(row.get<unsigned long long>(column));
        case soci::dt_double:
            return static_cast<std::int64_t>(row.get<double>(column));
        case soci::dt_string:
            return std::stoll(row.get<std::string>(column));
        default:
            throw std::runtime_error("column " + row.get_properties(column).get_name() + " is not a number");
    }
}

std::optional<std::string> OptText(const soci::row& row, std::size_t column) {
    if (row.get_indicator(column) == soci::i_null) {
        return std::nullopt;
    }
    switch (row.get_properties(column).get_data_type()) {
        case soci::dt_string:
            return row.get<std::string>(column);
        case soci::dt_integer:
            return std::to_string(row.get<int>(column));
        case soci::dt_long_long:
            return std::to_string(row.get<long long>(column));
        default:
            throw std::runtime_error("column " + row.get_properties(column).get_name() + " is not text");
    }
}

std::int64_t Int(const soci::row& row, std::size_t column) {
    return OptInt(row, column).value_or(0);
}

std::string Text(const soci::row& row, std::size_t column) {
    // The common case without the optional in between: one copy of the text, not three.
    if (row.get_indicator(column) != soci::i_null && row.get_properties(column).get_data_type() == soci::dt_string) {
        return row.get<std::string>(column);
    }
    return OptText(row, column).value_or("");
}

std::string JoinCodes(const std::vector<std::string>& codes) {
    if (codes.empty()) {
        return "";
    }
    std::string joined = ",";
    for (const std::string& code : codes) {
        joined += code + ",";
    }
    return joined;
}

std::vector<std::string> SplitCodes(std::string_view joined) {
    std::vector<std::string> codes;
    std::size_t at = 0;
    while (at < joined.size()) {
        std::size_t comma = joined.find(',', at);
        if (comma == std::string_view::npos) {
            comma = joined.size();
        }
        if (comma > at) {
            codes.emplace_back(joined.substr(at, comma - at));
        }
        at = comma + 1;
    }
    return codes;
}

}  // namespace tuoyu::storage
