#include "http/router.hpp"

#include <iostream>

#include "audit/audit_log.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "http/json_io.hpp"

namespace tuoyu::http {

namespace {

std::vector<std::string> SplitPath(const std::string& path) {
    std::vector<std::string> parts;
    std::size_t at = 1;
    while (at <= path.size()) {
        std::size_t end = path.find('/', at);
        if (end == std::string::npos) {
            end = path.size();
        }
        parts.push_back(path.substr(at, end - at));
        at = end + 1;
    }
    return parts;
}

bool Unsafe(const std::string& method) {
    return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

}  // namespace

const access::Principal& Context::principal() const {
    if (!principal_) {
        throw NotAuthenticated();
    }
    return *principal_;
}

void Context::RequireRole(std::initializer_list<access::Role> roles) const {
    if (!principal().Is(roles)) {
        throw Forbidden();
    }
}

std::string Context::Param(const std::string& name) const {
    auto it = request_.path_params.find(name);
    return it == request_.path_params.end() ? std::string() : it->second;
}

std::int64_t Context::IdParam(const std::string& name) const {
    const std::string text = Param(name);
    if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos) {
        throw NotFound("记录", route_.object_type.empty() ? "record" : route_.object_type);
    }
    return std::stoll(text);
}

void Context::Audit(storage::Transaction& tx, const std::string& object_id, const std::string& region_code,
                    const std::string& before, const std::string& after, const std::string& outcome) {
    audit::Event event;
    if (principal_) {
        event.user_id = principal_->user_id;
        event.username = principal_->username;
        event.role = std::string(access::RoleCode(principal_->role));
    }
    event.method = request_.method;
    event.route = route_.pattern;
    event.object_type = route_.object_type;
    event.object_id = object_id;
    event.region_code = region_code;
    event.outcome = outcome;
    event.digest = audit::DigestOf(before, after);
    event.request_id = request_.request_id;
    if (tx.writable()) {
        audit::AuditLog::Append(tx, event, Now());
    } else {
        deferred_audit_.push_back(std::move(event));
    }
}

void Router::Add(RouteSpec spec, Handler handler) {
    Route route;
    for (const std::string& part : SplitPath(spec.pattern)) {
        const bool parameter = part.size() > 2 && part.front() == '{' && part.back() == '}';
        route.segments.push_back({parameter ? part.substr(1, part.size() - 2) : part, parameter});
    }
    route.handler = std::move(handler);
    specs_.push_back(std::move(spec));
    routes_.push_back(std::move(route));
}

Response Router::ErrorReply(int status, const std::string& code, const std::string& field, const std::string& zh,
                            const std::string& en, const std::string& request_id, const std::string& rule) {
    Json body{{"code", code},
              {"field", field.empty() ? Json() : Json(field)},
              {"message_zh", zh},
              {"message_en", en},
              {"request_id", request_id}};
    if (!rule.empty()) {
        body["rule"] = rule;
    }
    return JsonReply(status, body);
}

std::optional<access::Principal> Router::Authenticate(const Request& request, const RouteSpec& spec) const {
    const std::string authorization = request.Header("authorization");
    if (!authorization.empty()) {
        if (authorization.rfind("Bearer ", 0) != 0) {
            throw ApiError(401, "invalid_token", "Authorization", "认证头格式错误", "Malformed Authorization header");
        }
        std::optional<access::Principal> principal = services_.authenticator.FromApiKey(authorization.substr(7));
        if (!principal) {
            throw ApiError(401, "invalid_token", "Authorization", "访问令牌无效或已吊销",
                           "The access token is invalid or revoked");
        }
        return principal;
    }
    const std::string token = request.Cookie(kSessionCookie);
    if (token.empty()) {
        return std::nullopt;
    }
    std::optional<access::Principal> principal = services_.authenticator.FromSession(token);
    if (!principal && spec.access == Access::kSignedIn) {
        throw ApiError(401, "session_expired", "", "会话已过期，请重新登录", "The session has expired; sign in again");
    }
    return principal;
}

void Router::AuditRefusal(const Request& request, const RouteSpec& spec, const access::Principal& principal,
                          const std::string& outcome) const {
    audit::Event event;
    event.user_id = principal.user_id;
    event.username = principal.username;
    event.role = std::string(access::RoleCode(principal.role));
    event.method = request.method;
    event.route = spec.pattern;
    event.object_type = spec.object_type;
    for (const char* name : {"id", "code"}) {
        auto it = request.path_params.find(name);
        if (it != request.path_params.end()) {
            event.object_id = it->second.substr(0, 64);
        }
    }
    event.region_code = principal.region_code;
    event.outcome = outcome;
    event.digest = audit::DigestOf("", "");
    event.request_id = request.request_id;
    storage::Transaction tx = services_.database.Write();
    audit::AuditLog::Append(tx, event, services_.clock.NowMillis());
    tx.Commit();
}

Response Router::Dispatch(Request& request) {
    const std::vector<std::string> parts = SplitPath(request.path);
    const Route* matched = nullptr;
    const RouteSpec* spec = nullptr;
    bool path_known = false;
    for (std::size_t i = 0; i < routes_.size() && matched == nullptr; ++i) {
        const Route& route = routes_[i];
        if (route.segments.size() != parts.size()) {
            continue;
        }
        bool same = true;
        for (std::size_t s = 0; s < parts.size() && same; ++s) {
            same = route.segments[s].parameter ? !parts[s].empty() : route.segments[s].text == parts[s];
        }
        if (!same) {
            continue;
        }
        path_known = true;
        if (specs_[i].method == request.method) {
            matched = &route;
            spec = &specs_[i];
            // The parameters of the matching route only: a map for every candidate cost more.
            request.path_params.clear();
            for (std::size_t s = 0; s < parts.size(); ++s) {
                if (route.segments[s].parameter) {
                    request.path_params[route.segments[s].text] = parts[s];
                }
            }
        }
    }
    if (matched == nullptr) {
        return path_known ? ErrorReply(405, "method_not_allowed", "", "不支持此请求方法", "Method not allowed",
                                       request.request_id)
                          : ErrorReply(404, "no_such_route", "", "接口不存在", "No such API route", request.request_id);
    }
    std::optional<access::Principal> principal;
    try {
        // Public routes (health, login) need nobody: credentials sent to them are not looked at.
        if (spec->access == Access::kSignedIn) {
            principal = Authenticate(request, *spec);
            if (!principal) {
                throw NotAuthenticated();
            }
            if (principal->via_api_key && !spec->allow_api_key) {
                throw ApiError(403, "api_key_not_allowed", "", "此接口不接受访问令牌",
                               "This route does not accept API keys");
            }
            if (!principal->via_api_key && Unsafe(request.method) &&
                !crypto::SameSecret(request.Header("x-csrf-token"), principal->csrf_token)) {
                throw ApiError(403, "csrf_failed", "X-CSRF-Token", "请求缺少有效的 CSRF 令牌，请刷新页面后重试",
                               "Missing or wrong CSRF token; reload the page and try again");
            }
            if (principal->must_change_password && !spec->allow_pending_password) {
                throw ApiError(403, "password_change_required", "", "请先修改初始密码",
                               "Change your initial password first");
            }
        }
        Context context(request, *spec, services_, principal);
        Response response = matched->handler(context);
        for (auto& header : context.extra_headers()) {
            response.headers.push_back(std::move(header));
        }
        response.deferred_audit = std::move(context.deferred_audit());
        if (!response.deferred_audit.empty() && services_.audit_batcher == nullptr) {
            storage::Transaction tx = services_.database.Write();
            audit::AuditLog::AppendAll(tx, response.deferred_audit, services_.clock.NowMillis());
            tx.Commit();
            response.deferred_audit.clear();
        }
        return response;
    } catch (const ApiError& error) {
        if (principal && spec->audit != AuditKind::kNone && (error.status() == 403 || error.status() == 404)) {
            try {
                AuditRefusal(request, *spec, *principal, "denied");
            } catch (const std::exception& audit_error) {
                std::cerr << "audit of a refusal failed: " << audit_error.what() << '\n';
                return ErrorReply(500, "internal_error", "", "服务器内部错误", "Internal server error",
                                  request.request_id);
            }
        }
        return ErrorReply(error.status(), error.code(), error.field(), error.message_zh(), error.message_en(),
                          request.request_id, error.rule());
    } catch (const std::exception& error) {
        std::cerr << "request " << request.request_id << " failed: " << error.what() << '\n';
        return ErrorReply(500, "internal_error", "", "服务器内部错误，请稍后重试",
                          "Internal server error; try again later", request.request_id);
    }
}

}  // namespace tuoyu::http
