#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

namespace tuoyu::storage {

// Copies the SQLite write-ahead log back into the database file on a thread of its own, so that
// no commit pays for it. SQLite's automatic checkpoint runs inside whichever commit finds the log
// past 1000 pages, and with synchronous=NORMAL that commit then waits for two fsyncs: on the
// audited-read benchmark those commits were the slowest replies (decision 0006). Each pooled
// connection reports the log's size after its commits (Attach); past `threshold_pages` this
// thread runs a PASSIVE checkpoint on its own connection, which waits for no reader or writer.
class WalCheckpointer {
  public:
    WalCheckpointer(const std::string& path, int threshold_pages);
    ~WalCheckpointer();
    WalCheckpointer(const WalCheckpointer&) = delete;
    WalCheckpointer& operator=(const WalCheckpointer&) = delete;

    // Takes over the automatic checkpoint of a connection (`connection` is its sqlite3*), until
    // Detach; detach every connection before this object goes.
    void Attach(void* connection);
    static void Detach(void* connection);

    // Called after each commit with the log's size in pages.
    void LogSize(int pages);

    // Checkpoints run so far, for tests and diagnostics.
    std::int64_t runs() const;

  private:
    void Run();

    int threshold_pages_;
    void* connection_ = nullptr;  // our own sqlite3*
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    bool wanted_ = false;
    bool stopping_ = false;
    std::int64_t runs_ = 0;
    std::thread thread_;
};

}  // namespace tuoyu::storage
