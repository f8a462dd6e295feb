#include "storage/wal_checkpointer.hpp"

#include <sqlite3.h>

#include <chrono>
#include <iostream>
#include <stdexcept>

namespace tuoyu::storage {

namespace {

// A log that keeps growing past the threshold (a long reader pins it) would otherwise ask for a
// checkpoint after every commit: one every 50 ms at most is plenty.
constexpr std::chrono::milliseconds kPause{50};

int OnCommit(void* self, sqlite3* /*connection*/, const char* /*schema*/, int pages) {
    static_cast<WalCheckpointer*>(self)->LogSize(pages);
    return SQLITE_OK;
}

}  // namespace

WalCheckpointer::WalCheckpointer(const std::string& path, int threshold_pages) : threshold_pages_(threshold_pages) {
    sqlite3* connection = nullptr;
    if (sqlite3_open_v2(path.c_str(), &connection, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        const std::string message = connection != nullptr ? sqlite3_errmsg(connection) : "out of memory";
        sqlite3_close(connection);
        throw std::runtime_error("sqlite: cannot open " + path + " for checkpoints: " + message);
    }
    // The same syncs as every other connection: the log before it is copied, the file after.
    sqlite3_exec(connection, "PRAGMA synchronous=NORMAL", nullptr, nullptr, nullptr);
    connection_ = connection;
    thread_ = std::thread([this] { Run(); });
}

WalCheckpointer::~WalCheckpointer() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        wake_.notify_one();
    }
    thread_.join();
    sqlite3_close(static_cast<sqlite3*>(connection_));
}

void WalCheckpointer::Attach(void* connection) {
    sqlite3_wal_hook(static_cast<sqlite3*>(connection), OnCommit, this);
}

void WalCheckpointer::Detach(void* connection) {
    sqlite3_wal_hook(static_cast<sqlite3*>(connection), nullptr, nullptr);
}

void WalCheckpointer::LogSize(int pages) {
    if (pages < threshold_pages_) {
        return;
    }
    std::lock_guard lock(mutex_);
    if (!wanted_) {
        wanted_ = true;
        wake_.notify_one();
    }
}

std::int64_t WalCheckpointer::runs() const {
    std::lock_guard lock(mutex_);
    return runs_;
}

void WalCheckpointer::Run() {
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait(lock, [this] { return stopping_ || wanted_; });
        if (stopping_) {
            return;
        }
        wanted_ = false;
        lock.unlock();
        int log_pages = 0;
        int copied_pages = 0;
        const int result = sqlite3_wal_checkpoint_v2(static_cast<sqlite3*>(connection_), nullptr,
                                                     SQLITE_CHECKPOINT_PASSIVE, &log_pages, &copied_pages);
        if (result != SQLITE_OK && result != SQLITE_BUSY && result != SQLITE_LOCKED) {
            std::cerr << "tuoyu: WAL checkpoint failed: " << sqlite3_errstr(result) << '\n';
        }
        lock.lock();
        ++runs_;
        wake_.wait_for(lock, kPause, [this] { return stopping_; });
    }
}

}  // namespace tuoyu::storage
