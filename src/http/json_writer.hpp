#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "http/json_io.hpp"

namespace tuoyu::http {

// Appends `text` to `out` as a quoted JSON string, the way nlohmann's dump() with
// error_handler_t::replace writes it: quotes, backslashes and control characters escaped, other
// UTF-8 as it is, each invalid byte sequence as U+FFFD.
void AppendJsonString(std::string& out, std::string_view text);

// Writes one flat JSON object straight into its text, field by field. Building an nlohmann::json
// and dumping it cost more than the database read of a single-record reply (decision 0006), so
// the replies of the busiest reads are written with this instead. nlohmann sorts an object's
// keys: fields written in sorted order give the same text as JsonObject below, byte for byte.
class JsonWriter {
  public:
    JsonWriter() { text_ += '{'; }

    void String(std::string_view key, std::string_view value);
    void String(std::string_view key, const std::string& value) { String(key, std::string_view(value)); }
    void String(std::string_view key, const char* value) { String(key, std::string_view(value)); }
    void String(std::string_view key, const std::optional<std::string>& value);
    void Integer(std::string_view key, std::int64_t value);
    void Integer(std::string_view key, const std::optional<std::int64_t>& value);
    void Boolean(std::string_view key, bool value);
    void Null(std::string_view key);

    // The object's text; the writer is spent.
    std::string Finish();

  private:
    void Key(std::string_view key);

    std::string text_;
    bool empty_ = true;
};

// The same calls building an nlohmann::json object, for replies that embed the object in more
// JSON (lists): one field list, written once as a template over the two, serves both.
class JsonObject {
  public:
    void String(std::string_view key, std::string_view value) { json_[std::string(key)] = value; }
    void String(std::string_view key, const std::string& value) { json_[std::string(key)] = value; }
    void String(std::string_view key, const char* value) { json_[std::string(key)] = value; }
    void String(std::string_view key, const std::optional<std::string>& value) {
        json_[std::string(key)] = value ? Json(*value) : Json();
    }
    void Integer(std::string_view key, std::int64_t value) { json_[std::string(key)] = value; }
    void Integer(std::string_view key, const std::optional<std::int64_t>& value) {
        json_[std::string(key)] = value ? Json(*value) : Json();
    }
    void Boolean(std::string_view key, bool value) { json_[std::string(key)] = value; }
    void Null(std::string_view key) { json_[std::string(key)] = nullptr; }

    Json Finish() { return std::move(json_); }

  private:
    Json json_ = Json::object();
};

}  // namespace tuoyu::http
