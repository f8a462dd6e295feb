#include "features/filing/route_support.hpp"

#include "core/error.hpp"
#include "features/filing/deadlines.hpp"
#include "features/routes.hpp"

namespace tuoyu::filing {

using access::Role;

void RequireReader(const http::Context& context) {
    context.RequireRole({Role::kAdmin, Role::kRegulator, Role::kInstitutionAdmin, Role::kInstitutionStaff});
}

void RequireReviewer(const http::Context& context) {
    context.RequireRole({Role::kRegulator});
    if (context.principal().department != "health") {
        throw ApiError(403, "forbidden", "", "备案审核由卫生健康部门办理，您所在的部门无此权限",
                       "Filings are reviewed by the health department; your department may not decide them");
    }
}

Institution LoadInstitution(http::Context& context, storage::Transaction& tx, const std::string& name, bool lock) {
    std::optional<Institution> institution =
        FindInstitution(tx, context.principal().scope(), context.IdParam(name), lock);
    if (!institution) {
        throw NotFound("机构", "institution");
    }
    return *institution;
}

FilingRecord LoadFiling(http::Context& context, storage::Transaction& tx) {
    std::optional<FilingRecord> filing = FindFiling(tx, context.principal().scope(), context.IdParam("id"));
    if (!filing) {
        throw NotFound("备案", "filing");
    }
    return *filing;
}

Actor ActorOf(const http::Context& context) {
    return {context.principal().user_id, context.principal().username};
}

CivilDate Today(const http::Context& context) {
    return ShanghaiDate(context.Now());
}

std::optional<DeadlineStatus> StatusToday(const FilingRecord& filing, const WorkingDayCalendar& calendar,
                                          CivilDate today) {
    if (filing.state != FilingState::kSubmitted || !filing.deadlines) {
        return std::nullopt;
    }
    const std::optional<CivilDate> receipt = CivilDate::Parse(filing.deadlines->receipt_due);
    const std::optional<CivilDate> rejection = CivilDate::Parse(filing.deadlines->rejection_due);
    if (!receipt || !rejection) {
        return std::nullopt;
    }
    return StatusOn(calendar, today, *receipt, *rejection);
}

}  // namespace tuoyu::filing

namespace tuoyu::features {

void RegisterFilingRoutes(http::Router& router, std::shared_ptr<reference::calendar::CalendarCache> calendar) {
    filing::RegisterProfileRoutes(router);
    // The queue first: GET /api/v1/filings/queue would otherwise match /api/v1/filings/{id}.
    filing::RegisterReviewRoutes(router, calendar);
    filing::RegisterFilingWorkRoutes(router, calendar);
    filing::RegisterLifecycleRoutes(router);
    filing::RegisterFilingDocumentRoutes(router);
}

}  // namespace tuoyu::features
