#pragma once

#include <string>
#include <vector>

namespace tuoyu::cli {

using Args = std::vector<std::string>;

int Serve(const Args& args);
int MigrateCommand(const Args& args);
int Demo(const Args& args);
int User(const Args& args);
int Audit(const Args& args);
int Backup(const Args& args);
int Routes(const Args& args);
int Keygen(const Args& args);
int Import(const Args& args);  // import_command.cpp
// `tuoyu import population FILE [--dry-run]` (args after "population").
int ImportPopulation(const Args& args);

}  // namespace tuoyu::cli
