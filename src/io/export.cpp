#include "io/export.hpp"

#include <stdexcept>

#include "io/csv.hpp"

namespace tuoyu::io {

std::string SpreadsheetSafe(std::string text) {
    if (!text.empty() && (text.front() == '=' || text.front() == '+' || text.front() == '-' || text.front() == '@')) {
        text.insert(text.begin(), '\'');
    }
    return text;
}

ExportedFile WriteExport(const std::string& format, const std::string& sheet_name,
                         const std::vector<std::vector<XlsxCell>>& rows) {
    if (format == "xlsx") {
        return {WriteXlsx(sheet_name, rows), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"};
    }
    if (format != "csv") {
        throw std::invalid_argument("unknown export format " + format);
    }
    std::vector<std::vector<std::string>> text_rows;
    text_rows.reserve(rows.size());
    for (const auto& row : rows) {
        std::vector<std::string>& cells = text_rows.emplace_back();
        for (const XlsxCell& cell : row) {
            cells.push_back(cell.text);
        }
    }
    return {WriteCsv(text_rows), "text/csv; charset=utf-8"};
}

}  // namespace tuoyu::io
