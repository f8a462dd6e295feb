#include "reference/calendar.hpp"

#include <soci/soci.h>

#include <map>
#include <set>
#include <stdexcept>

#include "core/crypto.hpp"
#include "storage/query.hpp"
#include "storage/row.hpp"
#include "storage/seed_ledger.hpp"

namespace tuoyu::reference::calendar {

namespace {

constexpr const char* kSetting = "seed.calendar";

std::string CurrentVersion(storage::Transaction& tx) {
    std::string version;
    storage::Query query("SELECT value FROM settings WHERE key = 'calendar_version'");
    query.ForEach(tx, [&](const soci::row& row) { version = storage::Text(row, 0); });
    return version;
}

}  // namespace

WorkingDayCalendar LoadCalendar(storage::Transaction& tx) {
    std::vector<CalendarEntry> entries;
    storage::Query query("SELECT day, kind, name_zh, source FROM calendar_days ORDER BY day");
    query.ForEach(tx, [&](const soci::row& row) {
        const std::optional<CivilDate> date = CivilDate::Parse(storage::Text(row, 0));
        if (!date) {
            throw std::runtime_error("calendar_days holds a bad date: " + storage::Text(row, 0));
        }
        entries.push_back(
            {*date, storage::Text(row, 1) == "workday" ? CalendarDayKind::kMakeUpWorkday : CalendarDayKind::kHoliday,
             storage::Text(row, 2), storage::Text(row, 3)});
    });
    return WorkingDayCalendar(std::move(entries));
}

void BumpVersion(storage::Transaction& tx) {
    storage::Query("UPDATE settings SET value = CAST(CAST(value AS BIGINT) + 1 AS TEXT) WHERE key = 'calendar_version'")
        .Execute(tx);
}

std::string EnglishHolidayName(const std::string& name_zh) {
    static const std::map<std::string, std::string> kNames = {
        {"元旦", "New Year's Day"},         {"春节", "Spring Festival"},
        {"清明节", "Qingming Festival"},    {"劳动节", "Labour Day"},
        {"端午节", "Dragon Boat Festival"}, {"中秋节", "Mid-Autumn Festival"},
        {"国庆节", "National Day"},         {"国庆节、中秋节", "National Day and Mid-Autumn Festival"},
    };
    const auto it = kNames.find(name_zh);
    return it == kNames.end() ? std::string() : it->second;
}

std::shared_ptr<const WorkingDayCalendar> CalendarCache::Get(storage::Transaction& tx) {
    const auto now = std::chrono::steady_clock::now();
    {
        std::lock_guard lock(mutex_);
        if (calendar_ && now - checked_ < recheck_) {
            return calendar_;
        }
    }
    const std::string version = CurrentVersion(tx);
    {
        std::lock_guard lock(mutex_);
        if (calendar_ && version == version_) {
            checked_ = now;
            return calendar_;
        }
    }
    // The version and the rows come from the same transaction, so they agree.
    auto fresh = std::make_shared<const WorkingDayCalendar>(LoadCalendar(tx));
    std::lock_guard lock(mutex_);
    calendar_ = fresh;
    version_ = version;
    checked_ = now;
    return fresh;
}

void CalendarCache::Invalidate() {
    std::lock_guard lock(mutex_);
    calendar_.reset();
    version_.clear();
}

int SeedCalendar(storage::Database& database, const Clock& clock) {
    const std::string_view text = BundledHolidayCsv();
    const std::string checksum = crypto::Sha256Hex(text);
    if (storage::SeedIsCurrent(database, kSetting, checksum)) {
        return 0;
    }
    const CalendarCsvResult parsed = ParseCalendarCsv(text);
    if (!parsed.errors.empty()) {
        throw std::logic_error("data/calendar/holidays-cn.csv line " + std::to_string(parsed.errors.front().line) +
                               ": " + parsed.errors.front().message_en);
    }
    const std::int64_t now = clock.NowMillis();
    storage::Transaction tx = database.Write();
    if (!storage::BeginSeeding(tx, kSetting, checksum)) {
        return 0;
    }
    const std::set<std::string> seeded = storage::SeededItems(tx, "calendar_day");
    int written = 0;
    for (const CalendarEntry& entry : parsed.entries) {
        const std::string day = entry.date.ToString();
        const std::string kind = entry.kind == CalendarDayKind::kHoliday ? "holiday" : "workday";
        const std::string name_en = EnglishHolidayName(entry.name);
        std::optional<std::string> updated_by;
        std::string current;
        storage::Query find("SELECT updated_by, kind, name_zh, name_en, source FROM calendar_days WHERE day = ");
        find.Bind(day).ForEach(tx, [&](const soci::row& row) {
            updated_by = storage::Text(row, 0);
            current = storage::Text(row, 1) + '\n' + storage::Text(row, 2) + '\n' + storage::Text(row, 3) + '\n' +
                      storage::Text(row, 4);
        });
        const bool before = seeded.contains(day);
        storage::Query write;
        if (!updated_by && !before) {
            write
                .Sql("INSERT INTO calendar_days (day, kind, name_zh, name_en, source, updated_by, updated_at) VALUES (")
                .Bind(day)
                .Sql(", ")
                .Bind(kind)
                .Sql(", ")
                .Bind(entry.name)
                .Sql(", ")
                .Bind(name_en)
                .Sql(", ")
                .Bind(entry.source)
                .Sql(", 'seed', ")
                .Bind(now)
                .Sql(")");
        } else if (updated_by == "seed" && current != kind + '\n' + entry.name + '\n' + name_en + '\n' + entry.source) {
            write.Sql("UPDATE calendar_days SET kind = ")
                .Bind(kind)
                .Sql(", name_zh = ")
                .Bind(entry.name)
                .Sql(", name_en = ")
                .Bind(name_en)
                .Sql(", source = ")
                .Bind(entry.source)
                .Sql(", updated_at = ")
                .Bind(now)
                .Sql(" WHERE day = ")
                .Bind(day);
        }
        if (!write.text().empty()) {
            write.Execute(tx);
            ++written;
        }
        if (!before) {
            storage::RecordSeeded(tx, "calendar_day", day, now);
        }
    }
    if (written > 0) {
        BumpVersion(tx);
    }
    storage::FinishSeeding(tx, kSetting, checksum);
    tx.Commit();
    return written;
}

}  // namespace tuoyu::reference::calendar
