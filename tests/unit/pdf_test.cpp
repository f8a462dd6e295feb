#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "io/pdf.hpp"
#include "support/poppler.hpp"

namespace tuoyu::io {
namespace {

using test::Poppler;
using test::WithoutBreaks;

TEST(PdfTest, ChineseTextIsEmbeddedAndReadableAsText) {
    const PdfFont font = FindChineseFont();
    ASSERT_FALSE(font.path.empty()) << "no Chinese font installed (make setup installs fonts-wqy-zenhei)";
    PdfDocument document(font);
    document.SetInfo("托育机构备案回执", "盘锦市大洼区卫生健康局", 1'764'000'000'000);
    document.Heading("托育机构备案回执");
    document.Field("机构名称：", "大洼区小太阳托育中心");
    document.Field("统一社会信用代码：", "91211104MA0TCM201R");
    document.RightAligned({"盘锦市大洼区卫生健康局", "2025年11月24日"});
    const std::string bytes = document.Finish();

    ASSERT_EQ(bytes.substr(0, 5), "%PDF-");
    const std::string text = WithoutBreaks(Poppler("pdftotext", bytes));
    EXPECT_NE(text.find("托育机构备案回执"), std::string::npos) << text;
    EXPECT_NE(text.find("大洼区小太阳托育中心"), std::string::npos) << text;
    EXPECT_NE(text.find("2025年11月24日"), std::string::npos) << text;
    const std::string fonts = Poppler("pdffonts", bytes);
    EXPECT_NE(fonts.find("CID TrueType"), std::string::npos) << fonts;
    EXPECT_NE(fonts.find(" yes yes "), std::string::npos) << "the font must be embedded as a subset:\n" << fonts;
}

TEST(PdfTest, LongTextWrapsAndFlowsOntoNewPages) {
    PdfDocument document(FindChineseFont());
    std::string long_paragraph;
    for (int i = 0; i < 40; ++i) {
        long_paragraph += "托育机构应当按照国家有关规定为婴幼儿提供安全、卫生的生活环境，Tuoyu wraps Latin words too. ";
    }
    for (int i = 0; i < 6; ++i) {
        document.Paragraph(long_paragraph);
    }
    const std::string bytes = document.Finish();
    const std::string text = Poppler("pdftotext", bytes);
    // Each page ends with a form feed; at least three pages and no word of Latin text split.
    EXPECT_GE(std::count(text.begin(), text.end(), '\f'), 3);
    EXPECT_EQ(text.find("wr\naps"), std::string::npos);
    EXPECT_NE(WithoutBreaks(text).find("婴幼儿提供安全"), std::string::npos);
    EXPECT_THROW(document.Finish(), PdfError);
}

TEST(PdfTest, AMissingFontIsAClearError) {
    EXPECT_THROW(PdfDocument(PdfFont{}), PdfError);
    EXPECT_THROW(PdfDocument(PdfFont{"/nonexistent/font.ttf", 0}), PdfError);
}

}  // namespace
}  // namespace tuoyu::io
