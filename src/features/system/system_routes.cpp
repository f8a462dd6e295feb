#include <soci/soci.h>

#include "features/routes.hpp"
#include "http/json_io.hpp"

namespace tuoyu::features {

namespace {

http::Response Health(http::Context& context) {
    int one = 0;
    try {
        storage::Transaction tx = context.services().database.Read();
        tx.sql() << "SELECT 1", soci::into(one);
        tx.Commit();
    } catch (const std::exception&) {
        one = 0;
    }
    const bool sqlite = context.services().database.dialect() == storage::Dialect::kSqlite;
    return http::JsonReply(one == 1 ? 200 : 503, http::Json{{"status", one == 1 ? "ok" : "database_unavailable"},
                                                            {"version", context.services().version},
                                                            {"database", sqlite ? "sqlite" : "postgresql"}});
}

}  // namespace

void RegisterSystemRoutes(http::Router& router) {
    router.Add({"GET", "/api/v1/health", "Liveness and database reachability", http::Access::kPublic,
                http::AuditKind::kNone, "system"},
               Health);
}

}  // namespace tuoyu::features
