#include "cli/key_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "storage/database.hpp"

namespace tuoyu::cli {

namespace {

// The only key version so far; a rotation adds the next beside it (decision 0009).
constexpr std::int64_t kKeyVersion = 1;

}  // namespace

std::string KeyFilePath(const Config& config) {
    const std::string configured = config.Get("key_file");
    if (!configured.empty()) {
        return configured;
    }
    const std::string database = config.Get("database", "data/tuoyu.db");
    if (storage::IsPostgresUrl(database) || database == ":memory:") {
        return "";
    }
    return database + ".key";
}

std::shared_ptr<const crypto::IdentityVault> LoadVault(const std::string& path) {
    if (path.empty()) {
        throw std::runtime_error(
            "no identity key file: set key_file (--key-file FILE or TUOYU_KEY_FILE); make one with 'tuoyu keygen "
            "--output FILE'");
    }
    std::ifstream in(path);
    if (!in) {
        throw std::runtime_error("cannot read the identity key file " + path +
                                 " (make one with 'tuoyu keygen --output " + path + "')");
    }
    std::ostringstream text;
    text << in.rdbuf();
    std::optional<std::string> key = crypto::IdentityVault::ParseKeyText(text.str());
    if (!key) {
        throw std::runtime_error("the identity key file " + path + " does not hold 64 hexadecimal characters");
    }
    return std::make_shared<const crypto::IdentityVault>(std::move(*key), kKeyVersion);
}

void WriteNewKey(const std::string& path) {
    const std::filesystem::path folder = std::filesystem::path(path).parent_path();
    if (!folder.empty()) {
        std::filesystem::create_directories(folder);
    }
    // O_EXCL: never over an existing key, and no window in which another process reads half a key.
    const std::string temporary = path + ".new." + std::to_string(::getpid());
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0) {
        throw std::runtime_error("cannot create " + temporary);
    }
    const std::string text = crypto::IdentityVault::NewKeyText();
    const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!written || ::link(temporary.c_str(), path.c_str()) != 0) {
        ::unlink(temporary.c_str());
        throw std::runtime_error(std::filesystem::exists(path) ? "the key file " + path + " exists already"
                                                               : "cannot write the key file " + path);
    }
    ::unlink(temporary.c_str());
}

std::shared_ptr<const crypto::IdentityVault> LoadOrCreateVault(const std::string& path) {
    if (!path.empty() && !std::filesystem::exists(path)) {
        try {
            WriteNewKey(path);
        } catch (const std::runtime_error&) {
            if (!std::filesystem::exists(path)) {
                throw;  // another process may have written it meanwhile; that one is used
            }
        }
    }
    return LoadVault(path);
}

}  // namespace tuoyu::cli
