// Each server process remembers a signed-in session for at most two seconds, so that a busy
// client does not pay the session query on every request (decision 0006). What ends a session
// takes effect in the process that made the change on the very next request, and in every other
// process sharing the database (a second server, the command line) within that bound. Two real
// servers on one database, on each engine.

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <thread>

#include "api/api_support.hpp"

namespace tuoyu::test::api {
namespace {

using Clock = std::chrono::steady_clock;

// Published bound (access::Authenticator::kSessionCacheMs), plus room for a slow request under the
// sanitizers.
constexpr auto kBound = std::chrono::milliseconds(2000);
constexpr auto kSlack = std::chrono::milliseconds(1500);

class SessionCacheTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        site_ = new DemoSite();
        second_ = new ServerProcess(site_->database_url());
    }
    static void TearDownTestSuite() {
        delete second_;
        second_ = nullptr;
        delete site_;
        site_ = nullptr;
    }

    // The same browser session, sent to the second server.
    static HttpClient OnSecond(const HttpClient& client) {
        HttpClient copy(second_->base_url());
        copy.set_cookie(client.cookie());
        copy.set_csrf(client.csrf());
        return copy;
    }

    // An institution staff account of 大洼 that has changed its initial password, signed in on
    // the first server.
    static HttpClient NewSignedInStaff(const std::string& username, std::int64_t* id) {
        const Json created = site_->CreateUser(StaffBody(username, site_->InstitutionIn(kDaowaTown)));
        *id = created["id"].get<std::int64_t>();
        HttpClient client = site_->Anonymous();
        EXPECT_EQ(client.Login(username, kGoodPassword).status, 200);
        EXPECT_EQ(client
                      .Post("/api/v1/auth/password",
                            Json{{"old_password", kGoodPassword}, {"new_password", "Cache#Test-2025"}}.dump())
                      .status,
                  204);
        return client;
    }

    // Asks until the session is refused; returns how long that took after `since`, or fails.
    static std::chrono::milliseconds TimeUntilRefused(HttpClient& client, Clock::time_point since) {
        while (Clock::now() - since < kBound + kSlack + std::chrono::seconds(3)) {
            const HttpResponse reply = client.Get("/api/v1/auth/me");
            if (reply.status == 401) {
                EXPECT_TRUE(IsError(reply, 401, "session_expired")) << reply.body;
                return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - since);
            }
            EXPECT_EQ(reply.status, 200) << reply.body;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        ADD_FAILURE() << "the session was never refused";
        return std::chrono::milliseconds::max();
    }

    static DemoSite* site_;
    static ServerProcess* second_;
};

DemoSite* SessionCacheTest::site_ = nullptr;
ServerProcess* SessionCacheTest::second_ = nullptr;

TEST_F(SessionCacheTest, LogoutHoldsAtOnceHereAndWithinTheBoundOnAnotherServer) {
    HttpClient first = site_->Fresh("daowa_market");
    HttpClient second = OnSecond(first);
    // Both servers now remember the session.
    for (int i = 0; i < 3; ++i) {
        ASSERT_EQ(first.Get("/api/v1/auth/me").status, 200);
        ASSERT_EQ(second.Get("/api/v1/auth/me").status, 200);
    }
    ASSERT_EQ(first.Post("/api/v1/auth/logout", "{}").status, 204);
    const auto logged_out = Clock::now();
    EXPECT_TRUE(IsError(first.Get("/api/v1/auth/me"), 401, "session_expired")) << "the very next request";
    EXPECT_LE(TimeUntilRefused(second, logged_out), kBound + kSlack);
    EXPECT_TRUE(IsError(second.Get("/api/v1/users"), 401, "session_expired"));
}

TEST_F(SessionCacheTest, DisablingHoldsAtOnceHereAndWithinTheBoundOnAnotherServer) {
    std::int64_t id = 0;
    HttpClient first = NewSignedInStaff("cache_disable", &id);
    HttpClient second = OnSecond(first);
    ASSERT_EQ(first.Get("/api/v1/auth/me").status, 200);
    ASSERT_EQ(second.Get("/api/v1/auth/me").status, 200);
    const HttpResponse disabled = site_->Admin().Patch("/api/v1/users/" + std::to_string(id), R"({"disabled":true})");
    ASSERT_EQ(disabled.status, 200) << disabled.body;
    const auto changed = Clock::now();
    EXPECT_TRUE(IsError(first.Get("/api/v1/auth/me"), 401, "session_expired")) << "the very next request";
    EXPECT_LE(TimeUntilRefused(second, changed), kBound + kSlack);
}

TEST_F(SessionCacheTest, PasswordResetHoldsAtOnceHereAndWithinTheBoundOnAnotherServer) {
    std::int64_t id = 0;
    HttpClient first = NewSignedInStaff("cache_reset", &id);
    HttpClient second = OnSecond(first);
    ASSERT_EQ(first.Get("/api/v1/auth/me").status, 200);
    ASSERT_EQ(second.Get("/api/v1/auth/me").status, 200);
    const HttpResponse reset = site_->Admin().Post("/api/v1/users/" + std::to_string(id) + "/reset-password",
                                                   R"({"password":"Reset#Cache-2025"})");
    ASSERT_EQ(reset.status, 204) << reset.body;
    const auto changed = Clock::now();
    EXPECT_TRUE(IsError(first.Get("/api/v1/auth/me"), 401, "session_expired")) << "the very next request";
    EXPECT_LE(TimeUntilRefused(second, changed), kBound + kSlack);
}

TEST_F(SessionCacheTest, TheCommandLineReachesEveryServerWithinTheBound) {
    std::int64_t id = 0;
    HttpClient first = NewSignedInStaff("cache_cli", &id);
    HttpClient second = OnSecond(first);
    ASSERT_EQ(first.Get("/api/v1/auth/me").status, 200);
    ASSERT_EQ(second.Get("/api/v1/auth/me").status, 200);
    const CommandResult disabled =
        RunTuoyu({"user", "disable", "--database", site_->database_url(), "--username", "cache_cli"});
    ASSERT_EQ(disabled.exit_code, 0) << disabled.output;
    const auto changed = Clock::now();
    EXPECT_LE(TimeUntilRefused(first, changed), kBound + kSlack);
    EXPECT_LE(TimeUntilRefused(second, changed), kBound + kSlack);
}

}  // namespace
}  // namespace tuoyu::test::api
