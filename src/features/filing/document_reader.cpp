#include "features/filing/document_reader.hpp"

#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "core/working_days.hpp"

namespace tuoyu::filing {

namespace {

std::size_t Utf8Length(const std::string& text) {
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string Join(const std::vector<std::string>& codes) {
    std::string joined;
    for (const std::string& code : codes) {
        joined += (joined.empty() ? "" : ", ") + code;
    }
    return joined;
}

std::string Shown(double value) {
    std::string text = std::to_string(value);
    text.erase(text.find_last_not_of('0') + 1);
    if (!text.empty() && text.back() == '.') {
        text.pop_back();
    }
    return text;
}

}  // namespace

void Refuse(const std::string& code, const std::string& field, const std::string& zh, const std::string& en) {
    throw BadRequest(code, field, zh, en);
}

DocumentReader::DocumentReader(const Json& json, std::string path) : json_(json), path_(std::move(path)) {
    if (!json_.is_object()) {
        Refuse("invalid_type", path_, "字段 " + path_ + " 应为对象", "Field " + path_ + " must be an object");
    }
}

const Json* DocumentReader::Field(const std::string& field) {
    read_.insert(field);
    auto it = json_.find(field);
    if (it == json_.end() || it->is_null()) {
        return nullptr;
    }
    return &*it;
}

std::optional<std::string> DocumentReader::Text(const std::string& field, std::size_t max_length) {
    const Json* value = Field(field);
    if (value == nullptr) {
        return std::nullopt;
    }
    const std::string path = PathOf(field);
    if (!value->is_string()) {
        Refuse("invalid_type", path, "字段 " + path + " 应为字符串", "Field " + path + " must be a string");
    }
    std::string text = value->get<std::string>();
    if (Utf8Length(text) > max_length) {
        Refuse("too_long", path, "字段 " + path + " 过长（最多" + std::to_string(max_length) + "个字符）",
               "Field " + path + " is too long (at most " + std::to_string(max_length) + " characters)");
    }
    return text;
}

std::optional<std::string> DocumentReader::Code(const std::string& field, const std::vector<std::string>& codes) {
    std::optional<std::string> code = Text(field, 64);
    if (code && std::find(codes.begin(), codes.end(), *code) == codes.end()) {
        const std::string path = PathOf(field);
        Refuse("invalid_value", path, "字段 " + path + " 须为以下之一：" + Join(codes),
               "Field " + path + " must be one of: " + Join(codes));
    }
    return code;
}

std::optional<std::int64_t> DocumentReader::Integer(const std::string& field, std::int64_t min, std::int64_t max) {
    const Json* value = Field(field);
    if (value == nullptr) {
        return std::nullopt;
    }
    const std::string path = PathOf(field);
    if (!value->is_number_integer()) {
        Refuse("invalid_type", path, "字段 " + path + " 应为整数", "Field " + path + " must be a whole number");
    }
    const std::int64_t number = value->get<std::int64_t>();
    if (number < min || number > max) {
        Refuse("out_of_range", path,
               "字段 " + path + " 须在 " + std::to_string(min) + " 到 " + std::to_string(max) + " 之间",
               "Field " + path + " must be from " + std::to_string(min) + " to " + std::to_string(max));
    }
    return number;
}

std::optional<double> DocumentReader::Number(const std::string& field, double min, double max) {
    const Json* value = Field(field);
    if (value == nullptr) {
        return std::nullopt;
    }
    const std::string path = PathOf(field);
    if (!value->is_number()) {
        Refuse("invalid_type", path, "字段 " + path + " 应为数字", "Field " + path + " must be a number");
    }
    const double number = value->get<double>();
    if (!std::isfinite(number) || number < min || number > max) {
        Refuse("out_of_range", path, "字段 " + path + " 须在 " + Shown(min) + " 到 " + Shown(max) + " 之间",
               "Field " + path + " must be from " + Shown(min) + " to " + Shown(max));
    }
    return number;
}

std::optional<bool> DocumentReader::Boolean(const std::string& field) {
    const Json* value = Field(field);
    if (value == nullptr) {
        return std::nullopt;
    }
    if (!value->is_boolean()) {
        const std::string path = PathOf(field);
        Refuse("invalid_type", path, "字段 " + path + " 应为 true 或 false",
               "Field " + path + " must be true or false");
    }
    return value->get<bool>();
}

std::optional<std::string> DocumentReader::Date(const std::string& field) {
    std::optional<std::string> text = Text(field, 10);
    if (text && !CivilDate::Parse(*text)) {
        const std::string path = PathOf(field);
        Refuse("invalid_date", path, "字段 " + path + " 不是合法日期（YYYY-MM-DD）",
               "Field " + path + " is not a valid date (YYYY-MM-DD)");
    }
    return text;
}

std::optional<std::vector<std::string>> DocumentReader::Codes(const std::string& field,
                                                              const std::vector<std::string>& codes) {
    const Json* value = Array(field, codes.size());
    if (value == nullptr) {
        return std::nullopt;
    }
    const std::string path = PathOf(field);
    std::vector<std::string> chosen;
    for (const Json& item : *value) {
        if (!item.is_string() || std::find(codes.begin(), codes.end(), item.get<std::string>()) == codes.end()) {
            Refuse("invalid_value", path, "字段 " + path + " 的每一项须为以下之一：" + Join(codes),
                   "Each item of field " + path + " must be one of: " + Join(codes));
        }
        if (std::find(chosen.begin(), chosen.end(), item.get<std::string>()) != chosen.end()) {
            Refuse("duplicate_value", path, "字段 " + path + " 有重复项", "Field " + path + " lists an item twice");
        }
        chosen.push_back(item.get<std::string>());
    }
    return chosen;
}

const Json* DocumentReader::Object(const std::string& field) {
    const Json* value = Field(field);
    if (value != nullptr && !value->is_object()) {
        const std::string path = PathOf(field);
        Refuse("invalid_type", path, "字段 " + path + " 应为对象", "Field " + path + " must be an object");
    }
    return value;
}

const Json* DocumentReader::Array(const std::string& field, std::size_t max_items) {
    const Json* value = Field(field);
    if (value == nullptr) {
        return nullptr;
    }
    const std::string path = PathOf(field);
    if (!value->is_array()) {
        Refuse("invalid_type", path, "字段 " + path + " 应为数组", "Field " + path + " must be a list");
    }
    if (value->size() > max_items) {
        Refuse("too_many", path, "字段 " + path + " 最多 " + std::to_string(max_items) + " 项",
               "Field " + path + " has at most " + std::to_string(max_items) + " items");
    }
    return value;
}

void DocumentReader::Finish() {
    for (auto it = json_.begin(); it != json_.end(); ++it) {
        if (read_.count(it.key()) == 0) {
            const std::string path = PathOf(it.key());
            Refuse("unknown_field", path, "未知字段 " + path, "Unknown field " + path);
        }
    }
}

}  // namespace tuoyu::filing
