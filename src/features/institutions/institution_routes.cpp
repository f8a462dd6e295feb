#include <soci/soci.h>

#include <algorithm>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/lifecycle.hpp"
#include "features/routes.hpp"
#include "http/json_io.hpp"
#include "io/export.hpp"
#include "storage/query.hpp"
#include "storage/row.hpp"

namespace tuoyu::features {

using access::Role;
using http::Context;
using http::Json;

namespace {

// The registry's list of institutions: what a county official filters and exports. Profiles,
// filings and registrations have their own modules; this one reads the columns they keep on
// `institutions` for filtering (migration 0011).
const storage::ScopeColumns kInstitutionScope{"i.region_code", "i.id", ""};

const std::string kSelect =
    "SELECT i.id, i.name, i.region_code, r.name, i.uscc, i.created_at, i.kind, i.status, i.status_since, i.address, "
    "i.legal_nature, i.sponsor_type, i.service_modes, i.slots, i.puhui FROM ";
const std::string kColumns = kSelect + "institutions i JOIN regions r ON r.code = i.region_code WHERE 1 = 1";

// At most this many rows in one export: a province's institutions, not a nation's.
constexpr std::int64_t kMaxExportRows = 50'000;

const std::vector<std::string> kKinds = {"institution", "home_point"};
const std::vector<std::string> kServiceModes = {"full_day", "half_day", "hourly", "temporary"};

Json Nullable(const std::optional<std::string>& text) {
    return text ? Json(*text) : Json();
}

Json InstitutionJson(const soci::row& row) {
    const std::optional<std::int64_t> since = storage::OptInt(row, 8);
    const std::optional<std::int64_t> slots = storage::OptInt(row, 13);
    return {{"id", storage::Int(row, 0)},
            {"name", storage::Text(row, 1)},
            {"region_code", storage::Text(row, 2)},
            {"region_name", storage::Text(row, 3)},
            {"uscc", Nullable(storage::OptText(row, 4))},
            {"created_at", FormatIsoUtc(storage::Int(row, 5))},
            {"kind", storage::Text(row, 6)},
            {"status", storage::Text(row, 7)},
            {"status_since", since ? Json(FormatIsoUtc(*since)) : Json()},
            {"address", Nullable(storage::OptText(row, 9))},
            {"legal_nature", Nullable(storage::OptText(row, 10))},
            {"sponsor_type", Nullable(storage::OptText(row, 11))},
            {"service_modes", storage::SplitCodes(storage::Text(row, 12))},
            {"slots", slots ? Json(*slots) : Json()},
            {"puhui", storage::Int(row, 14) != 0}};
}

void RequireReader(const Context& context) {
    context.RequireRole({Role::kAdmin, Role::kRegulator, Role::kInstitutionAdmin, Role::kInstitutionStaff});
}

std::optional<std::string> OneOf(http::QueryParams& params, const std::string& name,
                                 const std::vector<std::string>& allowed) {
    std::optional<std::string> value = params.String(name, 32);
    if (value && std::find(allowed.begin(), allowed.end(), *value) == allowed.end()) {
        std::string list;
        for (const std::string& code : allowed) {
            list += (list.empty() ? "" : ", ") + code;
        }
        throw BadRequest("invalid_value", name, name + " 须为以下之一：" + list, name + " must be one of: " + list);
    }
    return value;
}

// The filters of the list and the export, read from the query string.
struct Filters {
    std::string keyword;
    std::optional<std::string> region;
    std::optional<std::string> status;
    std::optional<std::string> kind;
    std::optional<bool> puhui;
    std::optional<std::string> sponsor_type;
    std::optional<std::string> service_mode;

    static Filters Read(http::QueryParams& params) {
        Filters filters;
        filters.keyword = params.String("q", 64).value_or("");
        filters.region = params.RegionCode("region_code");
        filters.status = params.String("status", 32);
        if (filters.status && !lifecycle::ParseStatus(*filters.status)) {
            throw BadRequest("invalid_value", "status", "未知的机构状态：" + *filters.status,
                             "Unknown institution status: " + *filters.status);
        }
        filters.kind = OneOf(params, "kind", kKinds);
        filters.puhui = params.Bool("puhui");
        filters.sponsor_type = params.String("sponsor_type", 32);
        filters.service_mode = OneOf(params, "service_mode", kServiceModes);
        return filters;
    }

