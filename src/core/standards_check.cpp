#include "core/standards_check.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

namespace tuoyu::standards {

namespace {

// The documents behind the rules that are checks rather than numbers (no parameter to cite).
constexpr const char* kLiaoningOpinions = "辽宁省人民政府办公厅关于促进3岁以下婴幼儿照护服务发展的实施意见";
constexpr const char* kFilingMeasures = "托育机构登记和备案办法（试行）";
constexpr const char* kSettingStandard = "托育机构设置标准（试行）";
constexpr const char* kHygieneNotice = "托育机构卫生评价工作通知（2022）；WS/T 821—2023 托育机构质量评估标准";

std::string Num(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.2f", value);
    std::string out = text;
    while (!out.empty() && out.back() == '0') {
        out.pop_back();
    }
    if (!out.empty() && out.back() == '.') {
        out.pop_back();
    }
    return out == "-0" ? "0" : out;
}

std::string Int(std::int64_t value) {
    return std::to_string(value);
}

std::optional<double> AsNumber(const Json& value) {
    if (value.is_number()) {
        return value.get<double>();
    }
    return std::nullopt;
}

std::string Join(const std::vector<std::string>& items, const std::string& separator) {
    std::string out;
    for (const std::string& item : items) {
        out += (out.empty() ? "" : separator) + item;
    }
    return out;
}

const char* ClassNameZh(const std::string& type) {
    if (type == "infant_class") {
        return "乳儿班";
    }
    if (type == "toddler_class") {
        return "托小班";
    }
    if (type == "older_toddler_class") {
        return "托大班";
    }
    if (type == "mixed_class") {
        return "混合班";
    }
    return "班级";
}

// The findings of a filing's facts: FindingList with the facts and what the rules derive from them.
class Checker : public FindingList {
  public:
    Checker(const Facts& facts, const Parameters& parameters) : FindingList(parameters), facts_(facts) {}

    // A fact the rule needs was not declared.
    void Missing(const std::string& rule, const std::string& field, const std::string& source,
                 const std::string& clause, const std::string& what_zh, const std::string& what_en) {
        Add(rule, Severity::kWarn, field, "", "", "", source, clause, "未填报" + what_zh + "，无法检查",
            what_en + " not declared: the rule cannot be checked");
    }

    bool institution() const { return facts_.kind == InstitutionKind::kInstitution; }
    const Facts& facts() const { return facts_; }

    std::optional<int> Children() const { return ChildrenPlanned(facts_); }

    // The age band of a class: declared, else its type's band from class_age_months (N1).
    std::optional<std::pair<int, int>> Band(const PlannedClass& planned) {
        if (planned.min_age_months && planned.max_age_months) {
            return std::make_pair(*planned.min_age_months, *planned.max_age_months);
        }
        auto it = parameters().find("class_age_months");
        if (it == parameters().end() || !it->second.value.is_object() || !it->second.value.contains(planned.type)) {
            return std::nullopt;
        }
        const Json& band = it->second.value[planned.type];
        if (!band.is_array() || band.size() != 2 || !band[0].is_number() || !band[1].is_number()) {
            return std::nullopt;
        }
        return std::make_pair(band[0].get<int>(), band[1].get<int>());
    }

