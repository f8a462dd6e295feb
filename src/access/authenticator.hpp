#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "access/accounts.hpp"
#include "access/role.hpp"
#include "core/clock.hpp"
#include "storage/database.hpp"

namespace tuoyu::access {

struct SessionPolicy {
    std::int64_t idle_timeout_ms = 30 * 60 * 1000;        // 等保: end an unattended session
    std::int64_t absolute_timeout_ms = 12 * 3600 * 1000;  // one working day at most
    std::int64_t lockout_threshold = 5;                   // consecutive failures on one account
    std::int64_t lockout_ms = 15 * 60 * 1000;
    std::int64_t ip_failure_limit = 20;          // failures from one address …
    std::int64_t ip_window_ms = 10 * 60 * 1000;  // … within this window
};

struct LoginResult {
    std::string session_token;  // goes to the cookie; only its hash is stored
    Principal principal;
};

// Counts failed logins per client address in memory. It slows guessing across many accounts,
// which the per-account lockout alone does not; it is per process, which is enough for that.
class LoginThrottle {
  public:
    explicit LoginThrottle(const SessionPolicy& policy) : policy_(policy) {}
    bool Allowed(const std::string& address, std::int64_t now);
    void RecordFailure(const std::string& address, std::int64_t now);
    void Forget(const std::string& address);

  private:
    struct Window {
        std::int64_t started = 0;
        std::int64_t failures = 0;
    };
    const SessionPolicy& policy_;
    std::mutex mutex_;
    std::unordered_map<std::string, Window> windows_;
};

class Authenticator {
  public:
    // How long a process may go on accepting a session that another process ended (logout,
    // disabled account, changed password): docs/decisions/0006.
    static constexpr std::int64_t kSessionCacheMs = 2000;
    static constexpr std::size_t kSessionCacheLimit = 10'000;

    Authenticator(storage::Database& database, const Clock& clock, SessionPolicy policy = {});

    // Throws ApiError: 401 bad_credentials, 423 account_locked, 429 too_many_attempts. The failure
    // count is committed even when the login fails.
    LoginResult Login(const std::string& username, const std::string& password, const std::string& address);

    // A principal for a session cookie's token, or nothing when it is unknown or expired.
    std::optional<Principal> FromSession(const std::string& token);
    std::optional<Principal> FromApiKey(const std::string& key);

    void Logout(const Principal& principal);

    // Drops what this process remembers of the account's sessions: call it after disabling an
    // account or changing its password, so that the change holds from the next request on.
    void ForgetUser(std::int64_t user_id);

    // Issues a new API key for an exchange client; returns the key, shown once.
    std::string CreateApiKey(storage::Transaction& tx, std::int64_t user_id, const std::string& label);

    const SessionPolicy& policy() const { return policy_; }

  private:
    std::optional<Principal> Build(const UserRecord& user);

    // Signed-in principals by session hash, for a short while: the session look-up is the one
    // query every request pays. Another process's changes (a second server, the command line)
    // take effect within kSessionCacheMs; this process's own take effect at once (ForgetUser,
    // Logout). A look-up that raced with such a change is not remembered: every forgetting moves
    // the generation on, and a look-up remembers its result only if the generation it started
    // under is still current.
    struct CachedSession {
        Principal principal;
        std::int64_t cached_at = 0;
        std::int64_t last_seen = 0;
        std::int64_t expires = 0;
    };
    std::mutex cache_mutex_;
    // Keyed by a keyed SipHash of the token under a key of this process: a hit costs no SHA-256.
    const std::string cache_key_secret_;
    std::unordered_map<std::string, CachedSession> session_cache_;
    std::uint64_t cache_generation_ = 0;

    storage::Database& database_;
    const Clock& clock_;
    SessionPolicy policy_;
    LoginThrottle throttle_;
};

}  // namespace tuoyu::access
