// SQLite's write-ahead log is copied back into the database file by the Database's own thread,
// not inside a commit (decision 0006): commits never checkpoint, yet the log does not grow
// without bound. PostgreSQL has no such log; the test is skipped there.

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "storage/query.hpp"
#include "support/test_database.hpp"

namespace tuoyu {
namespace {

using storage::Query;

TEST(WalCheckpointerTest, TheLogIsCheckpointedInTheBackgroundAndStaysBounded) {
    if (test::UsePostgres()) {
        GTEST_SKIP() << "SQLite only";
    }
    test::TestDatabase test_database;
    auto database = test_database.Open(2);
    {
        storage::Transaction tx = database->Write();
        Query("CREATE TABLE filler (id BIGINT PRIMARY KEY, payload TEXT NOT NULL)").Execute(tx);
        tx.Commit();
    }
    // About 5,000 pages of 4 KB (20 MB) in 20 commits, a little apart. The commits no longer
    // checkpoint themselves (that is the point), so without the background thread the log would
    // hold all 20 MB; with it, the log starts over after each complete checkpoint and its file
    // stays near the threshold of 1,000 pages.
    const std::string payload(2000, 'x');
    std::int64_t id = 0;
    for (int commit = 0; commit < 20; ++commit) {
        storage::Transaction tx = database->Write();
        for (int row = 0; row < 500; ++row) {
            Query insert("INSERT INTO filler (id, payload) VALUES (");
            insert.Bind(++id).Sql(", ").Bind(payload).Sql(")").Execute(tx);
        }
        tx.Commit();
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    EXPECT_GT(database->BackgroundCheckpoints(), 0);
    const auto log_bytes = std::filesystem::file_size(test_database.url() + "-wal");
    EXPECT_LT(log_bytes, 12u * 1024 * 1024) << "the log was not checkpointed";
    storage::Transaction tx = database->Read();
    EXPECT_EQ(Query("SELECT COUNT(*) FROM filler").Count(tx), id);
    tx.Commit();
}

}  // namespace
}  // namespace tuoyu
