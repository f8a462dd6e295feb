#include "audit/audit_log.hpp"

#include <soci/soci.h>

#include <algorithm>

#include "core/crypto.hpp"
#include "storage/query.hpp"
#include "storage/row.hpp"

namespace tuoyu::audit {

using storage::Int;
using storage::Query;
using storage::Text;

namespace {

constexpr const char* kColumns =
    "seq, at, user_id, username, role, method, route, object_type, object_id, region_code, outcome, digest, "
    "request_id, prev_hash, hash";

Record ReadRecord(const soci::row& row) {
    Record record;
    record.seq = Int(row, 0);
    record.at = Int(row, 1);
    record.user_id = Int(row, 2);
    record.username = Text(row, 3);
    record.role = Text(row, 4);
    record.method = Text(row, 5);
    record.route = Text(row, 6);
    record.object_type = Text(row, 7);
    record.object_id = Text(row, 8);
    record.region_code = Text(row, 9);
    record.outcome = Text(row, 10);
    record.digest = Text(row, 11);
    record.request_id = Text(row, 12);
    record.prev_hash = Text(row, 13);
    record.hash = Text(row, 14);
    return record;
}

void AppendFilter(Query& query, const SearchFilter& filter) {
    if (!filter.username.empty()) {
        query.Sql(" AND username = ").Bind(filter.username);
    }
    if (!filter.object_type.empty()) {
        query.Sql(" AND object_type = ").Bind(filter.object_type);
    }
    if (!filter.outcome.empty()) {
        query.Sql(" AND outcome = ").Bind(filter.outcome);
    }
    if (filter.region_code) {
        storage::AppendRegionSubtree(query, "region_code", *filter.region_code);
    }
    if (filter.from) {
        query.Sql(" AND at >= ").Bind(*filter.from);
    }
    if (filter.to) {
        query.Sql(" AND at < ").Bind(*filter.to);
    }
}

}  // namespace

std::string DigestOf(const std::string& before, const std::string& after) {
    return crypto::Sha256Hex(std::to_string(before.size()) + ":" + before + "|" + after);
}

std::string AuditLog::HashOf(const Record& record) {
    // Length-prefixed fields: no two different records serialise to the same text.
    std::string text;
    text.reserve(512);
    auto add = [&text](const std::string& field) {
        text += std::to_string(field.size());
        text += ':';
        text += field;
        text += '|';
    };
    add(record.prev_hash);
    add(std::to_string(record.seq));
    add(std::to_string(record.at));
    add(std::to_string(record.user_id));
    add(record.username);
    add(record.role);
    add(record.method);
    add(record.route);
    add(record.object_type);
    add(record.object_id);
    add(record.region_code);
    add(record.outcome);
    add(record.digest);
    add(record.request_id);
    return crypto::Sha256Hex(text);
}

std::int64_t AuditLog::Append(storage::Transaction& tx, const Event& event, std::int64_t now) {
    return AppendAll(tx, std::vector<Event>{event}, now);
}

std::int64_t AuditLog::AppendAll(storage::Transaction& tx, const std::vector<Event>& events, std::int64_t now) {
    long long last_seq = 0;
    std::string last_hash;
    const char* lock = tx.dialect() == storage::Dialect::kPostgres
                           ? "SELECT last_seq, last_hash FROM audit_head WHERE id = 1 FOR UPDATE"
                           : "SELECT last_seq, last_hash FROM audit_head WHERE id = 1";
    Query(lock).ForEach(tx, [&](const soci::row& row) {
        last_seq = Int(row, 0);
        last_hash = Text(row, 1);
    });
    Record record;
    record.seq = last_seq;
    record.hash = last_hash;
    // Several records per INSERT: on PostgreSQL one round trip, on SQLite one statement, for up
    // to kRowsPerInsert records. A fixed chunk size keeps the number of statement texts small.
    constexpr std::size_t kRowsPerInsert = 16;
    for (std::size_t first = 0; first < events.size(); first += kRowsPerInsert) {
        const std::size_t end = std::min(events.size(), first + kRowsPerInsert);
        Query insert(std::string("INSERT INTO audit_log (") + kColumns + ") VALUES ");
        for (std::size_t i = first; i < end; ++i) {
            const std::int64_t seq = record.seq + 1;
            std::string prev_hash = std::move(record.hash);
            static_cast<Event&>(record) = events[i];
            record.seq = seq;
            record.at = now;
            record.prev_hash = std::move(prev_hash);
            record.hash = HashOf(record);
            insert.Sql(i == first ? "(" : ", (")
                .Bind(record.seq)
                .Sql(", ")
                .Bind(record.at)
                .Sql(", ")
                .Bind(record.user_id)
                .Sql(", ")
                .Bind(record.username);
            for (const std::string* field : {&record.role, &record.method, &record.route, &record.object_type,
                                             &record.object_id, &record.region_code, &record.outcome, &record.digest,
                                             &record.request_id, &record.prev_hash, &record.hash}) {
                insert.Sql(", ").Bind(*field);
            }
            insert.Sql(")");
        }
        insert.Execute(tx);
    }
    // The head moves once per call: a batch of reads costs one head update, not one each.
    Query head("UPDATE audit_head SET last_seq = ");
    head.Bind(record.seq).Sql(", last_hash = ").Bind(record.hash).Sql(" WHERE id = 1").Execute(tx);
    return record.seq;
}

RecordPage AuditLog::Search(storage::Transaction& tx, const Scope& scope, const SearchFilter& filter,
                            const PageRequest& page) {
    // Audit records have no institution or guardian column: only administrators and regulators
    // search them, and AppendScope shows nothing to anyone else.
    const storage::ScopeColumns columns{"region_code", "", ""};
    RecordPage result;
    Query count("SELECT COUNT(*) FROM audit_log WHERE 1 = 1");
    storage::AppendScope(count, scope, columns);
    AppendFilter(count, filter);
    result.total = count.Count(tx);
    Query query(std::string("SELECT ") + kColumns + " FROM audit_log WHERE 1 = 1");
    storage::AppendScope(query, scope, columns);
    AppendFilter(query, filter);
    query.Sql(std::string(" ORDER BY seq ") + (page.descending ? "DESC" : "ASC") + " LIMIT ")
        .Bind(page.page_size)
        .Sql(" OFFSET ")
        .Bind(page.offset());
    query.ForEach(tx, [&](const soci::row& row) { result.items.push_back(ReadRecord(row)); });
    return result;
}

VerifyReport AuditLog::Verify(storage::Database& database) {
    VerifyReport report;
    storage::Transaction tx = database.Read();
    std::string expected_prev(64, '0');
    std::int64_t expected_seq = 1;
    const std::int64_t kBatch = 10'000;
    for (std::int64_t after = 0;;) {
        Query query(std::string("SELECT ") + kColumns + " FROM audit_log WHERE seq > ");
        query.Bind(after).Sql(" ORDER BY seq LIMIT ").Bind(kBatch);
        std::int64_t seen = 0;
        query.ForEach(tx, [&](const soci::row& row) {
            ++seen;
            if (!report.intact) {
                return;
            }
            const Record record = ReadRecord(row);
            after = record.seq;
            ++report.records;
            if (record.seq != expected_seq) {
                report = {false, report.records, expected_seq,
                          "record " + std::to_string(expected_seq) + " is missing"};
            } else if (record.prev_hash != expected_prev) {
                report = {false, report.records, record.seq,
                          "record " + std::to_string(record.seq) + " does not link to the record before it"};
            } else if (HashOf(record) != record.hash) {
                report = {false, report.records, record.seq,
                          "record " + std::to_string(record.seq) + " was altered after it was written"};
            }
            expected_prev = record.hash;
            ++expected_seq;
        });
        if (!report.intact || seen < kBatch) {
            break;
        }
    }
    if (report.intact) {
        long long last_seq = 0;
        std::string last_hash;
        tx.sql() << "SELECT last_seq, last_hash FROM audit_head WHERE id = 1", soci::into(last_seq),
            soci::into(last_hash);
        if (last_seq != expected_seq - 1 || (last_seq > 0 && last_hash != expected_prev)) {
            report = {false, report.records, expected_seq,
                      "the newest records after " + std::to_string(expected_seq - 1) + " are missing"};
        }
    }
    tx.Commit();
    return report;
}

}  // namespace tuoyu::audit
