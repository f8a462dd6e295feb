#pragma once

// Shared pieces of the black-box API tests: a demo database with a server on it, cached signed-in
// clients of the demo accounts, the data-exchange client's API key, and checks of the error object
// and of the audit log. Header-only so that tests/CMakeLists.txt (which globs api/*_test.cpp) needs
// no change.

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/test_database.hpp"

namespace tuoyu::test::api {

using Json = nlohmann::json;

// The demo accounts (src/cli/demo_data.cpp) and their passwords.
inline const std::map<std::string, std::string>& DemoPasswords() {
    static const std::map<std::string, std::string> kPasswords = {
        {"admin", "Demo#2024admin"},         {"panjin_health", "Demo#2024panjin"},
        {"daowa_health", "Demo#2024daowa"},  {"daowa_market", "Demo#2024market"},
        {"yuyao_health", "Demo#2024yuyao"},  {"daowa_nursery", "Demo#2024nursery"},
        {"daowa_carer", "Demo#2024carer"},   {"yuyao_nursery", "Demo#2024yuyaon"},
        {"parent_zhang", "Demo#2024parent"},
    };
    return kPasswords;
}

// The region codes and institution names of the demo data set.
inline constexpr const char* kDaowa = "211104000000";      // 大洼区 (the "own" side of the tests)
inline constexpr const char* kDaowaTown = "211104004000";  // 大洼街道, institution 1
inline constexpr const char* kYuyao = "330281000000";      // 余姚市 (the "foreign" side)
inline constexpr const char* kYuyaoTown = "330281001000";  // institution 2

// Pulls the data-exchange client's key out of `tuoyu demo`'s output:
// "  daowa_registry  API key: tyk_…  (…)".
inline std::string ApiKeyFromDemoOutput(const std::string& output) {
    const std::string marker = "API key: ";
    const auto at = output.find(marker);
    if (at == std::string::npos) {
        return {};
    }
    const auto start = at + marker.size();
    const auto end = output.find_first_of(" \n", start);
    return output.substr(start, end - start);
}

// A demo database and a `tuoyu serve` on it. Clients of the demo accounts are signed in once and
// cached: an argon2 verification costs 50–300 ms under ASan.
class DemoSite {
  public:
    explicit DemoSite(std::vector<std::string> server_args = {}) : db_(std::make_unique<TestDatabase>()) {
        const CommandResult demo = RunTuoyu({"demo", "--database", db_->url()});
        if (demo.exit_code != 0) {
            throw std::runtime_error("tuoyu demo failed:\n" + demo.output);
        }
        api_key_ = ApiKeyFromDemoOutput(demo.output);
        if (api_key_.rfind("tyk_", 0) != 0) {
            throw std::runtime_error("no API key in the demo output:\n" + demo.output);
        }
        server_ = std::make_unique<ServerProcess>(db_->url(), std::move(server_args));
    }

    const std::string& database_url() const { return db_->url(); }
    const TestDatabase& database() const { return *db_; }
    ServerProcess& server() { return *server_; }
    const std::string& base_url() const { return server_->base_url(); }
    const std::string& api_key() const { return api_key_; }

    // Starts a new server on the same database (after Kill() or Terminate()); sessions are
    // signed in again.
    void Restart(std::vector<std::string> server_args = {}) {
        server_.reset();
        sessions_.clear();
        server_ = std::make_unique<ServerProcess>(db_->url(), std::move(server_args));
    }

    // A client with no session.
    HttpClient Anonymous() const { return HttpClient(server_->base_url()); }

    // The data-exchange client, by its bearer key.
    HttpClient Exchange() const {
        HttpClient client(server_->base_url());
        client.set_bearer(api_key_);
        return client;
    }

    // A new session (a real login) each call.
    HttpClient Fresh(const std::string& username, const std::string& password) const {
        HttpClient client(server_->base_url());
        const HttpResponse reply = client.Login(username, password);
        if (reply.status != 200) {
            throw std::runtime_error("login of " + username + " failed: " + std::to_string(reply.status) + " " +
                                     reply.body);
        }
        return client;
    }
    HttpClient Fresh(const std::string& username) const { return Fresh(username, DemoPasswords().at(username)); }

