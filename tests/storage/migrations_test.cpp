#include <gtest/gtest.h>
#include <soci/soci.h>

#include "core/clock.hpp"
#include "storage/migrations.hpp"
#include "storage/query.hpp"
#include "support/test_database.hpp"

namespace tuoyu {
namespace {

TEST(MigrationsTest, MigratingTwiceChangesNothing) {
    test::TestDatabase db;
    auto database = db.Open();
    FixedClock clock(1'700'000'000'000);
    const auto first = storage::Migrate(*database, clock);
    EXPECT_FALSE(first.applied.empty());
    const auto second = storage::Migrate(*database, clock);
    EXPECT_TRUE(second.applied.empty());
    EXPECT_EQ(first.current_version, second.current_version);
    storage::Transaction tx = database->Read();
    EXPECT_EQ(storage::Query("SELECT COUNT(*) FROM schema_migrations").Count(tx),
              static_cast<std::int64_t>(storage::EmbeddedMigrations().size()));
}

}  // namespace
}  // namespace tuoyu