    void Apply(storage::Query& query, const Context& context) const {
        storage::AppendScopeAndRegion(query, context.principal().scope(), kInstitutionScope, region);
        if (!keyword.empty()) {
            // A name fragment, or the start of a unified social credit code.
            query.Sql(" AND (i.name LIKE ")
                .Bind(storage::LikePattern(keyword))
                .Sql(" ESCAPE '\\' OR i.uscc LIKE ")
                .Bind(storage::LikePattern(keyword).substr(1))
                .Sql(" ESCAPE '\\')");
        }
        if (status) {
            query.Sql(" AND i.status = ").Bind(*status);
        }
        if (kind) {
            query.Sql(" AND i.kind = ").Bind(*kind);
        }
        if (puhui) {
            query.Sql(" AND i.puhui = ").Bind(std::int64_t{*puhui ? 1 : 0});
        }
        if (sponsor_type) {
            query.Sql(" AND i.sponsor_type = ").Bind(*sponsor_type);
        }
        if (service_mode) {
            query.Sql(" AND i.service_modes LIKE ").Bind("%," + *service_mode + ",%");
        }
    }
};

http::Response ListInstitutions(Context& context) {
    RequireReader(context);
    http::QueryParams params(context.request());
    const Filters filters = Filters::Read(params);
    const PageRequest page = params.Page({"id", "name", "status", "created_at"});
    params.Finish();
    storage::Query count("SELECT COUNT(*) FROM institutions i WHERE 1 = 1");
    filters.Apply(count, context);
    // The page's ids first, from the institutions' own index; only those rows then join their region.
    // Joining before the LIMIT made PostgreSQL hash the whole region tree for a province's list.
    const std::string order = " ORDER BY i." + (page.sort.empty() ? std::string("id") : page.sort) +
                              (page.descending ? " DESC" : " ASC") + ", i.id";
    storage::Query query(kSelect + "(SELECT i.id FROM institutions i WHERE 1 = 1");
    filters.Apply(query, context);
    query.Sql(order + " LIMIT ")
        .Bind(page.page_size)
        .Sql(" OFFSET ")
        .Bind(page.offset())
        .Sql(") page_ids JOIN institutions i ON i.id = page_ids.id JOIN regions r ON r.code = i.region_code" + order);
    storage::Transaction tx = context.services().database.Read();
    const std::int64_t total = count.Count(tx);
    Json items = Json::array();
    query.ForEach(tx, [&](const soci::row& row) { items.push_back(InstitutionJson(row)); });
    tx.Commit();
    return http::JsonReply(200, http::ListReply(std::move(items), total, page));
}

http::Response ExportInstitutions(Context& context) {
    context.RequireRole({Role::kAdmin, Role::kRegulator});
    http::QueryParams params(context.request());
    const Filters filters = Filters::Read(params);
    const std::string format = params.String("format", 4).value_or("xlsx");
    params.Finish();
    if (format != "xlsx" && format != "csv") {
        throw BadRequest("invalid_format", "format", "format 须为 xlsx 或 csv", "format must be xlsx or csv");
    }
    storage::Query query(kColumns);
    filters.Apply(query, context);
    query.Sql(" ORDER BY i.region_code, i.id LIMIT ").Bind(kMaxExportRows + 1);

    std::vector<std::vector<io::XlsxCell>> rows;
    rows.push_back({{"机构编号"},
                    {"机构名称"},
                    {"统一社会信用代码"},
                    {"类型"},
                    {"状态"},
                    {"区划代码"},
                    {"区划"},
                    {"地址"},
                    {"举办主体"},
                    {"服务形式"},
                    {"托位数"},
                    {"普惠"}});
    storage::Transaction tx = context.services().database.Read();
    query.ForEach(tx, [&](const soci::row& row) {
        const Json item = InstitutionJson(row);
        const std::optional<lifecycle::Status> status = lifecycle::ParseStatus(item["status"].get<std::string>());
        std::string modes;
        for (const Json& mode : item["service_modes"]) {
            modes += (modes.empty() ? "" : "、") + mode.get<std::string>();
        }
        rows.push_back({{std::to_string(item["id"].get<std::int64_t>()), true},
                        {io::SpreadsheetSafe(item["name"].get<std::string>())},
                        {item["uscc"].is_null() ? "" : item["uscc"].get<std::string>()},
                        {item["kind"] == "home_point" ? "家庭托育点" : "托育机构"},
                        {status ? std::string(lifecycle::LabelZh(*status)) : item["status"].get<std::string>()},
                        {item["region_code"].get<std::string>()},
                        {io::SpreadsheetSafe(item["region_name"].get<std::string>())},
                        {item["address"].is_null() ? "" : io::SpreadsheetSafe(item["address"].get<std::string>())},
                        {item["sponsor_type"].is_null() ? "" : item["sponsor_type"].get<std::string>()},
                        {modes},
                        item["slots"].is_null() ? io::XlsxCell{}
                                                : io::XlsxCell{std::to_string(item["slots"].get<std::int64_t>()), true},
                        {item["puhui"].get<bool>() ? "是" : "否"}});
    });
    tx.Commit();
    if (static_cast<std::int64_t>(rows.size()) > kMaxExportRows + 1) {
        throw BadRequest(
            "too_many_rows", "region_code",
            "符合条件的机构超过 " + std::to_string(kMaxExportRows) + " 家，请缩小范围后再导出",
            "More than " + std::to_string(kMaxExportRows) + " institutions match; narrow the filters before exporting");
    }
    io::ExportedFile file = io::WriteExport(format, "机构", rows);
    http::Response response;
    response.body = std::move(file.body);
    response.content_type = std::move(file.content_type);
    response.headers.emplace_back("Content-Disposition", "attachment; filename=\"institutions." + format + "\"");
    return response;
}

http::Response GetInstitution(Context& context) {
    RequireReader(context);
    storage::Query query(kColumns);
    query.Sql(" AND i.id = ").Bind(context.IdParam("id"));
    storage::AppendScope(query, context.principal().scope(), kInstitutionScope);
    Json institution;
    storage::Transaction tx = context.services().database.Read();
    query.ForEach(tx, [&](const soci::row& row) { institution = InstitutionJson(row); });
    tx.Commit();
    if (institution.is_null()) {
        throw NotFound("机构", "institution");
    }
    return http::JsonReply(200, institution);
}

}  // namespace

void RegisterInstitutionRoutes(http::Router& router) {
    router.Add({"GET", "/api/v1/institutions",
                "List the institutions in the caller's scope, filtered by region, status, kind, 普惠, sponsor and "
                "service mode",
                http::Access::kSignedIn, http::AuditKind::kNone, "institution"},
               ListInstitutions);
    router.Add({"GET", "/api/v1/institutions/export", "The filtered list of institutions as .xlsx or .csv (regulators)",
                http::Access::kSignedIn, http::AuditKind::kNone, "institution"},
               ExportInstitutions);
    router.Add({"GET", "/api/v1/institutions/{id}", "One institution", http::Access::kSignedIn, http::AuditKind::kNone,
                "institution"},
               GetInstitution);
}

}  // namespace tuoyu::features
