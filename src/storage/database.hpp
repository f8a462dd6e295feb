#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace soci {
class session;
class connection_pool;
}  // namespace soci

namespace tuoyu::storage {

enum class Dialect { kSqlite, kPostgres };

class Database;
class StatementCache;
class WalCheckpointer;

// One unit of work on one pooled connection. It rolls back unless Commit() is called, so an
// exception anywhere in a request leaves the database as it was.
class Transaction {
  public:
    Transaction(Transaction&& other) noexcept;
    Transaction& operator=(Transaction&&) = delete;
    Transaction(const Transaction&) = delete;
    ~Transaction();

    soci::session& sql() { return *session_; }
    Dialect dialect() const { return dialect_; }
    bool writable() const { return writable_; }
    void Commit();
    StatementCache* cache() { return cache_; }  // SQLite only; null on PostgreSQL

  private:
    friend class Database;
    Transaction(Database* database, std::size_t slot, soci::session* session, Dialect dialect, bool writable,
                StatementCache* cache);

    Database* database_;
    std::size_t slot_;
    soci::session* session_;
    Dialect dialect_;
    bool writable_;
    bool open_ = true;
    StatementCache* cache_ = nullptr;
};

struct DatabaseOptions {
    std::string url;  // a file path (SQLite) or postgresql://…
    std::size_t pool_size = 4;
    int busy_timeout_ms = 5000;
};

class Database {
  public:
    static std::unique_ptr<Database> Open(const DatabaseOptions& options);
    ~Database();

    Dialect dialect() const { return dialect_; }
    const std::string& description() const { return description_; }

    // SQLite takes the write lock at BEGIN (BEGIN IMMEDIATE) so two writers never deadlock
    // on a lock upgrade; PostgreSQL read transactions are READ ONLY.
    Transaction Read();
    Transaction Write();

    // Maintenance that PostgreSQL refuses inside a transaction (VACUUM), on a pooled connection
    // in autocommit mode.
    void ExecuteOutsideTransaction(const std::string& sql);

    // Checkpoints of the SQLite log run so far by this object's own thread (0 on PostgreSQL).
    std::int64_t BackgroundCheckpoints() const;

  private:
    friend class Transaction;
    Database(Dialect dialect, std::string description, std::size_t pool_size);
    Transaction Begin(bool writable);
    void Release(std::size_t slot);

    Dialect dialect_;
    std::string description_;
    std::unique_ptr<soci::connection_pool> pool_;
    std::size_t pool_size_;
    std::vector<std::unique_ptr<StatementCache>> caches_;
    // SQLite files: checkpoints on a thread of their own rather than inside a commit.
    std::unique_ptr<WalCheckpointer> checkpointer_;
};

// "postgresql://…" and "postgres://…" name PostgreSQL; anything else is a SQLite file path.
bool IsPostgresUrl(const std::string& url);

// libpq's "key='value' …" form of a postgresql:// URL.
std::string PostgresConnInfo(const std::string& url);

}  // namespace tuoyu::storage
