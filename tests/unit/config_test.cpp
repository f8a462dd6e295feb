#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "cli/config.hpp"
#include "support/test_database.hpp"

namespace tuoyu {
namespace {

using cli::Config;

TEST(ConfigTest, FlagsOverrideEnvironmentWhichOverridesTheFile) {
    const std::string path = test::TempFolder() + "/tuoyu.conf";
    std::ofstream(path) << "# comment\ndatabase = from-file.db\nlisten = 127.0.0.1:1\nthreads = 3\n";
    setenv("TUOYU_LISTEN", "127.0.0.1:2", 1);
    const Config config = Config::Load({"--config", path, "--threads=4", "extra"}, {"database", "listen", "threads"});
    unsetenv("TUOYU_LISTEN");
    EXPECT_EQ(config.Get("database"), "from-file.db");
    EXPECT_EQ(config.Get("listen"), "127.0.0.1:2");
    EXPECT_EQ(config.GetInt("threads", 1), 4);
    EXPECT_EQ(config.positional(), std::vector<std::string>{"extra"});
}

TEST(ConfigTest, UnknownKeysAndBadValuesAreUsageErrors) {
    EXPECT_THROW(Config::Load({"--colour", "red"}, {"database"}), cli::UsageError);
    EXPECT_THROW(Config::Load({"--database"}, {"database"}), cli::UsageError);
    const Config config = Config::Load({"--threads", "many", "--demo"}, {"threads"}, {"demo"});
    EXPECT_THROW(config.GetInt("threads", 1), cli::UsageError);
    EXPECT_TRUE(config.GetBool("demo", false));
    const std::string path = test::TempFolder() + "/bad.conf";
    std::ofstream(path) << "colour = red\n";
    EXPECT_THROW(Config::Load({"--config", path}, {"database"}), cli::UsageError);
}

TEST(ConfigTest, OneFileServesEveryCommandAndSwitchesReadFromItAndTheEnvironment) {
    const std::string path = test::TempFolder() + "/shared.conf";
    std::ofstream(path) << "database = a.db\nlisten = 127.0.0.1:9\nsecure_cookies = true\n";
    const Config migrate = Config::Load({"--config", path}, {"database"});
    EXPECT_EQ(migrate.Get("database"), "a.db");
    const Config serve = Config::Load({"--config", path}, {"database", "listen"}, {"secure_cookies", "trust_proxy"});
    EXPECT_TRUE(serve.GetBool("secure_cookies", false));
    setenv("TUOYU_TRUST_PROXY", "true", 1);
    EXPECT_TRUE(Config::Load({}, {"database"}, {"trust_proxy"}).GetBool("trust_proxy", false));
    unsetenv("TUOYU_TRUST_PROXY");
}

}  // namespace
}  // namespace tuoyu
