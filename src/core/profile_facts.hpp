#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "core/standards_check.hpp"

namespace tuoyu::standards {

// The facts of the standards check from an institution's profile document (the JSON the filing
// wizard writes): the filing's check and the staff module's staffing check read a profile alike.
// `institution_kind` is institutions.kind ("institution" or "home_point").
Facts FactsFromProfile(std::string_view institution_kind, const Json& profile, const std::set<std::string>& materials);

// A member of a profile object read leniently: nullopt (or an empty object) when it is absent or of
// another type, for the checks report missing facts instead of failing on them.
std::optional<double> OptNumber(const Json& object, const char* key);
std::optional<int> OptInteger(const Json& object, const char* key);
std::optional<bool> OptBool(const Json& object, const char* key);
const Json& Member(const Json& object, const char* key);

// Whether a profile says meals are served (the food licence is then required, N43).
bool ServesMeals(const Json& profile);

}  // namespace tuoyu::standards
