#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace tuoyu::test {

struct HttpResponse {
    int status = 0;  // 0 when the connection failed
    std::string body;
    std::multimap<std::string, std::string> headers;  // names in lower case

    nlohmann::json Json() const;
    std::string Header(const std::string& lower_name) const;
};

// A small blocking client that keeps the session cookie and the CSRF token like a browser tab
// of the web UI would. Login() stores both; every unsafe request then sends the token.
class HttpClient {
  public:
    explicit HttpClient(std::string base_url) : base_url_(std::move(base_url)) {}

    HttpResponse Get(const std::string& path, const std::map<std::string, std::string>& headers = {});
    HttpResponse Post(const std::string& path, const std::string& body,
                      const std::map<std::string, std::string>& headers = {});
    HttpResponse Patch(const std::string& path, const std::string& body,
                       const std::map<std::string, std::string>& headers = {});
    HttpResponse Request(const std::string& method, const std::string& path, const std::string& body,
                         std::map<std::string, std::string> headers);

    // Signs in; returns the login reply. The cookie and CSRF token are kept on success.
    HttpResponse Login(const std::string& username, const std::string& password);

    void set_bearer(const std::string& key) { bearer_ = key; }
    void set_csrf(const std::string& token) { csrf_ = token; }
    void set_cookie(const std::string& value) { cookie_ = value; }
    const std::string& cookie() const { return cookie_; }
    const std::string& csrf() const { return csrf_; }

  private:
    std::string base_url_;
    std::string cookie_;  // "tuoyu_session=…"
    std::string csrf_;
    std::string bearer_;
};

}  // namespace tuoyu::test
