// docs/openapi.yaml describes exactly the routes of the server: a route that `tuoyu routes` lists
// and the document lacks fails, and so does a documented route that the server does not have.
// The document is read crudely: a path is a line "  /api/v1/…:" under "paths:", its operations
// the lines "    get:", "    post:" … below it.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

#include "api/api_support.hpp"

namespace tuoyu::test::api {
namespace {

const std::string kDocument = std::string(TUOYU_SOURCE_DIR) + "/docs/openapi.yaml";

std::string Upper(std::string text) {
    for (char& c : text) {
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return text;
}

// "METHOD /path" for every operation of the document.
std::set<std::string> DocumentedRoutes(const std::string& file) {
    std::ifstream in(file);
    std::set<std::string> routes;
    const std::regex path_line(R"(^  ["']?(/[^:\s"']*)["']?:\s*(#.*)?$)");
    const std::regex method_line(R"(^    (get|put|post|patch|delete|head|options):\s*(#.*)?$)");
    const std::regex top_level(R"(^[A-Za-z_]+:)");
    std::string line, path;
    bool in_paths = false;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        std::smatch match;
        if (std::regex_search(line, top_level)) {
            in_paths = line.rfind("paths:", 0) == 0;
            path.clear();
            continue;
        }
        if (!in_paths) {
            continue;
        }
        if (std::regex_match(line, match, path_line)) {
            path = match[1];
        } else if (!path.empty() && std::regex_match(line, match, method_line)) {
            routes.insert(Upper(match[1]) + " " + path);
        }
    }
    return routes;
}

TEST(OpenApiTest, DocumentListsExactlyTheServersRoutes) {
    ASSERT_TRUE(std::filesystem::exists(kDocument)) << kDocument << " is missing: every route must be documented";
    const std::set<std::string> documented = DocumentedRoutes(kDocument);
    ASSERT_FALSE(documented.empty()) << "no paths found in " << kDocument;
    std::set<std::string> served;
    for (const Json& route : ListedRoutes()) {
        served.insert(route["method"].get<std::string>() + " " + route["path"].get<std::string>());
    }
    ASSERT_FALSE(served.empty());
    for (const std::string& route : served) {
        EXPECT_EQ(documented.count(route), 1u) << "route " << route << " is missing from docs/openapi.yaml";
    }
    for (const std::string& route : documented) {
        EXPECT_EQ(served.count(route), 1u) << "docs/openapi.yaml lists " << route << ", which the server does not have";
    }
}

TEST(OpenApiTest, DocumentDeclaresTheErrorObjectAndTheVersion) {
    ASSERT_TRUE(std::filesystem::exists(kDocument)) << kDocument << " is missing";
    std::ifstream in(kDocument);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_TRUE(text.rfind("openapi: 3", 0) == 0 || Contains(text, "\nopenapi: 3")) << "not an OpenAPI 3 document";
    for (const char* field : {"message_zh", "message_en", "request_id"}) {
        EXPECT_TRUE(Contains(text, field)) << "the error object's " << field << " is not described";
    }
}

}  // namespace
}  // namespace tuoyu::test::api
