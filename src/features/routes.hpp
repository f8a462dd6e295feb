#pragma once

#include "http/router.hpp"

namespace tuoyu::features {

void RegisterAuthRoutes(http::Router& router);
void RegisterUserRoutes(http::Router& router);
void RegisterRegionRoutes(http::Router& router);
void RegisterInstitutionRoutes(http::Router& router);
void RegisterPopulationRoutes(http::Router& router);
void RegisterParameterRoutes(http::Router& router);
void RegisterDictionaryRoutes(http::Router& router);
void RegisterCalendarRoutes(http::Router& router);
void RegisterAuditRoutes(http::Router& router);
void RegisterSystemRoutes(http::Router& router);

// Every route of the API, in the order the OpenAPI document lists them.
inline void RegisterAllRoutes(http::Router& router) {
    RegisterSystemRoutes(router);
    RegisterAuthRoutes(router);
    RegisterUserRoutes(router);
    RegisterRegionRoutes(router);
    RegisterPopulationRoutes(router);
    RegisterInstitutionRoutes(router);
    RegisterParameterRoutes(router);
    RegisterDictionaryRoutes(router);
    RegisterCalendarRoutes(router);
    RegisterAuditRoutes(router);
}

}  // namespace tuoyu::features
