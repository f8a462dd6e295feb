#pragma once

#include <compare>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace tuoyu {

// ISO numbering: Monday is 1, Sunday is 7.
enum class Weekday { kMonday = 1, kTuesday, kWednesday, kThursday, kFriday, kSaturday, kSunday };

// A day as a Chinese office counts it: no time of day and no time zone. A deadline "within 5 working
// days" is a count of such days, whatever the hour the filing arrived.
class CivilDate {
  public:
    CivilDate() = default;  // 1970-01-01

    // Years 1..9999; nullopt for a day that does not exist (2025-02-29).
    static std::optional<CivilDate> FromYmd(int year, int month, int day);
    // Exactly "YYYY-MM-DD"; nullopt on anything else.
    static std::optional<CivilDate> Parse(std::string_view text);
    // Days since 1970-01-01 (negative before).
    static CivilDate FromDayNumber(std::int64_t day_number) { return CivilDate(day_number); }

    int year() const;
    int month() const;
    int day() const;
    std::int64_t day_number() const { return day_number_; }

    Weekday DayOfWeek() const;
    bool IsWeekend() const;
    CivilDate AddDays(std::int64_t days) const { return CivilDate(day_number_ + days); }
    std::string ToString() const;  // "YYYY-MM-DD"

    auto operator<=>(const CivilDate&) const = default;

  private:
    explicit CivilDate(std::int64_t day_number) : day_number_(day_number) {}

    std::int64_t day_number_ = 0;
};

enum class CalendarDayKind {
    kHoliday,        // 放假: a day off, even if it is a weekday
    kMakeUpWorkday,  // 调休上班: a Saturday or Sunday on which offices work
};

// One dated line of a State Council holiday notice, or an administrator's correction of one.
struct CalendarEntry {
    CivilDate date;
    CalendarDayKind kind = CalendarDayKind::kHoliday;
    std::string name;    // the holiday it belongs to: 春节, 国庆节、中秋节 …
    std::string source;  // the notice's title and document number
};

// Offices work Monday to Friday, except on the listed holidays, and on the listed make-up Saturdays and
// Sundays. Built from entries so that the same rules serve the bundled CSV and the administrators'
// edited copy in the database.
class WorkingDayCalendar {
  public:
    // No data at all: every answer is the Monday-to-Friday fallback.
    WorkingDayCalendar() = default;
    // The covered years are those that have at least one entry.
    explicit WorkingDayCalendar(std::vector<CalendarEntry> entries);
    // Explicit covered years, for when a notice spills into a neighbouring year (the 2023 notice gave
    // 2022-12-31 off) without that year's own arrangement being known. Throws std::invalid_argument when
    // two entries share a date: callers validate first (ParseCalendarCsv, the database's unique key).
    WorkingDayCalendar(std::vector<CalendarEntry> entries, std::set<int> covered_years);

    bool IsWorkingDay(CivilDate date) const;

    // The date n working days after start, start itself not counted: received on Tuesday 2025-09-30,
    // 5 working days later is 2025-10-14. n == 0 gives start. Throws std::invalid_argument if n < 0.
    CivilDate AddWorkingDays(CivilDate start, int n) const;

    // The number of working days d with from < d <= to: the days after `from`, up to and including `to`.
    // So CountWorkingDays(d, AddWorkingDays(d, n)) == n, and CountWorkingDays(d, d) == 0. When to < from
    // the answer is -CountWorkingDays(to, from).
    std::int64_t CountWorkingDays(CivilDate from, CivilDate to) const;

    // Whether the State Council's arrangement for the date's year is in the calendar. When it is not,
    // IsWorkingDay and the arithmetic fall back to Monday-to-Friday, and the answer is an estimate that
    // the caller must show as such.
    bool Covers(CivilDate date) const;
    // Whether every day from `from` to `to` (both included, either order) is covered: the answer of
    // AddWorkingDays(start, n) is authoritative when CoversRange(start, result).
    bool CoversRange(CivilDate from, CivilDate to) const;
    const std::set<int>& covered_years() const { return covered_years_; }

    // The entry for the date, or nullptr on an ordinary day.
    const CalendarEntry* Find(CivilDate date) const;
    std::vector<CalendarEntry> Entries() const;  // in date order

  private:
    std::map<std::int64_t, CalendarEntry> entries_;  // by day number
    std::set<int> covered_years_;
};

struct CalendarCsvError {
    int line = 0;  // 1-based line in the file; the header is line 1
    std::string field;
    std::string message_zh;
    std::string message_en;
};

struct CalendarCsvResult {
    std::vector<CalendarEntry> entries;    // empty whenever errors is not
    std::vector<CalendarCsvError> errors;  // every bad line, not just the first
};

// Reads "date,kind,name,source" text (UTF-8, optional BOM, LF or CRLF, RFC 4180 quotes within a line;
// blank lines are skipped). kind is "holiday" or "makeup_workday". All or nothing: any bad line (a bad
// date, an unknown kind, an empty name or source, a date listed twice, a make-up working day on a weekday)
// makes the result carry errors and no entries.
CalendarCsvResult ParseCalendarCsv(std::string_view text);

// The arrangements shipped with this release (data/calendar/holidays-cn.csv, compiled in); the copy that
// administrators maintain in the database is seeded from it.
std::string_view BundledHolidayCsv();

// The civil day in Asia/Shanghai (UTC+8, no daylight saving) of an epoch-millisecond time: the day an
// office in China dates its acts by.
CivilDate ShanghaiDate(std::int64_t millis);

}  // namespace tuoyu
