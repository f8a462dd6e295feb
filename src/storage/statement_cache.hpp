#pragma once

#include <soci/soci.h>

#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>

namespace tuoyu::storage {

// Prepared statements kept per pooled SQLite connection, keyed by their SQL text. SOCI prepares a
// statement anew on every execution, and on SQLite that preparation was 44 % of the server's
// instructions (bench/README.md). A cached statement binds to values it owns; each use copies the
// query's values into them (same text, same placeholders, same count), runs, and resets.
// PostgreSQL connections have none: libpq round trips dominate there, not preparation.
class StatementCache {
  public:
    enum class Kind { kRows, kCount, kExec };
    struct Prepared {
        explicit Prepared(soci::session& session) : statement(session) {}
        soci::statement statement;
        soci::row row;
        long long count = 0;
        std::deque<std::string> strings;
        std::deque<long long> integers;
    };
    explicit StatementCache(soci::session& session) : session_(session) {}
    // Binds are (name, index) as in Query: index >= 0 into strings, < 0 into integers.
    Prepared& Get(Kind kind, const std::string& text, const std::deque<std::pair<std::string, int>>& order,
                  const std::deque<std::string>& strings, const std::deque<long long>& integers);
    void Reset(Prepared& prepared);
    void Execute(const std::string& text);  // no binds, no result

    // A cached statement in use: it is reset when the lease ends, even by an exception, so the
    // connection holds no half-read statement.
    class Lease {
      public:
        Lease(StatementCache& cache, Prepared& prepared) : cache_(cache), prepared_(prepared) {}
        ~Lease() { cache_.Reset(prepared_); }
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        Prepared* operator->() { return &prepared_; }

      private:
        StatementCache& cache_;
        Prepared& prepared_;
    };

  private:
    soci::session& session_;
    std::unordered_map<std::string, std::unique_ptr<Prepared>> entries_;
};

}  // namespace tuoyu::storage
