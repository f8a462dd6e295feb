// Registration records on both engines: a new code creates its institution `registered` with a
// first transition, the same content again stores nothing, a change is a new version that updates
// the institution; the checks against the region tree and the sender's scope; scoped reads; and the
// all-or-nothing import with the line and field of every bad row.

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <future>
#include <thread>

#include "features/registry/registry.hpp"
#include "io/xlsx.hpp"
#include "storage/query.hpp"
#include "storage/row.hpp"
#include "support/fixtures.hpp"

namespace tuoyu {
namespace {

using registry::Content;
using registry::Outcome;

constexpr const char* kDaowa = "211104000000";
constexpr const char* kDaowaTown = "211104004000";
constexpr const char* kYuyao = "330281000000";
constexpr const char* kYuyaoTown = "330281001000";
const CivilDate kToday = *CivilDate::Parse("2025-11-24");

Content Nursery() {
    Content content;
    content.uscc = "91211104MA0TY10019";
    content.name = "大洼区星星托育有限公司";
    content.legal_nature = "enterprise";
    content.registration_authority = "market_regulation";
    content.legal_representative = "赵某";
    content.address = "大洼街道星星路2号";
    content.region_code = kDaowaTown;
    content.business_scope = "托育服务";
    content.registered_on = "2025-03-01";
    return content;
}

class RegistryTest : public ::testing::Test {
  protected:
    std::int64_t Count(const std::string& sql) {
        storage::Transaction tx = db_.database().Read();
        const std::int64_t count = storage::Query(sql).Count(tx);
        tx.Commit();
        return count;
    }

    registry::SaveResult Save(const Content& content, registry::Source source = registry::Source::kPush) {
        storage::Transaction tx = db_.database().Write();
        registry::SaveResult result = registry::Save(tx, content, source, {0, "tester"}, db_.clock().NowMillis());
        tx.Commit();
        return result;
    }

    std::optional<registration::Finding> Check(const Content& content, const Scope& scope = Scope::All()) {
        storage::Transaction tx = db_.database().Read();
        std::optional<registration::Finding> finding = registry::CheckContent(tx, content, kToday, scope);
        tx.Commit();
        return finding;
    }

    registry::ImportResult Import(const std::string& bytes, bool dry_run = false, const Scope& scope = Scope::All()) {
        registry::ImportOptions options;
        options.scope = scope;
        options.today = kToday;
        options.dry_run = dry_run;
        options.sender = {0, "tester"};
        options.now = db_.clock().NowMillis();
        storage::Transaction tx = db_.database().Write();
        registry::ImportResult result = registry::Import(tx, bytes, options);
        if (result.ok()) {
            tx.Commit();
        }
        return result;
    }

    test::MigratedDatabase db_;
};

TEST_F(RegistryTest, NewCodeCreatesARegisteredInstitutionWithItsFirstTransition) {
    const registry::SaveResult saved = Save(Nursery());
    EXPECT_EQ(saved.outcome, Outcome::kNewInstitution);
    EXPECT_EQ(saved.registration.version, 1);
    EXPECT_TRUE(saved.registration.current);
    EXPECT_EQ(saved.registration.institution_status, "registered");
    EXPECT_EQ(saved.registration.region_name, "大洼街道");
    EXPECT_TRUE(saved.institution_before.empty());

    storage::Transaction tx = db_.database().Read();
    storage::Query institution(
        "SELECT name, region_code, uscc, kind, legal_nature, address, status, status_since, current_registration_id "
        "FROM institutions WHERE id = ");
    institution.Bind(saved.registration.institution_id);
    int rows = 0;
    institution.ForEach(tx, [&](const soci::row& row) {
        ++rows;
        EXPECT_EQ(storage::Text(row, 0), "大洼区星星托育有限公司");
        EXPECT_EQ(storage::Text(row, 1), kDaowaTown);
        EXPECT_EQ(storage::Text(row, 2), "91211104MA0TY10019");
        EXPECT_EQ(storage::Text(row, 3), "institution");
        EXPECT_EQ(storage::Text(row, 4), "enterprise");
        EXPECT_EQ(storage::Text(row, 5), "大洼街道星星路2号");
        EXPECT_EQ(storage::Text(row, 6), "registered");
        EXPECT_EQ(storage::Int(row, 7), db_.clock().NowMillis());
        EXPECT_EQ(storage::Int(row, 8), saved.registration.id);
    });
    EXPECT_EQ(rows, 1);
    storage::Query transitions(
        "SELECT from_status, to_status, event, actor_user_id, before_json, after_json FROM institution_transitions "
        "WHERE institution_id = ");
    transitions.Bind(saved.registration.institution_id);
    rows = 0;
    transitions.ForEach(tx, [&](const soci::row& row) {
        ++rows;
        EXPECT_FALSE(storage::OptText(row, 0));
        EXPECT_EQ(storage::Text(row, 1), "registered");
        EXPECT_EQ(storage::Text(row, 2), "register");
        EXPECT_FALSE(storage::OptInt(row, 3));
        EXPECT_FALSE(storage::OptText(row, 4));
        EXPECT_NE(storage::Text(row, 5).find("91211104MA0TY10019"), std::string::npos);
    });
    EXPECT_EQ(rows, 1);
    tx.Commit();
}

TEST_F(RegistryTest, SameContentAgainStoresNothing) {
    const registry::SaveResult first = Save(Nursery());
    Content again = Nursery();
    again.name = "  大洼区星星托育有限公司 ";
    again.uscc = "91211104ma0ty10019";
    const registry::SaveResult second = Save(registry::Normalized(again), registry::Source::kManual);
    EXPECT_EQ(second.outcome, Outcome::kUnchanged);
    EXPECT_EQ(second.registration.id, first.registration.id);
    EXPECT_EQ(second.institution_before, second.institution_after);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM registrations"), 1);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM institutions WHERE uscc = '91211104MA0TY10019'"), 1);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM institution_transitions"), 1);
}

