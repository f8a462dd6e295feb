// Login throttling: five wrong passwords lock an account for a while (423, even with the right
// password), without touching other accounts; many failures from one address are throttled (429)
// whatever account they aim at. Every failed sign-in is audited as "denied".

#include <gtest/gtest.h>

#include "api/api_support.hpp"

namespace tuoyu::test::api {
namespace {

class LockoutTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() { site_ = new DemoSite(); }
    static void TearDownTestSuite() {
        delete site_;
        site_ = nullptr;
    }
    static DemoSite* site_;
};

DemoSite* LockoutTest::site_ = nullptr;

HttpResponse TryLogin(DemoSite& site, const std::string& username, const std::string& password) {
    return site.Anonymous().Login(username, password);
}

TEST_F(LockoutTest, FiveWrongPasswordsLockTheAccount) {
    DemoSite& site = *site_;
    const std::int64_t denied_before =
        site.Admin().Get("/api/v1/audit?username=daowa_carer&outcome=denied").Json()["total"].get<std::int64_t>();
    for (int i = 0; i < 5; ++i) {
        EXPECT_TRUE(IsError(TryLogin(site, "daowa_carer", "Wrong#Pass-" + std::to_string(i)), 401, "bad_credentials",
                            "password"))
            << "attempt " << i + 1;
    }
    // The sixth attempt is refused even with the right password.
    EXPECT_TRUE(IsError(TryLogin(site, "daowa_carer", DemoPasswords().at("daowa_carer")), 423, "account_locked"));
    EXPECT_TRUE(IsError(TryLogin(site, "daowa_carer", "Wrong#Pass-6"), 423, "account_locked"));

    // Other accounts are unaffected.
    EXPECT_EQ(TryLogin(site, "daowa_nursery", DemoPasswords().at("daowa_nursery")).status, 200);

    // The administrator sees the lock, and every failure in the audit log.
    const std::int64_t carer = site.UserId("daowa_carer");
    EXPECT_TRUE(site.Admin().Get("/api/v1/users/" + std::to_string(carer)).Json()["locked"].get<bool>());
    const HttpResponse denied = site.Admin().Get("/api/v1/audit?username=daowa_carer&outcome=denied&page_size=100");
    ASSERT_EQ(denied.status, 200) << denied.body;
    EXPECT_EQ(denied.Json()["total"].get<std::int64_t>(), denied_before + 7) << denied.body;
    for (const Json& record : Items(denied)) {
        EXPECT_EQ(record["route"], "/api/v1/auth/login") << record.dump();
        EXPECT_EQ(record["object_type"], "session") << record.dump();
    }

    // An administrator's password reset lifts the lock (and forces a change).
    const HttpResponse reset = site.Admin().Post("/api/v1/users/" + std::to_string(carer) + "/reset-password",
                                                 R"({"password":"Unlock#Pass-2025"})");
    ASSERT_EQ(reset.status, 204) << reset.body;
    const HttpResponse login = TryLogin(site, "daowa_carer", "Unlock#Pass-2025");
    ASSERT_EQ(login.status, 200) << login.body;
    EXPECT_TRUE(login.Json()["must_change_password"].get<bool>());
}

TEST_F(LockoutTest, ASuccessfulLoginResetsTheFailureCount) {
    DemoSite& site = *site_;
    const std::string password = DemoPasswords().at("daowa_market");
    for (int round = 0; round < 2; ++round) {
        for (int i = 0; i < 4; ++i) {
            EXPECT_EQ(TryLogin(site, "daowa_market", "Wrong#Pass-" + std::to_string(i)).status, 401);
        }
        EXPECT_EQ(TryLogin(site, "daowa_market", password).status, 200) << "round " << round;
    }
}

TEST_F(LockoutTest, UnknownUserAndWrongPasswordLookTheSame) {
    DemoSite& site = *site_;
    const HttpResponse unknown = TryLogin(site, "no_such_user", "Wrong#Pass-2025");
    const HttpResponse wrong = TryLogin(site, "daowa_health", "Wrong#Pass-2025");
    EXPECT_TRUE(IsError(unknown, 401, "bad_credentials", "password"));
    EXPECT_TRUE(IsError(wrong, 401, "bad_credentials", "password"));
    EXPECT_EQ(unknown.Json()["message_en"], wrong.Json()["message_en"]);
    EXPECT_EQ(unknown.Json()["message_zh"], wrong.Json()["message_zh"]);
    // The attempt on a name that does not exist is audited with that name.
    const Json record = site.NewestAudit();
    EXPECT_EQ(record.value("outcome", ""), "denied");
    EXPECT_EQ(TryLogin(site, "daowa_health", DemoPasswords().at("daowa_health")).status, 200);
    const HttpResponse found = site.Admin().Get("/api/v1/audit?username=no_such_user&outcome=denied");
    EXPECT_EQ(found.Json()["total"], 1) << found.body;
}

// A dedicated server: the address's failure window is kept in the server's memory.
TEST(LoginThrottleTest, ManyFailuresFromOneAddressAreThrottled) {
    DemoSite site;
    HttpClient& admin = site.Admin();  // signed in before the address is throttled
    const std::int64_t audit_before = site.AuditTotal();
    // 20 failures within the window, each at another name (a spray that no account lockout sees).
    for (int i = 0; i < 20; ++i) {
        const HttpResponse reply = TryLogin(site, "guess_" + std::to_string(i), "Wrong#Pass-" + std::to_string(i));
        ASSERT_TRUE(IsError(reply, 401, "bad_credentials")) << "attempt " << i + 1;
    }
    // Now even the right password is refused from this address, for any account.
    EXPECT_TRUE(IsError(TryLogin(site, "daowa_health", DemoPasswords().at("daowa_health")), 429, "too_many_attempts"));
    EXPECT_TRUE(IsError(TryLogin(site, "admin", DemoPasswords().at("admin")), 429, "too_many_attempts"));
    // Existing sessions carry on.
    EXPECT_EQ(admin.Get("/api/v1/auth/me").status, 200);
    // Every refused sign-in is in the audit log as denied.
    EXPECT_EQ(site.AuditTotal(), audit_before + 22);
    const Json record = site.NewestAudit();
    EXPECT_EQ(record.value("outcome", ""), "denied") << record.dump();
    EXPECT_EQ(record.value("username", ""), "admin") << record.dump();
    EXPECT_EQ(record.value("route", ""), "/api/v1/auth/login") << record.dump();
}

}  // namespace
}  // namespace tuoyu::test::api
