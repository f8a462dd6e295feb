#include "features/filing/deadlines.hpp"

namespace tuoyu::filing {

Deadlines ComputeDeadlines(const WorkingDayCalendar& calendar, CivilDate received, int receipt_working_days,
                           int rejection_working_days) {
    Deadlines deadlines;
    const CivilDate receipt = calendar.AddWorkingDays(received, receipt_working_days);
    const CivilDate rejection = calendar.AddWorkingDays(received, rejection_working_days);
    deadlines.received_on = received.ToString();
    deadlines.receipt_due = receipt.ToString();
    deadlines.rejection_due = rejection.ToString();
    deadlines.receipt_working_days = receipt_working_days;
    deadlines.rejection_working_days = rejection_working_days;
    deadlines.estimated = !calendar.CoversRange(received, std::max(receipt, rejection));
    return deadlines;
}

DeadlineStatus StatusOn(const WorkingDayCalendar& calendar, CivilDate today, CivilDate receipt_due,
                        CivilDate rejection_due) {
    DeadlineStatus status;
    status.receipt_working_days_left = calendar.CountWorkingDays(today, receipt_due);
    status.rejection_working_days_left = calendar.CountWorkingDays(today, rejection_due);
    // Past the day means overdue even when no working day lies between (due on a Friday, looked at
    // on the Saturday): the count alone would say 0 left.
    if (today > rejection_due) {
        status.warning = Warning::kOverdue;
        status.deadline = "rejection";
    } else if (today > receipt_due) {
        status.warning = Warning::kOverdue;
        status.deadline = "receipt";
    } else {
        status.warning = status.receipt_working_days_left <= kDueSoonWorkingDays ? Warning::kDueSoon : Warning::kOk;
        status.deadline = "receipt";
    }
    return status;
}

std::optional<std::int64_t> DaysLate(CivilDate change_date, CivilDate filed_on, int period_days) {
    const CivilDate last_day = change_date.AddDays(period_days);
    if (filed_on <= last_day) {
        return std::nullopt;
    }
    return filed_on.day_number() - last_day.day_number();
}

}  // namespace tuoyu::filing
