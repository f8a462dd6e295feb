// The synthetic province of the institution benchmark (bench/institutions_bench.sh): COUNT
// institutions spread over the towns of PROVINCE, with the statuses, kinds, 普惠 flags, sponsors
// and service modes mixed as a county's registry would have them, and a profile each.
//   tuoyu_bench_institutions DATABASE PROVINCE COUNT  → "<count> institutions in <towns> towns, <ms> ms"

#include <soci/soci.h>

#include <array>
#include <chrono>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "core/region_code.hpp"
#include "storage/database.hpp"

namespace {

constexpr std::array kStatuses = {"filed",      "filed",   "filed",  "filed", "registered", "filing_submitted",
                                  "rectifying", "revoked", "closed", "filed"};
constexpr std::array kSponsors = {"social_forces", "enterprise", "public_institution", "community"};
constexpr std::array kModes = {",full_day,", ",full_day,half_day,", ",full_day,hourly,temporary,", ",hourly,"};
constexpr std::array kWords = {"阳光", "小树苗", "贝贝", "童心", "彩虹", "启航", "乐育", "春芽"};

}  // namespace

int main(int argc, char** argv) {
    if (argc != 4) {
        std::cerr << "usage: tuoyu_bench_institutions DATABASE PROVINCE COUNT\n";
        return 2;
    }
    tuoyu::storage::DatabaseOptions options;
    options.url = argv[1];
    options.pool_size = 1;
    const auto database = tuoyu::storage::Database::Open(options);
    const std::string province = tuoyu::RegionCode::Normalize(argv[2]).value_or("");
    const int count = std::stoi(argv[3]);
    const std::string prefix = tuoyu::RegionCode::SubtreePrefix(province);
    const auto start = std::chrono::steady_clock::now();

    tuoyu::storage::Transaction tx = database->Write();
    std::vector<std::string> towns;
    std::vector<std::string> names;
    {
        // Named, not temporaries: SOCI binds by reference and reads the values when the rows are fetched.
        const std::string low = prefix + std::string(12 - prefix.size(), '0');
        const std::string high = prefix + std::string(12 - prefix.size(), '9');
        soci::rowset<soci::row> rows =
            (tx.sql().prepare << "SELECT code, name FROM regions WHERE code BETWEEN :low AND "
                                 ":high AND level = 4 AND valid_to IS NULL ORDER BY code",
             soci::use(low), soci::use(high));
        for (const soci::row& row : rows) {
            towns.push_back(row.get<std::string>(0));
            names.push_back(row.get<std::string>(1));
        }
    }
    if (towns.empty()) {
        std::cerr << "no towns under " << province << ": import the regions first\n";
        return 1;
    }
    std::mt19937 random(20261125);
    const long long now = 1'764'000'000'000;
    long long id = 0;
    std::string name, region, uscc, kind, status, address, sponsor, modes;
    long long since = 0;
    int slots = 0;
    int puhui = 0;
    soci::statement institution =
        (tx.sql().prepare << "INSERT INTO institutions (id, name, region_code, uscc, created_at, kind, legal_nature, "
                             "address, status, status_since, sponsor_type, service_modes, slots, puhui) VALUES (:id, "
                             ":name, :region, :uscc, :created, :kind, 'enterprise', :address, :status, :since, "
                             ":sponsor, :modes, :slots, :puhui)",
         soci::use(id), soci::use(name), soci::use(region), soci::use(uscc), soci::use(now), soci::use(kind),
         soci::use(address), soci::use(status), soci::use(since), soci::use(sponsor), soci::use(modes),
         soci::use(slots), soci::use(puhui));
    soci::statement profile =
        (tx.sql().prepare << "INSERT INTO institution_profiles (institution_id, document, updated_at) VALUES (:id, "
                             "'{}', :at)",
         soci::use(id), soci::use(now));
    long long first_id = 0;
    tx.sql() << "SELECT COALESCE(MAX(id), 0) FROM institutions", soci::into(first_id);
    for (int i = 0; i < count; ++i) {
        const std::size_t town = random() % towns.size();
        id = first_id + 1 + i;
        region = towns[town];
        const bool home_point = random() % 8 == 0;
        kind = home_point ? "home_point" : "institution";
        name = names[town] + kWords[random() % kWords.size()] + (home_point ? "家庭托育点" : "托育中心") +
               std::to_string(i + 1);
        // Unique, the shape of a code from 市场监管 of the county; the benchmark does not check them.
        uscc = "9" + std::string("1") + region.substr(0, 6) + std::to_string(100'000'000 + i) + "X";
        address = names[town] + std::to_string(random() % 300 + 1) + "号";
        status = kStatuses[random() % kStatuses.size()];
        since = now - static_cast<long long>(random() % 1000) * 86'400'000LL;
        sponsor = kSponsors[random() % kSponsors.size()];
        modes = kModes[random() % kModes.size()];
        slots = home_point ? 5 : 20 + static_cast<int>(random() % 180);
        puhui = random() % 3 == 0 ? 1 : 0;
        institution.execute(true);
        profile.execute(true);
    }
    if (tx.dialect() == tuoyu::storage::Dialect::kPostgres) {
        // The ids were given here: move the sequence past them, as the application's inserts expect.
        tx.sql() << "SELECT setval(pg_get_serial_sequence('institutions', 'id'), (SELECT MAX(id) FROM institutions))";
    }
    tx.Commit();
    // What autovacuum does within a minute of a bulk load on PostgreSQL, done now so that the figures are
    // those of a settled database, with the visibility map that index-only scans need.
    if (database->dialect() == tuoyu::storage::Dialect::kPostgres) {
        database->ExecuteOutsideTransaction("VACUUM (ANALYZE) institutions");
    }
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    std::cout << count << " institutions in " << towns.size() << " towns, " << static_cast<long>(ms) << " ms\n";
    return 0;
}
