#pragma once

#include <optional>
#include <string>

#include "core/error.hpp"

namespace tuoyu::access {

// At least 10 characters, at least three of the four kinds (lower case, upper case, digit,
// symbol), and not containing the user name: the usual reading of 等保 2.0 level 3's
// "complexity" requirement. Returns the error to show, or nothing when the password passes.
std::optional<ApiError> CheckPassword(const std::string& username, const std::string& password);

}  // namespace tuoyu::access
