#include "access/accounts.hpp"

#include <soci/soci.h>

#include "storage/query.hpp"
#include "storage/row.hpp"

namespace tuoyu::access {

using storage::Int;
using storage::OptInt;
using storage::OptText;
using storage::Query;
using storage::Text;

namespace {

constexpr const char* kSelectUser =
    "SELECT u.id, u.username, u.display_name, u.role, u.department, u.region_code, r.name, u.institution_id, "
    "i.name, u.phone, u.password_hash, u.must_change_password, u.is_demo, u.disabled, u.failed_logins, "
    "u.locked_until, u.created_at, u.updated_at "
    "FROM users u LEFT JOIN regions r ON r.code = u.region_code LEFT JOIN institutions i ON i.id = u.institution_id "
    "WHERE 1 = 1";

const storage::ScopeColumns kUserScope{"u.region_code", "u.institution_id", "u.id"};

UserRecord ReadUser(const soci::row& row) {
    UserRecord user;
    user.id = Int(row, 0);
    user.username = Text(row, 1);
    user.display_name = Text(row, 2);
    user.role = ParseRole(Text(row, 3)).value_or(Role::kGuardian);
    user.department = OptText(row, 4);
    user.region_code = OptText(row, 5);
    user.region_name = OptText(row, 6);
    user.institution_id = OptInt(row, 7);
    user.institution_name = OptText(row, 8);
    user.phone = OptText(row, 9);
    user.password_hash = Text(row, 10);
    user.must_change_password = Int(row, 11) != 0;
    user.is_demo = Int(row, 12) != 0;
    user.disabled = Int(row, 13) != 0;
    user.failed_logins = Int(row, 14);
    user.locked_until = Int(row, 15);
    user.created_at = Int(row, 16);
    user.updated_at = Int(row, 17);
    return user;
}

std::optional<UserRecord> FindOne(storage::Transaction& tx, const Query& query) {
    std::optional<UserRecord> found;
    query.ForEach(tx, [&](const soci::row& row) { found = ReadUser(row); });
    return found;
}

void AppendFilter(Query& query, const UserFilter& filter) {
    if (!filter.keyword.empty()) {
        const std::string pattern = storage::LikePattern(filter.keyword);
        query.Sql(" AND (u.username LIKE ").Bind(pattern).Sql(" ESCAPE '\\' OR u.display_name LIKE ").Bind(pattern);
        query.Sql(" ESCAPE '\\')");
    }
    if (filter.role) {
        query.Sql(" AND u.role = ").Bind(std::string(RoleCode(*filter.role)));
    }
    if (filter.region_code) {
        storage::AppendRegionSubtree(query, "u.region_code", *filter.region_code);
    }
    if (filter.disabled) {
        query.Sql(" AND u.disabled = ").Bind(std::int64_t{*filter.disabled ? 1 : 0});
    }
}

}  // namespace

std::optional<UserRecord> Accounts::FindForLogin(storage::Transaction& tx, const std::string& username) {
    Query query(kSelectUser);
    query.Sql(" AND u.username = ").Bind(username);
    return FindOne(tx, query);
}

std::optional<UserRecord> Accounts::FindById(storage::Transaction& tx, const Scope& scope, std::int64_t id) {
    Query query(kSelectUser);
    query.Sql(" AND u.id = ").Bind(id);
    storage::AppendScope(query, scope, kUserScope);
    return FindOne(tx, query);
}

UserPage Accounts::List(storage::Transaction& tx, const Scope& scope, const UserFilter& filter,
                        const PageRequest& page) {
    UserPage result;
    Query count(
        "SELECT COUNT(*) FROM users u LEFT JOIN regions r ON r.code = u.region_code "
        "LEFT JOIN institutions i ON i.id = u.institution_id WHERE 1 = 1");
    storage::AppendScope(count, scope, kUserScope);
    AppendFilter(count, filter);
    result.total = count.Count(tx);

    Query query(kSelectUser);
    storage::AppendScope(query, scope, kUserScope);
    AppendFilter(query, filter);
    const std::string sort = page.sort.empty() ? "id" : page.sort;  // checked against kUserSortFields
    query.Sql(" ORDER BY u." + sort + (page.descending ? " DESC" : " ASC") + ", u.id ASC LIMIT ")
        .Bind(page.page_size)
        .Sql(" OFFSET ")
        .Bind(page.offset());
    query.ForEach(tx, [&](const soci::row& row) { result.items.push_back(ReadUser(row)); });
    return result;
}

bool Accounts::UsernameTaken(storage::Transaction& tx, const std::string& username) {
    Query query("SELECT COUNT(*) FROM users WHERE username = ");
    query.Bind(username);
    return query.Count(tx) > 0;
}

std::int64_t Accounts::Insert(storage::Transaction& tx, const NewUser& user, std::int64_t now) {
    Query query(
        "INSERT INTO users (username, display_name, role, department, region_code, institution_id, phone, "
        "password_hash, must_change_password, is_demo, created_at, updated_at) VALUES (");
    query.Bind(user.username).Sql(", ").Bind(user.display_name).Sql(", ").Bind(std::string(RoleCode(user.role)));
    query.Sql(", ");
    user.department ? query.Bind(*user.department) : query.Sql("NULL");
    query.Sql(", ");
    user.region_code ? query.Bind(*user.region_code) : query.Sql("NULL");
    query.Sql(", ");
    user.institution_id ? query.Bind(*user.institution_id) : query.Sql("NULL");
    query.Sql(", ");
    user.phone ? query.Bind(*user.phone) : query.Sql("NULL");
    query.Sql(", ").Bind(user.password_hash);
    query.Sql(", ").Bind(std::int64_t{user.must_change_password ? 1 : 0});
    query.Sql(", ").Bind(std::int64_t{user.is_demo ? 1 : 0});
    query.Sql(", ").Bind(now).Sql(", ").Bind(now).Sql(") RETURNING id");
    return query.Count(tx);
}

void Accounts::SetProfile(storage::Transaction& tx, std::int64_t id, const std::string& display_name,
                          const std::optional<std::string>& phone, const std::optional<std::string>& department,
                          std::int64_t now) {
    Query query("UPDATE users SET display_name = ");
    query.Bind(display_name).Sql(", phone = ");
    phone ? query.Bind(*phone) : query.Sql("NULL");
    query.Sql(", department = ");
    department ? query.Bind(*department) : query.Sql("NULL");
    query.Sql(", updated_at = ").Bind(now).Sql(" WHERE id = ").Bind(id);
    query.Execute(tx);
}

void Accounts::SetDisabled(storage::Transaction& tx, std::int64_t id, bool disabled, std::int64_t now) {
    Query query("UPDATE users SET disabled = ");
    query.Bind(std::int64_t{disabled ? 1 : 0}).Sql(", updated_at = ").Bind(now).Sql(" WHERE id = ").Bind(id);
    query.Execute(tx);
    if (disabled) {
        Query end_sessions("DELETE FROM sessions WHERE user_id = ");
        end_sessions.Bind(id).Execute(tx);
    }
}

void Accounts::SetPassword(storage::Transaction& tx, std::int64_t id, const std::string& password_hash,
                           bool must_change, std::int64_t now) {
    Query query("UPDATE users SET password_hash = ");
    query.Bind(password_hash)
        .Sql(", must_change_password = ")
        .Bind(std::int64_t{must_change ? 1 : 0})
        .Sql(", failed_logins = 0, locked_until = 0, updated_at = ")
        .Bind(now)
        .Sql(" WHERE id = ")
        .Bind(id);
    query.Execute(tx);
}

void Accounts::RecordLoginFailure(storage::Transaction& tx, std::int64_t id, std::int64_t failed_logins,
                                  std::int64_t locked_until) {
    Query query("UPDATE users SET failed_logins = ");
    query.Bind(failed_logins).Sql(", locked_until = ").Bind(locked_until).Sql(" WHERE id = ").Bind(id);
    query.Execute(tx);
}

void Accounts::RecordLoginSuccess(storage::Transaction& tx, std::int64_t id) {
    Query query("UPDATE users SET failed_logins = 0, locked_until = 0 WHERE id = ");
    query.Bind(id).Execute(tx);
}

}  // namespace tuoyu::access
