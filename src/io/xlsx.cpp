#include "io/xlsx.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <map>

#include "io/xml_scanner.hpp"
#include "io/zip.hpp"

namespace tuoyu::io {

namespace {

TabularError Corrupt(const std::string& detail) {
    return TabularError("unreadable_file", "文件已损坏或不是有效的 xlsx 文件（" + detail + "）",
                        "The file is damaged or not a valid .xlsx file (" + detail + ")");
}

constexpr std::size_t kMaxColumns = 16'384;       // Excel's own limit (XFD)
constexpr std::size_t kMaxRowNumber = 1'048'576;  // likewise
constexpr std::size_t kMaxCells = 4'000'000;      // cells of all rows, gaps included (~128 MB)

// "xl/workbook.xml" + "worksheets/sheet1.xml" → "xl/worksheets/sheet1.xml"; "/xl/…" is absolute.
std::string ResolveTarget(const std::string& base_file, const std::string& target) {
    if (!target.empty() && target.front() == '/') {
        return target.substr(1);
    }
    std::string folder = base_file.substr(0, base_file.rfind('/') + 1);
    std::string rest = target;
    while (rest.rfind("../", 0) == 0) {
        rest = rest.substr(3);
        folder.pop_back();
        folder = folder.substr(0, folder.rfind('/') + 1);
    }
    return folder + rest;
}

std::string RelsOf(const std::string& file) {
    const std::size_t slash = file.rfind('/');
    const std::string folder = slash == std::string::npos ? "" : file.substr(0, slash + 1);
    const std::string base = slash == std::string::npos ? file : file.substr(slash + 1);
    return folder + "_rels/" + base + ".rels";
}

// Relationship id → target, from a .rels part.
std::map<std::string, std::pair<std::string, std::string>> ReadRelationships(ZipReader& zip, const std::string& rels) {
    std::map<std::string, std::pair<std::string, std::string>> targets;  // id → (type, target)
    if (!zip.Has(rels)) {
        return targets;
    }
    const std::string xml = zip.Read(rels);
    XmlScanner scanner(xml);
    while (scanner.Next() != XmlScanner::Kind::kDone) {
        if (scanner.kind() == XmlScanner::Kind::kStart && scanner.name() == "Relationship") {
            targets[scanner.Attribute("Id")] = {scanner.Attribute("Type"), scanner.Attribute("Target")};
        }
    }
    return targets;
}

bool EndsWith(const std::string& text, std::string_view tail) {
    return text.size() >= tail.size() && text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}

// The concatenated <t> texts under the current element (a rich-text string has several runs);
// phonetic hints (<rPh>) are not part of the value.
std::string ReadStringItem(XmlScanner& scanner, const std::string& element) {
    std::string value;
    int phonetic_depth = 0;
    bool in_text = false;
    while (scanner.Next() != XmlScanner::Kind::kDone) {
        const XmlScanner::Kind kind = scanner.kind();
        if (kind == XmlScanner::Kind::kStart) {
            if (scanner.name() == "rPh") {
                ++phonetic_depth;
            } else if (scanner.name() == "t") {
                in_text = true;
            }
        } else if (kind == XmlScanner::Kind::kEnd) {
            if (scanner.name() == element) {
                return value;
            }
            if (scanner.name() == "rPh") {
                --phonetic_depth;
            } else if (scanner.name() == "t") {
                in_text = false;
            }
        } else if (kind == XmlScanner::Kind::kText && in_text && phonetic_depth == 0) {
            value += scanner.text();
        }
    }
    throw Corrupt("unterminated string");
}

std::vector<std::string> ReadSharedStrings(ZipReader& zip, const std::string& path) {
    std::vector<std::string> strings;
    if (path.empty() || !zip.Has(path)) {
        return strings;
    }
    const std::string xml = zip.Read(path);
    XmlScanner scanner(xml);
    while (scanner.Next() != XmlScanner::Kind::kDone) {
        if (scanner.kind() == XmlScanner::Kind::kStart && scanner.name() == "si") {
            strings.push_back(scanner.self_closing() ? std::string() : ReadStringItem(scanner, "si"));
        }
    }
    return strings;
}

// "C12" → column 2 (0-based) and row 12; false when the reference is malformed.
bool ParseReference(const std::string& reference, std::size_t& column, std::size_t& row) {
    std::size_t i = 0;
    column = 0;
    while (i < reference.size() && reference[i] >= 'A' && reference[i] <= 'Z') {
        column = column * 26 + static_cast<std::size_t>(reference[i] - 'A' + 1);
        if (column > kMaxColumns) {
            return false;
        }
        ++i;
    }
    if (i == 0 || i == reference.size()) {
        return false;
    }
    row = 0;
    for (; i < reference.size(); ++i) {
        if (reference[i] < '0' || reference[i] > '9') {
            return false;
        }
        row = row * 10 + static_cast<std::size_t>(reference[i] - '0');
        if (row > kMaxRowNumber) {
            return false;
        }
    }
    --column;
    return row > 0;
}

// An integral number as digits ("12345", not "12345.0" or "1.2345E4"); other numbers unchanged.
std::string NumberText(const std::string& raw) {
    char* end = nullptr;
    const double value = std::strtod(raw.c_str(), &end);
    if (end == raw.c_str() || *end != '\0' || !std::isfinite(value)) {
        return raw;
    }
    if (std::fabs(value) < 1e15 && value == std::floor(value)) {
        return std::to_string(static_cast<long long>(value));
    }
    return raw;
}

std::size_t ParseRowNumber(const std::string& text, std::size_t fallback) {
    std::size_t number = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (text.empty() || error != std::errc() || end != text.data() + text.size() || number == 0 ||
        number > kMaxRowNumber) {
        return fallback;
    }
    return number;
}

std::string FirstSheetPath(ZipReader& zip, std::string& shared_strings) {
    std::string workbook = "xl/workbook.xml";
    for (const auto& [id, relation] : ReadRelationships(zip, "_rels/.rels")) {
        if (EndsWith(relation.first, "/officeDocument")) {
            workbook = ResolveTarget("", relation.second);
        }
    }
    if (!zip.Has(workbook)) {
        throw Corrupt("no workbook");
    }
    const auto relations = ReadRelationships(zip, RelsOf(workbook));
    for (const auto& [id, relation] : relations) {
        if (EndsWith(relation.first, "/sharedStrings")) {
            shared_strings = ResolveTarget(workbook, relation.second);
        }
    }
    const std::string xml = zip.Read(workbook);
    XmlScanner scanner(xml);
    while (scanner.Next() != XmlScanner::Kind::kDone) {
        if (scanner.kind() == XmlScanner::Kind::kStart && scanner.name() == "sheet") {
            auto it = relations.find(scanner.Attribute("id"));
            if (it == relations.end()) {
                throw Corrupt("the first sheet has no part");
            }
            return ResolveTarget(workbook, it->second.second);
        }
    }
    throw Corrupt("the workbook has no sheet");
}

}  // namespace

Table ReadXlsx(std::string_view bytes) {
    ZipReader zip(bytes);
    std::string shared_path;
    const std::string sheet_path = FirstSheetPath(zip, shared_path);
    const std::vector<std::string> shared = ReadSharedStrings(zip, shared_path);
    const std::string xml = zip.Read(sheet_path);

    Table table;
    table.format = FileFormat::kXlsx;
    table.encoding = "xlsx";
    XmlScanner scanner(xml);
    TableRow row;
    bool in_row = false;
    std::size_t last_row = 0;
    std::size_t next_column = 0;
    // The cell being read.
    std::size_t column = 0;
    std::string type;
    std::string value;
    bool in_value = false;
    std::size_t allocated_cells = 0;

    auto finish_row = [&] {
        const bool blank =
            std::all_of(row.cells.begin(), row.cells.end(), [](const std::string& cell) { return cell.empty(); });
        if (!blank) {
            table.rows.push_back(std::move(row));
        }
        row = TableRow();
        in_row = false;
    };

    while (scanner.Next() != XmlScanner::Kind::kDone) {
        const XmlScanner::Kind kind = scanner.kind();
        const std::string& name = scanner.name();
        if (kind == XmlScanner::Kind::kStart && name == "row") {
            row = TableRow();
            row.line = ParseRowNumber(scanner.Attribute("r"), last_row + 1);
            if (row.line <= last_row) {
                throw Corrupt("rows out of order");
            }
            last_row = row.line;
            next_column = 0;
            in_row = true;
        } else if (kind == XmlScanner::Kind::kEnd && name == "row") {
            finish_row();
        } else if (kind == XmlScanner::Kind::kStart && name == "c" && in_row) {
            const std::string reference = scanner.Attribute("r");
            std::size_t reference_row = 0;
            if (reference.empty()) {
                column = next_column;
            } else if (!ParseReference(reference, column, reference_row) || reference_row != row.line) {
                throw Corrupt("bad cell reference " + reference);
            }
            if (column < next_column || column >= kMaxColumns) {
                throw Corrupt("cells out of order");
            }
            next_column = column + 1;
            type = scanner.Attribute("t");
            value.clear();
            if (scanner.self_closing()) {
                scanner.Next();  // its end
                continue;
            }
        } else if (kind == XmlScanner::Kind::kStart && name == "is" && in_row) {
            value = ReadStringItem(scanner, "is");
        } else if (kind == XmlScanner::Kind::kStart && name == "v" && in_row) {
            in_value = true;
        } else if (kind == XmlScanner::Kind::kEnd && name == "v") {
            in_value = false;
        } else if (kind == XmlScanner::Kind::kText && in_value) {
            value += scanner.text();
        } else if (kind == XmlScanner::Kind::kEnd && name == "c" && in_row) {
            std::string cell;
            if (type == "s") {
                std::size_t index = 0;
                const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), index);
                if (value.empty() || error != std::errc() || end != value.data() + value.size() ||
                    index >= shared.size()) {
                    throw Corrupt("bad shared string index");
                }
                cell = shared[index];
            } else if (type == "b") {
                cell = value == "1" ? "TRUE" : "FALSE";
            } else if (type == "n" || type.empty()) {
                cell = NumberText(value);
            } else {
                cell = value;  // inlineStr, str (a formula's text result), e (an error such as #N/A)
            }
            if (!cell.empty()) {
                // A far-right cell widens its row: count the width against a limit, so that a small
                // sheet of cells at column XFD cannot claim gigabytes.
                if (column + 1 > row.cells.size()) {
                    allocated_cells += column + 1 - row.cells.size();
                    if (allocated_cells > kMaxCells) {
                        throw TabularError("file_too_large", "表格过大", "The sheet is too large");
                    }
                    row.cells.resize(column + 1);
                }
                row.cells[column] = std::move(cell);
            }
        }
    }
    if (in_row) {
        throw Corrupt("unterminated row");
    }
    return table;
}

