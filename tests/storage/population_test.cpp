// Population figures on both engines: the all-or-nothing import in every encoding, replacing
// earlier figures, and the roll-up of figures up the region tree where a level has none.

#include <gtest/gtest.h>
#include <iconv.h>

#include <chrono>
#include <future>
#include <thread>

#include "features/population/population.hpp"
#include "io/xlsx.hpp"
#include "jobs/job_runner.hpp"
#include "storage/query.hpp"
#include "support/fixtures.hpp"

namespace tuoyu {
namespace {

using population::ImportOptions;
using population::ImportResult;
using population::Origin;

constexpr const char* kDaowa = "211104000000";
constexpr const char* kTown = "211104004000";

std::string Gb18030(const std::string& utf8) {
    iconv_t handle = iconv_open("GB18030", "UTF-8");
    std::string out(utf8.size() * 4 + 4, '\0');
    char* in = const_cast<char*>(utf8.data());
    std::size_t in_left = utf8.size();
    char* to = out.data();
    std::size_t out_left = out.size();
    iconv(handle, &in, &in_left, &to, &out_left);
    iconv_close(handle);
    out.resize(out.size() - out_left);
    return out;
}

class PopulationTest : public ::testing::Test {
  protected:
    ImportOptions Options(Scope scope = Scope::All()) {
        ImportOptions options;
        options.scope = std::move(scope);
        options.max_year = 2026;
        options.default_source = "test.csv";
        options.username = "tester";
        options.now = db_.clock().NowMillis();
        return options;
    }

    ImportResult Import(const std::string& bytes, const ImportOptions& options) {
        storage::Transaction tx = db_.database().Write();
        ImportResult result = population::Import(tx, bytes, options);
        if (result.ok()) {
            tx.Commit();
        }
        return result;
    }
    ImportResult Import(const std::string& bytes) { return Import(bytes, Options()); }

    std::optional<population::Record> Own(const std::string& code, int year) {
        storage::Transaction tx = db_.database().Read();
        return population::ReadOwn(tx, code, year);
    }

    std::int64_t Rows() {
        storage::Transaction tx = db_.database().Read();
        return storage::Query("SELECT COUNT(*) FROM population").Count(tx);
    }

    // Adds villages 211104004001 … under 大洼街道.
    void AddVillages(int count) {
        storage::Transaction tx = db_.database().Write();
        for (int start = 1; start <= count; start += 100) {
            storage::Query insert("INSERT INTO regions (code, name, level, parent_code) VALUES ");
            for (int i = start; i < start + 100 && i <= count; ++i) {
                char code[32];
                std::snprintf(code, sizeof code, "211104004%03d", i);
                insert.Sql(i == start ? "(" : ", (")
                    .Bind(std::string(code))
                    .Sql(", ")
                    .Bind("村" + std::to_string(i))
                    .Sql(", 5, ")
                    .Bind(std::string(kTown))
                    .Sql(")");
            }
            insert.Execute(tx);
        }
        tx.Commit();
    }

