#include <gtest/gtest.h>

#include "core/error.hpp"
#include "http/json_io.hpp"

namespace tuoyu {
namespace {

http::Request JsonRequest(const std::string& body) {
    http::Request request;
    request.method = "POST";
    request.headers["content-type"] = "application/json";
    request.body = body;
    return request;
}

template <typename Action>
std::pair<std::string, std::string> ErrorOf(Action action) {
    try {
        action();
    } catch (const ApiError& error) {
        return {error.code(), error.field()};
    }
    return {"", ""};
}

TEST(JsonBodyTest, ReadsTypedFieldsAndRefusesUnknownOnes) {
    const auto request = JsonRequest(R"({"name":"张三","age":3,"active":true,"extra":1})");
    http::JsonBody body(request);
    EXPECT_EQ(body.RequiredString("name"), "张三");
    EXPECT_EQ(body.OptionalInt("age"), 3);
    EXPECT_EQ(body.OptionalBool("active"), true);
    EXPECT_FALSE(body.OptionalString("missing"));
    EXPECT_EQ(ErrorOf([&] { body.Finish(); }), std::make_pair(std::string("unknown_field"), std::string("extra")));
}

TEST(JsonBodyTest, NamesTheFieldOfEveryMistake) {
    const auto request = JsonRequest(R"({"name":5,"age":"3","long":"一二三四五"})");
    http::JsonBody body(request);
    EXPECT_EQ(ErrorOf([&] { body.RequiredString("name"); }).first, "invalid_type");
    EXPECT_EQ(ErrorOf([&] { body.OptionalInt("age"); }).second, "age");
    EXPECT_EQ(ErrorOf([&] { body.OptionalString("long", 4); }).first, "too_long");
    EXPECT_EQ(ErrorOf([&] { body.RequiredString("absent"); }).first, "required");
}

TEST(JsonBodyTest, RefusesMalformedJsonNonObjectsAndOtherMediaTypes) {
    EXPECT_EQ(ErrorOf([] { http::JsonBody body(JsonRequest("{\"a\":")); }).first, "malformed_json");
    EXPECT_EQ(ErrorOf([] { http::JsonBody body(JsonRequest("[1,2]")); }).first, "malformed_json");
    http::Request form = JsonRequest("a=1");
    form.headers["content-type"] = "application/x-www-form-urlencoded";
    EXPECT_EQ(ErrorOf([&] { http::JsonBody body(form); }).first, "unsupported_media_type");
}

TEST(JsonBodyTest, StringListsNeedOneToMaxNonBlankShortEntries) {
    auto read = [](const std::string& json) {
        const auto request = JsonRequest(json);
        http::JsonBody body(request);
        return body.RequiredStringList("reasons", 2, 4, "须写明理由", "Reasons are needed");
    };
    EXPECT_EQ(read(R"({"reasons":["面积不足","无消防"]})"), (std::vector<std::string>{"面积不足", "无消防"}));
    const std::pair<std::string, std::string> required{"required", "reasons"};
    EXPECT_EQ(ErrorOf([&] { read("{}"); }), required);
    EXPECT_EQ(ErrorOf([&] { read(R"({"reasons":[]})"); }), required);
    EXPECT_EQ(ErrorOf([&] { read(R"({"reasons":"一条"})"); }), required);
    EXPECT_EQ(ErrorOf([&] { read(R"({"reasons":["a","b","c"]})"); }),
              std::make_pair(std::string("too_many"), std::string("reasons")));
    EXPECT_EQ(ErrorOf([&] { read(R"({"reasons":[" \t"]})"); }),
              std::make_pair(std::string("invalid_value"), std::string("reasons")));
    EXPECT_EQ(ErrorOf([&] { read(R"({"reasons":[1]})"); }),
              std::make_pair(std::string("invalid_value"), std::string("reasons")));
    EXPECT_EQ(ErrorOf([&] { read(R"({"reasons":["五个汉字呀"]})"); }),
              std::make_pair(std::string("too_long"), std::string("reasons")));
}

TEST(QueryParamsTest, PagingSortingAndUnknownParameters) {
    http::Request request;
    request.query = {{"page", "2"}, {"page_size", "50"}, {"sort", "username"}, {"order", "desc"}};
    http::QueryParams params(request);
    const PageRequest page = params.Page({"id", "username"});
    EXPECT_EQ(page.page, 2);
    EXPECT_EQ(page.offset(), 50);
    EXPECT_TRUE(page.descending);
    EXPECT_NO_THROW(params.Finish());

    request.query = {{"page_size", "501"}};
    EXPECT_EQ(ErrorOf([&] { http::QueryParams(request).Page({"id"}); }).first, "invalid_page_size");
    request.query = {{"sort", "password_hash"}};
    EXPECT_EQ(ErrorOf([&] { http::QueryParams(request).Page({"id"}); }).first, "invalid_sort");
    request.query = {{"colour", "red"}};
    EXPECT_EQ(ErrorOf([&] { http::QueryParams(request).Finish(); }),
              std::make_pair(std::string("unknown_parameter"), std::string("colour")));
    request.query = {{"page", "-1"}};
    EXPECT_EQ(ErrorOf([&] { http::QueryParams(request).Page({}); }).first, "invalid_type");
    request.query = {{"region_code", "2111"}};
    EXPECT_EQ(http::QueryParams(request).RegionCode("region_code"), "211100000000");
    request.query = {{"region_code", "21x"}};
    EXPECT_EQ(ErrorOf([&] { http::QueryParams(request).RegionCode("region_code"); }).first, "invalid_region_code");
}

TEST(RequestTest, CookieByExactName) {
    http::Request request;
    request.headers["cookie"] = "other=1; tuoyu_session_x=2; tuoyu_session=abc; last=3";
    EXPECT_EQ(request.Cookie("tuoyu_session"), "abc");
    EXPECT_EQ(request.Cookie("last"), "3");
    EXPECT_EQ(request.Cookie("missing"), "");
}

}  // namespace
}  // namespace tuoyu
