#include "cli/demo_data.hpp"

#include <soci/soci.h>

#include <sstream>
#include <stdexcept>

#include "access/accounts.hpp"
#include "access/authenticator.hpp"
#include "cli/demo_children.hpp"
#include "cli/demo_staff.hpp"
#include "core/crypto.hpp"
#include "core/embedded_file.hpp"
#include "core/region_code.hpp"
#include "features/regions/region_import.hpp"
#include "features/registry/registry.hpp"
// The filed demo institution of the public disclosure page (below, FileDemoInstitution).
#include "features/filing/filing_service.hpp"
#include "features/filing/profile_store.hpp"
#include "reference/calendar.hpp"
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

// Each demo institution comes from its registration record, as a pushed one would. The codes are
// made up for the demo but valid (GB 32100 and GB 11714 check characters).
struct DemoInstitution {
    const char* name;
    const char* region_code;
    const char* uscc;
    const char* legal_nature;
    const char* registration_authority;
    const char* legal_representative;
    const char* address;
    const char* business_scope;
    const char* registered_on;
};

constexpr DemoInstitution kInstitutions[] = {
    {"大洼区大洼街道示范托育中心（演示）", "211104004000", "52211104MJ0T202508", "social_service_organization",
     "civil_affairs", "王晓梅（演示）", "辽宁省盘锦市大洼区大洼街道示范路1号（演示）", "托育服务；婴幼儿照护咨询",
     "2023-03-01"},
    {"余姚市梨洲街道阳光托育园（演示）", "330281001000", "91330281MA2TY0256N", "enterprise", "market_regulation",
     "陈立新（演示）", "浙江省余姚市梨洲街道阳光路8号（演示）", "许可项目：托育服务；一般项目：家政服务", "2024-06-18"},
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

// ---- Filings for the public page and the review queue (issue 5, parts 5 and 8) ----------------------
// The other demo institutions are registered only. The demo files two more through the filing
// module's own steps (profile, 备案书, materials, 承诺书, submission) as their institutions would: one
// the county accepted a year ago, so that the public page lists an institution that may operate, and
// one submitted three weeks ago and still unanswered, so that the review queue shows a deadline
// passed. No account belongs to either.
struct DemoFiling {
    const char* uscc;
    const char* name;
    const char* legal_representative;
    const char* address;
    const char* region_code;
    const char* registered_on;
    const char* head;
    const char* head_phone;
};

constexpr DemoFiling kFiledInstitution{"91211104MA0TCM201R", "大洼区田家街道春苗托育园（演示）",
                                       "刘春苗（演示）",     "辽宁省盘锦市大洼区田家街道春苗路6号（演示）",
                                       "211104005000",       "2024-03-15",
                                       "刘园长（演示）",     "13800002001"};
constexpr DemoFiling kAwaitingInstitution{"91211104MA0TXR2181", "大洼区榆树街道向日葵托育中心（演示）",
                                          "孙向阳（演示）",     "辽宁省盘锦市大洼区榆树街道向阳路18号（演示）",
                                          "211104006000",       "2025-06-02",
                                          "孙园长（演示）",     "13800002002"};

// Registers the institution and submits its first filing at `now`; returns the submitted filing.
filing::FilingRecord SubmitDemoFiling(storage::Transaction& tx, const DemoFiling& demo, std::int64_t now) {
    registry::Content content;
    content.uscc = demo.uscc;
    content.name = demo.name;
    content.legal_nature = "enterprise";
    content.registration_authority = "market_regulation";
    content.legal_representative = demo.legal_representative;
    content.address = demo.address;
    content.region_code = demo.region_code;
    content.business_scope = "许可项目：托育服务";
    content.registered_on = demo.registered_on;
    const std::int64_t id =
        registry::Save(tx, content, registry::Source::kManual, {0, "demo"}, now).registration.institution_id;
    const filing::Json profile = filing::Json::parse(R"({
        "sponsor_type": "social_forces",
        "service_modes": ["full_day", "half_day"],
        "location": {"longitude": 122.08, "latitude": 41.02, "coordinate_system": "wgs84"},
        "site": {"usable_floor_area_m2": 560, "building_area_m2": 720, "building_floors": 2, "children_floors": [1],
                 "basement_use": "none", "building_kind": "standard", "fire_exits": 2, "fire_equipment": true,
                 "heating": true, "cooling": true, "tenure": "owned",
                 "rooms": {"living": ["dining", "sleeping", "breastfeeding", "play", "washing", "storage"],
                           "service": ["health_room", "office", "security_room"],
                           "logistics": ["kitchen", "store", "disinfection"]},
                 "observation_room": {"area_m2": 8, "beds": 1}, "window_floor_ratio_percent": 25},
        "classes": [{"type": "toddler_class", "count": 1, "size": 15, "caregivers": 3},
                    {"type": "older_toddler_class", "count": 2, "size": 20, "caregivers": 3}],
        "slots": 55,
        "meals": {"served": false}
    })");
    filing::SaveProfile(tx, id, filing::ReadProfile(profile, filing::SponsorTypes(tx)), 0, now);
    const filing::Json form = {{"head_name", demo.head},
                               {"head_phone", demo.head_phone},
                               {"head_education", "大专"},
                               {"head_experience_years", 5},
                               {"staff", {{"caregivers", 9}, {"health_workers", 1}, {"security_guards", 1}}},
                               {"hygiene_evaluation_result", "qualified"},
                               {"fire_check_passed", true}};
    const filing::Actor actor{0, "demo"};
    const filing::Institution institution = *filing::FindInstitution(tx, Scope::All(), id);
    const filing::FilingRecord draft = filing::CreateFiling(tx, institution, filing::FilingKind::kInitial,
                                                            filing::ReadForm(form), std::nullopt, actor, now);
    for (const char* kind :
         {"business_licence", "site_proof", "staff_certificates", "hygiene_evaluation", "fire_check"}) {
        filing::AddMaterial(tx, draft, kind, std::string(kind) + ".pdf", "%PDF-1.4\n% demo " + std::string(kind) + "\n",
                            actor, now);
    }
    filing::EditDraft(tx, draft, {std::nullopt, std::nullopt, std::string(demo.head)}, now);
    const WorkingDayCalendar calendar = reference::calendar::LoadCalendar(tx);
    return filing::Submit(tx, institution, *filing::FindFiling(tx, Scope::All(), draft.id), calendar, actor, now);
}

