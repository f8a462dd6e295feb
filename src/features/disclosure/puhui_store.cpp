#include "features/disclosure/puhui_store.hpp"

#include <soci/soci.h>

#include "core/region_code.hpp"
#include "storage/query.hpp"
#include "storage/row.hpp"

namespace tuoyu::disclosure {

namespace {

const storage::ScopeColumns kInstitutionScope{"i.region_code", "i.id", ""};
const storage::ScopeColumns kApplicationScope{"i.region_code", "a.institution_id", ""};
// Lists belong to their county: institution accounts and guardians see none through these reads.
const storage::ScopeColumns kListScope{"l.county_code", "", ""};

void BindUser(storage::Query& query, std::int64_t user_id) {
    user_id > 0 ? query.Bind(user_id) : query.Sql("NULL");
}

void BindText(storage::Query& query, const std::string& text) {
    text.empty() ? query.Sql("NULL") : query.Bind(text);
}

std::vector<std::string> ReasonsFrom(const std::string& text) {
    std::vector<std::string> reasons;
    const Json json = Json::parse(text.empty() ? "[]" : text, nullptr, false);
    if (json.is_array()) {
        for (const Json& item : json) {
            if (item.is_string()) {
                reasons.push_back(item.get<std::string>());
            }
        }
    }
    return reasons;
}

void AppendIdList(storage::Query& query, const std::vector<std::int64_t>& ids) {
    query.Sql("(");
    for (std::size_t i = 0; i < ids.size(); ++i) {
        query.Sql(i == 0 ? "" : ", ").Bind(ids[i]);
    }
    query.Sql(")");
}

constexpr const char* kApplicationColumns =
    "SELECT a.id, a.institution_id, i.name, i.region_code, r.name, a.fee_per_month_yuan, a.slots, a.note, a.state, "
    "us.username, a.submitted_at, ud.username, a.decided_at, a.decision_note, a.rejection_reasons, a.list_id ";
constexpr const char* kApplicationFrom =
    "FROM puhui_applications a JOIN institutions i ON i.id = a.institution_id JOIN regions r ON r.code = "
    "i.region_code LEFT JOIN users us ON us.id = a.submitted_by LEFT JOIN users ud ON ud.id = a.decided_by "
    "WHERE 1 = 1";

Application ApplicationFrom(const soci::row& row) {
    Application application;
    application.id = storage::Int(row, 0);
    application.institution_id = storage::Int(row, 1);
    application.institution_name = storage::Text(row, 2);
    application.region_code = storage::Text(row, 3);
    application.region_name = storage::Text(row, 4);
    application.fee_per_month_yuan = storage::Int(row, 5);
    application.slots = storage::Int(row, 6);
    application.note = storage::Text(row, 7);
    application.state = storage::Text(row, 8);
    application.submitted_by = storage::Text(row, 9);
    application.submitted_at = storage::Int(row, 10);
    application.decided_by = storage::Text(row, 11);
    application.decided_at = storage::Int(row, 12);
    application.decision_note = storage::Text(row, 13);
    application.rejection_reasons = ReasonsFrom(storage::Text(row, 14));
    application.list_id = storage::OptInt(row, 15);
    return application;
}

constexpr const char* kListColumns =
    "SELECT l.id, l.county_code, r.name, l.title, l.state, l.published_on, l.publicity_working_days, l.period_end, "
    "l.period_estimated, up.username, l.published_at, l.effective_from, uc.username, l.confirmed_at FROM puhui_lists l "
    "JOIN regions r ON r.code = l.county_code LEFT JOIN users up ON up.id = l.published_by LEFT JOIN users uc ON "
    "uc.id = l.confirmed_by WHERE 1 = 1";

PublicityList ListFrom(const soci::row& row) {
    PublicityList list;
    list.id = storage::Int(row, 0);
    list.county_code = storage::Text(row, 1);
    list.county_name = storage::Text(row, 2);
    list.title = storage::Text(row, 3);
    list.state = storage::Text(row, 4);
    list.published_on = storage::Text(row, 5);
    list.publicity_working_days = storage::Int(row, 6);
    list.period_end = storage::Text(row, 7);
    list.period_estimated = storage::Int(row, 8) != 0;
    list.published_by = storage::Text(row, 9);
    list.published_at = storage::Int(row, 10);
    list.effective_from = storage::Text(row, 11);
    list.confirmed_by = storage::Text(row, 12);
    list.confirmed_at = storage::Int(row, 13);
    return list;
}

// Lists of counties in the subtree of `region`; for a town or village, the lists of its county.
void AppendListRegion(storage::Query& query, const std::string& region) {
    if (RegionCode::Level(region) > 3) {
        query.Sql(" AND l.county_code = ").Bind(CountyOf(region));
    } else {
        storage::AppendRegionSubtree(query, "l.county_code", region);
    }
}

constexpr const char* kObjectionColumns =
    "SELECT o.id, o.list_id, o.entry_id, e.institution_name, l.county_code, o.objector_name, o.objector_contact, "
    "o.text, o.lodged_on, o.lodged_at, o.state, o.resolution, u.username, o.resolved_at FROM puhui_objections o "
    "JOIN puhui_list_entries e ON e.id = o.entry_id JOIN puhui_lists l ON l.id = o.list_id LEFT JOIN users u ON "
    "u.id = o.resolved_by WHERE 1 = 1";

Objection ObjectionFrom(const soci::row& row) {
    Objection objection;
    objection.id = storage::Int(row, 0);
    objection.list_id = storage::Int(row, 1);
    objection.entry_id = storage::Int(row, 2);
    objection.institution_name = storage::Text(row, 3);
    objection.county_code = storage::Text(row, 4);
    objection.objector_name = storage::Text(row, 5);
    objection.objector_contact = storage::Text(row, 6);
    objection.text = storage::Text(row, 7);
    objection.lodged_on = storage::Text(row, 8);
    objection.lodged_at = storage::Int(row, 9);
    objection.state = storage::Text(row, 10);
    objection.resolution = storage::Text(row, 11);
    objection.resolved_by = storage::Text(row, 12);
    objection.resolved_at = storage::Int(row, 13);
    return objection;
}

constexpr const char* kRecognitionColumns =
    "SELECT id, institution_id, list_id, fee_per_month_yuan, slots, effective_from, granted_at, revoked_on, "
    "revocation_reason, revoked_at FROM puhui_recognitions WHERE institution_id = ";

Recognition RecognitionFrom(const soci::row& row) {
    Recognition recognition;
    recognition.id = storage::Int(row, 0);
    recognition.institution_id = storage::Int(row, 1);
    recognition.list_id = storage::Int(row, 2);
    recognition.fee_per_month_yuan = storage::Int(row, 3);
    recognition.slots = storage::Int(row, 4);
    recognition.effective_from = storage::Text(row, 5);
    recognition.granted_at = storage::Int(row, 6);
    recognition.revoked_on = storage::Text(row, 7);
    recognition.revocation_reason = storage::Text(row, 8);
    recognition.revoked_at = storage::Int(row, 9);
    return recognition;
}

void SetProfileFlag(storage::Transaction& tx, std::int64_t institution_id, bool puhui) {
    storage::Query update("UPDATE institutions SET puhui = ");
    update.Bind(std::int64_t{puhui ? 1 : 0}).Sql(" WHERE id = ").Bind(institution_id).Execute(tx);
}

}  // namespace

std::optional<InstitutionFacts> FindInstitution(storage::Transaction& tx, const Scope& scope, std::int64_t id,
                                                bool lock) {
    storage::Query query(
        "SELECT i.id, i.name, i.region_code, r.name, i.address, i.kind, i.status, i.slots FROM institutions i JOIN "
        "regions r ON r.code = i.region_code WHERE i.id = ");
    query.Bind(id);
    storage::AppendScope(query, scope, kInstitutionScope);
    if (lock && tx.dialect() == storage::Dialect::kPostgres) {
        query.Sql(" FOR UPDATE OF i");
    }
    std::optional<InstitutionFacts> found;
    query.ForEach(tx, [&](const soci::row& row) {
        InstitutionFacts facts;
        facts.id = storage::Int(row, 0);
        facts.name = storage::Text(row, 1);
        facts.region_code = storage::Text(row, 2);
        facts.region_name = storage::Text(row, 3);
        facts.address = storage::Text(row, 4);
        facts.kind = storage::Text(row, 5);
        const std::string status = storage::Text(row, 6);
        const std::optional<lifecycle::Status> parsed = lifecycle::ParseStatus(status);
        if (!parsed) {
            throw std::runtime_error("institution " + std::to_string(facts.id) + " has unknown status " + status);
        }
        facts.status = *parsed;
        facts.profile_slots = storage::OptInt(row, 7);
        found = std::move(facts);
    });
    return found;
}

std::int64_t InsertApplication(storage::Transaction& tx, std::int64_t institution_id, std::int64_t fee,
                               std::int64_t slots, const std::string& note, const Actor& actor, std::int64_t now) {
    storage::Query insert(
        "INSERT INTO puhui_applications (institution_id, fee_per_month_yuan, slots, note, state, submitted_by, "
        "submitted_at) VALUES (");
    insert.Bind(institution_id).Sql(", ").Bind(fee).Sql(", ").Bind(slots).Sql(", ").Bind(note).Sql(", ");
    insert.Bind(std::string(application_state::kSubmitted)).Sql(", ");
    BindUser(insert, actor.user_id);
    return insert.Sql(", ").Bind(now).Sql(") RETURNING id").Count(tx);
}

std::optional<Application> FindApplication(storage::Transaction& tx, const Scope& scope, std::int64_t id) {
    storage::Query query(std::string(kApplicationColumns) + kApplicationFrom);
    query.Sql(" AND a.id = ").Bind(id);
    storage::AppendScope(query, scope, kApplicationScope);
    std::optional<Application> found;
    query.ForEach(tx, [&](const soci::row& row) { found = ApplicationFrom(row); });
    return found;
}

std::vector<Application> ListApplications(storage::Transaction& tx, const Scope& scope, const ApplicationQuery& request,
                                          std::int64_t& total) {
    auto filter = [&](storage::Query& query) {
        storage::AppendScope(query, scope, kApplicationScope);
        if (request.state) {
            query.Sql(" AND a.state = ").Bind(*request.state);
        }
        if (request.region_code) {
            storage::AppendRegionSubtree(query, "i.region_code", *request.region_code);
        }
        if (request.institution_id) {
            query.Sql(" AND a.institution_id = ").Bind(*request.institution_id);
        }
    };
    storage::Query count(
        "SELECT COUNT(*) FROM puhui_applications a JOIN institutions i ON i.id = a.institution_id WHERE 1 = 1");
    filter(count);
    total = count.Count(tx);
    storage::Query query(std::string(kApplicationColumns) + kApplicationFrom);
    filter(query);
    const std::string column = request.sort == "submitted_at" ? "a.submitted_at" : "a.id";
    query
        .Sql(" ORDER BY " + column + (request.descending ? " DESC" : " ASC") + ", a.id" +
             (request.descending ? " DESC" : " ASC") + " LIMIT ")
        .Bind(request.limit)
        .Sql(" OFFSET ")
        .Bind(request.offset);
    std::vector<Application> applications;
    query.ForEach(tx, [&](const soci::row& row) { applications.push_back(ApplicationFrom(row)); });
    return applications;
}

std::vector<Application> InstitutionApplications(storage::Transaction& tx, std::int64_t institution_id) {
    storage::Query query(std::string(kApplicationColumns) + kApplicationFrom);
    query.Sql(" AND a.institution_id = ").Bind(institution_id).Sql(" ORDER BY a.id DESC");
    std::vector<Application> applications;
    query.ForEach(tx, [&](const soci::row& row) { applications.push_back(ApplicationFrom(row)); });
    return applications;
}

std::optional<std::int64_t> OpenApplicationId(storage::Transaction& tx, std::int64_t institution_id) {
    storage::Query query("SELECT id FROM puhui_applications WHERE institution_id = ");
    query.Bind(institution_id).Sql(" AND state IN ('submitted', 'approved', 'listed') ORDER BY id LIMIT 1");
    std::optional<std::int64_t> id;
    query.ForEach(tx, [&](const soci::row& row) { id = storage::Int(row, 0); });
    return id;
}

void DecideApplication(storage::Transaction& tx, std::int64_t id, const std::string& state,
                       const std::vector<std::string>& reasons, const std::string& note, const Actor& actor,
                       std::int64_t now) {
    storage::Query update("UPDATE puhui_applications SET state = ");
    update.Bind(state).Sql(", rejection_reasons = ");
    reasons.empty() ? update.Sql("NULL") : update.Bind(Json(reasons).dump());
    update.Sql(", decision_note = ");
    BindText(update, note);
    update.Sql(", decided_by = ");
    BindUser(update, actor.user_id);
    update.Sql(", decided_at = ").Bind(now).Sql(" WHERE id = ").Bind(id).Sql(" AND state = 'submitted'").Execute(tx);
}

void SetApplicationState(storage::Transaction& tx, std::int64_t id, const std::string& state,
                         std::optional<std::int64_t> list_id) {
    storage::Query update("UPDATE puhui_applications SET state = ");
    update.Bind(state);
    if (list_id) {
        update.Sql(", list_id = ").Bind(*list_id);
    }
    update.Sql(" WHERE id = ").Bind(id).Execute(tx);
}

std::vector<Application> ApprovedInCounty(storage::Transaction& tx, const std::string& county_code) {
    storage::Query query(std::string(kApplicationColumns) + kApplicationFrom);
    query.Sql(" AND a.state = ").Bind(std::string(application_state::kApproved));
    storage::AppendRegionSubtree(query, "i.region_code", county_code);
    query.Sql(" AND i.status IN (");
    const std::vector<std::string>& statuses = OperatingStatusCodes();
    for (std::size_t i = 0; i < statuses.size(); ++i) {
        query.Sql(i == 0 ? "" : ", ").Bind(statuses[i]);
    }
    query.Sql(") ORDER BY a.id");
    // Two publications for one county at once: the second waits, then finds these listed.
    if (tx.dialect() == storage::Dialect::kPostgres) {
        query.Sql(" FOR UPDATE OF a");
    }
    std::vector<Application> applications;
    query.ForEach(tx, [&](const soci::row& row) { applications.push_back(ApplicationFrom(row)); });
    return applications;
}

std::int64_t InsertList(storage::Transaction& tx, const std::string& county_code, const std::string& title,
                        const PublicityPeriod& period, int working_days, const Actor& actor, std::int64_t now) {
    storage::Query insert(
        "INSERT INTO puhui_lists (county_code, title, state, published_on, publicity_working_days, period_end, "
        "period_estimated, published_by, published_at) VALUES (");
    insert.Bind(county_code).Sql(", ").Bind(title).Sql(", ").Bind(std::string(list_state::kPublicity)).Sql(", ");
    insert.Bind(period.published_on.ToString()).Sql(", ").Bind(std::int64_t{working_days}).Sql(", ");
    insert.Bind(period.period_end.ToString()).Sql(", ").Bind(std::int64_t{period.estimated ? 1 : 0}).Sql(", ");
    BindUser(insert, actor.user_id);
    return insert.Sql(", ").Bind(now).Sql(") RETURNING id").Count(tx);
}

void InsertEntry(storage::Transaction& tx, std::int64_t list_id, const Application& application,
                 const InstitutionFacts& institution) {
    storage::Query insert(
        "INSERT INTO puhui_list_entries (list_id, application_id, institution_id, institution_name, address, "
        "region_code, fee_per_month_yuan, slots, state) VALUES (");
    insert.Bind(list_id).Sql(", ").Bind(application.id).Sql(", ").Bind(institution.id).Sql(", ");
    insert.Bind(institution.name).Sql(", ");
    BindText(insert, institution.address);
    insert.Sql(", ").Bind(institution.region_code).Sql(", ").Bind(application.fee_per_month_yuan).Sql(", ");
    insert.Bind(application.slots).Sql(", ").Bind(std::string(entry_state::kListed)).Sql(")").Execute(tx);
}

std::optional<PublicityList> FindList(storage::Transaction& tx, const Scope& scope, std::int64_t id, bool lock) {
    storage::Query query(kListColumns);
    query.Sql(" AND l.id = ").Bind(id);
    storage::AppendScope(query, scope, kListScope);
    if (lock && tx.dialect() == storage::Dialect::kPostgres) {
        query.Sql(" FOR UPDATE OF l");
    }
    std::optional<PublicityList> found;
    query.ForEach(tx, [&](const soci::row& row) { found = ListFrom(row); });
    if (found) {
        found->entries = EntriesOf(tx, {found->id});
    }
    return found;
}

std::vector<PublicityList> ListLists(storage::Transaction& tx, const Scope& scope, const ListQuery& request,
                                     std::int64_t& total) {
    auto filter = [&](storage::Query& query) {
        storage::AppendScope(query, scope, kListScope);
        if (request.region_code) {
            AppendListRegion(query, *request.region_code);
        }
        if (request.state) {
            query.Sql(" AND l.state = ").Bind(*request.state);
        }
    };
    storage::Query count("SELECT COUNT(*) FROM puhui_lists l WHERE 1 = 1");
    filter(count);
    total = count.Count(tx);
    storage::Query query(kListColumns);
    filter(query);
    query.Sql(" ORDER BY l.published_at DESC, l.id DESC LIMIT ")
        .Bind(request.limit)
        .Sql(" OFFSET ")
        .Bind(request.offset);
    std::vector<PublicityList> lists;
    query.ForEach(tx, [&](const soci::row& row) { lists.push_back(ListFrom(row)); });
    return lists;
}

std::vector<ListEntry> EntriesOf(storage::Transaction& tx, const std::vector<std::int64_t>& list_ids) {
    std::vector<ListEntry> entries;
    if (list_ids.empty()) {
        return entries;
    }
    storage::Query query(
        "SELECT e.id, e.list_id, e.application_id, e.institution_id, e.institution_name, e.address, e.region_code, "
        "e.fee_per_month_yuan, e.slots, e.state, e.outcome, e.changed_at, i.status, (SELECT COUNT(*) FROM "
        "puhui_objections o WHERE o.entry_id = e.id), (SELECT COUNT(*) FROM puhui_objections o WHERE o.entry_id = e.id "
        "AND o.state = 'open') FROM puhui_list_entries e JOIN institutions i ON i.id = e.institution_id WHERE "
        "e.list_id IN ");
    AppendIdList(query, list_ids);
    query.Sql(" ORDER BY e.list_id, e.id");
    query.ForEach(tx, [&](const soci::row& row) {
        ListEntry entry;
        entry.id = storage::Int(row, 0);
        entry.list_id = storage::Int(row, 1);
        entry.application_id = storage::Int(row, 2);
        entry.institution_id = storage::Int(row, 3);
        entry.institution_name = storage::Text(row, 4);
        entry.address = storage::Text(row, 5);
        entry.region_code = storage::Text(row, 6);
        entry.fee_per_month_yuan = storage::Int(row, 7);
        entry.slots = storage::Int(row, 8);
        entry.state = storage::Text(row, 9);
        entry.outcome = storage::Text(row, 10);
        entry.changed_at = storage::Int(row, 11);
        const std::optional<lifecycle::Status> status = lifecycle::ParseStatus(storage::Text(row, 12));
        entry.operating = status && lifecycle::MayOperate(*status);
        entry.objections = storage::Int(row, 13);
        entry.objections_open = storage::Int(row, 14);
        entries.push_back(std::move(entry));
    });
    return entries;
}

void SetEntryState(storage::Transaction& tx, std::int64_t entry_id, const std::string& state,
                   const std::string& outcome, std::int64_t now) {
    storage::Query update("UPDATE puhui_list_entries SET state = ");
    update.Bind(state).Sql(", outcome = ");
    BindText(update, outcome);
    update.Sql(", changed_at = ").Bind(now).Sql(" WHERE id = ").Bind(entry_id).Execute(tx);
}

void MarkConfirmed(storage::Transaction& tx, std::int64_t list_id, const std::string& effective_from,
                   const Actor& actor, std::int64_t now) {
    storage::Query update("UPDATE puhui_lists SET state = ");
    update.Bind(std::string(list_state::kConfirmed)).Sql(", effective_from = ").Bind(effective_from);
    update.Sql(", confirmed_by = ");
    BindUser(update, actor.user_id);
    update.Sql(", confirmed_at = ").Bind(now).Sql(" WHERE id = ").Bind(list_id).Execute(tx);
}

std::int64_t InsertObjection(storage::Transaction& tx, std::int64_t list_id, const NewObjection& objection,
                             const std::string& lodged_on, std::int64_t now) {
    storage::Query insert(
        "INSERT INTO puhui_objections (list_id, entry_id, objector_name, objector_contact, text, lodged_on, "
        "lodged_at, state) VALUES (");
    insert.Bind(list_id).Sql(", ").Bind(objection.entry_id).Sql(", ");
    BindText(insert, objection.name);
    insert.Sql(", ");
    BindText(insert, objection.contact);
    insert.Sql(", ").Bind(objection.text).Sql(", ").Bind(lodged_on).Sql(", ").Bind(now).Sql(", ");
    return insert.Bind(std::string(objection_state::kOpen)).Sql(") RETURNING id").Count(tx);
}

std::int64_t CountObjections(storage::Transaction& tx, std::int64_t list_id) {
    storage::Query query("SELECT COUNT(*) FROM puhui_objections WHERE list_id = ");
    return query.Bind(list_id).Count(tx);
}

std::int64_t CountOpenObjections(storage::Transaction& tx, std::int64_t list_id) {
    storage::Query query("SELECT COUNT(*) FROM puhui_objections WHERE list_id = ");
    return query.Bind(list_id).Sql(" AND state = 'open'").Count(tx);
}

std::vector<Objection> ListObjections(storage::Transaction& tx, std::int64_t list_id) {
    storage::Query query(kObjectionColumns);
    query.Sql(" AND o.list_id = ").Bind(list_id).Sql(" ORDER BY o.id");
    std::vector<Objection> objections;
    query.ForEach(tx, [&](const soci::row& row) { objections.push_back(ObjectionFrom(row)); });
    return objections;
}

std::optional<Objection> FindObjection(storage::Transaction& tx, const Scope& scope, std::int64_t id) {
    storage::Query query(kObjectionColumns);
    query.Sql(" AND o.id = ").Bind(id);
    storage::AppendScope(query, scope, kListScope);
    std::optional<Objection> found;
    query.ForEach(tx, [&](const soci::row& row) { found = ObjectionFrom(row); });
    return found;
}

void ResolveObjection(storage::Transaction& tx, std::int64_t id, const std::string& state,
                      const std::string& resolution, const Actor& actor, std::int64_t now) {
    storage::Query update("UPDATE puhui_objections SET state = ");
    update.Bind(state).Sql(", resolution = ").Bind(resolution).Sql(", resolved_by = ");
    BindUser(update, actor.user_id);
    update.Sql(", resolved_at = ").Bind(now).Sql(" WHERE id = ").Bind(id).Sql(" AND state = 'open'").Execute(tx);
}

std::optional<Recognition> CurrentRecognition(storage::Transaction& tx, std::int64_t institution_id) {
    storage::Query query(kRecognitionColumns);
    query.Bind(institution_id).Sql(" AND revoked_on IS NULL");
    std::optional<Recognition> found;
    query.ForEach(tx, [&](const soci::row& row) { found = RecognitionFrom(row); });
    return found;
}

std::vector<Recognition> Recognitions(storage::Transaction& tx, std::int64_t institution_id) {
    storage::Query query(kRecognitionColumns);
    query.Bind(institution_id).Sql(" ORDER BY id");
    std::vector<Recognition> recognitions;
    query.ForEach(tx, [&](const soci::row& row) { recognitions.push_back(RecognitionFrom(row)); });
    return recognitions;
}

void InsertRecognition(storage::Transaction& tx, const ListEntry& entry, const std::string& effective_from,
                       const Actor& actor, std::int64_t now) {
    storage::Query insert(
        "INSERT INTO puhui_recognitions (institution_id, list_id, entry_id, fee_per_month_yuan, slots, "
        "effective_from, granted_by, granted_at) VALUES (");
    insert.Bind(entry.institution_id).Sql(", ").Bind(entry.list_id).Sql(", ").Bind(entry.id).Sql(", ");
    insert.Bind(entry.fee_per_month_yuan).Sql(", ").Bind(entry.slots).Sql(", ").Bind(effective_from).Sql(", ");
    BindUser(insert, actor.user_id);
    insert.Sql(", ").Bind(now).Sql(")").Execute(tx);
    SetProfileFlag(tx, entry.institution_id, true);
}

void RevokeRecognition(storage::Transaction& tx, const Recognition& recognition, const std::string& revoked_on,
                       const std::string& reason, const Actor& actor, std::int64_t now) {
    storage::Query update("UPDATE puhui_recognitions SET revoked_on = ");
    update.Bind(revoked_on).Sql(", revocation_reason = ").Bind(reason).Sql(", revoked_by = ");
    BindUser(update, actor.user_id);
    update.Sql(", revoked_at = ").Bind(now).Sql(" WHERE id = ").Bind(recognition.id).Execute(tx);
    SetProfileFlag(tx, recognition.institution_id, false);
}

}  // namespace tuoyu::disclosure
