#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/scope.hpp"
#include "jobs/progress.hpp"

namespace tuoyu::jobs {

enum class State { kQueued, kRunning, kSucceeded, kFailed };

std::string_view StateCode(State state);

// Who started a job: only they (and an administrator, whose scope is kAll) may read it back.
struct Owner {
    std::int64_t user_id = 0;
    Scope scope;
};

// How a job ended: the HTTP status and body that the same work done within a request would
// have answered (200 and its result, 422 and the list of bad rows, 403 and the error object …).
struct Outcome {
    int status = 200;
    nlohmann::json body;
    bool succeeded() const { return status >= 200 && status < 300; }
};

// A copy of one job's state, safe to read without the registry's lock.
struct JobView {
    std::string id;
    std::string kind;  // "population_import"
    Owner owner;
    std::string request_id;  // of the request that started it
    State state = State::kQueued;
    Progress progress;
    std::optional<Outcome> outcome;  // once finished
    std::int64_t created_at = 0;
    std::int64_t started_at = 0;  // 0 until it runs
    std::int64_t finished_at = 0;
};

struct RegistryLimits {
    std::size_t max_jobs = 1000;                // held in memory, finished ones included
    std::int64_t keep_finished_ms = 3'600'000;  // a finished job can be read back for an hour
    std::size_t max_unfinished_per_owner = 2;   // queued or running, per user
    // The outcomes kept (a rejected file lists every bad row) are bounded in size too: a finished
    // job pushes out the oldest finished ones beyond this.
    std::size_t max_outcome_bytes = 64 * 1024 * 1024;
};

// The jobs of this process by id, in memory: they do not survive a restart, and finished ones
// expire after `keep_finished_ms`. Count and size are bounded: a new job pushes out the oldest
// finished one, and when every slot holds an unfinished job the new one is refused. All members lock one
// mutex; progress reports come every few thousand rows, so it is never contended for long.
class JobRegistry {
  public:
    JobRegistry(const Clock& clock, RegistryLimits limits = {});

    // Registers a queued job under a new random id (32 hex digits, 128 bits) and returns its
    // view. Throws ApiError 429 `too_many_jobs` when the owner already has the maximum of
    // unfinished jobs, 503 `jobs_busy` when the registry holds nothing but unfinished jobs.
    JobView Add(const std::string& kind, const Owner& owner, const std::string& request_id);

    // queued → running. False when the job is gone or no longer queued.
    bool Start(const std::string& id);
    // The latest progress of a running job.
    void Report(const std::string& id, const Progress& progress);
    // queued or running → succeeded (a 2xx outcome) or failed (anything else).
    void Finish(const std::string& id, Outcome outcome);

    // The job as its owner or an administrator sees it; nullopt for an unknown or expired id and
    // for anybody else's job, so that a job's existence is not disclosed.
    std::optional<JobView> FindFor(const std::string& id, std::int64_t viewer_user_id, const Scope& viewer_scope);
    // Any job, for the runner and tests.
    std::optional<JobView> Find(const std::string& id);

    std::size_t size();

  private:
    struct Entry {
        JobView view;
        std::size_t outcome_bytes = 0;
    };
    void ExpireLocked(std::int64_t now);
    bool EvictOldestFinishedLocked(const std::string& keep = {});
    void EraseLocked(std::map<std::string, Entry>::iterator it);

    const Clock& clock_;
    RegistryLimits limits_;
    std::mutex mutex_;
    std::map<std::string, Entry> jobs_;
    std::size_t outcome_bytes_ = 0;
};

}  // namespace tuoyu::jobs
