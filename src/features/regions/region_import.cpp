#include "features/regions/region_import.hpp"

#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <algorithm>
#include <stdexcept>
#include <unordered_map>

#include "core/error.hpp"
#include "features/regions/region_kind.hpp"
#include "storage/query.hpp"
#include "storage/row.hpp"

namespace tuoyu::regions {

namespace {

constexpr std::int64_t kProgressEvery = 50'000;

// A region as it goes into both tables.
struct NewRow {
    const SourceRow* row;
    std::optional<std::string> kind;
};

// Prepared inserts on the SQLite connection itself: SOCI's per-statement work would be most of
// the cost of 1.3 million inserts.
class SqliteStatement {
  public:
    SqliteStatement(sqlite_api::sqlite3* db, const char* sql) : db_(db) {
        if (sqlite_api::sqlite3_prepare_v2(db, sql, -1, &statement_, nullptr) != SQLITE_OK) {
            throw std::runtime_error(std::string("sqlite: ") + sqlite_api::sqlite3_errmsg(db));
        }
    }
    ~SqliteStatement() { sqlite_api::sqlite3_finalize(statement_); }
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;

    void Text(int index, const std::string* value) {
        if (value == nullptr) {
            sqlite_api::sqlite3_bind_null(statement_, index);
        } else {
            sqlite_api::sqlite3_bind_text(statement_, index, value->data(), static_cast<int>(value->size()),
                                          SQLITE_STATIC);
        }
    }
    void Int(int index, int value) { sqlite_api::sqlite3_bind_int(statement_, index, value); }
    void Run() {
        const int result = sqlite_api::sqlite3_step(statement_);
        sqlite_api::sqlite3_reset(statement_);
        if (result != SQLITE_DONE) {
            throw std::runtime_error(std::string("sqlite: ") + sqlite_api::sqlite3_errmsg(db_));
        }
    }

