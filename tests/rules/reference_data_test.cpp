// The reference data as storage holds it, on the engine under test: parameter inheritance and
// override, loading the shipped defaults again without undoing an administrator's work, the
// dictionaries' seed, and the calendar copy that each server process keeps.

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/working_days.hpp"
#include "reference/seed_reference_data.hpp"
#include "storage/query.hpp"
#include "support/fixtures.hpp"

namespace tuoyu::test {
namespace {

namespace parameters = reference::parameters;

class ReferenceDataTest : public ::testing::Test {
  protected:
    ReferenceDataTest() { reference::SeedReferenceData(world_.database(), world_.clock()); }

    void Execute(const std::string& sql) {
        storage::Transaction tx = world_.database().Write();
        storage::Query(sql).Execute(tx);
        tx.Commit();
    }

    std::int64_t Count(const std::string& sql) {
        storage::Transaction tx = world_.database().Read();
        const std::int64_t count = storage::Query(sql).Count(tx);
        tx.Commit();
        return count;
    }

    parameters::Resolved Resolve(const std::string& key, const std::string& region) {
        storage::Transaction tx = world_.database().Read();
        std::optional<parameters::Resolved> resolved = parameters::Resolve(tx, key, region);
        tx.Commit();
        EXPECT_TRUE(resolved.has_value()) << key;
        return resolved.value_or(parameters::Resolved{});
    }

    // Makes the next seed step run again, as after an upgrade that changed the shipped files.
    void ForgetSeedChecksums() { Execute("DELETE FROM settings WHERE key LIKE 'seed.%'"); }

    void Override(const std::string& key, const std::string& region, const std::string& value) {
        storage::Transaction tx = world_.database().Write();
        storage::Query insert(
            "INSERT INTO parameter_values (parameter_key, region_code, value, source, clause, tag, "
            "verify, note, set_by, set_at) VALUES (");
        insert.Bind(key).Sql(", ").Bind(region).Sql(", ").Bind(value);
        insert.Sql(", '大政办发〔2023〕33号', '', 'R', 0, '', 'daowa_health', 1)").Execute(tx);
        tx.Commit();
    }

    MigratedDatabase world_;
};

TEST_F(ReferenceDataTest, AncestorCodesWalkFromTheNationalLevelDown) {
    EXPECT_EQ(parameters::AncestorCodes("211104004001"),
              (std::vector<std::string>{"000000000000", "210000000000", "211100000000", "211104000000", "211104004000",
                                        "211104004001"}));
    EXPECT_EQ(parameters::AncestorCodes("210000000000"), (std::vector<std::string>{"000000000000", "210000000000"}));
    EXPECT_EQ(parameters::AncestorCodes("000000000000"), (std::vector<std::string>{"000000000000"}));
}

TEST_F(ReferenceDataTest, AnOverrideHoldsForItsSubtreeOnly) {
    Override("video_retention_days", "211104000000", "120");
    const parameters::Resolved town = Resolve("video_retention_days", "211104004000");
    ASSERT_EQ(town.chain.size(), 2u);
    EXPECT_EQ(town.chain[0].region_code, "000000000000");
    EXPECT_EQ(town.chain[0].value, "90");
    EXPECT_EQ(town.in_force()->region_code, "211104000000");
    EXPECT_EQ(town.in_force()->value, "120");
    EXPECT_EQ(town.in_force()->region_name, "大洼区");
    // The city above and the county beside keep the national value.
    EXPECT_EQ(Resolve("video_retention_days", "211100000000").in_force()->value, "90");
    EXPECT_EQ(Resolve("video_retention_days", "330281000000").in_force()->value, "90");
    // A lower override wins over a higher one; a province's value sits between.
    Override("video_retention_days", "211104004000", "180");
    Override("video_retention_days", "210000000000", "100");
    const parameters::Resolved again = Resolve("video_retention_days", "211104004000");
    ASSERT_EQ(again.chain.size(), 4u);
    EXPECT_EQ(again.in_force()->value, "180");
    EXPECT_EQ(Resolve("video_retention_days", "211104001000").in_force()->value, "120");
    EXPECT_EQ(Resolve("video_retention_days", "211100000000").in_force()->value, "100");
}

TEST_F(ReferenceDataTest, LoadingAgainChangesNothing) {
    const std::int64_t values = Count("SELECT COUNT(*) FROM parameter_values");
    const std::int64_t entries = Count("SELECT COUNT(*) FROM dictionary_entries");
    const std::int64_t days = Count("SELECT COUNT(*) FROM calendar_days");
    EXPECT_GT(values, 40);
    EXPECT_GT(entries, 70);
    EXPECT_EQ(days, 108);
    ForgetSeedChecksums();
    EXPECT_EQ(parameters::SeedParameters(world_.database(), world_.clock()), 0);
    EXPECT_EQ(reference::dictionaries::SeedDictionaries(world_.database(), world_.clock()), 0);
    EXPECT_EQ(reference::calendar::SeedCalendar(world_.database(), world_.clock()), 0);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM parameter_values"), values);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM dictionary_entries"), entries);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM calendar_days"), days);
}

