#include "storage/statement_cache.hpp"

#include <soci/sqlite3/soci-sqlite3.h>

#include <algorithm>
#include <stdexcept>

namespace tuoyu::storage {

namespace {

using sqlite_api::sqlite3;
using sqlite_api::sqlite3_stmt;

sqlite3* Connection(void* connection) {
    return static_cast<sqlite3*>(connection);
}

sqlite3_stmt* Statement(void* statement) {
    return static_cast<sqlite3_stmt*>(statement);
}

[[noreturn]] void Fail(void* connection, const std::string& text) {
    throw std::runtime_error(std::string("sqlite: ") + sqlite_api::sqlite3_errmsg(Connection(connection)) +
                             " (while executing \"" + text.substr(0, 200) + "\")");
}

// One execution of a raw statement: binds on construction, resets and drops the binds (which
// point into the query's strings) on destruction, whatever happened in between.
class Execution {
  public:
    Execution(void* connection, void* statement, const std::vector<int>& slots, const Binds& binds, int& in_use)
        : connection_(connection), statement_(Statement(statement)), in_use_(in_use) {
        for (std::size_t i = 0; i < binds.order.size(); ++i) {
            const int index = binds.order[i].second;
            int result = 0;
            if (index >= 0) {
                const std::string& value = binds.strings[static_cast<std::size_t>(index)];
                result = sqlite_api::sqlite3_bind_text(statement_, slots[i], value.data(),
                                                       static_cast<int>(value.size()), SQLITE_STATIC);
            } else {
                result = sqlite_api::sqlite3_bind_int64(statement_, slots[i],
                                                        binds.integers[static_cast<std::size_t>(-index - 1)]);
            }
            if (result != SQLITE_OK) {
                const std::string text = sqlite_api::sqlite3_sql(statement_);
                Finish();
                Fail(connection_, text);
            }
        }
        ++in_use_;  // counted once bound: a failed bind throws before, and no destructor runs
    }
    ~Execution() {
        Finish();
        --in_use_;
    }
    Execution(const Execution&) = delete;
    Execution& operator=(const Execution&) = delete;

    // True with a row to read, false when done; throws on an error.
    bool Next() {
        const int result = sqlite_api::sqlite3_step(statement_);
        if (result == SQLITE_ROW) {
            return true;
        }
        if (result == SQLITE_DONE) {
            return false;
        }
        // The error message belongs to the step; reset would replace it.
        const std::string message = std::string("sqlite: ") + sqlite_api::sqlite3_errmsg(Connection(connection_)) +
                                    " (while executing \"" +
                                    std::string(sqlite_api::sqlite3_sql(statement_)).substr(0, 200) + "\")";
        Finish();
        throw std::runtime_error(message);
    }
    sqlite3_stmt* statement() const { return statement_; }

  private:
    void Finish() {
        if (statement_ != nullptr) {
            sqlite_api::sqlite3_reset(statement_);
            sqlite_api::sqlite3_clear_bindings(statement_);
            statement_ = nullptr;
        }
    }

