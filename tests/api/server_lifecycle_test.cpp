// The server as a process: it stops cleanly on SIGTERM, and it serves the built web UI with an
// SPA fallback, long-lived caching of hashed assets and the security headers, while /api/ paths
// stay JSON.

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "api/api_support.hpp"

namespace tuoyu::test::api {
namespace {

TEST(GracefulShutdownTest, SigtermExitsWithZeroWithinSeconds) {
    TestDatabase db;
    ServerProcess server(db.url());
    HttpClient client(server.base_url());
    ASSERT_EQ(client.Get("/api/v1/health").status, 200);
    const auto started = std::chrono::steady_clock::now();
    EXPECT_EQ(server.Terminate(), 0);
    const auto took = std::chrono::steady_clock::now() - started;
    EXPECT_LT(took, std::chrono::seconds(5)) << "SIGTERM took too long";
    EXPECT_EQ(client.Get("/api/v1/health").status, 0) << "still answering after SIGTERM";
}

TEST(GracefulShutdownTest, HealthReportsTheDatabase) {
    TestDatabase db;
    ServerProcess server(db.url());
    const HttpResponse health = HttpClient(server.base_url()).Get("/api/v1/health");
    ASSERT_EQ(health.status, 200) << health.body;
    EXPECT_EQ(health.Json()["status"], "ok");
    EXPECT_EQ(health.Json()["database"], UsePostgres() ? "postgresql" : "sqlite");
    EXPECT_FALSE(health.Json().value("version", "").empty());
}

class StaticUiTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        folder_ = new std::string(TempFolder() + "/dist");
        std::filesystem::create_directories(*folder_ + "/assets");
        std::ofstream(*folder_ + "/index.html") << kIndex;
        std::ofstream(*folder_ + "/assets/app.js") << kScript;
        db_ = new TestDatabase();
        server_ = new ServerProcess(db_->url(), {"--web-root", *folder_});
    }
    static void TearDownTestSuite() {
        delete server_;
        delete db_;
        std::filesystem::remove_all(*folder_ + "/..");
        delete folder_;
    }

    static HttpClient Client() { return HttpClient(server_->base_url()); }

    static constexpr const char* kIndex =
        "<!doctype html><html><head><title>托育</title></head><body><div id=app></div>"
        "<script type=module src=/assets/app.js></script></body></html>";
    static constexpr const char* kScript = "console.log('tuoyu web');\n";

    static std::string* folder_;
    static TestDatabase* db_;
    static ServerProcess* server_;
};

std::string* StaticUiTest::folder_ = nullptr;
TestDatabase* StaticUiTest::db_ = nullptr;
ServerProcess* StaticUiTest::server_ = nullptr;

void ExpectSecurityHeaders(const HttpResponse& reply) {
    EXPECT_EQ(reply.Header("x-content-type-options"), "nosniff");
    EXPECT_EQ(reply.Header("x-frame-options"), "DENY");
    EXPECT_EQ(reply.Header("referrer-policy"), "no-referrer");
    EXPECT_FALSE(reply.Header("x-request-id").empty());
}

TEST_F(StaticUiTest, RootServesIndexHtml) {
    const HttpResponse reply = Client().Get("/");
    ASSERT_EQ(reply.status, 200);
    EXPECT_EQ(reply.body, kIndex);
    EXPECT_TRUE(Contains(reply.Header("content-type"), "text/html")) << reply.Header("content-type");
    EXPECT_EQ(reply.Header("cache-control"), "no-cache");
    ExpectSecurityHeaders(reply);
    const std::string policy = reply.Header("content-security-policy");
    EXPECT_TRUE(Contains(policy, "default-src 'self'")) << policy;
    EXPECT_TRUE(Contains(policy, "frame-ancestors 'none'")) << policy;
}

TEST_F(StaticUiTest, DeepLinksFallBackToIndexHtml) {
    for (const std::string& path :
         std::vector<std::string>{"/some/deep/link", "/users/12", "/audit?page=2", "/index.html"}) {
        const HttpResponse reply = Client().Get(path);
        EXPECT_EQ(reply.status, 200) << path;
        EXPECT_EQ(reply.body, kIndex) << path;
        EXPECT_EQ(reply.Header("cache-control"), "no-cache") << path;
        ExpectSecurityHeaders(reply);
    }
}

TEST_F(StaticUiTest, HashedAssetsAreImmutable) {
    const HttpResponse reply = Client().Get("/assets/app.js");
    ASSERT_EQ(reply.status, 200);
    EXPECT_EQ(reply.body, kScript);
    EXPECT_TRUE(Contains(reply.Header("content-type"), "javascript")) << reply.Header("content-type");
    const std::string cache = reply.Header("cache-control");
    EXPECT_TRUE(Contains(cache, "immutable")) << cache;
    EXPECT_TRUE(Contains(cache, "max-age=31536000")) << cache;
    ExpectSecurityHeaders(reply);
}

TEST_F(StaticUiTest, ApiPathsStayJson) {
    const HttpResponse reply = Client().Get("/api/v1/nope");
    EXPECT_TRUE(IsError(reply, 404, "no_such_route"));
    EXPECT_TRUE(Contains(reply.Header("content-type"), "application/json")) << reply.Header("content-type");
    EXPECT_FALSE(Contains(reply.body, "<!doctype"));
    EXPECT_EQ(reply.Header("cache-control"), "no-store");
    ExpectSecurityHeaders(reply);
    EXPECT_EQ(Client().Get("/api/v1/health").status, 200);
    // Unsafe methods get no page.
    const HttpResponse posted = Client().Post("/some/page", "{}");
    EXPECT_EQ(posted.status, 404);
    EXPECT_FALSE(Contains(posted.body, "<!doctype"));
}

TEST_F(StaticUiTest, NoFileOutsideTheWebRoot) {
    for (const std::string& path :
         std::vector<std::string>{"/../server.log", "/assets/../../dist/index.html", "/%2e%2e/%2e%2e/etc/passwd"}) {
        const HttpResponse reply = Client().Get(path);
        EXPECT_FALSE(Contains(reply.body, "root:")) << path;
        EXPECT_TRUE(reply.status == 404 || reply.status == 400 || reply.body == kIndex) << path << ": " << reply.status;
    }
}

}  // namespace
}  // namespace tuoyu::test::api
