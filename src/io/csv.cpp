#include "io/csv.hpp"

#include <algorithm>

#include "io/text_encoding.hpp"

namespace tuoyu::io {

namespace {

bool IsBlank(const std::vector<std::string>& cells) {
    return std::all_of(cells.begin(), cells.end(),
                       [](const std::string& cell) { return cell.find_first_not_of(" \t") == std::string::npos; });
}

}  // namespace

std::vector<TableRow> ParseCsv(std::string_view text) {
    std::vector<TableRow> rows;
    std::size_t line = 1;
    std::size_t i = 0;
    while (i < text.size()) {
        TableRow row;
        row.line = line;
        std::string cell;
        bool quoted = false;
        bool record_done = false;
        while (!record_done) {
            if (i >= text.size()) {
                if (quoted) {
                    throw TabularError("unclosed_quote", "第 " + std::to_string(row.line) + " 行的引号没有闭合",
                                       "The quote opened on line " + std::to_string(row.line) + " is never closed",
                                       row.line);
                }
                row.cells.push_back(std::move(cell));
                break;
            }
            const char c = text[i];
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.size() && text[i + 1] == '"') {
                        cell += '"';
                        i += 2;
                    } else {
                        quoted = false;
                        ++i;
                    }
                    continue;
                }
                if (c == '\n' || (c == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) {
                    ++line;
                }
                cell += c;
                ++i;
                continue;
            }
            switch (c) {
                case '"':
                    // A quote opens a quoted stretch anywhere in a field: lenient towards
                    // hand-made files, identical to RFC 4180 for well-formed ones.
                    quoted = true;
                    ++i;
                    break;
                case ',':
                    row.cells.push_back(std::move(cell));
                    cell.clear();
                    ++i;
                    break;
                case '\r':
                case '\n':
                    row.cells.push_back(std::move(cell));
                    i += (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ? 2 : 1;
                    ++line;
                    record_done = true;
                    break;
                default:
                    cell += c;
                    ++i;
            }
        }
        if (!IsBlank(row.cells)) {
            rows.push_back(std::move(row));
        }
    }
    return rows;
}

Table ReadCsv(std::string_view bytes) {
    DecodedText decoded = DecodeText(bytes);
    Table table;
    table.format = FileFormat::kCsv;
    table.encoding = decoded.encoding;
    table.rows = ParseCsv(decoded.text);
    return table;
}

std::string WriteCsv(const std::vector<std::vector<std::string>>& rows) {
    std::string out = "\xEF\xBB\xBF";
    for (const std::vector<std::string>& row : rows) {
        for (std::size_t i = 0; i < row.size(); ++i) {
            if (i > 0) {
                out += ',';
            }
            const std::string& cell = row[i];
            if (cell.find_first_of(",\"\r\n") == std::string::npos) {
                out += cell;
                continue;
            }
            out += '"';
            for (char c : cell) {
                out += c;
                if (c == '"') {
                    out += '"';
                }
            }
            out += '"';
        }
        out += "\r\n";
    }
    return out;
}

}  // namespace tuoyu::io
