#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "jobs/job_registry.hpp"

namespace tuoyu::jobs {

// The work of one job. It reports progress through the function it is given and returns how it
// ended; an ApiError it throws becomes a failed outcome with that error object, Aborted (from
// the reporter, when the server stops) a 503, anything else a 500. The work owns what it needs
// (a copy of the uploaded file, not a reference into the request, which is gone by then).
using JobFunction = std::function<Outcome(const ProgressFn& progress)>;

struct RunnerOptions {
    std::size_t threads = 1;     // imports write in one transaction each: more would queue on the lock
    std::size_t max_queued = 4;  // each waiting job holds its uploaded file in memory
    RegistryLimits registry;
};

// A bounded worker pool with a JobRegistry: Submit answers at once with the queued job, the
// worker threads run jobs in the order submitted, and clients poll the registry.
class JobRunner {
  public:
    explicit JobRunner(const Clock& clock, RunnerOptions options = {});
    ~JobRunner();  // Stop() with no grace, if not stopped yet
    JobRunner(const JobRunner&) = delete;
    JobRunner& operator=(const JobRunner&) = delete;

    // Queues the work. Throws ApiError 503 `job_queue_full` when max_queued jobs are waiting,
    // 503 `server_stopping` after Stop(), and what JobRegistry::Add throws.
    JobView Submit(const std::string& kind, const Owner& owner, const std::string& request_id, JobFunction function);

    JobRegistry& registry() { return registry_; }

    // Shuts down: refuses new jobs, fails the queued ones (503 `server_stopping`), gives running
    // jobs up to `grace` to finish, then aborts them (their next progress report throws Aborted,
    // so an import rolls back) and joins the threads. Returns the number of jobs aborted. Called
    // from one thread (the serve command, then the destructor).
    std::size_t Stop(std::chrono::milliseconds grace = std::chrono::milliseconds(0));

  private:
    struct Queued {
        std::string id;
        std::string request_id;
        JobFunction function;
    };
    void Work();
    void Run(Queued& job);

    RunnerOptions options_;
    JobRegistry registry_;
    std::mutex mutex_;
    std::condition_variable wake_;      // a job was queued, or stopping
    std::condition_variable finished_;  // a running job finished
    std::deque<Queued> queue_;
    std::size_t running_ = 0;
    bool stopping_ = false;
    std::atomic<bool> abort_{false};
    std::size_t aborted_ = 0;
    std::vector<std::thread> threads_;
};

}  // namespace tuoyu::jobs
