#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/working_days.hpp"

// The automatic standards check of a filing (issue 5, part 4): the facts an institution declares,
// measured against the rule parameters in force at its region. Pure: the caller reads the facts and
// the parameters (reference/standards_parameters.hpp) and, for the site, the hazards around it
// (reference/hazards.hpp); this file only compares. Each finding names its RULES.md row, the field of
// the facts, the value found, the limit in force and where the limit comes from.
namespace tuoyu::standards {

using Json = nlohmann::json;

// fail: not up to the standard; warn: a fact the rule needs is missing or a judgement is needed;
// info: for the reviewer's eye (a parameter without a value in force, the nursery's scale).
enum class Severity { kFail, kWarn, kInfo };
std::string_view SeverityCode(Severity severity);  // "fail", "warn", "info"

// A parameter in force at the filing's region: its value as reference::parameters::ValueJson gives it
// (a number, a "1:3" string, an object …) and the source and clause it was set from.
struct Parameter {
    Json value;
    std::string source;
    std::string clause;
};
using Parameters = std::map<std::string, Parameter>;

enum class InstitutionKind { kInstitution, kHomePoint };

// One kind of planned class (class_types dictionary codes): `count` classes of `size` children each,
// with `caregivers` caregivers each.
struct PlannedClass {
    std::string type;  // infant_class | toddler_class | older_toddler_class | mixed_class
    int count = 1;
    int size = 0;
    int caregivers = 0;
    std::optional<int> min_age_months;  // the age band taken, when declared (N1, N4, S14)
    std::optional<int> max_age_months;
    std::optional<double> activity_room_m2;  // each class's activity room (N16)
    std::optional<bool> own_living_unit;     // each class has its own 生活单元 (N5)
};

// A room's floor area and the area of its window openings (N15).
struct RoomWindows {
    std::string room;
    double floor_area_m2 = 0;
    double window_area_m2 = 0;
};

// The room codes of RULES S2, by group.
inline const std::vector<std::string> kLivingRooms = {"dining", "sleeping", "breastfeeding",
                                                      "play",   "washing",  "storage"};
inline const std::vector<std::string> kServiceRooms = {"health_room", "office", "security_room"};
inline const std::vector<std::string> kLogisticsRooms = {"kitchen", "store", "disinfection"};

// The materials of a filing (备案办法 第8条, N43): the codes of filing_materials.kind.
inline const std::vector<std::string> kRequiredMaterials = {"business_licence", "site_proof", "staff_certificates",
                                                            "hygiene_evaluation", "fire_check"};
inline constexpr const char* kFoodLicence = "food_licence";

// "a:b" — a carers for b children (a parameter such as caregiver_ratio).
struct Ratio {
    double carers = 0;
    double children = 0;
    std::string text;
};
std::optional<Ratio> AsRatio(const Json& value);
// The carers `children` need at the ratio, rounded up ("1:5" for 11 children is 3).
std::int64_t CarersFor(double children, const Ratio& ratio);

// What a filing declares. Optional facts that are absent are reported (warn) where a rule needs them,
// not guessed. The field names of the findings are these facts' paths in the institution profile.
struct Facts {
    InstitutionKind kind = InstitutionKind::kInstitution;
    std::string sponsor_type;                          // sponsor_types code; "kindergarten" brings S14
    std::vector<std::string> service_modes;            // S15
    std::optional<int> slots;                          // 托位
    std::optional<double> usable_floor_area_m2;        // S1
    std::optional<double> building_area_m2;            // N48
    std::optional<double> living_rooms_area_m2;        // N19
    std::set<std::string> rooms;                       // room codes present (S2)
    std::vector<int> children_floors;                  // floors of the children's living rooms (N14)
    bool children_rooms_underground = false;           // any in a basement or semi-basement (N14, N48)
    std::string building_kind = "standard";            // standard | three_in_one | colour_steel (N14, N48)
    std::vector<RoomWindows> windows;                  // per room (N15) …
    std::optional<double> window_floor_ratio_percent;  // … or the building's ratio, when rooms are not given
    std::optional<double> observation_room_m2;         // N17
    std::optional<int> observation_beds;
    std::optional<bool> safety_rails_and_mats;  // N18, where infants or toddlers are taken
    std::optional<bool> indoor_air_qualified;   // N18, formaldehyde and benzene within GB/T 18883
    std::optional<int> fire_exits;              // S4
    std::optional<bool> fire_equipment;
    std::optional<bool> heating;
    std::optional<bool> cooling;
    bool premises_owned = false;  // N13, N47: owned, or leased until lease_end
    std::optional<CivilDate> lease_end;
    std::vector<PlannedClass> classes;
    std::optional<int> carers;  // a home point's carers (N47); institutions count class caregivers
    bool meals_served = false;
    bool meals_cooked_in_house = false;  // N8 counts cooks only then; delivered meals need none
    std::optional<int> health_workers;   // N6, from the 备案书's staff counts
    std::optional<int> cooks;            // N8
    std::optional<int> security_guards;  // N12
    std::set<std::string> materials;     // N43
};

struct Finding {
    std::string rule;  // "S1", "N14" …
    Severity severity = Severity::kFail;
    std::string field;   // "slots", "site.children_floors", "classes[1].size", "materials.fire_check"
    std::string value;   // what was found ("" when the fact is missing)
    std::string limit;   // the limit in force: "≤ 180", "≥ 20"
    std::string unit;    // of value and limit: "托位", "m²", "%" …
    std::string source;  // the parameter's source (or the document the rule rests on)
    std::string clause;
    std::string message_zh;
    std::string message_en;
};

// Collects findings for the checks of this file and of the staffing rules (core/staff_rules): each rule
// asks it for the parameter it needs, and a parameter without a value in force is reported once (info)
// in place of the rule.
class FindingList {
  public:
    explicit FindingList(const Parameters& parameters) : parameters_(parameters) {}

