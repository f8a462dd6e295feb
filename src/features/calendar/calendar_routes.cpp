#include <soci/soci.h>

#include <memory>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/working_days.hpp"
#include "features/routes.hpp"
#include "http/json_io.hpp"
#include "reference/calendar.hpp"
#include "storage/query.hpp"
#include "storage/row.hpp"

namespace tuoyu::features {

using access::Role;
using http::Context;
using http::Json;
namespace calendar = reference::calendar;

namespace {

constexpr const char* kDayColumns =
    "SELECT day, kind, name_zh, name_en, source, updated_by, updated_at FROM calendar_days WHERE 1 = 1";

Json DayJson(const soci::row& row) {
    return {{"date", storage::Text(row, 0)},
            {"kind", storage::Text(row, 1)},
            {"name_zh", storage::Text(row, 2)},
            {"name_en", storage::Text(row, 3)},
            {"source", storage::Text(row, 4)},
            {"updated_by", storage::Text(row, 5)},
            {"updated_at", FormatIsoUtc(storage::Int(row, 6))}};
}

CivilDate RequireDate(const std::string& text, const std::string& field) {
    const std::optional<CivilDate> date = CivilDate::Parse(text);
    if (!date) {
        throw BadRequest("invalid_date", field, "字段 " + field + " 不是合法日期（YYYY-MM-DD）",
                         "Field " + field + " is not a valid date (YYYY-MM-DD)");
    }
    return *date;
}

Json FindDay(storage::Transaction& tx, const std::string& day) {
    Json found;
    storage::Query query(kDayColumns);
    query.Sql(" AND day = ").Bind(day).ForEach(tx, [&](const soci::row& row) { found = DayJson(row); });
    return found;
}

// The years between two dates whose arrangement the calendar lacks, as "2027, 2028".
std::string MissingYears(const WorkingDayCalendar& calendar, CivilDate from, CivilDate to) {
    if (to < from) {
        std::swap(from, to);
    }
    std::string years;
    for (int year = from.year(); year <= to.year(); ++year) {
        if (!calendar.covered_years().contains(year)) {
            years += (years.empty() ? "" : ", ") + std::to_string(year);
        }
    }
    return years;
}

// Deadlines in an uncovered year would silently count Monday to Friday only: refuse unless asked.
void RequireCovered(const WorkingDayCalendar& calendar, CivilDate from, CivilDate to, bool allow_estimate) {
    const std::string missing = MissingYears(calendar, from, to);
    if (!missing.empty() && !allow_estimate) {
        throw ApiError(
            422, "calendar_not_covered", "from",
            "日历中没有 " + missing +
                " 年的节假日安排，无法准确计算工作日（可由管理员补录，或加 allow_estimate=1 按周一至周五估算）",
            "The calendar has no holiday arrangement for " + missing +
                ": working days cannot be counted exactly (an administrator can add it, or pass "
                "allow_estimate=1 for a Monday-to-Friday estimate)");
    }
}

struct CalendarRoutes {
    std::shared_ptr<calendar::CalendarCache> cache;

    http::Response ListYear(Context& context) const {
        context.principal();
        http::QueryParams params(context.request());
        const std::optional<std::int64_t> year_param = params.Int("year");
        params.Finish();
        const std::int64_t year = year_param.value_or(CivilDate::FromDayNumber(FloorDays(context.Now())).year());
        if (year < 1900 || year > 2999) {
            throw BadRequest("invalid_year", "year", "年份须在 1900 到 2999 之间",
                             "year must be between 1900 and 2999");
        }
        const std::string first = std::to_string(year) + "-01-01";
        const std::string last = std::to_string(year) + "-12-31";
        Json days = Json::array();
        storage::Transaction tx = context.services().database.Read();
        storage::Query query(kDayColumns);
        query.Sql(" AND day BETWEEN ").Bind(first).Sql(" AND ").Bind(last).Sql(" ORDER BY day");
        query.ForEach(tx, [&](const soci::row& row) { days.push_back(DayJson(row)); });
        tx.Commit();
        const bool covered = !days.empty();
        return http::JsonReply(200, Json{{"year", year}, {"covered", covered}, {"days", std::move(days)}});
    }

    // Asia/Shanghai day of an epoch-millisecond time.
    static std::int64_t FloorDays(std::int64_t millis) {
        const std::int64_t shifted = millis + 8 * 3'600'000;
        return shifted / 86'400'000 - (shifted % 86'400'000 < 0 ? 1 : 0);
    }

