// A crash in the middle of writes: concurrent clients create and rename accounts while the server
// is killed with SIGKILL. Afterwards the audit chain is intact, migrations still run, a new server
// starts, every change the API acknowledged is there, and no change exists without its audit
// record (nor an audit record without its change).

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>

#include "api/api_support.hpp"

namespace tuoyu::test::api {
namespace {

struct Acknowledged {
    std::mutex mutex;
    std::map<std::string, std::int64_t> created;  // username → id, answered 201
    std::map<std::int64_t, std::string> renamed;  // id → the last name answered 200
    std::set<std::string> attempted;              // every creation sent
};

TEST(KillDuringWriteTest, AcknowledgedWritesSurviveWithTheirAuditRecords) {
    DemoSite site({"--threads", "4"});
    const std::int64_t institution = site.InstitutionIn(kDaowaTown);
    const HttpClient admin = site.Admin();
    const std::int64_t users_before = site.UserTotal();

    Acknowledged done;
    std::atomic<bool> stop{false};
    std::atomic<int> acknowledged{0};
    std::vector<std::thread> writers;
    for (int t = 0; t < 4; ++t) {
        writers.emplace_back([&, t] {
            HttpClient client = admin;
            for (int i = 0; !stop; ++i) {
                const std::string username = "kill_t" + std::to_string(t) + "_" + std::to_string(i);
                {
                    std::lock_guard lock(done.mutex);
                    done.attempted.insert(username);
                }
                const HttpResponse created = client.Post("/api/v1/users", StaffBody(username, institution).dump());
                if (created.status == 0) {
                    return;  // the server is gone
                }
                if (created.status != 201) {
                    ADD_FAILURE() << "creating " << username << ": " << created.status << " " << created.body;
                    return;
                }
                const std::int64_t id = created.Json()["id"];
                {
                    std::lock_guard lock(done.mutex);
                    done.created[username] = id;
                }
                ++acknowledged;
                const std::string name = "改名" + std::to_string(i);
                const HttpResponse renamed =
                    client.Patch("/api/v1/users/" + std::to_string(id), Json{{"display_name", name}}.dump());
                if (renamed.status == 0) {
                    return;
                }
                if (renamed.status == 200) {
                    std::lock_guard lock(done.mutex);
                    done.renamed[id] = name;
                }
            }
        });
    }
    // Kill the server once writes are flowing, in the middle of others.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (acknowledged < 12 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    site.server().Kill();
    stop = true;
    for (std::thread& writer : writers) {
        writer.join();
    }
    ASSERT_GE(acknowledged.load(), 12) << "the writers were too slow to test anything";

    // The database is consistent: the chain verifies, migrations run, a server starts.
    const CommandResult verify = RunTuoyu({"audit", "verify", "--database", site.database_url()});
    EXPECT_EQ(verify.exit_code, 0) << verify.output;
    EXPECT_TRUE(Contains(verify.output, "intact")) << verify.output;
    const CommandResult migrate = RunTuoyu({"migrate", "--database", site.database_url()});
    EXPECT_EQ(migrate.exit_code, 0) << migrate.output;
    site.Restart();

    // Every acknowledged account is there; nothing but attempted ones appeared.
    std::map<std::int64_t, Json> users;  // id → the stored account
    const HttpResponse listed = site.Admin().Get("/api/v1/users?page_size=500&q=kill_t");
    ASSERT_EQ(listed.status, 200) << listed.body;
    for (const Json& user : Items(listed)) {
        users[user["id"].get<std::int64_t>()] = user;
        EXPECT_EQ(done.attempted.count(user["username"].get<std::string>()), 1u) << user.dump();
    }
    EXPECT_EQ(site.UserTotal(), users_before + static_cast<std::int64_t>(users.size()));
    for (const auto& [username, id] : done.created) {
        ASSERT_EQ(users.count(id), 1u) << username << " was answered 201 but is gone";
        EXPECT_EQ(users[id]["username"], username);
    }

    // Exactly one "ok" creation record per account, and a rename record for every rename.
    std::map<std::int64_t, int> creation_records;
    std::map<std::int64_t, int> rename_records;
    for (const Json& record : site.AllAudit()) {
        if (record["outcome"] != "ok") {
            continue;
        }
        const std::string object_id = record["object_id"];
        if (record["method"] == "POST" && record["route"] == "/api/v1/users") {
            ++creation_records[std::stoll(object_id)];
        } else if (record["method"] == "PATCH" && record["route"] == "/api/v1/users/{id}") {
            ++rename_records[std::stoll(object_id)];
        }
    }
    EXPECT_EQ(creation_records.size(), users.size()) << "creations and their audit records differ";
    for (const auto& [id, count] : creation_records) {
        EXPECT_EQ(count, 1) << "user " << id << " has " << count << " creation records";
        EXPECT_EQ(users.count(id), 1u) << "an audit record for a creation that did not happen: user " << id;
    }
    for (const auto& [id, user] : users) {
        EXPECT_EQ(creation_records.count(id), 1u) << "user " << id << " exists without its audit record";
        const bool renamed = user["display_name"].get<std::string>().rfind("改名", 0) == 0;
        EXPECT_EQ(rename_records[id], renamed ? 1 : 0) << "user " << id << " (" << user["display_name"] << ")";
    }
    for (const auto& [id, name] : done.renamed) {
        EXPECT_EQ(users[id]["display_name"], name) << "an acknowledged rename was lost";
    }
}

}  // namespace
}  // namespace tuoyu::test::api
