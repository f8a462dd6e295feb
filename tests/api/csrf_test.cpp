// CSRF protection of cookie sessions: every unsafe request of a cookie session must carry the
// session's X-CSRF-Token; without it, or with a wrong one, it is refused (403 csrf_failed) and
// changes nothing. Bearer-key clients have no cookie and need no token. The session cookie itself
// is HttpOnly, SameSite=Strict and scoped to Path=/.

#include <gtest/gtest.h>

#include "api/api_support.hpp"

namespace tuoyu::test::api {
namespace {

class CsrfTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        site_ = new DemoSite();
        institution_ = site_->InstitutionIn(kDaowaTown);
    }
    static void TearDownTestSuite() {
        delete site_;
        site_ = nullptr;
    }

    static DemoSite* site_;
    static std::int64_t institution_;
};

DemoSite* CsrfTest::site_ = nullptr;
std::int64_t CsrfTest::institution_ = 0;

TEST_F(CsrfTest, CookieWriteWithoutTokenIsRefusedAndChangesNothing) {
    DemoSite& site = *site_;
    HttpClient without_token = site.Admin();
    without_token.set_csrf("");
    const std::int64_t users_before = site.UserTotal();

    const std::int64_t carer = site.UserId("daowa_carer");
    const std::int64_t audit_before = site.AuditTotal();

    const HttpResponse created = without_token.Post("/api/v1/users", StaffBody("csrf_missing", institution_).dump());
    EXPECT_TRUE(IsError(created, 403, "csrf_failed", "X-CSRF-Token"));
    const HttpResponse patched =
        without_token.Patch("/api/v1/users/" + std::to_string(carer), R"({"display_name":"被篡改"})");
    EXPECT_TRUE(IsError(patched, 403, "csrf_failed", "X-CSRF-Token"));

    // The refusals are audited as denied attempts: two records, nothing else.
    EXPECT_EQ(site.AuditTotal(), audit_before + 2);
    EXPECT_EQ(site.NewestAudit().value("outcome", ""), "denied");
    EXPECT_EQ(site.UserTotal(), users_before);
    EXPECT_EQ(site.Admin().Get("/api/v1/users?q=csrf_missing").Json()["total"], 0);
    const HttpResponse carer_now = site.Admin().Get("/api/v1/users/" + std::to_string(carer));
    EXPECT_EQ(carer_now.Json()["display_name"], "李保育") << carer_now.body;
}

TEST_F(CsrfTest, CookieWriteWithWrongTokenIsRefusedAndChangesNothing) {
    DemoSite& site = *site_;
    HttpClient& admin = site.Admin();
    const std::int64_t users_before = site.UserTotal();
    const std::int64_t carer = site.UserId("daowa_carer");

    for (const std::string& wrong : {std::string("wrong"), admin.csrf() + "x", std::string(43, 'A')}) {
        const HttpResponse created =
            admin.Post("/api/v1/users", StaffBody("csrf_wrong", institution_).dump(), {{"X-CSRF-Token", wrong}});
        EXPECT_TRUE(IsError(created, 403, "csrf_failed", "X-CSRF-Token")) << "token " << wrong;
        const HttpResponse patched = admin.Patch("/api/v1/users/" + std::to_string(carer),
                                                 R"({"display_name":"被篡改"})", {{"X-CSRF-Token", wrong}});
        EXPECT_TRUE(IsError(patched, 403, "csrf_failed", "X-CSRF-Token")) << "token " << wrong;
    }
    // Another session's token is no good either.
    HttpClient other = site.Fresh("admin");
    const HttpResponse crossed =
        admin.Post("/api/v1/users", StaffBody("csrf_wrong", institution_).dump(), {{"X-CSRF-Token", other.csrf()}});
    EXPECT_TRUE(IsError(crossed, 403, "csrf_failed", "X-CSRF-Token"));

    EXPECT_EQ(site.UserTotal(), users_before);
    EXPECT_EQ(site.Admin().Get("/api/v1/users/" + std::to_string(carer)).Json()["display_name"], "李保育");
}

