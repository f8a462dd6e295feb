#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace tuoyu::io {

// A file that cannot be read as a table at all: a stable code and a message in both languages.
// Problems of single rows are the caller's business; this is for the file as a whole.
class TabularError : public std::runtime_error {
  public:
    TabularError(std::string code, std::string message_zh, std::string message_en, std::size_t line = 0)
        : std::runtime_error(message_en),
          code_(std::move(code)),
          message_zh_(std::move(message_zh)),
          message_en_(std::move(message_en)),
          line_(line) {}

    const std::string& code() const { return code_; }
    const std::string& message_zh() const { return message_zh_; }
    const std::string& message_en() const { return message_en_; }
    std::size_t line() const { return line_; }  // 0 when the fault is not on one line

  private:
    std::string code_;
    std::string message_zh_;
    std::string message_en_;
    std::size_t line_;
};

enum class FileFormat { kCsv, kXlsx };

// One row of a table with the number a person sees: the line of a CSV file where the record
// starts, or the row number of a spreadsheet.
struct TableRow {
    std::size_t line = 0;
    std::vector<std::string> cells;  // UTF-8; a gap in a spreadsheet row is an empty cell
};

struct Table {
    FileFormat format = FileFormat::kCsv;
    std::string encoding;        // "UTF-8", "UTF-8 BOM", "GB18030" or "xlsx"
    std::vector<TableRow> rows;  // blank rows are left out
};

// Reads a .csv or .xlsx file, told apart by its content (an xlsx file is a ZIP archive).
Table ReadTable(std::string_view bytes);

}  // namespace tuoyu::io
