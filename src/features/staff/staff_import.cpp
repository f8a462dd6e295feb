#include <algorithm>
#include <map>
#include <set>

#include "core/text.hpp"
#include "features/staff/staff.hpp"
#include "io/tabular.hpp"

namespace tuoyu::staff {

namespace {

struct Column {
    const char* field;
    const char* header;  // the template's
    std::vector<const char*> aliases;
    bool required;
};

const std::vector<Column> kColumns = {
    {"name", "姓名", {"name"}, true},
    {"id_kind", "证件类型", {"id_kind"}, false},
    {"id_number", "证件号码", {"身份证号", "身份证号码", "公民身份号码", "id_number"}, true},
    {"role", "岗位", {"职务", "岗位类别", "role"}, true},
    {"education", "学历", {"最高学历", "education"}, true},
    {"experience_years", "从业年限", {"工作年限", "experience_years"}, false},
    {"start_on", "入职日期", {"入职时间", "start_on"}, true},
    {"phone", "联系电话", {"手机号码", "电话", "phone"}, false},
    {"last_health_exam", "最近健康检查日期", {"健康检查日期", "体检日期", "last_health_exam"}, false},
    {"last_hygiene_training", "最近卫生培训日期", {"卫生培训日期", "培训日期", "last_hygiene_training"}, false},
};

std::string Key(std::string_view text) {
    std::string key;
    for (const char c : TrimSpace(text)) {
        if (c != ' ' && c != '_' && c != '*') {
            key += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        }
    }
    return key;
}

const std::map<std::string, std::string>& Headers() {
    static const std::map<std::string, std::string> kHeaders = [] {
        std::map<std::string, std::string> headers;
        for (const Column& column : kColumns) {
            headers[Key(column.header)] = column.field;
            for (const char* alias : column.aliases) {
                headers[Key(alias)] = column.field;
            }
        }
        return headers;
    }();
    return kHeaders;
}

RowError At(std::size_t line, RowError error) {
    error.line = line;
    error.message_zh = "第 " + std::to_string(line) + " 行：" + error.message_zh;
    error.message_en = "Line " + std::to_string(line) + ": " + error.message_en;
    return error;
}

// A spreadsheet's date cell arrives as its serial number: days since 1899-12-30.
std::string DateCell(const std::string& value) {
    if (value.size() == 5 && value.find_first_not_of("0123456789") == std::string::npos) {
        return CivilDate::FromDayNumber(std::stoll(value) - 25'569).ToString();
    }
    return value;
}

std::optional<RowError> ReadRow(const io::TableRow& row, const std::vector<std::string>& columns, Person& person) {
    std::map<std::string, std::string> cells;
    for (std::size_t i = 0; i < columns.size() && i < row.cells.size(); ++i) {
        if (!columns[i].empty()) {
            cells[columns[i]] = std::string(TrimSpace(row.cells[i]));
        }
    }
    person.name = cells["name"];
    person.id_kind = cells["id_kind"];
    person.id_number = cells["id_number"];
    person.role = cells["role"];
    person.education = cells["education"];
    person.phone = cells["phone"];
    person.start_on = DateCell(cells["start_on"]);
    if (!cells["last_health_exam"].empty()) {
        person.last_health_exam = DateCell(cells["last_health_exam"]);
    }
    if (!cells["last_hygiene_training"].empty()) {
        person.last_hygiene_training = DateCell(cells["last_hygiene_training"]);
    }
    const std::string& years = cells["experience_years"];
    if (!years.empty()) {
        if (years.size() > 2 || years.find_first_not_of("0123456789") != std::string::npos) {
            return RowError{0, "experience_years", "invalid_number", "从业年限须为 0 至 60 的整数",
                            "Years of experience are a whole number from 0 to 60"};
        }
        person.experience_years = std::stoi(years);
    }
    return std::nullopt;
}

}  // namespace

std::vector<std::string> TemplateHeaders() {
    std::vector<std::string> headers;
    for (const Column& column : kColumns) {
        headers.emplace_back(column.header);
    }
    return headers;
}

ImportResult Import(storage::Transaction& tx, const crypto::IdentityVault& vault, const InstitutionRef& institution,
                    std::string_view bytes, CivilDate today, bool dry_run, std::int64_t user_id, std::int64_t now) {
    ImportResult result;
    io::Table table;
    try {
        table = io::ReadTable(bytes);
    } catch (const io::TabularError& error) {
        result.errors.push_back({error.line(), "file", error.code(), error.message_zh(), error.message_en()});
        return result;
    }
    result.encoding = table.encoding;
    if (table.rows.empty()) {
        result.errors.push_back({0, "file", "empty_file", "文件为空", "The file is empty"});
        return result;
    }
    const io::TableRow& header = table.rows.front();
    std::vector<std::string> columns;
    std::set<std::string> seen;
    for (const std::string& text : header.cells) {
        if (TrimSpace(text).empty()) {
            columns.emplace_back();
            continue;
        }
        auto it = Headers().find(Key(text));
        if (it == Headers().end()) {
            result.errors.push_back(
                {header.line, text, "unknown_column", "不认识的列“" + text + "”", "Unknown column \"" + text + "\""});
            columns.emplace_back();
        } else if (!seen.insert(it->second).second) {
            result.errors.push_back({header.line, text, "duplicate_column", "列“" + text + "”重复",
                                     "Column \"" + text + "\" appears twice"});
            columns.emplace_back();
        } else {
            columns.push_back(it->second);
        }
    }
    for (const Column& column : kColumns) {
        if (column.required && seen.count(column.field) == 0) {
            result.errors.push_back(
                {header.line, column.field, "missing_column", std::string("缺少必需的列“") + column.header + "”",
                 std::string("The required column ") + column.field + " (" + column.header + ") is missing"});
        }
    }
    if (!result.errors.empty()) {
        return result;
    }
    if (table.rows.size() - 1 > kMaxImportRows) {
        result.rows = table.rows.size() - 1;
        result.errors.push_back({0, "file", "too_many_rows",
                                 "一次最多导入 " + std::to_string(kMaxImportRows) + " 人，请分批导入",
                                 "At most " + std::to_string(kMaxImportRows) + " people an import: split the file"});
        return result;
    }
    struct Checked {
        std::size_t line;
        Person person;
        std::string hash;
    };
    std::vector<Checked> checked;
    std::map<std::string, std::size_t> first_line;  // keyed hash → the line that had it first
    for (std::size_t i = 1; i < table.rows.size(); ++i) {
        const std::size_t line = table.rows[i].line;
        ++result.rows;
        Person person;
        std::optional<RowError> fault = ReadRow(table.rows[i], columns, person);
        if (!fault) {
            fault = CheckPerson(person, today);
        }
        if (fault) {
            result.errors.push_back(At(line, *fault));
            continue;
        }
        std::string hash = vault.Hash(person.id_kind, person.id_number);
        auto [it, fresh] = first_line.emplace(hash, line);
        if (!fresh) {
            result.errors.push_back(
                At(line, {0, "id_number", "duplicate_row", "与第 " + std::to_string(it->second) + " 行是同一人",
                          "the same person as line " + std::to_string(it->second)}));
            continue;
        }
        checked.push_back({line, std::move(person), std::move(hash)});
    }
    // The people's locks, in one order, then the ban and the employment of each.
    std::set<int> buckets;
    for (const auto& [hash, line] : first_line) {
        buckets.insert(IdentityBucket(hash));
    }
    LockIdentities(tx, buckets);
    std::vector<Person> people;
    for (Checked& row : checked) {
        if (std::optional<BanHit> hit = FindBan(tx, row.hash)) {
            result.ban_hits.push_back(*hit);
            result.ban_names.push_back(row.person.name);
            result.errors.push_back(
                At(row.line, {0, "id_number", "person_not_employable", "此人依法不得从事托育服务工作，不能录用",
                              "This person may not be employed in childcare"}));
        } else if (EmployedAt(tx, institution.id, row.hash)) {
            result.errors.push_back(At(row.line, {0, "id_number", "already_employed", "此人已在本机构在职",
                                                  "This person is already employed here"}));
        } else {
            people.push_back(std::move(row.person));
        }
    }
    std::stable_sort(result.errors.begin(), result.errors.end(),
                     [](const RowError& a, const RowError& b) { return a.line < b.line; });
    if (result.rows == 0) {
        result.errors.push_back({0, "file", "empty_file", "文件中没有数据行", "The file has no data rows"});
    }
    if (!result.errors.empty()) {
        return result;
    }
    for (const Person& person : people) {
        if (!dry_run) {
            Insert(tx, vault, person, institution.id, user_id, now);
        }
        ++result.created;
    }
    return result;
}

}  // namespace tuoyu::staff
