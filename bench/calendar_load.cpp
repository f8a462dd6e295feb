// What keeping the working-day calendar in memory saves (bench/calendar_bench.sh): per run, the
// time of reading the whole calendar_days table into a WorkingDayCalendar (what a request would pay
// without the cache), of reading only the version counter (what the cache pays at most once every
// two seconds), and of a cached Get.
//   tuoyu_bench_calendar DATABASE RUNS  → "load <median ms> version <median ms> cached <median ms> days <n>"

#include <algorithm>
#include <chrono>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include "reference/calendar.hpp"
#include "storage/database.hpp"

namespace {

double MedianMs(int runs, const std::function<void()>& work) {
    std::vector<double> times;
    for (int run = 0; run < runs; ++run) {
        const auto start = std::chrono::steady_clock::now();
        work();
        times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: tuoyu_bench_calendar DATABASE RUNS\n";
        return 2;
    }
    tuoyu::storage::DatabaseOptions options;
    options.url = argv[1];
    options.pool_size = 1;
    const auto database = tuoyu::storage::Database::Open(options);
    const int runs = std::stoi(argv[2]);
    std::size_t days = 0;
    const double load = MedianMs(runs, [&] {
        tuoyu::storage::Transaction tx = database->Read();
        days = tuoyu::reference::calendar::LoadCalendar(tx).Entries().size();
        tx.Commit();
    });
    tuoyu::reference::calendar::CalendarCache uncached(std::chrono::milliseconds(0));
    const double version = MedianMs(runs, [&] {
        tuoyu::storage::Transaction tx = database->Read();
        uncached.Get(tx);
        tx.Commit();
    });
    tuoyu::reference::calendar::CalendarCache cached;
    const double hit = MedianMs(runs, [&] {
        tuoyu::storage::Transaction tx = database->Read();
        cached.Get(tx);
        tx.Commit();
    });
    std::cout << "load " << load << " version " << version << " cached " << hit << " days " << days << '\n';
    return 0;
}
