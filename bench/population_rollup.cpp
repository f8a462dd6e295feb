// The roll-up query of the population benchmark (bench/population_bench.sh): a region's figures
// for a year summed from the regions below, with its children's, timed run by run.
//   tuoyu_bench_population DATABASE CODE YEAR RUNS  → one line per run: "<milliseconds> <children> <resident>"

#include <chrono>
#include <iostream>
#include <string>

#include "core/region_code.hpp"
#include "features/population/population.hpp"
#include "storage/database.hpp"

int main(int argc, char** argv) {
    if (argc != 5) {
        std::cerr << "usage: tuoyu_bench_population DATABASE CODE YEAR RUNS\n";
        return 2;
    }
    tuoyu::storage::DatabaseOptions options;
    options.url = argv[1];
    options.pool_size = 1;
    const auto database = tuoyu::storage::Database::Open(options);
    const std::string code = tuoyu::RegionCode::Normalize(argv[2]).value_or("");
    const int year = std::stoi(argv[3]);
    const int runs = std::stoi(argv[4]);
    for (int run = 0; run < runs; ++run) {
        const auto start = std::chrono::steady_clock::now();
        tuoyu::storage::Transaction tx = database->Read();
        const auto rollup = tuoyu::population::ReadRollup(tx, code, year);
        tx.Commit();
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        if (!rollup) {
            std::cerr << "no region " << code << '\n';
            return 1;
        }
        std::cout << ms << ' ' << rollup->children.size() << ' ' << rollup->region.figures[0].value.value_or(-1)
                  << '\n';
    }
    return 0;
}
