#include <soci/soci.h>

#include <algorithm>
#include <cstdlib>
#include <string_view>
#include <unordered_map>

#include "features/population/population.hpp"
#include "storage/query.hpp"
#include "storage/row.hpp"

namespace tuoyu::population {

namespace {

constexpr const char* kColumns =
    "region_code, year, resident, registered, births, age_0_1, age_1_2, age_2_3, source, source_date, updated_at, "
    "updated_by";

struct OwnRow {
    Figures figures;
    std::string source;
    std::optional<std::string> source_date;
    std::int64_t updated_at = 0;
    std::string updated_by;
};

OwnRow ReadOwnRow(const soci::row& row) {
    OwnRow own;
    for (std::size_t i = 0; i < kFigureCount; ++i) {
        own.figures[i] = storage::OptInt(row, 2 + i);
    }
    own.source = storage::Text(row, 8);
    own.source_date = storage::OptText(row, 9);
    own.updated_at = storage::Int(row, 10);
    own.updated_by = storage::Text(row, 11);
    return own;
}

// One region of the subtree during the roll-up: kept small, as a province has 70,000 of them.
struct Node {
    std::string code;
    std::string name;
    std::string parent;
    int level = 0;
    bool has_children = false;
    int own = -1;  // index into the own rows
    // Per figure: the sum of the children's figures so far, then the region's own where it has one.
    std::array<std::int64_t, kFigureCount> value{};
    std::array<std::int64_t, kFigureCount> regions{};
    std::uint8_t known = 0;  // bit f: value[f] holds a figure
};

RegionFigures Output(const Node& node, const std::vector<OwnRow>& own_rows) {
    RegionFigures out;
    out.code = node.code;
    out.name = node.name;
    out.level = node.level;
    out.has_children = node.has_children;
    const OwnRow* own = node.own >= 0 ? &own_rows[static_cast<std::size_t>(node.own)] : nullptr;
    if (own != nullptr) {
        out.has_own = true;
        out.source = own->source;
        out.source_date = own->source_date;
        out.updated_at = own->updated_at;
        out.updated_by = own->updated_by;
    }
    for (std::size_t f = 0; f < kFigureCount; ++f) {
        if ((node.known & (1u << f)) != 0) {
            const bool is_own = own != nullptr && own->figures[f].has_value();
            out.figures[f] = {node.value[f], is_own ? Origin::kOwn : Origin::kSum, node.regions[f]};
        }
    }
    return out;
}

}  // namespace

std::optional<Rollup> ReadRollup(storage::Transaction& tx, const std::string& region_code, int year) {
    // A child's code is its parent's with more digits filled in, so in descending code order every
    // region comes before its parent: one pass adds each region's figures to its parent's.
    std::vector<Node> nodes;
    storage::Query regions("SELECT code, name, level, parent_code FROM regions WHERE 1 = 1");
    storage::AppendRegionSubtree(regions, "code", region_code);
    // A province is some 70,000 rows: read as text off the engine's API, sorted here (codes are
    // digits, so byte order is every collation's).
    regions.ForEachText(tx, [&](const char* const* columns) {
        Node& node = nodes.emplace_back();
        node.code = columns[0];
        node.name = columns[1] != nullptr ? columns[1] : "";
        node.level = std::atoi(columns[2]);
        node.parent = columns[3] != nullptr ? columns[3] : "";
    });
    std::sort(nodes.begin(), nodes.end(), [](const Node& a, const Node& b) { return a.code > b.code; });
    std::unordered_map<std::string_view, std::size_t> index;
    index.reserve(nodes.size());
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        index.emplace(nodes[i].code, i);
    }
    auto root = index.find(region_code);
    if (root == index.end()) {
        return std::nullopt;
    }
    std::vector<OwnRow> own_rows;
    storage::Query figures(std::string("SELECT ") + kColumns + " FROM population WHERE year = ");
    figures.Bind(std::int64_t{year});
    storage::AppendRegionSubtree(figures, "region_code", region_code);
    figures.ForEachText(tx, [&](const char* const* columns) {
        auto it = index.find(columns[0]);
        if (it == index.end()) {
            return;
        }
        OwnRow& own = own_rows.emplace_back();
        for (std::size_t f = 0; f < kFigureCount; ++f) {
            if (columns[2 + f] != nullptr) {
                own.figures[f] = std::strtoll(columns[2 + f], nullptr, 10);
            }
        }
        own.source = columns[8] != nullptr ? columns[8] : "";
        if (columns[9] != nullptr) {
            own.source_date = columns[9];
        }
        own.updated_at = std::strtoll(columns[10], nullptr, 10);
        own.updated_by = columns[11] != nullptr ? columns[11] : "";
        nodes[it->second].own = static_cast<int>(own_rows.size() - 1);
    });
    for (Node& node : nodes) {
        if (node.own >= 0) {
            const OwnRow& own = own_rows[static_cast<std::size_t>(node.own)];
            for (std::size_t f = 0; f < kFigureCount; ++f) {
                if (own.figures[f]) {
                    node.value[f] = *own.figures[f];
                    node.regions[f] = 1;
                    node.known = static_cast<std::uint8_t>(node.known | (1u << f));
                }
            }
        }
        if (node.code == region_code) {
            continue;  // the subtree's root: nothing above it to add to
        }
        auto parent = index.find(node.parent);
        if (parent == index.end()) {
            continue;
        }
        Node& up = nodes[parent->second];
        up.has_children = true;
        const bool up_own = up.own >= 0;
        for (std::size_t f = 0; f < kFigureCount; ++f) {
            const bool overridden = up_own && own_rows[static_cast<std::size_t>(up.own)].figures[f].has_value();
            if ((node.known & (1u << f)) != 0 && !overridden) {
                up.value[f] += node.value[f];
                up.regions[f] += node.regions[f];
                up.known = static_cast<std::uint8_t>(up.known | (1u << f));
            }
        }
    }
    Rollup rollup;
    rollup.region = Output(nodes[root->second], own_rows);
    for (auto it = nodes.rbegin(); it != nodes.rend(); ++it) {
        if (it->parent == region_code && it->code != region_code) {
            rollup.children.push_back(Output(*it, own_rows));
        }
    }
    return rollup;
}