TEST_F(RegistryTest, ChangedContentIsANewVersionThatUpdatesTheInstitution) {
    const registry::SaveResult first = Save(Nursery());
    Content changed = Nursery();
    changed.name = "大洼区星星托育服务有限公司";
    changed.legal_representative = "钱某";
    const registry::SaveResult second = Save(changed);
    EXPECT_EQ(second.outcome, Outcome::kNewVersion);
    EXPECT_EQ(second.registration.version, 2);
    EXPECT_EQ(second.registration.institution_id, first.registration.institution_id);
    EXPECT_NE(second.institution_before, second.institution_after);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM institutions WHERE name = '大洼区星星托育服务有限公司'"), 1);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM institution_transitions"), 1);  // a new version is no transition

    // Back to the first content: a third version, not a return to the first.
    const registry::SaveResult third = Save(Nursery());
    EXPECT_EQ(third.outcome, Outcome::kNewVersion);
    EXPECT_EQ(third.registration.version, 3);

    storage::Transaction tx = db_.database().Read();
    const auto history = registry::History(tx, Scope::Region(kDaowa), first.registration.institution_id);
    tx.Commit();
    ASSERT_TRUE(history);
    ASSERT_EQ(history->size(), 3u);
    EXPECT_FALSE((*history)[0].current);
    EXPECT_TRUE((*history)[2].current);
    EXPECT_EQ(registry::ChangedFields((*history)[0].content, (*history)[1].content),
              (std::vector<std::string>{"name", "legal_representative"}));
    EXPECT_EQ((*history)[0].content_hash, (*history)[2].content_hash);
}

TEST_F(RegistryTest, ConcurrentFirstPushesMakeOneInstitution) {
    auto push = [&] {
        storage::Transaction tx = db_.database().Write();
        const Outcome outcome = registry::Save(tx, Nursery(), registry::Source::kPush, {0, "tester"}, 1).outcome;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        tx.Commit();
        return outcome;
    };
    auto a = std::async(std::launch::async, push);
    auto b = std::async(std::launch::async, push);
    const Outcome first = a.get();
    const Outcome second = b.get();
    EXPECT_TRUE((first == Outcome::kNewInstitution) != (second == Outcome::kNewInstitution));
    EXPECT_EQ(Count("SELECT COUNT(*) FROM registrations"), 1);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM institutions WHERE uscc = '91211104MA0TY10019'"), 1);
}

