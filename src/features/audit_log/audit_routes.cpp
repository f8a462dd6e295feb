#include "audit/audit_log.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "features/routes.hpp"
#include "http/json_io.hpp"

namespace tuoyu::features {

using access::Role;
using http::Context;
using http::Json;

namespace {

Json RecordJson(const audit::Record& record) {
    return {{"seq", record.seq},
            {"at", FormatIsoUtc(record.at)},
            {"user_id", record.user_id == 0 ? Json() : Json(record.user_id)},
            {"username", record.username},
            {"role", record.role},
            {"method", record.method},
            {"route", record.route},
            {"object_type", record.object_type},
            {"object_id", record.object_id},
            {"region_code", record.region_code},
            {"outcome", record.outcome},
            {"digest", record.digest},
            {"request_id", record.request_id},
            {"prev_hash", record.prev_hash},
            {"hash", record.hash}};
}

http::Response SearchAudit(Context& context) {
    context.RequireRole({Role::kAdmin, Role::kRegulator});
    http::QueryParams params(context.request());
    audit::SearchFilter filter;
    filter.username = params.String("username", 64).value_or("");
    filter.object_type = params.String("object_type", 40).value_or("");
    filter.outcome = params.String("outcome", 10).value_or("");
    if (!filter.outcome.empty() && filter.outcome != "ok" && filter.outcome != "denied" && filter.outcome != "error") {
        throw BadRequest("invalid_outcome", "outcome", "结果须为 ok、denied 或 error",
                         "outcome is ok, denied or error");
    }
    filter.region_code = params.RegionCode("region_code");
    filter.from = params.Time("from");
    filter.to = params.Time("to");
    if (filter.to && params.String("to", 30)->size() == 10) {
        *filter.to += 86'400'000;  // a date as "to" includes that whole day
    }
    PageRequest page = params.Page({"seq"});
    if (page.sort.empty()) {
        page.descending = params.String("order", 4).value_or("desc") == "desc";
    }
    params.Finish();
    storage::Transaction tx = context.services().database.Read();
    audit::RecordPage result = audit::AuditLog::Search(tx, context.principal().scope(), filter, page);
    tx.Commit();
    Json items = Json::array();
    for (const audit::Record& record : result.items) {
        items.push_back(RecordJson(record));
    }
    return http::JsonReply(200, http::ListReply(std::move(items), result.total, page));
}

}  // namespace

void RegisterAuditRoutes(http::Router& router) {
    router.Add({"GET", "/api/v1/audit", "Search the audit log within the caller's region (newest first)",
                http::Access::kSignedIn, http::AuditKind::kNone, "audit"},
               SearchAudit);
}

}  // namespace tuoyu::features