TEST_F(ReferenceDataTest, LoadingAgainKeepsAdministratorsEditsAndRemovals) {
    Execute("UPDATE parameter_values SET value = '60', set_by = 'admin' WHERE parameter_key = 'video_retention_days'");
    Execute(
        "DELETE FROM parameter_values WHERE parameter_key = 'parent_live_video_allowed' AND region_code = "
        "'110000000000'");
    Execute(
        "UPDATE dictionary_entries SET disabled = 1, label_zh = '改过', updated_by = 'admin' WHERE code = 'hourly'");
    Execute("DELETE FROM calendar_days WHERE day = '2025-10-08'");
    // A value nobody edited follows the shipped file again.
    Execute("UPDATE parameter_values SET value = '7' WHERE parameter_key = 'area_per_child_m2'");
    ForgetSeedChecksums();
    reference::SeedReferenceData(world_.database(), world_.clock());
    EXPECT_EQ(Resolve("video_retention_days", "211104000000").in_force()->value, "60");
    EXPECT_EQ(Resolve("parent_live_video_allowed", "110105000000").in_force()->value, "true");
    EXPECT_EQ(Count("SELECT COUNT(*) FROM dictionary_entries WHERE code = 'hourly' AND disabled = 1 AND "
                    "label_zh = '改过'"),
              1);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM calendar_days WHERE day = '2025-10-08'"), 0);
    EXPECT_EQ(Resolve("area_per_child_m2", "211104000000").in_force()->value, "8");
}

TEST_F(ReferenceDataTest, ValuesAreCheckedAgainstTheirType) {
    using Json = parameters::Json;
    EXPECT_EQ(parameters::Canonical("integer", Json(90)), "90");
    EXPECT_EQ(parameters::Canonical("integer", Json("090")), "90");
    EXPECT_THROW(parameters::Canonical("integer", Json("9.5")), ApiError);
    EXPECT_THROW(parameters::Canonical("integer", Json(true)), ApiError);
    EXPECT_EQ(parameters::Canonical("decimal", Json(4.5)), "4.5");
    EXPECT_EQ(parameters::Canonical("decimal", Json("4.5")), "4.5");
    EXPECT_THROW(parameters::Canonical("decimal", Json("4,5")), ApiError);
    EXPECT_EQ(parameters::Canonical("ratio", Json("1:5")), "1:5");
    EXPECT_THROW(parameters::Canonical("ratio", Json("1:0")), ApiError);
    EXPECT_THROW(parameters::Canonical("ratio", Json("5")), ApiError);
    EXPECT_EQ(parameters::Canonical("boolean", Json(false)), "false");
    EXPECT_THROW(parameters::Canonical("boolean", Json("no")), ApiError);
    EXPECT_THROW(parameters::Canonical("text", Json("")), ApiError);
    EXPECT_EQ(parameters::Canonical("json", Json::parse(R"({"b":1,"a":[2]})")), R"({"a":[2],"b":1})");
    EXPECT_THROW(parameters::Canonical("json", Json("not json")), ApiError);
    EXPECT_THROW(parameters::Canonical("json", Json(3)), ApiError);
}

