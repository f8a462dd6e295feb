#include <algorithm>

#include "core/error.hpp"
#include "features/filing/route_support.hpp"
#include "http/json_io.hpp"

namespace tuoyu::filing {

using access::Role;
using http::Context;

namespace {

// The events this route causes; filings cause theirs through the filing routes, the registration
// authority its cancellation through the registration push.
constexpr lifecycle::Event kEvents[] = {lifecycle::Event::kOrderRectification, lifecycle::Event::kCompleteRectification,
                                        lifecycle::Event::kRevoke, lifecycle::Event::kClose};

http::Response PostEvent(Context& context) {
    context.RequireRole({Role::kRegulator, Role::kInstitutionAdmin});
    storage::Transaction tx = context.services().database.Write();
    const Institution institution = LoadInstitution(context, tx, "id", true);
    http::JsonBody body(context.request());
    const std::string code = body.RequiredString("event", 40);
    const std::string reason = body.RequiredString("reason", 500);
    body.Finish();
    const std::optional<lifecycle::Event> event = lifecycle::ParseEvent(code);
    if (!event || std::find(std::begin(kEvents), std::end(kEvents), *event) == std::end(kEvents)) {
        throw BadRequest("invalid_event", "event",
                         "event 须为 order_rectification、complete_rectification、revoke 或 close",
                         "event must be order_rectification, complete_rectification, revoke or close");
    }
    const bool regulator = context.principal().role == Role::kRegulator;
    if (regulator) {
        RequireReviewer(context);
    }
    if (!lifecycle::MayCause(regulator ? lifecycle::Actor::kRegulator : lifecycle::Actor::kInstitution, *event)) {
        throw ApiError(403, "forbidden", "event", "您无权对机构执行此操作（" + code + "）",
                       "You may not cause this event (" + code + ")");
    }
    const Institution after = ApplyInstitutionEvent(tx, institution, *event, reason, ActorOf(context), context.Now());
    const Json reply = InstitutionJson(after);
    context.Audit(tx, std::to_string(institution.id), institution.region_code, InstitutionJson(institution).dump(),
                  reply.dump());
    tx.Commit();
    return http::JsonReply(200, reply);
}

http::Response ListInstitutionTransitions(Context& context) {
    RequireReader(context);
    storage::Transaction tx = context.services().database.Read();
    const Institution institution = LoadInstitution(context, tx, "id");
    Json items = Json::array();
    for (const Transition& transition : ListTransitions(tx, institution.id)) {
        items.push_back(TransitionJson(transition));
    }
    tx.Commit();
    const std::int64_t total = static_cast<std::int64_t>(items.size());
    return http::JsonReply(
        200, Json{{"institution", InstitutionJson(institution)}, {"items", std::move(items)}, {"total", total}});
}

}  // namespace

void RegisterLifecycleRoutes(http::Router& router) {
    router.Add({"POST", "/api/v1/institutions/{id}/events",
                "Order or end rectification, revoke the filing, or close the institution", http::Access::kSignedIn,
                http::AuditKind::kChange, "institution"},
               PostEvent);
    router.Add({"GET", "/api/v1/institutions/{id}/transitions", "An institution's status history, oldest first",
                http::Access::kSignedIn, http::AuditKind::kNone, "institution"},
               ListInstitutionTransitions);
}

}  // namespace tuoyu::filing
