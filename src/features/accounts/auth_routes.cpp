#include "access/password_policy.hpp"
#include "audit/audit_log.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "features/accounts/user_json.hpp"
#include "features/routes.hpp"
#include "storage/query.hpp"

namespace tuoyu::features {

using access::Accounts;
using http::Context;
using http::Json;

namespace {

std::string SessionCookie(const Context& context, const std::string& token, std::int64_t max_age_seconds) {
    std::string cookie = std::string(http::kSessionCookie) + "=" + token +
                         "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age_seconds);
    if (context.services().secure_cookies) {
        cookie += "; Secure";
    }
    return cookie;
}

Json SessionJson(const access::UserRecord& user, const std::string& csrf_token) {
    return {{"user", UserJson(user, PhoneView::kMasked)},
            {"csrf_token", csrf_token},
            {"must_change_password", user.must_change_password}};
}

// A failed sign-in is a security event: record it with the name that was tried.
void AuditFailedLogin(Context& context, const std::string& username, const std::string& outcome) {
    audit::Event event;
    event.username = username.substr(0, 64);
    event.role = "";
    event.method = context.request().method;
    event.route = context.route().pattern;
    event.object_type = "session";
    event.object_id = "";
    event.region_code = "";
    event.outcome = outcome;
    event.digest = audit::DigestOf(context.request().remote_address, "");
    event.request_id = context.request().request_id;
    storage::Transaction tx = context.services().database.Write();
    audit::AuditLog::Append(tx, event, context.Now());
    tx.Commit();
}

http::Response Login(Context& context) {
    http::JsonBody body(context.request());
    const std::string username = body.RequiredString("username", 64);
    const std::string password = body.RequiredString("password", 128);
    body.Finish();
    access::LoginResult result;
    try {
        result = context.services().authenticator.Login(username, password, context.request().remote_address);
    } catch (const ApiError& error) {
        AuditFailedLogin(context, username, "denied");
        throw;
    }
    storage::Transaction tx = context.services().database.Write();
    std::optional<access::UserRecord> user = Accounts::FindForLogin(tx, username);
    audit::Event event;
    event.user_id = result.principal.user_id;
    event.username = result.principal.username;
    event.role = std::string(access::RoleCode(result.principal.role));
    event.method = "POST";
    event.route = context.route().pattern;
    event.object_type = "session";
    event.object_id = result.principal.session_hash.substr(0, 16);
    event.region_code = result.principal.region_code;
    event.outcome = "ok";
    event.digest = audit::DigestOf(context.request().remote_address, context.request().Header("user-agent"));
    event.request_id = context.request().request_id;
    audit::AuditLog::Append(tx, event, context.Now());
    tx.Commit();
    const auto max_age = context.services().authenticator.policy().absolute_timeout_ms / 1000;
    context.extra_headers().emplace_back("Set-Cookie", SessionCookie(context, result.session_token, max_age));
    return http::JsonReply(200, SessionJson(*user, result.principal.csrf_token));
}

http::Response Logout(Context& context) {
    const access::Principal& principal = context.principal();
    {
        storage::Transaction tx = context.services().database.Write();
        context.Audit(tx, principal.session_hash.substr(0, 16), principal.region_code, "", "");
        tx.Commit();
    }
    context.services().authenticator.Logout(principal);
    context.extra_headers().emplace_back("Set-Cookie", SessionCookie(context, "", 0));
    return http::NoContent();
}

http::Response Me(Context& context) {
    const access::Principal& principal = context.principal();
    storage::Transaction tx = context.services().database.Read();
    std::optional<access::UserRecord> user = Accounts::FindById(tx, Scope::All(), principal.user_id);
    tx.Commit();
    if (!user) {
        throw NotAuthenticated();
    }
    return http::JsonReply(200, SessionJson(*user, principal.csrf_token));
}

http::Response ChangePassword(Context& context) {
    const access::Principal& principal = context.principal();
    http::JsonBody body(context.request());
    const std::string old_password = body.RequiredString("old_password", 128);
    const std::string new_password = body.RequiredString("new_password", 128);
    body.Finish();
    if (std::optional<ApiError> weak = access::CheckPassword(principal.username, new_password)) {
        throw *weak;
    }
    if (old_password == new_password) {
        throw BadRequest("password_unchanged", "new_password", "新密码不能与原密码相同",
                         "The new password must differ from the old one");
    }
    storage::Transaction tx = context.services().database.Write();
    std::optional<access::UserRecord> user = Accounts::FindById(tx, Scope::All(), principal.user_id);
    if (!user || !crypto::VerifyPassword(user->password_hash, old_password)) {
        throw BadRequest("wrong_password", "old_password", "原密码不正确", "The current password is wrong");
    }
    Accounts::SetPassword(tx, user->id, crypto::HashPassword(new_password), false, context.Now());
    // Every other session of this account ends: whoever else held one must sign in again.
    storage::Query end_others("DELETE FROM sessions WHERE user_id = ");
    end_others.Bind(user->id).Sql(" AND token_hash <> ").Bind(principal.session_hash).Execute(tx);
    context.Audit(tx, std::to_string(user->id), user->region_code.value_or(""), "", "");
    tx.Commit();
    context.services().authenticator.ForgetUser(user->id);
    return http::NoContent();
}

}  // namespace

void RegisterAuthRoutes(http::Router& router) {
    router.Add({"POST", "/api/v1/auth/login", "Sign in with user name and password; sets the session cookie",
                http::Access::kPublic, http::AuditKind::kChange, "session"},
               Login);
    router.Add({"POST", "/api/v1/auth/logout", "End the current session", http::Access::kSignedIn,
                http::AuditKind::kChange, "session", false, true},
               Logout);
    router.Add({"GET", "/api/v1/auth/me", "The signed-in account and its CSRF token", http::Access::kSignedIn,
                http::AuditKind::kNone, "user", true, true},
               Me);
    router.Add({"POST", "/api/v1/auth/password", "Change one's own password", http::Access::kSignedIn,
                http::AuditKind::kChange, "user", false, true},
               ChangePassword);
}

}  // namespace tuoyu::features
