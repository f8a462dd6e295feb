#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "io/tabular.hpp"

namespace tuoyu::io {

// RFC 4180 records from UTF-8 text: quoted fields may hold commas, doubled quotes and line breaks;
// lines end in CRLF, LF or CR. Each row carries the line on which its record starts; blank lines
// (trailing ones included) are skipped. An unclosed quote throws TabularError naming its line.
std::vector<TableRow> ParseCsv(std::string_view text);

// The bytes of a .csv file (encoding detected as DecodeText does), split into rows.
Table ReadCsv(std::string_view bytes);

// A CSV file that Excel opens correctly: UTF-8 with a byte order mark, CRLF line ends, fields
// quoted where they need it.
std::string WriteCsv(const std::vector<std::vector<std::string>>& rows);

}  // namespace tuoyu::io