    test::MigratedDatabase db_;
};

TEST_F(PopulationTest, ImportCreatesThenReplacesAndKeepsUnknownApartFromZero) {
    ImportResult first = Import(
        "区划代码,年份,常住人口,户籍人口,出生人口,0-1岁,1-2岁,2-3岁,来源,日期\n"
        "211104,2024,389000,,2100,0,1900,2000,2024年统计年鉴,2025-03-01\n"
        "211104004,2024,51000,50000,,,,,,\n");
    ASSERT_TRUE(first.ok()) << population::DescribeError(first.errors.front());
    EXPECT_EQ(first.rows, 2u);
    EXPECT_EQ(first.created, 2u);
    EXPECT_EQ(first.replaced, 0u);
    std::optional<population::Record> daowa = Own(kDaowa, 2024);
    ASSERT_TRUE(daowa);
    EXPECT_EQ(daowa->figures[0], 389000);
    EXPECT_FALSE(daowa->figures[1]);  // unknown, not zero
    EXPECT_EQ(daowa->figures[3], 0);  // a real zero
    EXPECT_EQ(daowa->source, "2024年统计年鉴");
    EXPECT_EQ(daowa->source_date, "2025-03-01");
    EXPECT_EQ(Own(kTown, 2024)->source, "test.csv");  // no source in the row: the file's name

    // English headers, another order: one region-year replaced, one new.
    ImportResult second = Import(
        "year,code,resident,source\n"
        "2024,211104000000,390000,修订\n"
        "2023,211104000000,388000,\n");
    ASSERT_TRUE(second.ok());
    EXPECT_EQ(second.created, 1u);
    EXPECT_EQ(second.replaced, 1u);
    daowa = Own(kDaowa, 2024);
    EXPECT_EQ(daowa->figures[0], 390000);
    EXPECT_FALSE(daowa->figures[2]);  // replaced whole: the births of the first import are gone
    EXPECT_EQ(daowa->source, "修订");
    EXPECT_EQ(Rows(), 3);
}

TEST_F(PopulationTest, RowsWithoutFiguresAndExportedSumsAreSkipped) {
    const ImportResult result = Import(
        "区划代码,区划名称,年份,常住人口,出生人口,口径\n"
        "211104,大洼区,2024,389000,,下级汇总\n"  // a sum in our own export: not an own figure
        "211104004,大洼街道,2024,,,\n"           // nothing known
        "211100,盘锦市,2024,1300000,,本级\n");
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result.rows, 3u);
    EXPECT_EQ(result.skipped, 2u);
    EXPECT_EQ(result.created, 1u);
    EXPECT_FALSE(Own(kDaowa, 2024));
    EXPECT_FALSE(Own(kTown, 2024));
    EXPECT_EQ(Rows(), 1);
}

TEST_F(PopulationTest, EachEncodingImportsTheSameFigures) {
    const std::string text =
        "区划代码,区划名称,年份,常住人口,出生人口,来源\r\n"
        "211104,大洼区,2024,389000,2100,盘锦统计年鉴（2024）\r\n"
        "211104004,大洼街道,2024,51000,310,盘锦统计年鉴（2024）\r\n";
    const std::vector<std::vector<io::XlsxCell>> sheet = {
        {{"区划代码"}, {"区划名称"}, {"年份"}, {"常住人口"}, {"出生人口"}, {"来源"}},
        {{"211104"}, {"大洼区"}, {"2024", true}, {"389000", true}, {"2100", true}, {"盘锦统计年鉴（2024）"}},
        {{"211104004"}, {"大洼街道"}, {"2024", true}, {"51000", true}, {"310", true}, {"盘锦统计年鉴（2024）"}},
    };
    const std::vector<std::pair<std::string, std::string>> files = {
        {"UTF-8", text},
        {"UTF-8 BOM", "\xEF\xBB\xBF" + text},
        {"GB18030", Gb18030(text)},
        {"xlsx", io::WriteXlsx("2024", sheet)},
    };
    for (const auto& [encoding, bytes] : files) {
        SCOPED_TRACE(encoding);
        {
            storage::Transaction tx = db_.database().Write();
            storage::Query("DELETE FROM population").Execute(tx);
            tx.Commit();
        }
        const ImportResult result = Import(bytes);
        ASSERT_TRUE(result.ok()) << population::DescribeError(result.errors.front());
        EXPECT_EQ(result.encoding, encoding);
        EXPECT_EQ(result.created, 2u);
        const std::optional<population::Record> town = Own(kTown, 2024);
        ASSERT_TRUE(town);
        EXPECT_EQ(town->figures[0], 51000);
        EXPECT_EQ(town->figures[2], 310);
        EXPECT_EQ(town->source, "盘锦统计年鉴（2024）");
    }
}

TEST_F(PopulationTest, EveryBadRowIsListedWithItsLineAndNothingChanges) {
    ASSERT_TRUE(Import("code,year,resident\n211104,2023,1\n").ok());
    const ImportResult result = Import(
        "区划代码,年份,常住人口,出生人口,日期\n"  // 1
        "211104,2024,100,10,\n"                   // 2 good
        "2111049,2024,100,10,\n"                  // 3 wrong length
        "211104999,2024,100,10,\n"                // 4 unknown region
        "211104,2024,100,10,\n"                   // 5 duplicate of line 2
        "211104004,2024,-5,10,\n"                 // 6 negative
        "211104004,2023,12.5,1万,\n"              // 7 not integers (two errors)
        "211104004,1800,1,1,\n"                   // 8 year out of range
        "211104004,2022,1,1,2024-02-30\n"         // 9 no such date
        "\"211104004\",\"2021\",\"7\",\"\",\n"    // 10 good (quoted)
        "211100,2024,1,1,\n");                    // 11 good for the administrator
    EXPECT_FALSE(result.ok());
    std::vector<std::tuple<std::size_t, std::string, std::string>> got;
    for (const population::RowError& error : result.errors) {
        EXPECT_FALSE(error.message_zh.empty());
        EXPECT_FALSE(error.message_en.empty());
        got.emplace_back(error.line, error.field, error.code);
    }
    const std::vector<std::tuple<std::size_t, std::string, std::string>> expected = {
        {3, "code", "invalid_region_code"}, {4, "code", "unknown_region"},      {5, "code", "duplicate_row"},
        {6, "resident", "negative_number"}, {7, "resident", "invalid_number"},  {7, "births", "invalid_number"},
        {8, "year", "invalid_year"},        {9, "source_date", "invalid_date"},
    };
    EXPECT_EQ(got, expected);
    EXPECT_EQ(Rows(), 1);
    EXPECT_EQ(Own(kDaowa, 2023)->figures[0], 1);

    // A regulator of 大洼区 importing a row of 盘锦市 (above its region) and one of 余姚.
    const ImportResult scoped =
        Import("code,year,resident\n211104,2024,5\n2111,2024,5\n330281,2024,5\n", Options(Scope::Region(kDaowa)));
    ASSERT_EQ(scoped.errors.size(), 2u);
    EXPECT_EQ(scoped.errors[0].line, 3u);
    EXPECT_EQ(scoped.errors[0].code, "out_of_scope");
    EXPECT_EQ(scoped.errors[1].line, 4u);
    EXPECT_EQ(scoped.errors[1].code, "out_of_scope");
    EXPECT_EQ(scoped.in_scope, 1u);
    EXPECT_EQ(Rows(), 1);
}

TEST_F(PopulationTest, WholeFileProblemsAreOneErrorEach) {
    ImportResult missing = Import("区划代码,常住人口\n211104,5\n");
    ASSERT_EQ(missing.errors.size(), 1u);
    EXPECT_EQ(missing.errors[0].code, "missing_column");
    EXPECT_EQ(missing.errors[0].field, "year");

    ImportResult unknown = Import("区划代码,年份,常驻人口\n211104,2024,5\n");  // a typo: 常驻
    ASSERT_EQ(unknown.errors.size(), 1u);
    EXPECT_EQ(unknown.errors[0].code, "unknown_column");

    ImportResult unreadable = Import("code,year\n\xFF\xFF,2024\n");
    ASSERT_EQ(unreadable.errors.size(), 1u);
    EXPECT_EQ(unreadable.errors[0].code, "unreadable_encoding");
    EXPECT_EQ(unreadable.errors[0].line, 0u);

    ImportResult empty = Import("\r\n\r\n");
    ASSERT_EQ(empty.errors.size(), 1u);
    EXPECT_EQ(empty.errors[0].code, "empty_file");
    EXPECT_EQ(Rows(), 0);
}

TEST_F(PopulationTest, RollupSumsLowerLevelsWhereAnUpperLevelHasNoFigures) {
    AddVillages(3);
    // Villages 1 and 2 have figures, village 3 none; the town and the county have none of their
    // own; 余姚's town has figures of its own. 盘锦市 has its own resident figure only.
    ASSERT_TRUE(Import("code,year,resident,births,age_0_1\n"
                       "211104004001,2024,1000,10,\n"
                       "211104004002,2024,2000,,\n"
                       "211100,2024,1300000,,\n"
                       "330281001,2024,99,9,9\n")
                    .ok());
    storage::Transaction tx = db_.database().Read();
    const std::optional<population::Rollup> county = population::ReadRollup(tx, kDaowa, 2024);
    ASSERT_TRUE(county);
    const population::FigureValue& resident = county->region.figures[0];
    EXPECT_EQ(resident.value, 3000);
    EXPECT_EQ(resident.origin, Origin::kSum);
    EXPECT_EQ(resident.regions, 2);
    EXPECT_EQ(county->region.figures[2].value, 10);
    EXPECT_EQ(county->region.figures[2].regions, 1);
    EXPECT_FALSE(county->region.figures[3].value);  // nobody below knows it
    EXPECT_EQ(county->region.figures[3].origin, Origin::kNone);
    EXPECT_FALSE(county->region.has_own);
    ASSERT_EQ(county->children.size(), 1u);
    EXPECT_EQ(county->children[0].code, kTown);
    EXPECT_TRUE(county->children[0].has_children);
    EXPECT_EQ(county->children[0].figures[0].value, 3000);

    const std::optional<population::Rollup> city = population::ReadRollup(tx, "211100000000", 2024);
    EXPECT_EQ(city->region.figures[0].value, 1300000);  // its own figure beats the sum below
    EXPECT_EQ(city->region.figures[0].origin, Origin::kOwn);
    EXPECT_EQ(city->region.figures[2].value, 10);  // births: summed, it has none of its own
    EXPECT_EQ(city->region.figures[2].origin, Origin::kSum);
    EXPECT_TRUE(city->region.has_own);

    const std::optional<population::Rollup> town = population::ReadRollup(tx, kTown, 2024);
    ASSERT_EQ(town->children.size(), 3u);
    EXPECT_EQ(town->children[0].figures[0].origin, Origin::kOwn);
    EXPECT_FALSE(town->children[2].figures[0].value);
    EXPECT_FALSE(town->children[2].has_children);

    // Another year has nothing; 辽宁省 never sees 余姚.
    EXPECT_FALSE(population::ReadRollup(tx, kDaowa, 2023)->region.figures[0].value);
    EXPECT_EQ(population::ReadRollup(tx, "210000000000", 2024)->region.figures[0].value, 1300000);
    EXPECT_FALSE(population::ReadRollup(tx, "219900000000", 2024));
    EXPECT_EQ(population::YearsWithFigures(tx, kDaowa), std::vector<int>{2024});
    EXPECT_TRUE(population::YearsWithFigures(tx, "330000000000") == std::vector<int>{2024});
    EXPECT_TRUE(population::YearsWithFigures(tx, "220000000000").empty());
}

// 100 villages × 50 years: 5,000 good rows.
std::string FiveThousandRows() {
    std::string file = "code,year,resident\n";
    for (int v = 1; v <= 100; ++v) {
        for (int y = 1977; y <= 2026; ++y) {
            char line[64];
            std::snprintf(line, sizeof line, "211104004%03d,%d,%d\n", v, y, 1000 + v);
            file += line;
        }
    }
    return file;
}

TEST_F(PopulationTest, ProgressIsReportedPerPhaseEverySoManyRows) {
    AddVillages(100);
    std::vector<jobs::Progress> reports;
    ImportOptions options = Options();
    options.progress = [&](const jobs::Progress& progress) { reports.push_back(progress); };
    ASSERT_TRUE(Import(FiveThousandRows(), options).ok());
    std::vector<std::string> phases;
    for (const jobs::Progress& report : reports) {
        if (phases.empty() || phases.back() != report.phase) {
            phases.push_back(report.phase);
        }
    }
    EXPECT_EQ(phases, (std::vector<std::string>{"reading", "parsing", "checking", "writing"}));
    std::vector<std::uint64_t> parsed;
    std::vector<std::uint64_t> written;
    for (const jobs::Progress& report : reports) {
        if (report.phase == "parsing" || report.phase == "writing") {
            EXPECT_EQ(report.total, 5000u) << report.phase;
            (report.phase == "parsing" ? parsed : written).push_back(report.done);
        }
    }
    EXPECT_EQ(parsed, (std::vector<std::uint64_t>{0, 2000, 4000, 5000}));
    EXPECT_EQ(written, (std::vector<std::uint64_t>{0, 2000, 4000, 5000}));
    EXPECT_LE(reports.size(), 12u);  // a few per phase, not one per row
}

TEST_F(PopulationTest, AnImportAbortedWhileWritingRollsBackWhole) {
    AddVillages(100);
    ASSERT_TRUE(Import("code,year,resident\n211104004001,1960,7\n").ok());
    ImportOptions options = Options();
    options.progress = [](const jobs::Progress& progress) {
        if (progress.phase == "writing" && progress.done >= 2000) {
            throw jobs::Aborted();
        }
    };
    EXPECT_THROW(Import(FiveThousandRows(), options), jobs::Aborted);
    EXPECT_EQ(Rows(), 1);
}

// The server's shutdown with an import half written: the job is aborted at its next progress
// report, its transaction rolls back, and it ends failed with 503 server_stopping.
TEST_F(PopulationTest, AJobStoppedWhileWritingLeavesNothing) {
    AddVillages(100);
    ASSERT_TRUE(Import("code,year,resident\n211104004001,1960,7\n").ok());
    jobs::JobRunner runner(db_.clock());
    std::promise<void> writing;
    const std::string file = FiveThousandRows();
    const jobs::JobView job =
        runner.Submit("population_import", {1, Scope::All()}, "req", [&](const jobs::ProgressFn& report) {
            ImportOptions options = Options();
            bool signalled = false;
            options.progress = [&](const jobs::Progress& progress) {
                report(progress);
                if (progress.phase == "writing" && progress.done > 0 && !signalled) {
                    signalled = true;
                    writing.set_value();
                    for (;;) {  // as if writing on slowly, until the abort
                        std::this_thread::sleep_for(std::chrono::milliseconds(1));
                        report(progress);
                    }
                }
            };
            storage::Transaction tx = db_.database().Write();
            population::Import(tx, file, options);
            tx.Commit();
            return jobs::Outcome{200, {}};
        });
    writing.get_future().wait();
    EXPECT_EQ(runner.Stop(std::chrono::milliseconds(20)), 1u);
    const jobs::JobView stopped = *runner.registry().Find(job.id);
    EXPECT_EQ(stopped.state, jobs::State::kFailed);
    EXPECT_EQ(stopped.outcome->body["code"], "server_stopping");
    EXPECT_EQ(Rows(), 1);
    EXPECT_EQ(Own("211104004001", 1960)->figures[0], 7);
}

TEST_F(PopulationTest, ABadRowAtTheEndOfALargeFileChangesNothing) {
    constexpr int kVillages = 999;
    constexpr int kYears = 50;  // 1977 … 2026: 49,950 rows
    AddVillages(kVillages);
    ASSERT_TRUE(Import("code,year,resident\n211104004001,1960,7\n").ok());  // outside the file's years
    std::string file = "区划代码,年份,常住人口,户籍人口,出生人口\n";
    file.reserve(2'500'000);
    for (int v = 1; v <= kVillages; ++v) {
        for (int y = 2026 - kYears + 1; y <= 2026; ++y) {
            char line[80];
            std::snprintf(line, sizeof line, "211104004%03d,%d,%d,%d,%d\n", v, y, 1000 + v, 900 + v, y % 50);
            file += line;
        }
    }
    const std::string good = file;
    file += "211104004001,1999,1000,900,-1\n";  // the last line: a negative birth count
    const std::size_t last_line = static_cast<std::size_t>(kVillages) * kYears + 2;

    const auto started = std::chrono::steady_clock::now();
    const ImportResult refused = Import(file);
    ASSERT_EQ(refused.errors.size(), 1u);
    EXPECT_EQ(refused.errors[0].line, last_line);
    EXPECT_EQ(refused.errors[0].field, "births");
    EXPECT_EQ(refused.errors[0].code, "negative_number");
    EXPECT_EQ(refused.rows, last_line - 1);
    EXPECT_EQ(Rows(), 1);
    EXPECT_EQ(Own("211104004001", 1960)->figures[0], 7);

    std::cerr << "[ info ] " << refused.rows << " rows checked and refused in "
              << std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count() << " s\n";

    // The first 5,000 rows of the file without its bad line go in whole (the full 50,000 would
    // cost the test suite seconds; writing speed is not what this test is about).
    const std::size_t cut = [&] {
        std::size_t at = 0;
        for (int line = 0; line <= 5000; ++line) {
            at = good.find('\n', at) + 1;
        }
        return at;
    }();
    const ImportResult accepted = Import(good.substr(0, cut));
    ASSERT_TRUE(accepted.ok());
    EXPECT_EQ(accepted.created, 5000u);
    EXPECT_EQ(Rows(), 5001);
    storage::Transaction tx = db_.database().Read();
    // Villages 1 … 100 have 2026 figures: 1000 + v each.
    EXPECT_EQ(population::ReadRollup(tx, kDaowa, 2026)->region.figures[0].value, 100 * 1000 + 100 * 101 / 2);
    EXPECT_EQ(population::ReadRollup(tx, kDaowa, 2026)->region.figures[0].regions, 100);
}

}  // namespace
}  // namespace tuoyu
