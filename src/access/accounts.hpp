#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "access/role.hpp"
#include "core/paging.hpp"
#include "core/scope.hpp"
#include "storage/database.hpp"

namespace tuoyu::access {

struct UserRecord {
    std::int64_t id = 0;
    std::string username;
    std::string display_name;
    Role role = Role::kGuardian;
    std::optional<std::string> department;
    std::optional<std::string> region_code;
    std::optional<std::string> region_name;
    std::optional<std::int64_t> institution_id;
    std::optional<std::string> institution_name;
    std::optional<std::string> phone;
    std::string password_hash;
    bool must_change_password = false;
    bool is_demo = false;
    bool disabled = false;
    std::int64_t failed_logins = 0;
    std::int64_t locked_until = 0;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
};

struct NewUser {
    std::string username;
    std::string display_name;
    Role role = Role::kGuardian;
    std::optional<std::string> department;
    std::optional<std::string> region_code;
    std::optional<std::int64_t> institution_id;
    std::optional<std::string> phone;
    std::string password_hash;
    bool must_change_password = true;
    bool is_demo = false;
};

struct UserFilter {
    std::string keyword;  // matches user name or display name
    std::optional<Role> role;
    std::optional<std::string> region_code;  // a subtree, within the caller's scope
    std::optional<bool> disabled;
};

struct UserPage {
    std::vector<UserRecord> items;
    std::int64_t total = 0;
};

inline constexpr const char* kUserSortFields[] = {"id", "username", "created_at"};

// Account storage. Everything but the login look-up takes the caller's scope: a regulator sees
// the accounts of their region's subtree, an institution administrator those of the
// institution, a guardian only their own.
class Accounts {
  public:
    // For login and session checks only: unscoped by nature.
    static std::optional<UserRecord> FindForLogin(storage::Transaction& tx, const std::string& username);
    static std::optional<UserRecord> FindById(storage::Transaction& tx, const Scope& scope, std::int64_t id);
    static UserPage List(storage::Transaction& tx, const Scope& scope, const UserFilter& filter,
                         const PageRequest& page);
    static bool UsernameTaken(storage::Transaction& tx, const std::string& username);
    static std::int64_t Insert(storage::Transaction& tx, const NewUser& user, std::int64_t now);

    static void SetProfile(storage::Transaction& tx, std::int64_t id, const std::string& display_name,
                           const std::optional<std::string>& phone, const std::optional<std::string>& department,
                           std::int64_t now);
    static void SetDisabled(storage::Transaction& tx, std::int64_t id, bool disabled, std::int64_t now);
    static void SetPassword(storage::Transaction& tx, std::int64_t id, const std::string& password_hash,
                            bool must_change, std::int64_t now);
    static void RecordLoginFailure(storage::Transaction& tx, std::int64_t id, std::int64_t failed_logins,
                                   std::int64_t locked_until);
    static void RecordLoginSuccess(storage::Transaction& tx, std::int64_t id);
};

}  // namespace tuoyu::access
