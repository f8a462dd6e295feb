// Bad input gets a clear 4xx with the bilingual error object {code, field, message_zh, message_en,
// request_id} and changes nothing: after every test of this suite the number of accounts and of
// audit records is what it was before.

#include <gtest/gtest.h>

#include "api/api_support.hpp"

namespace tuoyu::test::api {
namespace {

class BadInputTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        site_ = new DemoSite();
        institution_ = site_->InstitutionIn(kDaowaTown);
        carer_ = site_->UserId("daowa_carer");
    }
    static void TearDownTestSuite() {
        delete site_;
        site_ = nullptr;
    }

    void SetUp() override {
        users_before_ = site_->UserTotal();
        audit_before_ = site_->AuditTotal();
    }
    // (The user list is itself an audited read: count the audit records first.)
    void TearDown() override {
        EXPECT_EQ(site_->AuditTotal(), audit_before_ + audited_reads_) << "bad input wrote audit records";
        EXPECT_EQ(site_->UserTotal(), users_before_) << "bad input changed the accounts";
        const HttpResponse carer = site_->Admin().Get("/api/v1/users?q=daowa_carer");
        EXPECT_EQ(carer.Json()["items"][0]["display_name"], "李保育") << "bad input changed an account";
    }

    static HttpClient& Admin() { return site_->Admin(); }
    static std::string CarerPath() { return "/api/v1/users/" + std::to_string(carer_); }
    static Json ValidNewUser() { return StaffBody("bad_input_user", institution_); }

    static DemoSite* site_;
    static std::int64_t institution_;
    static std::int64_t carer_;
    std::int64_t users_before_ = 0;
    std::int64_t audit_before_ = 0;
    std::int64_t audited_reads_ = 0;  // successful reads of personal data in the test (each audited)
};

DemoSite* BadInputTest::site_ = nullptr;
std::int64_t BadInputTest::institution_ = 0;
std::int64_t BadInputTest::carer_ = 0;

TEST_F(BadInputTest, MalformedJsonIsRefused) {
    for (const std::string& body :
         {std::string(R"({"username": )"), std::string("not json"), std::string("{'a':1}"), std::string(""),
          std::string("[1,2]"), std::string("\"text\""), std::string("42")}) {
        EXPECT_TRUE(IsError(Admin().Post("/api/v1/users", body), 400, "malformed_json")) << body;
        EXPECT_TRUE(IsError(Admin().Patch(CarerPath(), body), 400, "malformed_json")) << body;
    }
    EXPECT_TRUE(IsError(site_->Anonymous().Post("/api/v1/auth/login", "{\"username\":"), 400, "malformed_json"));
    // Invalid UTF-8 inside a string is malformed too.
    EXPECT_TRUE(IsError(Admin().Patch(CarerPath(), "{\"display_name\":\"\xff\xfe\"}"), 400, "malformed_json"));
}

TEST_F(BadInputTest, WrongTypesNameTheField) {
    const std::vector<std::pair<std::string, Json>> cases = {{"username", 5},
                                                             {"display_name", Json::array()},
                                                             {"role", true},
                                                             {"institution_id", "1"},
                                                             {"institution_id", 1.5},
                                                             {"phone", 13800001234LL},
                                                             {"password", Json::object()}};
    for (const auto& [field, value] : cases) {
        Json body = ValidNewUser();
        body[field] = value;
        EXPECT_TRUE(IsError(Admin().Post("/api/v1/users", body.dump()), 400, "invalid_type", field)) << body.dump();
    }
    EXPECT_TRUE(IsError(Admin().Patch(CarerPath(), R"({"disabled":"yes"})"), 400, "invalid_type", "disabled"));
    EXPECT_TRUE(IsError(Admin().Patch(CarerPath(), R"({"disabled":1})"), 400, "invalid_type", "disabled"));
    EXPECT_TRUE(IsError(Admin().Patch(CarerPath(), R"({"display_name":7})"), 400, "invalid_type", "display_name"));
    EXPECT_TRUE(IsError(site_->Anonymous().Post("/api/v1/auth/login", R"({"username":["admin"],"password":"x"})"), 400,
                        "invalid_type", "username"));
}

