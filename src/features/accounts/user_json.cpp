#include "features/accounts/user_json.hpp"

#include "core/clock.hpp"

namespace tuoyu::features {

namespace {

template <typename T>
http::Json OrNull(const std::optional<T>& value) {
    return value ? http::Json(*value) : http::Json();
}

}  // namespace

std::string MaskPhone(const std::string& phone) {
    if (phone.size() < 7) {
        return std::string(phone.size(), '*');
    }
    return phone.substr(0, 3) + std::string(phone.size() - 7, '*') + phone.substr(phone.size() - 4);
}

http::Json UserJson(const access::UserRecord& user, PhoneView phone_view) {
    http::Json phone;
    if (user.phone) {
        phone = phone_view == PhoneView::kFull ? *user.phone : MaskPhone(*user.phone);
    }
    return {{"id", user.id},
            {"username", user.username},
            {"display_name", user.display_name},
            {"role", std::string(access::RoleCode(user.role))},
            {"department", OrNull(user.department)},
            {"region_code", OrNull(user.region_code)},
            {"region_name", OrNull(user.region_name)},
            {"institution_id", OrNull(user.institution_id)},
            {"institution_name", OrNull(user.institution_name)},
            {"phone", phone},
            {"disabled", user.disabled},
            {"must_change_password", user.must_change_password},
            {"is_demo", user.is_demo},
            {"locked", user.locked_until > 0},
            {"created_at", FormatIsoUtc(user.created_at)},
            {"updated_at", FormatIsoUtc(user.updated_at)}};
}

std::string UserImage(const access::UserRecord& user) {
    http::Json image = UserJson(user, PhoneView::kFull);
    image.erase("locked");
    return image.dump();
}

}  // namespace tuoyu::features
