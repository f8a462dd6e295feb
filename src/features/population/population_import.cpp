#include <soci/soci.h>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "core/region_code.hpp"
#include "core/text.hpp"
#include "core/working_days.hpp"
#include "features/population/population.hpp"
#include "io/tabular.hpp"
#include "storage/query.hpp"
#include "storage/row.hpp"

namespace tuoyu::population {

namespace {

// The columns of an import file. Headers are matched in Chinese or English, without spaces,
// case or a unit in brackets ("常住人口（人）").
enum class Column {
    kCode,
    kYear,
    kFigure0,
    kSource = kFigure0 + static_cast<int>(kFigureCount),
    kSourceDate,
    kOrigin,
    kIgnored
};

const std::map<std::string, int>& HeaderNames() {
    static const std::map<std::string, int> kNames = [] {
        std::map<std::string, int> names;
        for (const char* name :
             {"区划代码", "代码", "行政区划代码", "统计用区划代码", "code", "region_code", "regioncode"}) {
            names[name] = static_cast<int>(Column::kCode);
        }
        for (const char* name : {"年份", "年度", "year"}) {
            names[name] = static_cast<int>(Column::kYear);
        }
        const std::array<std::vector<const char*>, kFigureCount> figures = {{
            {"常住人口", "resident"},
            {"户籍人口", "registered"},
            {"出生人口", "出生人数", "births"},
            {"0-1岁", "0~1岁", "0～1岁", "0-1岁儿童", "0至1岁", "age_0_1", "age01"},
            {"1-2岁", "1~2岁", "1～2岁", "1-2岁儿童", "1至2岁", "age_1_2", "age12"},
            {"2-3岁", "2~3岁", "2～3岁", "2-3岁儿童", "2至3岁", "age_2_3", "age23"},
        }};
        for (std::size_t i = 0; i < kFigureCount; ++i) {
            for (const char* name : figures[i]) {
                names[name] = static_cast<int>(Column::kFigure0) + static_cast<int>(i);
            }
        }
        for (const char* name : {"来源", "数据来源", "source"}) {
            names[name] = static_cast<int>(Column::kSource);
        }
        for (const char* name : {"日期", "来源日期", "数据日期", "source_date", "sourcedate", "date"}) {
            names[name] = static_cast<int>(Column::kSourceDate);
        }
        // Columns that our own export writes and an import reads past.
        for (const char* name : {"口径", "origin"}) {
            names[name] = static_cast<int>(Column::kOrigin);
        }
        for (const char* name : {"区划名称", "名称", "name", "层级", "level"}) {
            names[name] = static_cast<int>(Column::kIgnored);
        }
        return names;
    }();
    return kNames;
}

std::string Trim(const std::string& text) {
    return std::string(TrimSpace(text));
}

std::string HeaderKey(const std::string& header) {
    std::string key;
    for (char c : Trim(header)) {
        if (c != ' ') {
            key += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        }
    }
    for (const char* bracket : {"(", "（"}) {
        const std::size_t at = key.find(bracket);
        if (at != std::string::npos && at > 0) {
            key.erase(at);
        }
    }
    return key;
}

std::string FieldName(int column) {
    if (column == static_cast<int>(Column::kCode)) {
        return "code";
    }
    if (column == static_cast<int>(Column::kYear)) {
        return "year";
    }
    if (column == static_cast<int>(Column::kSource)) {
        return "source";
    }
    if (column == static_cast<int>(Column::kSourceDate)) {
        return "source_date";
    }
    if (column == static_cast<int>(Column::kOrigin)) {
        return "origin";
    }
    return kFigureNames[static_cast<std::size_t>(column - static_cast<int>(Column::kFigure0))];
}

RowError Error(std::size_t line, std::string field, std::string code, std::string zh, std::string en) {
    return {line, std::move(field), std::move(code), std::move(zh), std::move(en)};
}

std::string LineZh(std::size_t line) {
    return "第 " + std::to_string(line) + " 行：";
}

std::string LineEn(std::size_t line) {
    return "Line " + std::to_string(line) + ": ";
}

bool AllDigits(const std::string& text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

constexpr std::int64_t kMaxFigure = 10'000'000'000LL;  // beyond any region's population

// Everything that can be checked without the database, for one data row.
std::optional<Record> ParseRow(const io::TableRow& row, const std::vector<int>& columns, const ImportOptions& options,
                               std::vector<RowError>& errors, bool& skip) {
    skip = false;
    Record record;
    record.line = row.line;
    record.source = options.default_source;
    const std::size_t line = row.line;
    const std::size_t errors_before = errors.size();
    auto cell = [&](std::size_t index) { return index < row.cells.size() ? Trim(row.cells[index]) : std::string(); };
    for (std::size_t index = 0; index < columns.size(); ++index) {
        const int column = columns[index];
        const std::string text = cell(index);
        if (column == static_cast<int>(Column::kIgnored)) {
            continue;
        }
        if (column == static_cast<int>(Column::kOrigin)) {
            // Our export marks sums of the regions below; stored as own figures they would
            // no longer follow those regions.
            skip = skip || text == "下级汇总" || text == "sum";
            continue;
        }
        const std::string field = FieldName(column);
        if (column == static_cast<int>(Column::kCode)) {
            if (text.empty()) {
                errors.push_back(Error(line, field, "required", LineZh(line) + "缺少区划代码",
                                       LineEn(line) + "the region code is missing"));
                continue;
            }
            std::optional<std::string> code = RegionCode::Normalize(text);
            if (!code) {
                errors.push_back(
                    Error(line, field, "invalid_region_code",
                          LineZh(line) + "区划代码“" + text + "”须为 2、4、6、9 或 12 位数字",
                          LineEn(line) + "region code \"" + text + "\" must have 2, 4, 6, 9 or 12 digits"));
                continue;
            }
            record.region_code = *code;
        } else if (column == static_cast<int>(Column::kYear)) {
            const bool number = AllDigits(text) && text.size() == 4;
            const int year = number ? std::stoi(text) : 0;
            if (text.empty()) {
                errors.push_back(
                    Error(line, field, "required", LineZh(line) + "缺少年份", LineEn(line) + "the year is missing"));
            } else if (!number || year < options.min_year || year > options.max_year) {
                errors.push_back(Error(line, field, "invalid_year",
                                       LineZh(line) + "年份“" + text + "”须在 " + std::to_string(options.min_year) +
                                           " 到 " + std::to_string(options.max_year) + " 之间",
                                       LineEn(line) + "year \"" + text + "\" must be between " +
                                           std::to_string(options.min_year) + " and " +
                                           std::to_string(options.max_year)));
            } else {
                record.year = year;
            }
        } else if (column == static_cast<int>(Column::kSource)) {
            if (!text.empty()) {
                if (text.size() > 600) {
                    errors.push_back(Error(line, field, "too_long", LineZh(line) + "来源过长（最多200个字）",
                                           LineEn(line) + "the source is too long (at most 200 characters)"));
                } else {
                    record.source = text;
                }
            }
        } else if (column == static_cast<int>(Column::kSourceDate)) {
            if (text.empty()) {
                continue;
            }
            std::optional<CivilDate> date = CivilDate::Parse(text);
            // A date cell of a spreadsheet arrives as its serial number: days since 1899-12-30.
            if (!date && AllDigits(text) && text.size() == 5) {
                date = CivilDate::FromDayNumber(std::stoll(text) - 25'569);
            }
            if (!date) {
                errors.push_back(Error(line, field, "invalid_date",
                                       LineZh(line) + "日期“" + text + "”须为 YYYY-MM-DD 格式",
                                       LineEn(line) + "date \"" + text + "\" must be YYYY-MM-DD"));
            } else {
                record.source_date = date->ToString();
            }
        } else {
            if (text.empty()) {
                continue;  // unknown, not zero
            }
            const std::size_t figure = static_cast<std::size_t>(column - static_cast<int>(Column::kFigure0));
            const bool number = AllDigits(text) && text.size() <= 11;
            const std::int64_t value = number ? std::stoll(text) : -1;
            if (!number || value > kMaxFigure) {
                const bool negative = text.front() == '-';
                errors.push_back(Error(line, field, negative ? "negative_number" : "invalid_number",
                                       LineZh(line) + kFigureLabels[figure] + "“" + text + "”" +
                                           (negative ? "不能为负数" : "须为非负整数"),
                                       LineEn(line) + field + " \"" + text + "\" " +
                                           (negative ? "must not be negative" : "must be a whole number of people")));
            } else {
                record.figures[figure] = value;
            }
        }
    }
    if (errors.size() != errors_before) {
        return std::nullopt;
    }
    // A row without a single figure says nothing (an exported region nobody has figures for).
    skip = skip || std::none_of(record.figures.begin(), record.figures.end(),
                                [](const std::optional<std::int64_t>& figure) { return figure.has_value(); });
    return record;
}

}  // namespace

std::string DescribeError(const RowError& error) {
    std::string text = error.line == 0 ? std::string("file") : "line " + std::to_string(error.line);
    if (!error.field.empty()) {
        text += ", " + error.field;
    }
    return text + ": " + error.code + " — " + error.message_en + " / " + error.message_zh;
}

namespace {

// Progress is reported every so many rows, so that a 60,000-row file shows movement at the cost of
// a few dozen reports.
constexpr std::size_t kProgressEvery = 2'000;

void Report(const ImportOptions& options, const char* phase, std::size_t done, std::size_t total) {
    if (options.progress) {
        options.progress({phase, done, total, {}});
    }
}

// Reads the file and checks each row on its own; region codes are checked later against the tree.
std::vector<Record> ParseFile(std::string_view bytes, const ImportOptions& options, ImportResult& result) {
    Report(options, "reading", 0, 0);
    io::Table table;
    try {
        table = io::ReadTable(bytes);
    } catch (const io::TabularError& error) {
        result.errors.push_back(Error(error.line(), "file", error.code(), error.message_zh(), error.message_en()));
        return {};
    }
    result.encoding = table.encoding;
    if (table.rows.empty()) {
        result.errors.push_back(Error(0, "file", "empty_file", "文件为空", "The file is empty"));
        return {};
    }
    // The header row.
    const io::TableRow& header = table.rows.front();
    std::vector<int> columns;
    std::set<int> seen;
    for (const std::string& text : header.cells) {
        const std::string key = HeaderKey(text);
        auto it = HeaderNames().find(key);
        if (key.empty()) {
            columns.push_back(static_cast<int>(Column::kIgnored));
            continue;
        }
        if (it == HeaderNames().end()) {
            result.errors.push_back(Error(header.line, text, "unknown_column", "不认识的列“" + text + "”",
                                          "Unknown column \"" + text + "\""));
            columns.push_back(static_cast<int>(Column::kIgnored));
            continue;
        }
        if (it->second != static_cast<int>(Column::kIgnored) && !seen.insert(it->second).second) {
            result.errors.push_back(Error(header.line, text, "duplicate_column", "列“" + text + "”重复",
                                          "Column \"" + text + "\" appears twice"));
        }
        columns.push_back(it->second);
    }
    for (const auto& [column, zh] : {std::pair{Column::kCode, "区划代码"}, std::pair{Column::kYear, "年份"}}) {
        if (seen.count(static_cast<int>(column)) == 0) {
            result.errors.push_back(
                Error(header.line, FieldName(static_cast<int>(column)), "missing_column",
                      std::string("缺少必需的列“") + zh + "”",
                      "The required column " + FieldName(static_cast<int>(column)) + " is missing"));
        }
    }
    if (!result.errors.empty()) {
        return {};
    }
    std::vector<Record> records;
    const std::size_t data_rows = table.rows.size() - 1;
    records.reserve(data_rows);
    Report(options, "parsing", 0, data_rows);
    // (region, year) → the line that had it first.
    std::unordered_map<std::string, std::size_t> first_line;
    for (std::size_t i = 1; i < table.rows.size(); ++i) {
        const io::TableRow& row = table.rows[i];
        ++result.rows;
        bool skip = false;
        std::optional<Record> record = ParseRow(row, columns, options, result.errors, skip);
        if (!record) {
            continue;
        }
        if (skip) {
            ++result.skipped;
            continue;
        }
        const std::string key = record->region_code + ":" + std::to_string(record->year);
        auto [it, fresh] = first_line.emplace(key, row.line);
        if (!fresh) {
            result.errors.push_back(
                Error(row.line, "code", "duplicate_row",
                      LineZh(row.line) + "与第 " + std::to_string(it->second) + " 行的区划和年份相同",
                      LineEn(row.line) + "the same region and year as line " + std::to_string(it->second)));
            continue;
        }
        records.push_back(std::move(*record));
        if (result.rows % kProgressEvery == 0) {
            Report(options, "parsing", result.rows, data_rows);
        }
    }
    if (result.rows % kProgressEvery != 0) {
        Report(options, "parsing", result.rows, data_rows);
    }
    return records;
}

// The regions of the tree between the lowest and highest code of the file: one range query.
std::unordered_set<std::string> KnownRegions(storage::Transaction& tx, const std::vector<Record>& records) {
    std::unordered_set<std::string> known;
    if (records.empty()) {
        return known;
    }
    auto [low, high] = std::minmax_element(
        records.begin(), records.end(), [](const Record& a, const Record& b) { return a.region_code < b.region_code; });
    storage::Query query("SELECT code FROM regions WHERE code BETWEEN ");
    query.Bind(low->region_code).Sql(" AND ").Bind(high->region_code);
    query.ForEach(tx, [&](const soci::row& row) { known.insert(storage::Text(row, 0)); });
    return known;
}

void CheckRegions(storage::Transaction& tx, std::vector<Record>& records, const ImportOptions& options,
                  ImportResult& result) {
    const std::size_t total = records.size();
    Report(options, "checking", 0, total);
    // Scope first, so that a region outside it is never reported as existing or not.
    std::vector<Record> in_scope;
    in_scope.reserve(records.size());
    for (Record& record : records) {
        if (!options.scope.CoversRegion(record.region_code)) {
            ++result.out_of_scope;
            result.errors.push_back(
                Error(record.line, "code", "out_of_scope",
                      LineZh(record.line) + "区划 " + record.region_code + " 不在您的管辖范围内",
                      LineEn(record.line) + "region " + record.region_code + " is outside your data scope"));
        } else {
            ++result.in_scope;
            in_scope.push_back(std::move(record));
        }
    }
    records = std::move(in_scope);
    const std::unordered_set<std::string> known = KnownRegions(tx, records);
    std::size_t checked = 0;
    for (const Record& record : records) {
        if (known.count(record.region_code) == 0) {
            result.errors.push_back(Error(record.line, "code", "unknown_region",
                                          LineZh(record.line) + "区划代码 " + record.region_code + " 不存在",
                                          LineEn(record.line) + "no region has the code " + record.region_code));
        }
        if (++checked % (kProgressEvery * 10) == 0 && checked < records.size()) {
            Report(options, "checking", checked + result.out_of_scope, total);
        }
    }
    Report(options, "checking", total, total);
}

void AppendFigure(storage::Query& query, const std::optional<std::int64_t>& value) {
    value ? query.Bind(*value) : query.Sql("NULL");
}

// Rows already stored for the file's region-years, found with one range query.
std::set<std::pair<std::string, int>> ExistingKeys(storage::Transaction& tx, const std::vector<Record>& records) {
    std::set<std::pair<std::string, int>> wanted;
    for (const Record& record : records) {
        wanted.emplace(record.region_code, record.year);
    }
    std::set<std::pair<std::string, int>> existing;
    if (wanted.empty()) {
        return existing;
    }
    int low_year = wanted.begin()->second;
    int high_year = low_year;
    for (const auto& [code, year] : wanted) {
        low_year = std::min(low_year, year);
        high_year = std::max(high_year, year);
    }
    storage::Query query("SELECT region_code, year FROM population WHERE region_code BETWEEN ");
    query.Bind(wanted.begin()->first)
        .Sql(" AND ")
        .Bind(wanted.rbegin()->first)
        .Sql(" AND year BETWEEN ")
        .Bind(std::int64_t{low_year})
        .Sql(" AND ")
        .Bind(std::int64_t{high_year});
    query.ForEach(tx, [&](const soci::row& row) {
        std::pair<std::string, int> key{storage::Text(row, 0), static_cast<int>(storage::Int(row, 1))};
        if (wanted.count(key) != 0) {
            existing.insert(std::move(key));
        }
    });
    return existing;
}

constexpr std::size_t kBatch = 50;

void Write(storage::Transaction& tx, const std::vector<Record>& records, const ImportOptions& options,
           ImportResult& result) {
    Report(options, "writing", 0, records.size());
    const std::set<std::pair<std::string, int>> existing = ExistingKeys(tx, records);
    result.replaced = existing.size();
    result.created = records.size() - existing.size();
    // Replaced rows go first, a batch of codes per year at a time.
    std::map<int, std::vector<std::string>> by_year;
    for (const auto& [code, year] : existing) {
        by_year[year].push_back(code);
    }
    for (const auto& [year, codes] : by_year) {
        for (std::size_t start = 0; start < codes.size(); start += kBatch) {
            storage::Query remove("DELETE FROM population WHERE year = ");
            remove.Bind(std::int64_t{year}).Sql(" AND region_code IN (");
            for (std::size_t i = start; i < std::min(codes.size(), start + kBatch); ++i) {
                remove.Sql(i == start ? "" : ", ").Bind(codes[i]);
            }
            remove.Sql(")").Execute(tx);
        }
    }
    for (std::size_t start = 0; start < records.size(); start += kBatch) {
        storage::Query insert(
            "INSERT INTO population (region_code, year, resident, registered, births, age_0_1, age_1_2, age_2_3, "
            "source, source_date, updated_at, updated_by) VALUES ");
        for (std::size_t i = start; i < std::min(records.size(), start + kBatch); ++i) {
            const Record& record = records[i];
            insert.Sql(i == start ? "(" : ", (").Bind(record.region_code).Sql(", ").Bind(std::int64_t{record.year});
            for (const std::optional<std::int64_t>& figure : record.figures) {
                insert.Sql(", ");
                AppendFigure(insert, figure);
            }
            insert.Sql(", ").Bind(record.source).Sql(", ");
            record.source_date ? insert.Bind(*record.source_date) : insert.Sql("NULL");
            insert.Sql(", ").Bind(options.now).Sql(", ").Bind(options.username).Sql(")");
        }
        insert.Execute(tx);
        const std::size_t written = std::min(records.size(), start + kBatch);
        if (written % kProgressEvery == 0 || written == records.size()) {
            Report(options, "writing", written, records.size());
        }
    }
}

}  // namespace

ParsedImport ParseImport(std::string_view bytes, const ImportOptions& options) {
    ParsedImport parsed;
    parsed.records = ParseFile(bytes, options, parsed.result);
    return parsed;
}

ImportResult Import(storage::Transaction& tx, std::string_view bytes, const ImportOptions& options) {
    return ImportParsed(tx, ParseImport(bytes, options), options);
}

ImportResult ImportParsed(storage::Transaction& tx, ParsedImport parsed, const ImportOptions& options) {
    ImportResult result = std::move(parsed.result);
    std::vector<Record> records = std::move(parsed.records);
    if (result.errors.empty() || !records.empty()) {
        CheckRegions(tx, records, options, result);
    }
    if (!result.errors.empty()) {
        std::stable_sort(result.errors.begin(), result.errors.end(),
                         [](const RowError& a, const RowError& b) { return a.line < b.line; });
        result.created = 0;
        result.replaced = 0;
        return result;
    }
    if (options.dry_run) {
        const std::set<std::pair<std::string, int>> existing = ExistingKeys(tx, records);
        result.replaced = existing.size();
        result.created = records.size() - existing.size();
        return result;
    }
    Write(tx, records, options, result);
    return result;
}

}  // namespace tuoyu::population
