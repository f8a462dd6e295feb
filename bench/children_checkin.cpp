// The morning peak of the children benchmark (bench/children_bench.sh): over the institutions already in
// DATABASE (bench/institutions_seed.cpp), COUNT children are enrolled in 托小班 classes of at most 15 with
// their caregivers, one guardian each; the caregivers come on duty; then every child is checked in, in a
// random order across the province, each in its own write transaction through children::CheckIn, the
// function the check-in route calls (the enrolment, contact, duplicate and N25 checks, the attendance row
// and the class's live presence and ratio breach). One class in ten has a caregiver too few, so breaches
// open as its children arrive.
//   tuoyu_bench_children DATABASE COUNT
//   → seed and peak figures, one "key: value" per line

#include <soci/soci.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/id_number.hpp"
#include "features/children/care_service.hpp"
#include "reference/seed_reference_data.hpp"
#include "reference/standards_parameters.hpp"
#include "storage/database.hpp"
#include "storage/row.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) {
    return std::chrono::duration<double>(Clock::now() - since).count();
}

std::int64_t NowMillis() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

constexpr int kClassSize = 15;

struct Duty {
    std::int64_t staff = 0;
    std::int64_t institution = 0;
    std::int64_t klass = 0;
};

struct Seeded {
    std::vector<Duty> duties;
    std::vector<std::int64_t> children;
    std::vector<std::int64_t> contacts;  // of each child, in the same order
    std::int64_t classes = 0;
    std::int64_t caregivers = 0;
};

