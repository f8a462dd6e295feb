#include "core/working_days.hpp"

#include <algorithm>
#include <cstdio>
#include <stdexcept>
#include <utility>

#include "core/embedded_file.hpp"

namespace tuoyu {

// Generated from data/calendar/holidays-cn.csv by tuoyu_embed (src/core/CMakeLists.txt).
const std::vector<EmbeddedFile>& EmbeddedCalendarData();

namespace {

constexpr int kMinYear = 1;
constexpr int kMaxYear = 9999;

std::int64_t FloorDiv(std::int64_t a, std::int64_t b) {
    return a / b - ((a % b != 0 && (a < 0) != (b < 0)) ? 1 : 0);
}

std::int64_t FloorMod(std::int64_t a, std::int64_t b) {
    return a - FloorDiv(a, b) * b;
}

bool IsLeap(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int DaysInMonth(int year, int month) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && IsLeap(year) ? 29 : kDays[month - 1];
}

// Howard Hinnant's days_from_civil and civil_from_days (proleptic Gregorian calendar).
std::int64_t DaysFromCivil(int year, int month, int day) {
    const std::int64_t y = year - (month <= 2 ? 1 : 0);
    const std::int64_t era = FloorDiv(y, 400);
    const std::int64_t year_of_era = y - era * 400;
    const std::int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const std::int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468;
}

struct Ymd {
    int year;
    int month;
    int day;
};

Ymd CivilFromDays(std::int64_t day_number) {
    const std::int64_t z = day_number + 719468;
    const std::int64_t era = FloorDiv(z, 146097);
    const std::int64_t day_of_era = z - era * 146097;
    const std::int64_t year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    const std::int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    const std::int64_t mp = (5 * day_of_year + 2) / 153;
    const std::int64_t day = day_of_year - (153 * mp + 2) / 5 + 1;
    const std::int64_t month = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
    return {static_cast<int>(year), static_cast<int>(month), static_cast<int>(day)};
}

// Monday to Friday among the days [origin, origin + x), the origin being Monday 1969-12-29 (day -3).
std::int64_t WeekdaysBefore(std::int64_t x) {
    return 5 * FloorDiv(x, 7) + std::min<std::int64_t>(FloorMod(x, 7), 5);
}

// Monday to Friday among the day numbers up to and including `day_number`, counted from that origin.
std::int64_t WeekdaysThrough(std::int64_t day_number) {
    return WeekdaysBefore(day_number + 3 + 1);
}

bool Digits(std::string_view text, std::size_t at, std::size_t count, int& value) {
    value = 0;
    for (std::size_t i = at; i < at + count; ++i) {
        if (text[i] < '0' || text[i] > '9') {
            return false;
        }
        value = value * 10 + (text[i] - '0');
    }
    return true;
}

}  // namespace

std::optional<CivilDate> CivilDate::FromYmd(int year, int month, int day) {
    if (year < kMinYear || year > kMaxYear || month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month)) {
        return std::nullopt;
    }
    return CivilDate(DaysFromCivil(year, month, day));
}

std::optional<CivilDate> CivilDate::Parse(std::string_view text) {
    int year = 0, month = 0, day = 0;
    if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !Digits(text, 0, 4, year) ||
        !Digits(text, 5, 2, month) || !Digits(text, 8, 2, day)) {
        return std::nullopt;
    }
    return FromYmd(year, month, day);
}

int CivilDate::year() const {
    return CivilFromDays(day_number_).year;
}

int CivilDate::month() const {
    return CivilFromDays(day_number_).month;
}

int CivilDate::day() const {
    return CivilFromDays(day_number_).day;
}

Weekday CivilDate::DayOfWeek() const {
    // 1970-01-01 was a Thursday.
    return static_cast<Weekday>(FloorMod(day_number_ + 3, 7) + 1);
}

bool CivilDate::IsWeekend() const {
    return DayOfWeek() >= Weekday::kSaturday;
}

std::string CivilDate::ToString() const {
    // By hand rather than snprintf: every dated request formats today's date.
    const Ymd ymd = CivilFromDays(day_number_);
    if (ymd.year < 0 || ymd.year > 9999) {
        char text[24];
        std::snprintf(text, sizeof text, "%04d-%02d-%02d", ymd.year, ymd.month, ymd.day);
        return text;
    }
    std::string text = "0000-00-00";
    auto digits = [&text](std::size_t end, int value) {
        for (std::size_t at = end; value > 0; value /= 10) {
            text[--at] = static_cast<char>('0' + value % 10);
        }
    };
    digits(4, ymd.year);
    digits(7, ymd.month);
    digits(10, ymd.day);
    return text;
}

