#include "jobs/job_json.hpp"

namespace tuoyu::jobs {

namespace {

nlohmann::json Time(std::int64_t millis) {
    return millis == 0 ? nlohmann::json() : nlohmann::json(FormatIsoUtc(millis));
}

}  // namespace

nlohmann::json JobJson(const JobView& job) {
    const bool finished = job.outcome.has_value();
    return {{"id", job.id},
            {"kind", job.kind},
            {"state", StateCode(job.state)},
            {"progress",
             {{"phase", job.progress.phase.empty() ? nlohmann::json() : nlohmann::json(job.progress.phase)},
              {"done", job.progress.done},
              {"total", job.progress.total},
              {"message", job.progress.message}}},
            {"created_at", Time(job.created_at)},
            {"started_at", Time(job.started_at)},
            {"finished_at", Time(job.finished_at)},
            {"status", finished ? nlohmann::json(job.outcome->status) : nlohmann::json()},
            {"result", finished && job.outcome->succeeded() ? job.outcome->body : nlohmann::json()},
            {"error", finished && !job.outcome->succeeded() ? job.outcome->body : nlohmann::json()}};
}

}  // namespace tuoyu::jobs
