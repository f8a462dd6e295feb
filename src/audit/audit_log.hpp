#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/paging.hpp"
#include "core/scope.hpp"
#include "storage/database.hpp"

namespace tuoyu::audit {

// One audited event: a change, a read of personal data, or a refused attempt at either.
struct Event {
    std::int64_t user_id = 0;  // 0 when nobody is signed in (a failed login)
    std::string username;
    std::string role;
    std::string method;
    std::string route;        // the route's pattern, e.g. "/api/v1/users/{id}"
    std::string object_type;  // "user", "session" …
    std::string object_id;
    std::string region_code;  // the region the object belongs to, for scoped searching
    std::string outcome;      // "ok", "denied", "error"
    std::string digest;       // SHA-256 of the before/after images, or of the read record
    std::string request_id;
};

struct Record : Event {
    std::int64_t seq = 0;
    std::int64_t at = 0;
    std::string prev_hash;
    std::string hash;
};

struct SearchFilter {
    std::string username;
    std::string object_type;
    std::string outcome;
    std::optional<std::string> region_code;
    std::optional<std::int64_t> from;
    std::optional<std::int64_t> to;
};

struct RecordPage {
    std::vector<Record> items;
    std::int64_t total = 0;
};

struct VerifyReport {
    bool intact = true;
    std::int64_t records = 0;
    std::int64_t first_broken_seq = 0;  // when not intact
    std::string problem;
};

// The digest of a before/after pair of JSON texts (either may be empty).
std::string DigestOf(const std::string& before, const std::string& after);

// The hash chain: hash = SHA-256(prev_hash | seq | at | every field). Appending locks the chain's
// head row, so appends are serialised and the chain cannot fork; the record commits with the
// change it describes, or not at all.
class AuditLog {
  public:
    static std::int64_t Append(storage::Transaction& tx, const Event& event, std::int64_t now);
    // Appends the events in order under one lock of the head; returns the last sequence number.
    static std::int64_t AppendAll(storage::Transaction& tx, const std::vector<Event>& events, std::int64_t now);
    static RecordPage Search(storage::Transaction& tx, const Scope& scope, const SearchFilter& filter,
                             const PageRequest& page);
    static VerifyReport Verify(storage::Database& database);
    static std::string HashOf(const Record& record);
};

}  // namespace tuoyu::audit
