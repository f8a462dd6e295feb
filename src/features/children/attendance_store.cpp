#include <soci/soci.h>

#include <algorithm>

#include "core/care_rules.hpp"
#include "features/children/children.hpp"
#include "storage/query.hpp"
#include "storage/row.hpp"

namespace tuoyu::children {

namespace {

constexpr std::int64_t kDayMillis = 86'400'000;
constexpr std::int64_t kShanghaiOffsetMillis = 8 * 3'600'000;

void BindUser(storage::Query& query, std::int64_t user_id) {
    user_id > 0 ? query.Bind(user_id) : query.Sql("NULL");
}

// The attendance columns from `a`, with the names of who brought, collected and followed up, starting at
// column `first`.
constexpr const char* kAttendanceColumns =
    "a.id, a.child_id, a.class_id, a.day, a.in_at, b.name, a.out_at, d.name, a.absent, a.absence_reason, "
    "CASE WHEN u.role = 'guardian' THEN 1 ELSE 0 END, s.name, a.follow_up_note, a.follow_up_at";
constexpr const char* kAttendanceJoins =
    " LEFT JOIN child_contacts b ON b.id = a.brought_by LEFT JOIN child_contacts d ON d.id = a.collected_by LEFT "
    "JOIN users u ON u.id = a.absence_reported_by LEFT JOIN staff s ON s.id = a.follow_up_staff_id";

Attendance AttendanceFrom(const soci::row& row, std::size_t first) {
    Attendance a;
    a.id = storage::Int(row, first);
    a.child_id = storage::Int(row, first + 1);
    a.class_id = storage::OptInt(row, first + 2);
    a.day = storage::Text(row, first + 3);
    a.in_at = storage::OptInt(row, first + 4);
    a.brought_by_name = storage::Text(row, first + 5);
    a.out_at = storage::OptInt(row, first + 6);
    a.collected_by_name = storage::Text(row, first + 7);
    a.absent = storage::Int(row, first + 8) != 0;
    a.absence_reason = storage::Text(row, first + 9);
    a.absence_reported_by_guardian = storage::Int(row, first + 10) != 0;
    a.follow_up_staff_name = storage::Text(row, first + 11);
    a.follow_up_note = storage::Text(row, first + 12);
    a.follow_up_at = storage::OptInt(row, first + 13);
    return a;
}

}  // namespace

std::int64_t DayEnd(const std::string& day) {
    const std::optional<CivilDate> date = CivilDate::Parse(day);
    return date ? (date->day_number() + 1) * kDayMillis - kShanghaiOffsetMillis : 0;
}

std::optional<Attendance> AttendanceOf(storage::Transaction& tx, std::int64_t child_id, const std::string& day) {
    storage::Query query(std::string("SELECT ") + kAttendanceColumns + " FROM child_attendance a" + kAttendanceJoins +
                         " WHERE a.child_id = ");
    query.Bind(child_id).Sql(" AND a.day = ").Bind(day);
    std::optional<Attendance> found;
    query.ForEach(tx, [&](const soci::row& row) { found = AttendanceFrom(row, 0); });
    return found;
}

std::optional<DayState> DayStateOf(storage::Transaction& tx, std::int64_t child_id, const std::string& day) {
    storage::Query query("SELECT class_id, in_at, out_at, absent FROM child_attendance WHERE child_id = ");
    query.Bind(child_id).Sql(" AND day = ").Bind(day);
    std::optional<DayState> found;
    query.ForEach(tx, [&](const soci::row& row) {
        found = DayState{storage::OptInt(row, 0), storage::OptInt(row, 1), storage::OptInt(row, 2),
                         storage::Int(row, 3) != 0};
    });
    return found;
}

void InsertCheckIn(storage::Transaction& tx, std::int64_t child_id, std::int64_t institution_id, std::int64_t class_id,
                   const std::string& day, std::int64_t at, std::int64_t brought_by, std::int64_t user_id) {
    storage::Query insert(
        "INSERT INTO child_attendance (child_id, institution_id, class_id, day, in_at, brought_by, checked_in_by, "
        "updated_at) VALUES (");
    insert.Bind(child_id).Sql(", ").Bind(institution_id).Sql(", ").Bind(class_id).Sql(", ").Bind(day).Sql(", ");
    insert.Bind(at).Sql(", ").Bind(brought_by).Sql(", ");
    BindUser(insert, user_id);
    insert.Sql(", ").Bind(at).Sql(")");
    insert.Execute(tx);
}

bool UpdateCheckOut(storage::Transaction& tx, std::int64_t child_id, const std::string& day, std::int64_t at,
                    std::int64_t collected_by, std::int64_t user_id) {
    storage::Query update("UPDATE child_attendance SET out_at = ");
    update.Bind(at).Sql(", collected_by = ").Bind(collected_by).Sql(", checked_out_by = ");
    BindUser(update, user_id);
    update.Sql(", updated_at = ").Bind(at).Sql(" WHERE child_id = ").Bind(child_id).Sql(" AND day = ").Bind(day);
    update.Sql(" AND in_at IS NOT NULL AND out_at IS NULL RETURNING id");
    return update.Count(tx) > 0;
}

bool CheckInAbsent(storage::Transaction& tx, std::int64_t child_id, const std::string& day, std::int64_t at,
                   std::int64_t brought_by, std::int64_t user_id) {
    storage::Query update("UPDATE child_attendance SET absent = 0, in_at = ");
    update.Bind(at).Sql(", brought_by = ").Bind(brought_by).Sql(", checked_in_by = ");
    BindUser(update, user_id);
    update.Sql(", updated_at = ").Bind(at).Sql(" WHERE child_id = ").Bind(child_id).Sql(" AND day = ").Bind(day);
    update.Sql(" AND absent = 1 AND in_at IS NULL RETURNING id");
    return update.Count(tx) > 0;
}

void RecordAbsence(storage::Transaction& tx, std::int64_t child_id, std::int64_t institution_id,
                   std::optional<std::int64_t> class_id, const std::string& day, const std::string& reason,
                   std::int64_t user_id, std::int64_t now) {
    storage::Query insert(
        "INSERT INTO child_attendance (child_id, institution_id, class_id, day, absent, absence_reason, "
        "absence_reported_by, updated_at) VALUES (");
    insert.Bind(child_id).Sql(", ").Bind(institution_id).Sql(", ");
    class_id ? insert.Bind(*class_id) : insert.Sql("NULL");
    insert.Sql(", ").Bind(day).Sql(", 1, ").Bind(reason).Sql(", ");
    BindUser(insert, user_id);
    insert.Sql(", ").Bind(now).Sql(")");
    insert.Execute(tx);
}

void RecordFollowUp(storage::Transaction& tx, std::int64_t child_id, const std::string& day, std::int64_t staff_id,
                    const std::string& note, std::int64_t now) {
    storage::Query update("UPDATE child_attendance SET follow_up_staff_id = ");
    update.Bind(staff_id).Sql(", follow_up_note = ").Bind(note).Sql(", follow_up_at = ").Bind(now);
    update.Sql(", updated_at = ").Bind(now).Sql(" WHERE child_id = ").Bind(child_id).Sql(" AND day = ").Bind(day);
    update.Execute(tx);
}

std::vector<RegisterRow> Register(storage::Transaction& tx, std::int64_t institution_id, const std::string& day) {
    storage::Query query(
        "SELECT c.id, c.name, c.class_id, k.name, (SELECT COUNT(*) FROM child_health_checks h WHERE h.child_id = "
        "c.id AND h.day = ");
    query.Bind(day).Sql(
        " AND h.kind = 'morning'), (SELECT COUNT(*) FROM child_health_checks h WHERE h.child_id = c.id AND h.day = ");
    query.Bind(day).Sql(" AND h.abnormal = 1), ");
    query.Sql(kAttendanceColumns);
    query.Sql(
        " FROM children c LEFT JOIN classes k ON k.id = c.class_id LEFT JOIN child_attendance a ON a.child_id = "
        "c.id AND a.day = ");
    query.Bind(day).Sql(kAttendanceJoins).Sql(" WHERE c.institution_id = ").Bind(institution_id);
    query.Sql(" AND c.status = 'enrolled' ORDER BY k.id, c.id");
    std::vector<RegisterRow> rows;
    query.ForEach(tx, [&](const soci::row& row) {
        RegisterRow r;
        r.child_id = storage::Int(row, 0);
        r.name = storage::Text(row, 1);
        r.class_id = storage::OptInt(row, 2);
        r.class_name = storage::Text(row, 3);
        r.morning_check_done = storage::Int(row, 4) > 0;
        r.abnormal = storage::Int(row, 5) > 0;
        if (storage::OptInt(row, 6)) {
            r.attendance = AttendanceFrom(row, 6);
        }
        rows.push_back(std::move(r));
    });
    return rows;
}

std::optional<StaffRef> EmployedStaff(storage::Transaction& tx, std::int64_t institution_id, std::int64_t staff_id) {
    storage::Query query("SELECT id, name, role FROM staff WHERE id = ");
    query.Bind(staff_id).Sql(" AND institution_id = ").Bind(institution_id).Sql(" AND end_on IS NULL");
    std::optional<StaffRef> found;
    query.ForEach(tx, [&](const soci::row& row) {
        found = StaffRef{storage::Int(row, 0), storage::Text(row, 1), storage::Text(row, 2)};
    });
    return found;
}

std::vector<StaffRef> Roster(storage::Transaction& tx, std::int64_t institution_id) {
    storage::Query query("SELECT id, name, role FROM staff WHERE institution_id = ");
    query.Bind(institution_id).Sql(" AND end_on IS NULL ORDER BY id");
    std::vector<StaffRef> roster;
    query.ForEach(tx, [&](const soci::row& row) {
        roster.push_back({storage::Int(row, 0), storage::Text(row, 1), storage::Text(row, 2)});
    });
    return roster;
}

namespace {

constexpr const char* kShiftColumns =
    "SELECT w.id, w.staff_id, s.name, s.role, w.class_id, w.day, w.in_at, w.out_at, w.institution_id FROM "
    "staff_attendance w JOIN staff s ON s.id = w.staff_id WHERE ";

std::vector<Shift> ShiftQuery(storage::Transaction& tx, const storage::Query& query) {
    std::vector<Shift> shifts;
    query.ForEach(tx, [&](const soci::row& row) {
        shifts.push_back({storage::Int(row, 0), storage::Int(row, 1), storage::Text(row, 2), storage::Text(row, 3),
                          storage::OptInt(row, 4), storage::Text(row, 5), storage::Int(row, 6), storage::OptInt(row, 7),
                          storage::Int(row, 8)});
    });
    return shifts;
}

}  // namespace

std::optional<Shift> OpenShift(storage::Transaction& tx, std::int64_t staff_id) {
    storage::Query query(kShiftColumns);
    query.Sql("w.staff_id = ").Bind(staff_id).Sql(" AND w.out_at IS NULL");
    std::vector<Shift> shifts = ShiftQuery(tx, query);
    return shifts.empty() ? std::nullopt : std::optional<Shift>(shifts.front());
}

std::int64_t StartShift(storage::Transaction& tx, std::int64_t staff_id, std::int64_t institution_id,
                        std::optional<std::int64_t> class_id, const std::string& day, std::int64_t at,
                        std::int64_t user_id) {
    storage::Query insert(
        "INSERT INTO staff_attendance (staff_id, institution_id, class_id, day, in_at, recorded_by) VALUES (");
    insert.Bind(staff_id).Sql(", ").Bind(institution_id).Sql(", ");
    class_id ? insert.Bind(*class_id) : insert.Sql("NULL");
    insert.Sql(", ").Bind(day).Sql(", ").Bind(at).Sql(", ");
    BindUser(insert, user_id);
    insert.Sql(") RETURNING id");
    return insert.Count(tx);
}

bool EndShift(storage::Transaction& tx, std::int64_t shift_id, std::int64_t at) {
    storage::Query update("UPDATE staff_attendance SET out_at = ");
    update.Bind(at).Sql(" WHERE id = ").Bind(shift_id).Sql(" AND out_at IS NULL RETURNING id");
    return update.Count(tx) > 0;
}

std::vector<Shift> Shifts(storage::Transaction& tx, std::int64_t institution_id, const std::string& day) {
    storage::Query query(kShiftColumns);
    query.Sql("w.institution_id = ").Bind(institution_id).Sql(" AND (w.day = ").Bind(day);
    query.Sql(" OR w.out_at IS NULL) ORDER BY w.in_at, w.id");
    return ShiftQuery(tx, query);
}

Presence MoveInClass(storage::Transaction& tx, const ClassInfo& klass, const std::string& region_code,
                     const std::string& day, int children, int caregivers, std::int64_t at,
                     const standards::Parameters& parameters) {
    const bool postgres = tx.dialect() == storage::Dialect::kPostgres;
    if (postgres) {
        // Concurrent movements of one class queue on its presence row (SQLite's writers are serialised
        // already): the row is made first, so that there is always one to lock.
        storage::Query make("INSERT INTO class_presence (class_id, day, children, caregivers, updated_at) VALUES (");
        make.Bind(klass.id).Sql(", '', 0, 0, 0) ON CONFLICT (class_id) DO NOTHING");
        make.Execute(tx);
    }
    storage::Query read("SELECT day, children, caregivers, updated_at FROM class_presence WHERE class_id = ");
    read.Bind(klass.id);
    if (postgres) {
        read.Sql(" FOR UPDATE");
    }
    std::optional<std::string> presence_day;
    Presence presence;
    std::int64_t last_movement = 0;
    read.ForEach(tx, [&](const soci::row& row) {
        presence_day = storage::Text(row, 0);
        presence.children = storage::Int(row, 1);
        presence.caregivers = storage::Int(row, 2);
        last_movement = storage::Int(row, 3);
    });
    storage::Query open("SELECT COALESCE(MAX(id), 0) FROM ratio_breaches WHERE class_id = ");
    open.Bind(klass.id).Sql(" AND ended_at IS NULL");
    std::int64_t open_id = open.Count(tx);
    if (presence_day != day) {
        // A new day starts from nobody present; a breach left open on an earlier day ends with that day.
        presence.children = 0;
        presence.caregivers = 0;
        last_movement = 0;
        if (open_id != 0 && presence_day) {
            storage::Query close("UPDATE ratio_breaches SET ended_at = ");
            close.Bind(std::max(DayEnd(*presence_day), std::int64_t{0})).Sql(" WHERE id = ").Bind(open_id);
            close.Execute(tx);
            open_id = 0;
        }
    }
    // A movement recorded with an earlier time than the last one counts from the last: the presence moves
    // in the order the movements are recorded, and a stretch never ends before it began.
    const std::int64_t effective = std::max(at, last_movement);
    presence.children = std::max<std::int64_t>(0, presence.children + children);
    presence.caregivers = std::max<std::int64_t>(0, presence.caregivers + caregivers);
    storage::Query write(presence_day ? "UPDATE class_presence SET day = "
                                      : "INSERT INTO class_presence (day, children, caregivers, updated_at, class_id) "
                                        "VALUES (");
    write.Bind(day);
    write.Sql(presence_day ? ", children = " : ", ").Bind(presence.children);
    write.Sql(presence_day ? ", caregivers = " : ", ").Bind(presence.caregivers);
    write.Sql(presence_day ? ", updated_at = " : ", ").Bind(effective);
    write.Sql(presence_day ? " WHERE class_id = " : ", ").Bind(klass.id);
    write.Sql(presence_day ? "" : ")");
    write.Execute(tx);

    presence.needed = care_rules::CaregiversNeeded(klass.class_type, static_cast<int>(presence.children), parameters);
    const bool short_of_caregivers = presence.needed && presence.caregivers < *presence.needed;
    if (short_of_caregivers && open_id == 0) {
        storage::Query insert(
            "INSERT INTO ratio_breaches (class_id, institution_id, region_code, day, rule, started_at, children, "
            "caregivers, needed) VALUES (");
        insert.Bind(klass.id).Sql(", ").Bind(klass.institution_id).Sql(", ").Bind(region_code).Sql(", ").Bind(day);
        insert.Sql(", ").Bind(std::string(klass.class_type == "mixed_class" ? "N4" : "N3")).Sql(", ").Bind(effective);
        insert.Sql(", ").Bind(presence.children).Sql(", ").Bind(presence.caregivers).Sql(", ");
        insert.Bind(static_cast<std::int64_t>(*presence.needed)).Sql(")");
        insert.Execute(tx);
    } else if (short_of_caregivers) {
        // The stretch goes on: it keeps the most children, the fewest caregivers and the most needed.
        storage::Query update("UPDATE ratio_breaches SET children = CASE WHEN children < ");
        update.Bind(presence.children).Sql(" THEN ").Bind(presence.children);
        update.Sql(" ELSE children END, caregivers = CASE WHEN caregivers > ").Bind(presence.caregivers);
        update.Sql(" THEN ").Bind(presence.caregivers).Sql(" ELSE caregivers END, needed = CASE WHEN needed < ");
        update.Bind(static_cast<std::int64_t>(*presence.needed)).Sql(" THEN ");
        update.Bind(static_cast<std::int64_t>(*presence.needed)).Sql(" ELSE needed END WHERE id = ").Bind(open_id);
        update.Execute(tx);
    } else if (open_id != 0) {
        // Movements of one moment count together (a caregiver handing over to another): a stretch that
        // ends when it began was none.
        storage::Query close("UPDATE ratio_breaches SET ended_at = ");
        close.Bind(effective).Sql(" WHERE id = ").Bind(open_id);
        close.Execute(tx);
        storage::Query none("DELETE FROM ratio_breaches WHERE id = ");
        none.Bind(open_id).Sql(" AND ended_at <= started_at");
        none.Execute(tx);
    }
    presence.breach_open = short_of_caregivers;
    return presence;
}

std::vector<BreachRow> Breaches(storage::Transaction& tx, std::int64_t institution_id, const std::string& day) {
    storage::Query query(
        "SELECT class_id, rule, started_at, ended_at, children, caregivers, needed FROM ratio_breaches WHERE "
        "institution_id = ");
    query.Bind(institution_id).Sql(" AND day = ").Bind(day).Sql(" ORDER BY started_at, id");
    std::vector<BreachRow> breaches;
    query.ForEach(tx, [&](const soci::row& row) {
        breaches.push_back({storage::Int(row, 0), storage::Text(row, 1), storage::Int(row, 2), storage::OptInt(row, 3),
                            storage::Int(row, 4), storage::Int(row, 5), storage::Int(row, 6)});
    });
    return breaches;
}

std::vector<Figures> InstitutionFigures(storage::Transaction& tx, const Scope& scope,
                                        const std::optional<std::string>& region_code, const std::string& day,
                                        const PageRequest& page, std::int64_t& total, Figures& sum) {
    const storage::ScopeColumns columns{"i.region_code", "i.id", ""};
    // Institutions with children or classes: the others have nothing to count.
    const std::string having =
        " AND (EXISTS (SELECT 1 FROM children c WHERE c.institution_id = i.id) OR EXISTS (SELECT 1 FROM classes k "
        "WHERE k.institution_id = i.id))";
    storage::Query count("SELECT COUNT(*) FROM institutions i WHERE 1 = 1");
    storage::AppendScopeAndRegion(count, scope, columns, region_code);
    count.Sql(having);
    total = count.Count(tx);

    // Age in completed years on the day: the birth date's YYYY-MM-DD text compares as dates do.
    const CivilDate on = CivilDate::Parse(day).value_or(CivilDate());
    auto years_ago = [&](int years) {
        const std::optional<CivilDate> date = CivilDate::FromYmd(on.year() - years, on.month(), on.day());
        return (date ? *date : *CivilDate::FromYmd(on.year() - years, on.month(), 28)).ToString();
    };
    auto figures_of = [&](storage::Query& query) {
        // Enrolled on the day: enrolled by then and not yet left; by completed years of age on the day.
        using Born = std::optional<std::string>;
        auto enrolled = [&](const Born& born_after, const Born& born_by) {
            query.Sql(", SUM(CASE WHEN c.enrolled_on <= ").Bind(day);
            query.Sql(" AND (c.left_on IS NULL OR c.left_on > ").Bind(day).Sql(")");
            if (born_after) {
                query.Sql(" AND c.birth_date > ").Bind(*born_after);
            }
            if (born_by) {
                query.Sql(" AND c.birth_date <= ").Bind(*born_by);
            }
            query.Sql(" THEN 1 ELSE 0 END)");
        };
        query.Sql("SELECT i.id, i.name, i.region_code, i.slots");
        enrolled(std::nullopt, std::nullopt);
        enrolled(years_ago(1), std::nullopt);
        enrolled(years_ago(2), years_ago(1));
        enrolled(years_ago(3), years_ago(2));
        query.Sql(", (SELECT COUNT(*) FROM child_attendance a WHERE a.institution_id = i.id AND a.day = ").Bind(day);
        query.Sql(
            " AND a.in_at IS NOT NULL), (SELECT COUNT(DISTINCT h.child_id) FROM child_health_checks h JOIN "
            "child_attendance a ON a.child_id = h.child_id AND a.day = h.day AND a.in_at IS NOT NULL WHERE "
            "h.institution_id = i.id AND h.day = ");
        query.Bind(day).Sql(
            " AND h.kind = 'morning'), (SELECT COUNT(*) FROM ratio_breaches b WHERE "
            "b.institution_id = i.id AND b.day = ");
        query.Bind(day).Sql(") FROM institutions i LEFT JOIN children c ON c.institution_id = i.id WHERE 1 = 1");
        storage::AppendScopeAndRegion(query, scope, columns, region_code);
        query.Sql(having).Sql(" GROUP BY i.id, i.name, i.region_code, i.slots");
    };
    auto read = [](const soci::row& row) {
        return Figures{storage::Int(row, 0), storage::Text(row, 1), storage::Text(row, 2), storage::OptInt(row, 3),
                       storage::Int(row, 4), storage::Int(row, 5),  storage::Int(row, 6),  storage::Int(row, 7),
                       storage::Int(row, 8), storage::Int(row, 9),  storage::Int(row, 10)};
    };
    storage::Query all;
    figures_of(all);
    sum = Figures{};
    std::int64_t slots = 0;
    bool any_slots = false;
    all.ForEach(tx, [&](const soci::row& row) {
        const Figures f = read(row);
        if (f.slots) {
            slots += *f.slots;
            any_slots = true;
        }
        sum.enrolled += f.enrolled;
        sum.under_1 += f.under_1;
        sum.age_1 += f.age_1;
        sum.age_2 += f.age_2;
        sum.present += f.present;
        sum.health_checked += f.health_checked;
        sum.breaches += f.breaches;
    });
    if (any_slots) {
        sum.slots = slots;
    }
    storage::Query query;
    figures_of(query);
    query.Sql(" ORDER BY i.region_code, i.id LIMIT ").Bind(page.page_size).Sql(" OFFSET ").Bind(page.offset());
    std::vector<Figures> items;
    query.ForEach(tx, [&](const soci::row& row) { items.push_back(read(row)); });
    return items;
}

}  // namespace tuoyu::children
