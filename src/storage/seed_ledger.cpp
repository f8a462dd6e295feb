#include "storage/seed_ledger.hpp"

#include <soci/soci.h>

#include "storage/query.hpp"
#include "storage/row.hpp"

namespace tuoyu::storage {

bool SeedIsCurrent(Database& database, const std::string& setting, const std::string& checksum) {
    Transaction tx = database.Read();
    Query seen("SELECT COUNT(*) FROM settings WHERE key = ");
    const bool current = seen.Bind(setting).Sql(" AND value = ").Bind(checksum).Count(tx) > 0;
    tx.Commit();
    return current;
}

bool BeginSeeding(Transaction& tx, const std::string& setting, const std::string& checksum) {
    // Two processes starting together on one PostgreSQL must not both insert; SQLite's
    // BEGIN IMMEDIATE already serialises writers.
    if (tx.dialect() == Dialect::kPostgres) {
        Query("LOCK TABLE seed_ledger IN SHARE ROW EXCLUSIVE MODE").Execute(tx);
    }
    Query seen("SELECT COUNT(*) FROM settings WHERE key = ");
    return seen.Bind(setting).Sql(" AND value = ").Bind(checksum).Count(tx) == 0;
}

void FinishSeeding(Transaction& tx, const std::string& setting, const std::string& checksum) {
    Query drop("DELETE FROM settings WHERE key = ");
    drop.Bind(setting).Execute(tx);
    Query mark("INSERT INTO settings (key, value) VALUES (");
    mark.Bind(setting).Sql(", ").Bind(checksum).Sql(")").Execute(tx);
}

std::set<std::string> SeededItems(Transaction& tx, const std::string& kind) {
    std::set<std::string> items;
    Query query("SELECT item FROM seed_ledger WHERE kind = ");
    query.Bind(kind).ForEach(tx, [&](const soci::row& row) { items.insert(Text(row, 0)); });
    return items;
}

void RecordSeeded(Transaction& tx, const std::string& kind, const std::string& item, std::int64_t now) {
    Query insert("INSERT INTO seed_ledger (kind, item, seeded_at) VALUES (");
    insert.Bind(kind).Sql(", ").Bind(item).Sql(", ").Bind(now).Sql(")").Execute(tx);
}

}  // namespace tuoyu::storage
