#include "access/password_policy.hpp"

#include <algorithm>
#include <cctype>

namespace tuoyu::access {

namespace {

constexpr std::size_t kMinLength = 10;
constexpr std::size_t kMaxLength = 128;

std::string Lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}

ApiError Weak(const std::string& zh, const std::string& en) {
    return BadRequest("weak_password", "new_password", "密码不符合要求：" + zh, "The password is too weak: " + en);
}

}  // namespace

std::optional<ApiError> CheckPassword(const std::string& username, const std::string& password) {
    if (password.size() < kMinLength) {
        return Weak("至少10个字符", "use at least 10 characters");
    }
    if (password.size() > kMaxLength) {
        return Weak("不能超过128个字符", "use at most 128 characters");
    }
    bool lower = false, upper = false, digit = false, symbol = false;
    for (unsigned char c : password) {
        lower |= std::islower(c) != 0;
        upper |= std::isupper(c) != 0;
        digit |= std::isdigit(c) != 0;
        symbol |= !std::isalnum(c);
    }
    if (lower + upper + digit + symbol < 3) {
        return Weak("须包含小写字母、大写字母、数字、符号中的至少三类",
                    "use three of: lower case, upper case, digits, symbols");
    }
    if (!username.empty() && Lower(password).find(Lower(username)) != std::string::npos) {
        return Weak("不能包含用户名", "do not include the user name");
    }
    return std::nullopt;
}

}  // namespace tuoyu::access
