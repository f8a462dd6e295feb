#pragma once

#include <memory>
#include <string>

#include "storage/database.hpp"

namespace tuoyu::test {

// Which engine this test process runs on: TUOYU_TEST_ENGINE=sqlite (default) or postgres.
// PostgreSQL needs TUOYU_TEST_PG_URL (scripts/test.sh starts a cluster and sets it); without it
// a postgres run fails rather than passing silently.
bool UsePostgres();

// A new empty database for one test: a SQLite file in a fresh temporary folder, or a new
// PostgreSQL database in the test cluster. It is removed when the object goes.
class TestDatabase {
  public:
    TestDatabase();
    ~TestDatabase();
    TestDatabase(const TestDatabase&) = delete;
    TestDatabase& operator=(const TestDatabase&) = delete;

    const std::string& url() const { return url_; }
    std::unique_ptr<storage::Database> Open(std::size_t pool_size = 2) const;

    // Runs one statement outside the application, as an intruder with database access would.
    void ExecuteRaw(const std::string& sql) const;

  private:
    std::string url_;
    std::string folder_;     // SQLite
    std::string admin_url_;  // PostgreSQL: where to drop the database afterwards
    std::string database_name_;
};

std::string TempFolder();

}  // namespace tuoyu::test
