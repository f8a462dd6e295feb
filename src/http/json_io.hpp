#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/paging.hpp"
#include "core/row_error.hpp"
#include "http/request.hpp"

namespace tuoyu::http {

using Json = nlohmann::json;

Response JsonReply(int status, const Json& body);
// A reply whose JSON text is already written (JsonWriter).
Response RawJsonReply(int status, std::string body);
Response NoContent();

// A JSON object body read field by field. Each getter names the field in its error; Finish()
// refuses fields nobody asked for, so a typo never passes silently.
class JsonBody {
  public:
    explicit JsonBody(const Request& request);

    std::string RequiredString(const std::string& field, std::size_t max_length = 200);
    std::optional<std::string> OptionalString(const std::string& field, std::size_t max_length = 200);
    std::optional<std::int64_t> OptionalInt(const std::string& field);
    std::optional<bool> OptionalBool(const std::string& field);
    // Any JSON value but null, for fields whose type depends on other data (a parameter's value).
    std::optional<Json> OptionalJson(const std::string& field);
    // A non-empty array of 1..max_items non-blank strings of at most max_chars characters each (a
    // decision's reasons); `missing_zh`/`missing_en` say why at least one is needed.
    std::vector<std::string> RequiredStringList(const std::string& field, std::size_t max_items, std::size_t max_chars,
                                                const std::string& missing_zh, const std::string& missing_en);
    bool Has(const std::string& field) const { return json_.contains(field); }
    bool IsNull(const std::string& field) const { return json_.contains(field) && json_[field].is_null(); }
    void Finish();

  private:
    const Json* Field(const std::string& field);

    Json json_;
    std::set<std::string> read_;
};

// The query string read the same way; Finish() refuses unknown parameters.
class QueryParams {
  public:
    explicit QueryParams(const Request& request) : request_(request) {}

    std::optional<std::string> String(const std::string& name, std::size_t max_length = 200);
    std::optional<std::int64_t> Int(const std::string& name);
    std::optional<bool> Bool(const std::string& name);
    std::optional<std::int64_t> Time(const std::string& name);  // YYYY-MM-DD or ISO-8601 UTC
    std::optional<std::string> RegionCode(const std::string& name);
    PageRequest Page(const std::vector<std::string>& sortable, std::int64_t default_page_size = 20);
    void Finish();

  private:
    const Request& request_;
    std::set<std::string> read_;
};

// Lists look the same everywhere: {"items": […], "total": n, "page": p, "page_size": s}.
Json ListReply(Json items, std::int64_t total, const PageRequest& page);

// The 422 body of an import refused for its bad rows, every one with its line: {"code": "import_rejected",
// "field": null, "message_zh", "message_en", "request_id", "rows", "error_count", "errors": [{"line",
// "field", "code", "message_zh", "message_en"}]}. Nothing of the file was kept.
Json ImportRejectedJson(const std::vector<RowError>& errors, std::size_t rows, const std::string& request_id);

// An import's body is the .csv or .xlsx file itself: 415 for a JSON or multipart body, 400 for none.
void RequireTableBody(const Request& request);

// The region code in a path or body, normalised to 12 digits, or a 400 naming the field.
std::string RequireRegionCode(const std::string& text, const std::string& field);

}  // namespace tuoyu::http
