#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include <memory>
#include <stdexcept>
#include <vector>

#include "storage/statement_cache.hpp"

#include "storage/query.hpp"

namespace tuoyu::storage {

std::string Query::NextName() {
    return "p" + std::to_string(binds_.order.size());
}

Query& Query::Sql(std::string_view text) {
    text_ += text;
    return *this;
}

Query& Query::Bind(std::string value) {
    std::string name = NextName();
    binds_.strings.push_back(std::move(value));
    text_ += ':';
    text_ += name;
    binds_.order.emplace_back(std::move(name), static_cast<int>(binds_.strings.size() - 1));
    return *this;
}

Query& Query::Bind(std::int64_t value) {
    std::string name = NextName();
    binds_.integers.push_back(value);
    text_ += ':';
    text_ += name;
    binds_.order.emplace_back(std::move(name), -static_cast<int>(binds_.integers.size()));
    return *this;
}

namespace {

void BindAll(soci::statement& statement, const Binds& binds) {
    for (const auto& [name, index] : binds.order) {
        if (index >= 0) {
            statement.exchange(soci::use(binds.strings[static_cast<std::size_t>(index)], name));
        } else {
            statement.exchange(soci::use(binds.integers[static_cast<std::size_t>(-index - 1)], name));
        }
    }
}

}  // namespace

void Query::ForEach(Transaction& tx, const std::function<void(const soci::row&)>& visit) const {
    if (StatementCache* cache = tx.cache()) {
        StatementCache::Lease prepared(*cache, cache->Rows(text_, binds_));
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
    BindAll(statement, binds_);
    statement.define_and_bind();
    statement.execute(false);
    while (statement.fetch()) {
        visit(row);
    }
}

std::int64_t Query::Count(Transaction& tx) const {
    if (StatementCache* cache = tx.cache()) {
        return cache->Count(text_, binds_);
    }
    long long count = 0;
    soci::statement statement(tx.sql());
    statement.alloc();
    statement.prepare(text_);
    statement.exchange(soci::into(count));
    BindAll(statement, binds_);
    statement.define_and_bind();
    statement.execute(true);
    return count;
}

void Query::Execute(Transaction& tx) const {
    if (StatementCache* cache = tx.cache()) {
        cache->Execute(text_, binds_);
        return;
    }
    soci::statement statement(tx.sql());
    statement.alloc();
    statement.prepare(text_);
    BindAll(statement, binds_);
    statement.define_and_bind();
    statement.execute(true);
}

void Query::ForEachText(Transaction& tx, const std::function<void(const char* const* columns)>& visit) const {
    if (StatementCache* cache = tx.cache()) {
        cache->EachText(text_, binds_, visit);
        return;
    }
    // Only PostgreSQL gets here: every SQLite transaction has a statement cache. The values in
    // placeholder order: the placeholders are :p0, :p1 … in the order of the text.
    std::vector<std::string> values;
    for (const auto& [name, index] : binds_.order) {
        values.push_back(index >= 0 ? binds_.strings[static_cast<std::size_t>(index)]
                                    : std::to_string(binds_.integers[static_cast<std::size_t>(-index - 1)]));
    }
    // libpq numbers its parameters $1, $2 …: :pN becomes $N+1 (longest names first, so that :p1
    // does not eat the start of :p10).
    std::string text = text_;
    for (std::size_t i = binds_.order.size(); i > 0; --i) {
        const std::string name = ":" + binds_.order[i - 1].first;
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
    std::vector<const char*> columns(static_cast<std::size_t>(PQnfields(result.get())));
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

void AppendScopeAndRegion(Query& query, const Scope& scope, const ScopeColumns& columns,
                          const std::optional<std::string>& region_code) {
    if (!region_code) {
        AppendScope(query, scope, columns);
        return;
    }
    if (scope.kind == Scope::Kind::kRegion && !columns.region.empty()) {
        const std::string scope_prefix = RegionCode::SubtreePrefix(scope.region_code);
        const std::string asked_prefix = RegionCode::SubtreePrefix(*region_code);
        if (asked_prefix.rfind(scope_prefix, 0) == 0) {
            AppendRegionSubtree(query, columns.region, *region_code);
        } else if (scope_prefix.rfind(asked_prefix, 0) == 0) {
            AppendRegionSubtree(query, columns.region, scope.region_code);
        } else {
            query.Sql(" AND 1 = 0");
        }
        return;
    }
    AppendScope(query, scope, columns);
    if (!columns.region.empty()) {
        AppendRegionSubtree(query, columns.region, *region_code);
    }
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
