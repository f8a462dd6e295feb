#include "jobs/job_registry.hpp"

#include <algorithm>

#include "core/crypto.hpp"
#include "core/error.hpp"

namespace tuoyu::jobs {

std::string_view StateCode(State state) {
    switch (state) {
        case State::kQueued:
            return "queued";
        case State::kRunning:
            return "running";
        case State::kSucceeded:
            return "succeeded";
        case State::kFailed:
            return "failed";
    }
    return "failed";
}

namespace {

bool Finished(const JobView& job) {
    return job.state == State::kSucceeded || job.state == State::kFailed;
}

}  // namespace

JobRegistry::JobRegistry(const Clock& clock, RegistryLimits limits) : clock_(clock), limits_(limits) {}

JobView JobRegistry::Add(const std::string& kind, const Owner& owner, const std::string& request_id) {
    const std::int64_t now = clock_.NowMillis();
    std::lock_guard lock(mutex_);
    ExpireLocked(now);
    const auto unfinished = std::count_if(jobs_.begin(), jobs_.end(), [&](const auto& entry) {
        return !Finished(entry.second.view) && entry.second.view.owner.user_id == owner.user_id;
    });
    if (static_cast<std::size_t>(unfinished) >= limits_.max_unfinished_per_owner) {
        throw ApiError(429, "too_many_jobs", "",
                       "您已有 " + std::to_string(unfinished) + " 个任务在排队或运行，请等其完成后再提交",
                       "You already have " + std::to_string(unfinished) +
                           " jobs queued or running; wait for them to finish before starting another");
    }
    if (jobs_.size() >= limits_.max_jobs && !EvictOldestFinishedLocked()) {
        throw ApiError(503, "jobs_busy", "", "服务器正忙于其他任务，请稍后重试",
                       "The server is busy with other jobs; try again later");
    }
    Entry entry;
    do {
        entry.view.id = crypto::ToHex(crypto::RandomBytes(16));
    } while (jobs_.count(entry.view.id) != 0);
    entry.view.kind = kind;
    entry.view.owner = owner;
    entry.view.request_id = request_id;
    entry.view.created_at = now;
    const std::string id = entry.view.id;
    return jobs_.emplace(id, std::move(entry)).first->second.view;
}

bool JobRegistry::Start(const std::string& id) {
    const std::int64_t now = clock_.NowMillis();
    std::lock_guard lock(mutex_);
    auto it = jobs_.find(id);
    if (it == jobs_.end() || it->second.view.state != State::kQueued) {
        return false;
    }
    it->second.view.state = State::kRunning;
    it->second.view.started_at = now;
    return true;
}

void JobRegistry::Report(const std::string& id, const Progress& progress) {
    std::lock_guard lock(mutex_);
    auto it = jobs_.find(id);
    if (it != jobs_.end() && it->second.view.state == State::kRunning) {
        it->second.view.progress = progress;
    }
}

void JobRegistry::Finish(const std::string& id, Outcome outcome) {
    const std::int64_t now = clock_.NowMillis();
    // Measured outside the lock: the list of a rejected file's bad rows can be megabytes.
    const std::size_t bytes = outcome.body.dump().size();
    std::lock_guard lock(mutex_);
    auto it = jobs_.find(id);
    if (it == jobs_.end() || Finished(it->second.view)) {
        return;
    }
    JobView& job = it->second.view;
    job.state = outcome.succeeded() ? State::kSucceeded : State::kFailed;
    job.outcome = std::move(outcome);
    job.finished_at = now;
    it->second.outcome_bytes = bytes;
    outcome_bytes_ += bytes;
    while (outcome_bytes_ > limits_.max_outcome_bytes && EvictOldestFinishedLocked(id)) {
    }
}

std::optional<JobView> JobRegistry::FindFor(const std::string& id, std::int64_t viewer_user_id,
                                            const Scope& viewer_scope) {
    std::optional<JobView> job = Find(id);
    if (!job) {
        return std::nullopt;
    }
    const bool own = viewer_user_id != 0 && job->owner.user_id == viewer_user_id;
    if (!own && viewer_scope.kind != Scope::Kind::kAll) {
        return std::nullopt;
    }
    return job;
}

std::optional<JobView> JobRegistry::Find(const std::string& id) {
    const std::int64_t now = clock_.NowMillis();
    std::lock_guard lock(mutex_);
    ExpireLocked(now);
    auto it = jobs_.find(id);
    if (it == jobs_.end()) {
        return std::nullopt;
    }
    return it->second.view;
}

std::size_t JobRegistry::size() {
    const std::int64_t now = clock_.NowMillis();
    std::lock_guard lock(mutex_);
    ExpireLocked(now);
    return jobs_.size();
}

void JobRegistry::ExpireLocked(std::int64_t now) {
    for (auto it = jobs_.begin(); it != jobs_.end();) {
        const JobView& job = it->second.view;
        auto next = std::next(it);
        if (Finished(job) && now - job.finished_at >= limits_.keep_finished_ms) {
            EraseLocked(it);
        }
        it = next;
    }
}

bool JobRegistry::EvictOldestFinishedLocked(const std::string& keep) {
    auto oldest = jobs_.end();
    for (auto it = jobs_.begin(); it != jobs_.end(); ++it) {
        const JobView& job = it->second.view;
        if (Finished(job) && job.id != keep &&
            (oldest == jobs_.end() || job.finished_at < oldest->second.view.finished_at)) {
            oldest = it;
        }
    }
    if (oldest == jobs_.end()) {
        return false;
    }
    EraseLocked(oldest);
    return true;
}

void JobRegistry::EraseLocked(std::map<std::string, Entry>::iterator it) {
    outcome_bytes_ -= it->second.outcome_bytes;
    jobs_.erase(it);
}

}  // namespace tuoyu::jobs
