#include <gtest/gtest.h>

#include "audit/audit_log.hpp"
#include "storage/query.hpp"
#include "support/fixtures.hpp"

namespace tuoyu {
namespace {

audit::Event EventIn(const std::string& region, const std::string& object_id) {
    audit::Event event;
    event.user_id = 1;
    event.username = "daowa";
    event.role = "regulator";
    event.method = "PATCH";
    event.route = "/api/v1/users/{id}";
    event.object_type = "user";
    event.object_id = object_id;
    event.region_code = region;
    event.outcome = "ok";
    event.digest = audit::DigestOf("before", "after");
    event.request_id = "r-" + object_id;
    return event;
}

class AuditLogTest : public ::testing::Test {
  protected:
    void Append(int count, const std::string& region = "211104000000") {
        for (int i = 0; i < count; ++i) {
            storage::Transaction tx = db_.database().Write();
            audit::AuditLog::Append(tx, EventIn(region, std::to_string(i)), db_.clock().NowMillis());
            tx.Commit();
            db_.clock().Advance(1000);
        }
    }
    void DisableAppendOnlyGuard() {
        if (test::UsePostgres()) {
            db_.raw().ExecuteRaw("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change");
        } else {
            db_.raw().ExecuteRaw("DROP TRIGGER audit_log_no_update");
            db_.raw().ExecuteRaw("DROP TRIGGER audit_log_no_delete");
        }
    }

    test::MigratedDatabase db_;
};

TEST_F(AuditLogTest, ChainOfAppendedRecordsVerifies) {
    Append(5);
    const auto report = audit::AuditLog::Verify(db_.database());
    EXPECT_TRUE(report.intact) << report.problem;
    EXPECT_EQ(report.records, 5);
}

TEST_F(AuditLogTest, EmptyLogVerifies) {
    EXPECT_TRUE(audit::AuditLog::Verify(db_.database()).intact);
}

TEST_F(AuditLogTest, RecordRolledBackWithItsChangeLeavesChainIntact) {
    Append(2);
    {
        storage::Transaction tx = db_.database().Write();
        audit::AuditLog::Append(tx, EventIn("211104000000", "lost"), db_.clock().NowMillis());
    }
    Append(1);
    EXPECT_TRUE(audit::AuditLog::Verify(db_.database()).intact);
}

TEST_F(AuditLogTest, DatabaseRefusesEditsAndDeletions) {
    Append(2);
    EXPECT_ANY_THROW(db_.raw().ExecuteRaw("UPDATE audit_log SET outcome = 'denied' WHERE seq = 1"));
    EXPECT_ANY_THROW(db_.raw().ExecuteRaw("DELETE FROM audit_log WHERE seq = 2"));
    EXPECT_TRUE(audit::AuditLog::Verify(db_.database()).intact);
}

TEST_F(AuditLogTest, EditedRecordIsTheFirstBrokenLink) {
    Append(5);
    DisableAppendOnlyGuard();
    db_.raw().ExecuteRaw("UPDATE audit_log SET object_id = 'forged' WHERE seq = 3");
    const auto report = audit::AuditLog::Verify(db_.database());
    EXPECT_FALSE(report.intact);
    EXPECT_EQ(report.first_broken_seq, 3);
}

TEST_F(AuditLogTest, DeletedRecordIsFound) {
    Append(5);
    DisableAppendOnlyGuard();
    db_.raw().ExecuteRaw("DELETE FROM audit_log WHERE seq = 2");
    const auto report = audit::AuditLog::Verify(db_.database());
    EXPECT_FALSE(report.intact);
    EXPECT_EQ(report.first_broken_seq, 2);
}

TEST_F(AuditLogTest, DeletedNewestRecordIsFound) {
    Append(4);
    DisableAppendOnlyGuard();
    db_.raw().ExecuteRaw("DELETE FROM audit_log WHERE seq = 4");
    const auto report = audit::AuditLog::Verify(db_.database());
    EXPECT_FALSE(report.intact);
    EXPECT_EQ(report.first_broken_seq, 4);
}

TEST_F(AuditLogTest, RehashedForgeryStillBreaksTheNextLink) {
    Append(4);
    DisableAppendOnlyGuard();
    // An intruder who recomputes the forged record's own hash still breaks its successor's link.
    storage::Transaction tx = db_.database().Write();
    audit::RecordPage page = audit::AuditLog::Search(tx, Scope::All(), {}, PageRequest{});
    audit::Record forged = page.items[1];
    forged.object_id = "forged";
    const std::string hash = audit::AuditLog::HashOf(forged);
    storage::Query update("UPDATE audit_log SET object_id = 'forged', hash = ");
    update.Bind(hash).Sql(" WHERE seq = 2").Execute(tx);
    tx.Commit();
    const auto report = audit::AuditLog::Verify(db_.database());
    EXPECT_FALSE(report.intact);
    EXPECT_EQ(report.first_broken_seq, 3);
}

TEST_F(AuditLogTest, SearchIsScopedToTheRegionSubtree) {
    Append(3, "211104004000");
    Append(2, "330281000000");
    storage::Transaction tx = db_.database().Read();
    EXPECT_EQ(audit::AuditLog::Search(tx, Scope::Region("211104000000"), {}, PageRequest{}).total, 3);
    EXPECT_EQ(audit::AuditLog::Search(tx, Scope::Region("330281000000"), {}, PageRequest{}).total, 2);
    EXPECT_EQ(audit::AuditLog::Search(tx, Scope::All(), {}, PageRequest{}).total, 5);
    EXPECT_EQ(audit::AuditLog::Search(tx, Scope::Institution(1, "211104004000"), {}, PageRequest{}).total, 0);
    audit::SearchFilter filter;
    filter.from = db_.clock().NowMillis() - 2500;
    EXPECT_EQ(audit::AuditLog::Search(tx, Scope::All(), filter, PageRequest{}).total, 2);
}

}  // namespace
}  // namespace tuoyu
