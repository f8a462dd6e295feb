#include "support/poppler.hpp"

#include <unistd.h>

#include <array>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>

namespace tuoyu::test {

std::string Poppler(const std::string& tool, const std::string& pdf_bytes) {
    static std::atomic<int> counter{0};
    const std::filesystem::path file =
        std::filesystem::temp_directory_path() /
        ("tuoyu-pdf-" + std::to_string(::getpid()) + "-" + std::to_string(++counter) + ".pdf");
    std::ofstream(file, std::ios::binary) << pdf_bytes;
    const std::string command = tool + " '" + file.string() + "' " + (tool == "pdftotext" ? "- " : "") + "2>/dev/null";
    std::string output;
    if (FILE* pipe = ::popen(command.c_str(), "r"); pipe != nullptr) {
        std::array<char, 4096> buffer{};
        while (std::size_t read = std::fread(buffer.data(), 1, buffer.size(), pipe)) {
            output.append(buffer.data(), read);
        }
        ::pclose(pipe);
    }
    std::filesystem::remove(file);
    return output;
}

std::string WithoutBreaks(std::string text) {
    std::erase_if(text, [](char c) { return c == '\n' || c == ' ' || c == '\f'; });
    return text;
}

}  // namespace tuoyu::test
