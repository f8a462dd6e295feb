#include "storage/database.hpp"

#include <soci/connection-pool.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <mutex>
#include <stdexcept>

#include "storage/statement_cache.hpp"
#include "storage/wal_checkpointer.hpp"

namespace tuoyu::storage {

bool IsPostgresUrl(const std::string& url) {
    return url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0;
}

namespace {

// Before SQLite's first use in the process. A pooled connection serves one thread at a time, so
// SQLite's own per-call mutexes ("serialized" mode) and its allocation statistics only cost time: a
// region read made about a hundred mutex calls. If SQLite is already in use, the call is refused and
// the safe default stays. (SOCI declares SQLite inside namespace sqlite_api.)
void ConfigureSqliteOnce() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (sqlite_api::sqlite3_config(SQLITE_CONFIG_MULTITHREAD) == SQLITE_OK) {
            sqlite_api::sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        }
    });
}

void OpenSqlite(soci::session& session, const DatabaseOptions& options) {
    ConfigureSqliteOnce();
    session.open(soci::sqlite3, "db=\"" + options.url + "\" timeout=" + std::to_string(options.busy_timeout_ms / 1000));
    // WAL lets readers run beside the single writer; NORMAL sync in WAL mode loses nothing when
    // the process dies, only (possibly) the last commits on a power cut.
    session << "PRAGMA journal_mode=WAL";
    session << "PRAGMA synchronous=NORMAL";
    session << "PRAGMA foreign_keys=ON";
    session << "PRAGMA busy_timeout=" + std::to_string(options.busy_timeout_ms);
    // 32 MiB of page cache per connection instead of SQLite's 2 MiB: a province's institution list
    // (20,000 rows and their profiles) then stays in memory instead of being read again from the OS.
    session << "PRAGMA cache_size=-32768";
}

std::string PercentDecode(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size()) {
            out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

std::string Quoted(const std::string& value) {
    std::string out = "'";
    for (char c : value) {
        if (c == '\\' || c == '\'') {
            out += '\\';
        }
        out += c;
    }
    return out + "'";
}

}  // namespace

// SOCI reads its own options out of the connection string and so mangles a URL; libpq's
// keyword form passes through untouched. postgresql://user:password@host:port/db?key=value&…
std::string PostgresConnInfo(const std::string& url) {
    std::string rest = url.substr(url.find("://") + 3);
    std::string query;
    if (const auto mark = rest.find('?'); mark != std::string::npos) {
        query = rest.substr(mark + 1);
        rest = rest.substr(0, mark);
    }
    std::string info;
    auto add = [&info](const std::string& key, const std::string& value) {
        if (!value.empty()) {
            info += (info.empty() ? "" : " ") + key + "=" + Quoted(value);
        }
    };
    if (const auto at = rest.rfind('@'); at != std::string::npos) {
        const std::string credentials = rest.substr(0, at);
        rest = rest.substr(at + 1);
        const auto colon = credentials.find(':');
        add("user", PercentDecode(credentials.substr(0, colon)));
        if (colon != std::string::npos) {
            add("password", PercentDecode(credentials.substr(colon + 1)));
        }
    }
    std::string host_port = rest.substr(0, rest.find('/'));
    if (rest.find('/') != std::string::npos) {
        add("dbname", PercentDecode(rest.substr(rest.find('/') + 1)));
    }
    if (const auto colon = host_port.rfind(':'); colon != std::string::npos && host_port.back() != ']') {
        add("port", host_port.substr(colon + 1));
        host_port = host_port.substr(0, colon);
    }
    add("host", PercentDecode(host_port));
    std::size_t at = 0;
    while (at < query.size()) {
        std::size_t end = query.find('&', at);
        if (end == std::string::npos) {
            end = query.size();
        }
        const std::string pair = query.substr(at, end - at);
        if (const auto equals = pair.find('='); equals != std::string::npos) {
            add(pair.substr(0, equals), PercentDecode(pair.substr(equals + 1)));
        }
        at = end + 1;
    }
    return info;
}

namespace {

std::string RedactUrl(const std::string& url) {
    const auto at = url.find('@');
    const auto scheme = url.find("://");
    if (at == std::string::npos || scheme == std::string::npos) {
        return url;
    }
    return url.substr(0, scheme + 3) + "***" + url.substr(at);
}

}  // namespace

Database::Database(Dialect dialect, std::string description, std::size_t pool_size)
    : dialect_(dialect),
      description_(std::move(description)),
      pool_(std::make_unique<soci::connection_pool>(pool_size)),
      pool_size_(pool_size) {}