  private:
    const Facts& facts_;
};

// RULES S1 (000 二(一)4): usable floor area per child ≥ area_per_child_m2, so slots ≤ area ÷ that.
void CheckAreaPerChild(Checker& c) {
    if (!c.institution()) {
        return;
    }
    const Parameter* parameter = c.Need("S1", "area_per_child_m2");
    if (parameter == nullptr) {
        return;
    }
    const std::optional<double> per_child = AsNumber(parameter->value);
    const Facts& facts = c.facts();
    if (!facts.usable_floor_area_m2) {
        c.Missing("S1", "site.usable_floor_area_m2", parameter->source, parameter->clause, "使用面积",
                  "The usable floor area");
        return;
    }
    if (!facts.slots) {
        c.Missing("S1", "slots", parameter->source, parameter->clause, "托位数", "The number of slots");
        return;
    }
    if (!per_child || *per_child <= 0) {
        return;
    }
    const auto max_slots = static_cast<std::int64_t>(std::floor(*facts.usable_floor_area_m2 / *per_child + 1e-9));
    if (*facts.slots > max_slots) {
        const double actual = *facts.slots > 0 ? *facts.usable_floor_area_m2 / *facts.slots : 0;
        c.Add("S1", Severity::kFail, "slots", Int(*facts.slots), "≤ " + Int(max_slots), "托位", *parameter,
              "托位 " + Int(*facts.slots) + " 个，生均使用面积 " + Num(actual) + " m²，低于 " + Num(*per_child) +
                  " m²；使用面积 " + Num(*facts.usable_floor_area_m2) + " m² 至多设 " + Int(max_slots) + " 个托位",
              Int(*facts.slots) + " slots leave " + Num(actual) + " m² of usable floor area per child, below " +
                  Num(*per_child) + " m²; " + Num(*facts.usable_floor_area_m2) + " m² allow at most " + Int(max_slots) +
                  " slots");
    }
}

// The rooms of kLivingRooms, kServiceRooms and kLogisticsRooms as the rule names them.
std::pair<const char*, const char*> RoomName(const std::string& code) {
    static const std::map<std::string, std::pair<const char*, const char*>> kNames = {
        {"dining", {"进餐室", "dining room"}},
        {"sleeping", {"睡眠室", "sleeping room"}},
        {"breastfeeding", {"哺乳室", "breastfeeding room"}},
        {"play", {"游戏活动室", "play room"}},
        {"washing", {"盥洗室", "washroom"}},
        {"storage", {"储藏室", "storage room"}},
        {"health_room", {"保健观察室", "health observation room"}},
        {"office", {"办公室", "office"}},
        {"security_room", {"安保室", "security room"}},
        {"kitchen", {"厨房", "kitchen"}},
        {"store", {"库房", "store room"}},
        {"disinfection", {"消毒间", "disinfection room"}}};
    const auto it = kNames.find(code);
    return it == kNames.end() ? std::make_pair(code.c_str(), code.c_str()) : it->second;
}

// RULES S2 (000 二(一)4; 002 三(四)4): the three room groups; every room named in the rule.
void CheckRoomGroups(Checker& c) {
    if (!c.institution()) {
        return;
    }
    const std::string clause = "二(一)4";
    struct Group {
        const char* field;
        const char* name_zh;
        const char* name_en;
        const std::vector<std::string>* rooms;
    };
    const Group groups[] = {{"site.rooms.living", "婴幼儿生活用房", "children's living rooms", &kLivingRooms},
                            {"site.rooms.service", "服务管理用房", "service and management rooms", &kServiceRooms},
                            {"site.rooms.logistics", "供应保障用房", "logistics rooms", &kLogisticsRooms}};
    for (const Group& group : groups) {
        std::vector<std::string> missing;
        for (const std::string& room : *group.rooms) {
            if (c.facts().rooms.count(room) == 0) {
                missing.push_back(room);
            }
        }
        if (missing.size() == group.rooms->size()) {
            c.Add("S2", Severity::kFail, group.field, "", "≥ 1", "间", kLiaoningOpinions, clause,
                  std::string("缺少") + group.name_zh, std::string("No ") + group.name_en);
        } else if (!missing.empty()) {
            std::vector<std::string> names_zh;
            std::vector<std::string> names_en;
            for (const std::string& room : missing) {
                names_zh.emplace_back(RoomName(room).first);
                names_en.emplace_back(RoomName(room).second);
            }
            c.Add("S2", Severity::kWarn, group.field, Join(missing, ","), "", "", kLiaoningOpinions, clause,
                  std::string(group.name_zh) + "缺少：" + Join(names_zh, "、"),
                  std::string("The ") + group.name_en + " lack: " + Join(names_en, ", "));
        }
    }
}

// RULES S4 (000 二(一)3,5): fire exits and equipment; heating and cooling.
void CheckBuilding(Checker& c) {
    const Facts& facts = c.facts();
    const std::string clause = "二(一)3、5";
    if (!facts.fire_exits) {
        c.Missing("S4", "site.fire_exits", kLiaoningOpinions, clause, "安全出口数", "The number of fire exits");
    } else if (*facts.fire_exits < 1) {
        c.Add("S4", Severity::kFail, "site.fire_exits", Int(*facts.fire_exits), "≥ 1", "个", kLiaoningOpinions, clause,
              "没有安全出口", "No fire exit");
    }
    if (!facts.fire_equipment) {
        c.Missing("S4", "site.fire_equipment", kLiaoningOpinions, clause, "消防设施配备情况", "Fire equipment");
    } else if (!*facts.fire_equipment) {
        c.Add("S4", Severity::kFail, "site.fire_equipment", "false", "true", "", kLiaoningOpinions, clause,
              "未配备消防设施", "No fire equipment");
    }
    const std::pair<const char*, const std::optional<bool>*> comfort[] = {{"heating", &facts.heating},
                                                                          {"cooling", &facts.cooling}};
    for (const auto& [name, value] : comfort) {
        const std::string field = std::string("site.") + name;
        const bool heating = std::string(name) == "heating";
        if (!value->has_value()) {
            c.Missing("S4", field, kLiaoningOpinions, clause, heating ? "采暖设施" : "降温设施",
                      heating ? "Heating" : "Cooling");
        } else if (!**value) {
            c.Add("S4", Severity::kWarn, field, "false", "true", "", kLiaoningOpinions, clause,
                  heating ? "无采暖设施（按所在地气候判断是否需要）" : "无降温设施（按所在地气候判断是否需要）",
                  heating ? "No heating (whether it is needed depends on the climate)"
                          : "No cooling (whether it is needed depends on the climate)");
        }
    }
}

// RULES S14 (000 二(四)2): a kindergarten's nursery classes take children aged 2 to 3.
void CheckKindergartenAge(Checker& c) {
    if (c.facts().sponsor_type != "kindergarten" || c.facts().classes.empty()) {
        return;
    }
    const Parameter* parameter = c.Need("S14", "kindergarten_class_age_months");
    if (parameter == nullptr || !parameter->value.is_object()) {
        return;
    }
    const int min_months = parameter->value.value("min_months", 24);
    const int max_months = parameter->value.value("max_months", 36);
    for (std::size_t i = 0; i < c.facts().classes.size(); ++i) {
        const PlannedClass& planned = c.facts().classes[i];
        const std::optional<std::pair<int, int>> band = c.Band(planned);
        if (band && (band->first < min_months || band->second > max_months)) {
            const std::string found = Int(band->first) + "–" + Int(band->second);
            const std::string limit = Int(min_months) + "–" + Int(max_months);
            c.Add("S14", Severity::kFail, "classes[" + Int(static_cast<std::int64_t>(i)) + "].type", found, limit,
                  "月龄", *parameter,
                  std::string("幼儿园托班只招收") + limit + " 月龄的幼儿，" + ClassNameZh(planned.type) + "为 " +
                      found + " 月龄",
                  "A kindergarten's nursery class takes children aged " + limit + " months; this class takes " + found +
                      " months");
        }
    }
}

// RULES S15 (000 二(四)3): 全日托, 半日托, 计时托, 临时托.
void CheckServiceModes(Checker& c) {
    static const std::vector<std::string> kModes = {"full_day", "half_day", "hourly", "temporary"};
    const std::string clause = "二(四)3";
    if (c.facts().service_modes.empty()) {
        c.Missing("S15", "service_modes", kLiaoningOpinions, clause, "服务形式", "The service modes");
        return;
    }
    for (const std::string& mode : c.facts().service_modes) {
        if (std::find(kModes.begin(), kModes.end(), mode) == kModes.end()) {
            c.Add("S15", Severity::kFail, "service_modes", mode, Join(kModes, ","), "", kLiaoningOpinions, clause,
                  "服务形式 " + mode + " 不在全日托、半日托、计时托、临时托之列",
                  "Service mode " + mode + " is none of full-day, half-day, hourly and temporary care");
        }
    }
}

// RULES N1–N5 and N16 for each kind of planned class.
void CheckClasses(Checker& c) {
    if (!c.institution()) {
        return;
    }
    const Facts& facts = c.facts();
    for (std::size_t i = 0; i < facts.classes.size(); ++i) {
        const PlannedClass& planned = facts.classes[i];
        const std::string at = "classes[" + Int(static_cast<std::int64_t>(i)) + "]";
        const bool mixed = planned.type == "mixed_class";
        const std::string name_zh = ClassNameZh(planned.type);

        // N1 (and N4's lower age for a mixed class): the declared age band within the type's.
        if (planned.min_age_months && planned.max_age_months) {
            const std::string found = Int(*planned.min_age_months) + "–" + Int(*planned.max_age_months);
            if (mixed) {
                const Parameter* rules = c.Need("N4", "mixed_class_rules");
                const int min_months = rules != nullptr ? rules->value.value("min_months", 0) : 0;
                if (rules != nullptr && *planned.min_age_months < min_months) {
                    c.Add("N4", Severity::kFail, at + ".min_age_months", Int(*planned.min_age_months),
                          "≥ " + Int(min_months), "月龄", *rules,
                          "混合编班的婴幼儿月龄不得小于 " + Int(min_months) + " 个月",
                          "A mixed class takes children of at least " + Int(min_months) + " months");
                }
            } else if (const Parameter* bands = c.Need("N1", "class_age_months")) {
                const Json& band = bands->value.is_object() && bands->value.contains(planned.type)
                                       ? bands->value[planned.type]
                                       : Json();
                if (band.is_array() && band.size() == 2 &&
                    (*planned.min_age_months < band[0].get<int>() || *planned.max_age_months > band[1].get<int>())) {
                    const std::string limit = Int(band[0].get<int>()) + "–" + Int(band[1].get<int>());
                    c.Add("N1", Severity::kFail, at + ".min_age_months", found, limit, "月龄", *bands,
                          name_zh + "招收 " + limit + " 月龄，申报为 " + found + " 月龄",
                          "This class type takes children aged " + limit + " months; the class declares " + found);
                }
            }
        }

        // N2 / N4: children per class.
        const Parameter* sizes = c.Need(mixed ? "N4" : "N2", mixed ? "mixed_class_rules" : "class_max_children");
        if (sizes != nullptr && sizes->value.is_object()) {
            const Json& max =
                mixed ? sizes->value.value("max_children", Json()) : sizes->value.value(planned.type, Json());
            if (max.is_number_integer() && planned.size > max.get<int>()) {
                c.Add(mixed ? "N4" : "N2", Severity::kFail, at + ".size", Int(planned.size), "≤ " + Int(max.get<int>()),
                      "人", *sizes, name_zh + "每班 " + Int(planned.size) + " 人，超过 " + Int(max.get<int>()) + " 人",
                      Int(planned.size) + " children a class, more than " + Int(max.get<int>()));
            }
        }

        // N3 / N4: caregivers to children.
        const Parameter* ratio_parameter =
            c.Need(mixed ? "N4" : "N3", mixed ? "mixed_class_caregiver_ratio" : "caregiver_ratio");
        if (ratio_parameter != nullptr) {
            const Json ratio_json = mixed ? ratio_parameter->value : ratio_parameter->value.value(planned.type, Json());
            if (const std::optional<Ratio> ratio = AsRatio(ratio_json)) {
                const double allowed = planned.caregivers * ratio->children / ratio->carers;
                if (planned.size > allowed + 1e-9) {
                    const auto needed = CarersFor(planned.size, *ratio);
                    c.Add(mixed ? "N4" : "N3", Severity::kFail, at + ".caregivers", Int(planned.caregivers),
                          "≥ " + Int(needed), "人", *ratio_parameter,
                          name_zh + "每班 " + Int(planned.size) + " 人需保育人员不少于 " + Int(needed) + " 人（" +
                              ratio->text + "），申报 " + Int(planned.caregivers) + " 人",
                          Int(planned.size) + " children need at least " + Int(needed) + " caregivers (" + ratio->text +
                              "); " + Int(planned.caregivers) + " declared");
                }
            }
        }

        // N5: each class its own living unit.
        if (planned.own_living_unit && !*planned.own_living_unit) {
            c.Add("N5", Severity::kFail, at + ".own_living_unit", "false", "true", "", kSettingStandard, "",
                  "每个班应有独立使用的生活单元", "Each class needs a living unit of its own");
        }

        // N16: the activity room's area.
        if (const Parameter* areas = c.Need("N16", "activity_room_min_area_m2")) {
            double minimum = 0;
            if (areas->value.is_object()) {
                if (areas->value.contains(planned.type) && areas->value[planned.type].is_number()) {
                    minimum = areas->value[planned.type].get<double>();
                } else if (mixed) {
                    // A mixed class takes toddlers up to 36 months: the largest of the bands' minimums.
                    for (const auto& [type, value] : areas->value.items()) {
                        if (value.is_number()) {
                            minimum = std::max(minimum, value.get<double>());
                        }
                    }
                }
            }
            if (!planned.activity_room_m2) {
                c.Missing("N16", at + ".activity_room_m2", areas->source, areas->clause, name_zh + "活动室面积",
                          "The activity room's area of this class");
            } else if (minimum > 0 && *planned.activity_room_m2 < minimum) {
                c.Add("N16", Severity::kFail, at + ".activity_room_m2", Num(*planned.activity_room_m2),
                      "≥ " + Num(minimum), "m²", *areas,
                      name_zh + "活动室 " + Num(*planned.activity_room_m2) + " m²，不足 " + Num(minimum) + " m²",
                      "The activity room has " + Num(*planned.activity_room_m2) + " m², less than " + Num(minimum) +
                          " m²");
            }
        }
    }
}

// One post per `ratio` children, and at least one: "1:150" for 160 children is 2.
std::int64_t PostsFor(int children, const Ratio& ratio) {
    return std::max<std::int64_t>(CarersFor(children, ratio), 1);
}

// RULES N6 (76号令 第12条; 设置标准 第21条): health workers, one per 150 children and at least one;
// N8 (WS/T 821; 设置标准 第21条): cooks, one per 50 children, where meals are cooked in-house;
// N12 (设置标准 征求意见稿): guards on duty. Counted from the 备案书's staff against the children planned.
void CheckStaffing(Checker& c) {
    if (!c.institution()) {
        return;  // a home point's carers are N47's
    }
    const Facts& facts = c.facts();
    const std::optional<int> children = c.Children();
    struct Post {
        const char* rule;
        const char* parameter;
        const char* field;
        std::optional<int> declared;
        const char* zh;
        const char* en;
    };
    std::vector<Post> posts = {
        {"N6", "health_worker_ratio", "form.staff.health_workers", facts.health_workers, "保健人员", "health workers"}};
    if (facts.meals_cooked_in_house) {
        posts.push_back({"N8", "cook_ratio", "form.staff.cooks", facts.cooks, "炊事人员", "cooks"});
    }
    for (const Post& post : posts) {
        const Parameter* parameter = c.Need(post.rule, post.parameter);
        const std::optional<Ratio> ratio = parameter != nullptr ? AsRatio(parameter->value) : std::nullopt;
        if (!ratio || !children || *children <= 0) {
            continue;
        }
        if (!post.declared) {
            c.Missing(post.rule, post.field, parameter->source, parameter->clause, post.zh + std::string("人数"),
                      std::string("The number of ") + post.en);
            continue;
        }
        const std::int64_t needed = PostsFor(*children, *ratio);
        if (*post.declared < needed) {
            c.Add(post.rule, Severity::kFail, post.field, Int(*post.declared), "≥ " + Int(needed), "人", *parameter,
                  Int(*children) + " 名婴幼儿需" + post.zh + "不少于 " + Int(needed) + " 人（" + ratio->text +
                      "），申报 " + Int(*post.declared) + " 人",
                  Int(*children) + " children need at least " + Int(needed) + " " + post.en + " (" + ratio->text +
                      "); " + Int(*post.declared) + " declared");
        }
    }
    const Parameter* guards = c.Need("N12", "guards_on_duty");
    const std::optional<double> minimum = guards != nullptr ? AsNumber(guards->value) : std::nullopt;
    if (!minimum) {
        return;
    }
    if (!facts.security_guards) {
        c.Missing("N12", "form.staff.security_guards", guards->source, guards->clause, "保安人员人数",
                  "The number of security guards");
    } else if (*facts.security_guards + 1e-9 < *minimum) {
        c.Add("N12", Severity::kFail, "form.staff.security_guards", Int(*facts.security_guards), "≥ " + Num(*minimum),
              "人", *guards, "每个独立设置的机构应有保安人员在岗，不少于 " + Num(*minimum) + " 人",
              "An independent institution needs at least " + Num(*minimum) + " security guards on duty");
    }
}

// RULES N13 (设置标准 第11条), N47: premises owned, or leased for at least lease_min_years from the filing.
void CheckLease(Checker& c, CivilDate filing_date) {
    const Facts& facts = c.facts();
    if (facts.premises_owned) {
        return;
    }
    const std::string rule = c.institution() ? "N13" : "N47";
    const Parameter* parameter = c.Need(rule, "lease_min_years");
    if (parameter == nullptr || !parameter->value.is_number_integer()) {
        return;
    }
    const int years = parameter->value.get<int>();
    if (!facts.lease_end) {
        c.Missing(rule, "site.lease_end", parameter->source, parameter->clause, "租赁截止日期", "The lease's end");
        return;
    }
    std::optional<CivilDate> due =
        CivilDate::FromYmd(filing_date.year() + years, filing_date.month(), filing_date.day());
    if (!due) {  // 29 February
        due = CivilDate::FromYmd(filing_date.year() + years, 2, 28);
    }
    if (*facts.lease_end < *due) {
        c.Add(rule, Severity::kFail, "site.lease_end", facts.lease_end->ToString(), "≥ " + due->ToString(), "",
              *parameter,
              "租期至 " + facts.lease_end->ToString() + "，自备案之日起不足 " + Int(years) + " 年（应至少到 " +
                  due->ToString() + "）",
              "The lease ends on " + facts.lease_end->ToString() + ", less than " + Int(years) +
                  " years from the filing (it must run to " + due->ToString() + " at least)");
    }
}

void CheckBuildingKind(Checker& c, const std::string& rule, const Parameter* parameter) {
    const Facts& facts = c.facts();
    const std::string source = parameter != nullptr ? parameter->source : "";
    const std::string clause = parameter != nullptr ? parameter->clause : "";
    if (facts.children_rooms_underground) {
        c.Add(rule, Severity::kFail, "site.basement_use", "children", "none", "", source, clause,
              "婴幼儿用房不得设在地下室或半地下室", "Children's rooms may not be in a basement or semi-basement");
    }
    if (facts.building_kind == "three_in_one" || facts.building_kind == "colour_steel") {
        const bool steel = facts.building_kind == "colour_steel";
        c.Add(rule, Severity::kFail, "site.building_kind", facts.building_kind, "standard", "", source, clause,
              steel ? "不得设在彩钢板建筑内" : "不得设在“三合一”场所内",
              steel ? "It may not be in a colour-steel building" : "It may not be in a three-in-one building");
    }
}

// RULES N14: children's living rooms on floor ≤ children_rooms_max_floor, not underground, not in a
// 三合一 or colour-steel building.
void CheckFloors(Checker& c) {
    if (!c.institution()) {
        return;
    }
    const Parameter* parameter = c.Need("N14", "children_rooms_max_floor");
    CheckBuildingKind(c, "N14", parameter);
    if (parameter == nullptr || !parameter->value.is_number_integer()) {
        return;
    }
    const int max_floor = parameter->value.get<int>();
    if (c.facts().children_floors.empty()) {
        c.Missing("N14", "site.children_floors", parameter->source, parameter->clause, "婴幼儿生活用房所在楼层",
                  "The floors of the children's living rooms");
        return;
    }
    const int highest = *std::max_element(c.facts().children_floors.begin(), c.facts().children_floors.end());
    if (highest > max_floor) {
        c.Add("N14", Severity::kFail, "site.children_floors", Int(highest), "≤ " + Int(max_floor), "层", *parameter,
              "婴幼儿生活用房设在第 " + Int(highest) + " 层，高于第 " + Int(max_floor) + " 层",
              "Children's living rooms on floor " + Int(highest) + ", above floor " + Int(max_floor));
    }
}

// RULES N15: window openings ÷ floor area of each room ≥ window_floor_ratio_percent.
void CheckWindows(Checker& c) {
    if (!c.institution()) {
        return;
    }
    const Parameter* parameter = c.Need("N15", "window_floor_ratio_percent");
    if (parameter == nullptr) {
        return;
    }
    const std::optional<double> minimum = AsNumber(parameter->value);
    if (!minimum) {
        return;
    }
    const Facts& facts = c.facts();
    if (facts.windows.empty() && !facts.window_floor_ratio_percent) {
        c.Missing("N15", "site.window_floor_ratio_percent", parameter->source, parameter->clause, "窗地面积比",
                  "The window-to-floor area ratio");
        return;
    }
    for (std::size_t i = 0; i < facts.windows.size(); ++i) {
        const RoomWindows& room = facts.windows[i];
        const double percent = room.floor_area_m2 > 0 ? room.window_area_m2 / room.floor_area_m2 * 100.0 : 0;
        if (percent + 1e-9 < *minimum) {
            c.Add("N15", Severity::kFail, "site.windows[" + Int(static_cast<std::int64_t>(i)) + "]", Num(percent),
                  "≥ " + Num(*minimum), "%", *parameter,
                  room.room + " 窗地面积比 " + Num(percent) + "%，低于 " + Num(*minimum) + "%",
                  room.room + ": window openings are " + Num(percent) + " % of the floor area, below " + Num(*minimum) +
                      " %");
        }
    }
    if (facts.windows.empty() && *facts.window_floor_ratio_percent + 1e-9 < *minimum) {
        c.Add("N15", Severity::kFail, "site.window_floor_ratio_percent", Num(*facts.window_floor_ratio_percent),
              "≥ " + Num(*minimum), "%", *parameter,
              "窗地面积比 " + Num(*facts.window_floor_ratio_percent) + "%，低于 " + Num(*minimum) + "%",
              "Window openings are " + Num(*facts.window_floor_ratio_percent) + " % of the floor area, below " +
                  Num(*minimum) + " %");
    }
}

// RULES N17: a health observation room of at least min_area_m2 with at least min_beds beds.
void CheckObservationRoom(Checker& c) {
    if (!c.institution()) {
        return;
    }
    const Parameter* parameter = c.Need("N17", "observation_room");
    if (parameter == nullptr || !parameter->value.is_object()) {
        return;
    }
    const Facts& facts = c.facts();
    const double min_area = parameter->value.value("min_area_m2", 0.0);
    const int min_beds = parameter->value.value("min_beds", 0);
    if (!facts.observation_room_m2) {
        c.Add("N17", Severity::kFail, "site.observation_room", "", "≥ " + Num(min_area), "m²", *parameter,
              "未设保健观察室", "No health observation room");
        return;
    }
    if (*facts.observation_room_m2 + 1e-9 < min_area) {
        c.Add(
            "N17", Severity::kFail, "site.observation_room.area_m2", Num(*facts.observation_room_m2),
            "≥ " + Num(min_area), "m²", *parameter,
            "保健观察室 " + Num(*facts.observation_room_m2) + " m²，不足 " + Num(min_area) + " m²",
            "The observation room has " + Num(*facts.observation_room_m2) + " m², less than " + Num(min_area) + " m²");
    }
    const int beds = facts.observation_beds.value_or(0);
    if (beds < min_beds) {
        c.Add("N17", Severity::kFail, "site.observation_room.beds", Int(beds), "≥ " + Int(min_beds), "张", *parameter,
              "保健观察室观察床 " + Int(beds) + " 张，少于 " + Int(min_beds) + " 张",
              Int(beds) + " observation beds, fewer than " + Int(min_beds));
    }
}

// RULES N18: rails and floor mats where infants and toddlers are cared for; indoor air tested.
void CheckSafetyFittings(Checker& c) {
    if (!c.institution()) {
        return;
    }
    const Facts& facts = c.facts();
    const bool young = std::any_of(facts.classes.begin(), facts.classes.end(), [](const PlannedClass& planned) {
        return planned.type == "infant_class" || planned.type == "toddler_class";
    });
    if (young) {
        if (!facts.safety_rails_and_mats) {
            c.Missing("N18", "site.safety_rails_and_mats", kHygieneNotice, "", "乳儿班、托小班的防护栏和地垫",
                      "Rails and floor mats for infant and toddler classes");
        } else if (!*facts.safety_rails_and_mats) {
            c.Add("N18", Severity::kFail, "site.safety_rails_and_mats", "false", "true", "", kHygieneNotice, "",
                  "乳儿班、托小班未设防护栏和地垫", "Infant and toddler classes lack rails and floor mats");
        }
    }
    if (!facts.indoor_air_qualified) {
        c.Missing("N18", "site.indoor_air_qualified", kHygieneNotice, "", "室内空气（甲醛、苯）检测结果",
                  "The indoor air test (formaldehyde, benzene)");
    } else if (!*facts.indoor_air_qualified) {
        c.Add("N18", Severity::kFail, "site.indoor_air_qualified", "false", "true", "", kHygieneNotice, "",
              "室内空气质量不符合 GB/T 18883", "Indoor air is not within GB/T 18883");
    }
}

// RULES N19 (draft): living-room area per child.
void CheckLivingArea(Checker& c) {
    if (!c.institution() || !c.facts().living_rooms_area_m2) {
        return;
    }
    const Parameter* parameter = c.Need("N19", "living_area_per_child_m2");
    const std::optional<int> children = c.Children();
    if (parameter == nullptr || !children || *children <= 0) {
        return;
    }
    const std::optional<double> minimum = AsNumber(parameter->value);
    const double per_child = *c.facts().living_rooms_area_m2 / *children;
    if (minimum && per_child + 1e-9 < *minimum) {
        c.Add("N19", Severity::kFail, "site.living_rooms_area_m2", Num(per_child), "≥ " + Num(*minimum), "m²/人",
              *parameter, "生均生活用房面积 " + Num(per_child) + " m²，低于 " + Num(*minimum) + " m²",
              "Living rooms give " + Num(per_child) + " m² per child, less than " + Num(*minimum) + " m²");
    }
}

// RULES N20 (draft): children per independent institution; N21: its scale by classes.
void CheckScale(Checker& c) {
    if (!c.institution() || c.facts().sponsor_type == "kindergarten") {
        return;
    }
    const std::optional<int> children = c.Children();
    if (const Parameter* parameter = c.Need("N20", "max_children_per_institution"); parameter != nullptr && children) {
        if (parameter->value.is_number_integer() && *children > parameter->value.get<int>()) {
            const int max = parameter->value.get<int>();
            c.Add("N20", Severity::kFail, c.facts().slots ? "slots" : "classes", Int(*children), "≤ " + Int(max), "人",
                  *parameter, "收托 " + Int(*children) + " 人，超过独立设置机构上限 " + Int(max) + " 人",
                  Int(*children) + " children, more than the " + Int(max) + " of an independent institution");
        }
    }
    int classes = 0;
    for (const PlannedClass& planned : c.facts().classes) {
        classes += planned.count;
    }
    if (classes == 0) {
        return;
    }
    const Parameter* scale = c.Need("N21", "nursery_scale_classes");
    if (scale == nullptr || !scale->value.is_object()) {
        return;
    }
    for (const auto& [name, band] : scale->value.items()) {
        if (band.is_array() && band.size() == 2 && classes >= band[0].get<int>() && classes <= band[1].get<int>()) {
            const std::string zh = name == "small" ? "小型" : name == "medium" ? "中型" : "大型";
            c.Add("N21", Severity::kInfo, "classes", Int(classes),
                  Int(band[0].get<int>()) + "–" + Int(band[1].get<int>()), "班", *scale,
                  zh + "托儿所（" + Int(classes) + " 个班）", "A " + name + " nursery (" + Int(classes) + " classes)");
            return;
        }
    }
    c.Add("N21", Severity::kWarn, "classes", Int(classes), "", "班", *scale, Int(classes) + " 个班，超出托儿所规模分级",
          Int(classes) + " classes: beyond the nursery scales");
}

// RULES N43 (备案办法 第8条): the filing's materials.
void CheckMaterials(Checker& c) {
    std::vector<std::string> required = kRequiredMaterials;
    if (c.facts().meals_served) {
        required.emplace_back(kFoodLicence);
    }
    for (const std::string& kind : required) {
        if (c.facts().materials.count(kind) == 0) {
            c.Add("N43", Severity::kFail, "materials." + kind, "", "", "", kFilingMeasures, "第8条",
                  "缺少备案材料：" + kind, "Filing material missing: " + kind);
        }
    }
}

// RULES N47 and N48: a home childcare point's children, carers and building area.
void CheckHomePoint(Checker& c) {
    if (c.institution()) {
        return;
    }
    const Facts& facts = c.facts();
    const std::optional<int> children = c.Children();
    if (const Parameter* max = c.Need("N47", "home_point_max_children"); max != nullptr && children) {
        if (max->value.is_number_integer() && *children > max->value.get<int>()) {
            c.Add("N47", Severity::kFail, "slots", Int(*children), "≤ " + Int(max->value.get<int>()), "人", *max,
                  "家庭托育点收托 " + Int(*children) + " 人，超过 " + Int(max->value.get<int>()) +
                      " 人的应登记为托育机构",
                  "A home point takes " + Int(*children) + " children; more than " + Int(max->value.get<int>()) +
                      " must register as an institution");
        }
    }
    if (const Parameter* ratio_parameter = c.Need("N47", "home_point_carer_ratio");
        ratio_parameter != nullptr && children) {
        int carers = facts.carers.value_or(0);
        if (!facts.carers) {
            for (const PlannedClass& planned : facts.classes) {
                carers += planned.count * planned.caregivers;
            }
        }
        if (const std::optional<Ratio> ratio = AsRatio(ratio_parameter->value)) {
            if (*children > carers * ratio->children / ratio->carers + 1e-9) {
                const auto needed = CarersFor(*children, *ratio);
                c.Add("N47", Severity::kFail, "carers", Int(carers), "≥ " + Int(needed), "人", *ratio_parameter,
                      Int(*children) + " 名婴幼儿需照护人员不少于 " + Int(needed) + " 人（" + ratio->text + "）",
                      Int(*children) + " children need at least " + Int(needed) + " carers (" + ratio->text + ")");
            }
        }
    }
    const Parameter* area = c.Need("N48", "home_point_area_per_child_m2");
    CheckBuildingKind(c, "N48", area);
    if (area == nullptr || !children || *children <= 0) {
        return;
    }
    if (!facts.building_area_m2) {
        c.Missing("N48", "site.building_area_m2", area->source, area->clause, "建筑面积", "The building area");
        return;
    }
    const std::optional<double> minimum = AsNumber(area->value);
    const double per_child = *facts.building_area_m2 / *children;
    if (minimum && per_child + 1e-9 < *minimum) {
        c.Add("N48", Severity::kFail, "site.building_area_m2", Num(per_child), "≥ " + Num(*minimum), "m²/人", *area,
              "生均建筑面积 " + Num(per_child) + " m²，低于 " + Num(*minimum) + " m²",
              Num(per_child) + " m² of building area per child, less than " + Num(*minimum) + " m²");
    }
}

const char* KindNameZh(const std::string& kind) {
    if (kind == "petrol_station") {
        return "加油站";
    }
    if (kind == "gas_station") {
        return "加气站";
    }
    if (kind == "oil_gas_pipeline") {
        return "油气管道";
    }
    if (kind == "high_voltage_corridor") {
        return "高压线走廊";
    }
    if (kind == "pollution_source") {
        return "污染源";
    }
    return "危险源";
}

}  // namespace

const Parameter* FindingList::Need(const std::string& rule, const std::string& key) {
    auto it = parameters_.find(key);
    if (it != parameters_.end() && !it->second.value.is_null()) {
        return &it->second;
    }
    if (missing_.insert(key).second) {
        Add(rule, Severity::kInfo, "parameters." + key, "", "", "", "", "",
            "参数 " + key + " 在本区划没有生效值，未检查此项",
            "Parameter " + key + " has no value in force at this region; the rule was not checked");
    }
    return nullptr;
}

void FindingList::Add(std::string rule, Severity severity, std::string field, std::string value, std::string limit,
                      std::string unit, std::string source, std::string clause, std::string zh, std::string en) {
    findings_.push_back({std::move(rule), severity, std::move(field), std::move(value), std::move(limit),
                         std::move(unit), std::move(source), std::move(clause), std::move(zh), std::move(en)});
}

void FindingList::Add(const std::string& rule, Severity severity, const std::string& field, const std::string& value,
                      const std::string& limit, const std::string& unit, const Parameter& parameter,
                      const std::string& zh, const std::string& en) {
    Add(rule, severity, field, value, limit, unit, parameter.source, parameter.clause, zh, en);
}

std::optional<int> ChildrenPlanned(const Facts& facts) {
    if (facts.slots) {
        return facts.slots;
    }
    if (facts.classes.empty()) {
        return std::nullopt;
    }
    int total = 0;
    for (const PlannedClass& planned : facts.classes) {
        total += planned.count * planned.size;
    }
    return total;
}

std::int64_t CarersFor(double children, const Ratio& ratio) {
    return static_cast<std::int64_t>(std::ceil(children * ratio.carers / ratio.children - 1e-9));
}

std::optional<Ratio> AsRatio(const Json& value) {
    if (!value.is_string()) {
        return std::nullopt;
    }
    const std::string text = value.get<std::string>();
    const auto colon = text.find(':');
    if (colon == std::string::npos) {
        return std::nullopt;
    }
    try {
        const double carers = std::stod(text.substr(0, colon));
        const double children = std::stod(text.substr(colon + 1));
        if (carers <= 0 || children <= 0) {
            return std::nullopt;
        }
        return Ratio{carers, children, text};
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

std::string_view SeverityCode(Severity severity) {
    switch (severity) {
        case Severity::kWarn:
            return "warn";
        case Severity::kInfo:
            return "info";
        case Severity::kFail:
            break;
    }
    return "fail";
}

std::vector<Finding> Check(const Facts& facts, const Parameters& parameters, CivilDate filing_date) {
    Checker checker(facts, parameters);
    CheckAreaPerChild(checker);
    CheckRoomGroups(checker);
    CheckBuilding(checker);
    CheckKindergartenAge(checker);
    CheckServiceModes(checker);
    CheckClasses(checker);
    CheckStaffing(checker);
    CheckLease(checker, filing_date);
    CheckFloors(checker);
    CheckWindows(checker);
    CheckObservationRoom(checker);
    CheckSafetyFittings(checker);
    CheckLivingArea(checker);
    CheckScale(checker);
    CheckMaterials(checker);
    CheckHomePoint(checker);
    return std::move(checker.findings());
}

std::optional<double> HazardDistance(const Parameters& parameters, const std::string& kind,
                                     std::optional<double> own_distance_m) {
    auto it = parameters.find("hazard_distance_m");
    std::optional<double> distance;
    if (it != parameters.end() && it->second.value.is_object()) {
        const Json& by_kind = it->second.value;
        if (by_kind.contains(kind) && by_kind[kind].is_number()) {
            distance = by_kind[kind].get<double>();
        } else if (by_kind.contains("other") && by_kind["other"].is_number()) {
            distance = by_kind["other"].get<double>();
        }
    }
    if (own_distance_m && (!distance || *own_distance_m > *distance)) {
        distance = own_distance_m;
    }
    return distance;
}

std::vector<Finding> CheckSiteHazards(const std::vector<SiteHazard>& hazards, const Parameters& parameters) {
    std::vector<Finding> findings;
    auto it = parameters.find("hazard_distance_m");
    if (it == parameters.end() || !it->second.value.is_object()) {
        findings.push_back({"S3", Severity::kInfo, "parameters.hazard_distance_m", "", "", "", "", "",
                            "参数 hazard_distance_m 在本区划没有生效值，未检查场地周边危险源",
                            "Parameter hazard_distance_m has no value in force at this region; the site's "
                            "surroundings were not checked"});
        return findings;
    }
    const Parameter& parameter = it->second;
    for (const SiteHazard& hazard : hazards) {
        const std::optional<double> limit = HazardDistance(parameters, hazard.kind, hazard.own_distance_m);
        if (!limit || hazard.distance_m >= *limit) {
            continue;
        }
        const bool inside = hazard.distance_m < 0.5;
        findings.push_back(
            {"S3", Severity::kFail, "location", Num(hazard.distance_m), "≥ " + Num(*limit), "m", parameter.source,
             parameter.clause,
             std::string(KindNameZh(hazard.kind)) + "“" + hazard.name + "”" +
                 (inside ? "穿越或覆盖场地" : "距场地 " + Num(hazard.distance_m) + " m") + "，应不小于 " + Num(*limit) +
                 " m",
             "The " + hazard.kind + " \"" + hazard.name + "\" " +
                 (inside ? std::string("crosses or covers the site") : "is " + Num(hazard.distance_m) + " m away") +
                 "; the distance in force is " + Num(*limit) + " m"});
    }
    return findings;
}

Json FindingJson(const Finding& finding) {
    return {{"rule", finding.rule},
            {"severity", SeverityCode(finding.severity)},
            {"field", finding.field},
            {"value", finding.value},
            {"limit", finding.limit},
            {"unit", finding.unit},
            {"source", finding.source},
            {"clause", finding.clause},
            {"message_zh", finding.message_zh},
            {"message_en", finding.message_en}};
}

}  // namespace tuoyu::standards
