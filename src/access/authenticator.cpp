#include "access/authenticator.hpp"

#include <soci/soci.h>

#include "core/crypto.hpp"
#include "core/error.hpp"
#include "storage/query.hpp"
#include "storage/row.hpp"

namespace tuoyu::access {

using storage::Query;

bool LoginThrottle::Allowed(const std::string& address, std::int64_t now) {
    std::lock_guard lock(mutex_);
    auto it = windows_.find(address);
    if (it == windows_.end()) {
        return true;
    }
    if (now - it->second.started > policy_.ip_window_ms) {
        windows_.erase(it);
        return true;
    }
    return it->second.failures < policy_.ip_failure_limit;
}

void LoginThrottle::RecordFailure(const std::string& address, std::int64_t now) {
    std::lock_guard lock(mutex_);
    if (windows_.size() > 100'000) {
        windows_.clear();  // bounded memory under a spray of addresses
    }
    Window& window = windows_[address];
    if (window.failures == 0 || now - window.started > policy_.ip_window_ms) {
        window = {now, 0};
    }
    ++window.failures;
}

void LoginThrottle::Forget(const std::string& address) {
    std::lock_guard lock(mutex_);
    windows_.erase(address);
}

Authenticator::Authenticator(storage::Database& database, const Clock& clock, SessionPolicy policy)
    : cache_key_secret_(crypto::RandomBytes(16)),
      database_(database),
      clock_(clock),
      policy_(policy),
      throttle_(policy_) {}

namespace {

ApiError BadCredentials() {
    return {401, "bad_credentials", "password", "用户名或密码错误", "Wrong user name or password"};
}

// A fixed hash to verify against when the user does not exist, so that a wrong name and a wrong
// password take the same time.
const std::string& DummyHash() {
    static const std::string hash = crypto::HashPassword("tuoyu-timing-equaliser");
    return hash;
}

}  // namespace

LoginResult Authenticator::Login(const std::string& username, const std::string& password, const std::string& address) {
    const std::int64_t now = clock_.NowMillis();
    if (!throttle_.Allowed(address, now)) {
        throw ApiError(429, "too_many_attempts", "", "登录失败次数过多，请稍后再试",
                       "Too many failed sign-ins from this address; try again later");
    }
    storage::Transaction tx = database_.Write();
    std::optional<UserRecord> user = Accounts::FindForLogin(tx, username);
    if (!user) {
        crypto::VerifyPassword(DummyHash(), password);
        throttle_.RecordFailure(address, now);
        throw BadCredentials();
    }
    if (user->locked_until > now) {
        throw ApiError(423, "account_locked", "", "账号因多次登录失败已被临时锁定，请15分钟后再试",
                       "The account is locked after repeated failed sign-ins; try again in 15 minutes");
    }
    if (!crypto::VerifyPassword(user->password_hash, password)) {
        throttle_.RecordFailure(address, now);
        const std::int64_t failures = user->failed_logins + 1;
        const bool lock = failures >= policy_.lockout_threshold;
        Accounts::RecordLoginFailure(tx, user->id, lock ? 0 : failures, lock ? now + policy_.lockout_ms : 0);
        tx.Commit();
        throw BadCredentials();
    }
    if (user->disabled || user->role == Role::kExchange) {
        throw ApiError(403, "account_disabled", "", "账号已停用或不能登录",
                       "This account is disabled or cannot sign in");
    }
    Accounts::RecordLoginSuccess(tx, user->id);
    // Sweep expired sessions here, where a write transaction is open anyway.
    Query sweep("DELETE FROM sessions WHERE expires_at < ");
    sweep.Bind(now).Sql(" OR last_seen_at < ").Bind(now - policy_.idle_timeout_ms).Execute(tx);
    LoginResult result;
    result.session_token = crypto::NewToken();
    std::optional<Principal> principal = Build(*user);
    result.principal = *principal;
    result.principal.csrf_token = crypto::NewToken();
    result.principal.session_hash = crypto::Sha256Hex(result.session_token);
    Query insert(
        "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at) VALUES (");
    insert.Bind(result.principal.session_hash).Sql(", ").Bind(user->id).Sql(", ").Bind(result.principal.csrf_token);
    insert.Sql(", ").Bind(now).Sql(", ").Bind(now).Sql(", ").Bind(now + policy_.absolute_timeout_ms).Sql(")");
    insert.Execute(tx);
    tx.Commit();
    throttle_.Forget(address);
    return result;
}

std::optional<Principal> Authenticator::Build(const UserRecord& user) {
    if (user.disabled) {
        return std::nullopt;
    }
    Principal principal;
    principal.user_id = user.id;
    principal.username = user.username;
    principal.role = user.role;
    principal.department = user.department.value_or("");
    principal.region_code = user.region_code.value_or("");
    principal.institution_id = user.institution_id.value_or(0);
    principal.must_change_password = user.must_change_password;
    if ((user.role == Role::kRegulator && principal.region_code.empty()) ||
        (IsInstitutionRole(user.role) && principal.institution_id == 0)) {
        return std::nullopt;  // an account without the anchor of its scope sees nothing at all
    }
    return principal;
}

std::optional<Principal> Authenticator::FromSession(const std::string& token) {
    if (token.empty() || token.size() > 100) {
        return std::nullopt;
    }
    const std::string cache_key = crypto::KeyedShortHash(token, cache_key_secret_);
    const std::int64_t now = clock_.NowMillis();
    std::uint64_t generation = 0;
    {
        std::lock_guard lock(cache_mutex_);
        generation = cache_generation_;
        auto it = session_cache_.find(cache_key);
        if (it != session_cache_.end()) {
            const CachedSession& cached = it->second;
            if (now - cached.cached_at < kSessionCacheMs && now <= cached.expires && now - cached.last_seen <= 60'000) {
                return cached.principal;
            }
            session_cache_.erase(it);
        }
    }
    const std::string hash = crypto::Sha256Hex(token);
    // One statement per request: this runs before every signed-in call.
    Query query(
        "SELECT u.id, u.username, u.role, u.department, u.region_code, u.institution_id, u.must_change_password, "
        "u.disabled, s.csrf_token, s.last_seen_at, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id "
        "WHERE s.token_hash = ");
    query.Bind(hash);
    UserRecord user;
    std::string csrf;
    std::int64_t last_seen = 0, expires = 0;
    bool found = false;
    {
        storage::Transaction tx = database_.Read();
        query.ForEach(tx, [&](const soci::row& row) {
            found = true;
            user.id = storage::Int(row, 0);
            user.username = storage::Text(row, 1);
            user.role = ParseRole(storage::Text(row, 2)).value_or(Role::kGuardian);
            user.department = storage::OptText(row, 3);
            user.region_code = storage::OptText(row, 4);
            user.institution_id = storage::OptInt(row, 5);
            user.must_change_password = storage::Int(row, 6) != 0;
            user.disabled = storage::Int(row, 7) != 0;
            csrf = storage::Text(row, 8);
            last_seen = storage::Int(row, 9);
            expires = storage::Int(row, 10);
        });
        tx.Commit();
    }
    if (!found || now > expires || now - last_seen > policy_.idle_timeout_ms) {
        return std::nullopt;
    }
    std::optional<Principal> principal = Build(user);
    if (!principal) {
        return std::nullopt;
    }
    principal->csrf_token = csrf;
    principal->session_hash = hash;
    // Touch the session at most once a minute: a write per request would serialise reads.
    if (now - last_seen > 60'000) {
        storage::Transaction write = database_.Write();
        Query touch("UPDATE sessions SET last_seen_at = ");
        touch.Bind(now).Sql(" WHERE token_hash = ").Bind(hash).Execute(write);
        write.Commit();
        last_seen = now;
    }
    std::lock_guard lock(cache_mutex_);
    if (generation != cache_generation_) {
        return principal;  // an account changed meanwhile: this answer may be stale already
    }
    if (session_cache_.size() >= kSessionCacheLimit) {
        session_cache_.clear();
    }
    session_cache_[cache_key] = {*principal, now, last_seen, expires};
    return principal;
}

std::optional<Principal> Authenticator::FromApiKey(const std::string& key) {
    if (key.empty() || key.size() > 100) {
        return std::nullopt;
    }
    const std::string hash = crypto::Sha256Hex(key);
    storage::Transaction tx = database_.Read();
    std::string username;
    soci::indicator found = soci::i_null;
    tx.sql() << "SELECT u.username FROM api_keys k JOIN users u ON u.id = k.user_id "
                "WHERE k.key_hash = :h AND k.revoked_at IS NULL",
        soci::use(hash), soci::into(username, found);
    if (!tx.sql().got_data()) {
        return std::nullopt;
    }
    std::optional<UserRecord> user = Accounts::FindForLogin(tx, username);
    tx.Commit();
    if (!user) {
        return std::nullopt;
    }
    std::optional<Principal> principal = Build(*user);
    if (principal) {
        principal->via_api_key = true;
    }
    return principal;
}

void Authenticator::ForgetUser(std::int64_t user_id) {
    std::lock_guard lock(cache_mutex_);
    ++cache_generation_;
    std::erase_if(session_cache_, [user_id](const auto& entry) { return entry.second.principal.user_id == user_id; });
}

void Authenticator::Logout(const Principal& principal) {
    if (principal.session_hash.empty()) {
        return;
    }
    storage::Transaction tx = database_.Write();
    Query query("DELETE FROM sessions WHERE token_hash = ");
    query.Bind(principal.session_hash).Execute(tx);
    tx.Commit();
    // After the commit: a look-up running now either finds the row gone or is not remembered.
    std::lock_guard lock(cache_mutex_);
    ++cache_generation_;
    const std::string& ended = principal.session_hash;
    std::erase_if(session_cache_, [&ended](const auto& entry) { return entry.second.principal.session_hash == ended; });
}

std::string Authenticator::CreateApiKey(storage::Transaction& tx, std::int64_t user_id, const std::string& label) {
    const std::string key = "tyk_" + crypto::NewToken();
    Query query("INSERT INTO api_keys (key_hash, user_id, label, created_at) VALUES (");
    query.Bind(crypto::Sha256Hex(key)).Sql(", ").Bind(user_id).Sql(", ").Bind(label).Sql(", ").Bind(clock_.NowMillis());
    query.Sql(")").Execute(tx);
    return key;
}

}  // namespace tuoyu::access
