// Sessions and bearer keys: logout, made-up cookies and keys, the forced password change of
// accounts that an administrator creates, and the sessions that end when a password changes or an
// account is disabled.

#include <gtest/gtest.h>

#include "api/api_support.hpp"

namespace tuoyu::test::api {
namespace {

class SessionTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        site_ = new DemoSite();
        institution_ = site_->InstitutionIn(kDaowaTown);
    }
    static void TearDownTestSuite() {
        delete site_;
        site_ = nullptr;
    }

    // A staff account created by the administrator (so it must change its password).
    static std::int64_t NewStaff(const std::string& username) {
        return site_->CreateUser(StaffBody(username, institution_))["id"].get<std::int64_t>();
    }

    // Signs the new account in and replaces its initial password; returns the session.
    static HttpClient SignInAndChangePassword(const std::string& username, const std::string& new_password) {
        HttpClient client = site_->Anonymous();
        const HttpResponse login = client.Login(username, kGoodPassword);
        EXPECT_EQ(login.status, 200) << login.body;
        const HttpResponse changed = client.Post(
            "/api/v1/auth/password", Json{{"old_password", kGoodPassword}, {"new_password", new_password}}.dump());
        EXPECT_EQ(changed.status, 204) << changed.body;
        return client;
    }

    static DemoSite* site_;
    static std::int64_t institution_;
};

DemoSite* SessionTest::site_ = nullptr;
std::int64_t SessionTest::institution_ = 0;

TEST_F(SessionTest, LogoutEndsTheSession) {
    HttpClient client = site_->Fresh("daowa_market");
    ASSERT_EQ(client.Get("/api/v1/auth/me").status, 200);
    const HttpResponse logout = client.Post("/api/v1/auth/logout", "{}");
    ASSERT_EQ(logout.status, 204) << logout.body;
    EXPECT_TRUE(IsError(client.Get("/api/v1/auth/me"), 401, "session_expired"));
    EXPECT_TRUE(IsError(client.Get("/api/v1/users"), 401, "session_expired"));
    // Logging out again is refused: there is no session to end.
    EXPECT_EQ(client.Post("/api/v1/auth/logout", "{}").status, 401);
    // The logout is audited.
    const Json record = site_->NewestAudit();
    EXPECT_EQ(record.value("route", ""), "/api/v1/auth/logout") << record.dump();
    EXPECT_EQ(record.value("username", ""), "daowa_market") << record.dump();
}

TEST_F(SessionTest, MadeUpCookieIsRefused) {
    HttpClient client = site_->Anonymous();
    EXPECT_TRUE(IsError(client.Get("/api/v1/auth/me"), 401, "not_authenticated"));
    for (const std::string& token :
         {std::string("Jz1w9bUqkq0gqkQ4yF5m8V2O1cZr8wS0N1eYdGf3hTk"), std::string("x"), std::string(200, 'a')}) {
        client.set_cookie("tuoyu_session=" + token);
        EXPECT_TRUE(IsError(client.Get("/api/v1/auth/me"), 401, "session_expired")) << token;
        EXPECT_TRUE(IsError(client.Get("/api/v1/users"), 401, "session_expired")) << token;
    }
    // A stale cookie does not stand in the way of public routes.
    EXPECT_EQ(client.Get("/api/v1/health").status, 200);
    const HttpResponse login = client.Login("daowa_health", DemoPasswords().at("daowa_health"));
    EXPECT_EQ(login.status, 200) << login.body;
}

TEST_F(SessionTest, BadBearerKeyIsRefused) {
    HttpClient client = site_->Anonymous();
    for (const std::string& key : {std::string("tyk_made-up-key"), site_->api_key() + "x", std::string(300, 'k')}) {
        client.set_bearer(key);
        EXPECT_TRUE(IsError(client.Get("/api/v1/auth/me"), 401, "invalid_token", "Authorization")) << key;
    }
    HttpClient basic = site_->Anonymous();
    EXPECT_TRUE(IsError(basic.Get("/api/v1/auth/me", {{"Authorization", "Basic YWRtaW46RGVtbyMyMDI0YWRtaW4="}}), 401,
                        "invalid_token"));
    // The real key works.
    const HttpResponse me = site_->Exchange().Get("/api/v1/auth/me");
    ASSERT_EQ(me.status, 200) << me.body;
    EXPECT_EQ(me.Json()["user"]["username"], "daowa_registry");
    EXPECT_EQ(me.Json()["user"]["role"], "exchange");
}