Seeded Seed(tuoyu::storage::Database& database, const tuoyu::crypto::IdentityVault& vault, int count) {
    tuoyu::storage::Transaction tx = database.Write();
    std::vector<std::pair<long long, std::string>> institutions;
    {
        soci::rowset<soci::row> rows = (tx.sql().prepare << "SELECT id, region_code FROM institutions ORDER BY id");
        for (const soci::row& row : rows) {
            institutions.emplace_back(tuoyu::storage::Int(row, 0), tuoyu::storage::Text(row, 1));
        }
    }
    if (institutions.empty()) {
        throw std::runtime_error("no institutions: seed them first (tuoyu_bench_institutions)");
    }
    const tuoyu::CivilDate today = tuoyu::ShanghaiDate(NowMillis());
    const long long now = NowMillis();
    long long institution_id = 0, class_id = 0, child_id = 0, contact_id = 0, staff_id = 0;
    std::string name, region, birth, sealed, hash, masked, sex, class_name, start_on = today.AddDays(-400).ToString();
    std::string due = today.AddDays(200).ToString(), enrolled_on = today.AddDays(-30).ToString(), phone;
    const long long version = vault.version();
    soci::statement insert_class =
        (tx.sql().prepare << "INSERT INTO classes (id, institution_id, name, class_type, created_at) VALUES (:id, "
                             ":institution, :name, 'toddler_class', :at)",
         soci::use(class_id), soci::use(institution_id), soci::use(class_name), soci::use(now));
    soci::statement insert_child =
        (tx.sql().prepare << "INSERT INTO children (id, institution_id, name, id_kind, id_sealed, id_hash, id_masked, "
                             "key_version, sex, birth_date, status, class_id, agreement_signed_on, "
                             "vaccination_checked_on, entry_exam_on, enrolled_on, created_at, updated_at) VALUES (:id, "
                             ":institution, :name, 'resident_id', :sealed, :hash, :masked, :version, :sex, :birth, "
                             "'enrolled', :class, :on1, :on2, :on3, :on4, :at1, :at2)",
         soci::use(child_id), soci::use(institution_id), soci::use(name), soci::use(sealed), soci::use(hash),
         soci::use(masked), soci::use(version), soci::use(sex), soci::use(birth), soci::use(class_id),
         soci::use(enrolled_on), soci::use(enrolled_on), soci::use(enrolled_on), soci::use(enrolled_on), soci::use(now),
         soci::use(now));
    soci::statement insert_contact =
        (tx.sql().prepare << "INSERT INTO child_contacts (id, child_id, name, relationship, phone, guardian, "
                             "can_pick_up, created_at) VALUES (:id, :child, :name, 'mother', :phone, 1, 1, :at)",
         soci::use(contact_id), soci::use(child_id), soci::use(name), soci::use(phone), soci::use(now));
    soci::statement insert_staff =
        (tx.sql().prepare << "INSERT INTO staff (id, institution_id, name, id_kind, id_sealed, id_hash, id_masked, "
                             "key_version, role, education, start_on, health_exam_due, hygiene_training_due, "
                             "created_at, updated_at) VALUES (:id, :institution, :name, 'resident_id', :sealed, :hash, "
                             ":masked, :version, 'caregiver', 'junior_college', :start, :due1, :due2, :at1, :at2)",
         soci::use(staff_id), soci::use(institution_id), soci::use(name), soci::use(sealed), soci::use(hash),
         soci::use(masked), soci::use(version), soci::use(start_on), soci::use(due), soci::use(due), soci::use(now),
         soci::use(now));

    Seeded seeded;
    std::mt19937 random(20261126);
    const int per_institution =
        (count + static_cast<int>(institutions.size()) - 1) / static_cast<int>(institutions.size());
    int made = 0;
    for (const auto& [id, code] : institutions) {
        institution_id = id;
        region = code;
        for (int first = 0; first < per_institution && made < count; first += kClassSize) {
            class_id = ++seeded.classes;
            class_name = "托小班" + std::to_string(first / kClassSize + 1);
            insert_class.execute(true);
            const int size = std::min({kClassSize, per_institution - first, count - made});
            // One class in ten has a caregiver too few for a full class (1:5).
            const int caregivers = (size + 4) / 5 - (class_id % 10 == 0 && size > 5 ? 1 : 0);
            for (int c = 0; c < caregivers; ++c) {
                staff_id = ++seeded.caregivers;
                name = "保育员" + std::to_string(staff_id);
                sealed = "bench";
                hash = "staff" + std::to_string(staff_id);
                masked = "******";
                insert_staff.execute(true);
                seeded.duties.push_back({staff_id, institution_id, class_id});
            }
            for (int k = 0; k < size; ++k, ++made) {
                child_id = made + 1;
                const tuoyu::CivilDate born = today.AddDays(-400 - static_cast<int>(random() % 300));
                std::string digits = born.ToString();
                digits.erase(7, 1).erase(4, 1);
                const std::string first17 = region.substr(0, 6) + digits + std::to_string(100 + child_id % 900);
                const std::string number = first17 + *tuoyu::id_number::CheckCharacter(first17);
                name = "幼儿" + std::to_string(child_id);
                sealed = vault.Seal(number, tuoyu::children::kIdPlace);
                hash = vault.Hash("resident_id", number);
                masked = std::string(number.size(), '*');
                sex = (number[16] - '0') % 2 == 1 ? "male" : "female";
                birth = born.ToString();
                insert_child.execute(true);
                contact_id = child_id;
                name = "家长" + std::to_string(child_id);
                phone = "139" + std::to_string(10'000'000 + child_id % 90'000'000);
                insert_contact.execute(true);
                seeded.children.push_back(child_id);
                seeded.contacts.push_back(contact_id);
            }
        }
    }
    if (tx.dialect() == tuoyu::storage::Dialect::kPostgres) {
        for (const char* table : {"classes", "children", "child_contacts", "staff"}) {
            tx.sql() << "SELECT setval(pg_get_serial_sequence('" + std::string(table) +
                            "', 'id'), (SELECT MAX(id) FROM " + table + "))";
        }
    }
    tx.Commit();
    return seeded;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: tuoyu_bench_children DATABASE COUNT\n";
        return 2;
    }
    tuoyu::storage::DatabaseOptions options;
    options.url = argv[1];
    options.pool_size = 1;
    const auto database = tuoyu::storage::Database::Open(options);
    const int count = std::stoi(argv[2]);
    if (const char* pragma = std::getenv("BENCH_PRAGMA"); pragma != nullptr && *pragma != '\0') {
        tuoyu::storage::Transaction tx = database->Write();
        tx.sql() << pragma;
        tx.Commit();
    }
    const tuoyu::crypto::IdentityVault vault(
        *tuoyu::crypto::IdentityVault::ParseKeyText(tuoyu::crypto::IdentityVault::NewKeyText()), 1);

    // The parameters of RULES.md in force (the ratios), as `tuoyu migrate` loads them.
    tuoyu::SystemClock system_clock;
    tuoyu::reference::SeedReferenceData(*database, system_clock);
    auto start = Clock::now();
    Seeded seeded = Seed(*database, vault, count);
    std::cout << "seeded: " << seeded.children.size() << " children, " << seeded.classes << " classes, "
              << seeded.caregivers << " caregivers in " << Seconds(start) << " s\n";
    if (database->dialect() == tuoyu::storage::Dialect::kPostgres) {
        database->ExecuteOutsideTransaction("VACUUM (ANALYZE)");
    }

    // The parameters in force, once per region (they change seldom; the route reads them per request).
    std::map<std::string, tuoyu::standards::Parameters> parameters;
    auto parameters_of = [&](tuoyu::storage::Transaction & tx, const std::string& region) -> const auto& {
        auto it = parameters.find(region);
        if (it == parameters.end()) {
            it = parameters.emplace(region, tuoyu::reference::StandardsParameters(tx, region)).first;
        }
        return it->second;
    };

    // The caregivers come on duty, each in the class they were employed for.
    start = Clock::now();
    for (const Duty& duty : seeded.duties) {
        tuoyu::storage::Transaction write = database->Write();
        const std::optional<tuoyu::children::InstitutionRef> ref =
            tuoyu::children::FindInstitution(write, tuoyu::Scope::All(), duty.institution);
        tuoyu::children::StaffIn(write, *ref, duty.staff, duty.klass, NowMillis(), 0,
                                 parameters_of(write, ref->region_code));
        write.Commit();
    }
    std::cout << "caregivers on duty: " << seeded.caregivers << " in " << Seconds(start) << " s\n";

    // The morning peak: every child, in a random order across the province.
    std::vector<std::size_t> order(seeded.children.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        order[i] = i;
    }
    std::shuffle(order.begin(), order.end(), std::mt19937(7));
    const std::size_t window = std::max<std::size_t>(1, order.size() / 10);
    double slowest = 1e18;
    start = Clock::now();
    auto window_start = start;
    for (std::size_t n = 0; n < order.size(); ++n) {
        const std::size_t i = order[n];
        tuoyu::storage::Transaction tx = database->Write();
        const std::optional<tuoyu::children::Child> child =
            tuoyu::children::FindChild(tx, tuoyu::Scope::All(), seeded.children[i]);
        tuoyu::children::CheckIn(tx, *child, seeded.contacts[i], NowMillis(), 0, parameters_of(tx, child->region_code));
        tx.Commit();
        if ((n + 1) % window == 0) {
            const double seconds = Seconds(window_start);
            slowest = std::min(slowest, static_cast<double>(window) / seconds);
            std::cout << "tenth " << (n + 1) / window << ": "
                      << static_cast<long>(static_cast<double>(window) / seconds) << " /s\n";
            window_start = Clock::now();
        }
    }
    const double total = Seconds(start);
    tuoyu::storage::Transaction tx = database->Read();
    long long present = 0, breaches = 0, open = 0;
    tx.sql() << "SELECT COALESCE(SUM(children), 0) FROM class_presence", soci::into(present);
    tx.sql() << "SELECT COUNT(*) FROM ratio_breaches", soci::into(breaches);
    tx.sql() << "SELECT COUNT(*) FROM ratio_breaches WHERE ended_at IS NULL", soci::into(open);
    tx.Commit();
    std::cout << "check-ins: " << order.size() << " in " << total << " s\n"
              << "rate: " << static_cast<long>(static_cast<double>(order.size()) / total) << " /s\n"
              << "slowest tenth: " << static_cast<long>(slowest) << " /s\n"
              << "present (live presence summed): " << present << "\n"
              << "ratio breaches opened: " << breaches << " (open: " << open << ")\n";
    return present == static_cast<long long>(order.size()) ? 0 : 1;
}
