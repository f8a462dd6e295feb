#include <soci/soci.h>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/region_code.hpp"
#include "features/routes.hpp"
#include "http/json_io.hpp"
#include "reference/parameters.hpp"
#include "storage/query.hpp"
#include "storage/row.hpp"

namespace tuoyu::features {

using access::Principal;
using access::Role;
using http::Context;
using http::Json;
namespace parameters = reference::parameters;
using parameters::kNationalCode;

namespace {

// "national", or the national code, or a division code in any accepted form.
std::string ParseRegion(const std::string& text, const std::string& field) {
    if (text == "national" || text == kNationalCode) {
        return kNationalCode;
    }
    return http::RequireRegionCode(text, field);
}

// A regulator reads the values in force in its own subtree and along the chain above it (which is
// what it inherits); it changes them only inside its subtree.
bool MayRead(const Principal& caller, const std::string& code) {
    return caller.role == Role::kAdmin || code == kNationalCode || RegionCode::Contains(caller.region_code, code) ||
           RegionCode::Contains(code, caller.region_code);
}

bool MayChange(const Principal& caller, const std::string& code) {
    return caller.role == Role::kAdmin || (code != kNationalCode && RegionCode::Contains(caller.region_code, code));
}

// The national level is null in set_at_region and in the chain (as the web UI expects), and
// {code: "000000000000", name: "全国", level: 0} as the region asked about.
Json RegionJson(const std::string& code, const std::string& name) {
    if (code == kNationalCode) {
        return Json();
    }
    return {{"code", code}, {"name", name}, {"level", RegionCode::Level(code)}};
}

Json ValueEntry(const std::string& type, const parameters::Value& value) {
    return {{"region", RegionJson(value.region_code, value.region_name)},
            {"value", parameters::ValueJson(type, value.value)},
            {"source", value.source},
            {"clause", value.clause},
            {"tag", value.tag},
            {"verify", value.verify},
            {"note", value.note},
            {"set_by", value.set_by},
            {"set_at", FormatIsoUtc(value.set_at)}};
}

Json ItemJson(const parameters::Resolved& resolved, const std::string& region_code) {
    const parameters::Definition& definition = resolved.definition;
    Json item{{"key", definition.key},
              {"label_zh", definition.label_zh},
              {"label_en", definition.label_en},
              {"unit", definition.unit},
              {"type", definition.type},
              {"rule", definition.rule},
              {"description", definition.description}};
    const parameters::Value* in_force = resolved.in_force();
    item["value"] = in_force != nullptr ? parameters::ValueJson(definition.type, in_force->value) : Json();
    item["set_at_region"] = in_force != nullptr ? RegionJson(in_force->region_code, in_force->region_name) : Json();
    for (const char* field : {"source", "clause", "tag", "note", "set_by"}) {
        item[field] = Json();
    }
    item["verify"] = false;
    item["set_at"] = Json();
    if (in_force != nullptr) {
        item["source"] = in_force->source;
        item["clause"] = in_force->clause;
        item["tag"] = in_force->tag;
        item["verify"] = in_force->verify;
        item["note"] = in_force->note;
        item["set_by"] = in_force->set_by;
        item["set_at"] = FormatIsoUtc(in_force->set_at);
    }
    item["overridden_here"] = in_force != nullptr && in_force->region_code == region_code;
    Json chain = Json::array();
    for (const parameters::Value& value : resolved.chain) {
        chain.push_back(ValueEntry(definition.type, value));
    }
    item["chain"] = std::move(chain);
    return item;
}

// The region's name, or a 404 when the tree does not hold it (the national level always exists).
std::string RegionName(storage::Transaction& tx, const std::string& code) {
    if (code == kNationalCode) {
        return "全国";
    }
    std::optional<std::string> name;
    storage::Query query("SELECT name FROM regions WHERE code = ");
    query.Bind(code).ForEach(tx, [&](const soci::row& row) { name = storage::Text(row, 0); });
    if (!name) {
        throw NotFound("区划", "region");
    }
    return *name;
}

void RequireOfficial(const Context& context) {
    context.RequireRole({Role::kAdmin, Role::kRegulator});
}

http::Response ListParameters(Context& context) {
    RequireOfficial(context);
    const Principal& caller = context.principal();
    http::QueryParams params(context.request());
    const std::optional<std::string> region_text = params.String("region", 20);
    params.Finish();
    const std::string code = region_text ? ParseRegion(*region_text, "region")
                                         : (caller.role == Role::kAdmin ? kNationalCode : caller.region_code);
    if (!MayRead(caller, code)) {
        throw OutOfScope();
    }
    storage::Transaction tx = context.services().database.Read();
    const std::string name = RegionName(tx, code);
    Json items = Json::array();
    for (const parameters::Resolved& resolved : parameters::ResolveAll(tx, code)) {
        items.push_back(ItemJson(resolved, code));
    }
    tx.Commit();
    const std::size_t total = items.size();
    const Json region =
        code == kNationalCode ? Json{{"code", kNationalCode}, {"name", name}, {"level", 0}} : RegionJson(code, name);
    return http::JsonReply(200, Json{{"region", region}, {"items", std::move(items)}, {"total", total}});
}

std::string Image(const parameters::Resolved& resolved, const std::string& code) {
    for (const parameters::Value& value : resolved.chain) {
        if (value.region_code == code) {
            return ValueEntry(resolved.definition.type, value).dump();
        }
    }
    return "";
}

parameters::Resolved LoadParameter(storage::Transaction& tx, const std::string& key, const std::string& code) {
    std::optional<parameters::Resolved> resolved = parameters::Resolve(tx, key, code);
    if (!resolved) {
        throw NotFound("参数", "parameter");
    }
    return *resolved;
}

http::Response PutValue(Context& context) {
    RequireOfficial(context);
    const Principal& caller = context.principal();
    const std::string key = context.Param("key");
    const std::string code = ParseRegion(context.Param("code"), "code");
    http::JsonBody body(context.request());
    const std::optional<Json> raw_value = body.OptionalJson("value");
    const std::string source = body.RequiredString("source", 300);
    const std::string clause = body.OptionalString("clause", 100).value_or("");
    const std::string tag = body.RequiredString("tag", 1);
    const std::string note = body.OptionalString("note", 1000).value_or("");
    const bool verify = body.OptionalBool("verify").value_or(false);
    body.Finish();
    if (!raw_value) {
        throw BadRequest("required", "value", "缺少必填字段 value", "Field value is required");
    }
    if (tag != "R" && tag != "N" && tag != "S" && tag != "D") {
        throw BadRequest("invalid_tag", "tag", "来源标记须为 R、N、S 或 D", "The source tag must be R, N, S or D");
    }
    if (!MayChange(caller, code)) {
        throw OutOfScope();
    }
    storage::Transaction tx = context.services().database.Write();
    RegionName(tx, code);
    const parameters::Resolved before = LoadParameter(tx, key, code);
    const std::string value = parameters::Canonical(before.definition.type, *raw_value);
    const std::string image_before = Image(before, code);
    storage::Query write;
    if (image_before.empty()) {
        write.Sql(
            "INSERT INTO parameter_values (value, source, clause, tag, verify, note, set_by, set_at, "
            "parameter_key, region_code) VALUES (");
    } else {
        write.Sql("UPDATE parameter_values SET value = ");
    }
    const std::int64_t now = context.Now();
    const bool insert = image_before.empty();
    write.Bind(value)
        .Sql(insert ? ", " : ", source = ")
        .Bind(source)
        .Sql(insert ? ", " : ", clause = ")
        .Bind(clause)
        .Sql(insert ? ", " : ", tag = ")
        .Bind(tag)
        .Sql(insert ? ", " : ", verify = ")
        .Bind(std::int64_t{verify ? 1 : 0})
        .Sql(insert ? ", " : ", note = ")
        .Bind(note)
        .Sql(insert ? ", " : ", set_by = ")
        .Bind(caller.username)
        .Sql(insert ? ", " : ", set_at = ")
        .Bind(now)
        .Sql(insert ? ", " : " WHERE parameter_key = ")
        .Bind(key)
        .Sql(insert ? ", " : " AND region_code = ")
        .Bind(code)
        .Sql(insert ? ")" : "");
    write.Execute(tx);
    const parameters::Resolved after = LoadParameter(tx, key, code);
    context.Audit(tx, key + "@" + code, code, image_before, Image(after, code));
    tx.Commit();
    return http::JsonReply(200, ItemJson(after, code));
}

http::Response DeleteValue(Context& context) {
    RequireOfficial(context);
    const Principal& caller = context.principal();
    const std::string key = context.Param("key");
    const std::string code = ParseRegion(context.Param("code"), "code");
    if (code == kNationalCode) {
        throw BadRequest("national_default", "code", "全国默认值不能删除，只能修改",
                         "The national default cannot be removed, only changed");
    }
    if (!MayChange(caller, code)) {
        throw OutOfScope();
    }
    storage::Transaction tx = context.services().database.Write();
    const parameters::Resolved before = LoadParameter(tx, key, code);
    const std::string image_before = Image(before, code);
    if (image_before.empty()) {
        throw NotFound("该区划的参数设置", "value of this parameter set at this region");
    }
    storage::Query remove("DELETE FROM parameter_values WHERE parameter_key = ");
    remove.Bind(key).Sql(" AND region_code = ").Bind(code).Execute(tx);
    context.Audit(tx, key + "@" + code, code, image_before, "");
    tx.Commit();
    return http::NoContent();
}

}  // namespace

void RegisterParameterRoutes(http::Router& router) {
    router.Add({"GET", "/api/v1/parameters",
                "The parameters in force at ?region= (default: the caller's region), with where each comes from",
                http::Access::kSignedIn, http::AuditKind::kNone, "parameter"},
               ListParameters);
    router.Add({"PUT", "/api/v1/parameters/{key}/regions/{code}",
                "Set a parameter at a region (or 'national'); the regions below inherit it", http::Access::kSignedIn,
                http::AuditKind::kChange, "parameter"},
               PutValue);
    router.Add({"DELETE", "/api/v1/parameters/{key}/regions/{code}",
                "Remove a region's override, so that the region inherits the value from above again",
                http::Access::kSignedIn, http::AuditKind::kChange, "parameter"},
               DeleteValue);
}

}  // namespace tuoyu::features
