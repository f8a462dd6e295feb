#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "io/tabular.hpp"

namespace tuoyu::io {

// The first worksheet of an .xlsx workbook (Office Open XML), read with our own ZIP and XML
// readers: shared and inline strings, numbers (integral ones written without a decimal point,
// as the user sees them), booleans; a cell that is skipped in a row ("A1, C1") reads as empty.
Table ReadXlsx(std::string_view bytes);

struct XlsxCell {
    std::string text;
    bool number = false;  // written as a numeric cell; text must then be a decimal number
};

// A one-sheet workbook with inline strings and a bold first row, which Excel, WPS and
// LibreOffice open.
std::string WriteXlsx(const std::string& sheet_name, const std::vector<std::vector<XlsxCell>>& rows);

}  // namespace tuoyu::io
