#include "io/pdf.hpp"

#include <hpdf.h>

#include <cstdlib>
#include <filesystem>
#include <string_view>

#include "core/working_days.hpp"

namespace tuoyu::io {

namespace {

constexpr float kPageWidth = 595.276F;  // A4 in points
constexpr float kPageHeight = 841.89F;
constexpr float kMargin = 64;
constexpr float kLabelWidth = 130;
constexpr float kLineSpacing = 1.55F;

// Chinese fonts Debian ships whose glyphs libharu embeds whole (see PdfFont).
constexpr const char* kKnownFonts[] = {
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
};

void OnError(HPDF_STATUS error, HPDF_STATUS detail, void* user_data) {
    auto* status = static_cast<std::pair<HPDF_STATUS, HPDF_STATUS>*>(user_data);
    if (status->first == 0) {
        *status = {error, detail};
    }
}

// The length of the UTF-8 sequence that starts with `lead` (1 for a stray continuation byte).
std::size_t SequenceLength(unsigned char lead) {
    if (lead >= 0xF0) {
        return 4;
    }
    if (lead >= 0xE0) {
        return 3;
    }
    if (lead >= 0xC0) {
        return 2;
    }
    return 1;
}

bool IsWordByte(unsigned char c) {
    return c > 0x20 && c < 0x80;
}

// Punctuation that may not begin a line (a simple 禁则): it stays with the character before it.
bool ClosesLine(std::string_view unit) {
    static constexpr std::string_view kClosing[] = {"，", "。", "、", "；", "：", "？", "！", "）", "》",
                                                    "”",  "’",  ",",  ".",  ";",  ":",  "?",  "!",  ")"};
    for (std::string_view closing : kClosing) {
        if (unit == closing) {
            return true;
        }
    }
    return false;
}

// Breakable units: a run of Latin letters, digits and signs is one word; every other character
// (each Chinese character, each space) is a unit of its own.
std::vector<std::string> Units(const std::string& text) {
    std::vector<std::string> units;
    std::size_t at = 0;
    while (at < text.size()) {
        const auto lead = static_cast<unsigned char>(text[at]);
        std::size_t end = at + SequenceLength(lead);
        if (IsWordByte(lead)) {
            while (end < text.size() && IsWordByte(static_cast<unsigned char>(text[end]))) {
                ++end;
            }
        }
        end = std::min(end, text.size());
        std::string unit = text.substr(at, end - at);
        if (!units.empty() && ClosesLine(unit)) {
            units.back() += unit;
        } else {
            units.push_back(std::move(unit));
        }
        at = end;
    }
    return units;
}

}  // namespace

PdfFont FindChineseFont() {
    if (const char* chosen = std::getenv("TUOYU_PDF_FONT"); chosen != nullptr && *chosen != '\0') {
        std::string path = chosen;
        unsigned index = 0;
        if (const std::size_t colon = path.rfind(':'); colon != std::string::npos) {
            index = static_cast<unsigned>(std::strtoul(path.c_str() + colon + 1, nullptr, 10));
            path.resize(colon);
        }
        return {path, index};
    }
    for (const char* path : kKnownFonts) {
        std::error_code error;
        if (std::filesystem::is_regular_file(path, error)) {
            return {path, 0};
        }
    }
    return {};
}

struct PdfDocument::State {
    std::pair<HPDF_STATUS, HPDF_STATUS> status{0, 0};
    HPDF_Doc doc = nullptr;
    HPDF_Font font = nullptr;
    HPDF_Page page = nullptr;
    float y = 0;
    bool finished = false;