TEST_F(SessionTest, KeyIssuedByAdministratorWorksAndAnExchangeAccountCannotSignIn) {
    const std::int64_t registry = site_->UserId("daowa_registry");
    const HttpResponse issued =
        site_->Admin().Post("/api/v1/users/" + std::to_string(registry) + "/api-keys", R"({"label":"second"})");
    ASSERT_EQ(issued.status, 201) << issued.body;
    const std::string key = issued.Json()["api_key"];
    EXPECT_EQ(key.rfind("tyk_", 0), 0u);
    HttpClient client = site_->Anonymous();
    client.set_bearer(key);
    EXPECT_EQ(client.Get("/api/v1/auth/me").status, 200);
    // Keys go to data-exchange accounts only.
    const HttpResponse refused = site_->Admin().Post(
        "/api/v1/users/" + std::to_string(site_->UserId("daowa_carer")) + "/api-keys", R"({"label":"nope"})");
    EXPECT_TRUE(IsError(refused, 400, "not_exchange_client"));
}

TEST_F(SessionTest, CreatedUserMustChangePassword) {
    // A regulator of 大洼, made by the administrator.
    const Json created = site_->CreateUser({{"username", "new_regulator"},
                                            {"display_name", "新监管员"},
                                            {"role", "regulator"},
                                            {"department", "education"},
                                            {"region_code", kDaowa},
                                            {"password", kGoodPassword}});
    EXPECT_TRUE(created["must_change_password"].get<bool>());
    HttpClient client = site_->Anonymous();
    const HttpResponse login = client.Login("new_regulator", kGoodPassword);
    ASSERT_EQ(login.status, 200) << login.body;
    EXPECT_TRUE(login.Json()["must_change_password"].get<bool>()) << login.body;

    EXPECT_TRUE(IsError(client.Get("/api/v1/users"), 403, "password_change_required"));
    EXPECT_TRUE(IsError(client.Get("/api/v1/institutions"), 403, "password_change_required"));
    EXPECT_EQ(client.Get("/api/v1/auth/me").status, 200) << "the account must be able to see who it is";

    auto change = [&](const std::string& old_password, const std::string& new_password) {
        return client.Post("/api/v1/auth/password",
                           Json{{"old_password", old_password}, {"new_password", new_password}}.dump());
    };
    EXPECT_TRUE(IsError(change(kGoodPassword, "short1!"), 400, "weak_password", "new_password"));
    EXPECT_TRUE(IsError(change(kGoodPassword, "alllowercaseletters"), 400, "weak_password", "new_password"));
    EXPECT_TRUE(IsError(change(kGoodPassword, "X1#new_regulator"), 400, "weak_password", "new_password"));
    EXPECT_TRUE(IsError(change(kGoodPassword, kGoodPassword), 400, "password_unchanged", "new_password"));
    EXPECT_TRUE(IsError(change("Wrong#Pass-2025", "Better#Pass-2025"), 400, "wrong_password", "old_password"));
    EXPECT_TRUE(IsError(client.Get("/api/v1/users"), 403, "password_change_required"));

    const HttpResponse changed = change(kGoodPassword, "Better#Pass-2025");
    ASSERT_EQ(changed.status, 204) << changed.body;
    EXPECT_EQ(client.Get("/api/v1/users").status, 200);
    EXPECT_FALSE(client.Get("/api/v1/auth/me").Json()["must_change_password"].get<bool>());

    // The old password no longer works; the new one does, without a forced change.
    EXPECT_TRUE(IsError(site_->Anonymous().Login("new_regulator", kGoodPassword), 401, "bad_credentials"));
    const HttpResponse again = site_->Anonymous().Login("new_regulator", "Better#Pass-2025");
    ASSERT_EQ(again.status, 200) << again.body;
    EXPECT_FALSE(again.Json()["must_change_password"].get<bool>());
}

