#include <gtest/gtest.h>

#include <stdexcept>

#include "core/working_days.hpp"

namespace tuoyu {
namespace {

CivilDate D(const char* text) {
    const std::optional<CivilDate> date = CivilDate::Parse(text);
    if (!date) {
        throw std::invalid_argument(std::string("bad test date ") + text);
    }
    return *date;
}

// The calendar as shipped: the State Council notices for 2024, 2025 and 2026.
const WorkingDayCalendar& Bundled() {
    static const WorkingDayCalendar calendar = [] {
        CalendarCsvResult parsed = ParseCalendarCsv(BundledHolidayCsv());
        if (!parsed.errors.empty()) {
            throw std::runtime_error("bundled calendar: line " + std::to_string(parsed.errors.front().line) + ": " +
                                     parsed.errors.front().message_en);
        }
        return WorkingDayCalendar(std::move(parsed.entries));
    }();
    return calendar;
}

TEST(WorkingDaysTest, CivilDateParsesFormatsAndKnowsTheWeekday) {
    const CivilDate date = D("2025-09-30");
    EXPECT_EQ(date.year(), 2025);
    EXPECT_EQ(date.month(), 9);
    EXPECT_EQ(date.day(), 30);
    EXPECT_EQ(date.ToString(), "2025-09-30");
    EXPECT_EQ(date.DayOfWeek(), Weekday::kTuesday);
    EXPECT_EQ(D("2025-10-11").DayOfWeek(), Weekday::kSaturday);
    EXPECT_EQ(D("1970-01-01").DayOfWeek(), Weekday::kThursday);
    EXPECT_EQ(D("1969-12-28").DayOfWeek(), Weekday::kSunday);
    EXPECT_EQ(D("2024-02-28").AddDays(1), D("2024-02-29"));
    EXPECT_EQ(D("2024-12-31").AddDays(1), D("2025-01-01"));
    EXPECT_EQ(D("2025-03-01").AddDays(-1), D("2025-02-28"));
    EXPECT_EQ(D("2000-02-29").AddDays(366).ToString(), "2001-03-01");
    EXPECT_EQ(CivilDate::FromYmd(1, 1, 1)->ToString(), "0001-01-01");
    EXPECT_LT(D("2025-09-30"), D("2025-10-01"));
}

TEST(WorkingDaysTest, CivilDateRejectsWhatIsNotADay) {
    EXPECT_FALSE(CivilDate::Parse("2025-02-29"));
    EXPECT_FALSE(CivilDate::Parse("1900-02-29"));
    EXPECT_FALSE(CivilDate::Parse("2025-13-01"));
    EXPECT_FALSE(CivilDate::Parse("2025-00-10"));
    EXPECT_FALSE(CivilDate::Parse("2025-9-30"));
    EXPECT_FALSE(CivilDate::Parse("2025/09/30"));
    EXPECT_FALSE(CivilDate::Parse("2025-09-30T00:00:00Z"));
    EXPECT_FALSE(CivilDate::Parse("0000-01-01"));
    EXPECT_FALSE(CivilDate::Parse(""));
    EXPECT_TRUE(CivilDate::Parse("2024-02-29"));
}

// Issue 4: a filing received on 2025-09-30 has its 5-working-day deadline on 2025-10-14. 10-01..08 are
// the National Day and Mid-Autumn holiday and Saturday 10-11 is a make-up working day.
TEST(WorkingDaysTest, FilingOnTheEveOfNationalDay2025IsDueOnOctober14) {
    const WorkingDayCalendar& calendar = Bundled();
    const CivilDate received = D("2025-09-30");
    EXPECT_EQ(calendar.AddWorkingDays(received, 1), D("2025-10-09"));
    EXPECT_EQ(calendar.AddWorkingDays(received, 2), D("2025-10-10"));
    EXPECT_EQ(calendar.AddWorkingDays(received, 3), D("2025-10-11"));
    EXPECT_EQ(calendar.AddWorkingDays(received, 4), D("2025-10-13"));
    EXPECT_EQ(calendar.AddWorkingDays(received, 5), D("2025-10-14"));
    EXPECT_EQ(calendar.CountWorkingDays(received, D("2025-10-14")), 5);
    EXPECT_TRUE(calendar.CoversRange(received, D("2025-10-14")));
    for (const char* day : {"2025-10-01", "2025-10-06", "2025-10-08"}) {
        EXPECT_FALSE(calendar.IsWorkingDay(D(day))) << day;
        ASSERT_NE(calendar.Find(D(day)), nullptr);
        EXPECT_EQ(calendar.Find(D(day))->name, "国庆节、中秋节");
    }
}

// 2025 (国办发明电〔2024〕12号, the first year of 国务院令第797号: New Year's Eve became a holiday):
// 01-28 (除夕) to 02-04 off; Sunday 01-26 and Saturday 02-08 worked.
TEST(WorkingDaysTest, SpringFestival2025StartsOnNewYearsEve) {
    const WorkingDayCalendar& calendar = Bundled();
    EXPECT_TRUE(calendar.IsWorkingDay(D("2025-01-26")));
    EXPECT_TRUE(calendar.IsWorkingDay(D("2025-01-27")));
    EXPECT_FALSE(calendar.IsWorkingDay(D("2025-01-28")));
    EXPECT_FALSE(calendar.IsWorkingDay(D("2025-02-04")));
    EXPECT_TRUE(calendar.IsWorkingDay(D("2025-02-05")));
    EXPECT_TRUE(calendar.IsWorkingDay(D("2025-02-08")));
    EXPECT_EQ(calendar.AddWorkingDays(D("2025-01-24"), 1), D("2025-01-26"));
    EXPECT_EQ(calendar.AddWorkingDays(D("2025-01-27"), 1), D("2025-02-05"));
    EXPECT_EQ(calendar.AddWorkingDays(D("2025-01-27"), 4), D("2025-02-08"));
    EXPECT_EQ(calendar.AddWorkingDays(D("2025-01-27"), 5), D("2025-02-10"));
    EXPECT_EQ(calendar.CountWorkingDays(D("2025-01-24"), D("2025-02-10")), 7);
}

// 2024 (国办发明电〔2023〕7号, the old rules): 02-10 to 02-17 off; Sundays 02-04 and 02-18 worked;
// New Year's Eve 02-09 was a working day (the notice only encouraged leave).
TEST(WorkingDaysTest, SpringFestival2024KeptNewYearsEveAsAWorkingDay) {
    const WorkingDayCalendar& calendar = Bundled();
    EXPECT_TRUE(calendar.IsWorkingDay(D("2024-02-04")));
    EXPECT_TRUE(calendar.IsWorkingDay(D("2024-02-09")));
    EXPECT_FALSE(calendar.IsWorkingDay(D("2024-02-10")));
    EXPECT_FALSE(calendar.IsWorkingDay(D("2024-02-16")));
    EXPECT_TRUE(calendar.IsWorkingDay(D("2024-02-18")));
    EXPECT_EQ(calendar.AddWorkingDays(D("2024-02-08"), 1), D("2024-02-09"));
    EXPECT_EQ(calendar.AddWorkingDays(D("2024-02-08"), 2), D("2024-02-18"));
    EXPECT_EQ(calendar.AddWorkingDays(D("2024-02-08"), 3), D("2024-02-19"));
    EXPECT_EQ(calendar.CountWorkingDays(D("2024-02-02"), D("2024-02-19")), 8);
}

TEST(WorkingDaysTest, MakeUpSaturdaysCountAndOtherWeekendsDoNot) {
    const WorkingDayCalendar& calendar = Bundled();
    EXPECT_TRUE(calendar.IsWorkingDay(D("2025-10-11")));   // Saturday, 调休上班
    EXPECT_TRUE(calendar.IsWorkingDay(D("2024-05-11")));   // Saturday, 调休上班
    EXPECT_TRUE(calendar.IsWorkingDay(D("2026-02-28")));   // Saturday, 调休上班
    EXPECT_FALSE(calendar.IsWorkingDay(D("2025-10-12")));  // Sunday
    EXPECT_FALSE(calendar.IsWorkingDay(D("2025-10-18")));  // Saturday
    EXPECT_FALSE(calendar.IsWorkingDay(D("2024-05-12")));  // Sunday
    EXPECT_EQ(calendar.AddWorkingDays(D("2025-10-17"), 1), D("2025-10-20"));
    EXPECT_EQ(calendar.CountWorkingDays(D("2025-10-17"), D("2025-10-19")), 0);
    EXPECT_EQ(calendar.CountWorkingDays(D("2025-10-10"), D("2025-10-12")), 1);
}

TEST(WorkingDaysTest, BundledDataMatchesTheNotices) {
    const WorkingDayCalendar& calendar = Bundled();
    EXPECT_EQ(calendar.covered_years(), (std::set<int>{2024, 2025, 2026}));
    // Every make-up working day of the three notices, and nothing else.
    std::vector<std::string> make_up;
    for (const CalendarEntry& entry : calendar.Entries()) {
        EXPECT_FALSE(entry.source.empty()) << entry.date.ToString();
        if (entry.kind == CalendarDayKind::kMakeUpWorkday) {
            make_up.push_back(entry.date.ToString());
        }
    }
    EXPECT_EQ(make_up, (std::vector<std::string>{"2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11",
                                                 "2024-09-14", "2024-09-29", "2024-10-12", "2025-01-26", "2025-02-08",
                                                 "2025-04-27", "2025-09-28", "2025-10-11", "2026-01-04", "2026-02-14",
                                                 "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"}));
    // Weekday holidays = statutory holidays + make-up days: 11 + 8 in 2024; 13 + 5 in 2025 and 13 + 6 in
    // 2026 after 国务院令第797号 added New Year's Eve and 2 May.
    EXPECT_EQ(calendar.CountWorkingDays(D("2023-12-31"), D("2024-12-31")), 366 - 104 - 19 + 8);
    EXPECT_EQ(calendar.CountWorkingDays(D("2024-12-31"), D("2025-12-31")), 365 - 104 - 18 + 5);
    EXPECT_EQ(calendar.CountWorkingDays(D("2025-12-31"), D("2026-12-31")), 365 - 104 - 19 + 6);
}

// Count and add agree for every start date in the covered years: CountWorkingDays walks the weekday
// arithmetic and the entries, AddWorkingDays walks day by day.
TEST(WorkingDaysTest, CountUndoesAddForEveryStartDate) {
    const WorkingDayCalendar& calendar = Bundled();
    for (CivilDate start = D("2024-01-01"); start <= D("2026-12-31"); start = start.AddDays(1)) {
        for (int n = 0; n <= 30; ++n) {
            const CivilDate due = calendar.AddWorkingDays(start, n);
            ASSERT_EQ(calendar.CountWorkingDays(start, due), n) << start.ToString() << " + " << n;
            ASSERT_EQ(calendar.CountWorkingDays(due, start), -n) << start.ToString() << " + " << n;
            if (n > 0) {
                ASSERT_TRUE(calendar.IsWorkingDay(due)) << start.ToString() << " + " << n;
                ASSERT_EQ(calendar.CountWorkingDays(start, due.AddDays(-1)), n - 1) << start.ToString() << " + " << n;
            }
        }
    }
}

TEST(WorkingDaysTest, OutsideTheCoveredYearsFallsBackToMondayToFridayAndSaysSo) {
    const WorkingDayCalendar& calendar = Bundled();
    EXPECT_TRUE(calendar.Covers(D("2026-12-31")));
    EXPECT_FALSE(calendar.Covers(D("2027-01-01")));
    EXPECT_FALSE(calendar.Covers(D("2023-10-02")));
    EXPECT_TRUE(calendar.IsWorkingDay(D("2027-01-01")));   // a Friday; no notice loaded for 2027
    EXPECT_TRUE(calendar.IsWorkingDay(D("2023-10-02")));   // was a holiday, but 2023 is not loaded
    EXPECT_FALSE(calendar.IsWorkingDay(D("2027-01-02")));  // Saturday
    const CivilDate due = calendar.AddWorkingDays(D("2026-12-30"), 3);
    EXPECT_EQ(due, D("2027-01-04"));
    EXPECT_FALSE(calendar.CoversRange(D("2026-12-30"), due));
    EXPECT_TRUE(calendar.CoversRange(D("2024-01-01"), D("2026-12-31")));

    const WorkingDayCalendar empty;
    EXPECT_FALSE(empty.Covers(D("2025-10-01")));
    EXPECT_TRUE(empty.IsWorkingDay(D("2025-10-01")));
    EXPECT_EQ(empty.AddWorkingDays(D("2025-09-30"), 5), D("2025-10-07"));
}

TEST(WorkingDaysTest, ExplicitCoveredYearsOverrideTheEntries) {
    // The 2023 notice gave Saturday 2022-12-31 off; that does not make 2022 known.
    std::vector<CalendarEntry> entries = {
        {D("2022-12-31"), CalendarDayKind::kHoliday, "元旦", "国务院办公厅关于2023年部分节假日安排的通知"},
        {D("2023-01-02"), CalendarDayKind::kHoliday, "元旦", "国务院办公厅关于2023年部分节假日安排的通知"},
    };
    EXPECT_TRUE(WorkingDayCalendar(entries).Covers(D("2022-06-01")));
    const WorkingDayCalendar calendar(entries, {2023});
    EXPECT_FALSE(calendar.Covers(D("2022-06-01")));
    EXPECT_TRUE(calendar.Covers(D("2023-06-01")));
    EXPECT_FALSE(calendar.IsWorkingDay(D("2023-01-02")));
}

TEST(WorkingDaysTest, DuplicateEntriesAreABug) {
    std::vector<CalendarEntry> entries = {
        {D("2025-10-01"), CalendarDayKind::kHoliday, "国庆节", "test"},
        {D("2025-10-01"), CalendarDayKind::kHoliday, "国庆节", "test"},
    };
    EXPECT_THROW(WorkingDayCalendar{entries}, std::invalid_argument);
    EXPECT_THROW(Bundled().AddWorkingDays(D("2025-10-01"), -1), std::invalid_argument);
}

TEST(WorkingDaysTest, CsvAcceptsBomCrlfQuotesAndBlankLines) {
    const CalendarCsvResult parsed = ParseCalendarCsv(
        "\xEF\xBB\xBF"
        "date,kind,name,source\r\n"
        "2025-10-01,holiday,国庆节、中秋节,\"通知, 第六条\"\r\n"
        "\r\n"
        "2025-10-11,makeup_workday,国庆节、中秋节,\"国办发明电〔2024〕12号 \"\"六\"\"\"\r\n");
    ASSERT_TRUE(parsed.errors.empty()) << parsed.errors.front().message_en;
    ASSERT_EQ(parsed.entries.size(), 2u);
    EXPECT_EQ(parsed.entries[0].date, D("2025-10-01"));
    EXPECT_EQ(parsed.entries[0].kind, CalendarDayKind::kHoliday);
    EXPECT_EQ(parsed.entries[0].source, "通知, 第六条");
    EXPECT_EQ(parsed.entries[1].kind, CalendarDayKind::kMakeUpWorkday);
    EXPECT_EQ(parsed.entries[1].source, "国办发明电〔2024〕12号 \"六\"");
}

TEST(WorkingDaysTest, CsvReportsEveryBadLineWithItsNumberAndKeepsNothing) {
    const CalendarCsvResult parsed = ParseCalendarCsv(
        "date,kind,name,source\n"                  // 1
        "2025-10-01,holiday,国庆节,通知\n"         // 2
        "2025-02-30,holiday,春节,通知\n"           // 3 no such day
        "2025-10-11,workday,国庆节,通知\n"         // 4 unknown kind
        "2025-10-01,holiday,国庆节,通知\n"         // 5 duplicate of line 2
        "2025-10-09,makeup_workday,国庆节,通知\n"  // 6 a Thursday
        "2025-10-02,holiday,国庆节\n"              // 7 three columns
        "2025-10-03,holiday,,通知\n");             // 8 no name
    EXPECT_TRUE(parsed.entries.empty());
    ASSERT_EQ(parsed.errors.size(), 6u);
    EXPECT_EQ(parsed.errors[0].line, 3);
    EXPECT_EQ(parsed.errors[0].field, "date");
    EXPECT_EQ(parsed.errors[0].message_en, "Invalid date: 2025-02-30 (expected YYYY-MM-DD)");
    EXPECT_EQ(parsed.errors[1].line, 4);
    EXPECT_EQ(parsed.errors[1].field, "kind");
    EXPECT_EQ(parsed.errors[2].line, 5);
    EXPECT_EQ(parsed.errors[2].field, "date");
    EXPECT_EQ(parsed.errors[2].message_en, "Duplicate date: 2025-10-01 is already listed on line 2");
    EXPECT_EQ(parsed.errors[2].message_zh, "日期重复：2025-10-01 已在第 2 行列出");
    EXPECT_EQ(parsed.errors[3].line, 6);
    EXPECT_EQ(parsed.errors[4].line, 7);
    EXPECT_EQ(parsed.errors[5].line, 8);
    EXPECT_EQ(parsed.errors[5].field, "name");
}

TEST(WorkingDaysTest, CsvNeedsItsHeader) {
    const CalendarCsvResult wrong = ParseCalendarCsv("2025-10-01,holiday,国庆节,通知\n");
    ASSERT_EQ(wrong.errors.size(), 1u);
    EXPECT_EQ(wrong.errors[0].line, 1);
    EXPECT_EQ(ParseCalendarCsv("").errors.size(), 1u);
    EXPECT_TRUE(ParseCalendarCsv("date,kind,name,source\n").errors.empty());
}

}  // namespace
}  // namespace tuoyu
