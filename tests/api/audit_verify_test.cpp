// The audit log's hash chain, end to end on the current engine: the database refuses edits and
// deletions of audit records through its append-only triggers; an intruder who disables them and
// edits or deletes a record is caught by `tuoyu audit verify`, which names the first broken link.

#include <gtest/gtest.h>

#include <regex>

#include "api/api_support.hpp"

namespace tuoyu::test::api {
namespace {

// A demo database with some audited actions done through the API, the server stopped again.
// Returns the number of audit records.
std::int64_t DoAuditedActions(DemoSite& site) {
    HttpClient& admin = site.Admin();  // a login: one record
    for (const char* username : {"daowa_carer", "daowa_health", "yuyao_nursery", "parent_zhang"}) {
        EXPECT_EQ(admin.Get("/api/v1/users/" + std::to_string(site.UserId(username))).status, 200);
    }
    EXPECT_EQ(
        admin.Patch("/api/v1/users/" + std::to_string(site.UserId("daowa_carer")), R"({"display_name":"改"})").status,
        200);
    EXPECT_EQ(site.As("daowa_health").Get("/api/v1/users/" + std::to_string(site.UserId("yuyao_nursery"))).status,
              404);  // a denied read
    const std::int64_t records = site.AuditTotal();
    EXPECT_EQ(site.server().Terminate(), 0);
    return records;
}

CommandResult Verify(const DemoSite& site) {
    return RunTuoyu({"audit", "verify", "--database", site.database_url()});
}

void DisableAppendOnlyTriggers(const TestDatabase& db) {
    if (UsePostgres()) {
        db.ExecuteRaw("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change");
    } else {
        db.ExecuteRaw("DROP TRIGGER audit_log_no_update");
        db.ExecuteRaw("DROP TRIGGER audit_log_no_delete");
    }
}

::testing::AssertionResult BrokenAt(const CommandResult& result, std::int64_t seq) {
    if (result.exit_code != 1) {
        return ::testing::AssertionFailure()
               << "verify should exit 1, exited " << result.exit_code << ": " << result.output;
    }
    const std::regex broken("BROKEN at record ([0-9]+)");
    std::smatch match;
    if (!std::regex_search(result.output, match, broken)) {
        return ::testing::AssertionFailure() << "verify names no broken record: " << result.output;
    }
    if (std::stoll(match[1]) != seq) {
        return ::testing::AssertionFailure() << "verify should name record " << seq << ": " << result.output;
    }
    return ::testing::AssertionSuccess();
}

::testing::AssertionResult Intact(const CommandResult& result, std::int64_t records) {
    if (result.exit_code != 0 || !Contains(result.output, "intact") ||
        !Contains(result.output, std::to_string(records) + " records")) {
        return ::testing::AssertionFailure() << "verify should say intact with " << records << " records; exit "
                                             << result.exit_code << ": " << result.output;
    }
    return ::testing::AssertionSuccess();
}

TEST(AuditVerifyTest, EditedRecordIsReportedBySeq) {
    DemoSite site;
    const std::int64_t records = DoAuditedActions(site);
    ASSERT_GE(records, 7);
    ASSERT_TRUE(Intact(Verify(site), records));

    // While the triggers stand, the database itself refuses to edit or delete a record.
    EXPECT_ANY_THROW(site.database().ExecuteRaw("UPDATE audit_log SET object_id = '999' WHERE seq = 3"));
    EXPECT_ANY_THROW(site.database().ExecuteRaw("DELETE FROM audit_log WHERE seq = 3"));
    EXPECT_ANY_THROW(site.database().ExecuteRaw("DELETE FROM audit_log"));
    EXPECT_TRUE(Intact(Verify(site), records));

    DisableAppendOnlyTriggers(site.database());
    const std::int64_t middle = records / 2;
    site.database().ExecuteRaw("UPDATE audit_log SET object_id = '999' WHERE seq = " + std::to_string(middle));
    EXPECT_TRUE(BrokenAt(Verify(site), middle));
}

TEST(AuditVerifyTest, DeletedMiddleRecordIsTheFirstBrokenLink) {
    DemoSite site;
    const std::int64_t records = DoAuditedActions(site);
    ASSERT_GE(records, 7);
    ASSERT_TRUE(Intact(Verify(site), records));
    DisableAppendOnlyTriggers(site.database());
    const std::int64_t middle = records / 2;
    site.database().ExecuteRaw("DELETE FROM audit_log WHERE seq = " + std::to_string(middle));
    EXPECT_TRUE(BrokenAt(Verify(site), middle));
}

TEST(AuditVerifyTest, DeletedNewestRecordIsReported) {
    DemoSite site;
    const std::int64_t records = DoAuditedActions(site);
    ASSERT_GE(records, 7);
    ASSERT_TRUE(Intact(Verify(site), records));
    DisableAppendOnlyTriggers(site.database());
    site.database().ExecuteRaw("DELETE FROM audit_log WHERE seq = " + std::to_string(records));
    EXPECT_TRUE(BrokenAt(Verify(site), records));

    // Deleting the tail and rewinding nothing else is caught; so is a rewritten hash of a record.
    site.database().ExecuteRaw("UPDATE audit_log SET hash = '" + std::string(64, 'a') + "' WHERE seq = 2");
    EXPECT_TRUE(BrokenAt(Verify(site), 2));
}

}  // namespace
}  // namespace tuoyu::test::api
