// The tabular-file readers behind every import: CSV in each encoding Chinese offices export,
// .xlsx through our own ZIP and XML readers, and damaged or hostile files.

#include <gtest/gtest.h>
#include <iconv.h>

#include <random>

#include "io/csv.hpp"
#include "io/tabular.hpp"
#include "io/text_encoding.hpp"
#include "io/xlsx.hpp"
#include "io/zip.hpp"

namespace tuoyu::io {
namespace {

// UTF-8 text re-encoded with glibc's iconv, as a spreadsheet program saving "CSV (GB18030)" would.
std::string ToGb18030(const std::string& utf8) {
    iconv_t handle = iconv_open("GB18030", "UTF-8");
    EXPECT_NE(handle, reinterpret_cast<iconv_t>(-1));
    std::string out(utf8.size() * 4, '\0');
    char* in = const_cast<char*>(utf8.data());
    std::size_t in_left = utf8.size();
    char* to = out.data();
    std::size_t out_left = out.size();
    EXPECT_NE(iconv(handle, &in, &in_left, &to, &out_left), static_cast<std::size_t>(-1));
    iconv_close(handle);
    out.resize(out.size() - out_left);
    return out;
}

std::vector<std::string> Cells(std::initializer_list<const char*> cells) {
    return {cells.begin(), cells.end()};
}

std::string ErrorCode(const std::function<void()>& action) {
    try {
        action();
    } catch (const TabularError& error) {
        EXPECT_FALSE(error.message_zh().empty());
        EXPECT_FALSE(error.message_en().empty());
        return error.code();
    }
    return "no error";
}

TEST(TabularTest, Utf8WithoutBom) {
    const Table table = ReadTable("区划代码,常住人口\n211104,123456\n");
    EXPECT_EQ(table.encoding, "UTF-8");
    ASSERT_EQ(table.rows.size(), 2u);
    EXPECT_EQ(table.rows[0].cells, Cells({"区划代码", "常住人口"}));
    EXPECT_EQ(table.rows[1].line, 2u);
    EXPECT_EQ(table.rows[1].cells, Cells({"211104", "123456"}));
}

TEST(TabularTest, Utf8WithBomLosesTheBom) {
    const Table table = ReadTable("\xEF\xBB\xBF区划代码,年份\r\n211104,2024\r\n");
    EXPECT_EQ(table.encoding, "UTF-8 BOM");
    ASSERT_EQ(table.rows.size(), 2u);
    EXPECT_EQ(table.rows[0].cells[0], "区划代码");  // not "\xEF\xBB\xBF区划代码": the header still matches
}

TEST(TabularTest, Gb18030IsDecodedIncludingFourByteCharacters) {
    // "中文" in GBK is D6 D0 CE C4; U+20000 𠀀 exists only in GB18030 (four bytes 95 32 82 36).
    const std::string bytes = std::string("\xD6\xD0\xCE\xC4,") + ToGb18030("大洼区,𠀀\r\n211104,5\r\n");
    EXPECT_NE(bytes.find("\x95\x32\x82\x36"), std::string::npos);
    const Table table = ReadTable(bytes);
    EXPECT_EQ(table.encoding, "GB18030");
    ASSERT_EQ(table.rows.size(), 2u);
    EXPECT_EQ(table.rows[0].cells, Cells({"中文", "大洼区", "𠀀"}));
    EXPECT_EQ(table.rows[1].cells, Cells({"211104", "5"}));
}

TEST(TabularTest, BytesThatAreNeitherUtf8NorGb18030AreUnreadable) {
    EXPECT_EQ(ErrorCode([] { ReadTable("code\n\xFF\xFE\xFF\n"); }), "unreadable_encoding");
    EXPECT_EQ(ErrorCode([] { ReadTable("code\n\x81"); }), "unreadable_encoding");            // cut off mid-character
    EXPECT_EQ(ErrorCode([] { ReadTable("\xEF\xBB\xBF\xD6\xD0"); }), "unreadable_encoding");  // BOM, then GBK
    EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));                                                   // overlong '/'
    EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));                                               // a surrogate
    EXPECT_TRUE(IsValidUtf8("托育 ok"));
}

