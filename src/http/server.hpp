#pragma once

#include <cstdint>
#include <string>

#include "http/router.hpp"
#include "http/static_files.hpp"

namespace tuoyu::http {

struct ServerOptions {
    std::string address = "127.0.0.1";
    std::uint16_t port = 8080;
    std::size_t threads = 1;
    std::string access_log = "-";  // "-" for standard error, "off", or a file path
    // Behind a reverse proxy on this machine every client would seem to come from 127.0.0.1 and
    // share one login throttle: with this set, a loopback peer's X-Forwarded-For names the client.
    bool trust_proxy = false;
    std::size_t max_json_body = 1024 * 1024;
    // Other bodies are files to import (a province's population table as CSV or .xlsx). Bodies
    // above this are cut off by the HTTP parser itself; a JSON body between the two limits gets a
    // 413 with the usual error object.
    std::size_t max_body = 32 * 1024 * 1024;
};

// Runs until SIGINT or SIGTERM, then stops accepting, lets the requests in hand finish, and
// returns. Only this translation unit includes RESTinio.
// With an audit batcher, replies that carry deferred audit records are sent once the batcher has
// committed them.
void RunServer(const ServerOptions& options, Router& router, const StaticFiles& static_files,
               audit::AuditBatcher* audit_batcher);

}  // namespace tuoyu::http
