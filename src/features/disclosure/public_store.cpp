#include "features/disclosure/public_store.hpp"

#include <soci/soci.h>

#include <map>
#include <set>

#include "core/region_code.hpp"
#include "features/disclosure/puhui.hpp"
#include "features/disclosure/puhui_store.hpp"
#include "storage/query.hpp"
#include "storage/row.hpp"

namespace tuoyu::disclosure {

namespace {

// The significant digits of each level's codes: province 2, city 4, county 6, town 9, village 12.
constexpr int kPrefixLength[] = {0, 2, 4, 6, 9, 12};

std::string Padded(const std::string& prefix) {
    return prefix + std::string(12 - prefix.size(), '0');
}

void AppendOperating(storage::Query& query) {
    query.Sql(" AND i.status IN (");
    const std::vector<std::string>& statuses = OperatingStatusCodes();
    for (std::size_t i = 0; i < statuses.size(); ++i) {
        query.Sql(i == 0 ? "" : ", ").Bind(statuses[i]);
    }
    query.Sql(")");
}

void AppendIds(storage::Query& query, const std::vector<std::int64_t>& ids) {
    query.Sql("(");
    for (std::size_t i = 0; i < ids.size(); ++i) {
        query.Sql(i == 0 ? "" : ", ").Bind(ids[i]);
    }
    query.Sql(")");
}

Json TextOrNull(const std::optional<std::string>& text) {
    return text && !text->empty() ? Json(*text) : Json();
}

// The codes from the province down to the region itself.
std::vector<std::string> PathCodes(const std::string& code) {
    std::vector<std::string> codes;
    const int level = RegionCode::Level(code);
    for (int l = 1; l <= level && l <= 5; ++l) {
        codes.push_back(Padded(code.substr(0, static_cast<std::size_t>(kPrefixLength[l]))));
    }
    return codes;
}

// Names of the regions on the paths of the codes, in one query.
class RegionNames {
  public:
    void Want(const std::string& code) {
        for (const std::string& ancestor : PathCodes(code)) {
            wanted_.insert(ancestor);
        }
    }

    void Load(storage::Transaction& tx) {
        if (wanted_.empty()) {
            return;
        }
        storage::Query query("SELECT code, name FROM regions WHERE code IN (");
        bool first = true;
        for (const std::string& code : wanted_) {
            query.Sql(first ? "" : ", ").Bind(code);
            first = false;
        }
        query.Sql(")");
        query.ForEach(tx, [&](const soci::row& row) { names_[storage::Text(row, 0)] = storage::Text(row, 1); });
    }

    // [{code, name}] from the province down; regions missing from the tree are left out.
    Json Path(const std::string& code) const {
        Json path = Json::array();
        for (const std::string& ancestor : PathCodes(code)) {
            auto it = names_.find(ancestor);
            if (it != names_.end()) {
                path.push_back({{"code", ancestor}, {"name", it->second}});
            }
        }
        return path;
    }

