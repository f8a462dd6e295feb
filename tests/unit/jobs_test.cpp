// The background jobs of src/jobs: the registry's states, expiry, bounds and owner check with a
// fixed clock, and the runner's worker, queue limit and shutdown with real threads.

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <set>
#include <thread>

#include "core/error.hpp"
#include "jobs/job_json.hpp"
#include "jobs/job_runner.hpp"

namespace tuoyu::jobs {
namespace {

using namespace std::chrono_literals;

constexpr std::int64_t kStart = 1'750'000'000'000;  // 2025-06-15

Owner UserOf(std::int64_t id, const std::string& region = "211104000000") {
    return {id, Scope::Region(region)};
}

int StatusOf(const std::function<void()>& call) {
    try {
        call();
    } catch (const ApiError& error) {
        return error.status();
    }
    return 0;
}

std::string CodeOf(const std::function<void()>& call) {
    try {
        call();
    } catch (const ApiError& error) {
        return error.code();
    }
    return {};
}

TEST(JobRegistryTest, AJobGoesFromQueuedToRunningToSucceededOrFailed) {
    FixedClock clock(kStart);
    JobRegistry registry(clock);
    const JobView queued = registry.Add("population_import", UserOf(7), "req-1");
    EXPECT_EQ(queued.state, State::kQueued);
    EXPECT_EQ(queued.created_at, kStart);
    EXPECT_EQ(queued.started_at, 0);
    EXPECT_FALSE(queued.outcome.has_value());

    // Progress is kept only while the job runs.
    registry.Report(queued.id, {"parsing", 5, 10, ""});
    EXPECT_TRUE(registry.Find(queued.id)->progress.phase.empty());
    clock.Advance(1000);
    ASSERT_TRUE(registry.Start(queued.id));
    EXPECT_FALSE(registry.Start(queued.id));  // only once
    registry.Report(queued.id, {"writing", 40, 100, "note"});
    JobView running = *registry.Find(queued.id);
    EXPECT_EQ(running.state, State::kRunning);
    EXPECT_EQ(running.started_at, kStart + 1000);
    EXPECT_EQ(running.progress.phase, "writing");
    EXPECT_EQ(running.progress.done, 40u);
    EXPECT_EQ(running.progress.total, 100u);

    clock.Advance(1000);
    registry.Finish(queued.id, {200, {{"created", 3}}});
    const JobView done = *registry.Find(queued.id);
    EXPECT_EQ(done.state, State::kSucceeded);
    EXPECT_EQ(done.finished_at, kStart + 2000);
    EXPECT_EQ(done.outcome->body["created"], 3);
    // A finished job stays as it ended.
    registry.Finish(queued.id, {500, {}});
    registry.Report(queued.id, {"parsing", 1, 1, ""});
    EXPECT_EQ(registry.Find(queued.id)->state, State::kSucceeded);
    EXPECT_EQ(registry.Find(queued.id)->progress.phase, "writing");

    const JobView rejected = registry.Add("population_import", UserOf(7), "req-2");
    registry.Start(rejected.id);
    registry.Finish(rejected.id, {422, {{"code", "import_rejected"}}});
    EXPECT_EQ(registry.Find(rejected.id)->state, State::kFailed);
    EXPECT_EQ(StateCode(State::kFailed), "failed");
}

TEST(JobRegistryTest, IdsAreRandomAndUnguessable) {
    FixedClock clock(kStart);
    JobRegistry registry(clock, {.max_jobs = 100, .max_unfinished_per_owner = 100});
    std::set<std::string> ids;
    for (int i = 0; i < 50; ++i) {
        const std::string id = registry.Add("k", UserOf(1), "r").id;
        EXPECT_EQ(id.size(), 32u);
        EXPECT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos) << id;
        ids.insert(id);
    }
    EXPECT_EQ(ids.size(), 50u);
}

TEST(JobRegistryTest, OnlyTheOwnerAndTheAdministratorSeeAJob) {
    FixedClock clock(kStart);
    JobRegistry registry(clock);
    const std::string id = registry.Add("population_import", UserOf(7), "r").id;
    EXPECT_TRUE(registry.FindFor(id, 7, Scope::Region("211104000000")).has_value());
    // Another user of the same county, another county's regulator, an institution: nothing.
    EXPECT_FALSE(registry.FindFor(id, 8, Scope::Region("211104000000")).has_value());
    EXPECT_FALSE(registry.FindFor(id, 9, Scope::Region("330281000000")).has_value());
    EXPECT_FALSE(registry.FindFor(id, 10, Scope::Institution(1, "211104004000")).has_value());
    EXPECT_FALSE(registry.FindFor(id, 0, Scope::None()).has_value());
    // The administrator's scope is everything.
    EXPECT_TRUE(registry.FindFor(id, 1, Scope::All()).has_value());
    EXPECT_FALSE(registry.FindFor("0123456789abcdef0123456789abcdef", 7, Scope::All()).has_value());
}

TEST(JobRegistryTest, FinishedJobsExpireUnfinishedOnesDoNot) {
    FixedClock clock(kStart);
    JobRegistry registry(clock, {.keep_finished_ms = 60'000});
    const std::string finished = registry.Add("k", UserOf(1), "r").id;
    const std::string running = registry.Add("k", UserOf(2), "r").id;
    registry.Start(finished);
    registry.Start(running);
    registry.Finish(finished, {200, {}});
    clock.Advance(59'999);
    EXPECT_TRUE(registry.Find(finished).has_value());
    clock.Advance(1);
    EXPECT_FALSE(registry.Find(finished).has_value());
    clock.Advance(10 * 60'000);
    EXPECT_TRUE(registry.Find(running).has_value());
    EXPECT_EQ(registry.size(), 1u);
}

TEST(JobRegistryTest, TheCountIsBoundedByPushingOutTheOldestFinished) {
    FixedClock clock(kStart);
    JobRegistry registry(clock, {.max_jobs = 3, .max_unfinished_per_owner = 10});
    std::vector<std::string> ids;
    for (int i = 0; i < 3; ++i) {
        ids.push_back(registry.Add("k", UserOf(1), "r").id);
        registry.Start(ids.back());
    }
    registry.Finish(ids[1], {200, {}});
    clock.Advance(10);
    registry.Finish(ids[0], {200, {}});
    // Full: the oldest finished (ids[1]) makes room.
    const std::string fourth = registry.Add("k", UserOf(1), "r").id;
    EXPECT_EQ(registry.size(), 3u);
    EXPECT_FALSE(registry.Find(ids[1]).has_value());
    EXPECT_TRUE(registry.Find(ids[0]).has_value());
    const std::string fifth = registry.Add("k", UserOf(1), "r").id;
    EXPECT_FALSE(registry.Find(ids[0]).has_value());
    // Now every slot holds an unfinished job: refused, nothing pushed out.
    EXPECT_EQ(StatusOf([&] { registry.Add("k", UserOf(1), "r"); }), 503);
    EXPECT_EQ(CodeOf([&] { registry.Add("k", UserOf(1), "r"); }), "jobs_busy");
    EXPECT_TRUE(registry.Find(ids[2]).has_value());
    EXPECT_TRUE(registry.Find(fourth).has_value());
    EXPECT_TRUE(registry.Find(fifth).has_value());
}

TEST(JobRegistryTest, KeptOutcomesAreBoundedInSize) {
    FixedClock clock(kStart);
    JobRegistry registry(clock, {.max_unfinished_per_owner = 10, .max_outcome_bytes = 1000});
    const std::string big(600, 'x');
    const std::string first = registry.Add("k", UserOf(1), "r").id;
    registry.Start(first);
    registry.Finish(first, {422, {{"errors", big}}});
    clock.Advance(10);
    const std::string second = registry.Add("k", UserOf(1), "r").id;
    registry.Start(second);
    registry.Finish(second, {422, {{"errors", big}}});
    EXPECT_FALSE(registry.Find(first).has_value());
    EXPECT_TRUE(registry.Find(second).has_value());  // the newest is kept even alone over the bound
}

TEST(JobRegistryTest, OneOwnerHasAtMostTwoUnfinishedJobs) {
    FixedClock clock(kStart);
    JobRegistry registry(clock);
    const std::string first = registry.Add("k", UserOf(1), "r").id;
    registry.Add("k", UserOf(1), "r");
    EXPECT_EQ(StatusOf([&] { registry.Add("k", UserOf(1), "r"); }), 429);
    EXPECT_EQ(CodeOf([&] { registry.Add("k", UserOf(1), "r"); }), "too_many_jobs");
    EXPECT_NO_THROW(registry.Add("k", UserOf(2), "r"));  // others are not held up
    registry.Start(first);
    registry.Finish(first, {200, {}});
    EXPECT_NO_THROW(registry.Add("k", UserOf(1), "r"));
}

TEST(JobJsonTest, ShowsStateProgressAndTheOutcomeButNotTheOwner) {
    JobView job;
    job.id = "abc";
    job.kind = "population_import";
    job.owner = UserOf(7);
    job.state = State::kRunning;
    job.progress = {"writing", 2000, 60000, ""};
    job.created_at = kStart;
    job.started_at = kStart + 5;
    nlohmann::json json = JobJson(job);
    EXPECT_EQ(json["state"], "running");
    EXPECT_EQ(json["progress"]["phase"], "writing");
    EXPECT_EQ(json["progress"]["done"], 2000);
    EXPECT_EQ(json["progress"]["total"], 60000);
    EXPECT_EQ(json["created_at"], "2025-06-15T15:06:40.000Z");
    EXPECT_TRUE(json["finished_at"].is_null());
    EXPECT_TRUE(json["status"].is_null());
    EXPECT_TRUE(json["result"].is_null());
    EXPECT_TRUE(json["error"].is_null());
    EXPECT_FALSE(json.contains("owner"));
    EXPECT_EQ(json.dump().find("211104"), std::string::npos);

    job.state = State::kFailed;
    job.finished_at = kStart + 9;
    job.outcome = Outcome{422, {{"code", "import_rejected"}}};
    json = JobJson(job);
    EXPECT_EQ(json["status"], 422);
    EXPECT_EQ(json["error"]["code"], "import_rejected");
    EXPECT_TRUE(json["result"].is_null());
}

// Waits until the job has finished (the worker runs on its own thread).
JobView Await(JobRunner& runner, const std::string& id) {
    for (int i = 0; i < 5000; ++i) {
        std::optional<JobView> job = runner.registry().Find(id);
        if (job && job->outcome) {
            return *job;
        }
        std::this_thread::sleep_for(1ms);
    }
    ADD_FAILURE() << "job " << id << " did not finish";
    return {};
}

TEST(JobRunnerTest, RunsJobsAndShowsTheirProgressWhileTheyRun) {
    SystemClock clock;
    JobRunner runner(clock);
    std::promise<void> reported;
    std::promise<void> go_on;
    std::shared_future<void> go_on_future = go_on.get_future().share();
    const JobView job = runner.Submit("k", UserOf(1), "req-9", [&](const ProgressFn& progress) {
        progress({"writing", 500, 1000, ""});
        reported.set_value();
        go_on_future.wait();
        return Outcome{200, {{"imported", 1000}}};
    });
    EXPECT_EQ(job.state, State::kQueued);
    reported.get_future().wait();
    const JobView running = *runner.registry().Find(job.id);
    EXPECT_EQ(running.state, State::kRunning);
    EXPECT_EQ(running.progress.done, 500u);
    go_on.set_value();
    const JobView done = Await(runner, job.id);
    EXPECT_EQ(done.state, State::kSucceeded);
    EXPECT_EQ(done.outcome->body["imported"], 1000);
}

TEST(JobRunnerTest, AnErrorEndsTheJobWithTheErrorObject) {
    SystemClock clock;
    JobRunner runner(clock);
    const JobView refused = runner.Submit("k", UserOf(1), "req-403", [](const ProgressFn&) -> Outcome {
        throw ApiError(403, "out_of_scope", "", "不在范围内", "Outside your data scope");
    });
    JobView done = Await(runner, refused.id);
    EXPECT_EQ(done.state, State::kFailed);
    EXPECT_EQ(done.outcome->status, 403);
    EXPECT_EQ(done.outcome->body["code"], "out_of_scope");
    EXPECT_EQ(done.outcome->body["message_en"], "Outside your data scope");
    EXPECT_EQ(done.outcome->body["request_id"], "req-403");

    const JobView broken = runner.Submit(
        "k", UserOf(1), "req-500", [](const ProgressFn&) -> Outcome { throw std::runtime_error("disk on fire"); });
    done = Await(runner, broken.id);
    EXPECT_EQ(done.outcome->status, 500);
    EXPECT_EQ(done.outcome->body["code"], "internal_error");
    EXPECT_EQ(done.outcome->body.dump().find("disk on fire"), std::string::npos);  // not shown to clients
}

TEST(JobRunnerTest, AFullQueueIsRefusedWithABilingualError) {
    SystemClock clock;
    JobRunner runner(clock, {.threads = 1, .max_queued = 1, .registry = {.max_unfinished_per_owner = 10}});
    std::promise<void> started;
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    const JobView first = runner.Submit("k", UserOf(1), "r", [&](const ProgressFn&) {
        started.set_value();
        released.wait();
        return Outcome{};
    });
    started.get_future().wait();  // the worker holds the first; the queue is empty
    const JobView second = runner.Submit("k", UserOf(1), "r", [](const ProgressFn&) { return Outcome{}; });
    try {
        runner.Submit("k", UserOf(1), "r", [](const ProgressFn&) { return Outcome{}; });
        ADD_FAILURE() << "a third job was queued";
    } catch (const ApiError& error) {
        EXPECT_EQ(error.status(), 503);
        EXPECT_EQ(error.code(), "job_queue_full");
        EXPECT_FALSE(error.message_zh().empty());
        EXPECT_FALSE(error.message_en().empty());
    }
    release.set_value();
    EXPECT_EQ(Await(runner, first.id).state, State::kSucceeded);
    EXPECT_EQ(Await(runner, second.id).state, State::kSucceeded);
}

// What a job owns is destroyed when the job ends, however it ends.
struct Flag {
    explicit Flag(std::atomic<int>& count) : count_(count) {}
    ~Flag() { ++count_; }
    std::atomic<int>& count_;
};

TEST(JobRunnerTest, StopFailsQueuedJobsAndAbortsTheRunningOneAfterTheGrace) {
    SystemClock clock;
    JobRunner runner(clock, {.threads = 1, .max_queued = 4, .registry = {.max_unfinished_per_owner = 10}});
    std::promise<void> started;
    std::atomic<int> unwound{0};
    // Reports progress for ever: only the abort ends it.
    const JobView running = runner.Submit("k", UserOf(1), "req-run", [&](const ProgressFn& progress) -> Outcome {
        Flag flag(unwound);
        started.set_value();
        for (std::uint64_t rows = 0;; ++rows) {
            progress({"writing", rows, 0, ""});
            std::this_thread::sleep_for(1ms);
        }
    });
    const JobView queued = runner.Submit("k", UserOf(1), "req-wait", [](const ProgressFn&) { return Outcome{}; });
    started.get_future().wait();
    const auto before = std::chrono::steady_clock::now();
    EXPECT_EQ(runner.Stop(50ms), 1u);
    EXPECT_GE(std::chrono::steady_clock::now() - before, 50ms);  // the grace was given
    EXPECT_EQ(unwound.load(), 1);

    const JobView aborted = *runner.registry().Find(running.id);
    EXPECT_EQ(aborted.state, State::kFailed);
    EXPECT_EQ(aborted.outcome->status, 503);
    EXPECT_EQ(aborted.outcome->body["code"], "server_stopping");
    EXPECT_EQ(aborted.outcome->body["request_id"], "req-run");
    const JobView dropped = *runner.registry().Find(queued.id);
    EXPECT_EQ(dropped.state, State::kFailed);
    EXPECT_EQ(dropped.outcome->body["code"], "server_stopping");
    EXPECT_EQ(dropped.started_at, 0);

    EXPECT_EQ(CodeOf([&] { runner.Submit("k", UserOf(2), "r", [](const ProgressFn&) { return Outcome{}; }); }),
              "server_stopping");
    EXPECT_EQ(runner.Stop(), 1u);  // a second stop is harmless
}

TEST(JobRunnerTest, StopWaitsForAJobThatFinishesWithinTheGrace) {
    SystemClock clock;
    JobRunner runner(clock);
    std::promise<void> started;
    const JobView job = runner.Submit("k", UserOf(1), "r", [&](const ProgressFn& progress) {
        started.set_value();
        std::this_thread::sleep_for(30ms);
        progress({"writing", 1, 1, ""});
        return Outcome{200, {{"imported", 1}}};
    });
    started.get_future().wait();
    EXPECT_EQ(runner.Stop(5s), 0u);
    EXPECT_EQ(runner.registry().Find(job.id)->state, State::kSucceeded);
}

}  // namespace
}  // namespace tuoyu::jobs
