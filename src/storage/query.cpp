#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <memory>
#include <stdexcept>
#include <vector>

#include "storage/statement_cache.hpp"

#include "storage/query.hpp"

namespace tuoyu::storage {

std::string Query::NextName() {
    return "p" + std::to_string(order_.size());
}

Query& Query::Sql(std::string_view text) {
    text_ += text;
    return *this;
}

Query& Query::Bind(std::string value) {
    const std::string name = NextName();
    strings_.push_back(std::move(value));
    order_.emplace_back(name, static_cast<int>(strings_.size() - 1));
    text_ += ":" + name;
    return *this;
}

Query& Query::Bind(std::int64_t value) {
    const std::string name = NextName();
    integers_.push_back(value);
    order_.emplace_back(name, -static_cast<int>(integers_.size()));
    text_ += ":" + name;
    return *this;
}

namespace {

void BindAll(soci::statement& statement, const std::deque<std::pair<std::string, int>>& order,
             const std::deque<std::string>& strings, const std::deque<long long>& integers) {
    for (const auto& [name, index] : order) {
        if (index >= 0) {
            statement.exchange(soci::use(strings[static_cast<std::size_t>(index)], name));
        } else {
            statement.exchange(soci::use(integers[static_cast<std::size_t>(-index - 1)], name));
        }
    }
}

}  // namespace

StatementCache::Prepared& StatementCache::Get(Kind kind, const std::string& text,
                                              const std::deque<std::pair<std::string, int>>& order,
                                              const std::deque<std::string>& strings,
                                              const std::deque<long long>& integers) {
    std::string key = text;
    key += static_cast<char>('0' + static_cast<int>(kind));
    auto it = entries_.find(key);
    if (it != entries_.end()) {
        Prepared& prepared = *it->second;
        prepared.strings = strings;
        prepared.integers = integers;
        return prepared;
    }
    if (entries_.size() > 500) {
        entries_.clear();
    }
    auto prepared = std::make_unique<Prepared>(session_);
    prepared->strings = strings;
    prepared->integers = integers;
    soci::statement& statement = prepared->statement;
    statement.alloc();
    statement.prepare(text);
    if (kind == Kind::kRows) {
        statement.exchange(soci::into(prepared->row));
    } else if (kind == Kind::kCount) {
        statement.exchange(soci::into(prepared->count));
    }
    for (const auto& [name, index] : order) {
        if (index >= 0) {
            statement.exchange(soci::use(prepared->strings[static_cast<std::size_t>(index)], name));
        } else {
            statement.exchange(soci::use(prepared->integers[static_cast<std::size_t>(-index - 1)], name));
        }
    }
    statement.define_and_bind();
    return *entries_.emplace(std::move(key), std::move(prepared)).first->second;
}

void StatementCache::Reset(Prepared& prepared) {
    sqlite_api::sqlite3_reset(static_cast<soci::sqlite3_statement_backend*>(prepared.statement.get_backend())->stmt_);
}

void StatementCache::Execute(const std::string& text) {
    Lease prepared(*this, Get(Kind::kExec, text, {}, {}, {}));
    prepared->statement.execute(true);
}

void Query::ForEach(Transaction& tx, const std::function<void(const soci::row&)>& visit) const {
    if (StatementCache* cache = tx.cache()) {
        StatementCache::Lease prepared(*cache,
                                       cache->Get(StatementCache::Kind::kRows, text_, order_, strings_, integers_));
        prepared->statement.execute(false);
        while (prepared->statement.fetch()) {
            visit(prepared->row);
        }
        return;
    }
    soci::row row;
    soci::statement statement(tx.sql());
    statement.alloc();
    statement.prepare(text_);
    statement.exchange(soci::into(row));
    BindAll(statement, order_, strings_, integers_);
    statement.define_and_bind();
    statement.execute(false);
    while (statement.fetch()) {
        visit(row);
    }
}

std::int64_t Query::Count(Transaction& tx) const {
    if (StatementCache* cache = tx.cache()) {
        StatementCache::Lease prepared(*cache,
                                       cache->Get(StatementCache::Kind::kCount, text_, order_, strings_, integers_));
        prepared->statement.execute(true);
        return prepared->count;
    }
    long long count = 0;
    soci::statement statement(tx.sql());
    statement.alloc();
    statement.prepare(text_);
    statement.exchange(soci::into(count));
    BindAll(statement, order_, strings_, integers_);
    statement.define_and_bind();
    statement.execute(true);
    return count;
}

void Query::Execute(Transaction& tx) const {
    if (StatementCache* cache = tx.cache()) {
        StatementCache::Lease prepared(*cache,
                                       cache->Get(StatementCache::Kind::kExec, text_, order_, strings_, integers_));
        prepared->statement.execute(true);
        return;
    }
    soci::statement statement(tx.sql());
    statement.alloc();
    statement.prepare(text_);
    BindAll(statement, order_, strings_, integers_);
    statement.define_and_bind();
    statement.execute(true);
}

void Query::ForEachText(Transaction& tx, const std::function<void(const char* const* columns)>& visit) const {
    // The values in placeholder order: the placeholders are :p0, :p1 … in the order of the text.
    std::vector<std::string> values;
    for (const auto& [name, index] : order_) {
        values.push_back(index >= 0 ? strings_[static_cast<std::size_t>(index)]
                                    : std::to_string(integers_[static_cast<std::size_t>(-index - 1)]));
    }
    std::vector<const char*> columns;
    if (tx.dialect() == Dialect::kSqlite) {
        auto* db = static_cast<soci::sqlite3_session_backend*>(tx.sql().get_backend())->conn_;
        sqlite_api::sqlite3_stmt* statement = nullptr;
        if (sqlite_api::sqlite3_prepare_v2(db, text_.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
            throw std::runtime_error(std::string("sqlite: ") + sqlite_api::sqlite3_errmsg(db));
        }
        std::unique_ptr<sqlite_api::sqlite3_stmt, int (*)(sqlite_api::sqlite3_stmt*)> owned(
            statement, sqlite_api::sqlite3_finalize);
        for (std::size_t i = 0; i < order_.size(); ++i) {
            const int at = sqlite_api::sqlite3_bind_parameter_index(statement, (":" + order_[i].first).c_str());
            if (order_[i].second >= 0) {
                sqlite_api::sqlite3_bind_text(statement, at, values[i].data(), static_cast<int>(values[i].size()),
                                              SQLITE_STATIC);
            } else {
                sqlite_api::sqlite3_bind_int64(statement, at,
                                               integers_[static_cast<std::size_t>(-order_[i].second - 1)]);
            }
        }
        columns.resize(static_cast<std::size_t>(sqlite_api::sqlite3_column_count(statement)));
        int step = 0;
        while ((step = sqlite_api::sqlite3_step(statement)) == SQLITE_ROW) {
            for (std::size_t c = 0; c < columns.size(); ++c) {
                columns[c] =
                    reinterpret_cast<const char*>(sqlite_api::sqlite3_column_text(statement, static_cast<int>(c)));
            }
            visit(columns.data());
        }
        if (step != SQLITE_DONE) {
            throw std::runtime_error(std::string("sqlite: ") + sqlite_api::sqlite3_errmsg(db));
        }
        return;
    }
    // libpq numbers its parameters $1, $2 …: :pN becomes $N+1 (longest names first, so that :p1
    // does not eat the start of :p10).
    std::string text = text_;
    for (std::size_t i = order_.size(); i > 0; --i) {
        const std::string name = ":" + order_[i - 1].first;
        for (std::size_t at = text.find(name); at != std::string::npos; at = text.find(name, at)) {
            text.replace(at, name.size(), "$" + std::to_string(i));
        }
    }
    PGconn* conn = static_cast<soci::postgresql_session_backend*>(tx.sql().get_backend())->conn_;
    std::vector<const char*> params;
    for (const std::string& value : values) {
        params.push_back(value.c_str());
    }
    std::unique_ptr<PGresult, void (*)(PGresult*)> result(
        PQexecParams(conn, text.c_str(), static_cast<int>(params.size()), nullptr, params.data(), nullptr, nullptr, 0),
        PQclear);
    if (PQresultStatus(result.get()) != PGRES_TUPLES_OK) {
        throw std::runtime_error(std::string("postgresql: ") + PQerrorMessage(conn));
    }
    columns.resize(static_cast<std::size_t>(PQnfields(result.get())));
    const int rows = PQntuples(result.get());
    for (int r = 0; r < rows; ++r) {
        for (std::size_t c = 0; c < columns.size(); ++c) {
            const int column = static_cast<int>(c);
            columns[c] = PQgetisnull(result.get(), r, column) ? nullptr : PQgetvalue(result.get(), r, column);
        }
        visit(columns.data());
    }
}

void AppendRegionSubtree(Query& query, const std::string& column, const std::string& region_code) {
    // Every code has 12 digits, so the subtree is the range prefix000… to prefix999…: an index
    // range scan, and the same order under any collation (ICU sorts ':' before digits, so a
    // "prefix:" bound would not do).
    const std::string prefix = RegionCode::SubtreePrefix(region_code);
    query.Sql(" AND " + column + " BETWEEN ")
        .Bind(prefix + std::string(12 - prefix.size(), '0'))
        .Sql(" AND ")
        .Bind(prefix + std::string(12 - prefix.size(), '9'));
}

std::string LikePattern(const std::string& text) {
    std::string pattern = "%";
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\') {
            pattern += '\\';
        }
        pattern += c;
    }
    return pattern + "%";
}

void AppendScope(Query& query, const Scope& scope, const ScopeColumns& columns) {
    switch (scope.kind) {
        case Scope::Kind::kAll:
            return;
        case Scope::Kind::kRegion:
            if (!columns.region.empty()) {
                AppendRegionSubtree(query, columns.region, scope.region_code);
                return;
            }
            break;
        case Scope::Kind::kInstitution:
            if (!columns.institution.empty()) {
                query.Sql(" AND " + columns.institution + " = ").Bind(scope.institution_id);
                return;
            }
            break;
        case Scope::Kind::kGuardian:
            if (!columns.guardian.empty()) {
                query.Sql(" AND " + columns.guardian + " = ").Bind(scope.user_id);
                return;
            }
            break;
        case Scope::Kind::kNone:
            break;
    }
    query.Sql(" AND 1 = 0");
}

}  // namespace tuoyu::storage
