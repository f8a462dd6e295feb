#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/row_error.hpp"
#include "core/scope.hpp"
#include "jobs/progress.hpp"
#include "storage/database.hpp"

namespace tuoyu::population {

// The six figures kept per region and year, in this order everywhere (JSON, files, columns).
inline constexpr std::size_t kFigureCount = 6;
inline constexpr std::array<const char*, kFigureCount> kFigureNames = {"resident", "registered", "births",
                                                                       "age_0_1",  "age_1_2",    "age_2_3"};
inline constexpr std::array<const char*, kFigureCount> kFigureLabels = {"常住人口", "户籍人口", "出生人口",
                                                                        "0-1岁",    "1-2岁",    "2-3岁"};
// A figure is unknown (nullopt), which is not the same as zero.
using Figures = std::array<std::optional<std::int64_t>, kFigureCount>;

// One region-year as entered or imported.
struct Record {
    std::string region_code;  // 12 digits
    int year = 0;
    Figures figures;
    std::string source;
    std::optional<std::string> source_date;  // YYYY-MM-DD
    std::size_t line = 0;                    // in the imported file
};

// What the data of one region-year says about each figure.
enum class Origin { kNone, kOwn, kSum };

struct FigureValue {
    std::optional<std::int64_t> value;
    Origin origin = Origin::kNone;
    std::int64_t regions = 0;  // how many regions' own figures make it up
};

struct RegionFigures {
    std::string code;
    std::string name;
    int level = 0;
    bool has_children = false;
    std::array<FigureValue, kFigureCount> figures;
    bool has_own = false;  // the region has its own row (the fields below are its)
    std::string source;
    std::optional<std::string> source_date;
    std::int64_t updated_at = 0;
    std::string updated_by;
};

struct Rollup {
    RegionFigures region;
    std::vector<RegionFigures> children;  // in code order
};

// A region's figures for a year and those of its child regions: a region's own figure where it
// has one, otherwise the sum over its children (recursively) of theirs, where any is known. One
// range query for the subtree's regions and one for its figures, then a bottom-up pass in
// memory. nullopt when the region does not exist.
std::optional<Rollup> ReadRollup(storage::Transaction& tx, const std::string& region_code, int year);

// The years for which the region or any region below it has figures, ascending.
std::vector<int> YearsWithFigures(storage::Transaction& tx, const std::string& region_code);

// The region's own row for the year, if any.
std::optional<Record> ReadOwn(storage::Transaction& tx, const std::string& region_code, int year);

// Replaces the region-year's own row (all six figures, the source and its date).
void SaveOwn(storage::Transaction& tx, const Record& record, const std::string& username, std::int64_t now);

// ---- Import -----------------------------------------------------------------------------------

using tuoyu::RowError;

struct ImportOptions {
    Scope scope;  // the importer's: rows outside it are bad rows
    int min_year = 1949;
    int max_year = 2100;
    std::string default_source;  // for rows without a source: typically the file's name
    bool dry_run = false;
    std::string username;
    std::int64_t now = 0;
    // Called every few thousand rows of each phase ("reading", "parsing", "checking", "writing")
    // for a progress display: a background job's, or the command line's. It may throw (a stopping
    // server aborts the job): the import then unwinds and the caller's transaction rolls back.
    jobs::ProgressFn progress;
};

struct ImportResult {
    std::vector<RowError> errors;  // in line order; when any, nothing was written
    std::size_t rows = 0;          // data rows read
    std::size_t skipped = 0;       // rows without figures, or sums marked by our export (口径 下级汇总)
    std::size_t created = 0;
    std::size_t replaced = 0;
    std::size_t in_scope = 0;  // rows whose region lies in the importer's scope
    std::size_t out_of_scope = 0;
    std::string encoding;
    bool ok() const { return errors.empty(); }
};

// Reads a .csv or .xlsx file of population figures and, if every row is good, writes them all
// (replacing existing rows of the same region and year) in the caller's write transaction;
// the caller commits. With any bad row it writes nothing and lists every bad row.
ImportResult Import(storage::Transaction& tx, std::string_view bytes, const ImportOptions& options);

// The same in two stages, so that the file is read and its rows checked before a transaction
// begins (on SQLite a write transaction holds the database's one write lock). First the file
// alone: its rows, each checked on its own.
struct ParsedImport {
    ImportResult result;          // rows, skipped, encoding and the bad rows so far
    std::vector<Record> records;  // the rows that passed
};
ParsedImport ParseImport(std::string_view bytes, const ImportOptions& options);

// Then in the caller's transaction: the regions checked against the scope and the tree, and, if
// no row is bad and it is not a dry run, the rows written. When `parsed` has bad rows already,
// nothing will be written and a read transaction is enough.
ImportResult ImportParsed(storage::Transaction& tx, ParsedImport parsed, const ImportOptions& options);

// The JSON-free text of one error for a console: "line 12, births: invalid_number — …".
std::string DescribeError(const RowError& error);

}  // namespace tuoyu::population
