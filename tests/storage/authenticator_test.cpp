#include <gtest/gtest.h>

#include <soci/soci.h>

#include "access/authenticator.hpp"
#include "core/error.hpp"
#include "support/fixtures.hpp"

namespace tuoyu {
namespace {

using access::Authenticator;
using access::Role;

int StatusOf(const std::function<void()>& action) {
    try {
        action();
    } catch (const ApiError& error) {
        return error.status();
    }
    return 200;
}

class AuthenticatorTest : public ::testing::Test {
  protected:
    void SetUp() override { user_id_ = db_.AddUser("daowa", Role::kRegulator, "211104000000"); }

    test::MigratedDatabase db_;
    Authenticator auth_{db_.database(), db_.clock()};
    std::int64_t user_id_ = 0;
};

TEST_F(AuthenticatorTest, LoginIssuesASessionStoredOnlyAsAHash) {
    const auto result = auth_.Login("daowa", "Correct#Horse9", "10.0.0.1");
    EXPECT_EQ(result.session_token.size(), 43u);  // 32 random bytes, base64url
    EXPECT_EQ(result.principal.user_id, user_id_);
    storage::Transaction tx = db_.database().Read();
    std::string stored;
    tx.sql() << "SELECT token_hash FROM sessions", soci::into(stored);
    EXPECT_NE(stored, result.session_token);
    EXPECT_EQ(stored.size(), 64u);
    const auto principal = auth_.FromSession(result.session_token);
    ASSERT_TRUE(principal);
    EXPECT_EQ(principal->scope().kind, Scope::Kind::kRegion);
    EXPECT_EQ(principal->csrf_token, result.principal.csrf_token);
}

TEST_F(AuthenticatorTest, WrongPasswordAndUnknownUserLookTheSame) {
    EXPECT_EQ(StatusOf([&] { auth_.Login("daowa", "wrong", "10.0.0.1"); }), 401);
    EXPECT_EQ(StatusOf([&] { auth_.Login("nobody", "wrong", "10.0.0.2"); }), 401);
}

TEST_F(AuthenticatorTest, FiveFailuresLockTheAccountForFifteenMinutes) {
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(StatusOf([&] { auth_.Login("daowa", "wrong", "10.0.0." + std::to_string(i)); }), 401);
    }
    EXPECT_EQ(StatusOf([&] { auth_.Login("daowa", "Correct#Horse9", "10.0.0.9"); }), 423);
    db_.clock().Advance(15 * 60 * 1000 + 1);
    EXPECT_EQ(StatusOf([&] { auth_.Login("daowa", "Correct#Horse9", "10.0.0.9"); }), 200);
}

TEST_F(AuthenticatorTest, OneAddressIsThrottledAfterTwentyFailures) {
    for (int i = 0; i < 20; ++i) {
        auth_.Login("daowa", "Correct#Horse9", "10.0.0.1");  // success resets the account's counter
        EXPECT_EQ(StatusOf([&] { auth_.Login("nobody" + std::to_string(i), "x", "10.0.0.7"); }), 401);
    }
    EXPECT_EQ(StatusOf([&] { auth_.Login("daowa", "Correct#Horse9", "10.0.0.7"); }), 429);
    EXPECT_EQ(StatusOf([&] { auth_.Login("daowa", "Correct#Horse9", "10.0.0.8"); }), 200);
    db_.clock().Advance(10 * 60 * 1000 + 1);
    EXPECT_EQ(StatusOf([&] { auth_.Login("daowa", "Correct#Horse9", "10.0.0.7"); }), 200);
}

TEST_F(AuthenticatorTest, SessionEndsAfterThirtyIdleMinutes) {
    const auto result = auth_.Login("daowa", "Correct#Horse9", "10.0.0.1");
    db_.clock().Advance(29 * 60 * 1000);
    EXPECT_TRUE(auth_.FromSession(result.session_token));  // and this touches it
    db_.clock().Advance(29 * 60 * 1000);
    EXPECT_TRUE(auth_.FromSession(result.session_token));
    db_.clock().Advance(31 * 60 * 1000);
    EXPECT_FALSE(auth_.FromSession(result.session_token));
}

TEST_F(AuthenticatorTest, SessionEndsAfterTwelveHoursWhateverTheActivity) {
    const auto result = auth_.Login("daowa", "Correct#Horse9", "10.0.0.1");
    for (int i = 0; i < 12 * 3; ++i) {
        db_.clock().Advance(20 * 60 * 1000);
        const bool alive = auth_.FromSession(result.session_token).has_value();
        EXPECT_EQ(alive, (i + 1) * 20 <= 12 * 60) << "after " << (i + 1) * 20 << " minutes";
    }
}

TEST_F(AuthenticatorTest, LogoutAndDisablingEndSessions) {
    const auto first = auth_.Login("daowa", "Correct#Horse9", "10.0.0.1");
    auth_.Logout(first.principal);
    EXPECT_FALSE(auth_.FromSession(first.session_token));
    const auto second = auth_.Login("daowa", "Correct#Horse9", "10.0.0.1");
    {
        storage::Transaction tx = db_.database().Write();
        access::Accounts::SetDisabled(tx, user_id_, true, db_.clock().NowMillis());
        tx.Commit();
    }
    EXPECT_FALSE(auth_.FromSession(second.session_token));
    EXPECT_EQ(StatusOf([&] { auth_.Login("daowa", "Correct#Horse9", "10.0.0.1"); }), 403);
}

TEST_F(AuthenticatorTest, RememberedSessionsAreForgottenWithTheAccountsChange) {
    const auto result = auth_.Login("daowa", "Correct#Horse9", "10.0.0.1");
    ASSERT_TRUE(auth_.FromSession(result.session_token));  // now remembered
    {
        storage::Transaction tx = db_.database().Write();
        access::Accounts::SetDisabled(tx, user_id_, true, db_.clock().NowMillis());
        tx.Commit();
    }
    // A change made elsewhere (another server, the command line) shows within two seconds …
    EXPECT_TRUE(auth_.FromSession(result.session_token));
    db_.clock().Advance(2000);
    EXPECT_FALSE(auth_.FromSession(result.session_token));
    // … and one made here at once.
    {
        storage::Transaction tx = db_.database().Write();
        access::Accounts::SetDisabled(tx, user_id_, false, db_.clock().NowMillis());
        tx.Commit();
    }
    const auto again = auth_.Login("daowa", "Correct#Horse9", "10.0.0.1");
    ASSERT_TRUE(auth_.FromSession(again.session_token));
    {
        storage::Transaction tx = db_.database().Write();
        access::Accounts::SetDisabled(tx, user_id_, true, db_.clock().NowMillis());
        tx.Commit();
    }
    auth_.ForgetUser(user_id_);
    EXPECT_FALSE(auth_.FromSession(again.session_token));
}

TEST_F(AuthenticatorTest, ApiKeysIdentifyExchangeClientsWhoCannotSignIn) {
    const auto client = db_.AddUser("registry", Role::kExchange, "211104000000");
    std::string key;
    {
        storage::Transaction tx = db_.database().Write();
        key = auth_.CreateApiKey(tx, client, "test");
        tx.Commit();
    }
    const auto principal = auth_.FromApiKey(key);
    ASSERT_TRUE(principal);
    EXPECT_TRUE(principal->via_api_key);
    EXPECT_EQ(principal->role, Role::kExchange);
    EXPECT_FALSE(auth_.FromApiKey(key + "x"));
    EXPECT_FALSE(auth_.FromSession(key));
    EXPECT_EQ(StatusOf([&] { auth_.Login("registry", "Correct#Horse9", "10.0.0.1"); }), 403);
}

}  // namespace
}  // namespace tuoyu
