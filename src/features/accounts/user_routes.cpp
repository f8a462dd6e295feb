#include <soci/soci.h>

#include "access/password_policy.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "features/accounts/user_json.hpp"
#include "features/routes.hpp"
#include "storage/query.hpp"

namespace tuoyu::features {

using access::Accounts;
using access::Principal;
using access::Role;
using access::UserRecord;
using http::Context;
using http::Json;

namespace {

// Who may manage whom: the administrator anyone; a regulator the regulators of its own subtree
// and the staff of institutions in it; an institution's administrator its own staff.
bool MayManage(const Principal& caller, Role target_role) {
    switch (caller.role) {
        case Role::kAdmin:
            return true;
        case Role::kRegulator:
            return target_role == Role::kRegulator || access::IsInstitutionRole(target_role);
        case Role::kInstitutionAdmin:
            return target_role == Role::kInstitutionStaff;
        default:
            return false;
    }
}

std::optional<std::string> InstitutionRegion(storage::Transaction& tx, std::int64_t institution_id) {
    std::string region;
    soci::indicator indicator = soci::i_null;
    long long id = institution_id;
    tx.sql() << "SELECT region_code FROM institutions WHERE id = :id", soci::use(id), soci::into(region, indicator);
    if (!tx.sql().got_data()) {
        return std::nullopt;
    }
    return region;
}

bool RegionExists(storage::Transaction& tx, const std::string& code) {
    storage::Query query("SELECT COUNT(*) FROM regions WHERE code = ");
    return query.Bind(code).Count(tx) > 0;
}

std::string ValidPhone(const std::string& phone) {
    if (phone.size() < 7 || phone.size() > 20 || phone.find_first_not_of("0123456789-+ ") != std::string::npos) {
        throw BadRequest("invalid_phone", "phone", "电话号码格式不正确", "The phone number is not valid");
    }
    return phone;
}

std::string ValidUsername(const std::string& username) {
    if (username.size() < 3 || username.size() > 32 ||
        username.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_.-") != std::string::npos) {
        throw BadRequest("invalid_username", "username", "用户名须为3到32个小写字母、数字或 _ . -",
                         "A user name has 3 to 32 lower-case letters, digits, or _ . -");
    }
    return username;
}

UserRecord LoadManaged(Context& context, storage::Transaction& tx) {
    const Principal& caller = context.principal();
    std::optional<UserRecord> user = Accounts::FindById(tx, caller.scope(), context.IdParam("id"));
    if (!user) {
        throw NotFound("用户", "user");
    }
    if (!MayManage(caller, user->role) || (caller.role != Role::kAdmin && user->id == caller.user_id)) {
        throw Forbidden();
    }
    return *user;
}

http::Response ListUsers(Context& context) {
    context.RequireRole({Role::kAdmin, Role::kRegulator, Role::kInstitutionAdmin});
    http::QueryParams params(context.request());
    access::UserFilter filter;
    filter.keyword = params.String("q", 64).value_or("");
    if (std::optional<std::string> role = params.String("role", 32)) {
        filter.role = access::ParseRole(*role);
        if (!filter.role) {
            throw BadRequest("invalid_role", "role", "未知的角色 " + *role, "Unknown role " + *role);
        }
    }
    filter.region_code = params.RegionCode("region_code");
    filter.disabled = params.Bool("disabled");
    const PageRequest page = params.Page({std::begin(access::kUserSortFields), std::end(access::kUserSortFields)});
    params.Finish();
    storage::Transaction tx = context.services().database.Read();
    access::UserPage result = Accounts::List(tx, context.principal().scope(), filter, page);
    Json items = Json::array();
    std::string shown;
    for (const UserRecord& user : result.items) {
        items.push_back(UserJson(user, PhoneView::kMasked));
        shown += std::to_string(user.id) + ",";
    }
    // Names and (masked) phone numbers are personal data too: the list read is audited as one
    // record naming the ids it showed.
    // The record belongs to the region searched, or to the caller's own when that lies outside
    // its scope (the search found nothing there, and that region's auditors need not see it).
    const bool searched_in_scope = filter.region_code && context.principal().scope().CoversRegion(*filter.region_code);
    context.Audit(tx, "list", searched_in_scope ? *filter.region_code : context.principal().region_code, "", shown);
    tx.Commit();
    return http::JsonReply(200, http::ListReply(std::move(items), result.total, page));
}

http::Response GetUser(Context& context) {
    const Principal& caller = context.principal();
    const std::int64_t id = context.IdParam("id");
    storage::Transaction tx = context.services().database.Read();
    std::optional<UserRecord> user = Accounts::FindById(tx, caller.scope(), id);
    if (!user) {
        throw NotFound("用户", "user");
    }
    // Written once: the same text is the reply and the audit record's digest.
    std::string reply = UserJsonText(*user, PhoneView::kFull);
    context.Audit(tx, std::to_string(user->id), user->region_code.value_or(""), "", reply);
    tx.Commit();
    return http::RawJsonReply(200, std::move(reply));
}

http::Response CreateUser(Context& context) {
    const Principal& caller = context.principal();
    context.RequireRole({Role::kAdmin, Role::kRegulator, Role::kInstitutionAdmin});
    http::JsonBody body(context.request());
    access::NewUser user;
    user.username = ValidUsername(body.RequiredString("username", 32));
    user.display_name = body.RequiredString("display_name", 64);
    const std::string role_code = body.RequiredString("role", 32);
    const std::optional<Role> role = access::ParseRole(role_code);
    if (!role) {
        throw BadRequest("invalid_role", "role", "未知的角色 " + role_code, "Unknown role " + role_code);
    }
    user.role = *role;
    user.department = body.OptionalString("department", 40);
    std::optional<std::string> region_text = body.OptionalString("region_code", 12);
    user.institution_id = body.OptionalInt("institution_id");
    if (std::optional<std::string> phone = body.OptionalString("phone", 20)) {
        user.phone = ValidPhone(*phone);
    }
    const std::string password = body.RequiredString("password", 128);
    body.Finish();
    if (!MayManage(caller, user.role)) {
        throw ApiError(403, "role_not_allowed", "role", "您不能创建该角色的账号",
                       "You cannot create accounts of this role");
    }
    if (std::optional<ApiError> weak = access::CheckPassword(user.username, password)) {
        throw ApiError(400, weak->code(), "password", weak->message_zh(), weak->message_en());
    }
    storage::Transaction tx = context.services().database.Write();
    if (user.role == Role::kRegulator || user.role == Role::kExchange) {
        if (!region_text) {
            throw BadRequest("required", "region_code", "须填写所属区划", "region_code is required for this role");
        }
        user.region_code = http::RequireRegionCode(*region_text, "region_code");
        if (!RegionExists(tx, *user.region_code)) {
            throw BadRequest("unknown_region", "region_code", "区划不存在", "No such region");
        }
        if (!caller.scope().CoversRegion(*user.region_code)) {
            throw OutOfScope();
        }
    } else if (region_text) {
        throw BadRequest("not_applicable", "region_code", "该角色不设所属区划", "This role has no region of its own");
    }
    if (user.role == Role::kRegulator) {
        if (!user.department || !access::IsKnownDepartment(*user.department)) {
            throw BadRequest("invalid_department", "department", "须选择有效的部门",
                             "A regulator needs a known department");
        }
    } else if (user.department) {
        throw BadRequest("not_applicable", "department", "该角色不设部门", "This role has no department");
    }
    if (access::IsInstitutionRole(user.role)) {
        if (!user.institution_id) {
            throw BadRequest("required", "institution_id", "须选择所属机构",
                             "institution_id is required for this role");
        }
        std::optional<std::string> region = InstitutionRegion(tx, *user.institution_id);
        if (!region) {
            throw BadRequest("unknown_institution", "institution_id", "机构不存在", "No such institution");
        }
        const bool own_institution =
            caller.role == Role::kInstitutionAdmin && caller.institution_id == *user.institution_id;
        if (!caller.scope().CoversRegion(*region) && !own_institution) {
            throw OutOfScope();
        }
        user.region_code = region;
    } else if (user.institution_id) {
        throw BadRequest("not_applicable", "institution_id", "该角色不属于机构", "This role belongs to no institution");
    }
    if (Accounts::UsernameTaken(tx, user.username)) {
        throw Conflict("username_taken", "username", "用户名已被使用", "This user name is taken");
    }
    user.password_hash = crypto::HashPassword(password);
    user.must_change_password = true;
    const std::int64_t id = Accounts::Insert(tx, user, context.Now());
    std::optional<UserRecord> created = Accounts::FindById(tx, Scope::All(), id);
    context.Audit(tx, std::to_string(id), created->region_code.value_or(""), "", UserImage(*created));
    tx.Commit();
    return http::JsonReply(201, UserJson(*created, PhoneView::kFull));
}

http::Response UpdateUser(Context& context) {
    http::JsonBody body(context.request());
    std::optional<std::string> display_name = body.OptionalString("display_name", 64);
    const bool phone_given = body.Has("phone");
    std::optional<std::string> phone = body.OptionalString("phone", 20);
    const bool department_given = body.Has("department");
    std::optional<std::string> department = body.OptionalString("department", 40);
    std::optional<bool> disabled = body.OptionalBool("disabled");
    body.Finish();
    storage::Transaction tx = context.services().database.Write();
    UserRecord user = LoadManaged(context, tx);
    const std::string before = UserImage(user);
    if (display_name) {
        if (display_name->empty()) {
            throw BadRequest("required", "display_name", "姓名不能为空", "display_name cannot be empty");
        }
        user.display_name = *display_name;
    }
    if (phone_given) {
        user.phone = phone ? std::optional(ValidPhone(*phone)) : std::nullopt;
    }
    if (department_given) {
        if (user.role != Role::kRegulator || !department || !access::IsKnownDepartment(*department)) {
            throw BadRequest("invalid_department", "department", "须选择有效的部门", "A known department is required");
        }
        user.department = department;
    }
    const std::int64_t now = context.Now();
    Accounts::SetProfile(tx, user.id, user.display_name, user.phone, user.department, now);
    if (disabled && *disabled && user.id == context.principal().user_id) {
        throw BadRequest("cannot_disable_self", "disabled", "不能停用自己的账号",
                         "You cannot disable your own account");
    }
    if (disabled) {
        Accounts::SetDisabled(tx, user.id, *disabled, now);
    }
    std::optional<UserRecord> after = Accounts::FindById(tx, Scope::All(), user.id);
    context.Audit(tx, std::to_string(user.id), user.region_code.value_or(""), before, UserImage(*after));
    tx.Commit();
    context.services().authenticator.ForgetUser(user.id);
    return http::JsonReply(200, UserJson(*after, PhoneView::kFull));
}

http::Response ResetPassword(Context& context) {
    http::JsonBody body(context.request());
    const std::string password = body.RequiredString("password", 128);
    body.Finish();
    storage::Transaction tx = context.services().database.Write();
    UserRecord user = LoadManaged(context, tx);
    if (std::optional<ApiError> weak = access::CheckPassword(user.username, password)) {
        throw ApiError(400, weak->code(), "password", weak->message_zh(), weak->message_en());
    }
    Accounts::SetPassword(tx, user.id, crypto::HashPassword(password), true, context.Now());
    storage::Query end_sessions("DELETE FROM sessions WHERE user_id = ");
    end_sessions.Bind(user.id).Execute(tx);
    context.Audit(tx, std::to_string(user.id), user.region_code.value_or(""), "", "");
    tx.Commit();
    context.services().authenticator.ForgetUser(user.id);
    return http::NoContent();
}

http::Response CreateApiKey(Context& context) {
    context.RequireRole({Role::kAdmin});
    http::JsonBody body(context.request());
    const std::string label = body.RequiredString("label", 64);
    body.Finish();
    storage::Transaction tx = context.services().database.Write();
    std::optional<UserRecord> user = Accounts::FindById(tx, Scope::All(), context.IdParam("id"));
    if (!user) {
        throw NotFound("用户", "user");
    }
    if (user->role != Role::kExchange) {
        throw BadRequest("not_exchange_client", "id", "只有数据交换账号可以持有访问令牌",
                         "Only data-exchange accounts hold API keys");
    }
    const std::string key = context.services().authenticator.CreateApiKey(tx, user->id, label);
    context.Audit(tx, std::to_string(user->id), user->region_code.value_or(""), "", label);
    tx.Commit();
    return http::JsonReply(201, Json{{"api_key", key}, {"label", label}});
}

}  // namespace

void RegisterUserRoutes(http::Router& router) {
    router.Add({"GET", "/api/v1/users", "List the accounts in the caller's scope (phone numbers masked; audited)",
                http::Access::kSignedIn, http::AuditKind::kPersonalRead, "user"},
               ListUsers);
    router.Add({"POST", "/api/v1/users", "Create an account; it must change its password at first sign-in",
                http::Access::kSignedIn, http::AuditKind::kChange, "user"},
               CreateUser);
    router.Add({"GET", "/api/v1/users/{id}", "One account with its full phone number (audited)",
                http::Access::kSignedIn, http::AuditKind::kPersonalRead, "user"},
               GetUser);
    router.Add({"PATCH", "/api/v1/users/{id}", "Change an account's name, phone, department or disabled state",
                http::Access::kSignedIn, http::AuditKind::kChange, "user"},
               UpdateUser);
    router.Add({"POST", "/api/v1/users/{id}/reset-password",
                "Set a new initial password; the account must change it at next sign-in", http::Access::kSignedIn,
                http::AuditKind::kChange, "user"},
               ResetPassword);
    router.Add({"POST", "/api/v1/users/{id}/api-keys", "Issue an API key to a data-exchange account (shown once)",
                http::Access::kSignedIn, http::AuditKind::kChange, "api_key"},
               CreateApiKey);
}

}  // namespace tuoyu::features
