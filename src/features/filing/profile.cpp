#include "features/filing/profile.hpp"

#include <algorithm>

#include "core/profile_facts.hpp"
#include "features/filing/document_reader.hpp"
#include "geo/china.hpp"
#include "geo/coordinates.hpp"

namespace tuoyu::filing {

namespace {

constexpr double kMaxArea = 1'000'000;  // m²

void Put(Json& out, const std::string& key, const auto& value) {
    if (value) {
        out[key] = *value;
    }
}

void Require(bool present, const std::string& field) {
    if (!present) {
        Refuse("required", field, "缺少必填字段 " + field, "Field " + field + " is required");
    }
}

// The coordinates as given, with their system, and the same point in WGS-84 (what the site check and
// maps use), which the server computes: a "wgs84" sent back with a profile is ignored.
Json ReadLocation(const Json& json) {
    DocumentReader reader(json, "location");
    const std::optional<double> longitude = reader.Number("longitude", -180, 180);
    const std::optional<double> latitude = reader.Number("latitude", -90, 90);
    const std::optional<std::string> system = reader.Code("coordinate_system", kCoordinateSystems);
    reader.Object("wgs84");
    reader.Finish();
    Require(longitude.has_value(), "location.longitude");
    Require(latitude.has_value(), "location.latitude");
    Require(system.has_value(), "location.coordinate_system");
    const geo::LonLat wgs84 = geo::RequirePointInChina(*longitude, *latitude, *geo::ParseCrs(*system),
                                                       "location.longitude", "location.latitude");
    return {{"longitude", *longitude},
            {"latitude", *latitude},
            {"coordinate_system", *system},
            {"wgs84", {{"longitude", wgs84.lon}, {"latitude", wgs84.lat}}}};
}

Json ReadRooms(const Json& json) {
    DocumentReader reader(json, "site.rooms");
    Json rooms = Json::object();
    Put(rooms, "living", reader.Codes("living", kLivingRooms));
    Put(rooms, "service", reader.Codes("service", kServiceRooms));
    Put(rooms, "logistics", reader.Codes("logistics", kLogisticsRooms));
    reader.Finish();
    return rooms;
}

Json ReadObservationRoom(const Json& json) {
    DocumentReader reader(json, "site.observation_room");
    Json room = Json::object();
    Put(room, "area_m2", reader.Number("area_m2", 0, 1000));
    Put(room, "beds", reader.Integer("beds", 0, 100));
    reader.Finish();
    return room;
}

Json ReadSite(const Json& json) {
    DocumentReader reader(json, "site");
    Json site = Json::object();
    Put(site, "usable_floor_area_m2", reader.Number("usable_floor_area_m2", 0, kMaxArea));
    Put(site, "building_area_m2", reader.Number("building_area_m2", 0, kMaxArea));
    Put(site, "outdoor_area_m2", reader.Number("outdoor_area_m2", 0, kMaxArea));
    Put(site, "living_rooms_area_m2", reader.Number("living_rooms_area_m2", 0, kMaxArea));
    const std::optional<std::int64_t> building_floors = reader.Integer("building_floors", 1, 100);
    Put(site, "building_floors", building_floors);
    if (const Json* floors = reader.Array("children_floors", 20)) {
        std::vector<std::int64_t> list;
        for (const Json& floor : *floors) {
            if (!floor.is_number_integer() || floor.get<std::int64_t>() < 1 || floor.get<std::int64_t>() > 100) {
                Refuse("invalid_value", "site.children_floors",
                       "字段 site.children_floors 的每一项须为 1 到 100 的楼层",
                       "Each item of site.children_floors must be a floor from 1 to 100 (basements: basement_use)");
            }
            const std::int64_t number = floor.get<std::int64_t>();
            if (building_floors && number > *building_floors) {
                Refuse("invalid_value", "site.children_floors", "儿童用房所在楼层高于建筑层数",
                       "A floor of the children's rooms lies above the building's floors");
            }
            if (std::find(list.begin(), list.end(), number) == list.end()) {
                list.push_back(number);
            }
        }
        std::sort(list.begin(), list.end());
        site["children_floors"] = list;
    }
    // N14: children's living rooms not underground; other uses of a basement are recorded.
    Put(site, "basement_use", reader.Code("basement_use", {"none", "non_children", "children"}));
    // N14: not in a 三合一 building (dwelling, shop and store in one) nor a colour-steel one.
    Put(site, "building_kind", reader.Code("building_kind", {"standard", "three_in_one", "colour_steel"}));
    if (const Json* rooms = reader.Object("rooms")) {
        site["rooms"] = ReadRooms(*rooms);
    }
    if (const Json* room = reader.Object("observation_room")) {
        site["observation_room"] = ReadObservationRoom(*room);
    }
    Put(site, "window_floor_ratio_percent", reader.Number("window_floor_ratio_percent", 0, 100));
    // N18: rails and mats where infants and toddlers are; indoor air within GB/T 18883.
    Put(site, "safety_rails_and_mats", reader.Boolean("safety_rails_and_mats"));
    Put(site, "indoor_air_qualified", reader.Boolean("indoor_air_qualified"));
    Put(site, "fire_exits", reader.Integer("fire_exits", 0, 100));
    Put(site, "fire_equipment", reader.Boolean("fire_equipment"));
    Put(site, "heating", reader.Boolean("heating"));
    Put(site, "cooling", reader.Boolean("cooling"));
    const std::optional<std::string> tenure = reader.Code("tenure", {"owned", "leased"});
    Put(site, "tenure", tenure);
    const std::optional<std::string> lease_start = reader.Date("lease_start");
    const std::optional<std::string> lease_end = reader.Date("lease_end");
    reader.Finish();
    if (tenure == "leased") {
        Require(lease_end.has_value(), "site.lease_end");
        Put(site, "lease_start", lease_start);
        site["lease_end"] = *lease_end;
        if (lease_start && *lease_start >= *lease_end) {
            Refuse("invalid_value", "site.lease_end", "租赁结束日期须晚于开始日期",
                   "The lease must end after it starts");
        }
    } else if (lease_start || lease_end) {
        Refuse("invalid_value", "site.lease_end", "自有场地不填写租期", "An owned site has no lease dates");
    }
    return site;
}

Json ReadClass(const Json& json, const std::string& path) {
    DocumentReader reader(json, path);
    const std::optional<std::string> type = reader.Code("type", kClassTypes);
    const std::optional<std::int64_t> count = reader.Integer("count", 1, 50);
    const std::optional<std::int64_t> size = reader.Integer("size", 1, 100);
    const std::optional<std::int64_t> caregivers = reader.Integer("caregivers", 0, 50);
    // The age band taken (N1, N4, S14), the activity room of each class (N16), its own living unit (N5).
    const std::optional<std::int64_t> min_age = reader.Integer("min_age_months", 0, 36);
    const std::optional<std::int64_t> max_age = reader.Integer("max_age_months", 0, 36);
    const std::optional<double> activity_room = reader.Number("activity_room_m2", 0, 10'000);
    const std::optional<bool> own_living_unit = reader.Boolean("own_living_unit");
    reader.Finish();
    Require(type.has_value(), path + ".type");
    Require(count.has_value(), path + ".count");
    Require(size.has_value(), path + ".size");
    Require(caregivers.has_value(), path + ".caregivers");
    if (min_age && max_age && *min_age > *max_age) {
        Refuse("invalid_value", path + ".max_age_months", "最大月龄不能小于最小月龄",
               "The maximum age must not be below the minimum");
    }
    Json planned{{"type", *type}, {"count", *count}, {"size", *size}, {"caregivers", *caregivers}};
    Put(planned, "min_age_months", min_age);
    Put(planned, "max_age_months", max_age);
    Put(planned, "activity_room_m2", activity_room);
    Put(planned, "own_living_unit", own_living_unit);
    return planned;
}

Json ReadMeals(const Json& json) {
    DocumentReader reader(json, "meals");
    const std::optional<bool> served = reader.Boolean("served");
    const std::optional<std::string> source = reader.Code("source", {"in_house", "catered"});
    reader.Finish();
    Require(served.has_value(), "meals.served");
    if (*served) {
        Require(source.has_value(), "meals.source");
        return {{"served", true}, {"source", *source}};
    }
    if (source) {
        Refuse("invalid_value", "meals.source", "不供餐时不填写供餐方式", "No meal source when no meals are served");
    }
    return {{"served", false}};
}

bool Has(const Json& document, const std::string& object, const std::string& key) {
    auto it = document.find(object);
    return it != document.end() && it->is_object() && it->contains(key);
}

}  // namespace

Profile ReadProfile(const Json& body, const std::vector<std::string>& sponsor_types) {
    DocumentReader reader(body, "");
    Profile profile;
    Json& out = profile.document;
    out = Json::object();
    profile.sponsor_type = reader.Code("sponsor_type", sponsor_types);
    Put(out, "sponsor_type", profile.sponsor_type);
    if (std::optional<std::vector<std::string>> modes = reader.Codes("service_modes", kServiceModes)) {
        // In the order of S15, whatever order they came in.
        for (const std::string& mode : kServiceModes) {
            if (std::find(modes->begin(), modes->end(), mode) != modes->end()) {
                profile.service_modes.push_back(mode);
            }
        }
        out["service_modes"] = profile.service_modes;
    }
    if (const Json* location = reader.Object("location")) {
        out["location"] = ReadLocation(*location);
    }
    if (const Json* site = reader.Object("site")) {
        out["site"] = ReadSite(*site);
    }
    if (const Json* classes = reader.Array("classes", 20)) {
        Json list = Json::array();
        for (std::size_t i = 0; i < classes->size(); ++i) {
            list.push_back(ReadClass((*classes)[i], "classes[" + std::to_string(i) + "]"));
        }
        out["classes"] = list;
    }
    profile.slots = reader.Integer("slots", 0, 10'000);
    Put(out, "slots", profile.slots);
    // A home childcare point's carers (N47); an institution's caregivers are those of its classes.
    Put(out, "carers", reader.Integer("carers", 0, 50));
    if (const Json* meals = reader.Object("meals")) {
        out["meals"] = ReadMeals(*meals);
        profile.serves_meals = out["meals"]["served"].get<bool>();
    }
    reader.Finish();
    return profile;
}

bool ServesMeals(const Json& document) {
    return standards::ServesMeals(document);
}

std::vector<std::string> MissingForFiling(const Json& document) {
    std::vector<std::string> missing;
    for (const char* key : {"sponsor_type", "location", "slots", "meals"}) {
        if (!document.contains(key)) {
            missing.emplace_back(key);
        }
    }
    if (!document.contains("service_modes") || document["service_modes"].empty()) {
        missing.emplace_back("service_modes");
    }
    if (!document.contains("classes") || document["classes"].empty()) {
        missing.emplace_back("classes");
    }
    for (const char* key :
         {"usable_floor_area_m2", "building_area_m2", "children_floors", "basement_use", "fire_exits", "tenure"}) {
        if (!Has(document, "site", key)) {
            missing.push_back(std::string("site.") + key);
        }
    }
    return missing;
}

Json ReadForm(const Json& body) {
    DocumentReader reader(body, "form");
    Json form = Json::object();
    Put(form, "head_name", reader.Text("head_name", 50));
    Put(form, "head_phone", reader.Text("head_phone", 20));
    Put(form, "head_education", reader.Text("head_education", 40));
    Put(form, "head_experience_years", reader.Integer("head_experience_years", 0, 70));
    Put(form, "contact_name", reader.Text("contact_name", 50));
    Put(form, "contact_phone", reader.Text("contact_phone", 20));
    if (const Json* staff = reader.Object("staff")) {
        DocumentReader counts(*staff, "form.staff");
        Json out = Json::object();
        for (const char* role : {"caregivers", "health_workers", "cooks", "security_guards", "food_safety_managers"}) {
            Put(out, role, counts.Integer(role, 0, 1000));
        }
        counts.Finish();
        form["staff"] = out;
    }
    Put(form, "hygiene_evaluation_result", reader.Code("hygiene_evaluation_result", {"qualified", "unqualified"}));
    Put(form, "hygiene_evaluation_date", reader.Date("hygiene_evaluation_date"));
    Put(form, "fire_check_passed", reader.Boolean("fire_check_passed"));
    Put(form, "fire_check_date", reader.Date("fire_check_date"));
    Put(form, "note", reader.Text("note", 1000));
    reader.Finish();
    return form;
}

std::vector<std::string> MissingFormFields(const Json& form, FilingKind kind) {
    std::vector<std::string> missing;
    std::vector<const char*> required = {"head_name", "head_phone"};
    if (kind != FilingKind::kChange) {
        required.insert(required.end(), {"staff", "hygiene_evaluation_result", "fire_check_passed"});
    }
    for (const char* key : required) {
        if (!form.contains(key)) {
            missing.push_back(std::string("form.") + key);
        }
    }
    return missing;
}

ChangeDeclaration ReadChange(const Json& body) {
    DocumentReader reader(body, "change");
    const std::optional<std::string> date = reader.Date("date");
    const std::optional<std::vector<std::string>> items = reader.Codes("items", kChangeItems);
    reader.Finish();
    Require(date.has_value(), "change.date");
    Require(items.has_value() && !items->empty(), "change.items");
    return {*date, *items};
}

}  // namespace tuoyu::filing
