#pragma once

#include <memory>
#include <string>

#include "access/accounts.hpp"
#include "core/clock.hpp"
#include "storage/database.hpp"
#include "support/test_database.hpp"

namespace tuoyu::test {

// A migrated database on the engine under test with a small region tree of two counties
// (大洼区 211104 with town 211104004, 余姚市 330281 with town 330281001) and one institution in
// each town. Times come from a fixed clock.
class MigratedDatabase {
  public:
    MigratedDatabase();

    storage::Database& database() { return *database_; }
    FixedClock& clock() { return clock_; }
    const TestDatabase& raw() const { return test_database_; }

    std::int64_t daowa_institution() const { return daowa_institution_; }
    std::int64_t yuyao_institution() const { return yuyao_institution_; }

    // Inserts an account straight into storage (password hashing is the slow part: it is done
    // once per password and cached).
    std::int64_t AddUser(const std::string& username, access::Role role, const std::string& region = "",
                         std::int64_t institution = 0, const std::string& password = "Correct#Horse9");

  private:
    TestDatabase test_database_;
    FixedClock clock_{1'764'000'000'000};  // 2025-11-24, a Monday
    std::unique_ptr<storage::Database> database_;
    std::int64_t daowa_institution_ = 0;
    std::int64_t yuyao_institution_ = 0;
};

}  // namespace tuoyu::test
