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

    population::ImportOptions import;
    import.scope = Scope::All();
    import.max_year = CivilDate::FromDayNumber(clock.NowMillis() / 86'400'000).year() + 1;
    import.default_source = std::filesystem::path(path).filename().string();
    import.dry_run = config.GetBool("dry_run", false);
    import.username = "cli";
    import.now = clock.NowMillis();
    import.progress = [](std::size_t read, std::size_t written) {
        std::cerr << "\rrows read: " << read << ", written: " << written << std::flush;
};
storage::Transaction tx = database->Write();
const population::ImportResult result = population::Import(tx, bytes, import);
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
event.object_id = import.dry_run ? "import-dry-run" : "import";
event.outcome = "ok";
event.digest = audit::DigestOf("", import.default_source + " rows=" + std::to_string(result.rows));
event.request_id = "cli";
audit::AuditLog::Append(tx, event, clock.NowMillis());
tx.Commit();
std::cout << (import.dry_run ? "dry run: " : "") << result.rows << " rows (" << result.encoding
          << "): " << result.created << " new, " << result.replaced << " replaced, " << result.skipped
          << " without figures skipped" << (import.dry_run ? " — nothing written\n" : "\n");
return 0;
}  // namespace tuoyu::cli

}  // namespace tuoyu::cli
