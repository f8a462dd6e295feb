#include "features/regions/region_tree.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <stdexcept>
#include <string_view>
#include <utility>

#include "core/error.hpp"
#include "core/region_code.hpp"
#include "features/regions/region_kind.hpp"
#include "storage/query.hpp"
#include "storage/row.hpp"

namespace tuoyu::regions {

namespace {

constexpr const char* kColumns =
    "v.code, v.name, v.level, v.parent_code, v.kind, v.urban_rural, v.valid_from, v.valid_to";

// Columns 0..7 of kColumns.
std::optional<std::string> OptionalOf(const char* text) {
    return text == nullptr ? std::nullopt : std::optional<std::string>(text);
}

// Columns 0..7 of kColumns, read as text (storage::Query::ForEachText).
RegionRecord ReadRecordText(const char* const* columns) {
    RegionRecord record;
    record.code = columns[0];
    record.name = columns[1];
    record.level = columns[2][0] - '0';
    record.parent_code = OptionalOf(columns[3]);
    record.kind = OptionalOf(columns[4]);
    record.urban_rural = OptionalOf(columns[5]);
    record.valid_from = columns[6];
    record.valid_to = OptionalOf(columns[7]);
    return record;
}

// " AND the version v is in force on date".
void AppendInForce(storage::Query& query, std::string_view alias, const std::string& date) {
    query.Sql(" AND ").Sql(alias).Sql(".valid_from <= ").Bind(date);
    query.Sql(" AND (").Sql(alias).Sql(".valid_to IS NULL OR ").Sql(alias).Sql(".valid_to > ").Bind(date).Sql(")");
}

void AppendHasChildren(storage::Query& query, const std::string& date) {
    // EXISTS stops at the first child in force; a count would visit every village of a town.
    query.Sql(", CASE WHEN EXISTS (SELECT 1 FROM region_versions c WHERE c.parent_code = v.code");
    AppendInForce(query, "c", date);
    query.Sql(") THEN 1 ELSE 0 END");
}

struct Current {
    std::string name;
    int level = 0;
    std::optional<std::string> parent_code;
    std::optional<std::string> kind;
    std::optional<std::string> valid_to;  // of the region
    std::string version_from;             // the latest version's first day
};

std::optional<Current> ReadCurrent(storage::Transaction& tx, const std::string& code) {
    storage::Query query(
        "SELECT r.name, r.level, r.parent_code, r.kind, r.valid_to, "
        "(SELECT MAX(v.valid_from) FROM region_versions v WHERE v.code = r.code) FROM regions r WHERE r.code = ");
    query.Bind(code);
    std::optional<Current> current;
    query.ForEach(tx, [&](const soci::row& row) {
        current = Current{storage::Text(row, 0),    static_cast<int>(storage::Int(row, 1)),
                          storage::OptText(row, 2), storage::OptText(row, 3),
                          storage::OptText(row, 4), storage::Text(row, 5)};
    });
    return current;
}

void BindOptional(storage::Query& query, const std::optional<std::string>& value) {
    value ? query.Bind(*value) : query.Sql("NULL");
}

void InsertVersion(storage::Transaction& tx, const std::string& code, const std::string& valid_from,
                   const std::string& name, const std::optional<std::string>& parent, int level,
                   const std::optional<std::string>& kind) {
    storage::Query insert(
        "INSERT INTO region_versions (code, valid_from, valid_to, name, parent_code, level, kind, urban_rural) "
        "VALUES (");
    insert.Bind(code).Sql(", ").Bind(valid_from).Sql(", NULL, ").Bind(name).Sql(", ");
    BindOptional(insert, parent);
    insert.Sql(", ").Bind(std::int64_t{level}).Sql(", ");
    BindOptional(insert, kind);
    insert.Sql(", NULL)").Execute(tx);
}

ApiError DateNotAfter(const std::string& field, const std::string& from) {
    return BadRequest("date_before_valid_from", field, "生效日期须晚于该区划现行版本的起始日期 " + from,
                      "the effective date must be after the first day of the region's current version, " + from);
}

ApiError RegionClosed() {
    return Conflict("region_closed", "code", "该区划已撤销", "the region is closed");
}

std::vector<RegionLink> Links(storage::Transaction& tx, const std::string& code, bool successors) {
    storage::Query query(successors ? "SELECT s.successor_code, r.name, s.effective_date FROM region_successors s "
                                      "JOIN regions r ON r.code = s.successor_code WHERE s.code = "
                                    : "SELECT s.code, r.name, s.effective_date FROM region_successors s "
                                      "JOIN regions r ON r.code = s.code WHERE s.successor_code = ");
    query.Bind(code).Sql(" ORDER BY 1");
    std::vector<RegionLink> links;
    query.ForEach(tx, [&](const soci::row& row) {
        links.push_back({storage::Text(row, 0), storage::Text(row, 1), storage::Text(row, 2)});
    });
    return links;
}

}  // namespace

std::optional<RegionRecord> RegionTree::Find(storage::Transaction& tx, const std::string& code,
                                             const std::string& date) {
    storage::Query query(std::string("SELECT ") + kColumns);
    AppendHasChildren(query, date);
    query.Sql(" FROM region_versions v WHERE v.code = ").Bind(code);
    AppendInForce(query, "v", date);
    std::optional<RegionRecord> found;
    // As text, through the statement cache: the single region is the busiest read of the API.
    query.ForEachText(tx, [&](const char* const* columns) {
        found = ReadRecordText(columns);
        found->has_children = columns[8] != nullptr && columns[8][0] == '1';
    });
    return found;
}

RegionPage RegionTree::Children(storage::Transaction& tx, const std::optional<std::string>& parent,
                                const std::string& date, const PageRequest& page) {
    storage::Query count("SELECT COUNT(*) FROM region_versions v WHERE ");
    storage::Query query(std::string("SELECT ") + kColumns);
    AppendHasChildren(query, date);
    query.Sql(" FROM region_versions v WHERE ");
    for (storage::Query* target : {&count, &query}) {
        parent ? target->Sql("v.parent_code = ").Bind(*parent) : target->Sql("v.parent_code IS NULL");
        AppendInForce(*target, "v", date);
    }
    const std::string sort = page.sort.empty() ? "code" : page.sort;  // checked by the caller
    query.Sql(" ORDER BY v." + sort + (page.descending ? " DESC" : " ASC") + ", v.code LIMIT ")
        .Bind(page.page_size)
        .Sql(" OFFSET ")
        .Bind(page.offset());
    RegionPage result;
    result.total = count.Count(tx);
    query.ForEachText(tx, [&](const char* const* columns) {
        result.items.push_back(ReadRecordText(columns));
        result.items.back().has_children = columns[8] != nullptr && columns[8][0] == '1';
    });
    return result;
}

namespace {}  // namespace

// Generous sizes of a subtree by the level of its root (山东 has 64,095 regions): the memory of an
// untouched reservation is never paged in, so a too large guess costs nothing.
constexpr std::size_t kExpectedSubtree[] = {0, 100'000, 20'000, 4'000, 1'000, 1};

std::vector<RegionRecord> RegionTree::Subtree(storage::Transaction& tx, const std::string& code,
                                              const std::string& date) {
    // The same index range as storage::AppendRegionSubtree (docs/decisions/0002).
    const std::string prefix = RegionCode::SubtreePrefix(code);
    std::vector<RegionRecord> records;
    records.reserve(kExpectedSubtree[RegionCode::Level(code)]);
    if (tx.dialect() == storage::Dialect::kPostgres) {
        // One index range: parallel workers cost more to start than they save here.
        tx.sql() << "SET LOCAL max_parallel_workers_per_gather = 0";
    }
    // A whole province is tens of thousands of rows: read as text straight off the engine (SOCI's
    // dynamic rows cost more than the query itself). Sorted here, not by the database: under a
    // linguistic collation PostgreSQL's sort of 70,000 codes took longer than the query (codes are
    // digits, so byte order is every collation's).
    storage::Query query(
        "SELECT code, name, level, parent_code, kind, urban_rural, valid_from, valid_to FROM region_versions "
        "WHERE code BETWEEN ");
    query.Bind(prefix + std::string(12 - prefix.size(), '0'))
        .Sql(" AND ")
        .Bind(prefix + std::string(12 - prefix.size(), '9'))
        .Sql(" AND valid_from <= ")
        .Bind(date)
        .Sql(" AND (valid_to IS NULL OR valid_to > ")
        .Bind(date)
        .Sql(")");
    query.ForEachText(tx, [&](const char* const* columns) { records.push_back(ReadRecordText(columns)); });
    auto by_code = [](const RegionRecord& a, const RegionRecord& b) { return a.code < b.code; };
    if (std::is_sorted(records.begin(), records.end(), by_code)) {
        return records;
    }
    // PostgreSQL's bitmap scan returns the rows in the order they were stored (level by level):
    // sort small (code, position) pairs, then move each record once.
    std::vector<std::pair<std::string_view, std::size_t>> order;
    order.reserve(records.size());
    for (std::size_t i = 0; i < records.size(); ++i) {
        order.emplace_back(records[i].code, i);
    }
    std::sort(order.begin(), order.end());
    std::vector<RegionRecord> sorted;
    sorted.reserve(records.size());
    for (const auto& entry : order) {
        sorted.push_back(std::move(records[entry.second]));
    }
    return sorted;
}

std::vector<RegionRecord> RegionTree::Search(storage::Transaction& tx, const std::string& text,
                                             const std::optional<std::string>& within, const std::string& date,
                                             std::int64_t limit) {
    storage::Query query(std::string("SELECT ") + kColumns);
    AppendHasChildren(query, date);
    query.Sql(" FROM region_versions v WHERE 1 = 1");
    if (within) {
        storage::AppendRegionSubtree(query, "v.code", *within);
    }
    const bool digits =
        !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (digits) {
        // A code prefix: the same index range as a subtree, on the digits typed so far.
        const std::string prefix = text.substr(0, std::min<std::size_t>(text.size(), 12));
        query.Sql(" AND v.code BETWEEN ")
            .Bind(prefix + std::string(12 - prefix.size(), '0'))
            .Sql(" AND ")
            .Bind(prefix + std::string(12 - prefix.size(), '9'));
    } else {
        query.Sql(" AND v.name LIKE ").Bind(storage::LikePattern(text)).Sql(" ESCAPE '\\'");
        // A name inside a word cannot use an index: over the nation or a province, scanning 620,000
        // villages took 0.2–0.7 s, so villages are matched by name only within a city or below;
        // provinces to towns (45,000) come from the index on level.
        if (!within || RegionCode::Level(*within) < 2) {
            query.Sql(" AND v.level <= 4");
        }
    }
    AppendInForce(query, "v", date);
    query.Sql(" ORDER BY v.code LIMIT ").Bind(limit);
    std::vector<RegionRecord> records;
    query.ForEachText(tx, [&](const char* const* columns) {
        records.push_back(ReadRecordText(columns));
        records.back().has_children = columns[8] != nullptr && columns[8][0] == '1';
    });
    return records;
}

std::map<std::string, std::string> RegionTree::NamesOn(storage::Transaction& tx, const std::set<std::string>& codes,
                                                       const std::string& date) {
    std::map<std::string, std::string> names;
    if (codes.empty()) {
        return names;
    }
    storage::Query query("SELECT v.code, v.name FROM region_versions v WHERE v.code IN (");
    bool first = true;
    for (const std::string& code : codes) {
        query.Sql(first ? "" : ", ").Bind(code);
        first = false;
    }
    query.Sql(")");
    AppendInForce(query, "v", date);
    query.ForEach(tx, [&](const soci::row& row) { names[storage::Text(row, 0)] = storage::Text(row, 1); });
    return names;
}

std::vector<RegionRecord> RegionTree::Versions(storage::Transaction& tx, const std::string& code) {
    storage::Query query(std::string("SELECT ") + kColumns + " FROM region_versions v WHERE v.code = ");
    query.Bind(code).Sql(" ORDER BY v.valid_from");
    std::vector<RegionRecord> versions;
    query.ForEachText(tx, [&](const char* const* columns) { versions.push_back(ReadRecordText(columns)); });
    return versions;
}

std::vector<RegionLink> RegionTree::Successors(storage::Transaction& tx, const std::string& code) {
    return Links(tx, code, true);
}

std::vector<RegionLink> RegionTree::Predecessors(storage::Transaction& tx, const std::string& code) {
    return Links(tx, code, false);
}

std::vector<std::string> RegionTree::AncestorCodes(const std::string& code) {
    static constexpr std::size_t kPrefixByLevel[] = {0, 2, 4, 6, 9, 12};
    std::vector<std::string> codes;
    for (int level = 1; level < RegionCode::Level(code); ++level) {
        const std::size_t digits = kPrefixByLevel[level];
        std::string ancestor = code.substr(0, digits) + std::string(12 - digits, '0');
        if (codes.empty() || codes.back() != ancestor) {  // 东莞市's towns: no county between
            codes.push_back(std::move(ancestor));
        }
    }
    return codes;
}

void RegionTree::Add(storage::Transaction& tx, const NewRegion& region) {
    const int level = RegionCode::Level(region.code);
    if (storage::Query("SELECT COUNT(*) FROM regions WHERE code = ").Bind(region.code).Count(tx) > 0) {
        throw Conflict("region_exists", "code", "区划代码 " + region.code + " 已存在（已撤销的区划也不能重新使用）",
                       "the division code " + region.code + " exists already (closed codes are not reused)");
    }
    if (level == 1 && region.parent_code) {
        throw BadRequest("parent_mismatch", "parent_code", "省级区划不能有上级", "a province has no parent");
    }
    if (level > 1) {
        if (!region.parent_code) {
            throw BadRequest("parent_required", "parent_code", "请填写上级区划", "the parent region is required");
        }
        const std::vector<std::string> ancestors = AncestorCodes(region.code);
        if (ancestors.back() != *region.parent_code) {
            throw BadRequest("parent_mismatch", "parent_code",
                             "区划代码 " + region.code + " 不在上级区划 " + *region.parent_code + " 的代码范围内",
                             "the code " + region.code + " does not lie directly under " + *region.parent_code);
        }
        if (!Find(tx, *region.parent_code, region.valid_from)) {
            throw BadRequest("unknown_parent", "parent_code", "上级区划在生效日期不存在或已撤销",
                             "the parent region does not exist or is closed on the effective date");
        }
    }
    std::optional<std::string> kind = region.kind;
    if (kind && !IsKindOfLevel(level, *kind)) {
        throw BadRequest("invalid_kind", "kind", "区划类别与层级不符",
                         "the kind does not fit the level (towns: street, town, township; villages: community, "
                         "village)");
    }
    if (!kind) {
        kind = KindFromName(level, region.name);
    }
    storage::Query insert(
        "INSERT INTO regions (code, name, level, parent_code, kind, urban_rural, valid_from, valid_to) VALUES (");
    insert.Bind(region.code).Sql(", ").Bind(region.name).Sql(", ").Bind(std::int64_t{level}).Sql(", ");
    BindOptional(insert, region.parent_code);
    insert.Sql(", ");
    BindOptional(insert, kind);
    insert.Sql(", NULL, ").Bind(region.valid_from).Sql(", NULL)").Execute(tx);
    InsertVersion(tx, region.code, region.valid_from, region.name, region.parent_code, level, kind);
}

void RegionTree::Rename(storage::Transaction& tx, const std::string& code, const std::string& name,
                        const std::string& date) {
    const std::optional<Current> current = ReadCurrent(tx, code);
    if (!current) {
        throw NotFound("区划", "region");
    }
    if (current->valid_to) {
        throw RegionClosed();
    }
    if (date <= current->version_from) {
        throw DateNotAfter("effective_date", current->version_from);
    }
    if (name == current->name) {
        throw BadRequest("same_name", "name", "新名称与现名称相同", "the new name is the current name");
    }
    std::optional<std::string> kind = KindFromName(current->level, name);
    if (!kind) {
        kind = current->kind;
    }
    storage::Query("UPDATE region_versions SET valid_to = ")
        .Bind(date)
        .Sql(" WHERE code = ")
        .Bind(code)
        .Sql(" AND valid_from = ")
        .Bind(current->version_from)
        .Execute(tx);
    InsertVersion(tx, code, date, name, current->parent_code, current->level, kind);
    storage::Query update("UPDATE regions SET name = ");
    update.Bind(name).Sql(", kind = ");
    BindOptional(update, kind);
    update.Sql(" WHERE code = ").Bind(code).Execute(tx);
}

void RegionTree::Close(storage::Transaction& tx, const std::string& code, const std::string& date,
                       const std::vector<std::string>& successors) {
    const std::optional<Current> current = ReadCurrent(tx, code);
    if (!current) {
        throw NotFound("区划", "region");
    }
    if (current->valid_to) {
        throw RegionClosed();
    }
    if (date <= current->version_from) {
        throw DateNotAfter("effective_date", current->version_from);
    }
    storage::Query children("SELECT COUNT(*) FROM region_versions c WHERE c.parent_code = ");
    children.Bind(code).Sql(" AND (c.valid_to IS NULL OR c.valid_to > ").Bind(date).Sql(")");
    if (children.Count(tx) > 0) {
        throw Conflict("has_children", "code", "该区划下仍有有效的下级区划，请先撤销或调整下级区划",
                       "the region still has regions below it in force on that date: close or move them first");
    }
    std::vector<std::string> unique = successors;
    std::sort(unique.begin(), unique.end());
    unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
    for (const std::string& successor : unique) {
        if (successor == code) {
            throw BadRequest("invalid_successor", "successors", "区划不能是自己的承继区划",
                             "a region cannot succeed itself");
        }
        const std::optional<RegionRecord> next = Find(tx, successor, date);
        if (!next) {
            throw BadRequest("unknown_successor", "successors", "承继区划 " + successor + " 在生效日期不存在或已撤销",
                             "the successor " + successor + " does not exist or is closed on the effective date");
        }
        if (next->level != current->level) {
            throw BadRequest("invalid_successor", "successors", "承继区划 " + successor + " 与被撤销区划不在同一层级",
                             "the successor " + successor + " is not at the closed region's level");
        }
    }
    storage::Query("UPDATE region_versions SET valid_to = ")
        .Bind(date)
        .Sql(" WHERE code = ")
        .Bind(code)
        .Sql(" AND valid_from = ")
        .Bind(current->version_from)
        .Execute(tx);
    storage::Query("UPDATE regions SET valid_to = ").Bind(date).Sql(" WHERE code = ").Bind(code).Execute(tx);
    for (const std::string& successor : unique) {
        storage::Query("INSERT INTO region_successors (code, successor_code, effective_date) VALUES (")
            .Bind(code)
            .Sql(", ")
            .Bind(successor)
            .Sql(", ")
            .Bind(date)
            .Sql(")")
            .Execute(tx);
    }
}

}  // namespace tuoyu::regions
