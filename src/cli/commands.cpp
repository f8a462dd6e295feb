#include "cli/commands.hpp"

#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "access/accounts.hpp"
#include "access/authenticator.hpp"
#include "access/password_policy.hpp"
#include "audit/audit_batcher.hpp"
#include "audit/audit_log.hpp"
#include "cli/config.hpp"
#include "cli/demo_data.hpp"
#include "cli/key_file.hpp"
#include "core/crypto.hpp"
#include "core/region_code.hpp"
#include "features/routes.hpp"
#include "http/server.hpp"
#include "jobs/job_runner.hpp"
#include "reference/seed_reference_data.hpp"
#include "storage/migrations.hpp"
#include "storage/query.hpp"

#ifndef TUOYU_VERSION
#define TUOYU_VERSION "0.0.0"
#endif

namespace tuoyu::cli {

namespace {

const std::vector<std::string> kDatabaseKeys = {"database", "pool_size"};

std::vector<std::string> With(std::vector<std::string> keys, const std::vector<std::string>& more) {
    keys.insert(keys.end(), more.begin(), more.end());
    return keys;
}

std::unique_ptr<storage::Database> OpenDatabase(const Config& config) {
    storage::DatabaseOptions options;
    options.url = config.Get("database", "data/tuoyu.db");
    options.pool_size = static_cast<std::size_t>(config.GetInt("pool_size", 4));
    if (!storage::IsPostgresUrl(options.url)) {
        const std::filesystem::path folder = std::filesystem::path(options.url).parent_path();
        if (!folder.empty()) {
            std::filesystem::create_directories(folder);
        }
    }
    return storage::Database::Open(options);
}

std::unique_ptr<storage::Database> OpenMigrated(const Config& config, const Clock& clock, bool report) {
    std::unique_ptr<storage::Database> database = OpenDatabase(config);
    storage::MigrationReport migrated = storage::Migrate(*database, clock);
    if (report || !migrated.applied.empty()) {
        for (const std::string& name : migrated.applied) {
            std::cerr << "tuoyu: applied migration " << name << '\n';
        }
        std::cerr << "tuoyu: database " << database->description() << " is at version " << migrated.current_version
                  << '\n';
    }
    if (const int seeded = reference::SeedReferenceData(*database, clock); seeded > 0) {
        std::cerr << "tuoyu: loaded " << seeded << " rows of reference data (parameters, dictionaries, calendar)\n";
    }
    return database;
}

// Changes made from the command line are audited like any other, as the operator "cli".
void AuditCli(storage::Transaction& tx, const Clock& clock, const std::string& action, std::int64_t user_id,
              const std::string& region) {
    audit::Event event;
    event.username = "cli";
    event.role = "admin";
    event.method = "CLI";
    event.route = "tuoyu user " + action;
    event.object_type = "user";
    event.object_id = std::to_string(user_id);
    event.region_code = region;
    event.outcome = "ok";
    event.digest = audit::DigestOf("", action);
    event.request_id = "cli";
    audit::AuditLog::Append(tx, event, clock.NowMillis());
}

std::string Password(const Config& config) {
    std::string password = config.Get("password");
    if (password.empty()) {
        if (const char* from_env = std::getenv("TUOYU_PASSWORD")) {
            password = from_env;
        }
    }
    if (password.empty()) {
        throw UsageError("--password (or TUOYU_PASSWORD) is required");
    }
    return password;
}

access::UserRecord RequireUser(storage::Transaction& tx, const std::string& username) {
    std::optional<access::UserRecord> user = access::Accounts::FindForLogin(tx, username);
    if (!user) {
        throw std::runtime_error("no account named " + username);
    }
    return *user;
}

bool HasAccounts(storage::Database& database) {
    storage::Transaction tx = database.Read();
    const bool any = storage::Query("SELECT COUNT(*) FROM users").Count(tx) > 0;
    tx.Commit();
    return any;
}

// Whether anything is sealed or hashed under a key already: only then would a new key orphan it.
bool HoldsSealedNumbers(storage::Database& database) {
    storage::Transaction tx = database.Read();
    const bool any =
        storage::Query("SELECT (SELECT COUNT(*) FROM staff) + (SELECT COUNT(*) FROM staff_bans)").Count(tx) > 0;
    tx.Commit();
    return any;
}

}  // namespace

int Serve(const Args& args) {
    const Config config = Config::Load(
        args, With(kDatabaseKeys, {"key_file", "listen", "threads", "web_root", "access_log", "idle_timeout_minutes"}),
        {"demo", "secure_cookies", "trust_proxy"});
    SystemClock clock;
    // A real database must have its key, or staff records could neither be sealed nor opened (decision
    // 0009): without one the server stops before it touches the database. A demo database gets a key
    // beside it while nothing is sealed yet; once something is, a new key would orphan it.
    std::shared_ptr<const crypto::IdentityVault> vault;
    if (!config.GetBool("demo", false)) {
        vault = LoadVault(KeyFilePath(config));
    }
    std::unique_ptr<storage::Database> database = OpenMigrated(config, clock, false);
    if (config.GetBool("demo", false)) {
        vault = HoldsSealedNumbers(*database) ? LoadVault(KeyFilePath(config)) : LoadOrCreateVault(KeyFilePath(config));
        if (!LoadDemo(*database, clock, *vault, std::cout)) {
            std::cout << "The database already has accounts: demo data not loaded again. Demo accounts "
                         "(if this is a demo database): admin / Demo#2024admin, daowa_health / Demo#2024daowa, "
                         "yuyao_health / Demo#2024yuyao — see README.md.\n";
        }
        std::cout.flush();
    }
    http::ServerOptions options;
    const std::string listen = config.Get("listen", "127.0.0.1:8080");
    const auto colon = listen.rfind(':');
    if (colon == std::string::npos) {
        throw UsageError("--listen takes ADDRESS:PORT");
    }
    options.address = listen.substr(0, colon);
    const std::int64_t port = std::stoll(listen.substr(colon + 1));
    if (port < 0 || port > 65535) {
        throw UsageError("the port must be between 0 and 65535");
    }
    options.port = static_cast<std::uint16_t>(port);
    // Two request threads: a slow request (a sign-in's password hash, a large export) no longer holds up
    // every other; more would mostly wait on the database (docs/decisions/0007).
    options.threads = static_cast<std::size_t>(config.GetInt("threads", 2));
    options.access_log = config.Get("access_log", "-");
    options.trust_proxy = config.GetBool("trust_proxy", false);
    access::SessionPolicy policy;
    policy.idle_timeout_ms = config.GetInt("idle_timeout_minutes", 30) * 60'000;
    access::Authenticator authenticator(*database, clock, policy);
    http::Services services{*database, clock, authenticator, config.GetBool("secure_cookies", false), TUOYU_VERSION};
    audit::AuditBatcher audit_batcher(*database, clock);
    services.audit_batcher = &audit_batcher;
    // Imports run here, off the request threads; declared after the database, which they use.
    jobs::JobRunner job_runner(clock);
    http::Router router(services);
    features::RegisterAllRoutes(router, job_runner, vault);
    const std::string web_root = config.Get("web_root", "web/dist");
    http::StaticFiles static_files(web_root);
    if (static_files.empty()) {
        std::cerr << "tuoyu: no web UI at " << web_root << " (build it with: make web); serving the API only\n";
    }
    http::RunServer(options, router, static_files, &audit_batcher);
    // A running import gets a few seconds to finish; then it is aborted and rolls back whole.
    if (const std::size_t aborted = job_runner.Stop(std::chrono::seconds(5)); aborted > 0) {
        std::cerr << "tuoyu: " << aborted << " running job(s) aborted and rolled back\n";
    }
    audit_batcher.Stop();
    return 0;
}

int MigrateCommand(const Args& args) {
    const Config config = Config::Load(args, kDatabaseKeys);
    SystemClock clock;
    OpenMigrated(config, clock, true);
    return 0;
}

int Demo(const Args& args) {
    const Config config = Config::Load(args, With(kDatabaseKeys, {"key_file"}));
    SystemClock clock;
    std::unique_ptr<storage::Database> database = OpenMigrated(config, clock, false);
    if (HasAccounts(*database) || !LoadDemo(*database, clock, *LoadOrCreateVault(KeyFilePath(config)), std::cout)) {
        std::cerr << "tuoyu demo: the database already has accounts; nothing loaded\n";
        return 1;
    }
    return 0;
}

int User(const Args& args) {
    const Config config =
        Config::Load(args, With(kDatabaseKeys, {"username", "display_name", "role", "region", "department",
                                                "institution", "phone", "password", "label"}));
    if (config.positional().size() != 1) {
        throw UsageError("say what to do: create, reset-password, disable, enable or api-key");
    }
    const std::string action = config.positional().front();
    const std::string username = config.Get("username");
    if (username.empty()) {
        throw UsageError("--username is required");
    }
    SystemClock clock;
    std::unique_ptr<storage::Database> database = OpenMigrated(config, clock, false);
    storage::Transaction tx = database->Write();
    if (action == "create") {
        access::NewUser user;
        user.username = username;
        user.display_name = config.Get("display_name", username);
        const std::optional<access::Role> role = access::ParseRole(config.Get("role"));
        if (!role) {
            throw UsageError(
                "--role must be one of admin regulator institution_admin institution_staff guardian exchange");
        }
        user.role = *role;
        if (config.Has("region")) {
            user.region_code = RegionCode::Normalize(config.Get("region"));
            if (!user.region_code) {
                throw UsageError("--region takes a division code of 2, 4, 6, 9 or 12 digits");
            }
        }
        if (config.Has("department")) {
            user.department = config.Get("department");
            if (!access::IsKnownDepartment(*user.department)) {
                throw UsageError("unknown department " + *user.department);
            }
        }
        if (config.Has("institution")) {
            user.institution_id = config.GetInt("institution", 0);
            long long id = *user.institution_id;
            std::string region;
            tx.sql() << "SELECT region_code FROM institutions WHERE id = :id", soci::use(id), soci::into(region);
            if (!tx.sql().got_data()) {
                throw std::runtime_error("no institution with id " + std::to_string(id));
            }
            user.region_code = region;
        }
        if ((user.role == access::Role::kRegulator || user.role == access::Role::kExchange) && !user.region_code) {
            throw UsageError("a " + config.Get("role") + " needs --region");
        }
        if (user.role == access::Role::kRegulator && !user.department) {
            throw UsageError("a regulator needs --department");
        }
        if (access::IsInstitutionRole(user.role) && !user.institution_id) {
            throw UsageError("an institution account needs --institution");
        }
        if (config.Has("phone")) {
            user.phone = config.Get("phone");
        }
        const std::string password =
            user.role == access::Role::kExchange && !config.Has("password") ? crypto::NewToken() : Password(config);
        if (std::optional<ApiError> weak = access::CheckPassword(username, password)) {
            throw UsageError(weak->message_en());
        }
        if (access::Accounts::UsernameTaken(tx, username)) {
            throw std::runtime_error("the user name " + username + " is taken");
        }
        user.password_hash = crypto::HashPassword(password);
        const std::int64_t id = access::Accounts::Insert(tx, user, clock.NowMillis());
        AuditCli(tx, clock, action, id, user.region_code.value_or(""));
        tx.Commit();
        std::cout << "created " << username << " (id " << id << "); the password must be changed at first sign-in\n";
        return 0;
    }
    access::UserRecord user = RequireUser(tx, username);
    if (action == "reset-password") {
        const std::string password = Password(config);
        if (std::optional<ApiError> weak = access::CheckPassword(username, password)) {
            throw UsageError(weak->message_en());
        }
        access::Accounts::SetPassword(tx, user.id, crypto::HashPassword(password), true, clock.NowMillis());
        tx.sql() << "DELETE FROM sessions WHERE user_id = :id", soci::use(static_cast<long long>(user.id));
    } else if (action == "disable" || action == "enable") {
        access::Accounts::SetDisabled(tx, user.id, action == "disable", clock.NowMillis());
    } else if (action == "api-key") {
        if (user.role != access::Role::kExchange) {
            throw std::runtime_error("only data-exchange accounts (role exchange) hold API keys");
        }
        access::Authenticator authenticator(*database, clock);
        std::cout << authenticator.CreateApiKey(tx, user.id, config.Get("label", "cli")) << '\n';
    } else {
        throw UsageError("unknown action " + action);
    }
    AuditCli(tx, clock, action, user.id, user.region_code.value_or(""));
    tx.Commit();
    if (action != "api-key") {
        std::cout << action << ": done for " << username << '\n';
    }
    return 0;
}

int Audit(const Args& args) {
    const Config config = Config::Load(args, kDatabaseKeys);
    if (config.positional().size() != 1 || config.positional().front() != "verify") {
        throw UsageError("the only action is: verify");
    }
    std::unique_ptr<storage::Database> database = OpenDatabase(config);
    const audit::VerifyReport report = audit::AuditLog::Verify(*database);
    if (report.intact) {
        std::cout << "audit log intact: " << report.records << " records\n";
        return 0;
    }
    std::cout << "audit log BROKEN at record " << report.first_broken_seq << ": " << report.problem << '\n';
    return 1;
}

int Backup(const Args& args) {
    const Config config = Config::Load(args, With(kDatabaseKeys, {"output"}));
    const std::string output = config.Get("output");
    if (output.empty()) {
        throw UsageError("--output FILE is required");
    }
    if (std::filesystem::exists(output)) {
        throw std::runtime_error(output + " exists already; choose a new file");
    }
    const std::string source = config.Get("database", "data/tuoyu.db");
    if (storage::IsPostgresUrl(source)) {
        throw std::runtime_error("for PostgreSQL use pg_dump (see docs/deploy.md)");
    }
    if (!std::filesystem::exists(source)) {
        throw std::runtime_error("no database at " + source);
    }
    // VACUUM INTO copies one read snapshot: the server's writers carry on, and the copy is
    // consistent and compact.
    soci::session session(soci::sqlite3, "db=\"" + source + "\" timeout=5");
    session << "VACUUM INTO :file", soci::use(output);
    std::cout << "backup written to " << output << '\n';
    return 0;
}

int Keygen(const Args& args) {
    const Config config = Config::Load(args, With(kDatabaseKeys, {"key_file", "output"}));
    const std::string path = config.Has("output") ? config.Get("output") : KeyFilePath(config);
    if (path.empty()) {
        throw UsageError("--output FILE is required with a PostgreSQL database");
    }
    WriteNewKey(path);
    std::cout << "tuoyu: wrote a new identity key to " << path
              << " (mode 0600). Back it up apart from the database: without it the identity numbers it seals "
                 "cannot be read.\n";
    return 0;
}

int Routes(const Args&) {
    SystemClock clock;
    storage::DatabaseOptions options;
    options.url = ":memory:";
    options.pool_size = 1;
    std::unique_ptr<storage::Database> database = storage::Database::Open(options);
    access::Authenticator authenticator(*database, clock);
    http::Services services{*database, clock, authenticator, false, TUOYU_VERSION};
    jobs::JobRunner job_runner(clock);
    http::Router router(services);
    features::RegisterAllRoutes(router, job_runner, nullptr);
    nlohmann::json routes = nlohmann::json::array();
    for (const http::RouteSpec& spec : router.routes()) {
        static const char* kAudit[] = {"none", "change", "personal_read"};
        routes.push_back({{"method", spec.method},
                          {"path", spec.pattern},
                          {"summary", spec.summary},
                          {"public", spec.access == http::Access::kPublic},
                          {"audit", kAudit[static_cast<int>(spec.audit)]},
                          {"api_key", spec.allow_api_key}});
    }
    std::cout << routes.dump(2) << '\n';
    return 0;
}

}  // namespace tuoyu::cli
