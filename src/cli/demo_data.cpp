#include "cli/demo_data.hpp"

#include <soci/soci.h>

#include <sstream>
#include <stdexcept>

#include "access/accounts.hpp"
#include "access/authenticator.hpp"
#include "core/crypto.hpp"
#include "core/embedded_file.hpp"
#include "core/region_code.hpp"
#include "features/regions/region_import.hpp"
#include "storage/query.hpp"

namespace tuoyu::cli {

const std::vector<EmbeddedFile>& EmbeddedDemoData();

namespace {

struct DemoAccount {
    const char* username;
    const char* display_name;
    access::Role role;
    const char* department;
    const char* region_code;
    int institution;  // index into the demo institutions, or -1
    const char* password;
    const char* what;
};

struct DemoInstitution {
    const char* name;
    const char* region_code;
};

constexpr DemoInstitution kInstitutions[] = {
    {"大洼区大洼街道示范托育中心（演示）", "211104004000"},
    {"余姚市梨洲街道阳光托育园（演示）", "330281001000"},
};

constexpr DemoAccount kAccounts[] = {
    {"admin", "系统管理员", access::Role::kAdmin, nullptr, nullptr, -1, "Demo#2024admin", "system administrator"},
    {"panjin_health", "盘锦市卫生健康委", access::Role::kRegulator, "health", "211100000000", -1, "Demo#2024panjin",
     "regulator, health, 盘锦市"},
    {"daowa_health", "大洼区卫生健康局", access::Role::kRegulator, "health", "211104000000", -1, "Demo#2024daowa",
     "regulator, health, 大洼区"},
    {"daowa_market", "大洼区市场监管局", access::Role::kRegulator, "market_regulation", "211104000000", -1,
     "Demo#2024market", "regulator, market regulation, 大洼区"},
    {"yuyao_health", "余姚市卫生健康局", access::Role::kRegulator, "health", "330281000000", -1, "Demo#2024yuyao",
     "regulator, health, 余姚市"},
    {"daowa_nursery", "王园长", access::Role::kInstitutionAdmin, nullptr, nullptr, 0, "Demo#2024nursery",
     "institution administrator, 大洼区"},
    {"daowa_carer", "李保育", access::Role::kInstitutionStaff, nullptr, nullptr, 0, "Demo#2024carer",
     "institution staff, 大洼区"},
    {"yuyao_nursery", "陈园长", access::Role::kInstitutionAdmin, nullptr, nullptr, 1, "Demo#2024yuyaon",
     "institution administrator, 余姚市"},
    {"parent_zhang", "张家长", access::Role::kGuardian, nullptr, nullptr, -1, "Demo#2024parent", "guardian"},
    {"daowa_registry", "大洼区行政审批局（接口）", access::Role::kExchange, nullptr, "211104000000", -1, nullptr,
     "data-exchange client (API key below)"},
};

// The demo tree goes through the national import's checks and first load, so its regions carry
// the same kinds and validity as a national load.
void LoadRegions(storage::Transaction& tx, const Clock& clock) {
    const std::string& csv = EmbeddedDemoData().front().text;
    regions::RegionSource source;
    source.files.emplace_back("data/demo/regions.csv");
    std::istringstream lines(csv);
    std::string line;
    std::getline(lines, line);  // header
    std::int64_t line_number = 1;
    while (std::getline(lines, line)) {
        ++line_number;
        const std::vector<std::string> fields = regions::SplitCsvLine(line);
        if (fields.size() < 3) {
            continue;
        }
        source.rows.push_back({fields[0], fields[1], fields[2], RegionCode::Level(fields[0]), 0, line_number});
    }
    regions::ValidateSource(source);
    if (!source.ok()) {
        const regions::BadRow& bad = source.bad_rows.front();
        throw std::logic_error("demo regions: " + bad.file + ":" + std::to_string(bad.line) + " " + bad.message_en);
    }
    regions::ImportOptions options;
    options.edition = "demo";
    options.imported_by = "demo";
    options.now_millis = clock.NowMillis();
    regions::ImportRegions(tx, source, options);
}

}  // namespace

bool LoadDemo(storage::Database& database, const Clock& clock, std::ostream& out) {
    storage::Transaction tx = database.Write();
    if (storage::Query("SELECT COUNT(*) FROM users").Count(tx) > 0) {
        return false;
    }
    const std::int64_t now = clock.NowMillis();
    LoadRegions(tx, clock);
    std::vector<std::int64_t> institution_ids;
    for (const DemoInstitution& institution : kInstitutions) {
        storage::Query insert("INSERT INTO institutions (name, region_code, created_at) VALUES (");
        insert.Bind(std::string(institution.name)).Sql(", ").Bind(std::string(institution.region_code));
        insert.Sql(", ").Bind(now).Sql(") RETURNING id");
        institution_ids.push_back(insert.Count(tx));
    }
    SystemClock system_clock;
    access::Authenticator keys(database, system_clock);
    out << "Demo accounts (demo database only; no password change required):\n";
    for (const DemoAccount& account : kAccounts) {
        access::NewUser user;
        user.username = account.username;
        user.display_name = account.display_name;
        user.role = account.role;
        if (account.department != nullptr) {
            user.department = account.department;
        }
        if (account.region_code != nullptr) {
            user.region_code = account.region_code;
        }
        if (account.institution >= 0) {
            user.institution_id = institution_ids[static_cast<std::size_t>(account.institution)];
            user.region_code = kInstitutions[account.institution].region_code;
        }
        user.phone = "1380000" + std::to_string(1000 + (&account - kAccounts));
        // The exchange client signs in with its API key only: its password is random and unknown.
        const std::string password = account.password != nullptr ? account.password : crypto::NewToken();
        user.password_hash = crypto::HashPassword(password);
        user.must_change_password = false;
        user.is_demo = true;
        const std::int64_t id = access::Accounts::Insert(tx, user, now);
        if (account.password != nullptr) {
            out << "  " << account.username << std::string(16 - std::string(account.username).size(), ' ')
                << account.password << std::string(20 - std::string(account.password).size(), ' ') << account.what
                << '\n';
        } else {
            out << "  " << account.username << "  API key: " << keys.CreateApiKey(tx, id, "demo") << "  ("
                << account.what << ")\n";
        }
    }
    tx.sql() << "INSERT INTO settings (key, value) VALUES ('demo', '1')";
    tx.Commit();
    return true;
}

}  // namespace tuoyu::cli
