#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/lifecycle.hpp"
#include "core/registration_rules.hpp"
#include "features/registry/registry.hpp"
#include "features/routes.hpp"
#include "http/json_io.hpp"
#include "io/xlsx.hpp"

namespace tuoyu::features {

using access::Principal;
using access::Role;
using http::Context;
using http::Json;

namespace {

// Registrations are the regulators' business: the administrator sees all, a regulator its subtree.
void RequireReader(const Context& context) {
    context.RequireRole({Role::kAdmin, Role::kRegulator});
}

// Entering a registration is a county-level act (RULES N46: registration at county level or above);
// a regulator of a town reads but does not enter.
void RequireEnterer(const Context& context) {
    RequireReader(context);
    const Principal& caller = context.principal();
    if (caller.role == Role::kRegulator && RegionCode::Level(caller.region_code) > 3) {
        throw ApiError(403, "county_level_required", "", "登记信息须由县级及以上监管部门录入",
                       "Registrations are entered by regulators of a county or above");
    }
}

// The sender's scope: a data-exchange client pushes for the subtree of its account's region.
Scope SenderScope(const Principal& caller) {
    if (caller.role == Role::kExchange) {
        return caller.region_code.empty() ? Scope::None() : Scope::Region(caller.region_code);
    }
    return caller.scope();
}

std::string LabelOfNature(const std::string& code) {
    const registration::LegalNature* nature = registration::FindLegalNature(code);
    return nature != nullptr ? std::string(nature->label_zh) : code;
}

std::string LabelOfAuthority(const std::string& code) {
    const registration::Authority* authority = registration::FindAuthority(code);
    return authority != nullptr ? std::string(authority->label_zh) : code;
}

// A registration as the API shows it; the legal representative's name is personal data and appears
// only in replies whose read is audited (and in the reply to its own sender).
Json RegistrationJson(const registry::Registration& item, bool with_personal) {
    const registry::Content& content = item.content;
    Json json{{"id", item.id},
              {"institution_id", item.institution_id},
              {"version", item.version},
              {"current", item.current},
              {"uscc", content.uscc},
              {"name", content.name},
              {"kind", content.kind},
              {"legal_nature", content.legal_nature},
              {"legal_nature_label", LabelOfNature(content.legal_nature)},
              {"registration_authority", content.registration_authority},
              {"registration_authority_label", LabelOfAuthority(content.registration_authority)},
              {"address", content.address},
              {"region_code", content.region_code},
              {"region_name", item.region_name},
              {"business_scope", content.business_scope},
              {"registered_on", content.registered_on},
              {"source", item.source},
              {"sent_by", item.sent_by},
              {"received_at", FormatIsoUtc(item.received_at)},
              {"institution_status", item.institution_status}};
    if (with_personal) {
        json["legal_representative"] = content.legal_representative;
    }
    return json;
}

registry::Content ContentFromBody(http::JsonBody& body) {
    registry::Content content;
    content.uscc = body.RequiredString("uscc", 40);
    content.name = body.RequiredString("name", 200);
    content.kind = body.OptionalString("kind", 20).value_or("institution");
    content.legal_nature = body.RequiredString("legal_nature", 40);
    content.registration_authority = body.RequiredString("registration_authority", 40);
    content.legal_representative = body.RequiredString("legal_representative", 100);
    content.address = body.RequiredString("address", 300);
    content.region_code = body.RequiredString("region_code", 20);
    content.business_scope = body.RequiredString("business_scope", 4000);
    content.registered_on = body.RequiredString("registered_on", 20);
    body.Finish();
    return registry::Normalized(std::move(content));
}

// Checks, saves and audits one record in one write transaction.
http::Response Receive(Context& context, registry::Source source) {
    http::JsonBody body(context.request());
    const registry::Content content = ContentFromBody(body);
    const Principal& caller = context.principal();
    storage::Transaction tx = context.services().database.Write();
    if (std::optional<registration::Finding> finding =
            registry::CheckContent(tx, content, ShanghaiDate(context.Now()), SenderScope(caller))) {
        throw ApiError(finding->status, finding->code, finding->field, finding->message_zh, finding->message_en);
    }
    const registry::SaveResult saved =
        registry::Save(tx, content, source, {caller.user_id, caller.username}, context.Now());
    Json reply = RegistrationJson(saved.registration, true);
    reply["outcome"] = registry::OutcomeCode(saved.outcome);
    context.Audit(tx, std::to_string(saved.registration.id), content.region_code, saved.institution_before,
                  Json{{"registration", reply}, {"institution", Json::parse(saved.institution_after)}}.dump());
    tx.Commit();
    return http::JsonReply(saved.outcome == registry::Outcome::kUnchanged ? 200 : 201, reply);
}

http::Response Push(Context& context) {
    context.RequireRole({Role::kExchange});
    return Receive(context, registry::Source::kPush);
}

http::Response Enter(Context& context) {
    RequireEnterer(context);
    return Receive(context, registry::Source::kManual);
}

http::Response ListRegistrations(Context& context) {
    RequireReader(context);
    http::QueryParams params(context.request());
    registry::ListFilter filter;
    filter.region_code = params.RegionCode("region_code");
    filter.keyword = params.String("q", 64).value_or("");
    filter.kind = params.String("kind", 20);
    if (filter.kind && !registration::ParseKind(*filter.kind)) {
        throw BadRequest("invalid_kind", "kind", "kind 须为 institution 或 home_point",
                         "kind must be institution or home_point");
    }
    filter.status = params.String("status", 40);
    if (filter.status && !lifecycle::ParseStatus(*filter.status)) {
        throw BadRequest("invalid_status", "status", "未知的机构状态 " + *filter.status,
                         "Unknown institution status " + *filter.status);
    }
    if (params.Bool("awaiting_filing").value_or(false)) {
        const std::string registered(lifecycle::Code(lifecycle::Status::kRegistered));
        if (filter.status && *filter.status != registered) {
            throw BadRequest("conflicting_filters", "awaiting_filing", "awaiting_filing 与 status 相互矛盾",
                             "awaiting_filing contradicts status");
        }
        filter.status = registered;
    }
    const PageRequest page = params.Page({std::begin(registry::kSortFields), std::end(registry::kSortFields)});
    params.Finish();
    storage::Transaction tx = context.services().database.Read();
    const registry::Page result = registry::List(tx, context.principal().scope(), filter, page);
    tx.Commit();
    Json items = Json::array();
    for (const registry::Registration& item : result.items) {
        items.push_back(RegistrationJson(item, false));
    }
    return http::JsonReply(200, http::ListReply(std::move(items), result.total, page));
}

http::Response Todo(Context& context) {
    RequireReader(context);
    http::QueryParams params(context.request());
    const PageRequest page = params.Page({});
    params.Finish();
    storage::Transaction tx = context.services().database.Read();
    const registry::Page result = registry::Todo(tx, context.principal().scope(), page);
    tx.Commit();
    const CivilDate today = ShanghaiDate(context.Now());
    Json items = Json::array();
    for (const registry::Registration& item : result.items) {
        const std::int64_t since =
            item.institution_status_since != 0 ? item.institution_status_since : item.received_at;
        Json json = RegistrationJson(item, false);
        json["awaiting_since"] = FormatIsoUtc(since);
        json["days_since_received"] = today.day_number() - ShanghaiDate(since).day_number();
        items.push_back(std::move(json));
    }
    return http::JsonReply(200, http::ListReply(std::move(items), result.total, page));
}

http::Response GetRegistration(Context& context) {
    RequireReader(context);
    const std::int64_t id = context.IdParam("id");
    storage::Transaction tx = context.services().database.Read();
    const std::optional<registry::Registration> found = registry::Find(tx, context.principal().scope(), id);
    if (!found) {
        throw NotFound("登记信息", "registration");
    }
    const Json reply = RegistrationJson(*found, true);
    context.Audit(tx, std::to_string(found->id), found->content.region_code, "", reply.dump());
    tx.Commit();
    return http::JsonReply(200, reply);
}

http::Response InstitutionHistory(Context& context) {
    RequireReader(context);
    const std::int64_t institution_id = context.IdParam("id");
    storage::Transaction tx = context.services().database.Read();
    const std::optional<std::vector<registry::Registration>> versions =
        registry::History(tx, context.principal().scope(), institution_id);
    if (!versions) {
        throw NotFound("机构", "institution");
    }
    Json items = Json::array();
    const registry::Content* previous = nullptr;
    for (const registry::Registration& version : *versions) {
        Json json = RegistrationJson(version, true);
        json["changed_fields"] =
            previous == nullptr ? std::vector<std::string>{} : registry::ChangedFields(*previous, version.content);
        items.push_back(std::move(json));
        previous = &version.content;
    }
    const Json reply{{"institution_id", institution_id}, {"items", std::move(items)}};
    const std::string region = versions->empty() ? "" : versions->back().content.region_code;
    context.Audit(tx, std::to_string(institution_id), region, "", reply.dump());
    tx.Commit();
    return http::JsonReply(200, reply);
}

http::Response ImportRegistrations(Context& context) {
    RequireEnterer(context);
    const Principal& caller = context.principal();
    http::QueryParams params(context.request());
    const bool dry_run = params.Int("dry_run").value_or(0) != 0;
    params.Finish();
    http::RequireTableBody(context.request());
    registry::ImportOptions options;
    options.scope = caller.scope();
    options.today = ShanghaiDate(context.Now());
    options.dry_run = dry_run;
    options.sender = {caller.user_id, caller.username};
    options.now = context.Now();
    storage::Transaction tx = context.services().database.Write();
    const registry::ImportResult result = registry::Import(tx, context.request().body, options);
    if (!result.ok()) {
        if (result.in_scope == 0 && result.out_of_scope > 0) {
            throw OutOfScope();  // nothing in the file is the caller's: refused (and audited) as such
        }
        return http::JsonReply(422, http::ImportRejectedJson(result.errors, result.rows, context.request().request_id));
    }
    const Json summary{{"dry_run", dry_run},
                       {"rows", result.rows},
                       {"created", result.created},
                       {"versioned", result.versioned},
                       {"unchanged", result.unchanged},
                       {"encoding", result.encoding}};
    const std::string scope_region = caller.role == Role::kAdmin ? "" : caller.region_code;
    context.Audit(tx, dry_run ? "import-dry-run" : "import", scope_region, "", summary.dump());
    tx.Commit();
    return http::JsonReply(200, summary);
}

http::Response Template(Context& context) {
    RequireReader(context);
    http::QueryParams params(context.request());
    params.Finish();
    std::vector<io::XlsxCell> header;
    for (const std::string& title : registry::TemplateHeaders()) {
        header.push_back({title});
    }
    http::Response response;
    response.body = io::WriteXlsx("登记信息", {header});
    response.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    response.headers.emplace_back("Content-Disposition", "attachment; filename=\"registrations-template.xlsx\"");
    return response;
}

}  // namespace

void RegisterRegistryRoutes(http::Router& router) {
    router.Add({"POST", "/api/v1/registrations/push",
                "Receive a registration record from a registration authority (data-exchange clients; idempotent)",
                http::Access::kSignedIn, http::AuditKind::kChange, "registration", true},
               Push);
    router.Add({"GET", "/api/v1/registrations", "List the current registrations in the caller's scope",
                http::Access::kSignedIn, http::AuditKind::kNone, "registration"},
               ListRegistrations);
    router.Add(
        {"POST", "/api/v1/registrations", "Enter a registration record by hand (regulators of a county or above)",
         http::Access::kSignedIn, http::AuditKind::kChange, "registration"},
        Enter);
    router.Add({"GET", "/api/v1/registrations/todo",
                "Registrations whose institution has not filed yet, oldest first (the county's to-do)",
                http::Access::kSignedIn, http::AuditKind::kNone, "registration"},
               Todo);
    router.Add({"GET", "/api/v1/registrations/template", "The .xlsx template of a registration import",
                http::Access::kSignedIn, http::AuditKind::kNone, "registration"},
               Template);
    router.Add({"POST", "/api/v1/registrations/import", "Import registration records from a .csv or .xlsx file",
                http::Access::kSignedIn, http::AuditKind::kChange, "registration"},
               ImportRegistrations);
    router.Add({"GET", "/api/v1/registrations/{id}", "One registration version with its legal representative (audited)",
                http::Access::kSignedIn, http::AuditKind::kPersonalRead, "registration"},
               GetRegistration);
    router.Add({"GET", "/api/v1/institutions/{id}/registrations",
                "Every version of an institution's registration, with the fields each changed (audited)",
                http::Access::kSignedIn, http::AuditKind::kPersonalRead, "institution"},
               InstitutionHistory);
}

}  // namespace tuoyu::features
