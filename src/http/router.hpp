#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "access/authenticator.hpp"
#include "access/role.hpp"
#include "audit/audit_batcher.hpp"
#include "core/clock.hpp"
#include "http/request.hpp"
#include "storage/database.hpp"

namespace tuoyu::http {

enum class Access { kPublic, kSignedIn };

// What a route's success writes to the audit log: nothing, a change, or a read of personal data.
enum class AuditKind { kNone, kChange, kPersonalRead };

struct RouteSpec {
    std::string method;
    std::string pattern;  // "/api/v1/users/{id}"
    std::string summary;
    Access access = Access::kSignedIn;
    AuditKind audit = AuditKind::kNone;
    std::string object_type;              // for audit records
    bool allow_api_key = false;           // data-exchange clients may call it with a bearer key
    bool allow_pending_password = false;  // reachable before a forced password change
};

struct Services {
    storage::Database& database;
    const Clock& clock;
    access::Authenticator& authenticator;
    bool secure_cookies = false;
    std::string version;
    // When set, the server hands a reply's deferred audit records to it and sends the reply once
    // they are committed; without it the router commits them itself before returning.
    audit::AuditBatcher* audit_batcher = nullptr;
};

class Context {
  public:
    Context(const Request& request, const RouteSpec& route, Services& services,
            std::optional<access::Principal> principal)
        : request_(request), route_(route), services_(services), principal_(std::move(principal)) {}

    const Request& request() const { return request_; }
    const RouteSpec& route() const { return route_; }
    Services& services() const { return services_; }
    std::int64_t Now() const { return services_.clock.NowMillis(); }

    bool signed_in() const { return principal_.has_value(); }
    const access::Principal& principal() const;  // 401 when nobody is signed in

    // Throws 403 unless the caller has one of the roles.
    void RequireRole(std::initializer_list<access::Role> roles) const;

    std::string Param(const std::string& name) const;
    std::int64_t IdParam(const std::string& name) const;  // a positive integer, or 404

    // The success record of this route's audited action: appended in the caller's transaction
    // when it writes (a change and its record commit together), or, in a read transaction, kept
    // with the reply, which leaves only once the record is committed.
    void Audit(storage::Transaction& tx, const std::string& object_id, const std::string& region_code,
               const std::string& before, const std::string& after, const std::string& outcome = "ok");
    std::vector<audit::Event>& deferred_audit() { return deferred_audit_; }

    std::vector<std::pair<std::string, std::string>>& extra_headers() { return extra_headers_; }

  private:
    const Request& request_;
    const RouteSpec& route_;
    Services& services_;
    std::optional<access::Principal> principal_;
    std::vector<std::pair<std::string, std::string>> extra_headers_;
    std::vector<audit::Event> deferred_audit_;
};

using Handler = std::function<Response(Context&)>;

// A handler given a value fixed when the routes are registered (the identity vault, a shared cache).
template <class T>
Handler BindValue(T value, Response (*handler)(Context&, const T&)) {
    return [value = std::move(value), handler](Context& context) { return handler(context, value); };
}

inline constexpr const char* kSessionCookie = "tuoyu_session";

// Matches a request to a route, then does what every route needs, in one place: authentication
// (session cookie or bearer key), the CSRF check for cookie sessions, the forced password change
// gate, the bilingual error reply, and an audit record for refused attempts on audited routes.
class Router {
  public:
    explicit Router(Services& services) : services_(services) {}

    void Add(RouteSpec spec, Handler handler);
    Response Dispatch(Request& request);
    const std::vector<RouteSpec>& routes() const { return specs_; }

    static Response ErrorReply(int status, const std::string& code, const std::string& field, const std::string& zh,
                               const std::string& en, const std::string& request_id, const std::string& rule = "");

  private:
    struct Segment {
        std::string text;
        bool parameter = false;
    };
    struct Route {
        std::vector<Segment> segments;
        Handler handler;
    };

    std::optional<access::Principal> Authenticate(const Request& request, const RouteSpec& spec) const;
    void AuditRefusal(const Request& request, const RouteSpec& spec, const access::Principal& principal,
                      const std::string& outcome) const;

    Services& services_;
    std::vector<RouteSpec> specs_;
    std::vector<Route> routes_;
};

}  // namespace tuoyu::http
