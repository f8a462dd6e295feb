#include "audit/audit_batcher.hpp"

#include <iostream>

namespace tuoyu::audit {

AuditBatcher::AuditBatcher(storage::Database& database, const Clock& clock)
    : database_(database), clock_(clock), writer_([this] { Run(); }) {}

AuditBatcher::~AuditBatcher() {
    Stop();
}

void AuditBatcher::Submit(std::vector<Event> events, std::function<void(bool)> done) {
    {
        std::lock_guard lock(mutex_);
        if (!stopping_) {
            queue_.push_back({std::move(events), std::move(done)});
            wake_.notify_one();
            return;
        }
    }
    std::vector<Pending> alone;
    alone.push_back({std::move(events), done});
    done(Commit(alone));
}

void AuditBatcher::Stop() {
    {
        std::lock_guard lock(mutex_);
        if (stopping_) {
            return;
        }
        stopping_ = true;
        wake_.notify_one();
    }
    writer_.join();
}

void AuditBatcher::Run() {
    for (;;) {
        std::vector<Pending> batch;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (queue_.empty()) {
                return;  // stopping, and nothing left to write
            }
            batch.swap(queue_);
        }
        const bool committed = Commit(batch);
        for (Pending& pending : batch) {
            pending.done(committed);
        }
    }
}

bool AuditBatcher::Commit(const std::vector<Pending>& batch) {
    try {
        storage::Transaction tx = database_.Write();
        std::vector<Event> events;
        for (const Pending& pending : batch) {
            events.insert(events.end(), pending.events.begin(), pending.events.end());
        }
        AuditLog::AppendAll(tx, events, clock_.NowMillis());
        tx.Commit();
        return true;
    } catch (const std::exception& error) {
        std::cerr << "tuoyu: audit batch of " << batch.size() << " requests failed: " << error.what() << '\n';
        return false;
    }
}

}  // namespace tuoyu::audit
