#include "cli/config.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <stdexcept>

namespace tuoyu::cli {

namespace {

std::string Trim(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\r");
    if (first == std::string::npos) {
        return {};
    }
    return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

bool Contains(const std::vector<std::string>& list, const std::string& key) {
    return std::find(list.begin(), list.end(), key) != list.end();
}

std::string EnvName(std::string key) {
    for (char& c : key) {
        c = c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return "TUOYU_" + key;
}

// Every setting any command reads: one configuration file serves all commands, each taking
// what it needs.
const std::vector<std::string> kAllSettings = {"database",       "pool_size",   "key_file",   "listen",
                                               "threads",        "web_root",    "access_log", "idle_timeout_minutes",
                                               "secure_cookies", "trust_proxy", "demo"};

void ReadFile(const std::string& path, std::map<std::string, std::string>& out) {
    std::ifstream in(path);
    if (!in) {
        throw UsageError("cannot read the configuration file " + path);
    }
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        line = Trim(line.substr(0, line.find('#')));
        if (line.empty()) {
            continue;
        }
        const auto equals = line.find('=');
        if (equals == std::string::npos) {
            throw UsageError(path + ":" + std::to_string(number) + ": expected key = value");
        }
        const std::string key = Trim(line.substr(0, equals));
        if (!Contains(kAllSettings, key)) {
            throw UsageError(path + ":" + std::to_string(number) + ": unknown setting " + key);
        }
        out[key] = Trim(line.substr(equals + 1));
    }
}

}  // namespace

Config Config::Load(const std::vector<std::string>& args, const std::vector<std::string>& known,
                    const std::vector<std::string>& switches) {
    std::map<std::string, std::string> flags;
    Config config;
    std::string config_path;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg.rfind("--", 0) != 0) {
            config.positional_.push_back(arg);
            continue;
        }
        std::string key = arg.substr(2);
        std::string value;
        const auto equals = key.find('=');
        std::replace(key.begin(), key.end(), '-', '_');
        if (equals != std::string::npos) {
            value = key.substr(equals + 1);
            key = key.substr(0, equals);
        } else if (Contains(switches, key)) {
            value = "true";
        } else if (i + 1 < args.size()) {
            value = args[++i];
        } else {
            throw UsageError("--" + key + " needs a value");
        }
        if (key == "config") {
            config_path = value;
            continue;
        }
        if (!Contains(known, key) && !Contains(switches, key)) {
            throw UsageError("unknown option --" + key);
        }
        flags[key] = value;
    }
    if (config_path.empty()) {
        if (const char* from_env = std::getenv("TUOYU_CONFIG")) {
            config_path = from_env;
        }
    }
    if (!config_path.empty()) {
        ReadFile(config_path, config.values_);
    }
    std::vector<std::string> settings = known;
    settings.insert(settings.end(), switches.begin(), switches.end());
    for (const std::string& key : settings) {
        if (const char* value = std::getenv(EnvName(key).c_str())) {
            config.values_[key] = value;
        }
    }
    for (auto& [key, value] : flags) {
        config.values_[key] = value;
    }
    return config;
}

std::string Config::Get(const std::string& key, const std::string& fallback) const {
    auto it = values_.find(key);
    return it == values_.end() ? fallback : it->second;
}

std::int64_t Config::GetInt(const std::string& key, std::int64_t fallback) const {
    auto it = values_.find(key);
    if (it == values_.end()) {
        return fallback;
    }
    try {
        std::size_t used = 0;
        const std::int64_t value = std::stoll(it->second, &used);
        if (used == it->second.size()) {
            return value;
        }
    } catch (const std::exception&) {
    }
    throw UsageError(key + " must be a whole number, not '" + it->second + "'");
}

bool Config::GetBool(const std::string& key, bool fallback) const {
    auto it = values_.find(key);
    if (it == values_.end()) {
        return fallback;
    }
    if (it->second == "true" || it->second == "1" || it->second == "yes" || it->second == "on") {
        return true;
    }
    if (it->second == "false" || it->second == "0" || it->second == "no" || it->second == "off") {
        return false;
    }
    throw UsageError(key + " must be true or false, not '" + it->second + "'");
}

}  // namespace tuoyu::cli