TEST_F(RegistryTest, ChecksAgainstTheRegionTreeAndTheSendersScope) {
    EXPECT_FALSE(Check(Nursery()));
    EXPECT_FALSE(Check(Nursery(), Scope::Region(kDaowa)));

    Content unknown = Nursery();
    unknown.region_code = "211104999000";
    EXPECT_EQ(Check(unknown)->code, "unknown_region");
    Content province = Nursery();
    province.region_code = "210000000000";
    EXPECT_EQ(Check(province)->code, "region_above_county");
    Content malformed = Nursery();
    malformed.region_code = "21110400400";
    EXPECT_EQ(Check(malformed)->code, "invalid_region_code");

    // Outside the sender's subtree: refused before the tree is asked, so 余姚 learns nothing of 大洼.
    const std::optional<registration::Finding> foreign = Check(Nursery(), Scope::Region(kYuyao));
    ASSERT_TRUE(foreign);
    EXPECT_EQ(foreign->status, 403);
    EXPECT_EQ(foreign->code, "out_of_scope");
    EXPECT_EQ(foreign->field, "region_code");
    EXPECT_EQ(Check(unknown, Scope::Region(kYuyao))->code, "out_of_scope");

    // A code already registered in 大洼 cannot be moved by 余姚's sender to an address of its own.
    Save(Nursery());
    Content moved = Nursery();
    moved.region_code = kYuyaoTown;
    EXPECT_EQ(Check(moved, Scope::Region(kYuyao))->field, "uscc");
    EXPECT_FALSE(Check(moved, Scope::All()));

    // A region closed before today is not an address any more.
    {
        storage::Transaction tx = db_.database().Write();
        tx.sql() << "UPDATE regions SET valid_to = '2025-01-01' WHERE code = '330281001000'";
        tx.Commit();
    }
    Content closed = Nursery();
    closed.uscc = "91330281MA2TY0256N";
    closed.region_code = kYuyaoTown;
    EXPECT_EQ(Check(closed)->code, "region_not_in_force");
}

TEST_F(RegistryTest, ReadsStayInScope) {
    const registry::SaveResult daowa = Save(Nursery());
    Content yuyao = Nursery();
    yuyao.uscc = "91330281MA2TY0256N";
    yuyao.name = "余姚阳光托育有限公司";
    yuyao.region_code = kYuyaoTown;
    const registry::SaveResult foreign = Save(yuyao);

    storage::Transaction tx = db_.database().Read();
    EXPECT_TRUE(registry::Find(tx, Scope::Region(kDaowa), daowa.registration.id));
    EXPECT_FALSE(registry::Find(tx, Scope::Region(kDaowa), foreign.registration.id));
    EXPECT_FALSE(
        registry::Find(tx, Scope::Institution(daowa.registration.institution_id, kDaowaTown), foreign.registration.id));
    EXPECT_FALSE(registry::Find(tx, Scope::None(), daowa.registration.id));
    EXPECT_FALSE(registry::History(tx, Scope::Region(kDaowa), foreign.registration.institution_id));
    // An institution in scope without registrations has an empty history.
    const auto empty = registry::History(tx, Scope::Region(kDaowa), db_.daowa_institution());
    ASSERT_TRUE(empty);
    EXPECT_TRUE(empty->empty());

    PageRequest page;
    const registry::Page mine = registry::List(tx, Scope::Region(kDaowa), {}, page);
    ASSERT_EQ(mine.total, 1);
    EXPECT_EQ(mine.items.front().id, daowa.registration.id);
    const registry::Page all = registry::List(tx, Scope::All(), {}, page);
    EXPECT_EQ(all.total, 2);
    registry::ListFilter by_code;
    by_code.keyword = "ma2ty";
    EXPECT_EQ(registry::List(tx, Scope::All(), by_code, page).total, 1);
    registry::ListFilter literal;
    literal.keyword = "%";
    EXPECT_EQ(registry::List(tx, Scope::All(), literal, page).total, 0);
    registry::ListFilter foreign_region;
    foreign_region.region_code = kYuyao;
    EXPECT_EQ(registry::List(tx, Scope::Region(kDaowa), foreign_region, page).total, 0);

    const registry::Page todo = registry::Todo(tx, Scope::Region(kDaowa), page);
    ASSERT_EQ(todo.total, 1);
    EXPECT_EQ(todo.items.front().institution_id, daowa.registration.institution_id);
    tx.Commit();

    // Filed institutions leave the to-do.
    {
        storage::Transaction write = db_.database().Write();
        storage::Query filed("UPDATE institutions SET status = 'filed' WHERE id = ");
        filed.Bind(daowa.registration.institution_id).Execute(write);
        write.Commit();
    }
    storage::Transaction again = db_.database().Read();
    EXPECT_EQ(registry::Todo(again, Scope::Region(kDaowa), page).total, 0);
    registry::ListFilter registered;
    registered.status = "registered";
    EXPECT_EQ(registry::List(again, Scope::All(), registered, page).total, 1);
    again.Commit();
}

constexpr const char* kHeader =
    "统一社会信用代码,名称,类型,法人性质,登记机关,法定代表人（负责人）,住所,住所区划代码,经营（业务）范围,登记日期\n";

