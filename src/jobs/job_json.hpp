#pragma once

#include <nlohmann/json.hpp>

#include "jobs/job_registry.hpp"

namespace tuoyu::jobs {

// A job as the API shows it: {id, kind, state, progress {phase, done, total, message},
// created_at, started_at, finished_at, status, result, error}. Once finished, `status` is the
// HTTP status the work would have had within a request, and `result` (succeeded) or `error`
// (failed) the body it would have answered. The owner is not shown.
nlohmann::json JobJson(const JobView& job);

}  // namespace tuoyu::jobs
