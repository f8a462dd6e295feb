#include <soci/soci.h>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "features/routes.hpp"
#include "http/json_io.hpp"
#include "storage/query.hpp"
#include "storage/row.hpp"

namespace tuoyu::features {

using access::Role;
using http::Context;
using http::Json;

namespace {

constexpr const char* kEntryColumns =
    "SELECT code, label_zh, label_en, sort_order, disabled, note, updated_by, updated_at FROM dictionary_entries "
    "WHERE dictionary_key = ";

Json EntryJson(const soci::row& row) {
    return {{"code", storage::Text(row, 0)},         {"label_zh", storage::Text(row, 1)},
            {"label_en", storage::Text(row, 2)},     {"sort_order", storage::Int(row, 3)},
            {"disabled", storage::Int(row, 4) != 0}, {"note", storage::Text(row, 5)},
            {"updated_by", storage::Text(row, 6)},   {"updated_at", FormatIsoUtc(storage::Int(row, 7))}};
}

// A code is what other tables store: lower-case ASCII, digits and '_', starting with a letter.
std::string ValidCode(const std::string& code) {
    const bool ok = !code.empty() && code.size() <= 40 && code[0] >= 'a' && code[0] <= 'z' &&
                    code.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") == std::string::npos;
    if (!ok) {
        throw BadRequest("invalid_code", "code", "代码须为小写字母开头的小写字母、数字或下划线（最多40个字符）",
                         "A code has up to 40 lower-case letters, digits or '_', starting with a letter");
    }
    return code;
}

Json FindDictionary(storage::Transaction& tx, const std::string& key) {
    Json dictionary;
    storage::Query query("SELECT key, name_zh, name_en FROM dictionaries WHERE key = ");
    query.Bind(key).ForEach(tx, [&](const soci::row& row) {
        dictionary = {
            {"key", storage::Text(row, 0)}, {"name_zh", storage::Text(row, 1)}, {"name_en", storage::Text(row, 2)}};
    });
    if (dictionary.is_null()) {
        throw NotFound("数据字典", "dictionary");
    }
    return dictionary;
}

Json FindEntry(storage::Transaction& tx, const std::string& key, const std::string& code) {
    Json entry;
    storage::Query query(kEntryColumns);
    query.Bind(key).Sql(" AND code = ").Bind(code).ForEach(tx, [&](const soci::row& row) { entry = EntryJson(row); });
    return entry;
}

http::Response ListDictionaries(Context& context) {
    context.principal();
    http::QueryParams params(context.request());
    params.Finish();
    Json items = Json::array();
    storage::Transaction tx = context.services().database.Read();
    storage::Query query(
        "SELECT d.key, d.name_zh, d.name_en, "
        "(SELECT COUNT(*) FROM dictionary_entries e WHERE e.dictionary_key = d.key), "
        "(SELECT COUNT(*) FROM dictionary_entries e WHERE e.dictionary_key = d.key AND e.disabled = 0) "
        "FROM dictionaries d ORDER BY d.sort_order, d.key");
    query.ForEach(tx, [&](const soci::row& row) {
        items.push_back({{"key", storage::Text(row, 0)},
                         {"name_zh", storage::Text(row, 1)},
                         {"name_en", storage::Text(row, 2)},
                         {"entry_count", storage::Int(row, 3)},
                         {"enabled_count", storage::Int(row, 4)}});
    });
    tx.Commit();
    const std::size_t total = items.size();
    return http::JsonReply(200, Json{{"items", std::move(items)}, {"total", total}});
}

http::Response GetDictionary(Context& context) {
    const bool admin = context.principal().role == Role::kAdmin;
    http::QueryParams params(context.request());
    const std::optional<std::string> include = params.String("include_disabled", 5);
    params.Finish();
    bool include_disabled = false;
    if (include) {
        if (*include != "1" && *include != "true" && *include != "0" && *include != "false") {
            throw BadRequest("invalid_type", "include_disabled", "参数 include_disabled 须为 1 或 0",
                             "Parameter include_disabled must be 1 or 0");
        }
        include_disabled = *include == "1" || *include == "true";
    }
    if (include_disabled && !admin) {
        throw Forbidden();
    }
    const std::string key = context.Param("key");
    storage::Transaction tx = context.services().database.Read();
    Json dictionary = FindDictionary(tx, key);
    Json entries = Json::array();
    storage::Query query(kEntryColumns);
    query.Bind(key);
    if (!include_disabled) {
        query.Sql(" AND disabled = 0");
    }
    query.Sql(" ORDER BY sort_order, code").ForEach(tx, [&](const soci::row& row) {
        entries.push_back(EntryJson(row));
    });
    tx.Commit();
    dictionary["items"] = std::move(entries);
    return http::JsonReply(200, dictionary);
}

void RequireLabels(const std::string& label_zh, const std::string& label_en) {
    if (label_zh.empty()) {
        throw BadRequest("required", "label_zh", "缺少必填字段 label_zh", "Field label_zh is required");
    }
    if (label_en.empty()) {
        throw BadRequest("required", "label_en", "缺少必填字段 label_en", "Field label_en is required");
    }
}

http::Response AddEntry(Context& context) {
    context.RequireRole({Role::kAdmin});
    const std::string key = context.Param("key");
    http::JsonBody body(context.request());
    const std::string code = ValidCode(body.RequiredString("code", 40));
    const std::string label_zh = body.RequiredString("label_zh", 100);
    const std::string label_en = body.RequiredString("label_en", 200);
    const std::optional<std::int64_t> sort_order = body.OptionalInt("sort_order");
    const std::string note = body.OptionalString("note", 500).value_or("");
    const bool disabled = body.OptionalBool("disabled").value_or(false);
    body.Finish();
    storage::Transaction tx = context.services().database.Write();
    FindDictionary(tx, key);
    if (!FindEntry(tx, key, code).is_null()) {
        throw Conflict("duplicate_code", "code", "该字典已有代码 " + code + "（代码不可重复，停用的也不能再用）",
                       "The dictionary already has the code " + code + " (codes are never reused, even disabled ones)");
    }
    std::int64_t order = 0;
    if (sort_order) {
        order = *sort_order;
    } else {
        storage::Query last("SELECT COALESCE(MAX(sort_order), 0) FROM dictionary_entries WHERE dictionary_key = ");
        order = last.Bind(key).Count(tx) + 10;
    }
    storage::Query insert(
        "INSERT INTO dictionary_entries (dictionary_key, code, label_zh, label_en, sort_order, "
        "disabled, note, updated_by, updated_at) VALUES (");
    insert.Bind(key)
        .Sql(", ")
        .Bind(code)
        .Sql(", ")
        .Bind(label_zh)
        .Sql(", ")
        .Bind(label_en)
        .Sql(", ")
        .Bind(order)
        .Sql(", ")
        .Bind(std::int64_t{disabled ? 1 : 0})
        .Sql(", ")
        .Bind(note)
        .Sql(", ")
        .Bind(context.principal().username)
        .Sql(", ")
        .Bind(context.Now())
        .Sql(")")
        .Execute(tx);
    const Json entry = FindEntry(tx, key, code);
    context.Audit(tx, key + "/" + code, "", "", entry.dump());
    tx.Commit();
    return http::JsonReply(201, entry);
}

http::Response UpdateEntry(Context& context) {
    context.RequireRole({Role::kAdmin});
    const std::string key = context.Param("key");
    const std::string code = context.Param("code");
    http::JsonBody body(context.request());
    const std::optional<std::string> label_zh = body.OptionalString("label_zh", 100);
    const std::optional<std::string> label_en = body.OptionalString("label_en", 200);
    const std::optional<std::int64_t> sort_order = body.OptionalInt("sort_order");
    const std::optional<bool> disabled = body.OptionalBool("disabled");
    const std::optional<std::string> note = body.OptionalString("note", 500);
    body.Finish();
    RequireLabels(label_zh.value_or("-"), label_en.value_or("-"));
    storage::Transaction tx = context.services().database.Write();
    FindDictionary(tx, key);
    const Json before = FindEntry(tx, key, code);
    if (before.is_null()) {
        throw NotFound("字典条目", "dictionary entry");
    }
    storage::Query update("UPDATE dictionary_entries SET updated_by = ");
    update.Bind(context.principal().username).Sql(", updated_at = ").Bind(context.Now());
    if (label_zh) {
        update.Sql(", label_zh = ").Bind(*label_zh);
    }
    if (label_en) {
        update.Sql(", label_en = ").Bind(*label_en);
    }
    if (sort_order) {
        update.Sql(", sort_order = ").Bind(*sort_order);
    }
    if (disabled) {
        update.Sql(", disabled = ").Bind(std::int64_t{*disabled ? 1 : 0});
    }
    if (note) {
        update.Sql(", note = ").Bind(*note);
    }
    update.Sql(" WHERE dictionary_key = ").Bind(key).Sql(" AND code = ").Bind(code).Execute(tx);
    const Json after = FindEntry(tx, key, code);
    context.Audit(tx, key + "/" + code, "", before.dump(), after.dump());
    tx.Commit();
    return http::JsonReply(200, after);
}

}  // namespace

void RegisterDictionaryRoutes(http::Router& router) {
    http::RouteSpec list{"GET",
                         "/api/v1/dictionaries",
                         "The data dictionaries with their entry counts",
                         http::Access::kSignedIn,
                         http::AuditKind::kNone,
                         "dictionary"};
    list.allow_api_key = true;
    router.Add(list, ListDictionaries);
    http::RouteSpec get{"GET",
                        "/api/v1/dictionaries/{key}",
                        "One dictionary and its entries (?include_disabled=1 for administrators)",
                        http::Access::kSignedIn,
                        http::AuditKind::kNone,
                        "dictionary"};
    get.allow_api_key = true;
    router.Add(get, GetDictionary);
    router.Add({"POST", "/api/v1/dictionaries/{key}/entries", "Add an entry to a dictionary (administrators)",
                http::Access::kSignedIn, http::AuditKind::kChange, "dictionary_entry"},
               AddEntry);
    router.Add({"PUT", "/api/v1/dictionaries/{key}/entries/{code}",
                "Change an entry's labels, order, note, or disable it (administrators); codes are never deleted",
                http::Access::kSignedIn, http::AuditKind::kChange, "dictionary_entry"},
               UpdateEntry);
}

}  // namespace tuoyu::features
