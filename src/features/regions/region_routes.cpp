#include <soci/soci.h>

#include <set>

#include "core/error.hpp"
#include "core/working_days.hpp"
#include "features/regions/region_kind.hpp"
#include "features/regions/region_tree.hpp"
#include "features/routes.hpp"
#include "http/json_io.hpp"
#include "http/json_writer.hpp"

namespace tuoyu::features {

using access::Principal;
using access::Role;
using http::Context;
using http::Json;
using regions::RegionRecord;
using regions::RegionTree;

namespace {

// A caller sees the subtree of its own region (a regulator's, or the town or village of an
// institution) and the chain of regions above it (for breadcrumbs and the region picker),
// nothing beside it.
bool InSubtree(const Principal& caller, const std::string& code) {
    return caller.role == Role::kAdmin || RegionCode::Contains(caller.region_code, code);
}

bool Visible(const Principal& caller, const std::string& code) {
    return InSubtree(caller, code) || RegionCode::Contains(code, caller.region_code);
}

void RequireReader(const Context& context) {
    context.RequireRole({Role::kAdmin, Role::kRegulator, Role::kInstitutionAdmin, Role::kInstitutionStaff});
}

// The day in China (UTC+8): what "today" means for a region's validity.
std::string Today(const Context& context) {
    constexpr std::int64_t kDayMillis = 86'400'000;
    constexpr std::int64_t kChinaOffset = 8 * 3'600'000;
    const std::int64_t local = context.Now() + kChinaOffset;
    return CivilDate::FromDayNumber(local >= 0 ? local / kDayMillis : (local - kDayMillis + 1) / kDayMillis).ToString();
}

std::string RequireDate(const std::optional<std::string>& text, const std::string& field) {
    const std::optional<CivilDate> date = text ? CivilDate::Parse(*text) : std::nullopt;
    if (!date) {
        throw BadRequest("invalid_date", field, "日期格式应为 YYYY-MM-DD", "the date must be YYYY-MM-DD");
    }
    return date->ToString();
}

// One field list for the nlohmann object (lists) and the text written directly (the single
// region, one of the busiest reads); the keys in sorted order, as nlohmann keeps them.
template <typename Out>
void WriteRegion(Out& out, const RegionRecord& region) {
    out.String("code", region.code);
    out.Boolean("has_children", region.has_children);
    out.String("kind", region.kind);
    out.Integer("level", std::int64_t{region.level});
    out.String("name", region.name);
    out.String("parent_code", region.parent_code);
    out.String("urban_rural", region.urban_rural);
    if (region.valid_from == regions::kSinceEver) {
        out.Null("valid_from");
    } else {
        out.String("valid_from", region.valid_from);
    }
    out.String("valid_to", region.valid_to);
}

Json RegionJson(const RegionRecord& region) {
    http::JsonObject out;
    WriteRegion(out, region);
    return out.Finish();
}

std::string RegionJsonText(const RegionRecord& region) {
    http::JsonWriter out;
    WriteRegion(out, region);
    return out.Finish();
}

http::Response ListRegions(Context& context) {
    RequireReader(context);
    const Principal& caller = context.principal();
    http::QueryParams params(context.request());
    std::optional<std::string> parent = params.RegionCode("parent");
    const std::optional<std::string> as_of = params.String("as_of", 10);
    // A level of the tree fits on one page (a county has at most a few hundred villages), so the
    // picker asks once; the paging is the same as on every other list.
    const PageRequest page = params.Page({"code", "name"}, kMaxPageSize);
    params.Finish();
    const std::string date = as_of ? RequireDate(as_of, "as_of") : Today(context);
    if (parent && !InSubtree(caller, *parent)) {
        throw OutOfScope();
    }
    Json items = Json::array();
    std::int64_t total = 0;
    storage::Transaction tx = context.services().database.Read();
    if (parent || caller.role == Role::kAdmin) {
        regions::RegionPage found = RegionTree::Children(tx, parent, date, page);
        total = found.total;
        for (const RegionRecord& region : found.items) {
            items.push_back(RegionJson(region));
        }
    } else if (std::optional<RegionRecord> own = RegionTree::Find(tx, caller.region_code, date)) {
        total = 1;
        if (page.offset() == 0) {
            items.push_back(RegionJson(*own));
        }
    }
    tx.Commit();
    return http::JsonReply(200, http::ListReply(std::move(items), total, page));
}

http::Response GetRegion(Context& context) {
    RequireReader(context);
    const std::string code = http::RequireRegionCode(context.Param("code"), "code");
    http::QueryParams params(context.request());
    const std::optional<std::string> as_of = params.String("as_of", 10);
    params.Finish();
    const std::string date = as_of ? RequireDate(as_of, "as_of") : Today(context);
    if (!Visible(context.principal(), code)) {
        throw NotFound("区划", "region");
    }
    storage::Transaction tx = context.services().database.Read();
    const std::optional<RegionRecord> region = RegionTree::Find(tx, code, date);
    tx.Commit();
    if (!region) {
        throw NotFound("区划", "region");
    }
    return http::RawJsonReply(200, RegionJsonText(*region));
}

http::Response SearchRegions(Context& context) {
    RequireReader(context);
    const Principal& caller = context.principal();
    http::QueryParams params(context.request());
    const std::optional<std::string> q = params.String("q", 50);
    const std::int64_t limit = params.Int("limit").value_or(20);
    std::optional<std::string> within = params.RegionCode("within");
    params.Finish();
    if (within && !InSubtree(caller, *within)) {
        throw OutOfScope();
    }
    if (!within && caller.role != Role::kAdmin) {
        within = caller.region_code;
    }
    if (!q || q->find_first_not_of(" \t") == std::string::npos) {
        throw BadRequest("required", "q", "请输入区划名称或代码", "give a name or a code to search for");
    }
    if (limit < 1 || limit > 100) {
        throw BadRequest("out_of_range", "limit", "limit 应在 1 到 100 之间", "limit must be between 1 and 100");
    }
    const std::string text =
        q->substr(q->find_first_not_of(" \t"), q->find_last_not_of(" \t") + 1 - q->find_first_not_of(" \t"));
    const std::string date = Today(context);
    storage::Transaction tx = context.services().database.Read();
    const std::vector<RegionRecord> hits = RegionTree::Search(tx, text, within, date, limit);
    std::set<std::string> above;
    for (const RegionRecord& hit : hits) {
        for (const std::string& code : RegionTree::AncestorCodes(hit.code)) {
            above.insert(code);
        }
    }
    const std::map<std::string, std::string> names = RegionTree::NamesOn(tx, above, date);
    tx.Commit();
    Json items = Json::array();
    for (const RegionRecord& hit : hits) {
        Json path = Json::array();
        for (const std::string& code : RegionTree::AncestorCodes(hit.code)) {
            auto name = names.find(code);
            if (name != names.end()) {
                path.push_back({{"code", code}, {"name", name->second}});
            }
        }
        path.push_back({{"code", hit.code}, {"name", hit.name}});
        Json item = RegionJson(hit);
        item["path"] = std::move(path);
        items.push_back(std::move(item));
    }
    return http::JsonReply(200, {{"items", std::move(items)}});
}

Json LinksJson(const Principal& caller, const std::vector<regions::RegionLink>& links) {
    Json list = Json::array();
    for (const regions::RegionLink& link : links) {
        if (Visible(caller, link.code)) {
            list.push_back({{"code", link.code}, {"name", link.name}, {"effective_date", link.effective_date}});
        }
    }
    return list;
}

http::Response RegionHistory(Context& context) {
    RequireReader(context);
    const std::string code = http::RequireRegionCode(context.Param("code"), "code");
    const Principal& caller = context.principal();
    if (!Visible(caller, code)) {
        throw NotFound("区划", "region");
    }
    storage::Transaction tx = context.services().database.Read();
    const std::vector<RegionRecord> versions = RegionTree::Versions(tx, code);
    const std::vector<regions::RegionLink> successors = RegionTree::Successors(tx, code);
    const std::vector<regions::RegionLink> predecessors = RegionTree::Predecessors(tx, code);
    tx.Commit();
    if (versions.empty()) {
        throw NotFound("区划", "region");
    }
    Json list = Json::array();
    for (const RegionRecord& version : versions) {
        Json item = RegionJson(version);
        item.erase("code");
        item.erase("level");
        item.erase("has_children");
        list.push_back(std::move(item));
    }
    return http::JsonReply(200, {{"code", code},
                                 {"level", versions.front().level},
                                 {"versions", std::move(list)},
                                 {"successors", LinksJson(caller, successors)},
                                 {"predecessors", LinksJson(caller, predecessors)}});
}

std::string RequireName(http::JsonBody& body) {
    std::string name = body.RequiredString("name", 100);
    if (name.find_first_not_of(" \t") == std::string::npos) {
        throw BadRequest("required", "name", "缺少必填字段 name", "Field name is required");
    }
    return name;
}

http::Response CreateRegion(Context& context) {
    context.RequireRole({Role::kAdmin});
    http::JsonBody body(context.request());
    regions::NewRegion region;
    region.code = http::RequireRegionCode(body.RequiredString("code", 12), "code");
    region.name = RequireName(body);
    if (std::optional<std::string> parent = body.OptionalString("parent_code", 12)) {
        region.parent_code = http::RequireRegionCode(*parent, "parent_code");
    }
    region.kind = body.OptionalString("kind", 16);
    region.valid_from = RequireDate(body.OptionalString("valid_from", 10), "valid_from");
    body.Finish();
    storage::Transaction tx = context.services().database.Write();
    RegionTree::Add(tx, region);
    const std::optional<RegionRecord> created = RegionTree::Find(tx, region.code, region.valid_from);
    const Json reply = RegionJson(*created);
    context.Audit(tx, region.code, region.code, "", reply.dump());
    tx.Commit();
    return http::JsonReply(201, reply);
}

http::Response RenameRegion(Context& context) {
    context.RequireRole({Role::kAdmin});
    const std::string code = http::RequireRegionCode(context.Param("code"), "code");
    http::JsonBody body(context.request());
    const std::string name = RequireName(body);
    const std::string date = RequireDate(body.OptionalString("effective_date", 10), "effective_date");
    body.Finish();
    storage::Transaction tx = context.services().database.Write();
    const std::vector<RegionRecord> before = RegionTree::Versions(tx, code);
    RegionTree::Rename(tx, code, name, date);
    const Json reply = RegionJson(*RegionTree::Find(tx, code, date));
    context.Audit(tx, code, code, before.empty() ? "" : before.back().name, reply.dump());
    tx.Commit();
    return http::JsonReply(200, reply);
}

http::Response CloseRegion(Context& context) {
    context.RequireRole({Role::kAdmin});
    const std::string code = http::RequireRegionCode(context.Param("code"), "code");
    http::JsonBody body(context.request());
    const std::string date = RequireDate(body.OptionalString("effective_date", 10), "effective_date");
    std::vector<std::string> successors;
    if (std::optional<Json> list = body.OptionalJson("successors")) {
        if (!list->is_array() || list->size() > 50) {
            throw BadRequest("invalid_type", "successors", "successors 应为区划代码列表（最多 50 个）",
                             "successors must be a list of division codes (at most 50)");
        }
        for (const Json& item : *list) {
            if (!item.is_string()) {
                throw BadRequest("invalid_type", "successors", "successors 应为区划代码列表",
                                 "successors must be a list of division codes");
            }
            successors.push_back(http::RequireRegionCode(item.get<std::string>(), "successors"));
        }
    }
    body.Finish();
    storage::Transaction tx = context.services().database.Write();
    RegionTree::Close(tx, code, date, successors);
    const RegionRecord last = RegionTree::Versions(tx, code).back();
    Json reply = RegionJson(last);
    reply["successors"] = successors;
    context.Audit(tx, code, code, "", reply.dump());
    tx.Commit();
    return http::JsonReply(200, reply);
}

}  // namespace

void RegisterRegionRoutes(http::Router& router) {
    router.Add({"GET", "/api/v1/regions",
                "The child regions of ?parent= (or the caller's own root region) as of ?as_of= (default today)",
                http::Access::kSignedIn, http::AuditKind::kNone, "region"},
               ListRegions);
    router.Add({"GET", "/api/v1/regions/search",
                "Regions in force today by name or code prefix within the caller's subtree, each with its path",
                http::Access::kSignedIn, http::AuditKind::kNone, "region"},
               SearchRegions);
    router.Add({"GET", "/api/v1/regions/{code}", "One region by its division code as of ?as_of= (default today)",
                http::Access::kSignedIn, http::AuditKind::kNone, "region"},
               GetRegion);
    router.Add({"GET", "/api/v1/regions/{code}/history", "Every version of a region, its successors and predecessors",
                http::Access::kSignedIn, http::AuditKind::kNone, "region"},
               RegionHistory);
    router.Add({"POST", "/api/v1/regions", "Add a region from a date (administrators)", http::Access::kSignedIn,
                http::AuditKind::kChange, "region"},
               CreateRegion);
    router.Add({"POST", "/api/v1/regions/{code}/rename", "Rename a region from a date (administrators)",
                http::Access::kSignedIn, http::AuditKind::kChange, "region"},
               RenameRegion);
    router.Add(
        {"POST", "/api/v1/regions/{code}/close", "Close a region on a date and name its successors (administrators)",
         http::Access::kSignedIn, http::AuditKind::kChange, "region"},
        CloseRegion);
}

}  // namespace tuoyu::features