TEST(TabularTest, CsvQuotesCrlfAndLineNumbers) {
    const std::string text =
        "a,b,c\r\n"
        "\"x, with comma\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\n"
        "\r\n"
        "last,,\r\n"
        "\r\n\r\n";
    const std::vector<TableRow> rows = ParseCsv(text);
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[1].cells, Cells({"x, with comma", "say \"hi\"", "two\r\nlines"}));
    EXPECT_EQ(rows[1].line, 2u);
    EXPECT_EQ(rows[2].line, 5u);  // the quoted line break and the blank line both count
    EXPECT_EQ(rows[2].cells, Cells({"last", "", ""}));
}

TEST(TabularTest, CsvWithoutFinalNewlineAndWithBareLf) {
    const std::vector<TableRow> rows = ParseCsv("a,b\nc,d");
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[1].cells, Cells({"c", "d"}));
    EXPECT_EQ(rows[1].line, 2u);
}

TEST(TabularTest, UnclosedQuoteNamesItsLine) {
    try {
        ParseCsv("a\nb\n\"never closed\n\n");
        FAIL() << "no error";
    } catch (const TabularError& error) {
        EXPECT_EQ(error.code(), "unclosed_quote");
        EXPECT_EQ(error.line(), 3u);
    }
}

TEST(TabularTest, CsvWriterRoundTripsWithBom) {
    const std::vector<std::vector<std::string>> rows = {{"区划代码", "来源"}, {"211104", "年鉴, \"2024\"\n第2版"}};
    const std::string bytes = WriteCsv(rows);
    EXPECT_EQ(bytes.rfind("\xEF\xBB\xBF", 0), 0u);
    const Table table = ReadTable(bytes);
    ASSERT_EQ(table.rows.size(), 2u);
    EXPECT_EQ(table.rows[1].cells, rows[1]);
}

TEST(TabularTest, XlsxRoundTripThroughOurWriter) {
    const std::vector<std::vector<XlsxCell>> rows = {
        {{"区划代码"}, {"年份"}, {"常住人口"}, {"来源 <&>"}},
        {{"211104000000"}, {"2024", true}, {"123456", true}, {"统计年鉴"}},
        {{"211104004000"}, {"2024", true}, {}, {"有空格 "}},  // a gap: C3 is not written
    };
    const std::string bytes = WriteXlsx("2024", rows);
    EXPECT_EQ(bytes.rfind("PK\x03\x04", 0), 0u);
    const Table table = ReadTable(bytes);
    EXPECT_EQ(table.format, FileFormat::kXlsx);
    ASSERT_EQ(table.rows.size(), 3u);
    EXPECT_EQ(table.rows[0].cells, Cells({"区划代码", "年份", "常住人口", "来源 <&>"}));
    EXPECT_EQ(table.rows[1].cells, Cells({"211104000000", "2024", "123456", "统计年鉴"}));
    EXPECT_EQ(table.rows[2].line, 3u);
    EXPECT_EQ(table.rows[2].cells, Cells({"211104004000", "2024", "", "有空格 "}));
}

// A workbook as Excel writes it: shared strings (one with rich-text runs and a phonetic hint),
// a namespace prefix, the sheet in another folder, cells skipped within a row, a skipped row, a
// number stored as a float.
std::string ExcelStyleWorkbook() {
    ZipWriter zip;
    zip.Add("[Content_Types].xml", "<Types/>");
    zip.Add("_rels/.rels",
            "<?xml version=\"1.0\"?><Relationships><Relationship Id=\"rId1\" "
            "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
            "Target=\"xl/workbook.xml\"/></Relationships>");
    zip.Add("xl/workbook.xml",
            "<x:workbook xmlns:x=\"m\" xmlns:r=\"r\"><x:sheets><x:sheet name=\"人口\" sheetId=\"7\" r:id=\"rId3\"/>"
            "<x:sheet name=\"other\" sheetId=\"1\" r:id=\"rId1\"/></x:sheets></x:workbook>");
    zip.Add("xl/_rels/workbook.xml.rels",
            "<Relationships>"
            "<Relationship Id=\"rId1\" Type=\".../worksheet\" Target=\"worksheets/sheet1.xml\"/>"
            "<Relationship Id=\"rId3\" Type=\".../worksheet\" Target=\"/xl/sheets/first.xml\"/>"
            "<Relationship Id=\"rId2\" Type=\"http://x/sharedStrings\" Target=\"sharedStrings.xml\"/>"
            "</Relationships>");
    zip.Add("xl/sharedStrings.xml",
            "<sst count=\"3\"><si><t>区划代码</t></si><si><r><t>常住</t></r><r><rPr/><t>人口</t></r>"
            "<rPh><t>ジンコウ</t></rPh></si><si><t xml:space=\"preserve\">a&amp;b &#x4E2D;</t></si></sst>");
    zip.Add("xl/sheets/first.xml",
            "<worksheet><sheetData>"
            "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"C1\" t=\"s\"><v>1</v></c></row>"
            "<row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><t>211104</t></is></c><c r=\"B4\"/>"
            "<c r=\"C4\"><v>1.2345E4</v></c><c r=\"D4\" t=\"s\"><v>2</v></c><c r=\"E4\" t=\"b\"><v>1</v></c></row>"
            "<row r=\"5\"><c r=\"A5\"><v>0.5</v></c></row>"
            "</sheetData></worksheet>");
    zip.Add("xl/worksheets/sheet1.xml",
            "<worksheet><sheetData><row r=\"1\"><c><v>9</v></c></row></sheetData></worksheet>");
    return zip.Finish();
}

