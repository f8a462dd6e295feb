#pragma once

#include <memory>

#include "http/router.hpp"
#include "reference/calendar.hpp"

namespace tuoyu::features {

void RegisterAuthRoutes(http::Router& router);
void RegisterUserRoutes(http::Router& router);
void RegisterRegionRoutes(http::Router& router);
void RegisterInstitutionRoutes(http::Router& router);
void RegisterPopulationRoutes(http::Router& router);
void RegisterParameterRoutes(http::Router& router);
void RegisterDictionaryRoutes(http::Router& router);
void RegisterCalendarRoutes(http::Router& router, std::shared_ptr<reference::calendar::CalendarCache> cache);
void RegisterAuditRoutes(http::Router& router);
void RegisterSystemRoutes(http::Router& router);

// Every route of the API, in the order the OpenAPI document lists them. The caches are shared by the
// features that read the same reference data; one set per router, so tests that build several routers
// stay independent.
inline void RegisterAllRoutes(http::Router& router) {
    auto calendar = std::make_shared<reference::calendar::CalendarCache>();
    RegisterSystemRoutes(router);
    RegisterAuthRoutes(router);
    RegisterUserRoutes(router);
    RegisterRegionRoutes(router);
    RegisterPopulationRoutes(router);
    RegisterInstitutionRoutes(router);
    RegisterParameterRoutes(router);
    RegisterDictionaryRoutes(router);
    RegisterCalendarRoutes(router, calendar);
    RegisterAuditRoutes(router);
}

}  // namespace tuoyu::features
