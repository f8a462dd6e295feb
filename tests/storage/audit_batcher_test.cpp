#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <thread>

#include "audit/audit_batcher.hpp"
#include "storage/query.hpp"
#include "support/fixtures.hpp"

namespace tuoyu {
namespace {

audit::Event ReadOf(int id) {
    audit::Event event;
    event.user_id = 1;
    event.username = "daowa";
    event.role = "regulator";
    event.method = "GET";
    event.route = "/api/v1/users/{id}";
    event.object_type = "user";
    event.object_id = std::to_string(id);
    event.region_code = "211104000000";
    event.outcome = "ok";
    event.digest = audit::DigestOf("", std::to_string(id));
    event.request_id = "r" + std::to_string(id);
    return event;
}

TEST(AuditBatcherTest, EveryRecordIsCommittedBeforeItsCallbackAndTheChainHolds) {
    test::MigratedDatabase db;
    audit::AuditBatcher batcher(db.database(), db.clock());
    constexpr int kThreads = 4;
    constexpr int kEach = 50;
    std::atomic<int> committed{0};
    std::atomic<int> missing_when_told{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kEach; ++i) {
                const int id = t * kEach + i;
                std::promise<void> told;
                batcher.Submit({ReadOf(id)}, [&, id](bool ok) {
                    if (ok) {
                        ++committed;
                        // The callback runs after the commit: another connection sees the record.
                        storage::Transaction tx = db.database().Read();
                        storage::Query query("SELECT COUNT(*) FROM audit_log WHERE object_id = ");
                        if (query.Bind(std::to_string(id)).Count(tx) != 1) {
                            ++missing_when_told;
                        }
                        tx.Commit();
                    }
                    told.set_value();
                });
                told.get_future().wait();
            }
        });
    }
    for (std::thread& thread : threads) {
        thread.join();
    }
    batcher.Stop();
    EXPECT_EQ(committed.load(), kThreads * kEach);
    EXPECT_EQ(missing_when_told.load(), 0);
    const auto report = audit::AuditLog::Verify(db.database());
    EXPECT_TRUE(report.intact) << report.problem;
    EXPECT_EQ(report.records, kThreads * kEach);
}

TEST(AuditBatcherTest, AfterStopSubmissionsAreWrittenAtOnce) {
    test::MigratedDatabase db;
    audit::AuditBatcher batcher(db.database(), db.clock());
    batcher.Stop();
    bool told = false;
    batcher.Submit({ReadOf(1), ReadOf(2)}, [&](bool ok) { told = ok; });
    EXPECT_TRUE(told);
    EXPECT_EQ(audit::AuditLog::Verify(db.database()).records, 2);
}

}  // namespace
}  // namespace tuoyu
