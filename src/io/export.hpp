#pragma once

#include <string>
#include <vector>

#include "io/xlsx.hpp"

namespace tuoyu::io {

// A cell text that a spreadsheet would run as a formula (=, +, -, @ first) gets a leading quote:
// exported names and addresses come from users and must not become formulas (CSV injection).
std::string SpreadsheetSafe(std::string text);

struct ExportedFile {
    std::string body;
    std::string content_type;
};

// The rows as an .xlsx workbook of one sheet or as UTF-8 CSV; `format` is "xlsx" or "csv".
ExportedFile WriteExport(const std::string& format, const std::string& sheet_name,
                         const std::vector<std::vector<XlsxCell>>& rows);

}  // namespace tuoyu::io
