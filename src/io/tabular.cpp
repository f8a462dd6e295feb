#include "io/tabular.hpp"

#include "io/csv.hpp"
#include "io/xlsx.hpp"

namespace tuoyu::io {

Table ReadTable(std::string_view bytes) {
    // Every .xlsx file is a ZIP archive, and no CSV text starts with the ZIP signature.
    if (bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4)) {
        return ReadXlsx(bytes);
    }
    if (bytes.substr(0, 8) == std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)) {
        throw TabularError("unsupported_format", "不支持旧版 Excel（.xls）文件，请另存为 .xlsx 或 CSV",
                           "Old Excel (.xls) files are not supported: save as .xlsx or CSV");
    }
    return ReadCsv(bytes);
}

}  // namespace tuoyu::io
