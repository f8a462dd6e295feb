// Statements that SQLite runs through its own API from the per-connection cache (INSERT, UPDATE,
// COUNT, BEGIN/COMMIT, rows as text) behave as they do through SOCI on PostgreSQL: values bound
// to the right placeholders, a failed statement leaves the connection usable, NULL where a count
// is expected is an error. The same contract on both engines.

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "storage/query.hpp"
#include "support/test_database.hpp"

namespace tuoyu {
namespace {

using storage::Query;

class StatementCacheTest : public ::testing::Test {
  protected:
    void SetUp() override {
        storage::Transaction tx = database_->Write();
        Query("CREATE TABLE cache_probe (id BIGINT PRIMARY KEY, name TEXT NOT NULL, note TEXT)").Execute(tx);
        tx.Commit();
    }

    void Insert(std::int64_t id, const std::string& name) {
        storage::Transaction tx = database_->Write();
        Query insert("INSERT INTO cache_probe (id, name) VALUES (");
        insert.Bind(id).Sql(", ").Bind(name).Sql(")").Execute(tx);
        tx.Commit();
    }

    std::int64_t CountNamed(const std::string& name) {
        storage::Transaction tx = database_->Read();
        Query count("SELECT COUNT(*) FROM cache_probe WHERE name = ");
        const std::int64_t found = count.Bind(name).Count(tx);
        tx.Commit();
        return found;
    }

    test::TestDatabase test_database_;
    std::unique_ptr<storage::Database> database_ = test_database_.Open(1);  // one connection: one cache
};

TEST_F(StatementCacheTest, ReusedStatementsBindEachExecutionsOwnValues) {
    for (int i = 1; i <= 5; ++i) {
        Insert(i, "name" + std::to_string(i % 2));
    }
    EXPECT_EQ(CountNamed("name0"), 2);
    EXPECT_EQ(CountNamed("name1"), 3);
    EXPECT_EQ(CountNamed("nobody"), 0);
}

TEST_F(StatementCacheTest, TwelvePlaceholdersKeepTheirOrder) {
    // :p1 and :p10, :p11 must not be confused.
    Query query("SELECT COUNT(*) FROM cache_probe WHERE id IN (");
    for (std::int64_t i = 0; i < 12; ++i) {
        query.Sql(i == 0 ? "" : ", ").Bind(i * 10);
    }
    query.Sql(")");
    for (int i = 0; i <= 120; i += 10) {
        Insert(i, "n");
    }
    storage::Transaction tx = database_->Read();
    EXPECT_EQ(query.Count(tx), 12);  // 0, 10 … 110; not 120
    tx.Commit();
}

TEST_F(StatementCacheTest, AFailedStatementLeavesTheConnectionUsable) {
    Insert(1, "first");
    {
        storage::Transaction tx = database_->Write();
        Query duplicate("INSERT INTO cache_probe (id, name) VALUES (");
        duplicate.Bind(std::int64_t{1}).Sql(", ").Bind(std::string("again")).Sql(")");
        EXPECT_ANY_THROW(duplicate.Execute(tx));
    }  // rolled back
    Insert(2, "second");
    EXPECT_EQ(CountNamed("first"), 1);
    EXPECT_EQ(CountNamed("again"), 0);
    EXPECT_EQ(CountNamed("second"), 1);
}

TEST_F(StatementCacheTest, ARolledBackWriteLeavesNothing) {
    {
        storage::Transaction tx = database_->Write();
        Query insert("INSERT INTO cache_probe (id, name) VALUES (");
        insert.Bind(std::int64_t{7}).Sql(", ").Bind(std::string("gone")).Sql(")").Execute(tx);
    }
    EXPECT_EQ(CountNamed("gone"), 0);
}

TEST_F(StatementCacheTest, NullWhereACountIsExpectedIsAnError) {
    storage::Transaction tx = database_->Read();
    EXPECT_ANY_THROW(Query("SELECT MAX(id) FROM cache_probe").Count(tx));
}

TEST_F(StatementCacheTest, RowsAsTextWithNulls) {
    Insert(1, "one");
    Insert(2, "two");
    storage::Transaction tx = database_->Read();
    for (int round = 0; round < 2; ++round) {  // the second round reuses the statement
        std::vector<std::string> seen;
        Query query("SELECT id, name, note FROM cache_probe WHERE id >= ");
        query.Bind(std::int64_t{1}).Sql(" ORDER BY id");
        query.ForEachText(tx, [&](const char* const* columns) {
            seen.push_back(std::string(columns[0]) + ":" + columns[1] + ":" + (columns[2] == nullptr ? "NULL" : "?"));
        });
        EXPECT_EQ(seen, (std::vector<std::string>{"1:one:NULL", "2:two:NULL"}));
    }
    tx.Commit();
}

}  // namespace
}  // namespace tuoyu
