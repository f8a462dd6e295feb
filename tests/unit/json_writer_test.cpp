// The replies written straight to text (http::JsonWriter) are byte for byte what nlohmann's
// dump() makes of the same object, escaping and broken UTF-8 included, so that a route may
// switch between the two without its clients or its audit digests noticing.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "features/accounts/user_json.hpp"
#include "http/json_writer.hpp"

namespace tuoyu {
namespace {

using http::Json;

std::string NlohmannText(const Json& json) {
    return json.dump(-1, ' ', false, Json::error_handler_t::replace);
}

TEST(JsonWriterTest, StringsAreEscapedAsNlohmannDoesIt) {
    const std::vector<std::string> samples = {
        "",
        "plain",
        "大洼区 (211104)",
        "quote \" backslash \\ slash /",
        "controls \x01\x08\x09\x0a\x0c\x0d\x1f and \x7f",
        std::string("nul \0 inside", 12),
        "emoji 😀",
        "\xff lone byte",
        "\xe5\xa4 cut short",
        "\xe5\xa4",
        "\xc0\xaf overlong",
        "\xed\xa0\x80 surrogate",
        "\xf4\x90\x80\x80 past U+10FFFF",
        "\xe5\xa4\xa7\xe5 end",
        "\x80\x80 stray continuations",
        "\xf0\x9f\x98",
    };
    for (const std::string& sample : samples) {
        http::JsonWriter writer;
        writer.String("text", sample);
        http::JsonObject object;
        object.String("text", sample);
        EXPECT_EQ(writer.Finish(), NlohmannText(object.Finish())) << sample;
    }
}

TEST(JsonWriterTest, EveryKindOfFieldInSortedOrderGivesTheSameText) {
    http::JsonWriter writer;
    http::JsonObject object;
    auto both = [&](auto&& write) {
        write(writer);
        write(object);
    };
    both([](auto& out) { out.Boolean("a_true", true); });
    both([](auto& out) { out.Boolean("b_false", false); });
    both([](auto& out) { out.Integer("c_negative", std::int64_t{-9'007'199'254'740'993}); });
    both([](auto& out) { out.Integer("d_missing", std::optional<std::int64_t>()); });
    both([](auto& out) { out.Integer("e_present", std::optional<std::int64_t>(42)); });
    both([](auto& out) { out.Null("f_null"); });
    both([](auto& out) { out.String("g_missing", std::optional<std::string>()); });
    both([](auto& out) { out.String("h_present", std::optional<std::string>("是")); });
    EXPECT_EQ(writer.Finish(), NlohmannText(object.Finish()));
    EXPECT_EQ(http::JsonWriter().Finish(), "{}");
}

TEST(JsonWriterTest, AUsersTextIsItsJsonDumped) {
    access::UserRecord user;
    user.id = 3;
    user.username = "daowa_health";
    user.display_name = "大洼 \"卫健\" 局";
    user.role = access::Role::kRegulator;
    user.department = "health";
    user.region_code = "211104000000";
    user.region_name = "大洼区";
    user.phone = "13812341234";
    user.locked_until = 5;
    user.created_at = 1'764'000'000'000;
    user.updated_at = 1'764'000'000'123;
    for (const auto view : {features::PhoneView::kFull, features::PhoneView::kMasked}) {
        EXPECT_EQ(features::UserJsonText(user, view), NlohmannText(features::UserJson(user, view)));
    }
    user.phone.reset();
    user.institution_id = 7;
    user.institution_name = "幼儿园";
    EXPECT_EQ(features::UserJsonText(user, features::PhoneView::kFull),
              NlohmannText(features::UserJson(user, features::PhoneView::kFull)));
}

}  // namespace
}  // namespace tuoyu