    // The cached session of a demo account.
    HttpClient& As(const std::string& username) {
        auto it = sessions_.find(username);
        if (it == sessions_.end()) {
            it = sessions_.emplace(username, Fresh(username)).first;
        }
        return it->second;
    }
    HttpClient& Admin() { return As("admin"); }

    // The id of an account, looked up by the administrator.
    std::int64_t UserId(const std::string& username) {
        auto it = user_ids_.find(username);
        if (it != user_ids_.end()) {
            return it->second;
        }
        const HttpResponse reply = Admin().Get("/api/v1/users?page_size=500&q=" + username);
        for (const Json& item : reply.Json().value("items", Json::array())) {
            if (item.value("username", "") == username) {
                return user_ids_[username] = item["id"].get<std::int64_t>();
            }
        }
        throw std::runtime_error("no user " + username + ": " + reply.body);
    }

    // The id of the demo institution in a town (kDaowaTown or kYuyaoTown).
    std::int64_t InstitutionIn(const std::string& town) {
        const HttpResponse reply = Admin().Get("/api/v1/institutions?page_size=500&region_code=" + town);
        const Json items = reply.Json().value("items", Json::array());
        if (items.empty()) {
            throw std::runtime_error("no institution in " + town + ": " + reply.body);
        }
        return items.front()["id"].get<std::int64_t>();
    }

    // The number of audit records, as the administrator sees them.
    std::int64_t AuditTotal() {
        const HttpResponse reply = Admin().Get("/api/v1/audit?page_size=1");
        if (reply.status != 200) {
            throw std::runtime_error("audit search failed: " + reply.body);
        }
        return reply.Json()["total"].get<std::int64_t>();
    }

    // The newest audit record (or null when there is none).
    Json NewestAudit() {
        const HttpResponse reply = Admin().Get("/api/v1/audit?order=desc&page_size=1");
        const Json items = reply.Json().value("items", Json::array());
        return items.empty() ? Json() : items.front();
    }

    // Every audit record, oldest first (the administrator's view).
    std::vector<Json> AllAudit() {
        std::vector<Json> records;
        for (int page = 1;; ++page) {
            const HttpResponse reply =
                Admin().Get("/api/v1/audit?order=asc&page_size=500&page=" + std::to_string(page));
            const Json items = reply.Json().value("items", Json::array());
            for (const Json& item : items) {
                records.push_back(item);
            }
            if (items.size() < 500) {
                return records;
            }
        }
    }

    // The number of accounts the administrator sees.
    std::int64_t UserTotal() { return Admin().Get("/api/v1/users?page_size=1").Json()["total"].get<std::int64_t>(); }

    // Creates an account as the administrator; returns its JSON (with "id").
    Json CreateUser(const Json& body) {
        const HttpResponse reply = Admin().Post("/api/v1/users", body.dump());
        if (reply.status != 201) {
            throw std::runtime_error("creating " + body.dump() + " failed: " + reply.body);
        }
        return reply.Json();
    }