namespace {

std::string Escape(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '&':
                out += "&amp;";
                break;
            case '"':
                out += "&quot;";
                break;
            default:
                // Control characters other than tab and line breaks are not allowed in XML 1.0.
                if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                    out += c;
                }
        }
    }
    return out;
}

std::string ColumnName(std::size_t column) {
    std::string name;
    for (std::size_t n = column + 1; n > 0; n = (n - 1) / 26) {
        name.insert(name.begin(), static_cast<char>('A' + (n - 1) % 26));
    }
    return name;
}

constexpr const char* kXmlDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
constexpr const char* kMainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr const char* kRelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
constexpr const char* kPackageRelNs = "http://schemas.openxmlformats.org/package/2006/relationships";

}  // namespace

std::string WriteXlsx(const std::string& sheet_name, const std::vector<std::vector<XlsxCell>>& rows) {
    std::string sheet = std::string(kXmlDeclaration) + "<worksheet xmlns=\"" + kMainNs + "\"><sheetData>";
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const std::string row_number = std::to_string(r + 1);
        sheet += "<row r=\"" + row_number + "\">";
        for (std::size_t c = 0; c < rows[r].size(); ++c) {
            const XlsxCell& cell = rows[r][c];
            if (cell.text.empty()) {
                continue;
            }
            const std::string reference = ColumnName(c) + row_number;
            const std::string style = r == 0 ? " s=\"1\"" : "";
            if (cell.number) {
                sheet += "<c r=\"" + reference + "\"" + style + "><v>" + Escape(cell.text) + "</v></c>";
            } else {
                sheet += "<c r=\"" + reference + "\"" + style + " t=\"inlineStr\"><is><t xml:space=\"preserve\">" +
                         Escape(cell.text) + "</t></is></c>";
            }
        }
        sheet += "</row>";
    }
    sheet += "</sheetData></worksheet>";

    ZipWriter zip;
    zip.Add("[Content_Types].xml",
            std::string(kXmlDeclaration) +
                "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                "<Override PartName=\"/xl/workbook.xml\" "
                "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                "<Override PartName=\"/xl/worksheets/sheet1.xml\" "
                "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                "<Override PartName=\"/xl/styles.xml\" "
                "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
                "</Types>");
    zip.Add("_rels/.rels", std::string(kXmlDeclaration) + "<Relationships xmlns=\"" + kPackageRelNs +
                               "\"><Relationship Id=\"rId1\" Type=\"" + kRelNs +
                               "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
    zip.Add("xl/workbook.xml", std::string(kXmlDeclaration) + "<workbook xmlns=\"" + kMainNs + "\" xmlns:r=\"" +
                                   kRelNs + "\"><sheets><sheet name=\"" + Escape(sheet_name) +
                                   "\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
    zip.Add("xl/_rels/workbook.xml.rels",
            std::string(kXmlDeclaration) + "<Relationships xmlns=\"" + kPackageRelNs +
                "\"><Relationship Id=\"rId1\" Type=\"" + kRelNs +
                "/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"" + kRelNs +
                "/styles\" Target=\"styles.xml\"/></Relationships>");
    zip.Add("xl/styles.xml",
            std::string(kXmlDeclaration) + "<styleSheet xmlns=\"" + kMainNs +
                "\"><fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font>"
                "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>"
                "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
                "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
                "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
                "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
                "<cellXfs count=\"2\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
                "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/></cellXfs>"
                "</styleSheet>");
    zip.Add("xl/worksheets/sheet1.xml", sheet);
    return zip.Finish();
}

}  // namespace tuoyu::io
