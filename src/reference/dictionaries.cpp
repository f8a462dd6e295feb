#include "reference/dictionaries.hpp"

#include <soci/soci.h>

#include <nlohmann/json.hpp>
#include <set>

#include "core/crypto.hpp"
#include "core/embedded_file.hpp"
#include "storage/query.hpp"
#include "storage/row.hpp"
#include "storage/seed_ledger.hpp"

namespace tuoyu::reference {
// Generated from data/dictionaries/seeds.json (src/features/CMakeLists.txt).
const std::vector<EmbeddedFile>& EmbeddedDictionarySeeds();
}  // namespace tuoyu::reference

namespace tuoyu::reference::dictionaries {

namespace {

using Json = nlohmann::json;

constexpr const char* kSetting = "seed.dictionaries";

void UpsertDictionary(storage::Transaction& tx, const Json& item, std::int64_t order) {
    const std::string key = item.at("key").get<std::string>();
    storage::Query exists("SELECT COUNT(*) FROM dictionaries WHERE key = ");
    storage::Query write(exists.Bind(key).Count(tx) == 0
                             ? "INSERT INTO dictionaries (name_zh, name_en, sort_order, key) VALUES ("
                             : "UPDATE dictionaries SET name_zh = ");
    const bool insert = write.text().rfind("INSERT", 0) == 0;
    write.Bind(item.at("name_zh").get<std::string>())
        .Sql(insert ? ", " : ", name_en = ")
        .Bind(item.at("name_en").get<std::string>())
        .Sql(insert ? ", " : ", sort_order = ")
        .Bind(order)
        .Sql(insert ? ", " : " WHERE key = ")
        .Bind(key)
        .Sql(insert ? ")" : "")
        .Execute(tx);
}

int SeedEntry(storage::Transaction& tx, const std::string& dictionary, const Json& entry, std::int64_t order,
              bool seeded_before, std::int64_t now) {
    const std::string code = entry.at(0).get<std::string>();
    const std::string label_zh = entry.at(1).get<std::string>();
    const std::string label_en = entry.at(2).get<std::string>();
    std::optional<std::string> updated_by;
    std::string current;
    storage::Query find(
        "SELECT updated_by, label_zh, label_en, sort_order FROM dictionary_entries WHERE "
        "dictionary_key = ");
    find.Bind(dictionary).Sql(" AND code = ").Bind(code).ForEach(tx, [&](const soci::row& row) {
        updated_by = storage::Text(row, 0);
        current = storage::Text(row, 1) + '\n' + storage::Text(row, 2) + '\n' + std::to_string(storage::Int(row, 3));
    });
    storage::Query write;
    if (!updated_by && !seeded_before) {
        write
            .Sql(
                "INSERT INTO dictionary_entries (dictionary_key, code, label_zh, label_en, sort_order, disabled, "
                "note, updated_by, updated_at) VALUES (")
            .Bind(dictionary)
            .Sql(", ")
            .Bind(code)
            .Sql(", ")
            .Bind(label_zh)
            .Sql(", ")
            .Bind(label_en)
            .Sql(", ")
            .Bind(order)
            .Sql(", 0, '', 'seed', ")
            .Bind(now)
            .Sql(")");
    } else if (updated_by == "seed" && current != label_zh + '\n' + label_en + '\n' + std::to_string(order)) {
        write.Sql("UPDATE dictionary_entries SET label_zh = ")
            .Bind(label_zh)
            .Sql(", label_en = ")
            .Bind(label_en)
            .Sql(", sort_order = ")
            .Bind(order)
            .Sql(", updated_at = ")
            .Bind(now)
            .Sql(" WHERE dictionary_key = ")
            .Bind(dictionary)
            .Sql(" AND code = ")
            .Bind(code);
    } else {
        return 0;
    }
    write.Execute(tx);
    return 1;
}

}  // namespace

int SeedDictionaries(storage::Database& database, const Clock& clock) {
    const std::string& text = EmbeddedDictionarySeeds().front().text;
    const std::string checksum = crypto::Sha256Hex(text);
    if (storage::SeedIsCurrent(database, kSetting, checksum)) {
        return 0;
    }
    const Json seeds = Json::parse(text);
    const std::int64_t now = clock.NowMillis();
    storage::Transaction tx = database.Write();
    if (!storage::BeginSeeding(tx, kSetting, checksum)) {
        return 0;
    }
    const std::set<std::string> seeded = storage::SeededItems(tx, "dictionary_entry");
    int written = 0;
    std::int64_t dictionary_order = 0;
    for (const Json& dictionary : seeds.at("dictionaries")) {
        const std::string key = dictionary.at("key").get<std::string>();
        UpsertDictionary(tx, dictionary, dictionary_order += 10);
        std::int64_t order = 0;
        for (const Json& entry : dictionary.at("entries")) {
            const std::string item = key + "/" + entry.at(0).get<std::string>();
            const bool before = seeded.contains(item);
            written += SeedEntry(tx, key, entry, order += 10, before, now);
            if (!before) {
                storage::RecordSeeded(tx, "dictionary_entry", item, now);
            }
        }
    }
    storage::FinishSeeding(tx, kSetting, checksum);
    tx.Commit();
    return written;
}

}  // namespace tuoyu::reference::dictionaries
