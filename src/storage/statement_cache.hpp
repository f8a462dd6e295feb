#pragma once

#include <soci/soci.h>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "storage/query.hpp"

namespace tuoyu::storage {

// Prepared statements kept per pooled SQLite connection, keyed by their SQL text. SOCI prepares a
// statement anew on every execution, and on SQLite that preparation was 44 % of the server's
// instructions (bench/README.md). PostgreSQL connections have none: libpq round trips dominate
// there, not preparation.
//
// Statements whose rows a caller reads as soci::row go through SOCI: a cached statement binds to
// values it owns; each use copies the query's values into them (same text, same placeholders,
// same count), runs, and resets. Statements that return nothing or one integer (BEGIN, COMMIT,
// INSERT, UPDATE, COUNT) skip SOCI: they are bound and stepped through SQLite's own API, which
// costs a fraction of SOCI's per-execution work (decision 0006).
class StatementCache {
  public:
    // SOCI binds to the addresses of these values: a deque keeps them where they are.
    struct Prepared {
        explicit Prepared(soci::session& session) : statement(session) {}
        soci::statement statement;
        soci::row row;
        std::deque<std::string> strings;
        std::deque<long long> integers;
    };

    explicit StatementCache(soci::session& session);
    ~StatementCache();
    StatementCache(const StatementCache&) = delete;
    StatementCache& operator=(const StatementCache&) = delete;

    Prepared& Rows(const std::string& text, const Binds& binds);
    void Reset(Prepared& prepared);

    void Execute(const std::string& text);  // no binds, no result
    void Execute(const std::string& text, const Binds& binds);
    // The first column of the first row, 0 without a row.
    std::int64_t Count(const std::string& text, const Binds& binds);
    // Every row with its columns as text (nullptr for NULL), valid only during the call.
    void EachText(const std::string& text, const Binds& binds, const std::function<void(const char* const*)>& visit);

    // A cached statement in use: it is reset when the lease ends, even by an exception, so the
    // connection holds no half-read statement.
    class Lease {
      public:
        Lease(StatementCache& cache, Prepared& prepared) : cache_(cache), prepared_(prepared) { ++cache_.in_use_; }
        ~Lease() {
            cache_.Reset(prepared_);
            --cache_.in_use_;
        }
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        Prepared* operator->() { return &prepared_; }

      private:
        StatementCache& cache_;
        Prepared& prepared_;
    };

  private:
    // A statement prepared with SQLite's API (an sqlite3_stmt*) and the parameter number of each
    // bind, in the query's order.
    struct Raw {
        void* statement = nullptr;
        std::vector<int> slots;
    };
    Raw& Prepare(const std::string& text, const Binds& binds);

    soci::session& session_;
    void* connection_;  // the session's sqlite3*
    // Statements being stepped right now (a visitor may run another query): the cache is only
    // emptied when none is, so that no statement in use is finalised under its caller.
    int in_use_ = 0;
    std::unordered_map<std::string, std::unique_ptr<Prepared>> rows_;
    std::unordered_map<std::string, Raw> raw_;
};

}  // namespace tuoyu::storage
