#include "features/accounts/user_json.hpp"

#include "core/clock.hpp"
#include "http/json_writer.hpp"

namespace tuoyu::features {

namespace {

// One field list for both forms. The keys go in sorted order, as nlohmann keeps them, so that
// both forms give the same text.
template <typename Out>
void WriteUser(Out& out, const access::UserRecord& user, PhoneView phone_view) {
    out.String("created_at", FormatIsoUtc(user.created_at));
    out.String("department", user.department);
    out.Boolean("disabled", user.disabled);
    out.String("display_name", user.display_name);
    out.Integer("id", user.id);
    out.Integer("institution_id", user.institution_id);
    out.String("institution_name", user.institution_name);
    out.Boolean("is_demo", user.is_demo);
    out.Boolean("locked", user.locked_until > 0);
    out.Boolean("must_change_password", user.must_change_password);
    if (user.phone) {
        out.String("phone", phone_view == PhoneView::kFull ? *user.phone : MaskPhone(*user.phone));
    } else {
        out.Null("phone");
    }
    out.String("region_code", user.region_code);
    out.String("region_name", user.region_name);
    out.String("role", access::RoleCode(user.role));
    out.String("updated_at", FormatIsoUtc(user.updated_at));
    out.String("username", user.username);
}

}  // namespace

std::string MaskPhone(const std::string& phone) {
    if (phone.size() < 7) {
        return std::string(phone.size(), '*');
    }
    return phone.substr(0, 3) + std::string(phone.size() - 7, '*') + phone.substr(phone.size() - 4);
}

http::Json UserJson(const access::UserRecord& user, PhoneView phone_view) {
    http::JsonObject out;
    WriteUser(out, user, phone_view);
    return out.Finish();
}

std::string UserJsonText(const access::UserRecord& user, PhoneView phone_view) {
    http::JsonWriter out;
    WriteUser(out, user, phone_view);
    return out.Finish();
}

std::string UserImage(const access::UserRecord& user) {
    http::Json image = UserJson(user, PhoneView::kFull);
    image.erase("locked");
    return image.dump();
}

}  // namespace tuoyu::features
