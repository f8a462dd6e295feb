#include "core/error.hpp"
#include "features/filing/deadlines.hpp"
#include "features/filing/filing_json.hpp"
#include "features/filing/route_support.hpp"
#include "http/json_io.hpp"

namespace tuoyu::filing {

using access::Role;
using http::Context;

namespace {

std::vector<std::string> ReadReasons(http::JsonBody& body) {
    return body.RequiredStringList("reasons", 20, 500, "退回备案须写明理由（至少一条）",
                                   "A rejection needs its reasons (at least one)");
}

struct ReviewRoutes {
    CalendarCachePtr calendar;

    // The county's queue of filings awaiting review, by receipt deadline. A regulator above the
    // county (a city) sees its counties' filings through the same route, and `warning=overdue` shows
    // it those whose deadlines have passed.
    http::Response Queue(Context& context) const {
        context.RequireRole({Role::kAdmin, Role::kRegulator});
        http::QueryParams params(context.request());
        QueueQuery query;
        query.region_code = params.RegionCode("region_code");
        if (std::optional<std::string> kind = params.String("kind", 20)) {
            query.kind = ParseFilingKind(*kind);
            if (!query.kind) {
                throw BadRequest("invalid_value", "kind", "kind 须为 initial、change 或 relocation",
                                 "kind must be initial, change or relocation");
            }
        }
        const std::optional<std::string> warning = params.String("warning", 20);
        const PageRequest page = params.Page({std::begin(kQueueSortFields), std::end(kQueueSortFields)});
        params.Finish();
        if (warning && *warning != "ok" && *warning != "due_soon" && *warning != "overdue") {
            throw BadRequest("invalid_value", "warning", "warning 须为 ok、due_soon 或 overdue",
                             "warning must be ok, due_soon or overdue");
        }
        query.sort = page.sort.empty() ? "receipt_due" : page.sort;
        query.descending = page.descending;
        query.limit = page.page_size;
        query.offset = page.offset();
        storage::Transaction tx = context.services().database.Read();
        const std::shared_ptr<const WorkingDayCalendar> days = calendar->Get(tx);
        const CivilDate today = Today(context);
        // The warning states as ranges of the receipt deadline: overdue before today; due soon from
        // today until the second working day after it (at most kDueSoonWorkingDays left); ok after.
        const std::string soon_limit = days->AddWorkingDays(today, kDueSoonWorkingDays + 1).ToString();
        if (warning == "overdue") {
            query.due_before = today.ToString();
        } else if (warning == "due_soon") {
            query.due_from = today.ToString();
            query.due_before = soon_limit;
        } else if (warning == "ok") {
            query.due_from = soon_limit;
        }
        std::int64_t total = 0;
        Json items = Json::array();
        for (const FilingRecord& filing : SubmittedFilings(tx, context.principal().scope(), query, total)) {
            items.push_back(FilingSummaryJson(filing, StatusToday(filing, *days, today)));
        }
        tx.Commit();
        Json reply = http::ListReply(std::move(items), total, page);
        reply["today"] = today.ToString();
        reply["due_soon_working_days"] = kDueSoonWorkingDays;
        return http::JsonReply(200, reply);
    }

    http::Response Decide(Context& context, bool accept) const {
        RequireReviewer(context);
        storage::Transaction tx = context.services().database.Write();
        const FilingRecord first = LoadFiling(context, tx);
        std::optional<Institution> institution =
            FindInstitution(tx, context.principal().scope(), first.institution_id, true);
        if (!institution) {
            throw NotFound("备案", "filing");
        }
        const FilingRecord filing = LoadFiling(context, tx);
        http::JsonBody body(context.request());
        std::vector<std::string> reasons;
        if (!accept) {
            reasons = ReadReasons(body);
        }
        const std::string note = body.OptionalString("note", 500).value_or("");
        body.Finish();
        const Json before = FilingSummaryJson(filing, std::nullopt);
        const FilingRecord decided =
            accept ? Accept(tx, *institution, filing, note, ActorOf(context), context.Now())
                   : Reject(tx, *institution, filing, reasons, note, ActorOf(context), context.Now());
        const Json reply = FilingDetailJson(decided, std::nullopt);
        context.Audit(tx, std::to_string(filing.id), institution->region_code, before.dump(),
                      FilingSummaryJson(decided, std::nullopt).dump());
        tx.Commit();
        return http::JsonReply(200, reply);
    }
};

}  // namespace

void RegisterReviewRoutes(http::Router& router, CalendarCachePtr calendar) {
    auto routes = std::make_shared<ReviewRoutes>(ReviewRoutes{std::move(calendar)});
    router.Add({"GET", "/api/v1/filings/queue", "Submitted filings awaiting review, with deadlines and warnings",
                http::Access::kSignedIn, http::AuditKind::kNone, "filing"},
               [routes](Context& context) { return routes->Queue(context); });
    router.Add(
        {"POST", "/api/v1/filings/{id}/accept", "Accept a filing: issue the receipt number, the institution is filed",
         http::Access::kSignedIn, http::AuditKind::kChange, "filing"},
        [routes](Context& context) { return routes->Decide(context, true); });
    router.Add({"POST", "/api/v1/filings/{id}/reject", "Reject a filing with reasons (published)",
                http::Access::kSignedIn, http::AuditKind::kChange, "filing"},
               [routes](Context& context) { return routes->Decide(context, false); });
}

}  // namespace tuoyu::filing