    void* connection_;
    sqlite3_stmt* statement_;
    int& in_use_;
};

}  // namespace

StatementCache::StatementCache(soci::session& session)
    : session_(session), connection_(static_cast<soci::sqlite3_session_backend*>(session.get_backend())->conn_) {}

StatementCache::~StatementCache() {
    for (auto& [text, raw] : raw_) {
        sqlite_api::sqlite3_finalize(Statement(raw.statement));
    }
}

StatementCache::Prepared& StatementCache::Rows(const std::string& text, const Binds& binds) {
    auto it = rows_.find(text);
    if (it != rows_.end()) {
        // The same text has the same placeholders: copy the values over the bound ones.
        Prepared& prepared = *it->second;
        std::copy(binds.strings.begin(), binds.strings.end(), prepared.strings.begin());
        std::copy(binds.integers.begin(), binds.integers.end(), prepared.integers.begin());
        return prepared;
    }
    if (rows_.size() > 500 && in_use_ == 0) {
        rows_.clear();
    }
    auto prepared = std::make_unique<Prepared>(session_);
    prepared->strings.assign(binds.strings.begin(), binds.strings.end());
    prepared->integers.assign(binds.integers.begin(), binds.integers.end());
    soci::statement& statement = prepared->statement;
    statement.alloc();
    statement.prepare(text);
    statement.exchange(soci::into(prepared->row));
    for (const auto& [name, index] : binds.order) {
        if (index >= 0) {
            statement.exchange(soci::use(prepared->strings[static_cast<std::size_t>(index)], name));
        } else {
            statement.exchange(soci::use(prepared->integers[static_cast<std::size_t>(-index - 1)], name));
        }
    }
    statement.define_and_bind();
    return *rows_.emplace(text, std::move(prepared)).first->second;
}

void StatementCache::Reset(Prepared& prepared) {
    sqlite_api::sqlite3_reset(static_cast<soci::sqlite3_statement_backend*>(prepared.statement.get_backend())->stmt_);
}

StatementCache::Raw& StatementCache::Prepare(const std::string& text, const Binds& binds) {
    auto it = raw_.find(text);
    if (it != raw_.end()) {
        return it->second;
    }
    if (raw_.size() > 500 && in_use_ == 0) {
        for (auto& [old_text, raw] : raw_) {
            sqlite_api::sqlite3_finalize(Statement(raw.statement));
        }
        raw_.clear();
    }
    sqlite3_stmt* statement = nullptr;
    if (sqlite_api::sqlite3_prepare_v2(Connection(connection_), text.c_str(), static_cast<int>(text.size()) + 1,
                                       &statement, nullptr) != SQLITE_OK) {
        Fail(connection_, text);
    }
    Raw raw;
    raw.statement = statement;
    for (const auto& [name, index] : binds.order) {
        const int slot = sqlite_api::sqlite3_bind_parameter_index(statement, (":" + name).c_str());
        if (slot == 0) {
            sqlite_api::sqlite3_finalize(statement);
            throw std::runtime_error("sqlite: no parameter :" + name + " in \"" + text.substr(0, 200) + "\"");
        }
        raw.slots.push_back(slot);
    }
    return raw_.emplace(text, std::move(raw)).first->second;
}

void StatementCache::Execute(const std::string& text) {
    static const Binds kNone;
    Execute(text, kNone);
}

void StatementCache::Execute(const std::string& text, const Binds& binds) {
    Raw& raw = Prepare(text, binds);
    Execution execution(connection_, raw.statement, raw.slots, binds, in_use_);
    while (execution.Next()) {
    }
}

std::int64_t StatementCache::Count(const std::string& text, const Binds& binds) {
    Raw& raw = Prepare(text, binds);
    Execution execution(connection_, raw.statement, raw.slots, binds, in_use_);
    if (!execution.Next()) {
        return 0;
    }
    // As SOCI does on PostgreSQL: a NULL is an error, not a zero.
    if (sqlite_api::sqlite3_column_type(execution.statement(), 0) == SQLITE_NULL) {
        throw std::runtime_error("sqlite: NULL where a number was expected (\"" + text.substr(0, 200) + "\")");
    }
    return sqlite_api::sqlite3_column_int64(execution.statement(), 0);
}

void StatementCache::EachText(const std::string& text, const Binds& binds,
                              const std::function<void(const char* const*)>& visit) {
    Raw& raw = Prepare(text, binds);
    Execution execution(connection_, raw.statement, raw.slots, binds, in_use_);
    std::vector<const char*> columns(static_cast<std::size_t>(sqlite_api::sqlite3_column_count(execution.statement())));
    while (execution.Next()) {
        for (std::size_t c = 0; c < columns.size(); ++c) {
            columns[c] = reinterpret_cast<const char*>(
                sqlite_api::sqlite3_column_text(execution.statement(), static_cast<int>(c)));
        }
        visit(columns.data());
    }
}

}  // namespace tuoyu::storage
