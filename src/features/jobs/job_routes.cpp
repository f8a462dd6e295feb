#include "core/error.hpp"
#include "features/routes.hpp"
#include "http/json_io.hpp"
#include "jobs/job_json.hpp"
#include "jobs/job_runner.hpp"

namespace tuoyu::features {

namespace {

bool IsJobId(const std::string& text) {
    return text.size() == 32 && text.find_first_not_of("0123456789abcdef") == std::string::npos;
}

}  // namespace

// GET /api/v1/jobs/{id}: one route for every kind of job rather than one per module, so that the
// web UI polls them all alike and a module that starts jobs adds none. Only the job's owner and
// the administrator see it; to anyone else, as to a malformed or expired id, it does not exist.
// A job holds counts and error messages of the caller's own upload, not personal data: not audited.
void RegisterJobRoutes(http::Router& router, jobs::JobRunner& runner) {
    router.Add({"GET", "/api/v1/jobs/{id}", "A background job's state and progress, and its result once finished",
                http::Access::kSignedIn, http::AuditKind::kNone, "job"},
               [&runner](http::Context& context) {
                   const access::Principal& caller = context.principal();
                   const std::string id = context.Param("id");
                   std::optional<jobs::JobView> job;
                   if (IsJobId(id)) {
                       job = runner.registry().FindFor(id, caller.user_id, caller.scope());
                   }
                   if (!job) {
                       throw NotFound("任务", "job");
                   }
                   return http::JsonReply(200, http::Json{{"job", jobs::JobJson(*job)}});
               });
}

}  // namespace tuoyu::features
