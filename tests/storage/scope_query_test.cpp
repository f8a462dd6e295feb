// The scope of a list combined with a region asked for, on each engine: the narrower range wins when
// the two nest, regions that do not nest match nothing, and a scope that is not a region keeps its
// own condition beside the region's. Also the code sets kept in one column (",a,b,").

#include <gtest/gtest.h>

#include "storage/query.hpp"
#include "storage/row.hpp"
#include "support/fixtures.hpp"

namespace tuoyu {
namespace {

const storage::ScopeColumns kColumns{"i.region_code", "i.id", ""};

class ScopeQueryTest : public ::testing::Test {
  protected:
    // The names of the fixture's institutions (大洼托育, 余姚托育) the caller sees with the region asked.
    std::vector<std::string> Visible(const Scope& scope, const std::optional<std::string>& region) {
        storage::Query query("SELECT i.name FROM institutions i WHERE 1 = 1");
        storage::AppendScopeAndRegion(query, scope, kColumns, region);
        query.Sql(" ORDER BY i.id");
        storage::Transaction tx = db_.database().Read();
        std::vector<std::string> names;
        query.ForEach(tx, [&](const soci::row& row) { names.push_back(storage::Text(row, 0)); });
        return names;
    }

    static int Ranges(const Scope& scope, const std::optional<std::string>& region) {
        storage::Query query("SELECT 1");
        storage::AppendScopeAndRegion(query, scope, kColumns, region);
        int ranges = 0;
        for (std::size_t at = query.text().find("BETWEEN"); at != std::string::npos;
             at = query.text().find("BETWEEN", at + 1)) {
            ++ranges;
        }
        return ranges;
    }

    test::MigratedDatabase db_;
};

using Names = std::vector<std::string>;

TEST_F(ScopeQueryTest, TheNarrowerOfScopeAndRegionIsOneRange) {
    const Scope province = Scope::Region("210000000000");
    EXPECT_EQ(Visible(province, std::nullopt), Names({"大洼托育"}));
    EXPECT_EQ(Visible(province, "211104000000"), Names({"大洼托育"}));  // a county inside the scope
    EXPECT_EQ(Ranges(province, "211104000000"), 1);
    const Scope county = Scope::Region("211104000000");
    EXPECT_EQ(Visible(county, "210000000000"), Names({"大洼托育"}));  // a wider region asked: the scope holds
    EXPECT_EQ(Ranges(county, "210000000000"), 1);
    EXPECT_EQ(Visible(county, "211104004000"), Names({"大洼托育"}));
}

TEST_F(ScopeQueryTest, RegionsThatDoNotNestMatchNothing) {
    EXPECT_TRUE(Visible(Scope::Region("211104000000"), "330281000000").empty());
    EXPECT_EQ(Ranges(Scope::Region("211104000000"), "330281000000"), 0);
}

TEST_F(ScopeQueryTest, OtherScopesKeepTheirConditionBesideTheRegion) {
    EXPECT_EQ(Visible(Scope::All(), "330000000000"), Names({"余姚托育"}));
    EXPECT_EQ(Visible(Scope::All(), std::nullopt), Names({"大洼托育", "余姚托育"}));
    const Scope own = Scope::Institution(db_.daowa_institution(), "211104004000");
    EXPECT_EQ(Visible(own, "211104000000"), Names({"大洼托育"}));
    EXPECT_TRUE(Visible(own, "330281000000").empty());
    EXPECT_TRUE(Visible(Scope::None(), "211104000000").empty());
}

TEST(CodeSetTest, CodesJoinWithACommaOnBothSidesAndSplitBack) {
    EXPECT_EQ(storage::JoinCodes({}), "");
    EXPECT_EQ(storage::JoinCodes({"full_day", "hourly"}), ",full_day,hourly,");
    EXPECT_EQ(storage::SplitCodes(",full_day,hourly,"), (std::vector<std::string>{"full_day", "hourly"}));
    EXPECT_TRUE(storage::SplitCodes("").empty());
    EXPECT_EQ(storage::SplitCodes("a,,b"), (std::vector<std::string>{"a", "b"}));
}

}  // namespace
}  // namespace tuoyu
