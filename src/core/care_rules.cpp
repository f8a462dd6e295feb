#include "core/care_rules.hpp"

#include <algorithm>

namespace tuoyu::care_rules {

using standards::Json;
using standards::Parameter;
using standards::Severity;

namespace {

const Parameter* Find(const Parameters& parameters, const std::string& key) {
    auto it = parameters.find(key);
    return it != parameters.end() && !it->second.value.is_null() ? &it->second : nullptr;
}

bool Mixed(const std::string& class_type) {
    return class_type == "mixed_class";
}

std::string Int(std::int64_t value) {
    return std::to_string(value);
}

Finding Make(std::string rule, Severity severity, std::string field, std::string value, std::string limit,
             std::string unit, const Parameter* parameter, std::string zh, std::string en) {
    return {std::move(rule),
            severity,
            std::move(field),
            std::move(value),
            std::move(limit),
            std::move(unit),
            parameter != nullptr ? parameter->source : "",
            parameter != nullptr ? parameter->clause : "",
            std::move(zh),
            std::move(en)};
}

Finding Unset(const std::string& rule, const std::string& key) {
    return Make(rule, Severity::kInfo, "parameters." + key, "", "", "", nullptr,
                "参数 " + key + " 在本区划没有生效值，未检查此项",
                "Parameter " + key + " has no value in force at this region; the rule was not checked");
}

// The largest integer member `name` of a JSON object parameter, or nullopt.
std::optional<int> IntegerIn(const Parameter* parameter, const std::string& name) {
    if (parameter == nullptr || !parameter->value.is_object()) {
        return std::nullopt;
    }
    const Json& value = parameter->value.value(name, Json());
    return value.is_number_integer() ? std::optional<int>(value.get<int>()) : std::nullopt;
}

}  // namespace

int AgeInMonths(CivilDate birth, CivilDate day) {
    int months = (day.year() - birth.year()) * 12 + (day.month() - birth.month());
    // The month is complete on the same day of the month, or on the month's last day when it is shorter.
    const CivilDate next_month_start = day.month() == 12 ? *CivilDate::FromYmd(day.year() + 1, 1, 1)
                                                         : *CivilDate::FromYmd(day.year(), day.month() + 1, 1);
    const bool last_day = day.AddDays(1) == next_month_start;
    if (day.day() < birth.day() && !last_day) {
        --months;
    }
    return months;
}

std::optional<AgeBand> BandOf(const std::string& class_type, const Parameters& parameters) {
    if (Mixed(class_type)) {
        const Parameter* rules = Find(parameters, "mixed_class_rules");
        const std::optional<int> min = IntegerIn(rules, "min_months");
        if (!min) {
            return std::nullopt;
        }
        return AgeBand{*min, 36, "N4", rules};
    }
    const Parameter* bands = Find(parameters, "class_age_months");
    if (bands == nullptr || !bands->value.is_object()) {
        return std::nullopt;
    }
    const Json& band = bands->value.value(class_type, Json());
    if (!band.is_array() || band.size() != 2 || !band[0].is_number_integer() || !band[1].is_number_integer()) {
        return std::nullopt;
    }
    return AgeBand{band[0].get<int>(), band[1].get<int>(), "N1", bands};
}

std::optional<Finding> CheckClassAge(const std::string& class_type, CivilDate birth, CivilDate day,
                                     const Parameters& parameters) {
    const std::optional<AgeBand> band = BandOf(class_type, parameters);
    if (!band) {
        return Unset(Mixed(class_type) ? "N4" : "N1", Mixed(class_type) ? "mixed_class_rules" : "class_age_months");
    }
    const int age = AgeInMonths(birth, day);
    if (age >= band->min && age < band->max) {
        return std::nullopt;
    }
    const std::string limit = Int(band->min) + "–" + Int(band->max);
    return Make(band->rule, Severity::kFail, "child.birth_date", Int(age), limit, "月龄", band->parameter,
                "婴幼儿月龄 " + Int(age) + " 个月，不在该班型招收的 " + limit + " 个月之内",
                "The child is " + Int(age) + " months old, outside the " + limit + " months this class type takes");
}

std::optional<Finding> CheckClassSize(const std::string& class_type, int children, const Parameters& parameters) {
    const bool mixed = Mixed(class_type);
    const std::string key = mixed ? "mixed_class_rules" : "class_max_children";
    const Parameter* parameter = Find(parameters, key);
    const std::optional<int> limit = IntegerIn(parameter, mixed ? "max_children" : class_type);
    if (!limit) {
        return Unset(mixed ? "N4" : "N2", key);
    }
    if (children <= *limit) {
        return std::nullopt;
    }
    return Make(mixed ? "N4" : "N2", Severity::kFail, "class.children", Int(children), "≤ " + Int(*limit), "人",
                parameter, "班级人数将达 " + Int(children) + " 人，超过上限 " + Int(*limit) + " 人",
                "The class would hold " + Int(children) + " children, more than its limit of " + Int(*limit));
}

std::optional<int> CaregiversNeeded(const std::string& class_type, int children, const Parameters& parameters) {
    const bool mixed = Mixed(class_type);
    const Parameter* parameter = Find(parameters, mixed ? "mixed_class_caregiver_ratio" : "caregiver_ratio");
    if (parameter == nullptr) {
        return std::nullopt;
    }
    const std::optional<standards::Ratio> ratio =
        standards::AsRatio(mixed ? parameter->value : parameter->value.value(class_type, Json()));
    if (!ratio) {
        return std::nullopt;
    }
    return children <= 0 ? 0 : static_cast<int>(std::max<std::int64_t>(standards::CarersFor(children, *ratio), 1));
}

std::vector<Breach> RatioBreaches(const std::string& class_type, std::vector<Movement> movements,
                                  std::int64_t day_start, std::int64_t day_end, const Parameters& parameters) {
    std::vector<Breach> breaches;
    if (!CaregiversNeeded(class_type, 1, parameters) || day_end <= day_start) {
        return breaches;
    }
    std::stable_sort(movements.begin(), movements.end(),
                     [](const Movement& a, const Movement& b) { return a.at < b.at; });
    int children = 0;
    int caregivers = 0;
    std::optional<Breach> open;
    auto close = [&](std::int64_t at) {
        if (open) {
            open->to = at;
            breaches.push_back(*open);
            open.reset();
        }
    };
    std::size_t i = 0;
    // Movements before the day set who is present at its start.
    for (; i < movements.size() && movements[i].at <= day_start; ++i) {
        children = std::max(0, children + movements[i].children);
        caregivers = std::max(0, caregivers + movements[i].caregivers);
    }
    std::int64_t now = day_start;
    while (true) {
        const int needed = *CaregiversNeeded(class_type, children, parameters);
        if (caregivers < needed) {
            if (!open) {
                open = Breach{now, day_end, children, caregivers, needed};
            } else {
                open->children = std::max(open->children, children);
                open->caregivers = std::min(open->caregivers, caregivers);
                open->needed = std::max(open->needed, needed);
            }
        } else {
            close(now);
        }
        if (i >= movements.size() || movements[i].at >= day_end) {
            break;
        }
        now = movements[i].at;
        for (; i < movements.size() && movements[i].at == now; ++i) {
            children = std::max(0, children + movements[i].children);
            caregivers = std::max(0, caregivers + movements[i].caregivers);
        }
    }
    close(day_end);
    return breaches;
}

std::optional<bool> NeedsRecheck(CivilDate last_present, CivilDate day, const Parameters& parameters) {
    const Parameter* parameter = Find(parameters, "recheck_after_absence_months");
    if (parameter == nullptr || !parameter->value.is_number_integer()) {
        return std::nullopt;
    }
    return AgeInMonths(last_present, day) >= parameter->value.get<int>();
}

std::optional<Finding> CheckOutdoorTime(int outdoor_minutes, bool boarding, const Parameters& parameters) {
    const std::string key = boarding ? "outdoor_activity_hours_boarding" : "outdoor_activity_hours";
    const Parameter* parameter = Find(parameters, key);
    if (parameter == nullptr || !parameter->value.is_number()) {
        return std::nullopt;
    }
    const int minimum = static_cast<int>(parameter->value.get<double>() * 60);
    if (outdoor_minutes >= minimum) {
        return std::nullopt;
    }
    return Make("N28", Severity::kWarn, "day.outdoor_minutes", Int(outdoor_minutes), "≥ " + Int(minimum), "分钟",
                parameter,
                "当日户外活动 " + Int(outdoor_minutes) + " 分钟，少于 " + Int(minimum) + " 分钟（天气原因可调整）",
                "Outdoor activity was " + Int(outdoor_minutes) + " minutes, less than " + Int(minimum) +
                    " (to be adjusted for the weather)");
}

}  // namespace tuoyu::care_rules
