#pragma once

#include <stdexcept>
#include <string>

namespace tuoyu {

// An error that ends a request: bad input, a refused permission, a missing object. It carries
// the stable code that clients match on, the field at fault and a message in both languages.
class ApiError : public std::runtime_error {
  public:
    ApiError(int status, std::string code, std::string field, std::string message_zh, std::string message_en)
        : std::runtime_error(message_en),
          status_(status),
          code_(std::move(code)),
          field_(std::move(field)),
          message_zh_(std::move(message_zh)),
          message_en_(std::move(message_en)) {}

    int status() const { return status_; }
    const std::string& code() const { return code_; }
    const std::string& field() const { return field_; }
    const std::string& message_zh() const { return message_zh_; }
    const std::string& message_en() const { return message_en_; }
    // The RULES.md row a refusal rests on ("N2"), sent with the error; "" for most errors.
    const std::string& rule() const { return rule_; }
    ApiError&& WithRule(std::string rule) && {
        rule_ = std::move(rule);
        return std::move(*this);
    }

  private:
    int status_;
    std::string code_;
    std::string field_;
    std::string message_zh_;
    std::string message_en_;
    std::string rule_;
};

inline ApiError BadRequest(std::string code, std::string field, std::string zh, std::string en) {
    return {400, std::move(code), std::move(field), std::move(zh), std::move(en)};
}

inline ApiError NotAuthenticated() {
    return {401, "not_authenticated", "", "未登录或会话已过期，请重新登录", "Not signed in or the session has expired"};
}

inline ApiError Forbidden() {
    return {403, "forbidden", "", "无权执行此操作", "You are not allowed to do this"};
}

inline ApiError OutOfScope() {
    return {403, "out_of_scope", "", "该数据不在您的管辖范围内", "This record is outside your data scope"};
}

// Also the answer for a record outside the caller's scope: its existence is not disclosed.
inline ApiError NotFound(const std::string& what_zh, const std::string& what_en) {
    return {404, "not_found", "", "未找到该" + what_zh + "，或不在您的管辖范围内",
            "No such " + what_en + " within your data scope"};
}

inline ApiError Conflict(std::string code, std::string field, std::string zh, std::string en) {
    return {409, std::move(code), std::move(field), std::move(zh), std::move(en)};
}

}  // namespace tuoyu
