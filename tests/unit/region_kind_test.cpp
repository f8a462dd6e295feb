#include <gtest/gtest.h>

#include "core/region_code.hpp"
#include "features/regions/region_kind.hpp"
#include "features/regions/region_source.hpp"
#include "features/regions/region_tree.hpp"

namespace tuoyu::regions {
namespace {

TEST(RegionKindTest, TownsByTheirSuffix) {
    EXPECT_EQ(KindFromName(4, "大洼街道"), "street");
    EXPECT_EQ(KindFromName(4, "田庄台镇"), "town");
    EXPECT_EQ(KindFromName(4, "新兴乡"), "township");
    EXPECT_EQ(KindFromName(4, "鄂温克族苏木"), "township");
    EXPECT_FALSE(KindFromName(4, "辽河口生态经济区"));
    EXPECT_FALSE(KindFromName(4, "国营农场"));
}

TEST(RegionKindTest, VillagesByTheirSuffix) {
    EXPECT_EQ(KindFromName(5, "二界沟社区居委会"), "community");
    EXPECT_EQ(KindFromName(5, "光明居民委员会"), "community");
    EXPECT_EQ(KindFromName(5, "东风社区"), "community");
    EXPECT_EQ(KindFromName(5, "赵圈河村村委会"), "village");
    EXPECT_EQ(KindFromName(5, "前进村民委员会"), "village");
    EXPECT_EQ(KindFromName(5, "巴彦嘎查"), "village");
    EXPECT_FALSE(KindFromName(5, "第一生活区"));
}

TEST(RegionKindTest, OnlyTownsAndVillagesHaveKinds) {
    EXPECT_FALSE(KindFromName(3, "某某镇"));  // a county named like a town is still a county
    EXPECT_FALSE(KindFromName(1, "辽宁省"));
    EXPECT_TRUE(IsKindOfLevel(4, "street"));
    EXPECT_TRUE(IsKindOfLevel(5, "village"));
    EXPECT_FALSE(IsKindOfLevel(4, "village"));
    EXPECT_FALSE(IsKindOfLevel(5, "town"));
    EXPECT_FALSE(IsKindOfLevel(3, "town"));
}

TEST(RegionSourceTest, CsvLinesWithQuotesAndCarriageReturns) {
    const std::vector<std::string> plain = {"110101001001", "多福巷社区居委会", "110101001"};
    EXPECT_EQ(SplitCsvLine("110101001001,\"多福巷社区居委会\",110101001\r"), plain);
    const std::vector<std::string> quoted = {"1", "a,\"b\"", ""};
    EXPECT_EQ(SplitCsvLine("1,\"a,\"\"b\"\"\","), quoted);
}

TEST(RegionSourceTest, ValidationNamesDuplicatesUnknownParentsAndWrongLevels) {
    RegionSource source;
    source.files = {"f.csv"};
    source.rows = {
        {"210000000000", "辽宁省", "", 1, 0, 2},
        {"211100000000", "盘锦市", "210000000000", 2, 0, 3},
        {"211100000000", "盘锦市", "210000000000", 2, 0, 4},    // duplicate
        {"211104000000", "大洼区", "220000000000", 3, 0, 5},    // unknown parent
        {"211104001000", "甲镇", "210000000000", 4, 0, 6},      // a province is not one level up
        {"211200000000", "辽中", "211100000000", 2, 0, 7},      // a city is not one level up
        {"211101000000", "兴隆台区", "211100000000", 3, 0, 8},  // fine
        {"221101001000", "错位镇", "211101000000", 4, 0, 9},    // outside its parent's range
    };
    ValidateSource(source);
    ASSERT_EQ(source.bad_count, 5);
    std::vector<std::int64_t> lines;
    for (const BadRow& bad : source.bad_rows) {
        lines.push_back(bad.line);
    }
    EXPECT_EQ(lines, (std::vector<std::int64_t>{4, 5, 6, 7, 9}));
    EXPECT_NE(source.bad_rows[0].message_zh.find("重复"), std::string::npos);
    EXPECT_NE(source.bad_rows[0].message_en.find("duplicate"), std::string::npos);
}

TEST(RegionSourceTest, AncestorsAreReadOffTheCode) {
    EXPECT_EQ(RegionTree::AncestorCodes("211104004000"),
              (std::vector<std::string>{"210000000000", "211100000000", "211104000000"}));
    EXPECT_TRUE(RegionTree::AncestorCodes("210000000000").empty());
    EXPECT_EQ(RegionCode::Level(*RegionCode::Normalize("211104004")), 4);
}

}  // namespace
}  // namespace tuoyu::regions
