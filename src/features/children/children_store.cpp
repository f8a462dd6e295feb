#include <soci/soci.h>

#include "features/children/children.hpp"
#include "storage/query.hpp"
#include "storage/row.hpp"

namespace tuoyu::children {

namespace {

void BindUser(storage::Query& query, std::optional<std::int64_t> user_id) {
    user_id&&* user_id > 0 ? query.Bind(*user_id) : query.Sql("NULL");
}

constexpr const char* kChildColumns =
    "SELECT c.id, c.institution_id, i.name, i.region_code, c.name, c.id_kind, c.id_masked, c.sex, c.birth_date, "
    "c.allergies, c.special_needs, c.status, c.class_id, k.name, k.class_type, c.agreement_signed_on, "
    "c.vaccination_checked_on, c.entry_exam_on, c.enrolled_on, c.left_on, c.left_reason, (SELECT MAX(a.day) FROM "
    "child_attendance a WHERE a.child_id = c.id AND a.in_at IS NOT NULL), "
    "c.recheck_on, c.applied_by, c.created_at FROM children c JOIN institutions i ON i.id = c.institution_id "
    "LEFT JOIN classes k ON k.id = c.class_id WHERE 1 = 1";

Child ChildFrom(const soci::row& row) {
    Child child;
    child.id = storage::Int(row, 0);
    child.institution_id = storage::Int(row, 1);
    child.institution_name = storage::Text(row, 2);
    child.region_code = storage::Text(row, 3);
    child.name = storage::Text(row, 4);
    child.id_kind = storage::Text(row, 5);
    child.id_masked = storage::Text(row, 6);
    child.sex = storage::Text(row, 7);
    child.birth_date = storage::Text(row, 8);
    child.allergies = storage::Text(row, 9);
    child.special_needs = storage::Text(row, 10);
    child.status = storage::Text(row, 11);
    child.class_id = storage::OptInt(row, 12);
    child.class_name = storage::Text(row, 13);
    child.class_type = storage::Text(row, 14);
    child.agreement_signed_on = storage::Text(row, 15);
    child.vaccination_checked_on = storage::Text(row, 16);
    child.entry_exam_on = storage::Text(row, 17);
    child.enrolled_on = storage::Text(row, 18);
    child.left_on = storage::Text(row, 19);
    child.left_reason = storage::Text(row, 20);
    child.last_present_on = storage::Text(row, 21);
    child.recheck_on = storage::Text(row, 22);
    child.applied_online = storage::OptInt(row, 23).has_value();
    child.created_at = storage::Int(row, 24);
    return child;
}

std::vector<Child> Children(storage::Transaction& tx, const storage::Query& query) {
    std::vector<Child> children;
    query.ForEach(tx, [&](const soci::row& row) { children.push_back(ChildFrom(row)); });
    return children;
}

constexpr const char* kClassColumns =
    "SELECT k.id, k.institution_id, k.name, k.class_type, (SELECT COUNT(*) FROM children c WHERE c.class_id = k.id "
    "AND c.status = 'enrolled'), p.day, p.children, p.caregivers, (SELECT COUNT(*) FROM ratio_breaches b WHERE "
    "b.class_id = k.id AND b.ended_at IS NULL), (SELECT COUNT(*) FROM ratio_breaches b WHERE b.class_id = k.id AND "
    "b.day = ";

ClassInfo ClassFrom(const soci::row& row, const std::string& today) {
    ClassInfo info;
    info.id = storage::Int(row, 0);
    info.institution_id = storage::Int(row, 1);
    info.name = storage::Text(row, 2);
    info.class_type = storage::Text(row, 3);
    info.enrolled = storage::Int(row, 4);
    if (storage::Text(row, 5) == today) {
        info.present_children = storage::Int(row, 6);
        info.present_caregivers = storage::Int(row, 7);
        info.breach_open = storage::Int(row, 8) > 0;
    }
    info.breaches_today = storage::Int(row, 9);
    return info;
}

std::vector<ClassInfo> ClassQuery(storage::Transaction& tx, std::int64_t institution_id,
                                  std::optional<std::int64_t> class_id, const std::string& today) {
    storage::Query query(kClassColumns);
    query.Bind(today).Sql(") FROM classes k LEFT JOIN class_presence p ON p.class_id = k.id WHERE k.institution_id = ");
    query.Bind(institution_id).Sql(" AND k.closed_at IS NULL");
    if (class_id) {
        query.Sql(" AND k.id = ").Bind(*class_id);
    }
    query.Sql(" ORDER BY k.id");
    std::vector<ClassInfo> classes;
    query.ForEach(tx, [&](const soci::row& row) { classes.push_back(ClassFrom(row, today)); });
    return classes;
}

}  // namespace

std::optional<InstitutionRef> FindInstitution(storage::Transaction& tx, const Scope& scope, std::int64_t id) {
    storage::Query query("SELECT i.id, i.name, i.region_code, i.status, i.slots FROM institutions i WHERE i.id = ");
    query.Bind(id);
    storage::AppendScope(query, scope, {"i.region_code", "i.id", ""});
    std::optional<InstitutionRef> found;
    query.ForEach(tx, [&](const soci::row& row) {
        found = InstitutionRef{storage::Int(row, 0), storage::Text(row, 1), storage::Text(row, 2),
                               storage::Text(row, 3), storage::OptInt(row, 4)};
    });
    return found;
}

std::vector<ClassInfo> Classes(storage::Transaction& tx, std::int64_t institution_id, const std::string& today) {
    return ClassQuery(tx, institution_id, std::nullopt, today);
}

std::optional<ClassInfo> FindClass(storage::Transaction& tx, std::int64_t institution_id, std::int64_t class_id,
                                   const std::string& today) {
    std::vector<ClassInfo> classes = ClassQuery(tx, institution_id, class_id, today);
    return classes.empty() ? std::nullopt : std::optional<ClassInfo>(classes.front());
}

std::optional<ClassInfo> FindClassBrief(storage::Transaction& tx, std::int64_t institution_id, std::int64_t class_id) {
    storage::Query query("SELECT id, institution_id, name, class_type FROM classes WHERE id = ");
    query.Bind(class_id).Sql(" AND institution_id = ").Bind(institution_id).Sql(" AND closed_at IS NULL");
    std::optional<ClassInfo> found;
    query.ForEach(tx, [&](const soci::row& row) {
        found = ClassInfo{};
        found->id = storage::Int(row, 0);
        found->institution_id = storage::Int(row, 1);
        found->name = storage::Text(row, 2);
        found->class_type = storage::Text(row, 3);
    });
    return found;
}

bool ClassNameTaken(storage::Transaction& tx, std::int64_t institution_id, const std::string& name) {
    storage::Query query("SELECT COUNT(*) FROM classes WHERE institution_id = ");
    query.Bind(institution_id).Sql(" AND name = ").Bind(name);
    return query.Count(tx) > 0;
}

std::int64_t InsertClass(storage::Transaction& tx, std::int64_t institution_id, const std::string& name,
                         const std::string& class_type, std::int64_t user_id, std::int64_t now) {
    storage::Query insert("INSERT INTO classes (institution_id, name, class_type, created_by, created_at) VALUES (");
    insert.Bind(institution_id).Sql(", ").Bind(name).Sql(", ").Bind(class_type).Sql(", ");
    BindUser(insert, user_id);
    insert.Sql(", ").Bind(now).Sql(") RETURNING id");
    return insert.Count(tx);
}

std::optional<CivilDate> RecheckBase(const Child& child) {
    const std::string present = !child.last_present_on.empty() ? child.last_present_on : child.entry_exam_on;
    return CivilDate::Parse(std::max(present, child.recheck_on));
}

void LockInstitution(storage::Transaction& tx, std::int64_t institution_id) {
    if (tx.dialect() == storage::Dialect::kPostgres) {
        storage::Query lock("SELECT id FROM institutions WHERE id = ");
        lock.Bind(institution_id).Sql(" FOR UPDATE");
        lock.Count(tx);
    }
}

std::int64_t InsertChild(storage::Transaction& tx, const crypto::IdentityVault& vault, const NewChild& child,
                         std::int64_t institution_id, std::optional<std::int64_t> applied_by, std::int64_t user_id,
                         std::int64_t now) {
    storage::Query insert(
        "INSERT INTO children (institution_id, name, id_kind, id_sealed, id_hash, id_masked, key_version, sex, "
        "birth_date, allergies, special_needs, status, applied_by, created_by, created_at, updated_at) VALUES (");
    insert.Bind(institution_id).Sql(", ").Bind(child.name).Sql(", ").Bind(child.id_kind).Sql(", ");
    insert.Bind(vault.Seal(child.id_number, kIdPlace)).Sql(", ").Bind(vault.Hash(child.id_kind, child.id_number));
    insert.Sql(", ").Bind(std::string(child.id_number.size(), '*')).Sql(", ").Bind(vault.version()).Sql(", ");
    insert.Bind(child.sex).Sql(", ").Bind(child.birth_date).Sql(", ").Bind(child.allergies).Sql(", ");
    insert.Bind(child.special_needs).Sql(", 'applied', ");
    BindUser(insert, applied_by);
    insert.Sql(", ");
    BindUser(insert, user_id);
    insert.Sql(", ").Bind(now).Sql(", ").Bind(now).Sql(") RETURNING id");
    return insert.Count(tx);
}

bool Active(storage::Transaction& tx, std::int64_t institution_id, const std::string& id_hash) {
    storage::Query query("SELECT COUNT(*) FROM children WHERE institution_id = ");
    query.Bind(institution_id).Sql(" AND id_hash = ").Bind(id_hash).Sql(" AND status IN ('applied', 'enrolled')");
    return query.Count(tx) > 0;
}

std::int64_t InsertContact(storage::Transaction& tx, const Contact& contact, std::int64_t user_id, std::int64_t now) {
    storage::Query insert(
        "INSERT INTO child_contacts (child_id, name, relationship, phone, guardian, can_pick_up, user_id, "
        "created_by, created_at) VALUES (");
    insert.Bind(contact.child_id).Sql(", ").Bind(contact.name).Sql(", ").Bind(contact.relationship).Sql(", ");
    insert.Bind(contact.phone).Sql(", ").Bind(std::int64_t{contact.guardian ? 1 : 0}).Sql(", ");
    insert.Bind(std::int64_t{contact.can_pick_up ? 1 : 0}).Sql(", ");
    BindUser(insert, contact.user_id);
    insert.Sql(", ");
    BindUser(insert, user_id);
    insert.Sql(", ").Bind(now).Sql(") RETURNING id");
    return insert.Count(tx);
}

std::vector<Contact> Contacts(storage::Transaction& tx, std::int64_t child_id) {
    storage::Query query(
        "SELECT id, child_id, name, relationship, phone, guardian, can_pick_up, user_id FROM child_contacts WHERE "
        "child_id = ");
    query.Bind(child_id).Sql(" ORDER BY id");
    std::vector<Contact> contacts;
    query.ForEach(tx, [&](const soci::row& row) {
        contacts.push_back({storage::Int(row, 0), storage::Int(row, 1), storage::Text(row, 2), storage::Text(row, 3),
                            storage::Text(row, 4), storage::Int(row, 5) != 0, storage::Int(row, 6) != 0,
                            storage::OptInt(row, 7)});
    });
    return contacts;
}

bool IsContact(storage::Transaction& tx, std::int64_t child_id, std::int64_t contact_id, bool may_pick_up) {
    storage::Query query("SELECT COUNT(*) FROM child_contacts WHERE id = ");
    query.Bind(contact_id).Sql(" AND child_id = ").Bind(child_id);
    if (may_pick_up) {
        query.Sql(" AND can_pick_up = 1");
    }
    return query.Count(tx) > 0;
}

std::optional<Child> FindChild(storage::Transaction& tx, const Scope& scope, std::int64_t id) {
    storage::Query query(kChildColumns);
    query.Sql(" AND c.id = ").Bind(id);
    if (scope.kind == Scope::Kind::kGuardian) {
        // A guardian reaches the children a contact record links to their own account.
        query.Sql(" AND EXISTS (SELECT 1 FROM child_contacts g WHERE g.child_id = c.id AND g.user_id = ");
        query.Bind(scope.user_id).Sql(")");
    } else {
        storage::AppendScope(query, scope, {"i.region_code", "c.institution_id", ""});
    }
    std::vector<Child> children = Children(tx, query);
    return children.empty() ? std::nullopt : std::optional<Child>(children.front());
}

std::vector<Child> List(storage::Transaction& tx, std::int64_t institution_id, const ListFilter& filter,
                        const PageRequest& page, std::int64_t& total) {
    auto filtered = [&](storage::Query& query) {
        query.Sql(" AND c.institution_id = ").Bind(institution_id);
        if (!filter.keyword.empty()) {
            query.Sql(" AND c.name LIKE ").Bind(storage::LikePattern(filter.keyword)).Sql(" ESCAPE '\\'");
        }
        if (filter.status) {
            query.Sql(" AND c.status = ").Bind(*filter.status);
        }
        if (filter.class_id) {
            query.Sql(" AND c.class_id = ").Bind(*filter.class_id);
        }
    };
    storage::Query count("SELECT COUNT(*) FROM children c WHERE 1 = 1");
    filtered(count);
    total = count.Count(tx);
    storage::Query query(kChildColumns);
    filtered(query);
    const std::string column = page.sort == "name" || page.sort == "birth_date" || page.sort == "status"
                                   ? "c." + page.sort
                                   : std::string("c.id");
    query.Sql(" ORDER BY " + column + (page.descending ? " DESC" : " ASC") + ", c.id LIMIT ");
    query.Bind(page.page_size).Sql(" OFFSET ").Bind(page.offset());
    return Children(tx, query);
}

std::vector<Child> OfGuardian(storage::Transaction& tx, std::int64_t user_id) {
    storage::Query query(kChildColumns);
    query.Sql(" AND c.id IN (SELECT g.child_id FROM child_contacts g WHERE g.user_id = ").Bind(user_id);
    query.Sql(") ORDER BY c.id");
    return Children(tx, query);
}

std::int64_t EnrolledCount(storage::Transaction& tx, std::int64_t institution_id) {
    storage::Query query("SELECT COUNT(*) FROM children WHERE institution_id = ");
    query.Bind(institution_id).Sql(" AND status = 'enrolled'");
    return query.Count(tx);
}

std::int64_t EnrolledInClass(storage::Transaction& tx, std::int64_t class_id) {
    storage::Query query("SELECT COUNT(*) FROM children WHERE class_id = ");
    query.Bind(class_id).Sql(" AND status = 'enrolled'");
    return query.Count(tx);
}

void Enrol(storage::Transaction& tx, std::int64_t child_id, const Enrolment& enrolment, std::int64_t now) {
    storage::Query update("UPDATE children SET status = 'enrolled', class_id = ");
    update.Bind(enrolment.class_id).Sql(", agreement_signed_on = ").Bind(enrolment.agreement_signed_on);
    update.Sql(", vaccination_checked_on = ").Bind(enrolment.vaccination_checked_on);
    update.Sql(", entry_exam_on = ").Bind(enrolment.entry_exam_on).Sql(", enrolled_on = ").Bind(enrolment.enrolled_on);
    update.Sql(", updated_at = ").Bind(now).Sql(" WHERE id = ").Bind(child_id);
    update.Execute(tx);
}

void SetClass(storage::Transaction& tx, std::int64_t child_id, std::int64_t class_id, std::int64_t now) {
    storage::Query update("UPDATE children SET class_id = ");
    update.Bind(class_id).Sql(", updated_at = ").Bind(now).Sql(" WHERE id = ").Bind(child_id);
    update.Execute(tx);
}

void Leave(storage::Transaction& tx, std::int64_t child_id, const std::string& left_on, const std::string& reason,
           std::int64_t now) {
    storage::Query update("UPDATE children SET status = 'left', left_on = ");
    update.Bind(left_on).Sql(", left_reason = ").Bind(reason).Sql(", updated_at = ").Bind(now);
    update.Sql(" WHERE id = ").Bind(child_id);
    update.Execute(tx);
}

void SetRecheck(storage::Transaction& tx, std::int64_t child_id, const std::string& exam_on, std::int64_t now) {
    storage::Query update("UPDATE children SET recheck_on = ");
    update.Bind(exam_on).Sql(", updated_at = ").Bind(now).Sql(" WHERE id = ").Bind(child_id);
    update.Execute(tx);
}

std::vector<Consent> Consents(storage::Transaction& tx, std::int64_t child_id) {
    storage::Query query(
        "SELECT s.id, s.contact_id, t.name, s.purpose, s.given_at, s.withdrawn_at FROM child_consents s JOIN "
        "child_contacts t ON t.id = s.contact_id WHERE s.child_id = ");
    query.Bind(child_id).Sql(" ORDER BY s.id");
    std::vector<Consent> consents;
    query.ForEach(tx, [&](const soci::row& row) {
        consents.push_back({storage::Int(row, 0), storage::Int(row, 1), storage::Text(row, 2), storage::Text(row, 3),
                            storage::Int(row, 4), storage::OptInt(row, 5)});
    });
    return consents;
}

std::int64_t GiveConsent(storage::Transaction& tx, std::int64_t child_id, std::int64_t contact_id,
                         const std::string& purpose, std::int64_t user_id, std::int64_t now) {
    storage::Query insert("INSERT INTO child_consents (child_id, contact_id, purpose, given_at, recorded_by) VALUES (");
    insert.Bind(child_id).Sql(", ").Bind(contact_id).Sql(", ").Bind(purpose).Sql(", ").Bind(now).Sql(", ");
    BindUser(insert, user_id);
    insert.Sql(") RETURNING id");
    return insert.Count(tx);
}

std::optional<std::int64_t> WithdrawConsent(storage::Transaction& tx, std::int64_t child_id, std::int64_t contact_id,
                                            const std::string& purpose, std::int64_t now) {
    storage::Query find("SELECT id FROM child_consents WHERE child_id = ");
    find.Bind(child_id).Sql(" AND contact_id = ").Bind(contact_id).Sql(" AND purpose = ").Bind(purpose);
    find.Sql(" AND withdrawn_at IS NULL ORDER BY id DESC LIMIT 1");
    const std::int64_t id = find.Count(tx);
    if (id == 0) {
        return std::nullopt;
    }
    storage::Query update("UPDATE child_consents SET withdrawn_at = ");
    update.Bind(now).Sql(" WHERE id = ").Bind(id);
    update.Execute(tx);
    return id;
}

void PutDaily(storage::Transaction& tx, std::int64_t child_id, const Daily& daily, std::int64_t user_id) {
    storage::Query erase("DELETE FROM child_daily_records WHERE child_id = ");
    erase.Bind(child_id).Sql(" AND day = ").Bind(daily.day);
    erase.Execute(tx);
    storage::Query insert(
        "INSERT INTO child_daily_records (child_id, day, meals, nap_minutes, nappies, mood, outdoor_minutes, "
        "activities, recorded_by, updated_at) VALUES (");
    insert.Bind(child_id).Sql(", ").Bind(daily.day).Sql(", ").Bind(daily.meals).Sql(", ").Bind(daily.nap_minutes);
    insert.Sql(", ").Bind(daily.nappies).Sql(", ").Bind(daily.mood).Sql(", ").Bind(daily.outdoor_minutes).Sql(", ");
    insert.Bind(daily.activities).Sql(", ");
    BindUser(insert, user_id);
    insert.Sql(", ").Bind(daily.updated_at).Sql(")");
    insert.Execute(tx);
}

std::optional<Daily> DailyOf(storage::Transaction& tx, std::int64_t child_id, const std::string& day) {
    storage::Query query(
        "SELECT day, meals, nap_minutes, nappies, mood, outdoor_minutes, activities, updated_at FROM "
        "child_daily_records WHERE child_id = ");
    query.Bind(child_id).Sql(" AND day = ").Bind(day);
    std::optional<Daily> daily;
    query.ForEach(tx, [&](const soci::row& row) {
        daily = Daily{storage::Text(row, 0), storage::Text(row, 1), storage::Int(row, 2),  storage::Int(row, 3),
                      storage::Text(row, 4), storage::Int(row, 5),  storage::Text(row, 6), storage::Int(row, 7)};
    });
    return daily;
}

std::int64_t InsertNotice(storage::Transaction& tx, std::int64_t child_id, const std::string& kind,
                          const std::string& message, std::int64_t user_id, std::int64_t now) {
    storage::Query insert("INSERT INTO guardian_notices (child_id, kind, message, created_by, created_at) VALUES (");
    insert.Bind(child_id).Sql(", ").Bind(kind).Sql(", ").Bind(message).Sql(", ");
    BindUser(insert, user_id);
    insert.Sql(", ").Bind(now).Sql(") RETURNING id");
    return insert.Count(tx);
}

std::int64_t NoticeToEnrolled(storage::Transaction& tx, std::int64_t institution_id,
                              std::optional<std::int64_t> class_id, const std::string& message, std::int64_t user_id,
                              std::int64_t now) {
    auto enrolled = [&](storage::Query& query) {
        query.Sql(" FROM children WHERE institution_id = ").Bind(institution_id).Sql(" AND status = 'enrolled'");
        if (class_id) {
            query.Sql(" AND class_id = ").Bind(*class_id);
        }
    };
    // Typed: PostgreSQL does not infer the types of parameters in a select list.
    storage::Query insert(
        "INSERT INTO guardian_notices (child_id, kind, message, created_by, created_at) SELECT id, 'institution', "
        "CAST(");
    insert.Bind(message).Sql(" AS TEXT), ");
    user_id > 0 ? insert.Sql("CAST(").Bind(user_id).Sql(" AS BIGINT)") : insert.Sql("NULL");
    insert.Sql(", CAST(").Bind(now).Sql(" AS BIGINT)");
    enrolled(insert);
    insert.Execute(tx);
    storage::Query count("SELECT COUNT(*)");
    enrolled(count);
    return count.Count(tx);
}

bool HasLinkedGuardian(storage::Transaction& tx, std::int64_t child_id) {
    storage::Query query("SELECT COUNT(*) FROM child_contacts WHERE child_id = ");
    query.Bind(child_id).Sql(" AND user_id IS NOT NULL");
    return query.Count(tx) > 0;
}

bool AwaitsReturnCertificate(storage::Transaction& tx, std::int64_t child_id) {
    storage::Query query(
        "SELECT COUNT(*) FROM child_health_events d WHERE d.kind = 'infectious_disease' AND d.child_id = ");
    query.Bind(child_id).Sql(" AND NOT EXISTS (SELECT 1 FROM child_health_events r WHERE r.child_id = d.child_id AND ");
    query.Sql(
        "r.kind = 'return_certificate' AND (r.happened_on > d.happened_on OR (r.happened_on = d.happened_on AND "
        "r.id > d.id)))");
    return query.Count(tx) > 0;
}

std::vector<Notice> Notices(storage::Transaction& tx, std::int64_t child_id, std::int64_t since, std::int64_t until) {
    storage::Query query("SELECT id, kind, message, created_at FROM guardian_notices WHERE child_id = ");
    query.Bind(child_id).Sql(" AND created_at >= ").Bind(since).Sql(" AND created_at < ").Bind(until);
    query.Sql(" ORDER BY created_at DESC, id DESC LIMIT 50");
    std::vector<Notice> notices;
    query.ForEach(tx, [&](const soci::row& row) {
        notices.push_back({storage::Int(row, 0), storage::Text(row, 1), storage::Text(row, 2), storage::Int(row, 3)});
    });
    return notices;
}

std::int64_t InsertHealthCheck(storage::Transaction& tx, std::int64_t child_id, std::int64_t institution_id,
                               const HealthCheck& check, std::int64_t user_id) {
    storage::Query insert(
        "INSERT INTO child_health_checks (child_id, institution_id, day, kind, temperature_tenths, findings, action, "
        "abnormal, guardian_notified, recorded_by, recorded_at) VALUES (");
    insert.Bind(child_id).Sql(", ").Bind(institution_id).Sql(", ").Bind(check.day).Sql(", ").Bind(check.kind);
    insert.Sql(", ");
    check.temperature_tenths ? insert.Bind(*check.temperature_tenths) : insert.Sql("NULL");
    insert.Sql(", ").Bind(check.findings).Sql(", ").Bind(check.action).Sql(", ");
    insert.Bind(std::int64_t{check.abnormal ? 1 : 0}).Sql(", ").Bind(std::int64_t{check.guardian_notified ? 1 : 0});
    insert.Sql(", ");
    BindUser(insert, user_id);
    insert.Sql(", ").Bind(check.recorded_at).Sql(") RETURNING id");
    return insert.Count(tx);
}

std::vector<HealthCheck> HealthChecks(storage::Transaction& tx, std::int64_t child_id, const std::string& day) {
    storage::Query query(
        "SELECT id, day, kind, temperature_tenths, findings, action, abnormal, guardian_notified, recorded_at FROM "
        "child_health_checks WHERE child_id = ");
    query.Bind(child_id).Sql(" AND day = ").Bind(day).Sql(" ORDER BY recorded_at, id");
    std::vector<HealthCheck> checks;
    query.ForEach(tx, [&](const soci::row& row) {
        checks.push_back({storage::Int(row, 0), storage::Text(row, 1), storage::Text(row, 2), storage::OptInt(row, 3),
                          storage::Text(row, 4), storage::Text(row, 5), storage::Int(row, 6) != 0,
                          storage::Int(row, 7) != 0, storage::Int(row, 8)});
    });
    return checks;
}

std::int64_t InsertHealthEvent(storage::Transaction& tx, std::int64_t child_id, std::int64_t institution_id,
                               const HealthEvent& event, std::int64_t user_id) {
    storage::Query insert(
        "INSERT INTO child_health_events (child_id, institution_id, kind, disease, note, happened_on, recorded_by, "
        "created_at) VALUES (");
    insert.Bind(child_id).Sql(", ").Bind(institution_id).Sql(", ").Bind(event.kind).Sql(", ").Bind(event.disease);
    insert.Sql(", ").Bind(event.note).Sql(", ").Bind(event.happened_on).Sql(", ");
    BindUser(insert, user_id);
    insert.Sql(", ").Bind(event.created_at).Sql(") RETURNING id");
    return insert.Count(tx);
}

std::vector<HealthEvent> HealthEvents(storage::Transaction& tx, std::int64_t child_id,
                                      const std::optional<std::string>& day) {
    storage::Query query(
        "SELECT id, kind, disease, note, happened_on, created_at FROM child_health_events WHERE child_id = ");
    query.Bind(child_id);
    if (day) {
        query.Sql(" AND happened_on = ").Bind(*day);
    }
    query.Sql(" ORDER BY happened_on DESC, id DESC LIMIT 200");
    std::vector<HealthEvent> events;
    query.ForEach(tx, [&](const soci::row& row) {
        events.push_back({storage::Int(row, 0), storage::Text(row, 1), storage::Text(row, 2), storage::Text(row, 3),
                          storage::Text(row, 4), storage::Int(row, 5)});
    });
    return events;
}

std::int64_t InsertGrowth(storage::Transaction& tx, std::int64_t child_id, const Growth& growth, std::int64_t user_id,
                          std::int64_t now) {
    storage::Query insert(
        "INSERT INTO child_growth (child_id, measured_on, height_mm, weight_g, recorded_by, created_at) VALUES (");
    insert.Bind(child_id).Sql(", ").Bind(growth.measured_on).Sql(", ").Bind(growth.height_mm).Sql(", ");
    insert.Bind(growth.weight_g).Sql(", ");
    BindUser(insert, user_id);
    insert.Sql(", ").Bind(now).Sql(") RETURNING id");
    return insert.Count(tx);
}

std::vector<Growth> GrowthOf(storage::Transaction& tx, std::int64_t child_id) {
    storage::Query query("SELECT id, measured_on, height_mm, weight_g FROM child_growth WHERE child_id = ");
    query.Bind(child_id).Sql(" ORDER BY measured_on, id");
    std::vector<Growth> growth;
    query.ForEach(tx, [&](const soci::row& row) {
        growth.push_back({storage::Int(row, 0), storage::Text(row, 1), storage::Int(row, 2), storage::Int(row, 3)});
    });
    return growth;
}

}  // namespace tuoyu::children
