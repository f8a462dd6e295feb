#pragma once

#include <memory>
#include <string>

#include "cli/config.hpp"
#include "core/identity_vault.hpp"

// The identity key file of decision 0009: 64 hexadecimal characters, readable by the service account
// only, outside the database, and in the backup plan apart from it.
namespace tuoyu::cli {

// key_file, else "<file>.key" beside a SQLite database; "" for PostgreSQL without key_file.
std::string KeyFilePath(const Config& config);

// Reads the key; throws std::runtime_error saying what to do when it is missing or malformed.
std::shared_ptr<const crypto::IdentityVault> LoadVault(const std::string& path);

// Writes a new key (mode 0600); throws when the file exists, for a key must never be replaced by
// accident: the numbers sealed under it would be lost.
void WriteNewKey(const std::string& path);

// LoadVault, writing a new key first when there is none (demo databases only).
std::shared_ptr<const crypto::IdentityVault> LoadOrCreateVault(const std::string& path);

}  // namespace tuoyu::cli
