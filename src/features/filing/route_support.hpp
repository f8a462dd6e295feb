#pragma once

#include <memory>
#include <optional>

#include "features/filing/filing_service.hpp"
#include "http/router.hpp"
#include "reference/calendar.hpp"

// What the filing module's routes share: who may do what, and the look-ups every route starts with.
namespace tuoyu::filing {

using CalendarCachePtr = std::shared_ptr<reference::calendar::CalendarCache>;

// Administrators, regulators and the institution's own accounts read an institution's profile,
// filings and history.
void RequireReader(const http::Context& context);
// Filing decisions are the county health department's (备案办法 第7条): regulators of the health
// department, within their subtree.
void RequireReviewer(const http::Context& context);

// The institution of path parameter `name` within the caller's scope, or 404.
Institution LoadInstitution(http::Context& context, storage::Transaction& tx, const std::string& name,
                            bool lock = false);
// The filing of path parameter "id" within the caller's scope, or 404.
FilingRecord LoadFiling(http::Context& context, storage::Transaction& tx);

Actor ActorOf(const http::Context& context);
CivilDate Today(const http::Context& context);

// How a submitted filing's deadlines stand today; nullopt for other states.
std::optional<DeadlineStatus> StatusToday(const FilingRecord& filing, const WorkingDayCalendar& calendar,
                                          CivilDate today);

void RegisterProfileRoutes(http::Router& router);
void RegisterFilingWorkRoutes(http::Router& router, CalendarCachePtr calendar);
void RegisterReviewRoutes(http::Router& router, CalendarCachePtr calendar);
void RegisterLifecycleRoutes(http::Router& router);
void RegisterFilingDocumentRoutes(http::Router& router);

}  // namespace tuoyu::filing