TEST_F(CsrfTest, CookieWriteWithRightTokenSucceeds) {
    DemoSite& site = *site_;
    HttpClient& admin = site.Admin();
    ASSERT_FALSE(admin.csrf().empty());
    const HttpResponse created =
        admin.Post("/api/v1/users", StaffBody("csrf_right", institution_).dump(), {{"X-CSRF-Token", admin.csrf()}});
    ASSERT_EQ(created.status, 201) << created.body;
    const std::int64_t id = created.Json()["id"];
    const HttpResponse patched = admin.Patch("/api/v1/users/" + std::to_string(id), R"({"display_name":"改名成功"})");
    ASSERT_EQ(patched.status, 200) << patched.body;
    EXPECT_EQ(admin.Get("/api/v1/users/" + std::to_string(id)).Json()["display_name"], "改名成功");
}

TEST_F(CsrfTest, LogoutAndPasswordChangeNeedTheTokenToo) {
    DemoSite& site = *site_;
    HttpClient session = site.Fresh("daowa_market");
    HttpClient without_token = session;
    without_token.set_csrf("");
    EXPECT_TRUE(IsError(without_token.Post("/api/v1/auth/logout", "{}"), 403, "csrf_failed"));
    EXPECT_EQ(session.Get("/api/v1/auth/me").status, 200) << "a refused logout ended the session";
    const HttpResponse changed = without_token.Post(
        "/api/v1/auth/password",
        Json{{"old_password", DemoPasswords().at("daowa_market")}, {"new_password", kGoodPassword}}.dump());
    EXPECT_TRUE(IsError(changed, 403, "csrf_failed"));
    // The password is unchanged: the old one still signs in.
    EXPECT_EQ(site.Anonymous().Login("daowa_market", DemoPasswords().at("daowa_market")).status, 200);
    EXPECT_EQ(session.Post("/api/v1/auth/logout", "{}").status, 204);
}

TEST_F(CsrfTest, BearerKeyRequestsNeedNoCsrfToken) {
    DemoSite& site = *site_;
    HttpClient exchange = site.Exchange();
    ASSERT_TRUE(exchange.csrf().empty());
    const HttpResponse me = exchange.Get("/api/v1/auth/me");
    ASSERT_EQ(me.status, 200) << me.body;
    EXPECT_EQ(me.Json()["user"]["username"], "daowa_registry");
    // An unsafe request with a key is judged by the route's key policy, never refused for CSRF.
    const HttpResponse write = exchange.Post("/api/v1/users", StaffBody("by_key", institution_).dump());
    EXPECT_NE(write.Json().value("code", ""), "csrf_failed") << write.body;
    EXPECT_TRUE(IsError(write, 403, "api_key_not_allowed"));
}

TEST_F(CsrfTest, SessionCookieIsHttpOnlySameSiteStrictPathRoot) {
    DemoSite& site = *site_;
    HttpClient client = site.Anonymous();
    const HttpResponse login = client.Login("daowa_health", DemoPasswords().at("daowa_health"));
    ASSERT_EQ(login.status, 200) << login.body;
    const std::string cookie = login.Header("set-cookie");
    EXPECT_EQ(cookie.rfind("tuoyu_session=", 0), 0u) << cookie;
    EXPECT_TRUE(Contains(cookie, "; HttpOnly")) << cookie;
    EXPECT_TRUE(Contains(cookie, "; SameSite=Strict")) << cookie;
    EXPECT_TRUE(Contains(cookie, "; Path=/")) << cookie;
    EXPECT_FALSE(Contains(cookie, "Domain=")) << cookie;
    const std::string token = client.cookie().substr(std::string("tuoyu_session=").size());
    EXPECT_GE(token.size(), 43u) << "a session token carries at least 32 random bytes";

    // The CSRF token comes in the body (never in a cookie) and /auth/me repeats it.
    const std::string csrf = login.Json().value("csrf_token", "");
    EXPECT_GE(csrf.size(), 32u);
    EXPECT_FALSE(Contains(cookie, csrf));
    EXPECT_EQ(client.Get("/api/v1/auth/me").Json()["csrf_token"], csrf);

    // Logging out clears the cookie with the same attributes.
    const HttpResponse logout = client.Post("/api/v1/auth/logout", "{}");
    ASSERT_EQ(logout.status, 204) << logout.body;
    const std::string cleared = logout.Header("set-cookie");
    EXPECT_TRUE(Contains(cleared, "tuoyu_session=;")) << cleared;
    EXPECT_TRUE(Contains(cleared, "Max-Age=0")) << cleared;
    EXPECT_TRUE(Contains(cleared, "HttpOnly")) << cleared;
}

}  // namespace
}  // namespace tuoyu::test::api
