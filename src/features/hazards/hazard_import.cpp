#include "features/hazards/hazard_import.hpp"

#include "core/error.hpp"
#include "core/region_code.hpp"
#include "features/hazards/hazard_fields.hpp"
#include "http/json_io.hpp"

namespace tuoyu::features::hazards {

using access::Principal;
using access::Role;

namespace {

// More would not fit the 1 MiB request body anyway with any real geometry.
constexpr std::size_t kMaxFeatures = 5000;

struct FeatureError {
    std::size_t index = 0;
    std::string field;
    std::string code;
    std::string message_zh;
    std::string message_en;
};

// One feature's fields, read and checked; an ApiError names the field at fault.
struct ParsedFeature {
    std::string kind;
    std::string name;
    std::string region_code;
    std::optional<geo::Geometry> geometry;
    std::optional<double> protection_distance_m;
    std::string source;
    std::string note;
};

std::string Text(const Json& properties, const std::string& key, const std::string& prefix, std::size_t max_length,
                 bool required) {
    auto it = properties.find(key);
    if (it == properties.end() || it->is_null()) {
        if (required) {
            throw BadRequest("required", prefix + key, "缺少必填字段 " + prefix + key,
                             "Field " + prefix + key + " is required");
        }
        return "";
    }
    if (!it->is_string()) {
        throw BadRequest("invalid_type", prefix + key, "字段 " + prefix + key + " 应为字符串",
                         "Field " + prefix + key + " must be a string");
    }
    std::string text = it->get<std::string>();
    if (required && text.empty()) {
        throw BadRequest("required", prefix + key, "缺少必填字段 " + prefix + key,
                         "Field " + prefix + key + " is required");
    }
    if (text.size() > max_length * 3) {
        throw BadRequest("too_long", prefix + key, "字段 " + prefix + key + " 过长",
                         "Field " + prefix + key + " is too long");
    }
    return text;
}

ParsedFeature ParseFeature(const Json& feature, std::size_t index, geo::Crs crs) {
    const std::string at = "features[" + std::to_string(index) + "]";
    if (!feature.is_object() || feature.value("type", Json()) != "Feature") {
        throw BadRequest("invalid_feature", at + ".type", "第 " + std::to_string(index) + " 项不是 GeoJSON Feature",
                         "Item " + std::to_string(index) + " is not a GeoJSON Feature");
    }
    auto properties = feature.find("properties");
    if (properties == feature.end() || !properties->is_object()) {
        throw BadRequest("required", at + ".properties", "缺少 " + at + ".properties（kind、name、region_code）",
                         at + ".properties (kind, name, region_code) is missing");
    }
    const std::string prefix = at + ".properties.";
    ParsedFeature parsed;
    parsed.kind = Text(*properties, "kind", prefix, 40, true);
    parsed.name = Text(*properties, "name", prefix, 200, true);
    const std::string region = Text(*properties, "region_code", prefix, 20, true);
    parsed.region_code = http::RequireRegionCode(region, prefix + "region_code");
    parsed.source = Text(*properties, "source", prefix, 300, false);
    parsed.note = Text(*properties, "note", prefix, 1000, false);
    if (auto distance = properties->find("protection_distance_m"); distance != properties->end()) {
        parsed.protection_distance_m = ReadDistance(*distance, prefix + "protection_distance_m");
    }
    auto geometry = feature.find("geometry");
    if (geometry == feature.end() || geometry->is_null()) {
        throw BadRequest("required", at + ".geometry", "缺少 " + at + ".geometry", at + ".geometry is missing");
    }
    if (!geometry->is_object()) {
        throw BadRequest("invalid_geometry", at + ".geometry", at + ".geometry 须为 GeoJSON 几何对象",
                         at + ".geometry must be a GeoJSON geometry object");
    }
    parsed.geometry.emplace(ReadGeometryJson(*geometry, crs, at + ".geometry"));
    return parsed;
}

Json ErrorsJson(const std::vector<FeatureError>& errors) {
    Json list = Json::array();
    for (const FeatureError& error : errors) {
        list.push_back({{"index", error.index},
                        {"field", error.field},
                        {"code", error.code},
                        {"message_zh", error.message_zh},
                        {"message_en", error.message_en}});
    }
    return list;
}

}  // namespace

http::Response ImportHazards(http::Context& context) {
    context.RequireRole({Role::kAdmin, Role::kRegulator});
    const Principal& caller = context.principal();
    http::QueryParams params(context.request());
    const geo::Crs crs = ReadCrs(params.String("crs", 10), "crs");
    const bool dry_run = params.Bool("dry_run").value_or(false);
    params.Finish();
    const std::string type = context.request().Header("content-type");
    if (type.rfind("application/json", 0) != 0 && type.rfind("application/geo+json", 0) != 0) {
        throw ApiError(415, "unsupported_media_type", "Content-Type",
                       "请求体须为 GeoJSON（application/geo+json 或 application/json）",
                       "The body must be GeoJSON (application/geo+json or application/json)");
    }
    const Json document = Json::parse(context.request().body, nullptr, false);
    if (document.is_discarded() || !document.is_object()) {
        throw BadRequest("malformed_json", "body", "请求体不是合法的 GeoJSON 对象", "The body is not a GeoJSON object");
    }
    if (document.value("type", Json()) != "FeatureCollection") {
        throw BadRequest("invalid_type", "type", "请求体须为 GeoJSON FeatureCollection",
                         "The body must be a GeoJSON FeatureCollection");
    }
    auto features = document.find("features");
    if (features == document.end() || !features->is_array() || features->empty()) {
        throw BadRequest("required", "features", "FeatureCollection 中没有要素",
                         "The FeatureCollection has no features");
    }
    if (features->size() > kMaxFeatures) {
        throw BadRequest("too_many", "features", "一次最多导入 " + std::to_string(kMaxFeatures) + " 个要素",
                         "At most " + std::to_string(kMaxFeatures) + " features per import");
    }

    // Every feature is read and checked before anything is written, and every fault is reported.
    storage::Transaction tx = context.services().database.Write();
    std::vector<ParsedFeature> parsed;
    std::vector<FeatureError> errors;
    std::size_t in_scope = 0;
    std::size_t out_of_scope = 0;
    for (std::size_t i = 0; i < features->size(); ++i) {
        const std::string at = "features[" + std::to_string(i) + "]";
        try {
            ParsedFeature feature = ParseFeature((*features)[i], i, crs);
            if (!MayMaintain(caller, feature.region_code)) {
                ++out_of_scope;
                errors.push_back({i, at + ".properties.region_code", "out_of_scope",
                                  "区划 " + feature.region_code + " 不在您的管辖范围内",
                                  "Region " + feature.region_code + " is outside your data scope"});
                continue;
            }
            ++in_scope;
            const reference::hazards::Draft draft{
                feature.kind,   feature.name, feature.region_code, &*feature.geometry, feature.protection_distance_m,
                feature.source, feature.note};
            reference::hazards::Validate(tx, draft, at + ".properties.", at + ".geometry");
            parsed.push_back(std::move(feature));
        } catch (const ApiError& error) {
            if (error.status() != 400) {
                throw;
            }
            errors.push_back({i, error.field(), error.code(), error.message_zh(), error.message_en()});
        }
    }
    if (!errors.empty()) {
        if (in_scope == 0 && out_of_scope > 0) {
            throw OutOfScope();  // nothing in the file is the caller's: refused (and audited) as such
        }
        return http::JsonReply(
            422,
            Json{{"code", "import_rejected"},
                 {"field", Json()},
                 {"message_zh", "文件有 " + std::to_string(errors.size()) + " 处错误，未导入任何要素"},
                 {"message_en", "The file has " + std::to_string(errors.size()) + " errors; no feature was imported"},
                 {"request_id", context.request().request_id},
                 {"features", features->size()},
                 {"error_count", errors.size()},
                 {"errors", ErrorsJson(errors)}});
    }
    Json ids = Json::array();
    if (!dry_run) {
        for (const ParsedFeature& feature : parsed) {
            const reference::hazards::Draft draft{
                feature.kind,   feature.name, feature.region_code, &*feature.geometry, feature.protection_distance_m,
                feature.source, feature.note};
            ids.push_back(reference::hazards::Insert(tx, draft, caller.username, context.Now()));
        }
    }
    const Json summary{{"dry_run", dry_run}, {"features", features->size()}, {"imported", ids.size()}, {"ids", ids}};
    const std::string scope_region = caller.role == Role::kAdmin ? "" : caller.region_code;
    context.Audit(tx, dry_run ? "import-dry-run" : "import", scope_region, "", summary.dump());
    tx.Commit();
    return http::JsonReply(200, summary);
}

}  // namespace tuoyu::features::hazards
