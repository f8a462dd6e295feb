#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "features/filing/filing.hpp"

// The institution profile of PRODUCT.md module 2: what an institution declares about itself and
// files (sponsor, service modes, location, site and building, planned classes, slots, meals). The
// fields that lists filter on are also columns; the whole is kept as one JSON document.
namespace tuoyu::filing {

// RULES S15: the four service modes.
inline const std::vector<std::string> kServiceModes = {"full_day", "half_day", "hourly", "temporary"};
// RULES N1 (and N4 for the mixed class): the class types by age; the codes of the class_types dictionary.
inline const std::vector<std::string> kClassTypes = {"infant_class", "toddler_class", "older_toddler_class",
                                                     "mixed_class"};
// WGS-84 (GPS), GCJ-02 (the national survey's offset system, used by AMap and Tencent maps) and
// BD-09 (Baidu's): a coordinate means nothing without its system.
inline const std::vector<std::string> kCoordinateSystems = {"wgs84", "gcj02", "bd09"};
// RULES S2: the three room groups and the rooms of each.
inline const std::vector<std::string> kLivingRooms = {"dining", "sleeping", "breastfeeding",
                                                      "play",   "washing",  "storage"};
inline const std::vector<std::string> kServiceRooms = {"health_room", "office", "security_room"};
inline const std::vector<std::string> kLogisticsRooms = {"kitchen", "store", "disinfection"};

struct Profile {
    Json document;  // canonical: only known fields, checked
    std::optional<std::string> sponsor_type;
    std::vector<std::string> service_modes;
    std::optional<std::int64_t> slots;
    bool serves_meals = false;
};

// Checks a profile document as an institution sends it and returns it in canonical form; a 400
// naming the field at fault otherwise. `sponsor_types` are the codes of the sponsor_types
// dictionary in force.
Profile ReadProfile(const Json& body, const std::vector<std::string>& sponsor_types);

// Whether a stored profile says meals are served (the food licence is then required, N43).
bool ServesMeals(const Json& document);

// What a profile must have before it can be filed: a list of the missing fields' paths.
std::vector<std::string> MissingForFiling(const Json& document);

// The 备案书 form of a filing: the head, contacts, staff and the declared results of the evaluation
// and checks. Checked like a profile; `kind` decides what a submission needs.
Json ReadForm(const Json& body);
std::vector<std::string> MissingFormFields(const Json& form, FilingKind kind);

// N45: what a change filing changes, and when the change happened.
inline const std::vector<std::string> kChangeItems = {"name", "address", "head", "service_modes", "slots"};
struct ChangeDeclaration {
    std::string date;  // YYYY-MM-DD
    std::vector<std::string> items;
};
ChangeDeclaration ReadChange(const Json& body);

}  // namespace tuoyu::filing
