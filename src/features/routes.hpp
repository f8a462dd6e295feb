#pragma once

#include <memory>

#include "core/identity_vault.hpp"
#include "http/router.hpp"
#include "reference/calendar.hpp"

namespace tuoyu::jobs {
class JobRunner;
}

namespace tuoyu::features {

void RegisterAuthRoutes(http::Router& router);
void RegisterUserRoutes(http::Router& router);
void RegisterRegionRoutes(http::Router& router);
void RegisterInstitutionRoutes(http::Router& router);
void RegisterRegistryRoutes(http::Router& router);
void RegisterFilingRoutes(http::Router& router, std::shared_ptr<reference::calendar::CalendarCache> calendar);
void RegisterDisclosureRoutes(http::Router& router, std::shared_ptr<reference::calendar::CalendarCache> calendar);
void RegisterHazardRoutes(http::Router& router);
void RegisterPopulationRoutes(http::Router& router, jobs::JobRunner& jobs);
void RegisterStaffRoutes(http::Router& router, std::shared_ptr<const crypto::IdentityVault> vault);
void RegisterStaffOversightRoutes(http::Router& router, std::shared_ptr<const crypto::IdentityVault> vault);
void RegisterChildrenRoutes(http::Router& router, std::shared_ptr<const crypto::IdentityVault> vault);
void RegisterCareRoutes(http::Router& router);
void RegisterParameterRoutes(http::Router& router);
void RegisterDictionaryRoutes(http::Router& router);
void RegisterCalendarRoutes(http::Router& router, std::shared_ptr<reference::calendar::CalendarCache> cache);
void RegisterAuditRoutes(http::Router& router);
void RegisterSystemRoutes(http::Router& router);
void RegisterJobRoutes(http::Router& router, jobs::JobRunner& jobs);

// Every route of the API, in the order the OpenAPI document lists them. The caches are shared by the
// features that read the same reference data; one set per router, so tests that build several routers
// stay independent. Long work (imports) runs as jobs on `jobs`, which must outlive the router. `vault`
// seals and matches identity numbers (decision 0009); without one the staff routes answer 503.
inline void RegisterAllRoutes(http::Router& router, jobs::JobRunner& jobs,
                              std::shared_ptr<const crypto::IdentityVault> vault) {
    auto calendar = std::make_shared<reference::calendar::CalendarCache>();
    RegisterSystemRoutes(router);
    RegisterAuthRoutes(router);
    RegisterUserRoutes(router);
    RegisterRegionRoutes(router);
    RegisterPopulationRoutes(router, jobs);
    RegisterInstitutionRoutes(router);
    RegisterRegistryRoutes(router);
    RegisterFilingRoutes(router, calendar);
    RegisterDisclosureRoutes(router, calendar);
    RegisterHazardRoutes(router);
    // The oversight routes first: /staff/duties and the like must match before /staff/{id}.
    RegisterStaffOversightRoutes(router, vault);
    RegisterStaffRoutes(router, vault);
    // The care routes first: /children/figures must match before /children/{id}.
    RegisterCareRoutes(router);
    RegisterChildrenRoutes(router, vault);
    RegisterParameterRoutes(router);
    RegisterDictionaryRoutes(router);
    RegisterCalendarRoutes(router, calendar);
    RegisterAuditRoutes(router);
    RegisterJobRoutes(router, jobs);
}

}  // namespace tuoyu::features
