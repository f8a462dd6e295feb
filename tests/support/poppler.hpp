#pragma once

#include <string>

namespace tuoyu::test {

// Runs a poppler tool ("pdftotext", "pdffonts"; make setup installs poppler-utils) on a PDF document
// and returns what it printed; empty when the tool is missing or fails.
std::string Poppler(const std::string& tool, const std::string& pdf_bytes);

// The text with line breaks, spaces and page breaks removed, so that a phrase the layout wrapped is
// still found whole.
std::string WithoutBreaks(std::string text);

}  // namespace tuoyu::test
