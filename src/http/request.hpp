#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "audit/audit_log.hpp"

namespace tuoyu::http {

// The server's view of one request, free of the HTTP library's types so that routes and their
// tests never include RESTinio.
struct Request {
    std::string method;
    std::string path;                               // decoded, without the query string
    std::multimap<std::string, std::string> query;  // decoded
    std::map<std::string, std::string> headers;     // names in lower case
    std::string body;
    std::string remote_address;
    std::string request_id;
    std::map<std::string, std::string> path_params;  // filled by the router

    std::string Header(const std::string& lower_name) const {
        auto it = headers.find(lower_name);
        return it == headers.end() ? std::string() : it->second;
    }
    std::string Cookie(const std::string& name) const;
};

struct Response {
    int status = 200;
    std::string content_type = "application/json; charset=utf-8";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
    // Records of a read of personal data, to be made durable before this reply may leave.
    std::vector<audit::Event> deferred_audit;
};

}  // namespace tuoyu::http
