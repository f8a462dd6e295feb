#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

#include "audit/audit_log.hpp"
#include "cli/commands.hpp"
#include "cli/config.hpp"
#include "core/working_days.hpp"
#include "features/population/population.hpp"
#include "storage/migrations.hpp"

namespace tuoyu::cli {

namespace {

std::string ReadWholeFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error("cannot open " + path);
    }
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

// tuoyu import population FILE [--dry-run]: the same checks and the same all-or-nothing write as
// the HTTP import, as the operator "cli" with the whole tree in scope.
int ImportPopulation(const Args& args) {
    const Config config = Config::Load(args, {"database", "pool_size"}, {"dry_run"});
    if (config.positional().size() != 1) {
        throw UsageError("name one file: tuoyu import population FILE [--dry-run]");
    }
    const std::string path = config.positional().front();
    const std::string bytes = ReadWholeFile(path);
    SystemClock clock;
    storage::DatabaseOptions options;
    options.url = config.Get("database", "data/tuoyu.db");
    options.pool_size = 1;
    std::unique_ptr<storage::Database> database = storage::Database::Open(options);
    storage::Migrate(*database, clock);

    population::ImportOptions import_options;
    import_options.scope = Scope::All();
    import_options.max_year = CivilDate::FromDayNumber(clock.NowMillis() / 86'400'000).year() + 1;
    import_options.default_source = std::filesystem::path(path).filename().string();
    import_options.dry_run = config.GetBool("dry_run", false);
    import_options.username = "cli";
    import_options.now = clock.NowMillis();
    // The same phases and counts as a background job's progress in the web UI, on one line.
    import_options.progress = [](const jobs::Progress& progress) {
        std::cerr << "\r" << progress.phase << ": " << progress.done;
        if (progress.total > 0) {
            std::cerr << " / " << progress.total;
        }
        std::cerr << " rows          " << std::flush;
    };
    // Read and checked row by row before the write transaction, which holds SQLite's write lock
    // against a running server.
    population::ParsedImport parsed = population::ParseImport(bytes, import_options);
    storage::Transaction tx = parsed.result.ok() ? database->Write() : database->Read();
    const population::ImportResult result = population::ImportParsed(tx, std::move(parsed), import_options);
    std::cerr << '\n';
    if (!result.ok()) {
        for (const population::RowError& error : result.errors) {
            std::cerr << population::DescribeError(error) << '\n';
        }
        std::cerr << "tuoyu import population: " << result.errors.size()
                  << " errors; nothing was imported (文件有错误，未导入任何数据)\n";
        return 1;
    }
    audit::Event event;
    event.username = "cli";
    event.role = "admin";
    event.method = "CLI";
    event.route = "tuoyu import population";
    event.object_type = "population";
    event.object_id = import_options.dry_run ? "import-dry-run" : "import";
    event.outcome = "ok";
    event.digest = audit::DigestOf("", import_options.default_source + " rows=" + std::to_string(result.rows));
    event.request_id = "cli";
    audit::AuditLog::Append(tx, event, clock.NowMillis());
    tx.Commit();
    std::cout << (import_options.dry_run ? "dry run: " : "") << result.rows << " rows (" << result.encoding
              << "): " << result.created << " new, " << result.replaced << " replaced, " << result.skipped
              << " without figures skipped" << (import_options.dry_run ? " — nothing written\n" : "\n");
    return 0;
}

}  // namespace tuoyu::cli