TEST_F(BadInputTest, UnknownFieldsNameTheField) {
    Json body = ValidNewUser();
    body["nickname"] = "小李";
    EXPECT_TRUE(IsError(Admin().Post("/api/v1/users", body.dump()), 400, "unknown_field", "nickname"));
    EXPECT_TRUE(IsError(Admin().Patch(CarerPath(), R"({"display_name":"新名字","role":"admin"})"), 400, "unknown_field",
                        "role"));
    EXPECT_TRUE(
        IsError(Admin().Patch(CarerPath(), R"({"Display_Name":"新名字"})"), 400, "unknown_field", "Display_Name"));
    EXPECT_TRUE(IsError(site_->Anonymous().Post("/api/v1/auth/login",
                                                R"({"username":"admin","password":"Demo#2024admin","remember":true})"),
                        400, "unknown_field", "remember"));
}

TEST_F(BadInputTest, MissingAndInvalidValuesNameTheField) {
    Json body = ValidNewUser();
    body.erase("username");
    EXPECT_TRUE(IsError(Admin().Post("/api/v1/users", body.dump()), 400, "required", "username"));
    body = ValidNewUser();
    body["username"] = "Bad Name!";
    EXPECT_TRUE(IsError(Admin().Post("/api/v1/users", body.dump()), 400, "invalid_username", "username"));
    body = ValidNewUser();
    body["role"] = "superuser";
    EXPECT_TRUE(IsError(Admin().Post("/api/v1/users", body.dump()), 400, "invalid_role", "role"));
    body = ValidNewUser();
    body["phone"] = "call me";
    EXPECT_TRUE(IsError(Admin().Post("/api/v1/users", body.dump()), 400, "invalid_phone", "phone"));
    body = ValidNewUser();
    body["password"] = "weak";
    EXPECT_TRUE(IsError(Admin().Post("/api/v1/users", body.dump()), 400, "weak_password", "password"));
    body = ValidNewUser();
    body["display_name"] = std::string(65, 'x');
    EXPECT_TRUE(IsError(Admin().Post("/api/v1/users", body.dump()), 400, "too_long", "display_name"));
    body = ValidNewUser();
    body["institution_id"] = 999999;
    EXPECT_TRUE(IsError(Admin().Post("/api/v1/users", body.dump()), 400, "unknown_institution", "institution_id"));
    // A taken user name is a conflict, also naming the field.
    body = ValidNewUser();
    body["username"] = "daowa_carer";
    EXPECT_TRUE(IsError(Admin().Post("/api/v1/users", body.dump()), 409, "username_taken", "username"));
    EXPECT_TRUE(IsError(Admin().Patch(CarerPath(), R"({"display_name":""})"), 400, "required", "display_name"));
}

TEST_F(BadInputTest, UnknownAndBadQueryParametersAreRefused) {
    EXPECT_TRUE(IsError(Admin().Get("/api/v1/users?bogus=1"), 400, "unknown_parameter", "bogus"));
    EXPECT_TRUE(IsError(Admin().Get("/api/v1/audit?user=admin"), 400, "unknown_parameter", "user"));
    EXPECT_TRUE(IsError(Admin().Get("/api/v1/institutions?limit=5"), 400, "unknown_parameter", "limit"));
    EXPECT_TRUE(IsError(Admin().Get("/api/v1/regions?bogus=1"), 400, "unknown_parameter", "bogus"));
    EXPECT_TRUE(IsError(Admin().Get("/api/v1/users?page_size=0"), 400, "invalid_page_size", "page_size"));
    EXPECT_TRUE(IsError(Admin().Get("/api/v1/users?page_size=501"), 400, "invalid_page_size", "page_size"));
    EXPECT_TRUE(IsError(Admin().Get("/api/v1/users?page_size=ten"), 400, "invalid_type", "page_size"));
    EXPECT_TRUE(IsError(Admin().Get("/api/v1/users?page_size=-1"), 400, "invalid_type", "page_size"));
    EXPECT_EQ(Admin().Get("/api/v1/users?page_size=99999999999999999999").status, 400);
    EXPECT_EQ(Admin().Get("/api/v1/users?page=9223372036854775807").status, 400);
    EXPECT_TRUE(IsError(Admin().Get("/api/v1/users?page=0"), 400, "invalid_page", "page"));
    EXPECT_TRUE(IsError(Admin().Get("/api/v1/users?sort=password_hash"), 400, "invalid_sort", "sort"));
    EXPECT_TRUE(IsError(Admin().Get("/api/v1/users?sort=id%20DESC%2C%20password_hash"), 400, "invalid_sort", "sort"));
    EXPECT_TRUE(IsError(Admin().Get("/api/v1/users?order=up"), 400, "invalid_order", "order"));
    EXPECT_EQ(Admin().Get("/api/v1/users?order=sideways").Json()["field"], "order");
    EXPECT_TRUE(IsError(Admin().Get("/api/v1/users?region_code=12345"), 400, "invalid_region_code", "region_code"));
    EXPECT_TRUE(IsError(Admin().Get("/api/v1/users?disabled=maybe"), 400, "invalid_type", "disabled"));
    EXPECT_TRUE(IsError(Admin().Get("/api/v1/users?role=king"), 400, "invalid_role", "role"));
    EXPECT_TRUE(IsError(Admin().Get("/api/v1/users?q=a&q=b"), 400, "duplicate_parameter", "q"));
    EXPECT_TRUE(IsError(Admin().Get("/api/v1/institutions?sort=uscc"), 400, "invalid_sort", "sort"));
    EXPECT_TRUE(IsError(Admin().Get("/api/v1/audit?sort=username"), 400, "invalid_sort", "sort"));
    EXPECT_TRUE(IsError(Admin().Get("/api/v1/audit?from=yesterday"), 400, "invalid_date", "from"));
    EXPECT_TRUE(IsError(Admin().Get("/api/v1/audit?outcome=maybe"), 400, "invalid_outcome", "outcome"));
    EXPECT_TRUE(IsError(Admin().Get("/api/v1/regions?parent=abc"), 400, "invalid_region_code", "parent"));
    EXPECT_TRUE(IsError(Admin().Get("/api/v1/users?%zz=1"), 400, "malformed_query"));
}

TEST_F(BadInputTest, WrongContentTypeIs415) {
    const std::string body = ValidNewUser().dump();
    for (const std::string& type : {std::string("text/plain"), std::string("application/x-www-form-urlencoded"),
                                    std::string("multipart/form-data; boundary=x"), std::string("text/json")}) {
        EXPECT_TRUE(
            IsError(Admin().Post("/api/v1/users", body, {{"Content-Type", type}}), 415, "unsupported_media_type"))
            << type;
        EXPECT_TRUE(IsError(Admin().Patch(CarerPath(), R"({"display_name":"x"})", {{"Content-Type", type}}), 415,
                            "unsupported_media_type"))
            << type;
    }
    // With a charset it is still JSON.
    const HttpResponse charset =
        Admin().Post("/api/v1/users", R"({"username":5})", {{"Content-Type", "application/json; charset=utf-8"}});
    EXPECT_TRUE(IsError(charset, 400, "invalid_type", "username"));
}

TEST_F(BadInputTest, BodyOverOneMebibyteIs413) {
    Json body = ValidNewUser();
    body["display_name"] = std::string(2 * 1024 * 1024, 'x');  // 2 MiB: above the JSON limit, below the parser's
    EXPECT_TRUE(IsError(Admin().Post("/api/v1/users", body.dump()), 413, "body_too_large"));
    EXPECT_TRUE(IsError(Admin().Patch(CarerPath(), Json{{"display_name", std::string(1024 * 1024 + 1, 'y')}}.dump()),
                        413, "body_too_large"));
    EXPECT_TRUE(IsError(site_->Anonymous().Post("/api/v1/auth/login", body.dump()), 413, "body_too_large"));
    // Just under the limit it is read (and refused for its content).
    Json under = ValidNewUser();
    under["display_name"] = std::string(1000 * 1000, 'z');
    EXPECT_TRUE(IsError(Admin().Post("/api/v1/users", under.dump()), 400, "too_long", "display_name"));
    // Above the parser's 8 MiB the connection is cut; the server lives on.
    const HttpResponse huge = Admin().Post("/api/v1/users", std::string(9 * 1024 * 1024, ' '));
    EXPECT_TRUE(huge.status == 0 || huge.status == 413) << huge.status;
    EXPECT_EQ(site_->Anonymous().Get("/api/v1/health").status, 200);
}

TEST_F(BadInputTest, UnknownRouteIs404AndWrongMethodIs405) {
    EXPECT_TRUE(IsError(Admin().Get("/api/v1/nope"), 404, "no_such_route"));
    EXPECT_TRUE(IsError(Admin().Get("/api/v2/users"), 404, "no_such_route"));
    EXPECT_TRUE(IsError(Admin().Get("/api/v1/users/1/nothing"), 404, "no_such_route"));
    EXPECT_TRUE(IsError(Admin().Get("/api"), 404, "no_such_route"));
    EXPECT_TRUE(IsError(site_->Anonymous().Get("/api/v1/nope"), 404, "no_such_route"));
    EXPECT_TRUE(IsError(Admin().Request("DELETE", "/api/v1/users", "", {}), 405, "method_not_allowed"));
    EXPECT_TRUE(IsError(Admin().Request("PUT", CarerPath(), R"({"display_name":"x"})", {}), 405, "method_not_allowed"));
    EXPECT_TRUE(IsError(Admin().Request("DELETE", CarerPath(), "", {}), 405, "method_not_allowed"));
    EXPECT_TRUE(IsError(Admin().Get("/api/v1/auth/login"), 405, "method_not_allowed"));
    EXPECT_TRUE(IsError(Admin().Post("/api/v1/health", "{}"), 405, "method_not_allowed"));
    // API replies are never cached.
    EXPECT_EQ(Admin().Get("/api/v1/nope").Header("cache-control"), "no-store");
}

TEST_F(BadInputTest, NotSignedInIs401) {
    HttpClient anonymous = site_->Anonymous();
    EXPECT_TRUE(IsError(anonymous.Get("/api/v1/users"), 401, "not_authenticated"));
    EXPECT_TRUE(IsError(anonymous.Post("/api/v1/users", ValidNewUser().dump()), 401, "not_authenticated"));
    EXPECT_TRUE(IsError(anonymous.Patch(CarerPath(), R"({"display_name":"x"})"), 401, "not_authenticated"));
    EXPECT_TRUE(IsError(anonymous.Get("/api/v1/audit"), 401, "not_authenticated"));
}

TEST_F(BadInputTest, ErrorsCarryTheRequestId) {
    const HttpResponse reply = Admin().Get("/api/v1/users?bogus=1");
    ASSERT_TRUE(IsError(reply, 400, "unknown_parameter", "bogus"));
    EXPECT_EQ(reply.Json()["request_id"], reply.Header("x-request-id"));
    EXPECT_NE(reply.Header("x-request-id"), Admin().Get("/api/v1/users?bogus=1").Header("x-request-id"))
        << "request ids must differ";
    // A client's own id is kept, a malformed one replaced.
    const HttpResponse named = Admin().Get("/api/v1/users?bogus=1", {{"X-Request-Id", "client-42.a_b"}});
    EXPECT_EQ(named.Header("x-request-id"), "client-42.a_b");
    EXPECT_EQ(named.Json()["request_id"], "client-42.a_b");
    const HttpResponse odd = Admin().Get("/api/v1/users?bogus=1", {{"X-Request-Id", "<script>"}});
    EXPECT_NE(odd.Header("x-request-id"), "<script>");
    EXPECT_FALSE(Contains(odd.body, "<script>"));
    EXPECT_TRUE(Contains(reply.Header("content-type"), "application/json")) << reply.Header("content-type");
}

// Paging, sorting and filtering look the same on every list: ?page&page_size&sort&order, and a
// reply {items, total, page, page_size}.
TEST_F(BadInputTest, EveryListTakesTheSamePagingParameters) {
    for (const std::string& list :
         std::vector<std::string>{"/api/v1/users", "/api/v1/institutions", "/api/v1/audit", "/api/v1/regions"}) {
        const HttpResponse reply = Admin().Get(list + "?page=1&page_size=1");
        audited_reads_ += list == "/api/v1/users" && reply.status == 200 ? 1 : 0;
        EXPECT_EQ(reply.status, 200) << list << ": " << reply.body;
        const Json body = reply.Json();
        for (const char* key : {"items", "total", "page", "page_size"}) {
            EXPECT_TRUE(body.is_object() && body.contains(key)) << list << " lacks \"" << key << "\": " << reply.body;
        }
        if (body.is_object() && body.contains("items")) {
            EXPECT_LE(body["items"].size(), 1u) << list;
        }
        EXPECT_TRUE(IsError(Admin().Get(list + "?page_size=0"), 400, "invalid_page_size", "page_size")) << list;
        EXPECT_TRUE(IsError(Admin().Get(list + "?order=up"), 400, "invalid_order", "order")) << list;
    }
}

}  // namespace
}  // namespace tuoyu::test::api
