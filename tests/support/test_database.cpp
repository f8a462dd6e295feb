#include "support/test_database.hpp"

#include <gtest/gtest.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <stdexcept>

namespace tuoyu::test {

bool UsePostgres() {
    const char* engine = std::getenv("TUOYU_TEST_ENGINE");
    return engine != nullptr && std::string(engine) == "postgres";
}

std::string TempFolder() {
    static std::atomic<int> counter{0};
    std::random_device random;
    const auto folder = std::filesystem::temp_directory_path() /
                        ("tuoyu-test-" + std::to_string(random()) + "-" + std::to_string(++counter));
    std::filesystem::create_directories(folder);
    return folder.string();
}

TestDatabase::TestDatabase() {
    if (!UsePostgres()) {
        folder_ = TempFolder();
        url_ = folder_ + "/test.db";
        return;
    }
    const char* base = std::getenv("TUOYU_TEST_PG_URL");
    if (base == nullptr || std::string(base).empty()) {
        throw std::runtime_error("TUOYU_TEST_ENGINE=postgres needs TUOYU_TEST_PG_URL (run the tests with make test)");
    }
    admin_url_ = base;
    std::random_device random;
    database_name_ = "t_" + std::to_string(random()) + std::to_string(random() % 1000);
    soci::session admin(soci::postgresql, storage::PostgresConnInfo(admin_url_));
    admin << "CREATE DATABASE " + database_name_ + " TEMPLATE template0";
    url_ = admin_url_.substr(0, admin_url_.rfind('/') + 1) + database_name_;
}

TestDatabase::~TestDatabase() {
    try {
        if (!folder_.empty()) {
            std::filesystem::remove_all(folder_);
        }
        if (!database_name_.empty()) {
            soci::session admin(soci::postgresql, storage::PostgresConnInfo(admin_url_));
            admin << "DROP DATABASE IF EXISTS " + database_name_ + " WITH (FORCE)";
        }
    } catch (const std::exception&) {
        // The cluster itself is thrown away at the end of the run.
    }
}

std::unique_ptr<storage::Database> TestDatabase::Open(std::size_t pool_size) const {
    storage::DatabaseOptions options;
    options.url = url_;
    options.pool_size = pool_size;
    return storage::Database::Open(options);
}

void TestDatabase::ExecuteRaw(const std::string& sql) const {
    if (UsePostgres()) {
        soci::session session(soci::postgresql, storage::PostgresConnInfo(url_));
        session << sql;
    } else {
        soci::session session(soci::sqlite3, "db=\"" + url_ + "\"");
        session << sql;
    }
}

}  // namespace tuoyu::test