    http::Response WorkingDays(Context& context) const {
        context.principal();
        http::QueryParams params(context.request());
        const std::optional<std::string> from_text = params.String("from", 10);
        const std::optional<std::string> to_text = params.String("to", 10);
        const std::optional<std::string> add_text = params.String("add", 6);
        const std::optional<std::string> estimate_text = params.String("allow_estimate", 5);
        params.Finish();
        if (!from_text) {
            throw BadRequest("required", "from", "缺少参数 from", "Parameter from is required");
        }
        const CivilDate from = RequireDate(*from_text, "from");
        if (to_text.has_value() == add_text.has_value()) {
            throw BadRequest("required", "add", "须给出 add（加几个工作日）或 to（数到哪天）之一",
                             "Give exactly one of add (working days to add) or to (the day to count to)");
        }
        const bool allow_estimate = estimate_text && (*estimate_text == "1" || *estimate_text == "true");
        storage::Transaction tx = context.services().database.Read();
        const std::shared_ptr<const WorkingDayCalendar> calendar = cache->Get(tx);
        tx.Commit();
        if (add_text) {
            if (add_text->find_first_not_of("0123456789") != std::string::npos || add_text->size() > 4 ||
                std::stoi(*add_text) > 3650) {
                throw BadRequest("invalid_add", "add", "add 须为 0 到 3650 之间的整数",
                                 "add must be a whole number from 0 to 3650");
            }
            const int n = std::stoi(*add_text);
            const CivilDate date = calendar->AddWorkingDays(from, n);
            RequireCovered(*calendar, from, date, allow_estimate);
            return http::JsonReply(200, Json{{"from", from.ToString()},
                                             {"add", n},
                                             {"date", date.ToString()},
                                             {"covered", calendar->CoversRange(from, date)}});
        }
        const CivilDate to = RequireDate(*to_text, "to");
        if (std::abs(to.day_number() - from.day_number()) > 36'600) {
            throw BadRequest("invalid_range", "to", "from 与 to 相隔不能超过100年",
                             "from and to must lie within 100 years of each other");
        }
        RequireCovered(*calendar, from, to, allow_estimate);
        return http::JsonReply(200, Json{{"from", from.ToString()},
                                         {"to", to.ToString()},
                                         {"count", calendar->CountWorkingDays(from, to)},
                                         {"covered", calendar->CoversRange(from, to)}});
    }

    http::Response PutDay(Context& context) const {
        context.RequireRole({Role::kAdmin});
        const CivilDate date = RequireDate(context.Param("date"), "date");
        http::JsonBody body(context.request());
        const std::string kind = body.RequiredString("kind", 10);
        const std::string name_zh = body.RequiredString("name_zh", 50);
        const std::string name_en = body.OptionalString("name_en", 100).value_or("");
        const std::string source = body.RequiredString("source", 300);
        body.Finish();
        if (kind != "holiday" && kind != "workday") {
            throw BadRequest("invalid_kind", "kind", "kind 须为 holiday（放假）或 workday（调休上班）",
                             "kind must be holiday or workday (a make-up working day)");
        }
        // A make-up working day gives back a weekend day; on a weekday it would be a typing error.
        if (kind == "workday" && !date.IsWeekend()) {
            throw BadRequest("workday_not_weekend", "date", "调休上班日须为周六或周日",
                             "A make-up working day must be a Saturday or Sunday");
        }
        const std::string day = date.ToString();
        storage::Transaction tx = context.services().database.Write();
        const Json before = FindDay(tx, day);
        storage::Query write(before.is_null() ? "INSERT INTO calendar_days (kind, name_zh, name_en, source, "
                                                "updated_by, updated_at, day) VALUES ("
                                              : "UPDATE calendar_days SET kind = ");
        const bool insert = before.is_null();
        write.Bind(kind)
            .Sql(insert ? ", " : ", name_zh = ")
            .Bind(name_zh)
            .Sql(insert ? ", " : ", name_en = ")
            .Bind(name_en)
            .Sql(insert ? ", " : ", source = ")
            .Bind(source)
            .Sql(insert ? ", " : ", updated_by = ")
            .Bind(context.principal().username)
            .Sql(insert ? ", " : ", updated_at = ")
            .Bind(context.Now())
            .Sql(insert ? ", " : " WHERE day = ")
            .Bind(day)
            .Sql(insert ? ")" : "")
            .Execute(tx);
        calendar::BumpVersion(tx);
        const Json after = FindDay(tx, day);
        context.Audit(tx, day, "", before.is_null() ? "" : before.dump(), after.dump());
        tx.Commit();
        cache->Invalidate();
        return http::JsonReply(before.is_null() ? 201 : 200, after);
    }

    http::Response DeleteDay(Context& context) const {
        context.RequireRole({Role::kAdmin});
        const CivilDate date = RequireDate(context.Param("date"), "date");
        const std::string day = date.ToString();
        storage::Transaction tx = context.services().database.Write();
        const Json before = FindDay(tx, day);
        if (before.is_null()) {
            throw NotFound("日历特殊日", "special day in the calendar");
        }
        storage::Query remove("DELETE FROM calendar_days WHERE day = ");
        remove.Bind(day).Execute(tx);
        calendar::BumpVersion(tx);
        context.Audit(tx, day, "", before.dump(), "");
        tx.Commit();
        cache->Invalidate();
        return http::NoContent();
    }
};

}  // namespace

void RegisterCalendarRoutes(http::Router& router, std::shared_ptr<calendar::CalendarCache> cache) {
    auto routes = std::make_shared<CalendarRoutes>(CalendarRoutes{std::move(cache)});
    router.Add({"GET", "/api/v1/calendar",
                "The special days (holidays, make-up working days) of ?year= and whether the year is covered",
                http::Access::kSignedIn, http::AuditKind::kNone, "calendar_day"},
               [routes](Context& context) { return routes->ListYear(context); });
    router.Add({"GET", "/api/v1/calendar/working-days",
                "?from=DATE&add=N: the date N working days later; ?from=DATE&to=DATE: the working days between",
                http::Access::kSignedIn, http::AuditKind::kNone, "calendar_day"},
               [routes](Context& context) { return routes->WorkingDays(context); });
    router.Add({"PUT", "/api/v1/calendar/{date}", "Set a day as a holiday or a make-up working day (administrators)",
                http::Access::kSignedIn, http::AuditKind::kChange, "calendar_day"},
               [routes](Context& context) { return routes->PutDay(context); });
    router.Add({"DELETE", "/api/v1/calendar/{date}", "Make a day ordinary again (administrators)",
                http::Access::kSignedIn, http::AuditKind::kChange, "calendar_day"},
               [routes](Context& context) { return routes->DeleteDay(context); });
}

}  // namespace tuoyu::features
