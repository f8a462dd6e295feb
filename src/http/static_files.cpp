#include "http/static_files.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace tuoyu::http {

namespace {

std::string ContentType(const std::filesystem::path& path) {
    static const std::map<std::string, std::string> kTypes = {
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".json", "application/json; charset=utf-8"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".jpg", "image/jpeg"},
        {".ico", "image/x-icon"},
        {".woff", "font/woff"},
        {".woff2", "font/woff2"},
        {".ttf", "font/ttf"},
        {".txt", "text/plain; charset=utf-8"},
        {".map", "application/json"},
    };
    auto it = kTypes.find(path.extension().string());
    return it == kTypes.end() ? "application/octet-stream" : it->second;
}

}  // namespace

StaticFiles::StaticFiles(const std::string& root) {
    namespace fs = std::filesystem;
    std::error_code error;
    if (root.empty() || !fs::is_directory(root, error)) {
        return;
    }
    for (const auto& entry : fs::recursive_directory_iterator(root, error)) {
        if (!entry.is_regular_file()) {
            continue;
        }
        std::ifstream in(entry.path(), std::ios::binary);
        std::ostringstream content;
        content << in.rdbuf();
        const std::string relative = "/" + fs::relative(entry.path(), root).generic_string();
        files_[relative] = {ContentType(entry.path()), content.str()};
    }
}

std::optional<Response> StaticFiles::Serve(const Request& request) const {
    if ((request.method != "GET" && request.method != "HEAD") || request.path.rfind("/api/", 0) == 0) {
        return std::nullopt;
    }
    auto it = files_.find(request.path);
    const bool fallback = it == files_.end();
    if (fallback) {
        it = files_.find("/index.html");
        if (it == files_.end()) {
            return std::nullopt;
        }
    }
    Response response;
    response.content_type = it->second.content_type;
    response.body = request.method == "HEAD" ? std::string() : it->second.body;
    // Vite puts a content hash in every asset name: those never change. index.html always may.
    const bool hashed = !fallback && request.path.rfind("/assets/", 0) == 0;
    response.headers.emplace_back("Cache-Control", hashed ? "public, max-age=31536000, immutable" : "no-cache");
    return response;
}

}  // namespace tuoyu::http