  private:
    std::set<std::string> wanted_;
    std::map<std::string, std::string> names_;
};

struct InstitutionRow {
    std::int64_t id = 0;
    std::string name;
    std::string kind;
    std::optional<std::string> address;
    std::string region_code;
    std::optional<std::string> sponsor_type;
    std::string service_modes;
    std::optional<std::int64_t> slots;
    bool puhui = false;
};

constexpr const char* kInstitutionColumns =
    "SELECT i.id, i.name, i.kind, i.address, i.region_code, i.sponsor_type, i.service_modes, i.slots, i.puhui "
    "FROM institutions i WHERE 1 = 1";

InstitutionRow InstitutionFrom(const soci::row& row) {
    InstitutionRow item;
    item.id = storage::Int(row, 0);
    item.name = storage::Text(row, 1);
    item.kind = storage::Text(row, 2);
    item.address = storage::OptText(row, 3);
    item.region_code = storage::Text(row, 4);
    item.sponsor_type = storage::OptText(row, 5);
    item.service_modes = storage::Text(row, 6);
    item.slots = storage::OptInt(row, 7);
    item.puhui = storage::Int(row, 8) != 0;
    return item;
}

void AppendFilter(storage::Query& query, const PublicFilter& filter) {
    AppendOperating(query);
    if (filter.region_code) {
        storage::AppendRegionSubtree(query, "i.region_code", *filter.region_code);
    }
    if (filter.kind) {
        query.Sql(" AND i.kind = ").Bind(*filter.kind);
    }
    if (filter.puhui) {
        query.Sql(" AND i.puhui = ").Bind(std::int64_t{*filter.puhui ? 1 : 0});
    }
    if (filter.service_mode) {
        query.Sql(" AND i.service_modes LIKE ").Bind(storage::LikePattern("," + *filter.service_mode + ","));
        query.Sql(" ESCAPE '\\'");
    }
    if (!filter.name.empty()) {
        query.Sql(" AND i.name LIKE ").Bind(storage::LikePattern(filter.name)).Sql(" ESCAPE '\\'");
    }
}

struct FilingFacts {
    std::string receipt_number;
    std::string filed_on;
};

// The institutions' latest accepted filing: the receipt in force and its day.
std::map<std::int64_t, FilingFacts> LatestReceipts(storage::Transaction& tx, const std::vector<std::int64_t>& ids) {
    std::map<std::int64_t, FilingFacts> receipts;
    if (ids.empty()) {
        return receipts;
    }
    storage::Query query(
        "SELECT institution_id, receipt_number, decided_at FROM filings WHERE state = 'accepted' AND institution_id "
        "IN ");
    AppendIds(query, ids);
    query.Sql(" ORDER BY institution_id, id");
    query.ForEach(tx, [&](const soci::row& row) {
        receipts[storage::Int(row, 0)] = {storage::Text(row, 1), ShanghaiDate(storage::Int(row, 2)).ToString()};
    });
    return receipts;
}

std::map<std::int64_t, Recognition> RecognitionsInForce(storage::Transaction& tx,
                                                        const std::vector<std::int64_t>& ids) {
    std::map<std::int64_t, Recognition> in_force;
    if (ids.empty()) {
        return in_force;
    }
    storage::Query query(
        "SELECT institution_id, effective_from, fee_per_month_yuan, slots FROM puhui_recognitions WHERE revoked_on IS "
        "NULL AND institution_id IN ");
    AppendIds(query, ids);
    query.ForEach(tx, [&](const soci::row& row) {
        Recognition recognition;
        recognition.institution_id = storage::Int(row, 0);
        recognition.effective_from = storage::Text(row, 1);
        recognition.fee_per_month_yuan = storage::Int(row, 2);
        recognition.slots = storage::Int(row, 3);
        in_force[recognition.institution_id] = recognition;
    });
    return in_force;
}

// The disclosed facts of the institutions, and nothing else.
Json InstitutionItems(storage::Transaction& tx, const std::vector<InstitutionRow>& rows) {
    std::vector<std::int64_t> ids;
    RegionNames names;
    for (const InstitutionRow& row : rows) {
        ids.push_back(row.id);
        names.Want(row.region_code);
    }
    names.Load(tx);
    const std::map<std::int64_t, FilingFacts> receipts = LatestReceipts(tx, ids);
    const std::map<std::int64_t, Recognition> puhui = RecognitionsInForce(tx, ids);
    Json items = Json::array();
    for (const InstitutionRow& row : rows) {
        auto receipt = receipts.find(row.id);
        auto recognition = puhui.find(row.id);
        const bool granted = row.puhui && recognition != puhui.end();
        items.push_back(
            {{"id", row.id},
             {"name", row.name},
             {"kind", row.kind},
             {"address", TextOrNull(row.address)},
             {"region_code", row.region_code},
             {"region_path", names.Path(row.region_code)},
             {"sponsor_type", TextOrNull(row.sponsor_type)},
             {"service_modes", storage::SplitCodes(row.service_modes)},
             {"slots", row.slots ? Json(*row.slots) : Json()},
             {"puhui", granted},
             {"puhui_since", granted ? Json(recognition->second.effective_from) : Json()},
             {"puhui_fee_per_month_yuan", granted ? Json(recognition->second.fee_per_month_yuan) : Json()},
             {"puhui_slots", granted ? Json(recognition->second.slots) : Json()},
             {"filing_receipt_number", receipt != receipts.end() ? Json(receipt->second.receipt_number) : Json()},
             {"filed_on", receipt != receipts.end() ? Json(receipt->second.filed_on) : Json()}});
    }
    return items;
}

Json PublicEntryJson(const ListEntry& entry) {
    return {{"id", entry.id},
            // Only an institution that may operate now is linked to its public record.
            {"institution_id", entry.operating ? Json(entry.institution_id) : Json()},
            {"institution_name", entry.institution_name},
            {"address", entry.address.empty() ? Json() : Json(entry.address)},
            {"region_code", entry.region_code},
            {"fee_per_month_yuan", entry.fee_per_month_yuan},
            {"slots", entry.slots},
            {"state", entry.state},
            {"outcome", entry.outcome.empty() ? Json() : Json(entry.outcome)},
            {"objections", entry.objections},
            {"objections_open", entry.objections_open}};
}

constexpr const char* kPublicListColumns =
    "SELECT l.id, l.county_code, l.title, l.state, l.published_on, l.publicity_working_days, l.period_end, "
    "l.period_estimated, l.effective_from, l.published_at FROM puhui_lists l WHERE l.id IN ";

// The lists of the ids as the public sees them, by id.
std::map<std::int64_t, Json> PublicLists(storage::Transaction& tx, const std::vector<std::int64_t>& ids,
                                         CivilDate today) {
    std::map<std::int64_t, Json> lists;
    if (ids.empty()) {
        return lists;
    }
    std::vector<PublicityList> rows;
    storage::Query query(kPublicListColumns);
    AppendIds(query, ids);
    RegionNames names;
    query.ForEach(tx, [&](const soci::row& row) {
        PublicityList list;
        list.id = storage::Int(row, 0);
        list.county_code = storage::Text(row, 1);
        list.title = storage::Text(row, 2);
        list.state = storage::Text(row, 3);
        list.published_on = storage::Text(row, 4);
        list.publicity_working_days = storage::Int(row, 5);
        list.period_end = storage::Text(row, 6);
        list.period_estimated = storage::Int(row, 7) != 0;
        list.effective_from = storage::Text(row, 8);
        list.published_at = storage::Int(row, 9);
        names.Want(list.county_code);
        rows.push_back(std::move(list));
    });
    names.Load(tx);
    std::map<std::int64_t, Json> entries;
    for (const ListEntry& entry : EntriesOf(tx, ids)) {
        Json& list = entries[entry.list_id];
        if (list.is_null()) {
            list = Json::array();
        }
        list.push_back(PublicEntryJson(entry));
    }
    for (const PublicityList& list : rows) {
        lists[list.id] = {{"id", list.id},
                          {"title", list.title},
                          {"county_code", list.county_code},
                          {"region_path", names.Path(list.county_code)},
                          {"state", list.state},
                          {"published_on", list.published_on},
                          {"publicity_working_days", list.publicity_working_days},
                          {"period_end", list.period_end},
                          {"period_estimated", list.period_estimated},
                          {"taking_objections", TakesObjections(list, today)},
                          {"effective_from", list.effective_from.empty() ? Json() : Json(list.effective_from)},
                          {"entries", entries.count(list.id) != 0 ? entries[list.id] : Json::array()}};
    }
    return lists;
}

std::map<std::int64_t, Json> PublicRejections(storage::Transaction& tx, const std::vector<std::int64_t>& ids) {
    std::map<std::int64_t, Json> rejections;
    if (ids.empty()) {
        return rejections;
    }
    storage::Query query(
        "SELECT f.id, f.kind, f.rejection_reasons, f.published_at, i.name, i.region_code FROM filings f JOIN "
        "institutions i ON i.id = f.institution_id WHERE f.state = 'rejected' AND f.id IN ");
    AppendIds(query, ids);
    struct Row {
        std::int64_t id;
        std::string kind;
        Json reasons;
        std::int64_t published_at;
        std::string name;
        std::string region_code;
    };
    std::vector<Row> rows;
    RegionNames names;
    query.ForEach(tx, [&](const soci::row& row) {
        Json reasons = Json::parse(storage::Text(row, 2), nullptr, false);
        if (!reasons.is_array()) {
            reasons = Json::array();
        }
        rows.push_back({storage::Int(row, 0), storage::Text(row, 1), reasons, storage::Int(row, 3),
                        storage::Text(row, 4), storage::Text(row, 5)});
        names.Want(rows.back().region_code);
    });
    names.Load(tx);
    for (const Row& row : rows) {
        rejections[row.id] = {{"id", row.id},
                              {"filing_kind", row.kind},
                              {"institution_name", row.name},
                              {"region_code", row.region_code},
                              {"region_path", names.Path(row.region_code)},
                              {"reasons", row.reasons},
                              {"published_on", ShanghaiDate(row.published_at).ToString()}};
    }
    return rejections;
}

}  // namespace

Json PublicInstitutions(storage::Transaction& tx, const PublicFilter& filter, const PageRequest& page) {
    storage::Query count("SELECT COUNT(*) FROM institutions i WHERE 1 = 1");
    AppendFilter(count, filter);
    const std::int64_t total = count.Count(tx);
    storage::Query query(kInstitutionColumns);
    AppendFilter(query, filter);
    const std::string order = page.descending ? " DESC" : " ASC";
    query.Sql(page.sort == "name" ? " ORDER BY i.name" + order + ", i.id" + order : " ORDER BY i.id" + order);
    query.Sql(" LIMIT ").Bind(page.page_size).Sql(" OFFSET ").Bind(page.offset());
    std::vector<InstitutionRow> rows;
    query.ForEach(tx, [&](const soci::row& row) { rows.push_back(InstitutionFrom(row)); });
    return {
        {"items", InstitutionItems(tx, rows)}, {"total", total}, {"page", page.page}, {"page_size", page.page_size}};
}

Json PublicInstitution(storage::Transaction& tx, std::int64_t id) {
    storage::Query query(kInstitutionColumns);
    query.Sql(" AND i.id = ").Bind(id);
    AppendOperating(query);
    std::vector<InstitutionRow> rows;
    query.ForEach(tx, [&](const soci::row& row) { rows.push_back(InstitutionFrom(row)); });
    if (rows.empty()) {
        return nullptr;
    }
    Json item = InstitutionItems(tx, rows).front();
    Json history = Json::array();
    for (const Recognition& recognition : Recognitions(tx, id)) {
        history.push_back({{"list_id", recognition.list_id},
                           {"effective_from", recognition.effective_from},
                           {"revoked_on", recognition.revoked_on.empty() ? Json() : Json(recognition.revoked_on)},
                           {"fee_per_month_yuan", recognition.fee_per_month_yuan},
                           {"slots", recognition.slots}});
    }
    item["puhui_history"] = history;
    return item;
}

Json PublicRegions(storage::Transaction& tx, const std::optional<std::string>& parent) {
    const int parent_level = parent ? RegionCode::Level(*parent) : 0;
    Json items = Json::array();
    if (parent_level >= 5) {
        return items;
    }
    const int length = kPrefixLength[parent_level + 1];
    const std::string zeros(static_cast<std::size_t>(12 - length), '0');
    const std::string prefix = "SUBSTR(i.region_code, 1, " + std::to_string(length) + ")";
    storage::Query query("SELECT " + prefix + ", COUNT(*), SUM(CASE WHEN SUBSTR(i.region_code, " +
                         std::to_string(length + 1) + ") <> ");
    query.Bind(zeros).Sql(" THEN 1 ELSE 0 END) FROM institutions i WHERE 1 = 1");
    AppendOperating(query);
    if (parent) {
        storage::AppendRegionSubtree(query, "i.region_code", *parent);
    }
    query.Sql(" GROUP BY " + prefix + " ORDER BY " + prefix);
    struct Child {
        std::string code;
        std::int64_t institutions;
        bool deeper;
    };
    std::vector<Child> children;
    RegionNames names;
    query.ForEach(tx, [&](const soci::row& row) {
        children.push_back({Padded(storage::Text(row, 0)), storage::Int(row, 1), storage::Int(row, 2) > 0});
        names.Want(children.back().code);
    });
    names.Load(tx);
    for (const Child& child : children) {
        const Json path = names.Path(child.code);
        const bool known = !path.empty() && path.back()["code"] == child.code;
        items.push_back({{"code", child.code},
                         {"name", known ? path.back()["name"] : Json(child.code)},
                         {"level", parent_level + 1},
                         {"institutions", child.institutions},
                         {"has_children", child.deeper && parent_level + 1 < 5}});
    }
    return items;
}

Json PublicDecisions(storage::Transaction& tx, const DecisionFilter& filter, const PageRequest& page, CivilDate today) {
    auto decisions = [&](storage::Query& query) {
        query.Sql("(");
        const bool rejections = !filter.type || *filter.type == "filing_rejection";
        const bool lists = !filter.type || *filter.type == "puhui_list";
        if (rejections) {
            query.Sql(
                "SELECT 'filing_rejection' AS kind, f.id AS id, f.published_at AS at FROM filings f JOIN institutions "
                "i ON i.id = f.institution_id WHERE f.state = 'rejected' AND f.published_at IS NOT NULL");
            if (filter.region_code) {
                storage::AppendRegionSubtree(query, "i.region_code", *filter.region_code);
            }
        }
        if (rejections && lists) {
            query.Sql(" UNION ALL ");
        }
        if (lists) {
            query.Sql("SELECT 'puhui_list' AS kind, l.id AS id, l.published_at AS at FROM puhui_lists l WHERE 1 = 1");
            if (filter.region_code) {
                if (RegionCode::Level(*filter.region_code) > 3) {
                    query.Sql(" AND l.county_code = ").Bind(CountyOf(*filter.region_code));
                } else {
                    storage::AppendRegionSubtree(query, "l.county_code", *filter.region_code);
                }
            }
        }
        query.Sql(") d");
    };
    storage::Query count("SELECT COUNT(*) FROM ");
    decisions(count);
    const std::int64_t total = count.Count(tx);
    storage::Query query("SELECT d.kind, d.id FROM ");
    decisions(query);
    query.Sql(" ORDER BY d.at DESC, d.kind, d.id DESC LIMIT ").Bind(page.page_size).Sql(" OFFSET ").Bind(page.offset());
    std::vector<std::pair<std::string, std::int64_t>> keys;
    std::vector<std::int64_t> filing_ids;
    std::vector<std::int64_t> list_ids;
    query.ForEach(tx, [&](const soci::row& row) {
        keys.emplace_back(storage::Text(row, 0), storage::Int(row, 1));
        (keys.back().first == "puhui_list" ? list_ids : filing_ids).push_back(keys.back().second);
    });
    std::map<std::int64_t, Json> rejections = PublicRejections(tx, filing_ids);
    std::map<std::int64_t, Json> lists = PublicLists(tx, list_ids, today);
    Json items = Json::array();
    for (const auto& [kind, id] : keys) {
        Json item = kind == "puhui_list" ? lists[id] : rejections[id];
        item["type"] = kind;
        items.push_back(std::move(item));
    }
    return {{"items", items}, {"total", total}, {"page", page.page}, {"page_size", page.page_size}};
}

Json PublicList(storage::Transaction& tx, std::int64_t id, CivilDate today) {
    std::map<std::int64_t, Json> lists = PublicLists(tx, {id}, today);
    return lists.count(id) != 0 ? lists[id] : Json();
}

}  // namespace tuoyu::disclosure
