#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "audit/audit_log.hpp"
#include "core/clock.hpp"
#include "storage/database.hpp"

namespace tuoyu::audit {

// Group commit for the audit records of reads. A read of personal data needs its record to be
// durable before the data leaves, but not in the read's own transaction: records queued while
// one batch commits go together in the next, one commit for many requests. `done(true)` is called
// once the records are committed, `done(false)` if the commit failed (the data must then not be
// sent). Changes never come here: their record commits in the change's own transaction.
class AuditBatcher {
  public:
    AuditBatcher(storage::Database& database, const Clock& clock);
    ~AuditBatcher();
    AuditBatcher(const AuditBatcher&) = delete;
    AuditBatcher& operator=(const AuditBatcher&) = delete;

    void Submit(std::vector<Event> events, std::function<void(bool committed)> done);

    // Commits what is queued and stops the writer; later submissions are written synchronously.
    void Stop();

  private:
    struct Pending {
        std::vector<Event> events;
        std::function<void(bool)> done;
    };
    void Run();
    bool Commit(const std::vector<Pending>& batch);

    storage::Database& database_;
    const Clock& clock_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::vector<Pending> queue_;
    bool stopping_ = false;
    std::thread writer_;
};

}  // namespace tuoyu::audit
