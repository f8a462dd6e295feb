#include "features/regions/region_source.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string_view>
#include <unordered_map>

#include "core/region_code.hpp"

namespace tuoyu::regions {

namespace {

struct FileSpec {
    const char* name;
    int level;
    std::size_t code_digits;
    std::size_t parent_digits;  // 0: no parent column
};

constexpr std::array<FileSpec, 5> kFiles = {{
    {"provinces.csv", 1, 2, 0},
    {"cities.csv", 2, 4, 2},
    {"areas.csv", 3, 6, 4},
    {"streets.csv", 4, 9, 6},
    {"villages.csv", 5, 12, 9},
}};

bool AllDigits(const std::string& text) {
    for (char c : text) {
        if (c < '0' || c > '9') {
            return false;
        }
    }
    return !text.empty();
}

std::string ReadWhole(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error("cannot read " + path.string());
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// The significant digits a child's code starts with.
std::string PrefixOf(const std::string& code, int level) {
    static constexpr std::size_t kPrefixByLevel[] = {0, 2, 4, 6, 9, 12};
    return code.substr(0, kPrefixByLevel[level]);
}

}  // namespace

void RegionSource::AddBad(int file, std::int64_t line, std::string zh, std::string en) {
    ++bad_count;
    if (bad_rows.size() < kMaxKeptBadRows) {
        bad_rows.push_back({files.at(static_cast<std::size_t>(file)), line, std::move(zh), std::move(en)});
    }
}

namespace {

// Splits into `fields`, reusing their storage: the national files have 665,000 lines.
void SplitInto(std::string_view line, std::vector<std::string>& fields) {
    std::size_t count = 1;
    if (fields.empty()) {
        fields.emplace_back();
    }
    fields[0].clear();
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        std::string& field = fields[count - 1];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            if (++count > fields.size()) {
                fields.emplace_back();
            }
            fields[count - 1].clear();
        } else if (c != '\r') {
            field += c;
        }
    }
    fields.resize(count);
}

void TrimInPlace(std::string& text) {
    const auto last = text.find_last_not_of(" \t");
    text.erase(last == std::string::npos ? 0 : last + 1);
    text.erase(0, std::min(text.find_first_not_of(" \t"), text.size()));
}

}  // namespace

std::vector<std::string> SplitCsvLine(const std::string& line) {
    std::vector<std::string> fields;
    SplitInto(line, fields);
    return fields;
}

