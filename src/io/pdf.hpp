#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace tuoyu::io {

class PdfError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// A TrueType font with Chinese glyphs to embed. libharu embeds only the glyphs used, but it does
// not follow composite glyphs, so fonts built from them (WenQuanYi Micro Hei) lose characters:
// the default is WenQuanYi Zen Hei (Debian fonts-wqy-zenhei), whose glyphs are simple.
struct PdfFont {
    std::string path;
    unsigned index = 0;  // the face within a .ttc collection
};

// The font named by the environment variable TUOYU_PDF_FONT ("path" or "path:index"), else the first
// installed of the known Chinese fonts; nullopt-like empty path when none is installed.
PdfFont FindChineseFont();

// An A4 document of Chinese and Latin text for receipts and notices: headings, wrapped paragraphs
// and label–value rows, flowing onto new pages, with the font embedded so that any viewer shows
// the Chinese text and copies it as text.
class PdfDocument {
  public:
    // Throws PdfError when the font cannot be read.
    explicit PdfDocument(const PdfFont& font);
    ~PdfDocument();
    PdfDocument(const PdfDocument&) = delete;
    PdfDocument& operator=(const PdfDocument&) = delete;

    // Document properties; `created_millis` (epoch ms, UTC) is written as the creation date.
    void SetInfo(const std::string& title, const std::string& author, std::int64_t created_millis);

    void Heading(const std::string& text, float size = 18);
    void Paragraph(const std::string& text, float size = 11);
    // The label in a fixed column at the left, the value wrapped in the rest of the line.
    void Field(const std::string& label, const std::string& value);
    // Lines set flush right, as the issuing office and date under a notice.
    void RightAligned(const std::vector<std::string>& lines);
    void Space(float points);

    // The finished document's bytes; the document cannot be written to afterwards.
    std::string Finish();

  private:
    struct State;
    void NewPage();
    void EnsureRoom(float height);
    void WriteLine(float x, const std::string& text, float size);
    std::vector<std::string> Wrap(const std::string& text, float width, float size);
    void Check(const char* what);

    std::unique_ptr<State> state_;
};

}  // namespace tuoyu::io