  private:
    sqlite_api::sqlite3* db_;
    sqlite_api::sqlite3_stmt* statement_ = nullptr;
};

const std::string* OrNull(const std::string& text) {
    return text.empty() ? nullptr : &text;
}

// Secondary indexes are built faster in one sorted pass than row by row (the one on names takes
// its rows in random order); into an empty tree both engines drop and remake them.
constexpr const char* kDropIndexes[] = {"DROP INDEX regions_parent", "DROP INDEX region_versions_parent",
                                        "DROP INDEX region_versions_level"};
constexpr const char* kCreateIndexes[] = {
    "CREATE INDEX regions_parent ON regions(parent_code)",
    "CREATE INDEX region_versions_parent ON region_versions(parent_code)",
    "CREATE INDEX region_versions_level ON region_versions(level, name)",
};

void BulkSqlite(storage::Transaction& tx, const std::vector<NewRow>& rows, const std::string& valid_from,
                bool empty_tree, const WriteProgress& progress) {
    auto* db = static_cast<soci::sqlite3_session_backend*>(tx.sql().get_backend())->conn_;
    if (empty_tree) {
        for (const char* statement : kDropIndexes) {
            tx.sql() << statement;
        }
    }
    SqliteStatement region(db,
                           "INSERT INTO regions (code, name, level, parent_code, kind, valid_from) "
                           "VALUES (?, ?, ?, ?, ?, ?)");
    SqliteStatement version(db,
                            "INSERT INTO region_versions (code, valid_from, name, parent_code, level, kind) "
                            "VALUES (?, ?, ?, ?, ?, ?)");
    std::int64_t written = 0;
    for (const NewRow& row : rows) {
        const std::string* kind = row.kind ? &*row.kind : nullptr;
        region.Text(1, &row.row->code);
        region.Text(2, &row.row->name);
        region.Int(3, row.row->level);
        region.Text(4, OrNull(row.row->parent_code));
        region.Text(5, kind);
        region.Text(6, &valid_from);
        region.Run();
        version.Text(1, &row.row->code);
        version.Text(2, &valid_from);
        version.Text(3, &row.row->name);
        version.Text(4, OrNull(row.row->parent_code));
        version.Int(5, row.row->level);
        version.Text(6, kind);
        version.Run();
        if (progress && ++written % kProgressEvery == 0) {
            progress(written, static_cast<std::int64_t>(rows.size()));
        }
    }
    if (empty_tree) {
        for (const char* statement : kCreateIndexes) {
            tx.sql() << statement;
        }
    }
}

// COPY's text format: tab-separated, \N for NULL, backslash escapes.
void AppendCopyField(std::string& out, const std::string* value) {
    if (value == nullptr) {
        out += "\\N";
        return;
    }
    for (char c : *value) {
        switch (c) {
            case '\\':
                out += "\\\\";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            default:
                out += c;
        }
    }
}

void CheckResult(PGconn* conn, PGresult* result, const char* what) {
    const ExecStatusType status = PQresultStatus(result);
    PQclear(result);
    if (status != PGRES_COMMAND_OK && status != PGRES_COPY_IN) {
        throw std::runtime_error(std::string("postgresql ") + what + ": " + PQerrorMessage(conn));
    }
}

// One COPY … FROM STDIN of lines made by `line`, sent in pieces of about a megabyte.
void Copy(PGconn* conn, const std::string& statement, const std::vector<NewRow>& rows,
          const std::function<void(std::string&, const NewRow&)>& line, const std::function<void()>& every) {
    PGresult* started = PQexec(conn, statement.c_str());
    if (PQresultStatus(started) != PGRES_COPY_IN) {
        PQclear(started);
        throw std::runtime_error("postgresql COPY: " + std::string(PQerrorMessage(conn)));
    }
    PQclear(started);
    std::string buffer;
    buffer.reserve(1 << 20);
    auto flush = [&] {
        if (!buffer.empty() && PQputCopyData(conn, buffer.data(), static_cast<int>(buffer.size())) != 1) {
            throw std::runtime_error("postgresql COPY: " + std::string(PQerrorMessage(conn)));
        }
        buffer.clear();
    };
    for (const NewRow& row : rows) {
        line(buffer, row);
        if (buffer.size() > (1 << 20) - 512) {
            flush();
        }
        if (every) {
            every();
        }
    }
    flush();
    if (PQputCopyEnd(conn, nullptr) != 1) {
        throw std::runtime_error("postgresql COPY: " + std::string(PQerrorMessage(conn)));
    }
    while (PGresult* result = PQgetResult(conn)) {
        CheckResult(conn, result, "COPY");
    }
}

// Into an empty tree PostgreSQL also loads fastest without the two tables' foreign keys (a trigger
// call per row otherwise): they are dropped in the load's transaction and made again after it,
// which checks every row in one pass. Nobody else sees the tables meanwhile (ALTER TABLE locks
// them), and a failure rolls all of it back.
constexpr const char* kDropForeignKeys[] = {
    "ALTER TABLE region_versions DROP CONSTRAINT region_versions_code_fkey",
    "ALTER TABLE regions DROP CONSTRAINT regions_parent_code_fkey",
};
constexpr const char* kCreateForeignKeys[] = {
    "ALTER TABLE regions ADD CONSTRAINT regions_parent_code_fkey FOREIGN KEY (parent_code) REFERENCES regions(code)",
    "ALTER TABLE region_versions ADD CONSTRAINT region_versions_code_fkey FOREIGN KEY (code) REFERENCES "
    "regions(code)",
};

// PostgreSQL only (migration 0006): the subtree query reads this index alone, in code order.
constexpr const char* kDropCoverIndex = "DROP INDEX region_versions_cover";
constexpr const char* kCreateCoverIndex =
    "CREATE INDEX region_versions_cover ON region_versions (code, valid_from) "
    "INCLUDE (valid_to, name, parent_code, level, kind, urban_rural)";

void BulkPostgres(storage::Transaction& tx, const std::vector<NewRow>& rows, const std::string& valid_from,
                  bool empty_tree, const WriteProgress& progress) {
    PGconn* conn = static_cast<soci::postgresql_session_backend*>(tx.sql().get_backend())->conn_;
    if (empty_tree) {
        for (const char* statement : kDropForeignKeys) {
            tx.sql() << statement;
        }
        for (const char* statement : kDropIndexes) {
            tx.sql() << statement;
        }
        tx.sql() << kDropCoverIndex;
    }
    const auto total = static_cast<std::int64_t>(rows.size());
    std::int64_t written = 0;
    auto every = [&] {
        // Two tables: each row counts half in each pass.
        if (progress && ++written % kProgressEvery == 0) {
            progress(written / 2, total);
        }
    };
    const std::string level_texts[] = {"0", "1", "2", "3", "4", "5"};
    Copy(
        conn, "COPY regions (code, name, level, parent_code, kind, valid_from) FROM STDIN", rows,
        [&](std::string& out, const NewRow& row) {
            AppendCopyField(out, &row.row->code);
            out += '\t';
            AppendCopyField(out, &row.row->name);
            out += '\t';
            out += level_texts[row.row->level];
            out += '\t';
            AppendCopyField(out, OrNull(row.row->parent_code));
            out += '\t';
            AppendCopyField(out, row.kind ? &*row.kind : nullptr);
            out += '\t';
            AppendCopyField(out, &valid_from);
            out += '\n';
        },
        every);
    Copy(
        conn, "COPY region_versions (code, valid_from, name, parent_code, level, kind) FROM STDIN", rows,
        [&](std::string& out, const NewRow& row) {
            AppendCopyField(out, &row.row->code);
            out += '\t';
            AppendCopyField(out, &valid_from);
            out += '\t';
            AppendCopyField(out, &row.row->name);
            out += '\t';
            AppendCopyField(out, OrNull(row.row->parent_code));
            out += '\t';
            out += level_texts[row.row->level];
            out += '\t';
            AppendCopyField(out, row.kind ? &*row.kind : nullptr);
            out += '\n';
        },
        every);
    if (empty_tree) {
        for (const char* statement : kCreateIndexes) {
            tx.sql() << statement;
        }
        tx.sql() << kCreateCoverIndex;
        for (const char* statement : kCreateForeignKeys) {
            tx.sql() << statement;
        }
    }
    // Fresh statistics, so that the planner knows the new size of both tables at once.
    tx.sql() << "ANALYZE regions";
    tx.sql() << "ANALYZE region_versions";
}

void BulkInsert(storage::Transaction& tx, const std::vector<NewRow>& rows, const std::string& valid_from,
                bool empty_tree, const WriteProgress& progress) {
    if (rows.empty()) {
        return;
    }
    if (tx.dialect() == storage::Dialect::kSqlite) {
        BulkSqlite(tx, rows, valid_from, empty_tree, progress);
    } else {
        BulkPostgres(tx, rows, valid_from, empty_tree, progress);
    }
    if (progress) {
        progress(static_cast<std::int64_t>(rows.size()), static_cast<std::int64_t>(rows.size()));
    }
}

struct Existing {
    std::string name;
    std::optional<std::string> parent_code;
    std::optional<std::string> valid_to;      // of the region: set when closed
    std::optional<std::string> version_from;  // of the version in force
    bool seen = false;
};

void Keep(std::vector<RegionChange>& sample, std::size_t size, RegionChange change) {
    if (sample.size() < size) {
        sample.push_back(std::move(change));
    }
}

void BindOptional(storage::Query& query, const std::optional<std::string>& value) {
    value ? query.Bind(*value) : query.Sql("NULL");
}

void OpenVersion(storage::Transaction& tx, const SourceRow& row, const std::optional<std::string>& kind,
                 const std::string& date) {
    storage::Query insert("INSERT INTO region_versions (code, valid_from, name, parent_code, level, kind) VALUES (");
    insert.Bind(row.code).Sql(", ").Bind(date).Sql(", ").Bind(row.name).Sql(", ");
    BindOptional(insert, row.parent_code.empty() ? std::nullopt : std::optional<std::string>(row.parent_code));
    insert.Sql(", ").Bind(std::int64_t{row.level}).Sql(", ");
    BindOptional(insert, kind);
    insert.Sql(")").Execute(tx);
}

void CloseVersion(storage::Transaction& tx, const std::string& code, const std::string& date) {
    storage::Query("UPDATE region_versions SET valid_to = ")
        .Bind(date)
        .Sql(" WHERE code = ")
        .Bind(code)
        .Sql(" AND valid_to IS NULL")
        .Execute(tx);
}

// regions holds the latest state: name, parent and kind of the newest version, closure date.
void SetCurrent(storage::Transaction& tx, const SourceRow& row, const std::optional<std::string>& kind) {
    storage::Query update("UPDATE regions SET name = ");
    update.Bind(row.name).Sql(", parent_code = ");
    BindOptional(update, row.parent_code.empty() ? std::nullopt : std::optional<std::string>(row.parent_code));
    update.Sql(", kind = ");
    BindOptional(update, kind);
    update.Sql(", valid_to = NULL WHERE code = ").Bind(row.code).Execute(tx);
}

ApiError TooEarly(const std::string& code, const std::string& date) {
    return BadRequest("as_of_too_early", "as_of",
                      "生效日期须晚于区划 " + code + " 现行版本的起始日期（或撤销日期）" + date,
                      "the as-of date must be after " + date + ", when the version of region " + code +
                          " in force began (or the region closed)");
}

void RecordImport(storage::Transaction& tx, const ImportOptions& options, ImportReport& report) {
    storage::Query insert(
        "INSERT INTO region_imports (edition, as_of, added, renamed, moved, closed, reopened, imported_at, "
        "imported_by) VALUES (");
    insert.Bind(options.edition).Sql(", ");
    BindOptional(insert, options.as_of);
    for (std::int64_t count : {report.added, report.renamed, report.moved, report.closed, report.reopened}) {
        insert.Sql(", ").Bind(count);
    }
    insert.Sql(", ").Bind(options.now_millis).Sql(", ").Bind(options.imported_by).Sql(") RETURNING id");
    report.import_id = insert.Count(tx);
}

}  // namespace

ImportReport ImportRegions(storage::Transaction& tx, const RegionSource& source, const ImportOptions& options,
                           const WriteProgress& progress) {
    if (!source.ok()) {
        throw std::logic_error("ImportRegions: the source has bad rows");
    }
    ImportReport report;
    report.rows = static_cast<std::int64_t>(source.rows.size());
    const std::size_t sample = options.sample_size;

    std::unordered_map<std::string, Existing> existing;
    storage::Query current(
        "SELECT r.code, r.name, r.parent_code, r.valid_to, v.valid_from FROM regions r "
        "LEFT JOIN region_versions v ON v.code = r.code AND v.valid_to IS NULL");
    current.ForEach(tx, [&](const soci::row& row) {
        existing.emplace(storage::Text(row, 0), Existing{storage::Text(row, 1), storage::OptText(row, 2),
                                                         storage::OptText(row, 3), storage::OptText(row, 4)});
    });

    if (existing.empty()) {
        report.first_load = true;
        report.added = report.rows;
        std::vector<NewRow> rows;
        rows.reserve(source.rows.size());
        for (const SourceRow& row : source.rows) {
            rows.push_back({&row, KindFromName(row.level, row.name)});
            Keep(report.added_sample, sample, {row.code, row.name, row.parent_code});
        }
        if (!options.dry_run) {
            BulkInsert(tx, rows, kSinceEver, true, progress);
            RecordImport(tx, options, report);
        }
        return report;
    }

    if (!options.as_of) {
        throw BadRequest("as_of_required", "as_of", "区划树已有数据：请给出新版本的生效日期（--as-of）",
                         "the tree has regions already: give the date the new edition takes effect (--as-of)");
    }
    const std::string& date = *options.as_of;

    // The differences, checked in full before anything is written.
    std::vector<NewRow> added;
    std::vector<const SourceRow*> reopened;
    std::vector<const SourceRow*> changed;
    for (const SourceRow& row : source.rows) {
        auto it = existing.find(row.code);
        if (it == existing.end()) {
            added.push_back({&row, KindFromName(row.level, row.name)});
            Keep(report.added_sample, sample, {row.code, row.name, row.parent_code});
            continue;
        }
        Existing& old = it->second;
        old.seen = true;
        if (old.valid_to) {
            if (date < *old.valid_to) {
                throw TooEarly(row.code, *old.valid_to);
            }
            reopened.push_back(&row);
            Keep(report.reopened_sample, sample, {row.code, row.name, "closed " + *old.valid_to});
            continue;
        }
        const bool renamed = old.name != row.name;
        const bool moved = old.parent_code.value_or("") != row.parent_code;
        if (!renamed && !moved) {
            ++report.unchanged;
            continue;
        }
        if (date <= old.version_from.value_or(kSinceEver)) {
            throw TooEarly(row.code, old.version_from.value_or(kSinceEver));
        }
        changed.push_back(&row);
        if (renamed) {
            ++report.renamed;
            Keep(report.renamed_sample, sample, {row.code, row.name, old.name + " → " + row.name});
        }
        if (moved) {
            ++report.moved;
            Keep(report.moved_sample, sample,
                 {row.code, row.name, old.parent_code.value_or("") + " → " + row.parent_code});
        }
    }
    report.added = static_cast<std::int64_t>(added.size());
    report.reopened = static_cast<std::int64_t>(reopened.size());

    // A closed code whose name reappears under the same parent with a new code: its successor.
    std::unordered_map<std::string, std::string> added_by_place;  // parent + '/' + name → code
    for (const NewRow& row : added) {
        added_by_place.emplace(row.row->parent_code + "/" + row.row->name, row.row->code);
    }
    std::vector<std::pair<std::string, std::string>> closed;  // code, successor or ""
    for (const auto& [code, old] : existing) {
        if (old.seen || old.valid_to) {
            continue;
        }
        if (date <= old.version_from.value_or(kSinceEver)) {
            throw TooEarly(code, old.version_from.value_or(kSinceEver));
        }
        auto successor = added_by_place.find(old.parent_code.value_or("") + "/" + old.name);
        closed.emplace_back(code, successor == added_by_place.end() ? "" : successor->second);
    }
    std::sort(closed.begin(), closed.end());
    report.closed = static_cast<std::int64_t>(closed.size());
    for (const auto& [code, successor] : closed) {
        report.successors += successor.empty() ? 0 : 1;
        Keep(report.closed_sample, sample,
             {code, existing[code].name, successor.empty() ? "" : "successor " + successor});
    }
    if (options.dry_run) {
        return report;
    }

    // New codes first: a reopened or moved region may hang under one of them.
    BulkInsert(tx, added, date, false, progress);
    for (const SourceRow* row : reopened) {
        const std::optional<std::string> kind = KindFromName(row->level, row->name);
        SetCurrent(tx, *row, kind);
        OpenVersion(tx, *row, kind, date);
    }
    for (const SourceRow* row : changed) {
        const std::optional<std::string> kind = KindFromName(row->level, row->name);
        CloseVersion(tx, row->code, date);
        OpenVersion(tx, *row, kind, date);
        SetCurrent(tx, *row, kind);
    }
    for (const auto& [code, successor] : closed) {
        CloseVersion(tx, code, date);
        storage::Query("UPDATE regions SET valid_to = ").Bind(date).Sql(" WHERE code = ").Bind(code).Execute(tx);
        if (!successor.empty()) {
            storage::Query("INSERT INTO region_successors (code, successor_code, effective_date) VALUES (")
                .Bind(code)
                .Sql(", ")
                .Bind(successor)
                .Sql(", ")
                .Bind(date)
                .Sql(")")
                .Execute(tx);
        }
    }
    RecordImport(tx, options, report);
    return report;
}

void AfterImport(storage::Database& database) {
    if (database.dialect() == storage::Dialect::kPostgres) {
        database.ExecuteOutsideTransaction("VACUUM (ANALYZE) regions, region_versions");
    }
}

}  // namespace tuoyu::regions
