#include "support/fixtures.hpp"

#include <map>
#include <mutex>

#include "core/crypto.hpp"
#include "storage/migrations.hpp"
#include "storage/query.hpp"

namespace tuoyu::test {

namespace {

const std::string& CachedHash(const std::string& password) {
    static std::mutex mutex;
    static std::map<std::string, std::string> hashes;
    std::lock_guard lock(mutex);
    auto it = hashes.find(password);
    if (it == hashes.end()) {
        crypto::Init();
        it = hashes.emplace(password, crypto::HashPassword(password)).first;
    }
    return it->second;
}

void AddRegion(storage::Transaction& tx, const std::string& code, const std::string& name, int level,
               const std::string& parent) {
    storage::Query insert("INSERT INTO regions (code, name, level, parent_code) VALUES (");
    insert.Bind(code).Sql(", ").Bind(name).Sql(", ").Bind(std::int64_t{level}).Sql(", ");
    parent.empty() ? insert.Sql("NULL") : insert.Bind(parent);
    insert.Sql(")").Execute(tx);
}

std::int64_t AddInstitution(storage::Transaction& tx, const std::string& name, const std::string& region,
                            std::int64_t now) {
    storage::Query insert("INSERT INTO institutions (name, region_code, created_at) VALUES (");
    insert.Bind(name).Sql(", ").Bind(region).Sql(", ").Bind(now).Sql(") RETURNING id");
    return insert.Count(tx);
}

}  // namespace

MigratedDatabase::MigratedDatabase() : database_(test_database_.Open(3)) {
    storage::Migrate(*database_, clock_);
    storage::Transaction tx = database_->Write();
    AddRegion(tx, "210000000000", "辽宁省", 1, "");
    AddRegion(tx, "211100000000", "盘锦市", 2, "210000000000");
    AddRegion(tx, "211104000000", "大洼区", 3, "211100000000");
    AddRegion(tx, "211104004000", "大洼街道", 4, "211104000000");
    AddRegion(tx, "330000000000", "浙江省", 1, "");
    AddRegion(tx, "330200000000", "宁波市", 2, "330000000000");
    AddRegion(tx, "330281000000", "余姚市", 3, "330200000000");
    AddRegion(tx, "330281001000", "梨洲街道", 4, "330281000000");
    daowa_institution_ = AddInstitution(tx, "大洼托育", "211104004000", clock_.NowMillis());
    yuyao_institution_ = AddInstitution(tx, "余姚托育", "330281001000", clock_.NowMillis());
    tx.Commit();
}

std::int64_t MigratedDatabase::AddUser(const std::string& username, access::Role role, const std::string& region,
                                       std::int64_t institution, const std::string& password) {
    access::NewUser user;
    user.username = username;
    user.display_name = username;
    user.role = role;
    if (!region.empty()) {
        user.region_code = region;
    }
    if (institution != 0) {
        user.institution_id = institution;
    }
    if (role == access::Role::kRegulator) {
        user.department = "health";
    }
    user.phone = "13900001234";
    user.password_hash = CachedHash(password);
    user.must_change_password = false;
    storage::Transaction tx = database_->Write();
    const std::int64_t id = access::Accounts::Insert(tx, user, clock_.NowMillis());
    tx.Commit();
    return id;
}

}  // namespace tuoyu::test
