#include <algorithm>
#include <map>
#include <set>

#include "core/registration_rules.hpp"
#include "core/uscc.hpp"
#include "features/registry/registry.hpp"
#include "io/tabular.hpp"

namespace tuoyu::registry {

namespace {

// The headers of the template, in the order of kContentFields.
const std::vector<std::string> kHeaders = {
    "统一社会信用代码",     "名称", "类型",         "法人性质",         "登记机关",
    "法定代表人（负责人）", "住所", "住所区划代码", "经营（业务）范围", "登记日期"};

// A header as matched: without spaces, ASCII in lower case, and without bracketed parts, so that
// "经营（业务）范围", "经营范围" and "Business_Scope" are read alike.
std::string HeaderKey(const std::string& header) {
    std::string key;
    int depth = 0;
    for (std::size_t i = 0; i < header.size();) {
        const std::string_view rest = std::string_view(header).substr(i);
        if (rest.starts_with("(") || rest.starts_with("（")) {
            ++depth;
            i += rest.starts_with("(") ? 1 : std::string_view("（").size();
            continue;
        }
        if (rest.starts_with(")") || rest.starts_with("）")) {
            depth = std::max(0, depth - 1);
            i += rest.starts_with(")") ? 1 : std::string_view("）").size();
            continue;
        }
        const char c = header[i++];
        if (depth > 0 || c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            continue;
        }
        key += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    return key;
}

const std::map<std::string, std::string>& HeaderNames() {
    static const std::map<std::string, std::string> kNames = [] {
        std::map<std::string, std::string> names;
        const std::vector<std::pair<const char*, std::vector<const char*>>> aliases = {
            {"uscc", {"统一社会信用代码", "信用代码", "社会信用代码"}},
            {"name", {"名称", "机构名称", "单位名称", "托育机构名称"}},
            {"kind", {"类型", "机构类型"}},
            {"legal_nature", {"法人性质", "性质", "单位性质"}},
            {"registration_authority", {"登记机关", "登记管理机关"}},
            {"legal_representative", {"法定代表人", "负责人", "经营者"}},
            {"address", {"住所", "地址", "经营场所"}},
            {"region_code", {"住所区划代码", "区划代码", "统计用区划代码"}},
            {"business_scope", {"经营范围", "业务范围"}},
            {"registered_on", {"登记日期", "成立日期", "注册日期"}},
        };
        for (const auto& [field, zh_names] : aliases) {
            names[field] = field;
            for (const char* name : zh_names) {
                names[HeaderKey(name)] = field;
            }
        }
        return names;
    }();
    return kNames;
}

// Values people type in a spreadsheet, mapped to the dictionary codes; anything else is kept as
// typed and refused by the checks, naming the field.
std::string CodeOf(const std::string& field, const std::string& value) {
    static const std::map<std::string, std::map<std::string, std::string>> kLabels = {
        {"kind", {{"托育机构", "institution"}, {"家庭托育点", "home_point"}}},
        {"legal_nature",
         {{"事业单位", "public_institution"},
          {"社会服务机构", "social_service_organization"},
          {"民办非企业单位", "social_service_organization"},
          {"民办非企业", "social_service_organization"},
          {"企业", "enterprise"},
          {"个体工商户", "individual_business"}}},
        {"registration_authority",
         {{"机构编制部门", "staffing_office"},
          {"机构编制", "staffing_office"},
          {"编办", "staffing_office"},
          {"民政部门", "civil_affairs"},
          {"民政", "civil_affairs"},
          {"民政局", "civil_affairs"},
          {"市场监管部门", "market_regulation"},
          {"市场监管", "market_regulation"},
          {"市场监督管理局", "market_regulation"},
          {"行政审批部门", "administrative_approval"},
          {"行政审批", "administrative_approval"},
          {"行政审批局", "administrative_approval"}}},
    };
    auto labels = kLabels.find(field);
    if (labels == kLabels.end()) {
        return value;
    }
    auto code = labels->second.find(value);
    return code == labels->second.end() ? value : code->second;
}

bool AllDigits(const std::string& text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string LineZh(std::size_t line) {
    return "第 " + std::to_string(line) + " 行：";
}

std::string LineEn(std::size_t line) {
    return "Line " + std::to_string(line) + ": ";
}

RowError Error(std::size_t line, std::string field, std::string code, std::string zh, std::string en) {
    return {line, std::move(field), std::move(code), std::move(zh), std::move(en)};
}

struct Row {
    std::size_t line = 0;
    Content content;
};

// The header row: each column's field ("" for an empty header); errors for unknown, repeated and
// missing columns.
std::vector<std::string> ReadHeader(const io::TableRow& header, std::vector<RowError>& errors) {
    std::vector<std::string> columns;
    std::set<std::string> seen;
    for (const std::string& text : header.cells) {
        const std::string key = HeaderKey(text);
        if (key.empty()) {
            columns.emplace_back();
            continue;
        }
        auto it = HeaderNames().find(key);
        if (it == HeaderNames().end()) {
            errors.push_back(Error(header.line, text, "unknown_column", "不认识的列“" + text + "”",
                                   "Unknown column \"" + text + "\""));
            columns.emplace_back();
            continue;
        }
        if (!seen.insert(it->second).second) {
            errors.push_back(Error(header.line, text, "duplicate_column", "列“" + text + "”重复",
                                   "Column \"" + text + "\" appears twice"));
        }
        columns.push_back(it->second);
    }
    for (std::size_t i = 0; i < std::size(kContentFields); ++i) {
        const std::string field = kContentFields[i];
        if (field != "kind" && seen.count(field) == 0) {
            errors.push_back(Error(header.line, field, "missing_column", "缺少必需的列“" + kHeaders[i] + "”",
                                   "The required column " + field + " (" + kHeaders[i] + ") is missing"));
        }
    }
    return columns;
}

Row ReadRow(const io::TableRow& row, const std::vector<std::string>& columns) {
    Row read;
    read.line = row.line;
    for (std::size_t index = 0; index < columns.size() && index < row.cells.size(); ++index) {
        if (columns[index].empty()) {
            continue;
        }
        std::string value = row.cells[index];
        if (columns[index] == "registered_on" && AllDigits(value) && value.size() == 5) {
            // A date cell of a spreadsheet arrives as its serial number: days since 1899-12-30.
            value = CivilDate::FromDayNumber(std::stoll(value) - 25'569).ToString();
        }
        FieldOf(read.content, columns[index]) = value;
    }
    read.content = Normalized(std::move(read.content));
    read.content.kind = read.content.kind.empty() ? "institution" : CodeOf("kind", read.content.kind);
    read.content.legal_nature = CodeOf("legal_nature", read.content.legal_nature);
    read.content.registration_authority = CodeOf("registration_authority", read.content.registration_authority);
    return read;
}

}  // namespace

std::vector<std::string> TemplateHeaders() {
    return kHeaders;
}

ImportResult Import(storage::Transaction& tx, std::string_view bytes, const ImportOptions& options) {
    ImportResult result;
    io::Table table;
    try {
        table = io::ReadTable(bytes);
    } catch (const io::TabularError& error) {
        result.errors.push_back(Error(error.line(), "file", error.code(), error.message_zh(), error.message_en()));
        return result;
    }
    result.encoding = table.encoding;
    if (table.rows.empty()) {
        result.errors.push_back(Error(0, "file", "empty_file", "文件为空", "The file is empty"));
        return result;
    }
    const std::vector<std::string> columns = ReadHeader(table.rows.front(), result.errors);
    if (!result.errors.empty()) {
        return result;
    }
    std::vector<Row> rows;
    std::map<std::string, std::size_t> first_line;  // USCC → the line that had it first
    for (std::size_t i = 1; i < table.rows.size(); ++i) {
        Row row = ReadRow(table.rows[i], columns);
        ++result.rows;
        const std::size_t line = row.line;
        std::optional<registration::Finding> finding = CheckContent(tx, row.content, options.today, options.scope);
        if (finding) {
            (finding->code == "out_of_scope" ? result.out_of_scope : result.in_scope) += 1;
            result.errors.push_back(Error(line, finding->field, finding->code, LineZh(line) + finding->message_zh,
                                          LineEn(line) + finding->message_en));
            continue;
        }
        ++result.in_scope;
        auto [it, fresh] = first_line.emplace(row.content.uscc, line);
        if (!fresh) {
            result.errors.push_back(
                Error(line, "uscc", "duplicate_row",
                      LineZh(line) + "与第 " + std::to_string(it->second) + " 行的统一社会信用代码相同",
                      LineEn(line) + "the same unified social credit code as line " + std::to_string(it->second)));
            continue;
        }
        rows.push_back(std::move(row));
    }
    if (result.rows == 0) {
        result.errors.push_back(Error(0, "file", "empty_file", "文件中没有数据行", "The file has no data rows"));
    }
    if (!result.errors.empty()) {
        return result;
    }
    for (const Row& row : rows) {
        const Outcome outcome = options.dry_run
                                    ? Preview(tx, row.content)
                                    : Save(tx, row.content, Source::kImport, options.sender, options.now).outcome;
        (outcome == Outcome::kNewInstitution ? result.created
         : outcome == Outcome::kNewVersion   ? result.versioned
                                             : result.unchanged) += 1;
    }
    return result;
}

}  // namespace tuoyu::registry