WorkingDayCalendar::WorkingDayCalendar(std::vector<CalendarEntry> entries) {
    for (const CalendarEntry& entry : entries) {
        covered_years_.insert(entry.date.year());
    }
    for (CalendarEntry& entry : entries) {
        const CivilDate date = entry.date;
        if (!entries_.emplace(date.day_number(), std::move(entry)).second) {
            throw std::invalid_argument("working-day calendar: " + date.ToString() + " is listed twice");
        }
    }
}

WorkingDayCalendar::WorkingDayCalendar(std::vector<CalendarEntry> entries, std::set<int> covered_years)
    : WorkingDayCalendar(std::move(entries)) {
    covered_years_ = std::move(covered_years);
}

bool WorkingDayCalendar::IsWorkingDay(CivilDate date) const {
    const CalendarEntry* entry = Find(date);
    if (entry == nullptr) {
        return !date.IsWeekend();
    }
    return entry->kind == CalendarDayKind::kMakeUpWorkday;
}

CivilDate WorkingDayCalendar::AddWorkingDays(CivilDate start, int n) const {
    if (n < 0) {
        throw std::invalid_argument("AddWorkingDays: n must not be negative");
    }
    CivilDate date = start;
    for (int counted = 0; counted < n;) {
        date = date.AddDays(1);
        if (IsWorkingDay(date)) {
            ++counted;
        }
    }
    return date;
}

std::int64_t WorkingDayCalendar::CountWorkingDays(CivilDate from, CivilDate to) const {
    if (to < from) {
        return -CountWorkingDays(to, from);
    }
    // Weekdays by arithmetic, then each listed day in (from, to] that turns the weekday rule around: a
    // different path from AddWorkingDays's day-by-day walk, which is what the consistency test checks.
    std::int64_t count = WeekdaysThrough(to.day_number()) - WeekdaysThrough(from.day_number());
    const auto end = entries_.upper_bound(to.day_number());
    for (auto it = entries_.upper_bound(from.day_number()); it != end; ++it) {
        const CalendarEntry& entry = it->second;
        const bool weekend = entry.date.IsWeekend();
        if (entry.kind == CalendarDayKind::kHoliday && !weekend) {
            --count;
        } else if (entry.kind == CalendarDayKind::kMakeUpWorkday && weekend) {
            ++count;
        }
    }
    return count;
}

bool WorkingDayCalendar::Covers(CivilDate date) const {
    return covered_years_.contains(date.year());
}

bool WorkingDayCalendar::CoversRange(CivilDate from, CivilDate to) const {
    if (to < from) {
        return CoversRange(to, from);
    }
    for (int year = from.year(); year <= to.year(); ++year) {
        if (!covered_years_.contains(year)) {
            return false;
        }
    }
    return true;
}

const CalendarEntry* WorkingDayCalendar::Find(CivilDate date) const {
    const auto it = entries_.find(date.day_number());
    return it == entries_.end() ? nullptr : &it->second;
}

std::vector<CalendarEntry> WorkingDayCalendar::Entries() const {
    std::vector<CalendarEntry> entries;
    entries.reserve(entries_.size());
    for (const auto& [day_number, entry] : entries_) {
        entries.push_back(entry);
    }
    return entries;
}

namespace {

constexpr std::string_view kHeader = "date,kind,name,source";

// Splits one line on commas; a field may be quoted, with "" for a quote inside. False on a stray quote.
bool SplitCsvLine(std::string_view line, std::vector<std::string>& fields) {
    fields.assign(1, "");
    bool quoted = false;
    bool field_was_quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c != '"') {
                fields.back() += c;
            } else if (i + 1 < line.size() && line[i + 1] == '"') {
                fields.back() += '"';
                ++i;
            } else {
                quoted = false;
            }
        } else if (c == ',') {
            fields.emplace_back();
            field_was_quoted = false;
        } else if (c == '"') {
            if (!fields.back().empty() || field_was_quoted) {
                return false;
            }
            quoted = true;
            field_was_quoted = true;
        } else if (field_was_quoted) {
            return false;  // text after a closing quote
        } else {
            fields.back() += c;
        }
    }
    return !quoted;
}

