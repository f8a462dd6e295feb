// The subtree query of the region benchmark (bench/regions_bench.sh): all regions under a province
// as of a date, read through RegionTree::Subtree into a vector of structs, timed run by run.
//   tuoyu_bench_regions DATABASE CODE DATE RUNS  → one line per run: "<milliseconds> <rows>"

#include <chrono>
#include <iostream>
#include <string>

#include "core/region_code.hpp"
#include "features/regions/region_tree.hpp"
#include "storage/database.hpp"

int main(int argc, char** argv) {
    if (argc != 5) {
        std::cerr << "usage: tuoyu_bench_regions DATABASE CODE DATE RUNS\n";
        return 2;
    }
    tuoyu::storage::DatabaseOptions options;
    options.url = argv[1];
    options.pool_size = 1;
    const auto database = tuoyu::storage::Database::Open(options);
    const std::string code = tuoyu::RegionCode::Normalize(argv[2]).value_or("");
    const int runs = std::stoi(argv[4]);
    for (int run = 0; run < runs; ++run) {
        const auto start = std::chrono::steady_clock::now();
        tuoyu::storage::Transaction tx = database->Read();
        const auto regions = tuoyu::regions::RegionTree::Subtree(tx, code, argv[3]);
        tx.Commit();
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        std::cout << ms << ' ' << regions.size() << '\n';
    }
    return 0;
}
