#include "core/profile_facts.hpp"

namespace tuoyu::standards {

std::optional<double> OptNumber(const Json& object, const char* key) {
    auto it = object.find(key);
    return it != object.end() && it->is_number() ? std::optional<double>(it->get<double>()) : std::nullopt;
}

std::optional<int> OptInteger(const Json& object, const char* key) {
    auto it = object.find(key);
    return it != object.end() && it->is_number_integer() ? std::optional<int>(it->get<int>()) : std::nullopt;
}

std::optional<bool> OptBool(const Json& object, const char* key) {
    auto it = object.find(key);
    return it != object.end() && it->is_boolean() ? std::optional<bool>(it->get<bool>()) : std::nullopt;
}

const Json& Member(const Json& object, const char* key) {
    static const Json kEmpty = Json::object();
    auto it = object.find(key);
    return it != object.end() && it->is_object() ? *it : kEmpty;
}

Facts FactsFromProfile(std::string_view institution_kind, const Json& profile, const std::set<std::string>& materials) {
    Facts facts;
    facts.kind = institution_kind == "home_point" ? InstitutionKind::kHomePoint : InstitutionKind::kInstitution;
    facts.sponsor_type = profile.value("sponsor_type", "");
    for (const Json& mode : profile.value("service_modes", Json::array())) {
        facts.service_modes.push_back(mode.get<std::string>());
    }
    facts.slots = OptInteger(profile, "slots");
    const Json& site = Member(profile, "site");
    facts.usable_floor_area_m2 = OptNumber(site, "usable_floor_area_m2");
    facts.building_area_m2 = OptNumber(site, "building_area_m2");
    facts.living_rooms_area_m2 = OptNumber(site, "living_rooms_area_m2");
    for (const auto& [group, rooms] : Member(site, "rooms").items()) {
        for (const Json& room : rooms) {
            facts.rooms.insert(room.get<std::string>());
        }
    }
    for (const Json& floor : site.value("children_floors", Json::array())) {
        facts.children_floors.push_back(floor.get<int>());
    }
    facts.children_rooms_underground = site.value("basement_use", "") == "children";
    facts.building_kind = site.value("building_kind", "standard");
    facts.window_floor_ratio_percent = OptNumber(site, "window_floor_ratio_percent");
    facts.observation_room_m2 = OptNumber(Member(site, "observation_room"), "area_m2");
    facts.observation_beds = OptInteger(Member(site, "observation_room"), "beds");
    facts.safety_rails_and_mats = OptBool(site, "safety_rails_and_mats");
    facts.indoor_air_qualified = OptBool(site, "indoor_air_qualified");
    facts.fire_exits = OptInteger(site, "fire_exits");
    facts.fire_equipment = OptBool(site, "fire_equipment");
    facts.heating = OptBool(site, "heating");
    facts.cooling = OptBool(site, "cooling");
    facts.premises_owned = site.value("tenure", "") == "owned";
    if (site.contains("lease_end")) {
        facts.lease_end = CivilDate::Parse(site["lease_end"].get<std::string>());
    }
    for (const Json& planned : profile.value("classes", Json::array())) {
        PlannedClass item;
        item.type = planned.value("type", "");
        item.count = planned.value("count", 1);
        item.size = planned.value("size", 0);
        item.caregivers = planned.value("caregivers", 0);
        item.min_age_months = OptInteger(planned, "min_age_months");
        item.max_age_months = OptInteger(planned, "max_age_months");
        item.activity_room_m2 = OptNumber(planned, "activity_room_m2");
        item.own_living_unit = OptBool(planned, "own_living_unit");
        facts.classes.push_back(std::move(item));
    }
    facts.carers = OptInteger(profile, "carers");
    facts.meals_served = ServesMeals(profile);
    facts.meals_cooked_in_house = facts.meals_served && Member(profile, "meals").value("source", "") == "in_house";
    facts.materials = materials;
    return facts;
}

bool ServesMeals(const Json& profile) {
    auto meals = profile.find("meals");
    return meals != profile.end() && meals->is_object() && meals->value("served", false);
}

}  // namespace tuoyu::standards
