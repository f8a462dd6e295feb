#pragma once

#include <cstddef>
#include <string>

namespace tuoyu {

// One bad row of an imported file, reported with every other one so that the file can be mended in
// one go (imports are all or nothing). line is the file's own line or spreadsheet row; 0 means the
// file as a whole. field is empty when the row as a whole is wrong.
struct RowError {
    std::size_t line = 0;
    std::string field;
    std::string code;
    std::string message_zh;
    std::string message_en;
};

}  // namespace tuoyu
