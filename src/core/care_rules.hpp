#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/standards_check.hpp"
#include "core/working_days.hpp"

// The rules of the daily care of children (issue 7), as pure functions over the parameters in force at an
// institution's region: a child's age fits the class (N1, N4), a class has room for one more (N2, N4), the
// caregivers present cover the children present at every moment of a day (N3, N4), a child away long
// enough is examined again before returning (N25), and outdoor time (N28). The children module reads the
// enrolments and the attendance; this file only compares.
namespace tuoyu::care_rules {

using standards::Finding;
using standards::Parameters;

// Completed months of age on `day`: a child born on 31 January is one month old on the last day of
// February. Negative before birth.
int AgeInMonths(CivilDate birth, CivilDate day);

// The ages a class type takes, in completed months, from `min` up to but not including `max`: a child of
// 12 months belongs in a 托小班, not a 乳儿班. A mixed class takes children from the mixed class's minimum
// (mixed_class_rules.min_months, 18) up to 36 months. nullopt when the parameters give no band.
struct AgeBand {
    int min = 0;
    int max = 0;
    std::string rule;  // N1, or N4 for a mixed class
    const standards::Parameter* parameter = nullptr;
};
std::optional<AgeBand> BandOf(const std::string& class_type, const Parameters& parameters);

// N1 / N4: a fail when the child's age on `day` is outside the class type's band, or an info when the
// band has no value in force; nullopt when the child fits.
std::optional<Finding> CheckClassAge(const std::string& class_type, CivilDate birth, CivilDate day,
                                     const Parameters& parameters);

// N2 / N4: a fail when a class of the type would hold `children` (after an enrolment), more than its limit.
std::optional<Finding> CheckClassSize(const std::string& class_type, int children, const Parameters& parameters);

// N3 / N4: the caregivers `children` need in a class of the type (at least one for any child), or nullopt
// when the ratio has no value in force.
std::optional<int> CaregiversNeeded(const std::string& class_type, int children, const Parameters& parameters);

// A change of who is present in a class: a child or a caregiver arriving (+1) or leaving (-1), at a time
// (milliseconds; any clock, as long as one is used throughout).
struct Movement {
    std::int64_t at = 0;
    int children = 0;
    int caregivers = 0;
};

// A stretch of time during which the caregivers present did not cover the children present.
struct Breach {
    std::int64_t from = 0;
    std::int64_t to = 0;  // the moment it ended; the end of the day when it lasted to the end
    int children = 0;     // the most children present during the stretch
    int caregivers = 0;   // the fewest caregivers present during it
    int needed = 0;       // the caregivers the most children needed
};

// N3 / N4 over a day: the breaches of the ratio, in time order, from the movements of one class between
// `day_start` and `day_end`. Movements at one moment count together (a caregiver handing over to another
// at 12:00 leaves no gap). Nothing when the ratio has no value in force.
std::vector<Breach> RatioBreaches(const std::string& class_type, std::vector<Movement> movements,
                                  std::int64_t day_start, std::int64_t day_end, const Parameters& parameters);

// N25: whether a child last present on `last_present` needs a new health examination to come back on
// `day` (away for recheck_after_absence_months or more). nullopt when the parameter has no value.
std::optional<bool> NeedsRecheck(CivilDate last_present, CivilDate day, const Parameters& parameters);

// N28: a fail when the outdoor minutes of a day fall short of the hours in force (the boarding value for a
// boarding child); nullopt when they do not, or when the parameter has no value.
std::optional<Finding> CheckOutdoorTime(int outdoor_minutes, bool boarding, const Parameters& parameters);

}  // namespace tuoyu::care_rules
