#include "core/error.hpp"
#include "core/region_code.hpp"
#include "features/routes.hpp"
#include "features/staff/route_support.hpp"

// What regulators watch over staff: yearly duties due and overdue, the staff figures and staffing
// findings of institutions (持证率 among them), people employed twice, and the lifetime ban.
namespace tuoyu::features {

using access::Role;
using http::Context;
using staff::Json;

namespace {

void RequireRegulator(const Context& context) {
    context.RequireRole({Role::kAdmin, Role::kRegulator});
}

// An institution outside the caller's region stays outside it even in a cross-region alert: the
// regulator learns its county, and asks that county's regulator for the rest.
std::string CountyCode(const std::string& region_code) {
    return region_code.size() == 12 ? region_code.substr(0, 6) + "000000" : region_code;
}

std::string ScopeRegion(const Context& context) {
    return context.principal().role == Role::kAdmin ? "" : context.principal().region_code;
}

http::Response DueDuties(Context& context, const staff::Vault&) {
    staff::RequireReader(context);
    http::QueryParams params(context.request());
    staff::DueFilter filter;
    filter.region_code = params.RegionCode("region_code");
    filter.institution_id = params.Int("institution_id");
    const std::string status = params.String("status", 20).value_or("due");
    if (status != "due" && status != "overdue") {
        throw BadRequest("invalid_status", "status", "status 须为 due（含即将到期）或 overdue",
                         "status must be due (including soon due) or overdue");
    }
    filter.overdue_only = status == "overdue";
    const PageRequest page = params.Page({});
    params.Finish();
    const CivilDate today = ShanghaiDate(context.Now());
    storage::Transaction tx = context.services().database.Read();
    std::int64_t total = 0;
    const std::vector<staff::Record> records =
        staff::DueDuties(tx, context.principal().scope(), filter, today.ToString(),
                         today.AddDays(staff_rules::kDueSoonDays).ToString(), page, total);
    Json items = Json::array();
    for (const staff::Record& record : records) {
        items.push_back(staff::RecordJson(record, today));
    }
    Json reply = http::ListReply(std::move(items), total, page);
    context.Audit(tx, "duties", ScopeRegion(context), "", reply.dump());
    tx.Commit();
    return http::JsonReply(200, reply);
}

Json FiguresJson(const staff::Figures& figures) {
    return {{"institution_id", figures.institution_id},
            {"institution_name", figures.institution_name},
            {"region_code", figures.region_code},
            {"region_name", figures.region_name},
            {"status", figures.status},
            {"employed", figures.employed},
            {"caregivers", figures.caregivers},
            {"certified_caregivers", figures.certified},
            {"certified_rate", figures.caregivers == 0 ? Json(nullptr)
                                                       : Json(static_cast<double>(figures.certified) /
                                                              static_cast<double>(figures.caregivers))},
            {"overdue_duties", figures.overdue}};
}

// The staff figures of every institution in the scope, with each page's staffing findings counted.
http::Response Overview(Context& context, const staff::Vault&) {
    staff::RequireReader(context);
    http::QueryParams params(context.request());
    const std::optional<std::string> region_code = params.RegionCode("region_code");
    PageRequest page = params.Page({});
    params.Finish();
    // Each row runs the staffing check of its institution: a page holds at most 100.
    page.page_size = std::min<std::int64_t>(page.page_size, 100);
    const CivilDate today = ShanghaiDate(context.Now());
    storage::Transaction tx = context.services().database.Read();
    std::int64_t total = 0;
    staff::Figures sum;
    const std::vector<staff::Figures> figures =
        staff::InstitutionFigures(tx, context.principal().scope(), region_code, today.ToString(), page, total, sum);
    Json items = Json::array();
    for (const staff::Figures& item : figures) {
        Json json = FiguresJson(item);
        const std::optional<staff::InstitutionRef> institution =
            staff::FindInstitution(tx, Scope::All(), item.institution_id);
        const std::vector<standards::Finding> findings = staff::CheckInstitution(tx, *institution, today).findings;
        std::int64_t fails = 0;
        for (const standards::Finding& finding : findings) {
            fails += finding.severity == standards::Severity::kFail ? 1 : 0;
        }
        json["staffing_failures"] = fails;
        items.push_back(std::move(json));
    }
    Json reply = http::ListReply(std::move(items), total, page);
    reply["sum"] = FiguresJson(sum);
    reply["sum"].erase("institution_id");
    reply["sum"].erase("institution_name");
    reply["sum"].erase("status");
    reply["sum"]["region_code"] = region_code.value_or(ScopeRegion(context));
    reply["sum"].erase("region_name");
    tx.Commit();
    return http::JsonReply(200, reply);
}

http::Response MultiEmployment(Context& context, const staff::Vault&) {
    RequireRegulator(context);
    http::QueryParams params(context.request());
    params.Finish();
    const CivilDate today = ShanghaiDate(context.Now());
    storage::Transaction tx = context.services().database.Read();
    Json items = Json::array();
    for (const std::vector<staff::Record>& group : staff::MultiEmployment(tx, context.principal().scope(), 500)) {
        Json employments = Json::array();
        for (const staff::Record& record : group) {
            if (context.principal().scope().CoversRegion(record.region_code)) {
                employments.push_back(staff::RecordJson(record, today));
            } else {
                employments.push_back({{"outside_scope", true},
                                       {"county_code", CountyCode(record.region_code)},
                                       {"role", record.role},
                                       {"role_label", staff_rules::LabelZh(staff_rules::kRoles, record.role)},
                                       {"start_on", record.start_on}});
            }
        }
        items.push_back({{"name", group.front().name},
                         {"id_number_masked", group.front().id_masked},
                         {"employments", std::move(employments)}});
    }
    const Json reply{{"items", std::move(items)}, {"limit", 500}};
    context.Audit(tx, "multi-employment", ScopeRegion(context), "", reply.dump());
    tx.Commit();
    return http::JsonReply(200, reply);
}

http::Response ListBans(Context& context, const staff::Vault&) {
    RequireRegulator(context);
    http::QueryParams params(context.request());
    const PageRequest page = params.Page({});
    params.Finish();
    storage::Transaction tx = context.services().database.Read();
    std::int64_t total = 0;
    Json items = Json::array();
    for (const staff::Ban& ban : staff::ListBans(tx, context.principal().scope(), page, total)) {
        items.push_back({{"id", ban.id},
                         {"name", ban.name},
                         {"id_number_masked", ban.id_masked},
                         {"case_summary", ban.case_summary},
                         {"authority", ban.authority},
                         {"decided_on", ban.decided_on},
                         {"region_code", ban.region_code},
                         {"region_name", ban.region_name},
                         {"recorded_by", ban.recorded_by},
                         {"recorded_at", FormatIsoUtc(ban.created_at)}});
    }
    Json reply = http::ListReply(std::move(items), total, page);
    context.Audit(tx, "bans", ScopeRegion(context), "", reply.dump());
    tx.Commit();
    return http::JsonReply(200, reply);
}

// Recording a ban is a county-level act, like registration; the reply names the institutions that
// employ the person now, wherever they are, so that the regulator can act at once.
http::Response RecordBan(Context& context, const staff::Vault& vault_pointer) {
    context.RequireRole({Role::kRegulator});
    const crypto::IdentityVault& vault = staff::RequireVault(vault_pointer);
    const access::Principal& caller = context.principal();
    if (RegionCode::Level(caller.region_code) > 3) {
        throw ApiError(403, "county_level_required", "", "终身禁入须由县级及以上监管部门录入",
                       "A lifetime ban is recorded by regulators of a county or above");
    }
    http::JsonBody body(context.request());
    staff::Person person;
    person.name = body.RequiredString("name", 200);
    person.id_kind = body.OptionalString("id_kind", 40).value_or("resident_id");
    person.id_number = body.RequiredString("id_number", 40);
    const std::string case_summary = body.RequiredString("case_summary", 2000);
    const std::string authority = body.RequiredString("authority", 200);
    const std::string decided_on = body.RequiredString("decided_on", 20);
    body.Finish();
    const CivilDate today = ShanghaiDate(context.Now());
    // The identity checks of a staff record; the post and dates are not the ban's business.
    person.role = "other";
    person.education = "junior_high";
    person.start_on = today.ToString();
    if (std::optional<RowError> fault = staff::CheckPerson(person, today)) {
        staff::Refuse(*fault);
    }
    if (std::optional<RowError> fault = staff::CheckDate("decided_on", decided_on, today, true)) {
        staff::Refuse(*fault);
    }
    const std::string hash = vault.Hash(person.id_kind, person.id_number);
    storage::Transaction tx = context.services().database.Write();
    staff::LockIdentity(tx, hash);
    if (staff::BanExists(tx, hash)) {
        throw Conflict("already_banned", "id_number", "此人已在终身禁入名单中", "This person is already banned");
    }
    staff::NewBan ban{person.name,       hash,      staff::MaskedNumber(person.id_kind, person.id_number),
                      case_summary,      authority, decided_on,
                      caller.region_code};
    const std::int64_t id = staff::InsertBan(tx, ban, vault.version(), caller.user_id, context.Now());
    Json employed = Json::array();
    const std::vector<staff::Record> current = staff::EmployedByHash(tx, hash);
    // Where the person works now, the regulators of that region are alerted as for a refused hire; the
    // recording regulator sees the institutions of its own region, and the county of any other.
    const Scope scope = caller.scope();
    for (const staff::Record& record : current) {
        const staff::InstitutionRef institution{record.institution_id, record.institution_name, "", record.region_code,
                                                ""};
        staff::RecordBanAlerts(tx, {id, caller.region_code}, institution, record.name, "employed", caller.user_id,
                               context.Now());
        const bool inside = scope.CoversRegion(record.region_code);
        employed.push_back({{"institution_outside_scope", !inside},
                            {"staff_id", inside ? Json(record.id) : Json(nullptr)},
                            {"institution_id", inside ? Json(record.institution_id) : Json(nullptr)},
                            {"institution_name", inside ? record.institution_name : ""},
                            {"region_code", inside ? record.region_code : CountyCode(record.region_code)}});
    }
    const Json reply{{"id", id},
                     {"name", ban.name},
                     {"id_number_masked", ban.id_masked},
                     {"case_summary", case_summary},
                     {"authority", authority},
                     {"decided_on", decided_on},
                     {"region_code", caller.region_code},
                     {"employed_now", std::move(employed)}};
    context.Audit(tx, std::to_string(id), caller.region_code, "", reply.dump());
    tx.Commit();
    return http::JsonReply(201, reply);
}

http::Response ListAlerts(Context& context, const staff::Vault&) {
    RequireRegulator(context);
    http::QueryParams params(context.request());
    const PageRequest page = params.Page({});
    params.Finish();
    storage::Transaction tx = context.services().database.Read();
    std::int64_t total = 0;
    Json items = Json::array();
    const Scope scope = context.principal().scope();
    for (const staff::BanAlert& alert : staff::ListBanAlerts(tx, scope, page, total)) {
        const bool inside = scope.CoversRegion(alert.institution_region_code);
        items.push_back({{"id", alert.id},
                         {"ban_id", alert.ban_id},
                         {"banned_name", alert.ban_name},
                         {"ban_region_code", alert.ban_region_code},
                         {"region_code", alert.region_code},
                         {"institution_outside_scope", !inside},
                         {"institution_id", inside ? Json(alert.institution_id) : Json(nullptr)},
                         {"institution_name", inside ? alert.institution_name : ""},
                         {"institution_region_code",
                          inside ? alert.institution_region_code : CountyCode(alert.institution_region_code)},
                         {"attempted_name", alert.attempted_name},
                         {"channel", alert.channel},
                         {"attempted_by", inside ? alert.attempted_by : ""},
                         {"created_at", FormatIsoUtc(alert.created_at)}});
    }
    Json reply = http::ListReply(std::move(items), total, page);
    context.Audit(tx, "ban-alerts", ScopeRegion(context), "", reply.dump());
    tx.Commit();
    return http::JsonReply(200, reply);
}

}  // namespace

void RegisterStaffOversightRoutes(http::Router& router, std::shared_ptr<const crypto::IdentityVault> vault) {
    using http::Access;
    using http::AuditKind;
    auto bind = [&vault](http::Response (*handler)(Context&, const staff::Vault&)) {
        return http::BindValue(vault, handler);
    };
    router.Add({"GET", "/api/v1/staff/duties",
                "Yearly health examinations and hygiene training due or overdue in the caller's scope (audited)",
                Access::kSignedIn, AuditKind::kPersonalRead, "staff"},
               bind(DueDuties));
    router.Add({"GET", "/api/v1/staff/overview",
                "Staff figures per institution: employed, caregivers, 持证率, overdue duties, staffing failures",
                Access::kSignedIn, AuditKind::kNone, "institution"},
               bind(Overview));
    router.Add({"GET", "/api/v1/staff/multi-employment",
                "People employed by two or more institutions at once (regulators; audited)", Access::kSignedIn,
                AuditKind::kPersonalRead, "staff"},
               bind(MultiEmployment));
    router.Add({"GET", "/api/v1/bans", "The lifetime bans recorded in the caller's region (regulators; audited)",
                Access::kSignedIn, AuditKind::kPersonalRead, "ban"},
               bind(ListBans));
    router.Add({"POST", "/api/v1/bans", "Record a lifetime ban (终身禁入; regulators of a county or above)",
                Access::kSignedIn, AuditKind::kChange, "ban"},
               bind(RecordBan));
    router.Add({"GET", "/api/v1/bans/alerts",
                "Refused attempts to employ a banned person, for the regulators of both regions (audited)",
                Access::kSignedIn, AuditKind::kPersonalRead, "ban"},
               bind(ListAlerts));
}

}  // namespace tuoyu::features