TEST_F(ReferenceDataTest, DictionariesAreSeededWithStableCodes) {
    EXPECT_EQ(Count("SELECT COUNT(*) FROM dictionaries"), 11);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM dictionary_entries WHERE dictionary_key = 'service_modes'"), 4);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM dictionary_entries WHERE dictionary_key = 'departments'"), 18);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM dictionary_entries WHERE dictionary_key = 'class_types' AND code IN "
                    "('infant_class', 'toddler_class', 'older_toddler_class', 'mixed_class')"),
              4);
    // The demo accounts' departments are codes of the departments dictionary.
    EXPECT_EQ(Count("SELECT COUNT(*) FROM dictionary_entries WHERE dictionary_key = 'departments' AND code IN "
                    "('health', 'market_regulation')"),
              2);
}

TEST_F(ReferenceDataTest, CalendarFromTheDatabaseGivesTheNoticesDeadlines) {
    storage::Transaction tx = world_.database().Read();
    const WorkingDayCalendar calendar = reference::calendar::LoadCalendar(tx);
    tx.Commit();
    auto add = [&](const char* from, int n) { return calendar.AddWorkingDays(*CivilDate::Parse(from), n).ToString(); };
    EXPECT_EQ(add("2025-09-30", 5), "2025-10-14");
    EXPECT_EQ(calendar.covered_years(), (std::set<int>{2024, 2025, 2026}));
    // Across the 2026 New Year: 01-01..03 off, Sunday 01-04 worked.
    EXPECT_EQ(add("2025-12-31", 1), "2026-01-04");
    // Spring Festival 2026: Saturday 02-14 worked, 02-15..23 off, Saturday 02-28 worked.
    EXPECT_EQ(add("2026-02-13", 1), "2026-02-14");
    EXPECT_EQ(add("2026-02-14", 1), "2026-02-24");
    EXPECT_EQ(add("2026-02-27", 1), "2026-02-28");
    // National Day 2024: 10-01..07 off; 10-08..11 and the make-up Saturday 10-12 are the five.
    EXPECT_EQ(add("2024-09-30", 5), "2024-10-12");
    EXPECT_EQ(calendar.CountWorkingDays(*CivilDate::Parse("2025-09-30"), *CivilDate::Parse("2025-10-14")), 5);
}

// Two server processes share one database: an edit made through one shows in the other's copy once
// its recheck interval has passed (here zero), and not before (here an hour).
TEST_F(ReferenceDataTest, EachProcessNoticesAnotherProcessesEdit) {
    reference::calendar::CalendarCache fresh(std::chrono::milliseconds(0));
    reference::calendar::CalendarCache lazy(std::chrono::hours(1));
    const CivilDate received = *CivilDate::Parse("2025-09-30");
    auto due = [&](reference::calendar::CalendarCache& cache) {
        storage::Transaction tx = world_.database().Read();
        const std::string date = cache.Get(tx)->AddWorkingDays(received, 5).ToString();
        tx.Commit();
        return date;
    };
    EXPECT_EQ(due(fresh), "2025-10-14");
    EXPECT_EQ(due(lazy), "2025-10-14");
    {
        storage::Transaction tx = world_.database().Write();
        storage::Query(
            "INSERT INTO calendar_days (day, kind, name_zh, name_en, source, updated_by, updated_at) "
            "VALUES ('2025-10-13', 'holiday', '测试', 'Test', 'test', 'admin', 1)")
            .Execute(tx);
        reference::calendar::BumpVersion(tx);
        tx.Commit();
    }
    EXPECT_EQ(due(fresh), "2025-10-15");
    EXPECT_EQ(due(lazy), "2025-10-14");  // still within its hour
    lazy.Invalidate();
    EXPECT_EQ(due(lazy), "2025-10-15");
}

}  // namespace
}  // namespace tuoyu::test
