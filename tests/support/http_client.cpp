#include "support/http_client.hpp"

#include <curl/curl.h>

#include <algorithm>

namespace tuoyu::test {

nlohmann::json HttpResponse::Json() const {
    return nlohmann::json::parse(body, nullptr, false);
}

std::string HttpResponse::Header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
}

namespace {

std::size_t OnBody(char* data, std::size_t size, std::size_t count, void* target) {
    static_cast<std::string*>(target)->append(data, size * count);
    return size * count;
}

std::size_t OnHeader(char* data, std::size_t size, std::size_t count, void* target) {
    std::string line(data, size * count);
    const auto colon = line.find(':');
    if (colon != std::string::npos) {
        std::string name = line.substr(0, colon);
        std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
        std::string value = line.substr(colon + 1);
        value.erase(0, value.find_first_not_of(' '));
        value.erase(value.find_last_not_of("\r\n") + 1);
        static_cast<std::multimap<std::string, std::string>*>(target)->emplace(name, value);
    }
    return size * count;
}

}  // namespace

HttpResponse HttpClient::Get(const std::string& path, const std::map<std::string, std::string>& headers) {
    return Request("GET", path, "", headers);
}

HttpResponse HttpClient::Post(const std::string& path, const std::string& body,
                              const std::map<std::string, std::string>& headers) {
    return Request("POST", path, body, headers);
}

HttpResponse HttpClient::Patch(const std::string& path, const std::string& body,
                               const std::map<std::string, std::string>& headers) {
    return Request("PATCH", path, body, headers);
}

HttpResponse HttpClient::Request(const std::string& method, const std::string& path, const std::string& body,
                                 std::map<std::string, std::string> headers) {
    HttpResponse response;
    CURL* curl = curl_easy_init();
    const std::string url = base_url_ + path;
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 60L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    if (method != "GET") {
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
        headers.try_emplace("Content-Type", "application/json");
        if (!csrf_.empty()) {
            headers.try_emplace("X-CSRF-Token", csrf_);
        }
    }
    if (!cookie_.empty()) {
        headers.try_emplace("Cookie", cookie_);
    }
    if (!bearer_.empty()) {
        headers.try_emplace("Authorization", "Bearer " + bearer_);
    }
    curl_slist* list = nullptr;
    for (const auto& [name, value] : headers) {
        list = curl_slist_append(list, (name + ": " + value).c_str());
    }
    list = curl_slist_append(list, "Expect:");
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, OnBody);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response.body);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, OnHeader);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response.headers);
    if (curl_easy_perform(curl) == CURLE_OK) {
        long status = 0;
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
        response.status = static_cast<int>(status);
    }
    curl_slist_free_all(list);
    curl_easy_cleanup(curl);
    return response;
}

HttpResponse HttpClient::Login(const std::string& username, const std::string& password) {
    const nlohmann::json body{{"username", username}, {"password", password}};
    HttpResponse response = Post("/api/v1/auth/login", body.dump());
    if (response.status == 200) {
        const std::string set_cookie = response.Header("set-cookie");
        cookie_ = set_cookie.substr(0, set_cookie.find(';'));
        csrf_ = response.Json().value("csrf_token", "");
    }
    return response;
}

}  // namespace tuoyu::test