std::vector<int> YearsWithFigures(storage::Transaction& tx, const std::string& region_code) {
    storage::Query query("SELECT DISTINCT year FROM population WHERE 1 = 1");
    storage::AppendRegionSubtree(query, "region_code", region_code);
    query.Sql(" ORDER BY year");
    std::vector<int> years;
    query.ForEach(tx, [&](const soci::row& row) { years.push_back(static_cast<int>(storage::Int(row, 0))); });
    return years;
}

std::optional<Record> ReadOwn(storage::Transaction& tx, const std::string& region_code, int year) {
    storage::Query query(std::string("SELECT ") + kColumns + " FROM population WHERE region_code = ");
    query.Bind(region_code).Sql(" AND year = ").Bind(std::int64_t{year});
    std::optional<Record> record;
    query.ForEach(tx, [&](const soci::row& row) {
        const OwnRow own = ReadOwnRow(row);
        record = Record{region_code, year, own.figures, own.source, own.source_date, 0};
    });
    return record;
}

void SaveOwn(storage::Transaction& tx, const Record& record, const std::string& username, std::int64_t now) {
    storage::Query remove("DELETE FROM population WHERE region_code = ");
    remove.Bind(record.region_code).Sql(" AND year = ").Bind(std::int64_t{record.year}).Execute(tx);
    storage::Query insert(std::string("INSERT INTO population (") + kColumns + ") VALUES (");
    insert.Bind(record.region_code).Sql(", ").Bind(std::int64_t{record.year});
    for (const std::optional<std::int64_t>& figure : record.figures) {
        insert.Sql(", ");
        figure ? insert.Bind(*figure) : insert.Sql("NULL");
    }
    insert.Sql(", ").Bind(record.source).Sql(", ");
    record.source_date ? insert.Bind(*record.source_date) : insert.Sql("NULL");
    insert.Sql(", ").Bind(now).Sql(", ").Bind(username).Sql(")").Execute(tx);
}

}  // namespace tuoyu::population
