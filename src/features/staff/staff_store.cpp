#include <soci/soci.h>

#include <map>
#include <set>
#include <stdexcept>

#include "core/crypto.hpp"
#include "core/id_number.hpp"
#include "core/region_code.hpp"
#include "features/staff/staff.hpp"
#include "storage/query.hpp"
#include "storage/row.hpp"

namespace tuoyu::staff {

namespace {

const storage::ScopeColumns kInstitutionScope{"i.region_code", "i.id", ""};

void BindOptional(storage::Query& query, const std::optional<std::string>& text) {
    text && !text->empty() ? query.Bind(*text) : query.Sql("NULL");
}

void BindUser(storage::Query& query, std::int64_t user_id) {
    user_id > 0 ? query.Bind(user_id) : query.Sql("NULL");
}

constexpr const char* kRecordColumns =
    "SELECT s.id, s.institution_id, i.name, i.region_code, s.name, s.id_kind, s.id_masked, s.sex, s.birth_year, "
    "s.phone, s.role, s.education, s.experience_years, s.start_on, s.end_on, s.end_reason, s.health_exam_last, "
    "s.health_exam_due, s.hygiene_training_last, s.hygiene_training_due, s.created_at, s.updated_at, (SELECT COUNT(*) "
    "FROM staff_photos p WHERE p.staff_id = s.id) FROM staff s JOIN institutions i ON i.id = s.institution_id WHERE 1 "
    "= "
    "1";

Record RecordFrom(const soci::row& row) {
    Record record;
    record.id = storage::Int(row, 0);
    record.institution_id = storage::Int(row, 1);
    record.institution_name = storage::Text(row, 2);
    record.region_code = storage::Text(row, 3);
    record.name = storage::Text(row, 4);
    record.id_kind = storage::Text(row, 5);
    record.id_masked = storage::Text(row, 6);
    record.sex = storage::Text(row, 7);
    record.birth_year = static_cast<int>(storage::Int(row, 8));
    record.phone = storage::Text(row, 9);
    record.role = storage::Text(row, 10);
    record.education = storage::Text(row, 11);
    record.experience_years = static_cast<int>(storage::Int(row, 12));
    record.start_on = storage::Text(row, 13);
    record.end_on = storage::Text(row, 14);
    record.end_reason = storage::Text(row, 15);
    record.health_exam_last = storage::Text(row, 16);
    record.health_exam_due = storage::Text(row, 17);
    record.hygiene_training_last = storage::Text(row, 18);
    record.hygiene_training_due = storage::Text(row, 19);
    record.created_at = storage::Int(row, 20);
    record.updated_at = storage::Int(row, 21);
    record.has_photo = storage::Int(row, 22) > 0;
    return record;
}

std::vector<Record> Records(storage::Transaction& tx, const storage::Query& query) {
    std::vector<Record> records;
    query.ForEach(tx, [&](const soci::row& row) { records.push_back(RecordFrom(row)); });
    return records;
}

std::string DueOn(const std::optional<std::string>& last, const std::string& start_on) {
    const std::optional<CivilDate> last_day = last ? CivilDate::Parse(*last) : std::nullopt;
    const CivilDate start = CivilDate::Parse(start_on).value_or(CivilDate());
    return staff_rules::YearlyDuty("", last_day, start, start).due_on.ToString();
}

std::string SortColumn(const std::string& sort) {
    if (sort == "name" || sort == "role" || sort == "start_on" || sort == "health_exam_due") {
        return "s." + sort;
    }
    return "s.id";
}

}  // namespace

int IdentityBucket(const std::string& id_hash) {
    return static_cast<int>(std::stoul(id_hash.substr(0, 2), nullptr, 16));
}

void LockIdentities(storage::Transaction& tx, const std::set<int>& buckets) {
    if (tx.dialect() != storage::Dialect::kPostgres) {
        return;  // SQLite's write transactions are serialised already (BEGIN IMMEDIATE)
    }
    // Two-key advisory locks in a namespace of their own, taken in ascending order by every writer.
    for (const int bucket : buckets) {
        storage::Query lock("SELECT COUNT(*) FROM (SELECT pg_advisory_xact_lock(CAST(");
        lock.Bind(kIdentityLockSpace).Sql(" AS INTEGER), CAST(").Bind(static_cast<std::int64_t>(bucket));
        lock.Sql(" AS INTEGER))) AS locked");
        lock.Count(tx);
    }
}

void LockIdentity(storage::Transaction& tx, const std::string& id_hash) {
    LockIdentities(tx, {IdentityBucket(id_hash)});
}

std::string MaskedNumber(const std::string& kind, const std::string& number) {
    if (kind == "resident_id") {
        return id_number::Mask(number);
    }
    // Other documents: the last four characters.
    return std::string(number.size() > 4 ? number.size() - 4 : 0, '*') +
           number.substr(number.size() > 4 ? number.size() - 4 : 0);
}

std::optional<InstitutionRef> FindInstitution(storage::Transaction& tx, const Scope& scope, std::int64_t id) {
    storage::Query query("SELECT i.id, i.name, i.kind, i.region_code, i.status FROM institutions i WHERE i.id = ");
    query.Bind(id);
    storage::AppendScope(query, scope, kInstitutionScope);
    std::optional<InstitutionRef> found;
    query.ForEach(tx, [&](const soci::row& row) {
        found = InstitutionRef{storage::Int(row, 0), storage::Text(row, 1), storage::Text(row, 2),
                               storage::Text(row, 3), storage::Text(row, 4)};
    });
    return found;
}

std::optional<BanHit> FindBan(storage::Transaction& tx, const std::string& id_hash) {
    storage::Query query("SELECT id, region_code FROM staff_bans WHERE id_hash = ");
    query.Bind(id_hash).Sql(" ORDER BY id LIMIT 1");
    std::optional<BanHit> hit;
    query.ForEach(tx, [&](const soci::row& row) { hit = BanHit{storage::Int(row, 0), storage::Text(row, 1)}; });
    return hit;
}

bool BanExists(storage::Transaction& tx, const std::string& id_hash) {
    return FindBan(tx, id_hash).has_value();
}

void RecordBanAlerts(storage::Transaction& tx, const BanHit& hit, const InstitutionRef& institution,
                     const std::string& attempted_name, const std::string& channel, std::int64_t user_id,
                     std::int64_t now) {
    // The institution's region reaches its regulators up the tree; the ban's region gets its own alert
    // unless it lies above the institution already.
    std::vector<std::string> regions = {institution.region_code};
    if (!institution.region_code.starts_with(RegionCode::SubtreePrefix(hit.region_code))) {
        regions.push_back(hit.region_code);
    }
    for (const std::string& region : regions) {
        storage::Query insert(
            "INSERT INTO staff_ban_alerts (ban_id, region_code, institution_id, attempted_name, channel, "
            "attempted_by, created_at) VALUES (");
        insert.Bind(hit.ban_id).Sql(", ").Bind(region).Sql(", ").Bind(institution.id).Sql(", ");
        insert.Bind(attempted_name).Sql(", ").Bind(channel).Sql(", ");
        BindUser(insert, user_id);
        insert.Sql(", ").Bind(now).Sql(")");
        insert.Execute(tx);
    }
}

std::int64_t InsertBan(storage::Transaction& tx, const NewBan& ban, std::int64_t key_version, std::int64_t user_id,
                       std::int64_t now) {
    storage::Query insert(
        "INSERT INTO staff_bans (id_hash, key_version, id_masked, name, case_summary, authority, decided_on, "
        "region_code, created_by, created_at) VALUES (");
    insert.Bind(ban.id_hash).Sql(", ").Bind(key_version).Sql(", ").Bind(ban.id_masked).Sql(", ").Bind(ban.name);
    insert.Sql(", ").Bind(ban.case_summary).Sql(", ").Bind(ban.authority).Sql(", ").Bind(ban.decided_on);
    insert.Sql(", ").Bind(ban.region_code).Sql(", ");
    BindUser(insert, user_id);
    insert.Sql(", ").Bind(now).Sql(") RETURNING id");
    return insert.Count(tx);
}

std::vector<Ban> ListBans(storage::Transaction& tx, const Scope& scope, const PageRequest& page, std::int64_t& total) {
    const storage::ScopeColumns columns{"b.region_code", "", ""};
    storage::Query count("SELECT COUNT(*) FROM staff_bans b WHERE 1 = 1");
    storage::AppendScope(count, scope, columns);
    total = count.Count(tx);
    storage::Query query(
        "SELECT b.id, b.name, b.id_masked, b.case_summary, b.authority, b.decided_on, b.region_code, r.name, "
        "u.username, b.created_at FROM staff_bans b JOIN regions r ON r.code = b.region_code LEFT JOIN users u ON "
        "u.id = b.created_by WHERE 1 = 1");
    storage::AppendScope(query, scope, columns);
    query.Sql(" ORDER BY b.id DESC LIMIT ").Bind(page.page_size).Sql(" OFFSET ").Bind(page.offset());
    std::vector<Ban> bans;
    query.ForEach(tx, [&](const soci::row& row) {
        bans.push_back({storage::Int(row, 0), storage::Text(row, 1), storage::Text(row, 2), storage::Text(row, 3),
                        storage::Text(row, 4), storage::Text(row, 5), storage::Text(row, 6), storage::Text(row, 7),
                        storage::Text(row, 8), storage::Int(row, 9)});
    });
    return bans;
}

std::vector<BanAlert> ListBanAlerts(storage::Transaction& tx, const Scope& scope, const PageRequest& page,
                                    std::int64_t& total) {
    const storage::ScopeColumns columns{"a.region_code", "", ""};
    storage::Query count("SELECT COUNT(*) FROM staff_ban_alerts a WHERE 1 = 1");
    storage::AppendScope(count, scope, columns);
    total = count.Count(tx);
    storage::Query query(
        "SELECT a.id, a.ban_id, b.name, b.region_code, a.region_code, a.institution_id, i.name, i.region_code, "
        "a.attempted_name, a.channel, u.username, a.created_at FROM staff_ban_alerts a JOIN staff_bans b ON b.id = "
        "a.ban_id JOIN institutions i ON i.id = a.institution_id LEFT JOIN users u ON u.id = a.attempted_by WHERE 1 = "
        "1");
    storage::AppendScope(query, scope, columns);
    query.Sql(" ORDER BY a.id DESC LIMIT ").Bind(page.page_size).Sql(" OFFSET ").Bind(page.offset());
    std::vector<BanAlert> alerts;
    query.ForEach(tx, [&](const soci::row& row) {
        alerts.push_back({storage::Int(row, 0), storage::Int(row, 1), storage::Text(row, 2), storage::Text(row, 3),
                          storage::Text(row, 4), storage::Int(row, 5), storage::Text(row, 6), storage::Text(row, 7),
                          storage::Text(row, 8), storage::Text(row, 9), storage::Text(row, 10), storage::Int(row, 11)});
    });
    return alerts;
}

bool EmployedAt(storage::Transaction& tx, std::int64_t institution_id, const std::string& id_hash) {
    storage::Query query("SELECT COUNT(*) FROM staff WHERE institution_id = ");
    query.Bind(institution_id).Sql(" AND id_hash = ").Bind(id_hash).Sql(" AND end_on IS NULL");
    return query.Count(tx) > 0;
}

std::int64_t Insert(storage::Transaction& tx, const crypto::IdentityVault& vault, const Person& person,
                    std::int64_t institution_id, std::int64_t user_id, std::int64_t now) {
    storage::Query insert(
        "INSERT INTO staff (institution_id, name, id_kind, id_sealed, id_hash, id_masked, key_version, sex, "
        "birth_year, phone, role, education, experience_years, start_on, health_exam_last, health_exam_due, "
        "hygiene_training_last, hygiene_training_due, created_by, created_at, updated_at) VALUES (");
    insert.Bind(institution_id).Sql(", ").Bind(person.name).Sql(", ").Bind(person.id_kind).Sql(", ");
    insert.Bind(vault.Seal(person.id_number, kIdPlace)).Sql(", ").Bind(vault.Hash(person.id_kind, person.id_number));
    insert.Sql(", ").Bind(MaskedNumber(person.id_kind, person.id_number)).Sql(", ").Bind(vault.version()).Sql(", ");
    BindOptional(insert, person.sex);
    insert.Sql(", ");
    person.birth_year > 0 ? insert.Bind(static_cast<std::int64_t>(person.birth_year)) : insert.Sql("NULL");
    insert.Sql(", ").Bind(person.phone).Sql(", ").Bind(person.role).Sql(", ").Bind(person.education).Sql(", ");
    insert.Bind(static_cast<std::int64_t>(person.experience_years)).Sql(", ").Bind(person.start_on).Sql(", ");
    BindOptional(insert, person.last_health_exam);
    insert.Sql(", ").Bind(DueOn(person.last_health_exam, person.start_on)).Sql(", ");
    BindOptional(insert, person.last_hygiene_training);
    insert.Sql(", ").Bind(DueOn(person.last_hygiene_training, person.start_on)).Sql(", ");
    BindUser(insert, user_id);
    insert.Sql(", ").Bind(now).Sql(", ").Bind(now).Sql(") RETURNING id");
    const std::int64_t id = insert.Count(tx);
    // The duties on file when the person is entered are part of the history too.
    for (const auto& [kind, day] : {std::pair{"health_exam", person.last_health_exam},
                                    std::pair{"hygiene_training", person.last_hygiene_training}}) {
        if (day) {
            storage::Query duty(
                "INSERT INTO staff_duties (staff_id, kind, done_on, passed, note, created_by, created_at) VALUES (");
            duty.Bind(id).Sql(", ").Bind(std::string(kind)).Sql(", ").Bind(*day).Sql(", 1, '', ");
            BindUser(duty, user_id);
            duty.Sql(", ").Bind(now).Sql(")");
            duty.Execute(tx);
        }
    }
    return id;
}

std::optional<Record> Find(storage::Transaction& tx, const Scope& scope, std::int64_t id) {
    storage::Query query(kRecordColumns);
    query.Sql(" AND s.id = ").Bind(id);
    storage::AppendScope(query, scope, kInstitutionScope);
    std::vector<Record> records = Records(tx, query);
    return records.empty() ? std::nullopt : std::optional<Record>(std::move(records.front()));
}

std::optional<std::string> IdNumber(storage::Transaction& tx, const crypto::IdentityVault& vault, const Scope& scope,
                                    std::int64_t id) {
    storage::Query query(
        "SELECT s.id_sealed, s.key_version FROM staff s JOIN institutions i ON i.id = s.institution_id WHERE s.id = ");
    query.Bind(id);
    storage::AppendScope(query, scope, kInstitutionScope);
    std::optional<std::pair<std::string, std::int64_t>> sealed;
    query.ForEach(tx, [&](const soci::row& row) { sealed.emplace(storage::Text(row, 0), storage::Int(row, 1)); });
    if (!sealed) {
        return std::nullopt;
    }
    std::optional<std::string> number = vault.Open(sealed->first, sealed->second, kIdPlace);
    if (!number) {
        throw std::runtime_error("the identity number of staff " + std::to_string(id) +
                                 " does not open under the key file in use");
    }
    return number;
}

void Update(storage::Transaction& tx, std::int64_t id, const Changes& changes, std::int64_t now) {
    storage::Query update("UPDATE staff SET updated_at = ");
    update.Bind(now);
    if (changes.name) {
        update.Sql(", name = ").Bind(*changes.name);
    }
    if (changes.phone) {
        update.Sql(", phone = ").Bind(*changes.phone);
    }
    if (changes.role) {
        update.Sql(", role = ").Bind(*changes.role);
    }
    if (changes.education) {
        update.Sql(", education = ").Bind(*changes.education);
    }
    if (changes.experience_years) {
        update.Sql(", experience_years = ").Bind(static_cast<std::int64_t>(*changes.experience_years));
    }
    update.Sql(" WHERE id = ").Bind(id);
    update.Execute(tx);
}

void End(storage::Transaction& tx, std::int64_t id, const std::string& end_on, const std::string& reason,
         std::int64_t now) {
    storage::Query update("UPDATE staff SET end_on = ");
    update.Bind(end_on).Sql(", end_reason = ").Bind(reason).Sql(", updated_at = ").Bind(now);
    update.Sql(" WHERE id = ").Bind(id).Sql(" AND end_on IS NULL");
    update.Execute(tx);
}

void PutPhoto(storage::Transaction& tx, const crypto::IdentityVault& vault, std::int64_t staff_id,
              const std::string& media_type, std::string_view bytes, std::int64_t user_id, std::int64_t now) {
    // One statement whatever was there: two uploads at once replace each other instead of colliding.
    storage::Query upsert(
        "INSERT INTO staff_photos (staff_id, media_type, size, sha256, sealed, key_version, uploaded_by, uploaded_at) "
        "VALUES (");
    upsert.Bind(staff_id).Sql(", ").Bind(media_type).Sql(", ").Bind(static_cast<std::int64_t>(bytes.size()));
    upsert.Sql(", ").Bind(crypto::Sha256Hex(bytes)).Sql(", ").Bind(vault.Seal(bytes, kPhotoPlace)).Sql(", ");
    upsert.Bind(vault.version()).Sql(", ");
    BindUser(upsert, user_id);
    upsert.Sql(", ").Bind(now).Sql(
        ") ON CONFLICT (staff_id) DO UPDATE SET media_type = excluded.media_type, size = excluded.size, sha256 = "
        "excluded.sha256, sealed = excluded.sealed, key_version = excluded.key_version, uploaded_by = "
        "excluded.uploaded_by, uploaded_at = excluded.uploaded_at");
    upsert.Execute(tx);
}

std::string PhotoDigest(storage::Transaction& tx, std::int64_t staff_id) {
    storage::Query query("SELECT sha256 FROM staff_photos WHERE staff_id = ");
    query.Bind(staff_id);
    std::string digest;
    query.ForEach(tx, [&](const soci::row& row) { digest = storage::Text(row, 0); });
    return digest;
}

std::optional<Photo> GetPhoto(storage::Transaction& tx, const crypto::IdentityVault& vault, std::int64_t staff_id) {
    storage::Query query("SELECT media_type, sealed, key_version FROM staff_photos WHERE staff_id = ");
    query.Bind(staff_id);
    std::optional<Photo> photo;
    query.ForEach(tx, [&](const soci::row& row) {
        std::optional<std::string> bytes = vault.Open(storage::Text(row, 1), storage::Int(row, 2), kPhotoPlace);
        if (!bytes) {
            throw std::runtime_error("the photo of staff " + std::to_string(staff_id) +
                                     " does not open under the key file in use");
        }
        photo = Photo{storage::Text(row, 0), std::move(*bytes)};
    });
    return photo;
}

bool DeletePhoto(storage::Transaction& tx, std::int64_t staff_id) {
    storage::Query count("SELECT COUNT(*) FROM staff_photos WHERE staff_id = ");
    count.Bind(staff_id);
    if (count.Count(tx) == 0) {
        return false;
    }
    storage::Query remove("DELETE FROM staff_photos WHERE staff_id = ");
    remove.Bind(staff_id);
    remove.Execute(tx);
    return true;
}

std::int64_t AddDocument(storage::Transaction& tx, const Document& document, std::int64_t user_id, std::int64_t now) {
    storage::Query insert(
        "INSERT INTO staff_documents (staff_id, kind, level, number, issuer, issued_on, expires_on, hours, "
        "created_by, created_at) VALUES (");
    insert.Bind(document.staff_id).Sql(", ").Bind(document.kind).Sql(", ").Bind(document.level).Sql(", ");
    insert.Bind(document.number).Sql(", ").Bind(document.issuer).Sql(", ");
    BindOptional(insert, document.issued_on);
    insert.Sql(", ");
    BindOptional(insert, document.expires_on);
    insert.Sql(", ");
    document.hours ? insert.Bind(*document.hours) : insert.Sql("NULL");
    insert.Sql(", ");
    BindUser(insert, user_id);
    insert.Sql(", ").Bind(now).Sql(") RETURNING id");
    return insert.Count(tx);
}

std::vector<Document> Documents(storage::Transaction& tx, std::int64_t staff_id) {
    storage::Query query(
        "SELECT id, staff_id, kind, level, number, issuer, issued_on, expires_on, hours, created_at FROM "
        "staff_documents WHERE staff_id = ");
    query.Bind(staff_id).Sql(" ORDER BY id");
    std::vector<Document> documents;
    query.ForEach(tx, [&](const soci::row& row) {
        documents.push_back({storage::Int(row, 0), storage::Int(row, 1), storage::Text(row, 2), storage::Text(row, 3),
                             storage::Text(row, 4), storage::Text(row, 5), storage::Text(row, 6), storage::Text(row, 7),
                             storage::OptInt(row, 8), storage::Int(row, 9)});
    });
    return documents;
}

std::int64_t AddDuty(storage::Transaction& tx, const Duty& duty, const std::string& start_on, std::int64_t user_id,
                     std::int64_t now) {
    storage::Query insert(
        "INSERT INTO staff_duties (staff_id, kind, done_on, passed, note, created_by, created_at) VALUES (");
    insert.Bind(duty.staff_id).Sql(", ").Bind(duty.kind).Sql(", ").Bind(duty.done_on).Sql(", ");
    insert.Bind(static_cast<std::int64_t>(duty.passed ? 1 : 0)).Sql(", ").Bind(duty.note).Sql(", ");
    BindUser(insert, user_id);
    insert.Sql(", ").Bind(now).Sql(") RETURNING id");
    const std::int64_t id = insert.Count(tx);
    if (duty.passed) {
        const std::string last = duty.kind == "health_exam" ? "health_exam_last" : "hygiene_training_last";
        const std::string due = duty.kind == "health_exam" ? "health_exam_due" : "hygiene_training_due";
        storage::Query update("UPDATE staff SET " + last + " = ");
        update.Bind(duty.done_on).Sql(", " + due + " = ").Bind(DueOn(duty.done_on, start_on));
        update.Sql(", updated_at = ").Bind(now).Sql(" WHERE id = ").Bind(duty.staff_id);
        update.Sql(" AND (" + last + " IS NULL OR " + last + " < ").Bind(duty.done_on).Sql(")");
        update.Execute(tx);
    }
    return id;
}

std::vector<Duty> Duties(storage::Transaction& tx, std::int64_t staff_id) {
    storage::Query query(
        "SELECT id, staff_id, kind, done_on, passed, note, created_at FROM staff_duties WHERE staff_id = ");
    query.Bind(staff_id).Sql(" ORDER BY done_on DESC, id DESC");
    std::vector<Duty> duties;
    query.ForEach(tx, [&](const soci::row& row) {
        duties.push_back({storage::Int(row, 0), storage::Int(row, 1), storage::Text(row, 2), storage::Text(row, 3),
                          storage::Int(row, 4) != 0, storage::Text(row, 5), storage::Int(row, 6)});
    });
    return duties;
}

std::vector<Record> List(storage::Transaction& tx, std::int64_t institution_id, const ListFilter& filter,
                         const PageRequest& page, std::int64_t& total) {
    auto append_filter = [&](storage::Query& query) {
        query.Sql(" AND s.institution_id = ").Bind(institution_id);
        if (!filter.include_ended) {
            query.Sql(" AND s.end_on IS NULL");
        }
        if (filter.role) {
            query.Sql(" AND s.role = ").Bind(*filter.role);
        }
        if (!filter.keyword.empty()) {
            query.Sql(" AND s.name LIKE ").Bind(storage::LikePattern(filter.keyword)).Sql(" ESCAPE '\\'");
        }
    };
    storage::Query count("SELECT COUNT(*) FROM staff s WHERE 1 = 1");
    append_filter(count);
    total = count.Count(tx);
    storage::Query query(kRecordColumns);
    append_filter(query);
    query.Sql(" ORDER BY " + SortColumn(page.sort) + (page.descending ? " DESC" : " ASC") + ", s.id LIMIT ");
    query.Bind(page.page_size).Sql(" OFFSET ").Bind(page.offset());
    return Records(tx, query);
}

std::vector<staff_rules::Member> Members(storage::Transaction& tx, std::int64_t institution_id) {
    storage::Query query(
        "SELECT id, name, role, education, experience_years, start_on, health_exam_last, hygiene_training_last FROM "
        "staff WHERE end_on IS NULL AND institution_id = ");
    query.Bind(institution_id).Sql(" ORDER BY id");
    std::vector<staff_rules::Member> members;
    std::map<std::int64_t, std::size_t> index;
    query.ForEach(tx, [&](const soci::row& row) {
        staff_rules::Member member;
        member.id = storage::Int(row, 0);
        member.name = storage::Text(row, 1);
        member.role = storage::Text(row, 2);
        member.education = storage::Text(row, 3);
        member.experience_years = static_cast<int>(storage::Int(row, 4));
        member.start_on = CivilDate::Parse(storage::Text(row, 5)).value_or(CivilDate());
        member.last_health_exam = CivilDate::Parse(storage::Text(row, 6));
        member.last_hygiene_training = CivilDate::Parse(storage::Text(row, 7));
        index[member.id] = members.size();
        members.push_back(std::move(member));
    });
    storage::Query documents(
        "SELECT d.staff_id, d.kind, d.expires_on, d.hours FROM staff_documents d JOIN staff s ON s.id = d.staff_id "
        "WHERE s.end_on IS NULL AND s.institution_id = ");
    documents.Bind(institution_id);
    documents.ForEach(tx, [&](const soci::row& row) {
        auto it = index.find(storage::Int(row, 0));
        if (it == index.end()) {
            return;
        }
        staff_rules::Document document;
        document.kind = storage::Text(row, 1);
        document.expires_on = CivilDate::Parse(storage::Text(row, 2));
        if (const std::optional<std::int64_t> hours = storage::OptInt(row, 3)) {
            document.hours = static_cast<int>(*hours);
        }
        members[it->second].documents.push_back(std::move(document));
    });
    return members;
}

std::vector<Record> DueDuties(storage::Transaction& tx, const Scope& scope, const DueFilter& filter,
                              const std::string& today, const std::string& until, const PageRequest& page,
                              std::int64_t& total) {
    const std::string& limit = filter.overdue_only ? today : until;
    const std::string comparison = filter.overdue_only ? " < " : " <= ";
    auto append_filter = [&](storage::Query& query) {
        query.Sql(" AND s.end_on IS NULL AND (s.health_exam_due" + comparison).Bind(limit);
        query.Sql(" OR s.hygiene_training_due" + comparison).Bind(limit).Sql(")");
        if (filter.institution_id) {
            query.Sql(" AND s.institution_id = ").Bind(*filter.institution_id);
        }
        storage::AppendScopeAndRegion(query, scope, kInstitutionScope, filter.region_code);
    };
    storage::Query count("SELECT COUNT(*) FROM staff s JOIN institutions i ON i.id = s.institution_id WHERE 1 = 1");
    append_filter(count);
    total = count.Count(tx);
    storage::Query query(kRecordColumns);
    append_filter(query);
    query.Sql(
        " ORDER BY CASE WHEN s.health_exam_due < s.hygiene_training_due THEN s.health_exam_due ELSE "
        "s.hygiene_training_due END, s.id LIMIT ");
    query.Bind(page.page_size).Sql(" OFFSET ").Bind(page.offset());
    return Records(tx, query);
}

std::vector<Record> EmployedByHash(storage::Transaction& tx, const std::string& id_hash) {
    storage::Query query(kRecordColumns);
    query.Sql(" AND s.end_on IS NULL AND s.id_hash = ").Bind(id_hash).Sql(" ORDER BY s.start_on, s.id");
    return Records(tx, query);
}

std::vector<std::vector<Record>> MultiEmployment(storage::Transaction& tx, const Scope& scope, std::size_t limit) {
    // The people employed now in the scope who are employed somewhere else too; the hash orders the
    // groups and never leaves this function.
    storage::Query people(
        "SELECT DISTINCT s.id_hash FROM staff s JOIN institutions i ON i.id = s.institution_id "
        "WHERE s.end_on IS NULL");
    storage::AppendScope(people, scope, kInstitutionScope);
    people.Sql(
        " AND s.id_hash IN (SELECT id_hash FROM staff WHERE end_on IS NULL GROUP BY id_hash HAVING COUNT(*) > "
        "1) ORDER BY s.id_hash LIMIT ");
    people.Bind(static_cast<std::int64_t>(limit));
    std::vector<std::string> hashes;
    people.ForEach(tx, [&](const soci::row& row) { hashes.push_back(storage::Text(row, 0)); });
    std::vector<std::vector<Record>> groups;
    for (const std::string& hash : hashes) {
        groups.push_back(EmployedByHash(tx, hash));
    }
    return groups;
}

std::vector<Figures> InstitutionFigures(storage::Transaction& tx, const Scope& scope,
                                        const std::optional<std::string>& region_code, const std::string& today,
                                        const PageRequest& page, std::int64_t& total, Figures& sum) {
    auto append_sums = [&](storage::Query& query) {
        query.Sql(
            "COUNT(s.id), COALESCE(SUM(CASE WHEN s.role = 'caregiver' THEN 1 ELSE 0 END), 0), COALESCE(SUM(CASE "
            "WHEN s.role = 'caregiver' AND EXISTS (SELECT 1 FROM staff_documents d WHERE d.staff_id = s.id AND d.kind "
            "IN ('nursery_worker', 'infant_carer') AND (d.expires_on IS NULL OR d.expires_on >= ");
        query.Bind(today).Sql(")) THEN 1 ELSE 0 END), 0), COALESCE(SUM(CASE WHEN s.health_exam_due < ").Bind(today);
        query.Sql(" OR s.hygiene_training_due < ").Bind(today).Sql(" THEN 1 ELSE 0 END), 0) ");
    };
    const std::string staff_join =
        " LEFT JOIN staff s ON s.institution_id = i.id AND s.end_on IS NULL WHERE i.status "
        "<> 'closed'";
    storage::Query totals("SELECT COUNT(DISTINCT i.id), ");
    append_sums(totals);
    totals.Sql("FROM institutions i" + staff_join);
    storage::AppendScopeAndRegion(totals, scope, kInstitutionScope, region_code);
    totals.ForEach(tx, [&](const soci::row& row) {
        total = storage::Int(row, 0);
        sum.employed = storage::Int(row, 1);
        sum.caregivers = storage::Int(row, 2);
        sum.certified = storage::Int(row, 3);
        sum.overdue = storage::Int(row, 4);
    });
    storage::Query query("SELECT i.id, i.name, i.region_code, r.name, i.status, ");
    append_sums(query);
    query.Sql("FROM institutions i JOIN regions r ON r.code = i.region_code" + staff_join);
    storage::AppendScopeAndRegion(query, scope, kInstitutionScope, region_code);
    query.Sql(" GROUP BY i.id, i.name, i.region_code, r.name, i.status ORDER BY i.region_code, i.id LIMIT ");
    query.Bind(page.page_size).Sql(" OFFSET ").Bind(page.offset());
    std::vector<Figures> figures;
    query.ForEach(tx, [&](const soci::row& row) {
        figures.push_back({storage::Int(row, 0), storage::Text(row, 1), storage::Text(row, 2), storage::Text(row, 3),
                           storage::Text(row, 4), storage::Int(row, 5), storage::Int(row, 6), storage::Int(row, 7),
                           storage::Int(row, 8)});
    });
    return figures;
}

std::string ProfileDocument(storage::Transaction& tx, std::int64_t institution_id) {
    storage::Query query("SELECT document FROM institution_profiles WHERE institution_id = ");
    query.Bind(institution_id);
    std::string document = "{}";
    query.ForEach(tx, [&](const soci::row& row) { document = storage::Text(row, 0); });
    return document;
}

}  // namespace tuoyu::staff
