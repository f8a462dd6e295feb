#include <algorithm>

#include "audit/audit_log.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/working_days.hpp"
#include "features/population/population.hpp"
#include "features/routes.hpp"
#include "http/json_io.hpp"
#include "io/csv.hpp"
#include "io/xlsx.hpp"
#include "jobs/job_json.hpp"
#include "jobs/job_runner.hpp"
#include "storage/query.hpp"

namespace tuoyu::features {

using access::Principal;
using access::Role;
using http::Context;
using http::Json;

namespace {

// Population is aggregate data of regions: regulators read and maintain their subtree, the
// administrator everything; institutions and guardians have no business with it.
void RequireMaintainer(const Context& context) {
    context.RequireRole({Role::kAdmin, Role::kRegulator});
}

bool InScope(const Principal& caller, const std::string& code) {
    return caller.role == Role::kAdmin || RegionCode::Contains(caller.region_code, code);
}

int CurrentYear(const Context& context) {
    return CivilDate::FromDayNumber(context.Now() / 86'400'000).year();
}

int RequireYear(std::optional<std::int64_t> year, const std::string& field, const Context& context) {
    const int max_year = CurrentYear(context) + 1;
    if (!year || *year < 1949 || *year > max_year) {
        throw BadRequest("invalid_year", field, "年份须在 1949 到 " + std::to_string(max_year) + " 之间",
                         "The year must be between 1949 and " + std::to_string(max_year));
    }
    return static_cast<int>(*year);
}

// The region named by ?region=, or the caller's own; a region outside the caller's subtree is
// answered as if it did not exist.
std::string ScopedRegion(const Context& context, http::QueryParams& params) {
    const Principal& caller = context.principal();
    std::optional<std::string> region = params.RegionCode("region");
    if (!region) {
        if (caller.role == Role::kAdmin) {
            throw BadRequest("required", "region", "缺少参数 region", "Parameter region is required");
        }
        region = caller.region_code;
    }
    if (!InScope(caller, *region)) {
        throw NotFound("区划", "region");
    }
    return *region;
}

const char* OriginCode(population::Origin origin) {
    switch (origin) {
        case population::Origin::kOwn:
            return "own";
        case population::Origin::kSum:
            return "sum";
        case population::Origin::kNone:
            break;
    }
    return nullptr;
}

Json FiguresJson(const population::RegionFigures& region) {
    Json json{{"code", region.code}, {"name", region.name}, {"level", region.level}};
    Json origins = Json::object();
    Json summed_from = Json::object();
    bool any_sum = false;
    for (std::size_t f = 0; f < population::kFigureCount; ++f) {
        const population::FigureValue& value = region.figures[f];
        const char* name = population::kFigureNames[f];
        json[name] = value.value ? Json(*value.value) : Json();
        const char* origin = OriginCode(value.origin);
        origins[name] = origin ? Json(origin) : Json();
        summed_from[name] = value.origin == population::Origin::kSum ? Json(value.regions) : Json();
        any_sum = any_sum || value.origin == population::Origin::kSum;
    }
    json["origin"] = region.has_own ? Json("own") : any_sum ? Json("sum") : Json();
    json["origins"] = std::move(origins);
    json["summed_from"] = std::move(summed_from);
    json["source"] = region.has_own ? Json(region.source) : Json();
    json["source_date"] = region.has_own && region.source_date ? Json(*region.source_date) : Json();
    json["updated_at"] = region.has_own ? Json(FormatIsoUtc(region.updated_at)) : Json();
    json["updated_by"] = region.has_own ? Json(region.updated_by) : Json();
    return json;
}

population::Rollup RequireRollup(storage::Transaction& tx, const std::string& region, int year) {
    std::optional<population::Rollup> rollup = population::ReadRollup(tx, region, year);
    if (!rollup) {
        throw NotFound("区划", "region");
    }
    return std::move(*rollup);
}

Json RollupJson(const population::Rollup& rollup, int year) {
    Json children = Json::array();
    for (const population::RegionFigures& child : rollup.children) {
        Json json = FiguresJson(child);
        json["has_children"] = child.has_children;
        children.push_back(std::move(json));
    }
    Json region = FiguresJson(rollup.region);
    region["has_children"] = rollup.region.has_children;
    return {{"year", year}, {"region", std::move(region)}, {"children", std::move(children)}};
}

http::Response GetPopulation(Context& context) {
    RequireMaintainer(context);
    http::QueryParams params(context.request());
    const std::string region = ScopedRegion(context, params);
    const int year = RequireYear(params.Int("year"), "year", context);
    params.Finish();
    storage::Transaction tx = context.services().database.Read();
    const population::Rollup rollup = RequireRollup(tx, region, year);
    tx.Commit();
    return http::JsonReply(200, RollupJson(rollup, year));
}

http::Response GetYears(Context& context) {
    RequireMaintainer(context);
    http::QueryParams params(context.request());
    const std::string region = ScopedRegion(context, params);
    params.Finish();
    storage::Transaction tx = context.services().database.Read();
    const std::vector<int> years = population::YearsWithFigures(tx, region);
    tx.Commit();
    return http::JsonReply(200, Json{{"region", region}, {"years", years}});
}

std::optional<std::int64_t> FigureField(http::JsonBody& body, const char* field) {
    std::optional<std::int64_t> value = body.OptionalInt(field);
    if (value && (*value < 0 || *value > 10'000'000'000LL)) {
        throw BadRequest("invalid_number", field, std::string("字段 ") + field + " 须为非负整数",
                         std::string("Field ") + field + " must be a whole number of people, not negative");
    }
    return value;
}

Json RecordJson(const std::optional<population::Record>& record) {
    if (!record) {
        return Json();
    }
    Json json{{"source", record->source}, {"source_date", record->source_date ? Json(*record->source_date) : Json()}};
    for (std::size_t f = 0; f < population::kFigureCount; ++f) {
        json[population::kFigureNames[f]] = record->figures[f] ? Json(*record->figures[f]) : Json();
    }
    return json;
}

http::Response PutPopulation(Context& context) {
    RequireMaintainer(context);
    const Principal& caller = context.principal();
    const std::string code = http::RequireRegionCode(context.Param("code"), "code");
    const std::string year_text = context.Param("year");
    std::optional<std::int64_t> year_number;
    if (year_text.size() == 4 &&
        std::all_of(year_text.begin(), year_text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        year_number = std::stoll(year_text);
    }
    const int year = RequireYear(year_number, "year", context);
    if (!InScope(caller, code)) {
        throw NotFound("区划", "region");
    }
    http::JsonBody body(context.request());
    population::Record record;
    record.region_code = code;
    record.year = year;
    for (std::size_t f = 0; f < population::kFigureCount; ++f) {
        record.figures[f] = FigureField(body, population::kFigureNames[f]);
    }
    record.source = body.RequiredString("source");
    if (std::optional<std::string> date = body.OptionalString("source_date", 10)) {
        if (!CivilDate::Parse(*date)) {
            throw BadRequest("invalid_date", "source_date", "字段 source_date 须为 YYYY-MM-DD 格式的日期",
                             "Field source_date must be a date YYYY-MM-DD");
        }
        record.source_date = *date;
    }
    body.Finish();
    storage::Transaction tx = context.services().database.Write();
    storage::Query exists("SELECT COUNT(*) FROM regions WHERE code = ");
    if (exists.Bind(code).Count(tx) == 0) {
        throw NotFound("区划", "region");
    }
    const std::optional<population::Record> before = population::ReadOwn(tx, code, year);
    population::SaveOwn(tx, record, caller.username, context.Now());
    context.Audit(tx, code + "/" + std::to_string(year), code, RecordJson(before).dump(), RecordJson(record).dump());
    const population::Rollup rollup = RequireRollup(tx, code, year);
    tx.Commit();
    Json reply = FiguresJson(rollup.region);
    reply["has_children"] = rollup.region.has_children;
    return http::JsonReply(200, reply);
}

// What an import job needs once its request is gone: the file, the options, and the parts of
// the audit record that the request would have filled in.
struct ImportJob {
    storage::Database& database;
    const Clock& clock;
    std::string bytes;
    population::ImportOptions options;
    audit::Event audit;  // user, role, route and request id; object and outcome set at the end
};

jobs::Outcome RejectedOutcome(const population::ImportResult& result, const std::string& request_id) {
    return {422, http::ImportRejectedJson(result.errors, result.rows, request_id)};
}

// The parse runs before any transaction; the checks and the write then run in one transaction
// with the audit record, so the import is all or nothing, and an abort (a stopping server throws
// from `progress`) rolls it back whole.
jobs::Outcome RunImport(ImportJob& job, const jobs::ProgressFn& progress) {
    population::ImportOptions options = job.options;
    options.progress = progress;
    options.now = job.clock.NowMillis();
    population::ParsedImport parsed = population::ParseImport(job.bytes, options);
    job.bytes.clear();
    job.bytes.shrink_to_fit();
    population::ImportResult result;
    {
        // With bad rows already nothing will be written: a read transaction keeps the write lock free.
        storage::Transaction tx = parsed.result.ok() ? job.database.Write() : job.database.Read();
        result = population::ImportParsed(tx, std::move(parsed), options);
        if (result.ok()) {
            const Json summary{{"dry_run", options.dry_run},
                               {"rows", result.rows},
                               {"imported", result.created + result.replaced},
                               {"skipped", result.skipped},
                               {"created", result.created},
                               {"replaced", result.replaced},
                               {"encoding", result.encoding}};
            audit::Event event = job.audit;
            event.object_id = options.dry_run ? "import-dry-run" : "import";
            event.outcome = "ok";
            event.digest = audit::DigestOf("", summary.dump());
            audit::AuditLog::Append(tx, event, job.clock.NowMillis());
            tx.Commit();
            return {200, summary};
        }
    }
    if (result.in_scope == 0 && result.out_of_scope > 0) {
        // Nothing in the file is the caller's: refused as such, and audited as the router audits
        // a refusal, in a transaction of its own.
        audit::Event event = job.audit;
        event.outcome = "denied";
        event.digest = audit::DigestOf("", "");
        storage::Transaction tx = job.database.Write();
        audit::AuditLog::Append(tx, event, job.clock.NowMillis());
        tx.Commit();
        throw OutOfScope();
    }
    return RejectedOutcome(result, job.audit.request_id);
}

// The request is checked here (role, media type, an empty body; the server refuses a body over its
// limit); the file itself is read, checked and written by a background job, answered with 202 and
// the job, which the client polls at GET /api/v1/jobs/{id}.
http::Response ImportPopulation(Context& context, jobs::JobRunner& runner) {
    RequireMaintainer(context);
    const Principal& caller = context.principal();
    http::QueryParams params(context.request());
    const bool dry_run = params.Int("dry_run").value_or(0) != 0;
    const std::string file_name = params.String("filename", 200).value_or("");
    params.Finish();
    http::RequireTableBody(context.request());
    auto job = std::make_shared<ImportJob>(
        ImportJob{context.services().database, context.services().clock, context.request().body, {}, {}});
    population::ImportOptions& options = job->options;
    options.scope = caller.scope();
    options.max_year = CurrentYear(context) + 1;
    options.default_source = file_name.empty() ? "导入文件 " + FormatIsoUtc(context.Now()).substr(0, 10) : file_name;
    options.dry_run = dry_run;
    options.username = caller.username;
    audit::Event& event = job->audit;
    event.user_id = caller.user_id;
    event.username = caller.username;
    event.role = std::string(access::RoleCode(caller.role));
    event.method = context.request().method;
    event.route = context.route().pattern;
    event.object_type = context.route().object_type;
    event.region_code = caller.role == Role::kAdmin ? "" : caller.region_code;
    event.request_id = context.request().request_id;
    const jobs::JobView view =
        runner.Submit("population_import", {caller.user_id, caller.scope()}, context.request().request_id,
                      [job](const jobs::ProgressFn& progress) { return RunImport(*job, progress); });
    http::Response response = http::JsonReply(202, Json{{"job", jobs::JobJson(view)}});
    response.headers.emplace_back("Location", "/api/v1/jobs/" + view.id);
    return response;
}

// A cell that a spreadsheet would take for a formula is written as text.
std::string SafeCell(std::string text) {
    if (!text.empty() && (text.front() == '=' || text.front() == '+' || text.front() == '-' || text.front() == '@')) {
        text.insert(text.begin(), '\'');
    }
    return text;
}

http::Response ExportPopulation(Context& context) {
    RequireMaintainer(context);
    http::QueryParams params(context.request());
    const std::string region = ScopedRegion(context, params);
    const int year = RequireYear(params.Int("year"), "year", context);
    const std::string format = params.String("format", 4).value_or("xlsx");
    params.Finish();
    if (format != "xlsx" && format != "csv") {
        throw BadRequest("invalid_format", "format", "format 须为 xlsx 或 csv", "format must be xlsx or csv");
    }
    storage::Transaction tx = context.services().database.Read();
    const population::Rollup rollup = RequireRollup(tx, region, year);
    tx.Commit();

    std::vector<std::vector<io::XlsxCell>> rows;
    std::vector<io::XlsxCell> header = {{"区划代码"}, {"区划名称"}, {"年份"}};
    for (const char* label : population::kFigureLabels) {
        header.push_back({label});
    }
    for (const char* label : {"来源", "日期", "口径"}) {
        header.push_back({label});
    }
    rows.push_back(std::move(header));
    // The region's children, or the region itself when it has none (a village).
    std::vector<const population::RegionFigures*> listed;
    for (const population::RegionFigures& child : rollup.children) {
        listed.push_back(&child);
    }
    if (listed.empty()) {
        listed.push_back(&rollup.region);
    }
    for (const population::RegionFigures* item : listed) {
        std::vector<io::XlsxCell> row = {{item->code}, {SafeCell(item->name)}, {std::to_string(year), true}};
        bool any_sum = false;
        for (const population::FigureValue& value : item->figures) {
            row.push_back(value.value ? io::XlsxCell{std::to_string(*value.value), true} : io::XlsxCell{});
            any_sum = any_sum || value.origin == population::Origin::kSum;
        }
        row.push_back({item->has_own ? SafeCell(item->source) : ""});
        row.push_back({item->has_own ? item->source_date.value_or("") : ""});
        row.push_back({item->has_own ? "本级" : any_sum ? "下级汇总" : ""});
        rows.push_back(std::move(row));
    }
    http::Response response;
    const std::string base = "population-" + RegionCode::SubtreePrefix(region) + "-" + std::to_string(year);
    if (format == "csv") {
        std::vector<std::vector<std::string>> text_rows;
        for (const auto& row : rows) {
            std::vector<std::string> cells;
            for (const io::XlsxCell& cell : row) {
                cells.push_back(cell.text);
            }
            text_rows.push_back(std::move(cells));
        }
        response.body = io::WriteCsv(text_rows);
        response.content_type = "text/csv; charset=utf-8";
    } else {
        response.body = io::WriteXlsx(std::to_string(year), rows);
        response.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    }
    response.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + base + "." + format + "\"");
    return response;
}

}  // namespace

void RegisterPopulationRoutes(http::Router& router, jobs::JobRunner& jobs) {
    router.Add({"GET", "/api/v1/population", "A region's population figures for a year, with its child regions'",
                http::Access::kSignedIn, http::AuditKind::kNone, "population"},
               GetPopulation);
    router.Add({"GET", "/api/v1/population/years", "The years with population figures in a region's subtree",
                http::Access::kSignedIn, http::AuditKind::kNone, "population"},
               GetYears);
    router.Add({"GET", "/api/v1/population/export", "A region's child regions' figures for a year as .xlsx or .csv",
                http::Access::kSignedIn, http::AuditKind::kNone, "population"},
               ExportPopulation);
    router.Add({"POST", "/api/v1/population/import",
                "Import population figures from a .csv or .xlsx file, as a background job (202)",
                http::Access::kSignedIn, http::AuditKind::kChange, "population"},
               [&jobs](Context& context) { return ImportPopulation(context, jobs); });
    router.Add({"PUT", "/api/v1/population/{code}/{year}", "Set one region's own figures for a year",
                http::Access::kSignedIn, http::AuditKind::kChange, "population"},
               PutPopulation);
}

}  // namespace tuoyu::features
