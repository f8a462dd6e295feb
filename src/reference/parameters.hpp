#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "storage/database.hpp"

namespace tuoyu::reference::parameters {

using Json = nlohmann::json;

// The national level of the tree, above every province: values set here are the defaults.
inline constexpr const char* kNationalCode = "000000000000";

struct Definition {
    std::string key;
    std::string label_zh;
    std::string label_en;
    std::string unit;
    std::string type;  // integer | decimal | ratio | boolean | text | json
    std::string rule;  // RULES.md row ids, space-separated: "S10 N36"
    std::string description;
};

struct Value {
    std::string region_code;  // kNationalCode or a 12-digit division code
    std::string region_name;  // "" when the region is not in the tree (or national)
    std::string value;        // canonical text, see Canonical()
    std::string source;
    std::string clause;
    std::string tag;  // R, N, S or D
    bool verify = false;
    std::string note;
    std::string set_by;  // "seed" for a shipped default nobody has edited
    std::int64_t set_at = 0;
};

struct Resolved {
    Definition definition;
    std::vector<Value> chain;  // every value set from the national level down to the region, in that order
    const Value* in_force() const { return chain.empty() ? nullptr : &chain.back(); }
};

// The national code, then each ancestor of code from the province down, then code itself.
std::vector<std::string> AncestorCodes(const std::string& code);

// Every parameter with the values in force at the region (a 12-digit code or kNationalCode).
std::vector<Resolved> ResolveAll(storage::Transaction& tx, const std::string& region_code);
std::optional<Resolved> Resolve(storage::Transaction& tx, const std::string& key, const std::string& region_code);

// The value in its canonical text for the type, or a 400 `invalid_value` naming the field "value".
// Accepts the JSON type itself (90, 4.5, true, {…}) or its text ("90", "1:5", "true").
std::string Canonical(const std::string& type, const Json& value);
// The stored text as the JSON type the API returns: a number, true/false, a string, an object.
Json ValueJson(const std::string& type, const std::string& text);

// Loads data/parameters/defaults.json (compiled in): definitions are kept in step with the file;
// each shipped value is inserted once, and later releases update it only while set_by is still
// "seed", so an administrator's edit or removal stands. Returns the number of rows written.
int SeedParameters(storage::Database& database, const Clock& clock);

}  // namespace tuoyu::reference::parameters