  private:
    std::unique_ptr<TestDatabase> db_;
    std::string api_key_;
    std::unique_ptr<ServerProcess> server_;
    std::map<std::string, HttpClient> sessions_;
    std::map<std::string, std::int64_t> user_ids_;
};

// A password that passes the policy and contains none of the test user names.
inline constexpr const char* kGoodPassword = "Qx7#tuoyu-Pass";

// The body of a new institution staff account.
inline Json StaffBody(const std::string& username, std::int64_t institution_id, const std::string& phone = "") {
    Json body{{"username", username},
              {"display_name", "测试保育员 " + username},
              {"role", "institution_staff"},
              {"institution_id", institution_id},
              {"password", kGoodPassword}};
    if (!phone.empty()) {
        body["phone"] = phone;
    }
    return body;
}

// The bilingual error object every refusal carries.
inline ::testing::AssertionResult IsError(const HttpResponse& reply, int status, const std::string& code,
                                          const std::string& field = "") {
    if (reply.status != status) {
        return ::testing::AssertionFailure()
               << "expected status " << status << ", got " << reply.status << ": " << reply.body;
    }
    const Json body = reply.Json();
    if (!body.is_object()) {
        return ::testing::AssertionFailure() << "the reply is not a JSON object: " << reply.body;
    }
    for (const char* key : {"code", "field", "message_zh", "message_en", "request_id"}) {
        if (!body.contains(key)) {
            return ::testing::AssertionFailure() << "the error object lacks \"" << key << "\": " << reply.body;
        }
    }
    if (!body["message_zh"].is_string() || body["message_zh"].get<std::string>().empty() ||
        !body["message_en"].is_string() || body["message_en"].get<std::string>().empty()) {
        return ::testing::AssertionFailure() << "the messages are empty: " << reply.body;
    }
    if (!body["request_id"].is_string() || body["request_id"].get<std::string>().empty()) {
        return ::testing::AssertionFailure() << "no request_id: " << reply.body;
    }
    if (body["code"] != code) {
        return ::testing::AssertionFailure() << "expected code " << code << ", got " << reply.body;
    }
    if (!field.empty() && body["field"] != field) {
        return ::testing::AssertionFailure() << "expected field " << field << ", got " << reply.body;
    }
    return ::testing::AssertionSuccess();
}

// Every route of the server, from `tuoyu routes`: [{method, path, summary, public, audit, api_key}].
inline Json ListedRoutes() {
    const CommandResult result = RunTuoyu({"routes"});
    const auto begin = result.output.find('[');
    const auto end = result.output.rfind(']');
    if (result.exit_code != 0 || begin == std::string::npos || end == std::string::npos) {
        ADD_FAILURE() << "tuoyu routes failed: " << result.output;
        return Json::array();
    }
    const Json routes = Json::parse(result.output.substr(begin, end - begin + 1), nullptr, false);
    if (!routes.is_array()) {
        ADD_FAILURE() << "tuoyu routes printed no JSON list: " << result.output;
        return Json::array();
    }
    return routes;
}

// The items of a list reply (a copy: safe to loop over).
inline Json Items(const HttpResponse& reply) {
    const Json body = reply.Json();
    return body.is_object() && body.contains("items") && body["items"].is_array() ? body["items"] : Json::array();
}

inline bool Contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// A background job (202 with {job} and a Location), polled every 20 ms until it has finished;
// returns the finished job, or null after a minute.
inline Json AwaitJob(HttpClient& client, const HttpResponse& accepted) {
    const std::string location = accepted.Header("location");
    if (accepted.status != 202 || location.rfind("/api/v1/jobs/", 0) != 0) {
        ADD_FAILURE() << "not an accepted job (" << accepted.status << ", Location " << location
                      << "): " << accepted.body.substr(0, 500);
        return Json();
    }
    for (int i = 0; i < 3000; ++i) {
        const HttpResponse reply = client.Get(location);
        if (reply.status != 200) {
            ADD_FAILURE() << "GET " << location << ": " << reply.status << " " << reply.body;
            return Json();
        }
        const Json job = reply.Json()["job"];
        if (job["state"] == "succeeded" || job["state"] == "failed") {
            return job;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ADD_FAILURE() << "job " << location << " did not finish within a minute";
    return Json();
}

// The reply the work of a job would have had within its request: the job's status, with its
// result or its error object as the body. Any reply but a 202 is returned as it is.
inline HttpResponse Settle(HttpClient& client, const HttpResponse& reply) {
    if (reply.status != 202) {
        return reply;
    }
    const Json job = AwaitJob(client, reply);
    HttpResponse settled;
    if (job.is_null()) {
        return settled;
    }
    settled.status = job["status"].get<int>();
    settled.body = (job["state"] == "succeeded" ? job["result"] : job["error"]).dump();
    settled.headers.emplace("content-type", "application/json");
    return settled;
}

}  // namespace tuoyu::test::api