    // The parameter's value, or an info finding (once per parameter) and nullptr.
    const Parameter* Need(const std::string& rule, const std::string& key);

    void Add(std::string rule, Severity severity, std::string field, std::string value, std::string limit,
             std::string unit, std::string source, std::string clause, std::string zh, std::string en);
    // The same, with the source and clause of the parameter the limit comes from.
    void Add(const std::string& rule, Severity severity, const std::string& field, const std::string& value,
             const std::string& limit, const std::string& unit, const Parameter& parameter, const std::string& zh,
             const std::string& en);

    std::vector<Finding>& findings() { return findings_; }
    const Parameters& parameters() const { return parameters_; }

  private:
    const Parameters& parameters_;
    std::vector<Finding> findings_;
    std::set<std::string> missing_;
};

// Children planned: the slots, else the classes' places; nullopt when neither is declared.
std::optional<int> ChildrenPlanned(const Facts& facts);

// Every rule of the filing but the site's hazards, in RULES.md order (S before N, then by number).
// `filing_date` is the day the lease term is counted from (N13).
std::vector<Finding> Check(const Facts& facts, const Parameters& parameters, CivilDate filing_date);

// A hazard feature near the site and its distance (reference::hazards measures it).
struct SiteHazard {
    std::int64_t id = 0;
    std::string
        kind;  // petrol_station | gas_station | oil_gas_pipeline | high_voltage_corridor | pollution_source | other
    std::string name;
    std::string region_code;
    double distance_m = 0;
    std::optional<double> own_distance_m;  // the feature's own protection distance, when it has one
};

// The distance in force for a kind of hazard: hazard_distance_m[kind], else its "other", raised to the
// feature's own protection distance when that is larger. nullopt when the parameter has no value.
std::optional<double> HazardDistance(const Parameters& parameters, const std::string& kind,
                                     std::optional<double> own_distance_m = std::nullopt);

// RULES S3: a fail for each hazard within its distance in force; an info when the distances have no
// value in force (nothing can be checked then).
std::vector<Finding> CheckSiteHazards(const std::vector<SiteHazard>& hazards, const Parameters& parameters);

Json FindingJson(const Finding& finding);

}  // namespace tuoyu::standards
