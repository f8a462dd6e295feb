#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/test_database.hpp"

namespace tuoyu {
namespace {

using test::RunTuoyu;

bool Contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

TEST(CliTest, EveryCommandHasHelpAndUnknownOnesAreRefused) {
    for (const char* command : {"serve", "migrate", "demo", "user", "audit", "backup", "routes", "version"}) {
        const auto result = RunTuoyu({command, "--help"});
        EXPECT_EQ(result.exit_code, 0) << command;
        EXPECT_TRUE(Contains(result.output, "Usage:")) << command << ": " << result.output;
    }
    EXPECT_EQ(RunTuoyu({"frobnicate"}).exit_code, 2);
    EXPECT_EQ(RunTuoyu({"migrate", "--colour", "red"}).exit_code, 2);
    EXPECT_TRUE(Contains(RunTuoyu({"version"}).output, "tuoyu "));
}

TEST(CliTest, MigrateTwiceChangesNothing) {
    test::TestDatabase db;
    const auto first = RunTuoyu({"migrate", "--database", db.url()});
    ASSERT_EQ(first.exit_code, 0) << first.output;
    EXPECT_TRUE(Contains(first.output, "applied migration 0001_platform.sql"));
    const auto second = RunTuoyu({"migrate", "--database", db.url()});
    ASSERT_EQ(second.exit_code, 0) << second.output;
    EXPECT_FALSE(Contains(second.output, "applied migration"));
}

TEST(CliTest, UserLifecycleFromTheCommandLineIsAudited) {
    test::TestDatabase db;
    ASSERT_EQ(RunTuoyu({"demo", "--database", db.url()}).exit_code, 0);
    EXPECT_EQ(RunTuoyu({"demo", "--database", db.url()}).exit_code, 1);  // not twice
    const auto weak = RunTuoyu({"user", "create", "--database", db.url(), "--username", "li", "--role", "regulator",
                                "--region", "211104", "--department", "health", "--password", "short"});
    EXPECT_EQ(weak.exit_code, 2) << weak.output;
    const auto created = RunTuoyu({"user", "create", "--database", db.url(), "--username", "li", "--display-name",
                                   "李明", "--role", "regulator", "--region", "211104", "--department", "health"},
                                  {"TUOYU_PASSWORD=Initial#Pass2024"});
    ASSERT_EQ(created.exit_code, 0) << created.output;

    test::ServerProcess server(db.url());
    test::HttpClient client(server.base_url());
    auto login = client.Login("li", "Initial#Pass2024");
    ASSERT_EQ(login.status, 200) << login.body;
    EXPECT_TRUE(login.Json()["must_change_password"].get<bool>());
    EXPECT_EQ(login.Json()["user"]["region_code"], "211104000000");

    ASSERT_EQ(RunTuoyu({"user", "disable", "--database", db.url(), "--username", "li"}).exit_code, 0);
    EXPECT_EQ(client.Get("/api/v1/auth/me").status, 401);  // disabling ended the session
    EXPECT_EQ(test::HttpClient(server.base_url()).Login("li", "Initial#Pass2024").status, 403);
    ASSERT_EQ(RunTuoyu({"user", "enable", "--database", db.url(), "--username", "li"}).exit_code, 0);
    ASSERT_EQ(RunTuoyu({"user", "reset-password", "--database", db.url(), "--username", "li", "--password",
                        "Another#Pass2024"})
                  .exit_code,
              0);
    EXPECT_EQ(test::HttpClient(server.base_url()).Login("li", "Another#Pass2024").status, 200);

    const auto key = RunTuoyu(
        {"user", "api-key", "--database", db.url(), "--username", "daowa_registry", "--label", "registry system"});
    ASSERT_EQ(key.exit_code, 0) << key.output;
    test::HttpClient exchange(server.base_url());
    exchange.set_bearer(key.output.substr(0, key.output.find('\n')));
    EXPECT_EQ(exchange.Get("/api/v1/auth/me").status, 200);
    EXPECT_NE(RunTuoyu({"user", "api-key", "--database", db.url(), "--username", "li"}).exit_code, 0);

    test::HttpClient admin(server.base_url());
    ASSERT_EQ(admin.Login("admin", "Demo#2024admin").status, 200);
    const auto records = admin.Get("/api/v1/audit?username=cli&page_size=50").Json();
    EXPECT_EQ(records["total"], 5);  // create, disable, enable, reset-password, api-key
    EXPECT_EQ(RunTuoyu({"audit", "verify", "--database", db.url()}).exit_code, 0);
}

TEST(CliTest, ConfigurationFileEnvironmentAndFlagsInThatOrder) {
    test::TestDatabase db;
    const std::string folder = test::TempFolder();
    const std::string config = folder + "/tuoyu.conf";
    std::ofstream(config) << "database = " << folder << "/never-used.db\n";
    // The flag names the database; the file's would be created if the flag lost.
    const auto result = RunTuoyu({"migrate", "--config", config, "--database", db.url()});
    ASSERT_EQ(result.exit_code, 0) << result.output;
    EXPECT_FALSE(std::filesystem::exists(folder + "/never-used.db"));
    const auto from_env = RunTuoyu({"migrate", "--config", config}, {"TUOYU_DATABASE=" + db.url()});
    ASSERT_EQ(from_env.exit_code, 0) << from_env.output;
    EXPECT_FALSE(std::filesystem::exists(folder + "/never-used.db"));
    ASSERT_EQ(RunTuoyu({"migrate", "--config", config}).exit_code, 0);
    EXPECT_TRUE(std::filesystem::exists(folder + "/never-used.db"));
}

TEST(CliTest, BackupOfALiveSqliteDatabaseIsConsistent) {
    if (test::UsePostgres()) {
        GTEST_SKIP() << "tuoyu backup copies SQLite databases; PostgreSQL uses pg_dump";
    }
    test::TestDatabase db;
    ASSERT_EQ(RunTuoyu({"demo", "--database", db.url()}).exit_code, 0);
    test::ServerProcess server(db.url());
    test::HttpClient admin(server.base_url());
    ASSERT_EQ(admin.Login("admin", "Demo#2024admin").status, 200);
    const std::string copy = test::TempFolder() + "/copy.db";
    const auto result = RunTuoyu({"backup", "--database", db.url(), "--output", copy});
    ASSERT_EQ(result.exit_code, 0) << result.output;
    EXPECT_EQ(RunTuoyu({"backup", "--database", db.url(), "--output", copy}).exit_code, 1);  // never overwrites
    const auto verify = RunTuoyu({"audit", "verify", "--database", copy});
    EXPECT_EQ(verify.exit_code, 0) << verify.output;
    test::ServerProcess restored(copy);
    EXPECT_EQ(test::HttpClient(restored.base_url()).Login("daowa_health", "Demo#2024daowa").status, 200);
}

}  // namespace
}  // namespace tuoyu