std::string Trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) {
        return "";
    }
    const auto last = text.find_last_not_of(" \t");
    return std::string(text.substr(first, last - first + 1));
}

}  // namespace

CalendarCsvResult ParseCalendarCsv(std::string_view text) {
    CalendarCsvResult result;
    auto fail = [&result](int line, std::string field, std::string zh, std::string en) {
        result.errors.push_back({line, std::move(field), std::move(zh), std::move(en)});
    };
    if (text.starts_with("\xEF\xBB\xBF")) {
        text.remove_prefix(3);
    }
    std::map<std::int64_t, int> line_of_date;
    std::vector<std::string> fields;
    bool header_seen = false;
    int line_number = 0;
    while (!text.empty()) {
        ++line_number;
        const auto newline = text.find('\n');
        std::string_view line = text.substr(0, newline);
        text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
        if (line.ends_with('\r')) {
            line.remove_suffix(1);
        }
        if (Trim(line).empty()) {
            continue;
        }
        if (!header_seen) {
            header_seen = true;
            if (Trim(line) != kHeader) {
                fail(line_number, "", "表头应为 date,kind,name,source", "The header must be date,kind,name,source");
                return result;
            }
            continue;
        }
        if (!SplitCsvLine(line, fields)) {
            fail(line_number, "", "引号不配对", "Unbalanced quotes");
            continue;
        }
        if (fields.size() != 4) {
            fail(line_number, "", "应有 4 列，实有 " + std::to_string(fields.size()) + " 列",
                 "Expected 4 columns, found " + std::to_string(fields.size()));
            continue;
        }
        CalendarEntry entry;
        bool ok = true;
        const std::string date_text = Trim(fields[0]);
        const std::optional<CivilDate> date = CivilDate::Parse(date_text);
        if (!date) {
            fail(line_number, "date", "日期无效：" + date_text + "（应为 YYYY-MM-DD）",
                 "Invalid date: " + date_text + " (expected YYYY-MM-DD)");
            ok = false;
        }
        const std::string kind = Trim(fields[1]);
        if (kind == "holiday") {
            entry.kind = CalendarDayKind::kHoliday;
        } else if (kind == "makeup_workday") {
            entry.kind = CalendarDayKind::kMakeUpWorkday;
        } else {
            fail(line_number, "kind", "类型无效：" + kind + "（应为 holiday 或 makeup_workday）",
                 "Unknown kind: " + kind + " (expected holiday or makeup_workday)");
            ok = false;
        }
        entry.name = Trim(fields[2]);
        if (entry.name.empty()) {
            fail(line_number, "name", "节日名称不能为空", "The holiday name is empty");
            ok = false;
        }
        entry.source = Trim(fields[3]);
        if (entry.source.empty()) {
            fail(line_number, "source", "来源（通知标题和文号）不能为空",
                 "The source (the notice's title and number) is empty");
            ok = false;
        }
        if (date) {
            entry.date = *date;
            const auto [earlier, inserted] = line_of_date.emplace(date->day_number(), line_number);
            if (!inserted) {
                fail(line_number, "date",
                     "日期重复：" + date_text + " 已在第 " + std::to_string(earlier->second) + " 行列出",
                     "Duplicate date: " + date_text + " is already listed on line " + std::to_string(earlier->second));
                ok = false;
            }
            // Make-up working days exist to give back a weekend; one on a weekday is a typing error.
            if (entry.kind == CalendarDayKind::kMakeUpWorkday && ok && !date->IsWeekend()) {
                fail(line_number, "date", "调休上班日 " + date_text + " 不是周六或周日",
                     "Make-up working day " + date_text + " is not a Saturday or Sunday");
                ok = false;
            }
        }
        if (ok) {
            result.entries.push_back(std::move(entry));
        }
    }
    if (!header_seen) {
        fail(1, "", "文件为空", "The file is empty");
    }
    if (!result.errors.empty()) {
        result.entries.clear();
    }
    return result;
}

std::string_view BundledHolidayCsv() {
    return EmbeddedCalendarData().front().text;
}

CivilDate ShanghaiDate(std::int64_t millis) {
    constexpr std::int64_t kDayMillis = 86'400'000;
    const std::int64_t local = millis + 8 * 3'600'000;
    // Floor division: days before 1970 have negative numbers.
    return CivilDate::FromDayNumber(local >= 0 ? local / kDayMillis : -((-local + kDayMillis - 1) / kDayMillis));
}

}  // namespace tuoyu
