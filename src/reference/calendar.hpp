#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "core/clock.hpp"
#include "core/working_days.hpp"
#include "storage/database.hpp"

namespace tuoyu::reference::calendar {

// The calendar as the database holds it now: every special day, covered years = years with a day.
WorkingDayCalendar LoadCalendar(storage::Transaction& tx);

// Incremented in the transaction of every change to calendar_days.
void BumpVersion(storage::Transaction& tx);

// English names of the holidays the State Council's notices name (the bundled file has Chinese only).
std::string EnglishHolidayName(const std::string& name_zh);

// One process's copy of the calendar. A request asks for it inside its transaction; the copy is
// rebuilt when the version in `settings` differs from the one it was built from, and the version is
// read at most once per `recheck` (another server process's edit shows within that time; this
// process's own edits call Invalidate and show at once).
class CalendarCache {
  public:
    explicit CalendarCache(std::chrono::milliseconds recheck = std::chrono::seconds(2)) : recheck_(recheck) {}

    std::shared_ptr<const WorkingDayCalendar> Get(storage::Transaction& tx);
    void Invalidate();

  private:
    std::chrono::milliseconds recheck_;
    std::mutex mutex_;
    std::shared_ptr<const WorkingDayCalendar> calendar_;
    std::string version_;
    std::chrono::steady_clock::time_point checked_{};
};

// Loads data/calendar/holidays-cn.csv (compiled in) into calendar_days: each day once; a day an
// administrator edited or deleted stays as the administrator left it. Returns the rows written.
int SeedCalendar(storage::Database& database, const Clock& clock);

}  // namespace tuoyu::reference::calendar
