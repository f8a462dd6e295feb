#include "http/json_io.hpp"

#include <algorithm>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/region_code.hpp"

namespace tuoyu::http {

Response JsonReply(int status, const Json& body) {
    Response response;
    response.status = status;
    response.body = body.dump(-1, ' ', false, Json::error_handler_t::replace);
    return response;
}

Response RawJsonReply(int status, std::string body) {
    Response response;
    response.status = status;
    response.body = std::move(body);
    return response;
}

Response NoContent() {
    Response response;
    response.status = 204;
    response.content_type.clear();
    return response;
}

std::string Request::Cookie(const std::string& name) const {
    const std::string header = Header("cookie");
    std::size_t at = 0;
    while (at < header.size()) {
        std::size_t end = header.find(';', at);
        if (end == std::string::npos) {
            end = header.size();
        }
        std::size_t start = header.find_first_not_of(' ', at);
        if (start < end) {
            const std::size_t equals = header.find('=', start);
            if (equals < end && header.compare(start, equals - start, name) == 0 && equals - start == name.size()) {
                return header.substr(equals + 1, end - equals - 1);
            }
        }
        at = end + 1;
    }
    return {};
}

namespace {

ApiError WrongType(const std::string& field, const std::string& zh_type, const std::string& en_type) {
    return BadRequest("invalid_type", field, "字段 " + field + " 应为" + zh_type,
                      "Field " + field + " must be " + en_type);
}

ApiError TooLong(const std::string& field, std::size_t max_length) {
    return BadRequest("too_long", field, "字段 " + field + " 过长（最多" + std::to_string(max_length) + "个字符）",
                      "Field " + field + " is too long (at most " + std::to_string(max_length) + " characters)");
}

std::size_t Utf8Length(const std::string& text) {
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace

JsonBody::JsonBody(const Request& request) {
    const std::string type = request.Header("content-type");
    if (type.rfind("application/json", 0) != 0) {
        throw ApiError(415, "unsupported_media_type", "", "请求体须为 application/json",
                       "The request body must be application/json");
    }
    json_ = Json::parse(request.body, nullptr, false);
    if (json_.is_discarded()) {
        throw BadRequest("malformed_json", "", "请求体不是合法的 JSON", "The request body is not valid JSON");
    }
    if (!json_.is_object()) {
        throw BadRequest("malformed_json", "", "请求体须为 JSON 对象", "The request body must be a JSON object");
    }
}

const Json* JsonBody::Field(const std::string& field) {
    read_.insert(field);
    auto it = json_.find(field);
    if (it == json_.end() || it->is_null()) {
        return nullptr;
    }
    return &*it;
}

std::string JsonBody::RequiredString(const std::string& field, std::size_t max_length) {
    std::optional<std::string> value = OptionalString(field, max_length);
    if (!value || value->empty()) {
        throw BadRequest("required", field, "缺少必填字段 " + field, "Field " + field + " is required");
    }
    return *value;
}

std::optional<std::string> JsonBody::OptionalString(const std::string& field, std::size_t max_length) {
    const Json* value = Field(field);
    if (value == nullptr) {
        return std::nullopt;
    }
    if (!value->is_string()) {
        throw WrongType(field, "字符串", "a string");
    }
    std::string text = value->get<std::string>();
    if (Utf8Length(text) > max_length) {
        throw TooLong(field, max_length);
    }
    return text;
}

std::optional<std::int64_t> JsonBody::OptionalInt(const std::string& field) {
    const Json* value = Field(field);
    if (value == nullptr) {
        return std::nullopt;
    }
    if (!value->is_number_integer()) {
        throw WrongType(field, "整数", "an integer");
    }
    return value->get<std::int64_t>();
}

std::optional<bool> JsonBody::OptionalBool(const std::string& field) {
    const Json* value = Field(field);
    if (value == nullptr) {
        return std::nullopt;
    }
    if (!value->is_boolean()) {
        throw WrongType(field, "布尔值", "true or false");
    }
    return value->get<bool>();
}

std::optional<Json> JsonBody::OptionalJson(const std::string& field) {
    const Json* value = Field(field);
    if (value == nullptr) {
        return std::nullopt;
    }
    return *value;
}

std::vector<std::string> JsonBody::RequiredStringList(const std::string& field, std::size_t max_items,
                                                      std::size_t max_chars, const std::string& missing_zh,
                                                      const std::string& missing_en) {
    const Json* value = Field(field);
    if (value == nullptr || !value->is_array() || value->empty()) {
        throw BadRequest("required", field, missing_zh, missing_en);
    }
    if (value->size() > max_items) {
        throw BadRequest("too_many", field, field + " 最多 " + std::to_string(max_items) + " 条",
                         "At most " + std::to_string(max_items) + " entries in " + field);
    }
    std::vector<std::string> list;
    for (const Json& item : *value) {
        if (!item.is_string() || item.get<std::string>().find_first_not_of(" \t\r\n") == std::string::npos) {
            throw BadRequest("invalid_value", field, field + " 的每一条须为非空文字",
                             "Each entry of " + field + " must be non-empty text");
        }
        // Counted in bytes: a Chinese character is three bytes of UTF-8.
        if (item.get<std::string>().size() > 3 * max_chars) {
            throw BadRequest("too_long", field, field + " 的每一条不超过 " + std::to_string(max_chars) + " 字",
                             "Each entry of " + field + " has at most " + std::to_string(max_chars) + " characters");
        }
        list.push_back(item.get<std::string>());
    }
    return list;
}

void JsonBody::Finish() {
    for (const auto& [key, value] : json_.items()) {
        if (read_.count(key) == 0) {
            throw BadRequest("unknown_field", key, "不认识的字段 " + key, "Unknown field " + key);
        }
    }
}

std::optional<std::string> QueryParams::String(const std::string& name, std::size_t max_length) {
    read_.insert(name);
    auto range = request_.query.equal_range(name);
    if (range.first == range.second) {
        return std::nullopt;
    }
    if (std::next(range.first) != range.second) {
        throw BadRequest("duplicate_parameter", name, "参数 " + name + " 重复", "Parameter " + name + " is repeated");
    }
    if (Utf8Length(range.first->second) > max_length) {
        throw TooLong(name, max_length);
    }
    if (range.first->second.empty()) {
        return std::nullopt;
    }
    return range.first->second;
}

std::optional<std::int64_t> QueryParams::Int(const std::string& name) {
    std::optional<std::string> text = String(name, 19);
    if (!text) {
        return std::nullopt;
    }
    if (!std::all_of(text->begin(), text->end(), [](char c) { return c >= '0' && c <= '9'; })) {
        throw WrongType(name, "非负整数", "a whole number");
    }
    return std::stoll(*text);
}

std::optional<bool> QueryParams::Bool(const std::string& name) {
    std::optional<std::string> text = String(name, 5);
    if (!text) {
        return std::nullopt;
    }
    if (*text != "true" && *text != "false") {
        throw WrongType(name, " true 或 false", "true or false");
    }
    return *text == "true";
}

std::optional<std::int64_t> QueryParams::Time(const std::string& name) {
    std::optional<std::string> text = String(name, 30);
    if (!text) {
        return std::nullopt;
    }
    std::int64_t millis = 0;
    if (!ParseIsoDateOrTime(*text, millis)) {
        throw BadRequest("invalid_date", name, "参数 " + name + " 不是合法日期（YYYY-MM-DD）",
                         "Parameter " + name + " is not a valid date (YYYY-MM-DD)");
    }
    return millis;
}

std::optional<std::string> QueryParams::RegionCode(const std::string& name) {
    std::optional<std::string> text = String(name, 12);
    if (!text) {
        return std::nullopt;
    }
    return RequireRegionCode(*text, name);
}

PageRequest QueryParams::Page(const std::vector<std::string>& sortable, std::int64_t default_page_size) {
    PageRequest page;
    page.page = Int("page").value_or(1);
    page.page_size = Int("page_size").value_or(default_page_size);
    if (page.page < 1 || page.page > 1'000'000) {
        throw BadRequest("invalid_page", "page", "页码须在 1 到 1000000 之间", "page must be between 1 and 1000000");
    }
    if (page.page_size < 1 || page.page_size > kMaxPageSize) {
        throw BadRequest("invalid_page_size", "page_size", "每页条数须在 1 到 500 之间",
                         "page_size must be between 1 and 500");
    }
    if (std::optional<std::string> sort = String("sort", 40)) {
        if (std::find(sortable.begin(), sortable.end(), *sort) == sortable.end()) {
            throw BadRequest("invalid_sort", "sort", "不能按 " + *sort + " 排序", "Cannot sort by " + *sort);
        }
        page.sort = *sort;
    }
    if (std::optional<std::string> order = String("order", 4)) {
        if (*order != "asc" && *order != "desc") {
            throw BadRequest("invalid_order", "order", "排序方向须为 asc 或 desc", "order must be asc or desc");
        }
        page.descending = *order == "desc";
    }
    return page;
}

void QueryParams::Finish() {
    for (const auto& [key, value] : request_.query) {
        if (read_.count(key) == 0) {
            throw BadRequest("unknown_parameter", key, "不认识的参数 " + key, "Unknown parameter " + key);
        }
    }
}

Json ListReply(Json items, std::int64_t total, const PageRequest& page) {
    return Json{{"items", std::move(items)}, {"total", total}, {"page", page.page}, {"page_size", page.page_size}};
}

std::string RequireRegionCode(const std::string& text, const std::string& field) {
    std::optional<std::string> code = tuoyu::RegionCode::Normalize(text);
    if (!code) {
        throw BadRequest("invalid_region_code", field, "区划代码须为 2、4、6、9 或 12 位数字",
                         "A region code has 2, 4, 6, 9 or 12 digits");
    }
    return *code;
}

Json ImportRejectedJson(const std::vector<RowError>& errors, std::size_t rows, const std::string& request_id) {
    Json list = Json::array();
    for (const RowError& error : errors) {
        list.push_back({{"line", error.line},
                        {"field", error.field.empty() ? Json() : Json(error.field)},
                        {"code", error.code},
                        {"message_zh", error.message_zh},
                        {"message_en", error.message_en}});
    }
    const std::string count = std::to_string(errors.size());
    return {{"code", "import_rejected"},
            {"field", Json()},
            {"message_zh", "文件有 " + count + " 处错误，未导入任何数据"},
            {"message_en", "The file has " + count + " errors; nothing was imported"},
            {"request_id", request_id},
            {"rows", rows},
            {"error_count", errors.size()},
            {"errors", std::move(list)}};
}

void RequireTableBody(const Request& request) {
    const std::string type = request.Header("content-type");
    if (type.rfind("application/json", 0) == 0 || type.rfind("multipart/", 0) == 0) {
        throw ApiError(415, "unsupported_media_type", "Content-Type",
                       "请求体须为 CSV 或 xlsx 文件本身（text/csv 或 "
                       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet）",
                       "Send the CSV or .xlsx file itself as the body (text/csv or "
                       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet)");
    }
    if (request.body.empty()) {
        throw BadRequest("empty_file", "body", "文件为空", "The file is empty");
    }
}

}  // namespace tuoyu::http