Database::~Database() {
    if (checkpointer_) {
        for (std::size_t i = 0; i < pool_size_; ++i) {
            WalCheckpointer::Detach(static_cast<soci::sqlite3_session_backend*>(pool_->at(i).get_backend())->conn_);
        }
    }
}

std::unique_ptr<Database> Database::Open(const DatabaseOptions& options) {
    if (options.url.empty()) {
        throw std::invalid_argument("no database given");
    }
    const bool postgres = IsPostgresUrl(options.url);
    const std::size_t pool_size = options.pool_size == 0 ? 1 : options.pool_size;
    std::unique_ptr<Database> database(new Database(postgres ? Dialect::kPostgres : Dialect::kSqlite,
                                                    postgres ? RedactUrl(options.url) : options.url, pool_size));
    for (std::size_t i = 0; i < pool_size; ++i) {
        soci::session& session = database->pool_->at(i);
        if (postgres) {
            session.open(soci::postgresql, PostgresConnInfo(options.url));
            session << "SET TIME ZONE 'UTC'";
            session << "SET client_min_messages = warning";
        } else {
            OpenSqlite(session, options);
        }
        database->caches_.push_back(postgres ? nullptr : std::make_unique<StatementCache>(session));
    }
    if (!postgres && options.url != ":memory:") {
        // SQLite's default threshold, 1000 pages (4 MB) of log.
        database->checkpointer_ = std::make_unique<WalCheckpointer>(options.url, 1000);
        for (std::size_t i = 0; i < pool_size; ++i) {
            database->checkpointer_->Attach(
                static_cast<soci::sqlite3_session_backend*>(database->pool_->at(i).get_backend())->conn_);
        }
    }
    return database;
}

Transaction Database::Read() {
    return Begin(false);
}
Transaction Database::Write() {
    return Begin(true);
}

Transaction Database::Begin(bool writable) {
    const std::size_t slot = pool_->lease();
    soci::session& session = pool_->at(slot);
    const char* begin = dialect_ == Dialect::kSqlite ? (writable ? "BEGIN IMMEDIATE" : "BEGIN")
                                                     : (writable ? "BEGIN" : "BEGIN READ ONLY");
    StatementCache* cache = caches_[slot].get();
    try {
        try {
            if (cache != nullptr) {
                cache->Execute(begin);
            } else {
                session << begin;
            }
        } catch (const soci::soci_error&) {
            if (dialect_ != Dialect::kPostgres) {
                throw;
            }
            // A PostgreSQL restart or a dropped connection: reconnect once, then give up.
            session.reconnect();
            session << "SET TIME ZONE 'UTC'";
            session << "SET client_min_messages = warning";
            session << begin;
        }
    } catch (...) {
        pool_->give_back(slot);
        throw;
    }
    return Transaction(this, slot, &session, dialect_, writable, cache);
}

void Database::ExecuteOutsideTransaction(const std::string& sql) {
    const std::size_t slot = pool_->lease();
    try {
        pool_->at(slot) << sql;
    } catch (...) {
        pool_->give_back(slot);
        throw;
    }
    pool_->give_back(slot);
}

std::int64_t Database::BackgroundCheckpoints() const {
    return checkpointer_ ? checkpointer_->runs() : 0;
}

void Database::Release(std::size_t slot) {
    pool_->give_back(slot);
}

Transaction::Transaction(Database* database, std::size_t slot, soci::session* session, Dialect dialect, bool writable,
                         StatementCache* cache)
    : database_(database), slot_(slot), session_(session), dialect_(dialect), writable_(writable), cache_(cache) {}

Transaction::Transaction(Transaction&& other) noexcept
    : database_(other.database_),
      slot_(other.slot_),
      session_(other.session_),
      dialect_(other.dialect_),
      writable_(other.writable_),
      open_(other.open_),
      cache_(other.cache_) {
    other.open_ = false;
    other.database_ = nullptr;
}

void Transaction::Commit() {
    if (cache_ != nullptr) {
        cache_->Execute("COMMIT");
    } else {
        *session_ << "COMMIT";
    }
    open_ = false;
    database_->Release(slot_);
    database_ = nullptr;
}

Transaction::~Transaction() {
    if (database_ == nullptr) {
        return;
    }
    if (open_) {
        try {
            if (cache_ != nullptr) {
                cache_->Execute("ROLLBACK");
            } else {
                *session_ << "ROLLBACK";
            }
        } catch (const std::exception&) {
            // The connection is broken; the server will have rolled back already.
        }
    }
    database_->Release(slot_);
}

}  // namespace tuoyu::storage