TEST(TabularTest, XlsxSharedStringsGapsAndTheFirstSheetInWorkbookOrder) {
    const Table table = ReadXlsx(ExcelStyleWorkbook());
    ASSERT_EQ(table.rows.size(), 3u);
    EXPECT_EQ(table.rows[0].line, 1u);
    EXPECT_EQ(table.rows[0].cells, Cells({"区划代码", "", "常住人口"}));
    EXPECT_EQ(table.rows[1].line, 4u);
    EXPECT_EQ(table.rows[1].cells, Cells({"211104", "", "12345", "a&b 中", "TRUE"}));
    EXPECT_EQ(table.rows[2].cells, Cells({"0.5"}));
}

TEST(TabularTest, DamagedArchivesAreRefusedWithACode) {
    const std::string good = WriteXlsx("s", {{{"a"}, {"1", true}}});
    EXPECT_EQ(ErrorCode([&] { ReadTable(good.substr(0, good.size() / 2)); }), "unreadable_file");
    EXPECT_EQ(ErrorCode([] { ReadTable(std::string("PK\x03\x04", 4) + "not really a zip"); }), "unreadable_file");
    EXPECT_EQ(ErrorCode([] { ReadTable(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + "xls"); }),
              "unsupported_format");
    // A flipped byte inside the sheet's data fails its checksum or its inflate.
    std::string flipped = good;
    const std::size_t sheet = flipped.find("xl/worksheets/sheet1.xml");
    flipped[sheet + 40] = static_cast<char>(flipped[sheet + 40] ^ 0x55);
    EXPECT_EQ(ErrorCode([&] { ReadTable(flipped); }), "unreadable_file");
    // A ZIP without a workbook.
    ZipWriter zip;
    zip.Add("hello.txt", "hi");
    EXPECT_EQ(ErrorCode([&] { ReadTable(zip.Finish()); }), "unreadable_file");
}

TEST(TabularTest, ZipBombsAreCutOffAtTheLimit) {
    ZipWriter zip;
    zip.Add("zeros", std::string(4 * 1024 * 1024, '0'));  // deflates to a few KiB
    const std::string archive = zip.Finish();
    EXPECT_LT(archive.size(), 64u * 1024);
    ZipLimits limits;
    limits.max_entry_size = 1024 * 1024;
    ZipReader small(archive, limits);
    EXPECT_EQ(ErrorCode([&] { small.Read("zeros"); }), "file_too_large");
    // A forged, smaller size in the central directory: the inflater stops at the declared size.
    std::string forged = archive;
    const std::size_t directory = forged.find(std::string("PK\x01\x02", 4));
    ASSERT_NE(directory, std::string::npos);
    forged[directory + 24] = 0x10;
    forged[directory + 25] = forged[directory + 26] = forged[directory + 27] = 0;
    ZipReader lied(forged);
    EXPECT_EQ(ErrorCode([&] { lied.Read("zeros"); }), "unreadable_file");
}

TEST(TabularTest, RandomlyDamagedWorkbooksNeverCrash) {
    const std::string good = ExcelStyleWorkbook();
    std::mt19937 random(20241125);
    int refused = 0;
    for (int round = 0; round < 300; ++round) {
        std::string bad = good;
        for (int k = 0; k < 1 + round % 4; ++k) {
            bad[random() % bad.size()] = static_cast<char>(random() % 256);
        }
        try {
            ReadTable(bad);
        } catch (const TabularError&) {
            ++refused;
        }
    }
    EXPECT_GT(refused, 100);  // most damage is caught by the checksums
}

}  // namespace
}  // namespace tuoyu::io
