#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/paging.hpp"
#include "storage/database.hpp"

namespace tuoyu::regions {

// A region as it was on a date: the version of its name, parent and kind in force that day.
// valid_from and valid_to bound that version; valid_from is kSinceEver for the first national
// load, valid_to is empty while the version is in force.
struct RegionRecord {
    std::string code;
    std::string name;
    int level = 0;
    std::optional<std::string> parent_code;
    std::optional<std::string> kind;
    std::optional<std::string> urban_rural;
    std::string valid_from;
    std::optional<std::string> valid_to;
    bool has_children = false;  // filled by Find(), Children() and Search(); false elsewhere
};

// A successor or a predecessor, with the date the change took effect.
struct RegionLink {
    std::string code;
    std::string name;  // its latest name
    std::string effective_date;
};

struct RegionPage {
    std::vector<RegionRecord> items;
    std::int64_t total = 0;
};

// For an administrator's maintenance; the date is when the region begins.
struct NewRegion {
    std::string code;
    std::string name;
    std::optional<std::string> parent_code;
    std::optional<std::string> kind;  // derived from the name when absent
    std::string valid_from;
};

// The dated division tree. Every query takes the date it answers for ("YYYY-MM-DD"); every change
// closes a version or a region on a date and opens another, and never edits or deletes history.
// Bad requests throw ApiError (bilingual) before anything is written.
class RegionTree {
  public:
    static std::optional<RegionRecord> Find(storage::Transaction& tx, const std::string& code, const std::string& date);

    // The children of `parent` (the provinces when it is empty) in force on the date.
    static RegionPage Children(storage::Transaction& tx, const std::optional<std::string>& parent,
                               const std::string& date, const PageRequest& page);

    // The region and everything below it on the date, in code order (parents before children).
    static std::vector<RegionRecord> Subtree(storage::Transaction& tx, const std::string& code,
                                             const std::string& date);

    // Regions in force on the date whose name contains `text`, or whose code starts with it when
    // it is all digits; within the subtree of `within` when given. In code order, at most `limit`.
    // By name, villages are found only when `within` is a city or lower (the nation's 620,000
    // villages have no index for a name inside a word); provinces to towns always.
    static std::vector<RegionRecord> Search(storage::Transaction& tx, const std::string& text,
                                            const std::optional<std::string>& within, const std::string& date,
                                            std::int64_t limit);

    // The names on the date of the given codes (codes without a version that day are left out).
    static std::map<std::string, std::string> NamesOn(storage::Transaction& tx, const std::set<std::string>& codes,
                                                      const std::string& date);

    // Every version of a region, oldest first (empty when the code is unknown).
    static std::vector<RegionRecord> Versions(storage::Transaction& tx, const std::string& code);
    static std::vector<RegionLink> Successors(storage::Transaction& tx, const std::string& code);
    static std::vector<RegionLink> Predecessors(storage::Transaction& tx, const std::string& code);

    // Administrator maintenance.
    static void Add(storage::Transaction& tx, const NewRegion& region);
    static void Rename(storage::Transaction& tx, const std::string& code, const std::string& name,
                       const std::string& date);
    static void Close(storage::Transaction& tx, const std::string& code, const std::string& date,
                      const std::vector<std::string>& successors);

    // The codes of the regions above a code, from the province down, read off its digits.
    static std::vector<std::string> AncestorCodes(const std::string& code);
};

}  // namespace tuoyu::regions
