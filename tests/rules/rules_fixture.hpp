#pragma once

// The fixture of every RulesTest (tests/rules/*_test.cpp): one migrated database on the engine under
// test with the shipped reference data loaded, and readers of the parameters in force at a region.
// Shared by the files so that all the rows of RULES.md are tests of one suite, RulesTest.<row>_<name>.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "reference/parameters.hpp"
#include "reference/seed_reference_data.hpp"
#include "reference/standards_parameters.hpp"
#include "support/fixtures.hpp"

namespace tuoyu::test {

using reference::parameters::kNationalCode;
using Json = nlohmann::json;

inline constexpr const char* kDaowa = "211104000000";      // 辽宁省盘锦市大洼区
inline constexpr const char* kDaowaTown = "211104004000";  // 大洼街道
inline constexpr const char* kYuyao = "330281000000";      // 浙江省宁波市余姚市
inline constexpr const char* kBeijing = "110105000000";  // 北京市朝阳区 (not in the test tree: resolution needs no row)
inline constexpr const char* kLiaoning = "210000000000";

// Every parameter in force at the region, as the standards and staffing checks take them.
inline standards::Parameters ParametersAt(MigratedDatabase& world, const std::string& region) {
    storage::Transaction tx = world.database().Read();
    standards::Parameters parameters = reference::StandardsParameters(tx, region);
    tx.Commit();
    return parameters;
}

class RulesTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        world_ = new MigratedDatabase();
        reference::SeedReferenceData(world_->database(), world_->clock());
    }
    static void TearDownTestSuite() {
        delete world_;
        world_ = nullptr;
    }

    // The value in force at the region; a failure (and an empty value) when none is.
    static reference::parameters::Value At(const std::string& key, const std::string& region) {
        storage::Transaction tx = world_->database().Read();
        std::optional<reference::parameters::Resolved> resolved = reference::parameters::Resolve(tx, key, region);
        tx.Commit();
        if (!resolved) {
            ADD_FAILURE() << "no parameter " << key;
            return {};
        }
        if (resolved->in_force() == nullptr) {
            ADD_FAILURE() << "no value of " << key << " in force at " << region;
            return {};
        }
        return *resolved->in_force();
    }

    static bool Unset(const std::string& key, const std::string& region) {
        storage::Transaction tx = world_->database().Read();
        std::optional<reference::parameters::Resolved> resolved = reference::parameters::Resolve(tx, key, region);
        tx.Commit();
        return resolved && resolved->in_force() == nullptr;
    }

    static std::string TypeOf(const std::string& key) {
        storage::Transaction tx = world_->database().Read();
        std::optional<reference::parameters::Resolved> resolved =
            reference::parameters::Resolve(tx, key, kNationalCode);
        tx.Commit();
        return resolved ? resolved->definition.type : "";
    }

    // A national default: the same value at 大洼区 and at 余姚市, set nationally.
    static void ExpectNational(const std::string& key, const std::string& value, const std::string& tag, bool verify,
                               const std::string& source_part) {
        for (const char* region : {kDaowa, kDaowaTown, kYuyao}) {
            const reference::parameters::Value in_force = At(key, region);
            EXPECT_EQ(in_force.value, value) << key << " at " << region;
            EXPECT_EQ(in_force.region_code, kNationalCode) << key << " at " << region;
            EXPECT_EQ(in_force.tag, tag) << key;
            EXPECT_EQ(in_force.verify, verify) << key;
            EXPECT_NE(in_force.source.find(source_part), std::string::npos) << key << ": " << in_force.source;
            EXPECT_EQ(in_force.set_by, "seed") << key;
        }
    }

    static Json JsonAt(const std::string& key, const std::string& region) { return Json::parse(At(key, region).value); }

    static inline MigratedDatabase* world_ = nullptr;
};

}  // namespace tuoyu::test
