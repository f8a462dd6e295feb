#include <soci/soci.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <utility>

#include "core/crypto.hpp"
#include "core/lifecycle.hpp"
#include "core/region_code.hpp"
#include "core/text.hpp"
#include "core/uscc.hpp"
#include "features/registry/registry.hpp"
#include "storage/query.hpp"
#include "storage/row.hpp"

namespace tuoyu::registry {

namespace {

using Json = nlohmann::json;

// Registrations belong to their institution's region: a county sees every version of the
// institutions it regulates, whatever address an older version had.
const storage::ScopeColumns kScope{"i.region_code", "i.id", ""};

constexpr std::string_view kColumns =
    "SELECT r.id, r.institution_id, r.version, r.uscc, r.name, r.kind, r.legal_nature, r.registration_authority, "
    "r.legal_representative, r.address, r.region_code, g.name, r.business_scope, r.registered_on, r.source, "
    "r.sent_by, r.received_at, r.content_hash, i.status, i.status_since, i.current_registration_id";
// Any version.
constexpr std::string_view kAnyVersion =
    " FROM registrations r JOIN institutions i ON i.id = r.institution_id JOIN regions g ON g.code = r.region_code";
// Each institution's current version.
constexpr std::string_view kCurrentVersion =
    " FROM institutions i JOIN registrations r ON r.id = i.current_registration_id "
    "JOIN regions g ON g.code = r.region_code WHERE 1 = 1";

storage::Query Select(std::string_view from) {
    storage::Query query(kColumns);
    query.Sql(from);
    return query;
}

template <typename C>
auto& Field(C& content, std::string_view field) {
    if (field == "uscc") {
        return content.uscc;
    }
    if (field == "name") {
        return content.name;
    }
    if (field == "kind") {
        return content.kind;
    }
    if (field == "legal_nature") {
        return content.legal_nature;
    }
    if (field == "registration_authority") {
        return content.registration_authority;
    }
    if (field == "legal_representative") {
        return content.legal_representative;
    }
    if (field == "address") {
        return content.address;
    }
    if (field == "region_code") {
        return content.region_code;
    }
    if (field == "business_scope") {
        return content.business_scope;
    }
    if (field == "registered_on") {
        return content.registered_on;
    }
    throw std::logic_error("no registration field " + std::string(field));
}

Registration ReadRow(const soci::row& row) {
    Registration item;
    item.id = storage::Int(row, 0);
    item.institution_id = storage::Int(row, 1);
    item.version = static_cast<int>(storage::Int(row, 2));
    item.content.uscc = storage::Text(row, 3);
    item.content.name = storage::Text(row, 4);
    item.content.kind = storage::Text(row, 5);
    item.content.legal_nature = storage::Text(row, 6);
    item.content.registration_authority = storage::Text(row, 7);
    item.content.legal_representative = storage::Text(row, 8);
    item.content.address = storage::Text(row, 9);
    item.content.region_code = storage::Text(row, 10);
    item.region_name = storage::Text(row, 11);
    item.content.business_scope = storage::Text(row, 12);
    item.content.registered_on = storage::Text(row, 13);
    item.source = storage::Text(row, 14);
    item.sent_by = storage::Text(row, 15);
    item.received_at = storage::Int(row, 16);
    item.content_hash = storage::Text(row, 17);
    item.institution_status = storage::Text(row, 18);
    item.institution_status_since = storage::OptInt(row, 19).value_or(0);
    item.current = storage::OptInt(row, 20) == item.id;
    return item;
}

std::optional<Registration> ById(storage::Transaction& tx, std::int64_t id) {
    storage::Query query = Select(kAnyVersion);
    query.Sql(" WHERE r.id = ").Bind(id);
    std::optional<Registration> found;
    query.ForEach(tx, [&](const soci::row& row) { found = ReadRow(row); });
    return found;
}

std::string Trim(const std::string& text) {
    return std::string(TrimSpace(text));
}

// The institution as it stands, for the before/after images of the audit record and the transition.
std::string InstitutionImage(storage::Transaction& tx, std::int64_t id) {
    storage::Query query(
        "SELECT id, name, region_code, uscc, kind, legal_nature, address, status, current_registration_id "
        "FROM institutions WHERE id = ");
    query.Bind(id);
    Json image;
    query.ForEach(tx, [&](const soci::row& row) {
        const std::optional<std::string> nature = storage::OptText(row, 5);
        const std::optional<std::string> address = storage::OptText(row, 6);
        const std::optional<std::int64_t> current = storage::OptInt(row, 8);
        image = Json{{"id", storage::Int(row, 0)},
                     {"name", storage::Text(row, 1)},
                     {"region_code", storage::Text(row, 2)},
                     {"uscc", storage::Text(row, 3)},
                     {"kind", storage::Text(row, 4)},
                     {"legal_nature", nature ? Json(*nature) : Json()},
                     {"address", address ? Json(*address) : Json()},
                     {"status", storage::Text(row, 7)},
                     {"current_registration_id", current ? Json(*current) : Json()}};
    });
    return image.is_null() ? std::string() : image.dump();
}

// PostgreSQL runs concurrent pushes side by side: without this, two first pushes of one code would
// both find no institution and the second would fail on the unique code. SQLite writers already
// hold the database's write lock.
void LockCode(storage::Transaction& tx, const std::string& uscc) {
    if (tx.dialect() != storage::Dialect::kPostgres) {
        return;
    }
    const std::int64_t key = static_cast<std::int64_t>(std::stoull(crypto::Sha256Hex(uscc).substr(0, 15), nullptr, 16));
    storage::Query lock("SELECT COUNT(*) FROM (SELECT pg_advisory_xact_lock(");
    lock.Bind(key).Sql(")) AS locked");
    lock.Count(tx);
}

void BindOptionalUser(storage::Query& query, std::int64_t user_id) {
    user_id > 0 ? query.Bind(user_id) : query.Sql("NULL");
}

std::int64_t InsertVersion(storage::Transaction& tx, std::int64_t institution_id, int version, const Content& content,
                           Source source, const Sender& sender, std::int64_t now, const std::string& hash) {
    storage::Query insert(
        "INSERT INTO registrations (institution_id, uscc, version, name, kind, legal_nature, registration_authority, "
        "legal_representative, address, region_code, business_scope, registered_on, source, sent_by_user_id, sent_by, "
        "received_at, content_hash) VALUES (");
    insert.Bind(institution_id).Sql(", ").Bind(content.uscc).Sql(", ").Bind(std::int64_t{version});
    for (const std::string* value : {&content.name, &content.kind, &content.legal_nature,
                                     &content.registration_authority, &content.legal_representative, &content.address,
                                     &content.region_code, &content.business_scope, &content.registered_on}) {
        insert.Sql(", ").Bind(*value);
    }
    insert.Sql(", ").Bind(std::string(SourceCode(source))).Sql(", ");
    BindOptionalUser(insert, sender.user_id);
    insert.Sql(", ").Bind(sender.username).Sql(", ").Bind(now).Sql(", ").Bind(hash).Sql(") RETURNING id");
    return insert.Count(tx);
}

// Why the registration made the institution: the code the history localises, and its Chinese text.
std::pair<std::string, std::string> TransitionReason(Source source) {
    switch (source) {
        case Source::kPush:
            return {"registration_push", "登记机关推送登记信息"};
        case Source::kManual:
            return {"registration_manual", "监管人员录入登记信息"};
        case Source::kImport:
            return {"registration_import", "监管人员导入登记信息"};
    }
    return {"", ""};
}

}  // namespace

const std::string& FieldOf(const Content& content, std::string_view field) {
    return Field(content, field);
}

std::string& FieldOf(Content& content, std::string_view field) {
    return Field(content, field);
}

std::string ContentHash(const Content& content) {
    std::string text;
    for (const char* field : kContentFields) {
        const std::string& value = FieldOf(content, field);
        text += std::to_string(value.size());
        text += ':';
        text += value;
        text += ';';
    }
    return crypto::Sha256Hex(text);
}

Content Normalized(Content content) {
    for (const char* field : kContentFields) {
        std::string& value = FieldOf(content, field);
        value = Trim(value);
    }
    content.uscc = uscc::Normalize(content.uscc);
    if (std::optional<std::string> code = RegionCode::Normalize(content.region_code)) {
        content.region_code = *code;
    }
    return content;
}

std::string_view SourceCode(Source source) {
    switch (source) {
        case Source::kPush:
            return "push";
        case Source::kManual:
            return "manual";
        case Source::kImport:
            return "import";
    }
    return "push";
}

std::string_view OutcomeCode(Outcome outcome) {
    switch (outcome) {
        case Outcome::kUnchanged:
            return "unchanged";
        case Outcome::kNewVersion:
            return "new_version";
        case Outcome::kNewInstitution:
            return "new_institution";
    }
    return "unchanged";
}

std::optional<registration::Finding> CheckRegion(storage::Transaction& tx, const std::string& region_code,
                                                 const std::string& today) {
    if (!RegionCode::Normalize(region_code) || region_code.size() != 12) {
        return registration::Finding{400, "invalid_region_code", "region_code",
                                     "住所区划代码须为12位统计用区划代码（县级或以下）",
                                     "region_code must be a 12-digit division code of a county or below"};
    }
    storage::Query query("SELECT level, valid_from, valid_to FROM regions WHERE code = ");
    query.Bind(region_code);
    std::optional<std::int64_t> level;
    std::string valid_from;
    std::optional<std::string> valid_to;
    query.ForEach(tx, [&](const soci::row& row) {
        level = storage::Int(row, 0);
        valid_from = storage::Text(row, 1);
        valid_to = storage::OptText(row, 2);
    });
    if (!level) {
        return registration::Finding{400, "unknown_region", "region_code", "住所区划代码 " + region_code + " 不存在",
                                     "No region has the code " + region_code};
    }
    if (*level < 3) {
        return registration::Finding{400, "region_above_county", "region_code",
                                     "住所区划须为县级或以下（乡镇、村居）的区划",
                                     "The address's region must be a county or a region below one"};
    }
    if (valid_from > today || (valid_to && *valid_to <= today)) {
        return registration::Finding{400, "region_not_in_force", "region_code",
                                     "住所区划 " + region_code + " 今天不在有效期内（已撤销或尚未设立）",
                                     "The region " + region_code + " is not in force today (closed or not yet set up)"};
    }
    return std::nullopt;
}

std::optional<registration::Finding> CheckContent(storage::Transaction& tx, const Content& content, CivilDate today,
                                                  const Scope& scope) {
    registration::Facts facts{content.uscc,
                              content.name,
                              content.kind,
                              content.legal_nature,
                              content.registration_authority,
                              content.legal_representative,
                              content.address,
                              content.business_scope,
                              content.registered_on};
    if (std::optional<registration::Finding> finding = registration::Check(facts, today)) {
        return finding;
    }
    if (content.region_code.empty()) {
        return registration::Finding{400, "required", "region_code", "缺少住所区划代码",
                                     "The field region_code is missing"};
    }
    if (content.region_code.size() != 12 || !RegionCode::Normalize(content.region_code)) {
        return registration::Finding{400, "invalid_region_code", "region_code",
                                     "住所区划代码须为12位统计用区划代码（县级或以下）",
                                     "region_code must be a 12-digit division code of a county or below"};
    }
    if (!scope.CoversRegion(content.region_code)) {
        return registration::Finding{403, "out_of_scope", "region_code",
                                     "住所区划 " + content.region_code + " 不在您的管辖范围内",
                                     "The region " + content.region_code + " is outside your data scope"};
    }
    if (std::optional<registration::Finding> finding = CheckRegion(tx, content.region_code, today.ToString())) {
        return finding;
    }
    storage::Query registered("SELECT region_code FROM institutions WHERE uscc = ");
    registered.Bind(content.uscc);
    std::optional<std::string> region;
    registered.ForEach(tx, [&](const soci::row& row) { region = storage::Text(row, 0); });
    if (region && !scope.CoversRegion(*region)) {
        return registration::Finding{403, "out_of_scope", "uscc",
                                     "统一社会信用代码为 " + content.uscc + " 的机构不在您的管辖范围内",
                                     "The institution with the code " + content.uscc + " is outside your data scope"};
    }
    return std::nullopt;
}

namespace {

// The institution registered under a code, with its current version.
struct Existing {
    std::int64_t institution_id = 0;  // 0: none
    std::string region_code;
    std::optional<std::int64_t> current_id;
    std::optional<std::string> current_hash;
    std::int64_t last_version = 0;
};

Existing FindExisting(storage::Transaction& tx, const std::string& uscc) {
    storage::Query query(
        "SELECT i.id, i.region_code, r.id, r.content_hash, "
        "(SELECT MAX(v.version) FROM registrations v WHERE v.uscc = i.uscc) "
        "FROM institutions i LEFT JOIN registrations r ON r.id = i.current_registration_id WHERE i.uscc = ");
    query.Bind(uscc);
    Existing existing;
    query.ForEach(tx, [&](const soci::row& row) {
        existing.institution_id = storage::Int(row, 0);
        existing.region_code = storage::Text(row, 1);
        existing.current_id = storage::OptInt(row, 2);
        existing.current_hash = storage::OptText(row, 3);
        existing.last_version = storage::OptInt(row, 4).value_or(0);
    });
    return existing;
}

}  // namespace

Outcome Preview(storage::Transaction& tx, const Content& content) {
    const Existing existing = FindExisting(tx, content.uscc);
    if (existing.institution_id == 0) {
        return Outcome::kNewInstitution;
    }
    return existing.current_id && existing.current_hash == ContentHash(content) ? Outcome::kUnchanged
                                                                                : Outcome::kNewVersion;
}

SaveResult Save(storage::Transaction& tx, const Content& content, Source source, const Sender& sender,
                std::int64_t now) {
    LockCode(tx, content.uscc);
    const std::string hash = ContentHash(content);
    SaveResult result;
    const Existing existing = FindExisting(tx, content.uscc);
    std::int64_t institution_id = existing.institution_id;
    if (existing.current_id && existing.current_hash == hash) {
        result.registration = *ById(tx, *existing.current_id);
        result.institution_before = result.institution_after = InstitutionImage(tx, institution_id);
        return result;
    }
    const std::string registered(lifecycle::Code(lifecycle::Status::kRegistered));
    if (institution_id == 0) {
        result.outcome = Outcome::kNewInstitution;
        storage::Query insert(
            "INSERT INTO institutions (name, region_code, uscc, created_at, kind, legal_nature, address, status, "
            "status_since) VALUES (");
        insert.Bind(content.name).Sql(", ").Bind(content.region_code).Sql(", ").Bind(content.uscc);
        insert.Sql(", ").Bind(now).Sql(", ").Bind(content.kind).Sql(", ").Bind(content.legal_nature);
        insert.Sql(", ").Bind(content.address).Sql(", ").Bind(registered).Sql(", ").Bind(now).Sql(") RETURNING id");
        institution_id = insert.Count(tx);
    } else {
        result.outcome = Outcome::kNewVersion;
        result.institution_before = InstitutionImage(tx, institution_id);
    }
    const int version = static_cast<int>(existing.last_version) + 1;
    const std::int64_t id = InsertVersion(tx, institution_id, version, content, source, sender, now, hash);
    storage::Query update("UPDATE institutions SET name = ");
    update.Bind(content.name).Sql(", region_code = ").Bind(content.region_code).Sql(", kind = ").Bind(content.kind);
    update.Sql(", legal_nature = ").Bind(content.legal_nature).Sql(", address = ").Bind(content.address);
    update.Sql(", current_registration_id = ").Bind(id).Sql(" WHERE id = ").Bind(institution_id).Execute(tx);
    result.institution_after = InstitutionImage(tx, institution_id);
    if (result.outcome == Outcome::kNewInstitution) {
        storage::Query transition(
            "INSERT INTO institution_transitions (institution_id, from_status, to_status, event, reason, reason_code, "
            "actor_user_id, at, before_json, after_json) VALUES (");
        transition.Bind(institution_id).Sql(", NULL, ").Bind(registered).Sql(", ").Bind(std::string("register"));
        const auto [reason_code, reason_zh] = TransitionReason(source);
        transition.Sql(", ").Bind(reason_zh).Sql(", ").Bind(reason_code).Sql(", ");
        BindOptionalUser(transition, sender.user_id);
        transition.Sql(", ").Bind(now).Sql(", NULL, ").Bind(result.institution_after).Sql(")").Execute(tx);
    }
    result.registration = *ById(tx, id);
    return result;
}

std::optional<Registration> Find(storage::Transaction& tx, const Scope& scope, std::int64_t id) {
    storage::Query query = Select(kAnyVersion);
    query.Sql(" WHERE r.id = ").Bind(id);
    storage::AppendScope(query, scope, kScope);
    std::optional<Registration> found;
    query.ForEach(tx, [&](const soci::row& row) { found = ReadRow(row); });
    return found;
}

std::optional<std::vector<Registration>> History(storage::Transaction& tx, const Scope& scope,
                                                 std::int64_t institution_id) {
    storage::Query exists("SELECT COUNT(*) FROM institutions i WHERE i.id = ");
    exists.Bind(institution_id);
    storage::AppendScope(exists, scope, kScope);
    if (exists.Count(tx) == 0) {
        return std::nullopt;
    }
    storage::Query query = Select(kAnyVersion);
    query.Sql(" WHERE r.institution_id = ").Bind(institution_id).Sql(" ORDER BY r.version");
    std::vector<Registration> versions;
    query.ForEach(tx, [&](const soci::row& row) { versions.push_back(ReadRow(row)); });
    return versions;
}

std::vector<std::string> ChangedFields(const Content& before, const Content& after) {
    std::vector<std::string> changed;
    for (const char* field : kContentFields) {
        if (FieldOf(before, field) != FieldOf(after, field)) {
            changed.emplace_back(field);
        }
    }
    return changed;
}

namespace {

std::string SortColumn(const std::string& sort) {
    for (const char* field : kSortFields) {
        if (sort == field) {
            return "r." + sort;
        }
    }
    return "r.received_at";
}

Page RunPage(storage::Transaction& tx, const std::function<void(storage::Query&)>& filter, const std::string& order,
             const PageRequest& page) {
    storage::Query count("SELECT COUNT(*)");
    count.Sql(kCurrentVersion);
    filter(count);
    storage::Query query = Select(kCurrentVersion);
    filter(query);
    query.Sql(" ORDER BY " + order + " LIMIT ").Bind(page.page_size).Sql(" OFFSET ").Bind(page.offset());
    Page result;
    result.total = count.Count(tx);
    query.ForEach(tx, [&](const soci::row& row) { result.items.push_back(ReadRow(row)); });
    return result;
}

}  // namespace

Page List(storage::Transaction& tx, const Scope& scope, const ListFilter& filter, const PageRequest& page) {
    auto filtered = [&](storage::Query& query) {
        storage::AppendScopeAndRegion(query, scope, kScope, filter.region_code);
        if (!filter.keyword.empty()) {
            query.Sql(" AND (r.name LIKE ").Bind(storage::LikePattern(filter.keyword)).Sql(" ESCAPE '\\'");
            query.Sql(" OR r.uscc LIKE ").Bind(storage::LikePattern(uscc::Normalize(filter.keyword)));
            query.Sql(" ESCAPE '\\')");
        }
        if (filter.kind) {
            query.Sql(" AND r.kind = ").Bind(*filter.kind);
        }
        if (filter.status) {
            query.Sql(" AND i.status = ").Bind(*filter.status);
        }
    };
    const std::string order = page.sort.empty() ? std::string("r.received_at DESC, r.id DESC")
                                                : SortColumn(page.sort) + (page.descending ? " DESC" : " ASC") +
                                                      ", r.id" + (page.descending ? " DESC" : " ASC");
    return RunPage(tx, filtered, order, page);
}

Page Todo(storage::Transaction& tx, const Scope& scope, const PageRequest& page) {
    const std::string registered(lifecycle::Code(lifecycle::Status::kRegistered));
    auto filtered = [&](storage::Query& query) {
        query.Sql(" AND i.status = ").Bind(registered);
        storage::AppendScope(query, scope, kScope);
    };
    return RunPage(tx, filtered, "COALESCE(i.status_since, r.received_at) ASC, i.id ASC", page);
}

}  // namespace tuoyu::registry
