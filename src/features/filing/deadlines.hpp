#pragma once

#include <cstdint>
#include <optional>

#include "core/working_days.hpp"
#include "features/filing/filing.hpp"

// The day arithmetic of filings: the review deadlines in working days (N44), the warning state of
// the review queue, and the calendar-day period of a change filing (N45). Pure: the calendar and the
// parameter values are given.
namespace tuoyu::filing {

// A reviewer is warned when at most this many working days are left before the receipt is due:
// on the day before it and on the day itself (the day is still in time).
inline constexpr std::int64_t kDueSoonWorkingDays = 1;

Deadlines ComputeDeadlines(const WorkingDayCalendar& calendar, CivilDate received, int receipt_working_days,
                           int rejection_working_days);

DeadlineStatus StatusOn(const WorkingDayCalendar& calendar, CivilDate today, CivilDate receipt_due,
                        CivilDate rejection_due);

// A change must be filed within `period_days` calendar days of the change (N45). Returns the days by
// which `filed_on` is late, or nullopt when it is in time.
std::optional<std::int64_t> DaysLate(CivilDate change_date, CivilDate filed_on, int period_days);

}  // namespace tuoyu::filing