TEST_F(RegistryTest, ImportIsAllOrNothingWithTheLineAndFieldOfEveryBadRow) {
    const std::string file = std::string(kHeader) +
                             "91211104MA0TY10019,大洼区星星托育有限公司,托育机构,企业,市场监管,赵某,星星路2号,"
                             "211104004,托育服务,2025-03-01\n"
                             "52211104MJ0T202509,大洼区示范托育中心,,民办非企业单位,民政,王某,示范路1号,211104004,"
                             "托育服务,2023-03-01\n"
                             "92211104MA0JT00109,小星星家庭托育点,家庭托育点,个体工商户,行政审批局,孙某,幸福小区3号,"
                             "211104004000,家庭托育服务,2025-01-02\n"
                             "91211104MA0TY10019,重复,托育机构,企业,市场监管,赵某,星星路2号,211104004,托育服务,"
                             "2025-03-01\n"
                             "91330281MA2TY0256N,余姚阳光托育有限公司,托育机构,企业,市场监管,陈某,阳光路8号,"
                             "330281001,托育服务,2024-06-18\n";
    const registry::ImportResult rejected = Import(file, false, Scope::Region(kDaowa));
    ASSERT_EQ(rejected.errors.size(), 4u);
    EXPECT_EQ(rejected.rows, 5u);
    EXPECT_EQ(rejected.errors[0].line, 3u);
    EXPECT_EQ(rejected.errors[0].field, "uscc");
    EXPECT_EQ(rejected.errors[0].code, "uscc_check_character");
    EXPECT_EQ(rejected.errors[1].line, 4u);
    EXPECT_EQ(rejected.errors[1].field, "registration_authority");
    EXPECT_EQ(rejected.errors[1].code, "authority_mismatch");
    EXPECT_EQ(rejected.errors[2].line, 5u);
    EXPECT_EQ(rejected.errors[2].code, "duplicate_row");
    EXPECT_EQ(rejected.errors[3].line, 6u);
    EXPECT_EQ(rejected.errors[3].code, "out_of_scope");
    EXPECT_NE(rejected.errors[0].message_zh.find("第 3 行"), std::string::npos);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM registrations"), 0);

    const std::string good = std::string(kHeader) +
                             "91211104MA0TY10019,大洼区星星托育有限公司,托育机构,企业,市场监管,赵某,星星路2号,"
                             "211104004,托育服务,2025-03-01\n"
                             "92211104MA0JT00109,小星星家庭托育点,家庭托育点,个体工商户,市场监管,孙某,幸福小区3号,"
                             "211104004000,家庭托育服务,45658\n";
    const registry::ImportResult dry = Import(good, true, Scope::Region(kDaowa));
    ASSERT_TRUE(dry.ok()) << dry.errors.front().message_en;
    EXPECT_EQ(dry.created, 2u);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM registrations"), 0);

    const registry::ImportResult imported = Import(good, false, Scope::Region(kDaowa));
    ASSERT_TRUE(imported.ok());
    EXPECT_EQ(imported.created, 2u);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM registrations WHERE source = 'import'"), 2);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM registrations WHERE registered_on = '2025-01-01' AND kind = 'home_point'"),
              1);

    // The same file again changes nothing; an .xlsx file with one changed row makes one version.
    const registry::ImportResult again = Import(good);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again.unchanged, 2u);
    std::vector<std::vector<io::XlsxCell>> sheet;
    std::vector<io::XlsxCell> header;
    for (const std::string& title : registry::TemplateHeaders()) {
        header.push_back({title});
    }
    sheet.push_back(header);
    sheet.push_back({{"91211104MA0TY10019"},
                     {"大洼区星星托育服务有限公司"},
                     {"institution"},
                     {"enterprise"},
                     {"market_regulation"},
                     {"赵某"},
                     {"星星路2号"},
                     {"211104004000"},
                     {"托育服务"},
                     {"2025-03-01"}});
    const registry::ImportResult xlsx = Import(io::WriteXlsx("登记信息", sheet));
    ASSERT_TRUE(xlsx.ok()) << xlsx.errors.front().message_en;
    EXPECT_EQ(xlsx.versioned, 1u);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM registrations"), 3);
}

TEST_F(RegistryTest, ImportRefusesUnknownAndMissingColumns) {
    const registry::ImportResult result = Import("统一社会信用代码,名称,电话\n91211104MA0TY10019,x,1\n");
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.errors.front().line, 1u);
    EXPECT_EQ(result.errors.front().code, "unknown_column");
    bool missing_scope = false;
    for (const registry::RowError& error : result.errors) {
        missing_scope = missing_scope || (error.code == "missing_column" && error.field == "business_scope");
    }
    EXPECT_TRUE(missing_scope);
    EXPECT_EQ(Import(std::string(kHeader)).errors.front().code, "empty_file");
}

}  // namespace
}  // namespace tuoyu