RegionSource ReadChinaDivision(const std::filesystem::path& folder, const ReadProgress& progress) {
    RegionSource source;
    for (const FileSpec& spec : kFiles) {
        source.files.emplace_back(spec.name);
    }
    std::int64_t read = 0;
    for (std::size_t f = 0; f < kFiles.size(); ++f) {
        const FileSpec& spec = kFiles[f];
        const int file = static_cast<int>(f);
        const std::string text = ReadWhole(folder / spec.name);
        std::size_t at = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;  // a BOM
        std::int64_t line_number = 0;
        source.rows.reserve(source.rows.size() + static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')));
        std::vector<std::string> fields;
        while (at < text.size()) {
            std::size_t end = text.find('\n', at);
            if (end == std::string::npos) {
                end = text.size();
            }
            const std::string_view line(text.data() + at, end - at);
            at = end + 1;
            ++line_number;
            if (line_number == 1 || line.find_first_not_of(" \t\r") == std::string_view::npos) {
                continue;  // the header, or an empty line
            }
            SplitInto(line, fields);
            fields.resize(std::max<std::size_t>(fields.size(), 3));
            for (std::size_t i = 0; i < 3; ++i) {
                TrimInPlace(fields[i]);
            }
            const std::string& code = fields[0];
            const std::string& name = fields[1];
            const std::string& parent = fields[2];
            if (!AllDigits(code) || code.size() != spec.code_digits) {
                source.AddBad(
                    file, line_number, "区划代码“" + code + "”应为 " + std::to_string(spec.code_digits) + " 位数字",
                    "the division code \"" + code + "\" must have " + std::to_string(spec.code_digits) + " digits");
                continue;
            }
            const std::string full = code + std::string(12 - code.size(), '0');
            if (spec.parent_digits > 0 && AllDigits(parent) && parent.size() == spec.parent_digits &&
                full == parent + std::string(12 - parent.size(), '0')) {
                // A row that repeats its parent (东莞市 as its own county, 金门县's placeholder town
                // "000"): the parent stands for it, and its children hang on the parent.
                ++source.repeats_skipped;
                continue;
            }
            if (full.compare(0, 2, "00") == 0 || RegionCode::Level(full) != spec.level) {
                source.AddBad(file, line_number, "区划代码“" + code + "”不属于本文件的层级",
                              "the division code \"" + code + "\" is not of this file's level");
                continue;
            }
            if (name.empty()) {
                source.AddBad(file, line_number, "区划名称为空", "the region's name is empty");
                continue;
            }
            std::string parent_full;
            if (spec.parent_digits > 0) {
                if (!AllDigits(parent) || parent.size() != spec.parent_digits) {
                    source.AddBad(file, line_number,
                                  "上级区划代码“" + parent + "”应为 " + std::to_string(spec.parent_digits) + " 位数字",
                                  "the parent code \"" + parent + "\" must have " + std::to_string(spec.parent_digits) +
                                      " digits");
                    continue;
                }
                parent_full = parent + std::string(12 - parent.size(), '0');
            }
            source.rows.push_back({full, name, parent_full, spec.level, file, line_number});
            if (progress && ++read % 50'000 == 0) {
                progress(read);
            }
        }
    }
    ValidateSource(source);
    if (progress) {
        progress(static_cast<std::int64_t>(source.rows.size()));
    }
    return source;
}

void ValidateSource(RegionSource& source) {
    std::unordered_map<std::string, std::size_t> index;  // code → first row with it
    index.reserve(source.rows.size());
    for (std::size_t i = 0; i < source.rows.size(); ++i) {
        const SourceRow& row = source.rows[i];
        const auto [it, inserted] = index.emplace(row.code, i);
        if (!inserted) {
            const SourceRow& first = source.rows[it->second];
            const std::string where =
                source.files[static_cast<std::size_t>(first.file)] + ":" + std::to_string(first.line);
            source.AddBad(row.file, row.line, "区划代码 " + row.code + " 重复（首次出现于 " + where + "）",
                          "duplicate division code " + row.code + " (first at " + where + ")");
            continue;
        }
        if (row.level == 1) {
            if (!row.parent_code.empty()) {
                source.AddBad(row.file, row.line, "省级区划不能有上级", "a province has no parent");
            }
            continue;
        }
        const auto parent = index.find(row.parent_code);
        if (row.parent_code.empty() || parent == index.end()) {
            source.AddBad(row.file, row.line, "上级区划 " + row.parent_code + " 不存在",
                          "unknown parent region " + row.parent_code);
            continue;
        }
        const SourceRow& up = source.rows[parent->second];
        // A town may hang straight under a city that has no counties (东莞市, 中山市, 儋州市, 嘉峪关市).
        if (up.level != row.level - 1 && !(row.level == 4 && up.level == 2)) {
            source.AddBad(row.file, row.line, "上级区划 " + row.parent_code + " 不在上一级",
                          "the parent region " + row.parent_code + " is not one level up");
            continue;
        }
        if (row.code.compare(0, PrefixOf(up.code, up.level).size(), PrefixOf(up.code, up.level)) != 0) {
            source.AddBad(row.file, row.line, "区划代码 " + row.code + " 不在上级区划 " + up.code + " 的代码范围内",
                          "the code " + row.code + " lies outside its parent " + up.code);
        }
    }
}

}  // namespace tuoyu::regions
