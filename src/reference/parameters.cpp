#include "reference/parameters.hpp"

#include <soci/soci.h>

#include <map>
#include <set>

#include "core/crypto.hpp"
#include "core/embedded_file.hpp"
#include "core/error.hpp"
#include "core/region_code.hpp"
#include "storage/query.hpp"
#include "storage/row.hpp"
#include "storage/seed_ledger.hpp"

namespace tuoyu::reference {
// Generated from data/parameters/defaults.json (src/features/CMakeLists.txt).
const std::vector<EmbeddedFile>& EmbeddedParameterDefaults();
}  // namespace tuoyu::reference

namespace tuoyu::reference::parameters {

namespace {

constexpr std::size_t kPrefixLengths[] = {2, 4, 6, 9, 12};
constexpr const char* kSetting = "seed.parameters";

ApiError Invalid(const std::string& zh, const std::string& en) {
    return BadRequest("invalid_value", "value", zh, en);
}

bool IsInteger(const std::string& text) {
    std::size_t at = !text.empty() && text[0] == '-' ? 1 : 0;
    return text.size() > at && text.size() <= 18 && text.find_first_not_of("0123456789", at) == std::string::npos;
}

bool IsDecimal(const std::string& text) {
    const auto dot = text.find('.');
    if (dot == std::string::npos) {
        return IsInteger(text);
    }
    const std::string whole = text.substr(0, dot);
    const std::string fraction = text.substr(dot + 1);
    return IsInteger(whole) && !fraction.empty() && fraction.size() <= 9 &&
           fraction.find_first_not_of("0123456789") == std::string::npos;
}

bool IsRatio(const std::string& text) {
    const auto colon = text.find(':');
    if (colon == std::string::npos) {
        return false;
    }
    const std::string left = text.substr(0, colon);
    const std::string right = text.substr(colon + 1);
    auto positive = [](const std::string& part) {
        return !part.empty() && part.size() <= 6 && part.find_first_not_of("0123456789") == std::string::npos &&
               part.find_first_not_of('0') != std::string::npos;
    };
    return positive(left) && positive(right);
}

std::string Text(const Json& value) {
    return value.is_string() ? value.get<std::string>() : std::string();
}

const char* kSelect =
    "SELECT p.key, p.label_zh, p.label_en, p.unit, p.value_type, p.rule, p.description, v.region_code, v.value, "
    "v.source, v.clause, v.tag, v.verify, v.note, v.set_by, v.set_at, r.name "
    "FROM parameters p LEFT JOIN parameter_values v ON v.parameter_key = p.key AND v.region_code IN (";

std::vector<Resolved> Load(storage::Transaction& tx, const std::string& region_code, const std::string* key) {
    storage::Query query(kSelect);
    const std::vector<std::string> codes = AncestorCodes(region_code);
    for (std::size_t i = 0; i < codes.size(); ++i) {
        query.Sql(i == 0 ? "" : ", ").Bind(codes[i]);
    }
    query.Sql(") LEFT JOIN regions r ON r.code = v.region_code WHERE 1 = 1");
    if (key != nullptr) {
        query.Sql(" AND p.key = ").Bind(*key);
    }
    // Ancestors' codes are their prefixes padded with zeros, so they sort before their descendants.
    query.Sql(" ORDER BY p.sort_order, p.key, v.region_code");
    std::vector<Resolved> result;
    query.ForEach(tx, [&](const soci::row& row) {
        const std::string parameter_key = storage::Text(row, 0);
        if (result.empty() || result.back().definition.key != parameter_key) {
            Resolved resolved;
            resolved.definition = {parameter_key,         storage::Text(row, 1), storage::Text(row, 2),
                                   storage::Text(row, 3), storage::Text(row, 4), storage::Text(row, 5),
                                   storage::Text(row, 6)};
            result.push_back(std::move(resolved));
        }
        if (const std::optional<std::string> region = storage::OptText(row, 7)) {
            Value value;
            value.region_code = *region;
            value.value = storage::Text(row, 8);
            value.source = storage::Text(row, 9);
            value.clause = storage::Text(row, 10);
            value.tag = storage::Text(row, 11);
            value.verify = storage::Int(row, 12) != 0;
            value.note = storage::Text(row, 13);
            value.set_by = storage::Text(row, 14);
            value.set_at = storage::Int(row, 15);
            value.region_name = storage::Text(row, 16);
            result.back().chain.push_back(std::move(value));
        }
    });
    return result;
}

// --- the seed step -------------------------------------------------------------------------------

void UpsertDefinition(storage::Transaction& tx, const Json& item, std::int64_t order) {
    const std::string key = item.at("key").get<std::string>();
    storage::Query exists("SELECT COUNT(*) FROM parameters WHERE key = ");
    storage::Query write;
    if (exists.Bind(key).Count(tx) == 0) {
        write
            .Sql(
                "INSERT INTO parameters (label_zh, label_en, unit, value_type, rule, description, sort_order, key) "
                "VALUES (")
            .Bind(item.at("label_zh").get<std::string>())
            .Sql(", ")
            .Bind(item.at("label_en").get<std::string>())
            .Sql(", ")
            .Bind(item.value("unit", ""))
            .Sql(", ")
            .Bind(item.at("type").get<std::string>())
            .Sql(", ")
            .Bind(item.value("rule", ""))
            .Sql(", ")
            .Bind(item.value("description", ""))
            .Sql(", ")
            .Bind(order)
            .Sql(", ")
            .Bind(key)
            .Sql(")");
    } else {
        write.Sql("UPDATE parameters SET label_zh = ")
            .Bind(item.at("label_zh").get<std::string>())
            .Sql(", label_en = ")
            .Bind(item.at("label_en").get<std::string>())
            .Sql(", unit = ")
            .Bind(item.value("unit", ""))
            .Sql(", value_type = ")
            .Bind(item.at("type").get<std::string>())
            .Sql(", rule = ")
            .Bind(item.value("rule", ""))
            .Sql(", description = ")
            .Bind(item.value("description", ""))
            .Sql(", sort_order = ")
            .Bind(order)
            .Sql(" WHERE key = ")
            .Bind(key);
    }
    write.Execute(tx);
}

// Inserts the shipped value the first time; afterwards only refreshes a value nobody has edited.
int SeedValue(storage::Transaction& tx, const std::string& key, const std::string& type, const Json& item,
              bool seeded_before, std::int64_t now) {
    const std::optional<std::string> code = item.at("region").get<std::string>() == kNationalCode
                                                ? std::optional<std::string>(kNationalCode)
                                                : RegionCode::Normalize(item.at("region").get<std::string>());
    if (!code) {
        throw std::logic_error("defaults.json: bad region of " + key);
    }
    const std::string value = Canonical(type, item.at("value"));
    const std::string tag = item.at("tag").get<std::string>();
    const std::int64_t verify = item.value("verify", false) ? 1 : 0;
    std::optional<std::string> set_by;
    std::optional<std::string> current;
    storage::Query find(
        "SELECT set_by, value, source, clause, tag, verify FROM parameter_values WHERE parameter_key = ");
    find.Bind(key).Sql(" AND region_code = ").Bind(*code);
    std::string current_image;
    find.ForEach(tx, [&](const soci::row& row) {
        set_by = storage::Text(row, 0);
        current_image = storage::Text(row, 1) + '\n' + storage::Text(row, 2) + '\n' + storage::Text(row, 3) + '\n' +
                        storage::Text(row, 4) + '\n' + std::to_string(storage::Int(row, 5));
    });
    const std::string source = item.at("source").get<std::string>();
    const std::string clause = item.value("clause", "");
    const std::string image = value + '\n' + source + '\n' + clause + '\n' + tag + '\n' + std::to_string(verify);
    storage::Query write;
    if (!set_by && !seeded_before) {
        write
            .Sql(
                "INSERT INTO parameter_values (parameter_key, region_code, value, source, clause, tag, verify, note, "
                "set_by, set_at) VALUES (")
            .Bind(key)
            .Sql(", ")
            .Bind(*code)
            .Sql(", ")
            .Bind(value)
            .Sql(", ")
            .Bind(source)
            .Sql(", ")
            .Bind(clause)
            .Sql(", ")
            .Bind(tag)
            .Sql(", ")
            .Bind(verify)
            .Sql(", '', 'seed', ")
            .Bind(now)
            .Sql(")");
    } else if (set_by == "seed" && current_image != image) {
        write.Sql("UPDATE parameter_values SET value = ")
            .Bind(value)
            .Sql(", source = ")
            .Bind(source)
            .Sql(", clause = ")
            .Bind(clause)
            .Sql(", tag = ")
            .Bind(tag)
            .Sql(", verify = ")
            .Bind(verify)
            .Sql(", set_at = ")
            .Bind(now)
            .Sql(" WHERE parameter_key = ")
            .Bind(key)
            .Sql(" AND region_code = ")
            .Bind(*code);
    } else {
        return 0;
    }
    write.Execute(tx);
    return 1;
}

}  // namespace

std::vector<std::string> AncestorCodes(const std::string& code) {
    std::vector<std::string> codes = {kNationalCode};
    if (code == kNationalCode) {
        return codes;
    }
    const int level = RegionCode::Level(code);
    for (int i = 0; i < level; ++i) {
        const std::size_t length = kPrefixLengths[i];
        codes.push_back(code.substr(0, length) + std::string(12 - length, '0'));
    }
    return codes;
}

std::vector<Resolved> ResolveAll(storage::Transaction& tx, const std::string& region_code) {
    return Load(tx, region_code, nullptr);
}

std::optional<Resolved> Resolve(storage::Transaction& tx, const std::string& key, const std::string& region_code) {
    std::vector<Resolved> found = Load(tx, region_code, &key);
    if (found.empty()) {
        return std::nullopt;
    }
    return found.front();
}

std::string Canonical(const std::string& type, const Json& value) {
    if (type == "integer") {
        if (value.is_number_integer()) {
            return std::to_string(value.get<std::int64_t>());
        }
        const std::string text = Text(value);
        if (!IsInteger(text)) {
            throw Invalid("该参数的值须为整数", "The value of this parameter must be a whole number");
        }
        return std::to_string(std::stoll(text));
    }
    if (type == "decimal") {
        if (value.is_number_integer()) {
            return std::to_string(value.get<std::int64_t>());
        }
        if (value.is_number_float()) {
            const std::string text = value.dump();
            if (IsDecimal(text)) {
                return text;
            }
        }
        const std::string text = Text(value);
        if (!IsDecimal(text)) {
            throw Invalid("该参数的值须为数字（如 4.5）", "The value of this parameter must be a number (such as 4.5)");
        }
        return text;
    }
    if (type == "ratio") {
        const std::string text = Text(value);
        if (!IsRatio(text)) {
            throw Invalid("该参数的值须为比例，如 1:5", "The value of this parameter must be a ratio such as 1:5");
        }
        return text;
    }
    if (type == "boolean") {
        if (value.is_boolean()) {
            return value.get<bool>() ? "true" : "false";
        }
        const std::string text = Text(value);
        if (text != "true" && text != "false") {
            throw Invalid("该参数的值须为 true 或 false", "The value of this parameter must be true or false");
        }
        return text;
    }
    if (type == "text") {
        const std::string text = Text(value);
        if (text.empty() || text.size() > 2000) {
            throw Invalid("该参数的值须为非空文本", "The value of this parameter must be a non-empty text");
        }
        return text;
    }
    if (type == "json") {
        Json parsed = value;
        if (value.is_string()) {
            parsed = Json::parse(value.get<std::string>(), nullptr, false);
        }
        if (parsed.is_discarded() || !(parsed.is_object() || parsed.is_array()) || parsed.dump().size() > 8000) {
            throw Invalid("该参数的值须为 JSON 对象或数组",
                          "The value of this parameter must be a JSON object or array");
        }
        return parsed.dump();
    }
    throw std::logic_error("unknown parameter type " + type);
}

Json ValueJson(const std::string& type, const std::string& text) {
    if (type == "integer") {
        return std::stoll(text);
    }
    if (type == "decimal") {
        return text.find('.') == std::string::npos ? Json(std::stoll(text)) : Json(std::stod(text));
    }
    if (type == "boolean") {
        return text == "true";
    }
    if (type == "json") {
        return Json::parse(text, nullptr, false);
    }
    return text;
}

int SeedParameters(storage::Database& database, const Clock& clock) {
    const std::string& text = EmbeddedParameterDefaults().front().text;
    const std::string checksum = crypto::Sha256Hex(text);
    if (storage::SeedIsCurrent(database, kSetting, checksum)) {
        return 0;
    }
    const Json defaults = Json::parse(text);
    const std::int64_t now = clock.NowMillis();
    storage::Transaction tx = database.Write();
    if (!storage::BeginSeeding(tx, kSetting, checksum)) {
        return 0;
    }
    const std::set<std::string> seeded = storage::SeededItems(tx, "parameter_value");
    int written = 0;
    std::int64_t order = 0;
    for (const Json& item : defaults.at("parameters")) {
        const std::string key = item.at("key").get<std::string>();
        UpsertDefinition(tx, item, order += 10);
        for (const Json& value : item.at("values")) {
            const std::string ledger_item = key + "@" + value.at("region").get<std::string>();
            const bool before = seeded.contains(ledger_item);
            written += SeedValue(tx, key, item.at("type").get<std::string>(), value, before, now);
            if (!before) {
                storage::RecordSeeded(tx, "parameter_value", ledger_item, now);
            }
        }
    }
    storage::FinishSeeding(tx, kSetting, checksum);
    tx.Commit();
    return written;
}

}  // namespace tuoyu::reference::parameters
