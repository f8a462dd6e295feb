#include <gtest/gtest.h>

#include <soci/soci.h>

#include "access/accounts.hpp"
#include "support/fixtures.hpp"

namespace tuoyu {
namespace {

using access::Accounts;
using access::Role;

class AccountsTest : public ::testing::Test {
  protected:
    test::MigratedDatabase db_;
};

TEST_F(AccountsTest, InsertedAccountReadsBackWithRegionAndInstitutionNames) {
    const auto id = db_.AddUser("carer", Role::kInstitutionStaff, "211104004000", db_.daowa_institution());
    storage::Transaction tx = db_.database().Read();
    const auto user = Accounts::FindById(tx, Scope::All(), id);
    ASSERT_TRUE(user);
    EXPECT_EQ(user->username, "carer");
    EXPECT_EQ(user->role, Role::kInstitutionStaff);
    EXPECT_EQ(user->region_name, "大洼街道");
    EXPECT_EQ(user->institution_name, "大洼托育");
    EXPECT_EQ(user->phone, "13900001234");
    EXPECT_EQ(user->created_at, db_.clock().NowMillis());
}

TEST_F(AccountsTest, RegulatorScopeSeesItsSubtreeOnly) {
    const auto daowa = db_.AddUser("daowa", Role::kRegulator, "211104000000");
    const auto town = db_.AddUser("town", Role::kRegulator, "211104004000");
    const auto yuyao = db_.AddUser("yuyao", Role::kRegulator, "330281000000");
    storage::Transaction tx = db_.database().Read();
    const Scope scope = Scope::Region("211104000000");
    EXPECT_TRUE(Accounts::FindById(tx, scope, daowa));
    EXPECT_TRUE(Accounts::FindById(tx, scope, town));
    EXPECT_FALSE(Accounts::FindById(tx, scope, yuyao));
    const auto page = Accounts::List(tx, scope, {}, PageRequest{});
    EXPECT_EQ(page.total, 2);
    for (const auto& user : page.items) {
        EXPECT_NE(user.username, "yuyao");
    }
}

TEST_F(AccountsTest, InstitutionAndGuardianScopes) {
    const auto own = db_.AddUser("own", Role::kInstitutionStaff, "211104004000", db_.daowa_institution());
    const auto other = db_.AddUser("other", Role::kInstitutionStaff, "330281001000", db_.yuyao_institution());
    const auto parent = db_.AddUser("parent", Role::kGuardian);
    storage::Transaction tx = db_.database().Read();
    const Scope institution = Scope::Institution(db_.daowa_institution(), "211104004000");
    EXPECT_TRUE(Accounts::FindById(tx, institution, own));
    EXPECT_FALSE(Accounts::FindById(tx, institution, other));
    EXPECT_FALSE(Accounts::FindById(tx, institution, parent));
    EXPECT_TRUE(Accounts::FindById(tx, Scope::Guardian(parent), parent));
    EXPECT_FALSE(Accounts::FindById(tx, Scope::Guardian(parent), own));
    EXPECT_FALSE(Accounts::FindById(tx, Scope::None(), own));
    EXPECT_EQ(Accounts::List(tx, Scope::None(), {}, PageRequest{}).total, 0);
}

TEST_F(AccountsTest, ListFiltersSortsAndPages) {
    for (int i = 0; i < 7; ++i) {
        db_.AddUser("reg" + std::to_string(i), Role::kRegulator, i % 2 == 0 ? "211104000000" : "330281000000");
    }
    storage::Transaction tx = db_.database().Read();
    access::UserFilter filter;
    filter.region_code = "211104000000";
    PageRequest page;
    page.page_size = 2;
    page.page = 2;
    page.sort = "username";
    page.descending = true;
    const auto result = Accounts::List(tx, Scope::All(), filter, page);
    EXPECT_EQ(result.total, 4);  // reg0, reg2, reg4, reg6
    ASSERT_EQ(result.items.size(), 2u);
    EXPECT_EQ(result.items[0].username, "reg2");
    EXPECT_EQ(result.items[1].username, "reg0");
    filter = {};
    filter.keyword = "reg5";
    EXPECT_EQ(Accounts::List(tx, Scope::All(), filter, PageRequest{}).total, 1);
}

TEST_F(AccountsTest, UsernamesAreUnique) {
    db_.AddUser("same", Role::kGuardian);
    EXPECT_ANY_THROW(db_.AddUser("same", Role::kGuardian));
}

TEST_F(AccountsTest, UncommittedTransactionLeavesNoTrace) {
    {
        storage::Transaction tx = db_.database().Write();
        access::NewUser user;
        user.username = "ghost";
        user.display_name = "ghost";
        user.password_hash = "x";
        Accounts::Insert(tx, user, 1);
        // no Commit: the destructor rolls back, as when a request throws
    }
    storage::Transaction tx = db_.database().Read();
    EXPECT_FALSE(Accounts::UsernameTaken(tx, "ghost"));
}

TEST_F(AccountsTest, DatabaseRefusesUnknownRolesAndDanglingReferences) {
    storage::Transaction tx = db_.database().Write();
    EXPECT_ANY_THROW(tx.sql() << "INSERT INTO users (username, display_name, role, password_hash, created_at, "
                                 "updated_at) VALUES ('x', 'x', 'superuser', 'h', 1, 1)");
}

}  // namespace
}  // namespace tuoyu