    // Here rather than in ~PdfDocument, so that a constructor that throws frees the document too.
    ~State() {
        if (doc != nullptr) {
            HPDF_Free(doc);
        }
    }
};

PdfDocument::PdfDocument(const PdfFont& font) : state_(std::make_unique<State>()) {
    if (font.path.empty()) {
        throw PdfError("no Chinese font for PDF documents: install fonts-wqy-zenhei or set TUOYU_PDF_FONT");
    }
    state_->doc = HPDF_New(OnError, &state_->status);
    if (state_->doc == nullptr) {
        throw PdfError("libharu: cannot create a document");
    }
    HPDF_SetCompressionMode(state_->doc, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(state_->doc);
    const bool collection = font.path.size() > 4 && font.path.compare(font.path.size() - 4, 4, ".ttc") == 0;
    const char* name = collection ? HPDF_LoadTTFontFromFile2(state_->doc, font.path.c_str(), font.index, HPDF_TRUE)
                                  : HPDF_LoadTTFontFromFile(state_->doc, font.path.c_str(), HPDF_TRUE);
    Check(("loading the font " + font.path).c_str());
    state_->font = HPDF_GetFont(state_->doc, name, "UTF-8");
    Check("selecting the font");
    NewPage();
}

PdfDocument::~PdfDocument() = default;

void PdfDocument::Check(const char* what) {
    if (state_->status.first != 0) {
        char code[32];
        std::snprintf(code, sizeof code, "0x%04lX/%lu", static_cast<unsigned long>(state_->status.first),
                      static_cast<unsigned long>(state_->status.second));
        throw PdfError(std::string("libharu error ") + code + " while " + what);
    }
}

void PdfDocument::SetInfo(const std::string& title, const std::string& author, std::int64_t created_millis) {
    HPDF_SetInfoAttr(state_->doc, HPDF_INFO_TITLE, title.c_str());
    HPDF_SetInfoAttr(state_->doc, HPDF_INFO_AUTHOR, author.c_str());
    HPDF_SetInfoAttr(state_->doc, HPDF_INFO_CREATOR, "Tuoyu");
    const std::int64_t seconds = created_millis / 1000;
    const CivilDate day = CivilDate::FromDayNumber(seconds / 86'400);
    const auto in_day = static_cast<HPDF_INT>(seconds % 86'400);
    HPDF_Date date{day.year(), day.month(), day.day(), in_day / 3600, (in_day / 60) % 60, in_day % 60, 'Z', 0, 0};
    HPDF_SetInfoDateAttr(state_->doc, HPDF_INFO_CREATION_DATE, date);
    Check("setting the document properties");
}

void PdfDocument::NewPage() {
    state_->page = HPDF_AddPage(state_->doc);
    HPDF_Page_SetWidth(state_->page, kPageWidth);
    HPDF_Page_SetHeight(state_->page, kPageHeight);
    Check("adding a page");
    state_->y = kPageHeight - kMargin;
}

void PdfDocument::EnsureRoom(float height) {
    if (state_->y - height < kMargin) {
        NewPage();
    }
}

void PdfDocument::WriteLine(float x, const std::string& text, float size) {
    HPDF_Page_BeginText(state_->page);
    HPDF_Page_SetFontAndSize(state_->page, state_->font, size);
    HPDF_Page_TextOut(state_->page, x, state_->y - size, text.c_str());
    HPDF_Page_EndText(state_->page);
    Check("writing text");
}

std::vector<std::string> PdfDocument::Wrap(const std::string& text, float width, float size) {
    auto measure = [&](const std::string& line) {
        const HPDF_TextWidth measured = HPDF_Font_TextWidth(
            state_->font, reinterpret_cast<const HPDF_BYTE*>(line.data()), static_cast<HPDF_UINT>(line.size()));
        return static_cast<float>(measured.width) * size / 1000.0F;
    };
    std::vector<std::string> lines;
    std::string line;
    for (const std::string& unit : Units(text)) {
        if (unit == "\n") {
            lines.push_back(std::move(line));
            line.clear();
            continue;
        }
        if (!line.empty() && measure(line + unit) > width) {
            lines.push_back(std::move(line));
            line.clear();
            if (unit == " ") {
                continue;
            }
        }
        line += unit;
    }
    if (!line.empty() || lines.empty()) {
        lines.push_back(std::move(line));
    }
    return lines;
}

void PdfDocument::Heading(const std::string& text, float size) {
    const float width = kPageWidth - 2 * kMargin;
    for (const std::string& line : Wrap(text, width, size)) {
        EnsureRoom(size * kLineSpacing);
        const HPDF_TextWidth measured = HPDF_Font_TextWidth(
            state_->font, reinterpret_cast<const HPDF_BYTE*>(line.data()), static_cast<HPDF_UINT>(line.size()));
        const float line_width = static_cast<float>(measured.width) * size / 1000.0F;
        WriteLine(kMargin + (width - line_width) / 2, line, size);
        state_->y -= size * kLineSpacing;
    }
    state_->y -= size * 0.5F;
}

void PdfDocument::Paragraph(const std::string& text, float size) {
    for (const std::string& line : Wrap(text, kPageWidth - 2 * kMargin, size)) {
        EnsureRoom(size * kLineSpacing);
        WriteLine(kMargin, line, size);
        state_->y -= size * kLineSpacing;
    }
    state_->y -= size * 0.4F;
}

void PdfDocument::Field(const std::string& label, const std::string& value) {
    constexpr float kSize = 11;
    const std::vector<std::string> lines = Wrap(value, kPageWidth - 2 * kMargin - kLabelWidth, kSize);
    EnsureRoom(kSize * kLineSpacing);
    WriteLine(kMargin, label, kSize);
    for (const std::string& line : lines) {
        EnsureRoom(kSize * kLineSpacing);
        WriteLine(kMargin + kLabelWidth, line, kSize);
        state_->y -= kSize * kLineSpacing;
    }
}

void PdfDocument::RightAligned(const std::vector<std::string>& lines) {
    constexpr float kSize = 11;
    for (const std::string& line : lines) {
        EnsureRoom(kSize * kLineSpacing);
        const HPDF_TextWidth measured = HPDF_Font_TextWidth(
            state_->font, reinterpret_cast<const HPDF_BYTE*>(line.data()), static_cast<HPDF_UINT>(line.size()));
        WriteLine(kPageWidth - kMargin - static_cast<float>(measured.width) * kSize / 1000.0F, line, kSize);
        state_->y -= kSize * kLineSpacing;
    }
}

void PdfDocument::Space(float points) {
    state_->y -= points;
}

std::string PdfDocument::Finish() {
    if (state_->finished) {
        throw PdfError("the document was already finished");
    }
    state_->finished = true;
    HPDF_SaveToStream(state_->doc);
    Check("saving the document");
    HPDF_UINT32 size = HPDF_GetStreamSize(state_->doc);
    std::string bytes(size, '\0');
    HPDF_ReadFromStream(state_->doc, reinterpret_cast<HPDF_BYTE*>(bytes.data()), &size);
    bytes.resize(size);
    state_->status = {0, 0};  // reading to the end reports HPDF_STREAM_EOF, which is not a failure
    return bytes;
}

}  // namespace tuoyu::io