TEST_F(SessionTest, PasswordChangeEndsTheUsersOtherSessions) {
    NewStaff("two_sessions");
    HttpClient first = SignInAndChangePassword("two_sessions", "Second#Pass-2025");
    HttpClient second = site_->Anonymous();
    ASSERT_EQ(second.Login("two_sessions", "Second#Pass-2025").status, 200);
    HttpClient third = site_->Anonymous();
    ASSERT_EQ(third.Login("two_sessions", "Second#Pass-2025").status, 200);
    HttpClient bystander = site_->Fresh("daowa_carer");

    const HttpResponse changed =
        second.Post("/api/v1/auth/password",
                    Json{{"old_password", "Second#Pass-2025"}, {"new_password", "Third#Pass-2025"}}.dump());
    ASSERT_EQ(changed.status, 204) << changed.body;
    EXPECT_EQ(second.Get("/api/v1/auth/me").status, 200) << "the session that changed the password goes on";
    EXPECT_TRUE(IsError(first.Get("/api/v1/auth/me"), 401, "session_expired"));
    EXPECT_TRUE(IsError(third.Get("/api/v1/auth/me"), 401, "session_expired"));
    EXPECT_EQ(bystander.Get("/api/v1/auth/me").status, 200) << "another account's session ended";
}

TEST_F(SessionTest, DisablingAUserEndsTheirSessions) {
    const std::int64_t id = NewStaff("to_disable");
    HttpClient client = SignInAndChangePassword("to_disable", "Disable#Me-2025");
    ASSERT_EQ(client.Get("/api/v1/auth/me").status, 200);

    const HttpResponse disabled = site_->Admin().Patch("/api/v1/users/" + std::to_string(id), R"({"disabled":true})");
    ASSERT_EQ(disabled.status, 200) << disabled.body;
    EXPECT_TRUE(disabled.Json()["disabled"].get<bool>());
    EXPECT_TRUE(IsError(client.Get("/api/v1/auth/me"), 401, "session_expired"));
    EXPECT_TRUE(IsError(site_->Anonymous().Login("to_disable", "Disable#Me-2025"), 403, "account_disabled"));

    const HttpResponse enabled = site_->Admin().Patch("/api/v1/users/" + std::to_string(id), R"({"disabled":false})");
    ASSERT_EQ(enabled.status, 200) << enabled.body;
    EXPECT_EQ(site_->Anonymous().Login("to_disable", "Disable#Me-2025").status, 200);
}

TEST_F(SessionTest, PasswordResetEndsSessionsAndForcesAChange) {
    const std::int64_t id = NewStaff("to_reset");
    HttpClient client = SignInAndChangePassword("to_reset", "Before#Reset-2025");
    const HttpResponse reset = site_->Admin().Post("/api/v1/users/" + std::to_string(id) + "/reset-password",
                                                   R"({"password":"After#Reset-2025"})");
    ASSERT_EQ(reset.status, 204) << reset.body;
    EXPECT_TRUE(IsError(client.Get("/api/v1/auth/me"), 401, "session_expired"));
    const HttpResponse login = site_->Anonymous().Login("to_reset", "After#Reset-2025");
    ASSERT_EQ(login.status, 200) << login.body;
    EXPECT_TRUE(login.Json()["must_change_password"].get<bool>());
    // A weak reset password is refused, naming the field of that route.
    const HttpResponse weak =
        site_->Admin().Post("/api/v1/users/" + std::to_string(id) + "/reset-password", R"({"password":"weak"})");
    EXPECT_TRUE(IsError(weak, 400, "weak_password", "password"));
}

}  // namespace
}  // namespace tuoyu::test::api
