#pragma once

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace tuoyu::cli {

// Settings from, in rising precedence: a file (--config PATH or TUOYU_CONFIG; lines of
// "key = value", "#" starts a comment), the environment (TUOYU_ + the key in upper case), and
// command-line flags (--key value or --key=value, "-" in place of "_").
class Config {
  public:
    // Parses args (after the subcommand). Flags listed in `switches` take no value.
    static Config Load(const std::vector<std::string>& args, const std::vector<std::string>& known,
                       const std::vector<std::string>& switches = {});

    std::string Get(const std::string& key, const std::string& fallback = "") const;
    std::int64_t GetInt(const std::string& key, std::int64_t fallback) const;
    bool GetBool(const std::string& key, bool fallback) const;
    bool Has(const std::string& key) const { return values_.count(key) != 0; }
    const std::vector<std::string>& positional() const { return positional_; }

  private:
    std::map<std::string, std::string> values_;
    std::vector<std::string> positional_;
};

// Thrown for a usage mistake; main prints it with the command's help.
struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

}  // namespace tuoyu::cli
