#pragma once

#include <map>
#include <optional>
#include <string>

#include "http/request.hpp"

namespace tuoyu::http {

// The built web UI, read once at start-up (it is a few hundred kilobytes). Paths that name no
// file get index.html, so the UI's own router can handle deep links (SPA fallback).
class StaticFiles {
  public:
    // An empty or missing folder serves nothing; the API works without the UI.
    explicit StaticFiles(const std::string& root);

    std::optional<Response> Serve(const Request& request) const;
    bool empty() const { return files_.empty(); }
    std::size_t size() const { return files_.size(); }

  private:
    struct File {
        std::string content_type;
        std::string body;
    };
    std::map<std::string, File> files_;
};

}  // namespace tuoyu::http