void FileDemoInstitutions(storage::Transaction& tx, std::int64_t now) {
    constexpr std::int64_t kDay = 86'400'000;
    // Filed a year ago: its receipt number is last year's first, and this year's numbering starts
    // afresh for the institutions that file in the demo.
    const filing::FilingRecord filed = SubmitDemoFiling(tx, kFiledInstitution, now - 365 * kDay);
    const filing::Actor county{0, "demo"};
    filing::Accept(tx, *filing::FindInstitution(tx, Scope::All(), filed.institution_id), filed, "演示数据", county,
                   now - 365 * kDay);
    // Three weeks hold at least eight working days even across a golden week: the 5-day receipt
    // deadline has passed whatever day the demo is made.
    SubmitDemoFiling(tx, kAwaitingInstitution, now - 21 * kDay);
}

}  // namespace

bool LoadDemo(storage::Database& database, const Clock& clock, const crypto::IdentityVault& vault, std::ostream& out) {
    storage::Transaction tx = database.Write();
    if (storage::Query("SELECT COUNT(*) FROM users").Count(tx) > 0) {
        return false;
    }
    const std::int64_t now = clock.NowMillis();
    LoadRegions(tx, clock);
    std::vector<std::int64_t> institution_ids;
    for (const DemoInstitution& institution : kInstitutions) {
        registry::Content content;
        content.uscc = institution.uscc;
        content.name = institution.name;
        content.legal_nature = institution.legal_nature;
        content.registration_authority = institution.registration_authority;
        content.legal_representative = institution.legal_representative;
        content.address = institution.address;
        content.region_code = institution.region_code;
        content.business_scope = institution.business_scope;
        content.registered_on = institution.registered_on;
        const registry::SaveResult saved = registry::Save(tx, content, registry::Source::kManual, {0, "demo"}, now);
        institution_ids.push_back(saved.registration.institution_id);
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
    FileDemoInstitutions(tx, now);
    LoadDemoStaff(tx, vault, institution_ids[0], institution_ids[1], now);
    LoadDemoChildren(tx, vault, institution_ids[0], institution_ids[1],
                     access::Accounts::FindForLogin(tx, "parent_zhang")->id, now);
    tx.sql() << "INSERT INTO settings (key, value) VALUES ('demo', '1')";
    tx.Commit();
    return true;
}

}  // namespace tuoyu::cli
