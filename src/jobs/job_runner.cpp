#include "jobs/job_runner.hpp"

#include <iostream>

#include "core/error.hpp"

namespace tuoyu::jobs {

namespace {

// The error object of the API (the router's ErrorReply), for a job that ended in an error.
Outcome ErrorOutcome(int status, const std::string& code, const std::string& field, const std::string& zh,
                     const std::string& en, const std::string& request_id) {
    return {status, nlohmann::json{{"code", code},
                                   {"field", field.empty() ? nlohmann::json() : nlohmann::json(field)},
                                   {"message_zh", zh},
                                   {"message_en", en},
                                   {"request_id", request_id}}};
}

Outcome Stopping(const std::string& request_id) {
    return ErrorOutcome(503, "server_stopping", "", "服务器正在停止，任务未完成，未写入任何数据；请稍后重新提交",
                        "The server is stopping: the job did not finish and wrote nothing; submit it again later",
                        request_id);
}

}  // namespace

JobRunner::JobRunner(const Clock& clock, RunnerOptions options)
    : options_(options), registry_(clock, options.registry) {
    const std::size_t threads = options_.threads == 0 ? 1 : options_.threads;
    for (std::size_t i = 0; i < threads; ++i) {
        threads_.emplace_back([this] { Work(); });
    }
}

JobRunner::~JobRunner() {
    Stop();
}

JobView JobRunner::Submit(const std::string& kind, const Owner& owner, const std::string& request_id,
                          JobFunction function) {
    std::lock_guard lock(mutex_);
    if (stopping_) {
        throw ApiError(503, "server_stopping", "", "服务器正在停止，请稍后重试",
                       "The server is stopping; try again later");
    }
    if (queue_.size() >= options_.max_queued) {
        throw ApiError(503, "job_queue_full", "", "已有 " + std::to_string(queue_.size()) + " 个任务在排队，请稍后重试",
                       std::to_string(queue_.size()) + " jobs are waiting already; try again later");
    }
    JobView view = registry_.Add(kind, owner, request_id);
    queue_.push_back({view.id, request_id, std::move(function)});
    wake_.notify_one();
    return view;
}

void JobRunner::Work() {
    for (;;) {
        Queued job;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (queue_.empty()) {
                return;
            }
            job = std::move(queue_.front());
            queue_.pop_front();
            ++running_;
        }
        if (registry_.Start(job.id)) {
            Run(job);
        }
        std::lock_guard lock(mutex_);
        --running_;
        finished_.notify_all();
    }
}

void JobRunner::Run(Queued& job) {
    const ProgressFn report = [this, &job](const Progress& progress) {
        if (abort_.load()) {
            throw Aborted();
        }
        registry_.Report(job.id, progress);
    };
    Outcome outcome;
    try {
        outcome = job.function(report);
    } catch (const Aborted&) {
        outcome = Stopping(job.request_id);
        std::lock_guard lock(mutex_);
        ++aborted_;
    } catch (const ApiError& error) {
        outcome = ErrorOutcome(error.status(), error.code(), error.field(), error.message_zh(), error.message_en(),
                               job.request_id);
    } catch (const std::exception& error) {
        std::cerr << "tuoyu: job " << job.id << " (request " << job.request_id << ") failed: " << error.what() << '\n';
        outcome = ErrorOutcome(500, "internal_error", "", "服务器内部错误，请稍后重试",
                               "Internal server error; try again later", job.request_id);
    }
    job.function = nullptr;  // frees the uploaded file before the outcome is published
    registry_.Finish(job.id, std::move(outcome));
}

std::size_t JobRunner::Stop(std::chrono::milliseconds grace) {
    std::deque<Queued> dropped;
    {
        std::lock_guard lock(mutex_);
        if (threads_.empty()) {
            return aborted_;
        }
        stopping_ = true;
        dropped.swap(queue_);
        wake_.notify_all();
    }
    for (const Queued& job : dropped) {
        registry_.Finish(job.id, Stopping(job.request_id));
    }
    dropped.clear();
    {
        std::unique_lock lock(mutex_);
        finished_.wait_for(lock, grace, [this] { return running_ == 0; });
    }
    abort_ = true;
    for (std::thread& thread : threads_) {
        thread.join();
    }
    threads_.clear();
    std::lock_guard lock(mutex_);
    return aborted_;
}

}  // namespace tuoyu::jobs
