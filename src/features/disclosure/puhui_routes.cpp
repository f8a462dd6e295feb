#include "core/error.hpp"
#include "core/region_code.hpp"
#include "features/disclosure/puhui_service.hpp"
#include "features/disclosure/route_support.hpp"
#include "http/json_io.hpp"

namespace tuoyu::disclosure {

using access::Role;
using http::Context;

namespace {

std::int64_t RequiredInt(http::JsonBody& body, const std::string& field, std::int64_t min, std::int64_t max) {
    const std::optional<std::int64_t> value = body.OptionalInt(field);
    if (!value) {
        throw BadRequest("required", field, "缺少必填字段 " + field, "Field " + field + " is required");
    }
    if (*value < min || *value > max) {
        throw BadRequest("invalid_value", field,
                         "字段 " + field + " 须在 " + std::to_string(min) + " 到 " + std::to_string(max) + " 之间",
                         "Field " + field + " must be between " + std::to_string(min) + " and " + std::to_string(max));
    }
    return *value;
}

std::string RequiredText(http::JsonBody& body, const std::string& field, std::size_t max_length) {
    const std::string text = body.RequiredString(field, max_length);
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
        throw BadRequest("required", field, "缺少必填字段 " + field, "Field " + field + " is required");
    }
    return text;
}

std::vector<std::string> ReadReasons(http::JsonBody& body) {
    return body.RequiredStringList("reasons", 20, 500, "不予认定须写明理由（至少一条）",
                                   "A rejection needs its reasons (at least one)");
}

void RequireReader(const Context& context) {
    context.RequireRole({Role::kAdmin, Role::kRegulator, Role::kInstitutionAdmin, Role::kInstitutionStaff});
}

std::optional<std::string> OneOf(http::QueryParams& params, const std::string& name,
                                 std::initializer_list<const char*> allowed) {
    std::optional<std::string> value = params.String(name, 20);
    if (!value) {
        return value;
    }
    std::string list;
    for (const char* code : allowed) {
        if (*value == code) {
            return value;
        }
        list += (list.empty() ? "" : ", ") + std::string(code);
    }
    throw BadRequest("invalid_value", name, name + " 须为以下之一：" + list, name + " must be one of: " + list);
}

InstitutionFacts LoadInstitution(Context& context, storage::Transaction& tx, std::int64_t id, bool lock) {
    std::optional<InstitutionFacts> institution = FindInstitution(tx, context.principal().scope(), id, lock);
    if (!institution) {
        throw NotFound("机构", "institution");
    }
    return *institution;
}

Application LoadApplication(Context& context, storage::Transaction& tx) {
    std::optional<Application> application = FindApplication(tx, context.principal().scope(), context.IdParam("id"));
    if (!application) {
        throw NotFound("普惠认定申请", "application");
    }
    return *application;
}

PublicityList LoadList(Context& context, storage::Transaction& tx, std::int64_t id, bool lock) {
    std::optional<PublicityList> list = FindList(tx, context.principal().scope(), id, lock);
    if (!list) {
        throw NotFound("公示名单", "publicity list");
    }
    return *list;
}

Json StatusJson(const InstitutionFacts& institution, const std::optional<Recognition>& current,
                const std::vector<Recognition>& recognitions, const std::vector<Application>& applications) {
    Json history = Json::array();
    for (const Recognition& recognition : recognitions) {
        history.push_back(RecognitionJson(recognition));
    }
    Json applied = Json::array();
    for (const Application& application : applications) {
        applied.push_back(ApplicationJson(application));
    }
    return {{"institution_id", institution.id},
            {"institution_name", institution.name},
            {"region_code", institution.region_code},
            {"status", lifecycle::Code(institution.status)},
            {"may_apply", MayApply(institution.status)},
            {"puhui", current.has_value()},
            {"puhui_since", current ? Json(current->effective_from) : Json()},
            {"fee_per_month_yuan", current ? Json(current->fee_per_month_yuan) : Json()},
            {"slots", current ? Json(current->slots) : Json()},
            {"recognitions", history},
            {"applications", applied}};
}

struct PuhuiRoutes {
    CalendarCachePtr calendar;

    // The institution's administrator applies for its own institution.
    http::Response Apply(Context& context) const {
        context.RequireRole({Role::kInstitutionAdmin});
        http::JsonBody body(context.request());
        const std::int64_t institution_id = RequiredInt(body, "institution_id", 1, INT64_MAX);
        ApplicationInput input;
        input.fee_per_month_yuan = RequiredInt(body, "fee_per_month_yuan", 1, 100'000);
        input.slots = RequiredInt(body, "slots", 1, 10'000);
        input.note = body.OptionalString("note", 500).value_or("");
        body.Finish();
        storage::Transaction tx = context.services().database.Write();
        const InstitutionFacts institution = LoadInstitution(context, tx, institution_id, true);
        const Application application = disclosure::Apply(tx, institution, input, ActorOf(context), context.Now());
        const Json reply = ApplicationJson(application);
        context.Audit(tx, std::to_string(application.id), institution.region_code, "", reply.dump());
        tx.Commit();
        return http::JsonReply(201, reply);
    }

    http::Response ListApplications(Context& context) const {
        RequireReader(context);
        http::QueryParams params(context.request());
        ApplicationQuery query;
        query.state = OneOf(params, "state",
                            {application_state::kSubmitted, application_state::kApproved, application_state::kRejected,
                             application_state::kListed, application_state::kRecognised, application_state::kDropped});
        query.region_code = params.RegionCode("region_code");
        query.institution_id = params.Int("institution_id");
        const PageRequest page = params.Page({std::begin(kApplicationSortFields), std::end(kApplicationSortFields)});
        params.Finish();
        query.sort = page.sort.empty() ? "id" : page.sort;
        // Newest first unless asked otherwise.
        query.descending = page.sort.empty() || page.descending;
        query.limit = page.page_size;
        query.offset = page.offset();
        storage::Transaction tx = context.services().database.Read();
        std::int64_t total = 0;
        Json items = Json::array();
        for (const Application& application :
             disclosure::ListApplications(tx, context.principal().scope(), query, total)) {
            items.push_back(ApplicationJson(application));
        }
        tx.Commit();
        return http::JsonReply(200, http::ListReply(std::move(items), total, page));
    }

    http::Response Decide(Context& context, bool approve) const {
        RequireReviewer(context);
        storage::Transaction tx = context.services().database.Write();
        const Application first = LoadApplication(context, tx);
        // The institution's row serialises decisions about it.
        LoadInstitution(context, tx, first.institution_id, true);
        const Application application = LoadApplication(context, tx);
        http::JsonBody body(context.request());
        std::vector<std::string> reasons;
        if (!approve) {
            reasons = ReadReasons(body);
        }
        const std::string note = body.OptionalString("note", 500).value_or("");
        body.Finish();
        const Application decided = approve ? Approve(tx, application, note, ActorOf(context), context.Now())
                                            : Reject(tx, application, reasons, note, ActorOf(context), context.Now());
        const Json reply = ApplicationJson(decided);
        context.Audit(tx, std::to_string(decided.id), decided.region_code, ApplicationJson(application).dump(),
                      reply.dump());
        tx.Commit();
        return http::JsonReply(200, reply);
    }

    http::Response Publish(Context& context) const {
        RequireReviewer(context);
        http::JsonBody body(context.request());
        const std::string county = http::RequireRegionCode(body.RequiredString("county_code", 12), "county_code");
        const std::string title = body.OptionalString("title", 100).value_or("");
        body.Finish();
        if (RegionCode::Level(county) != 3) {
            throw BadRequest("not_a_county", "county_code", "公示名单按县（市、区）发布，请给出县级区划代码",
                             "A list is published per county: give a county-level code");
        }
        if (!context.principal().scope().CoversRegion(county)) {
            throw OutOfScope();
        }
        storage::Transaction tx = context.services().database.Write();
        // RULES S21 (seed 003 五(三)): the list is open for objections for the working days in force.
        const int working_days = IntegerParameter(tx, "puhui_publicity_working_days", county);
        const std::shared_ptr<const WorkingDayCalendar> days = calendar->Get(tx);
        const PublicityList list =
            disclosure::Publish(tx, county, title, *days, working_days, ActorOf(context), context.Now());
        const Json reply = ListJson(list);
        context.Audit(tx, std::to_string(list.id), county, "", reply.dump());
        tx.Commit();
        return http::JsonReply(201, reply);
    }

    http::Response ListLists(Context& context) const {
        context.RequireRole({Role::kAdmin, Role::kRegulator});
        http::QueryParams params(context.request());
        ListQuery query;
        query.region_code = params.RegionCode("region_code");
        query.state = OneOf(params, "state", {list_state::kPublicity, list_state::kConfirmed});
        const PageRequest page = params.Page({});
        params.Finish();
        query.limit = page.page_size;
        query.offset = page.offset();
        storage::Transaction tx = context.services().database.Read();
        std::int64_t total = 0;
        std::vector<PublicityList> lists = disclosure::ListLists(tx, context.principal().scope(), query, total);
        std::vector<std::int64_t> ids;
        for (const PublicityList& list : lists) {
            ids.push_back(list.id);
        }
        for (const ListEntry& entry : EntriesOf(tx, ids)) {
            for (PublicityList& list : lists) {
                if (list.id == entry.list_id) {
                    list.entries.push_back(entry);
                }
            }
        }
        const CivilDate today = ShanghaiDate(context.Now());
        Json items = Json::array();
        for (const PublicityList& list : lists) {
            Json item = ListJson(list);
            item["taking_objections"] = TakesObjections(list, today);
            item["may_confirm"] = list.state == list_state::kPublicity && PeriodOver(list, today);
            items.push_back(std::move(item));
        }
        tx.Commit();
        Json reply = http::ListReply(std::move(items), total, page);
        reply["today"] = today.ToString();
        return http::JsonReply(200, reply);
    }

    // The list with its objections: the objectors' names and contacts are personal data, so every
    // read is audited.
    http::Response GetList(Context& context) const {
        context.RequireRole({Role::kAdmin, Role::kRegulator});
        storage::Transaction tx = context.services().database.Read();
        const PublicityList list = LoadList(context, tx, context.IdParam("id"), false);
        Json reply = ListJson(list);
        const CivilDate today = ShanghaiDate(context.Now());
        reply["taking_objections"] = TakesObjections(list, today);
        reply["may_confirm"] = list.state == list_state::kPublicity && PeriodOver(list, today);
        reply["today"] = today.ToString();
        Json objections = Json::array();
        for (const Objection& objection : ListObjections(tx, list.id)) {
            objections.push_back(ObjectionJson(objection));
        }
        reply["objections"] = objections;
        context.Audit(tx, std::to_string(list.id), list.county_code, "", reply.dump());
        tx.Commit();
        return http::JsonReply(200, reply);
    }

    http::Response Confirm(Context& context) const {
        RequireReviewer(context);
        http::JsonBody body(context.request());
        body.Finish();
        storage::Transaction tx = context.services().database.Write();
        const PublicityList list = LoadList(context, tx, context.IdParam("id"), true);
        const PublicityList confirmed = disclosure::Confirm(tx, list, ActorOf(context), context.Now());
        const Json reply = ListJson(confirmed);
        context.Audit(tx, std::to_string(list.id), list.county_code, ListJson(list).dump(), reply.dump());
        tx.Commit();
        return http::JsonReply(200, reply);
    }

    http::Response ResolveObjection(Context& context) const {
        RequireReviewer(context);
        http::JsonBody body(context.request());
        const std::string outcome = body.RequiredString("outcome", 20);
        if (outcome != objection_state::kUpheld && outcome != objection_state::kDismissed) {
            throw BadRequest("invalid_value", "outcome", "outcome 须为 upheld（异议成立）或 dismissed（异议不成立）",
                             "outcome must be upheld or dismissed");
        }
        const std::string resolution = RequiredText(body, "resolution", 1000);
        body.Finish();
        storage::Transaction tx = context.services().database.Write();
        std::optional<Objection> objection = FindObjection(tx, context.principal().scope(), context.IdParam("id"));
        if (!objection) {
            throw NotFound("异议", "objection");
        }
        const PublicityList list = LoadList(context, tx, objection->list_id, true);
        objection = FindObjection(tx, context.principal().scope(), objection->id);
        disclosure::Resolve(tx, list, *objection, outcome == objection_state::kUpheld, resolution, ActorOf(context),
                            context.Now());
        const Objection resolved = *FindObjection(tx, context.principal().scope(), objection->id);
        const Json reply = ObjectionJson(resolved);
        context.Audit(tx, std::to_string(resolved.id), list.county_code, ObjectionJson(*objection).dump(),
                      reply.dump());
        tx.Commit();
        return http::JsonReply(200, reply);
    }

    http::Response Revoke(Context& context) const {
        RequireReviewer(context);
        http::JsonBody body(context.request());
        const std::string reason = RequiredText(body, "reason", 500);
        body.Finish();
        storage::Transaction tx = context.services().database.Write();
        const InstitutionFacts institution = LoadInstitution(context, tx, context.IdParam("id"), true);
        const Json before = StatusJson(institution, CurrentRecognition(tx, institution.id), {}, {});
        disclosure::Revoke(tx, institution, reason, ActorOf(context), context.Now());
        const Json reply = StatusJson(institution, CurrentRecognition(tx, institution.id),
                                      Recognitions(tx, institution.id), InstitutionApplications(tx, institution.id));
        context.Audit(tx, std::to_string(institution.id), institution.region_code, before.dump(), reply.dump());
        tx.Commit();
        return http::JsonReply(200, reply);
    }

    http::Response Status(Context& context) const {
        RequireReader(context);
        storage::Transaction tx = context.services().database.Read();
        const InstitutionFacts institution = LoadInstitution(context, tx, context.IdParam("id"), false);
        const Json reply = StatusJson(institution, CurrentRecognition(tx, institution.id),
                                      Recognitions(tx, institution.id), InstitutionApplications(tx, institution.id));
        tx.Commit();
        return http::JsonReply(200, reply);
    }
};

}  // namespace

void RegisterPuhuiRoutes(http::Router& router, CalendarCachePtr calendar) {
    auto routes = std::make_shared<PuhuiRoutes>(PuhuiRoutes{std::move(calendar)});
    using http::Access;
    using http::AuditKind;
    router.Add({"POST", "/api/v1/puhui/applications", "Apply for 普惠 recognition of one's own filed institution",
                Access::kSignedIn, AuditKind::kChange, "puhui_application"},
               [routes](Context& context) { return routes->Apply(context); });
    router.Add({"GET", "/api/v1/puhui/applications", "普惠 applications within the caller's scope", Access::kSignedIn,
                AuditKind::kNone, "puhui_application"},
               [routes](Context& context) { return routes->ListApplications(context); });
    router.Add(
        {"POST", "/api/v1/puhui/applications/{id}/approve", "Approve a 普惠 application (county health department)",
         Access::kSignedIn, AuditKind::kChange, "puhui_application"},
        [routes](Context& context) { return routes->Decide(context, true); });
    router.Add({"POST", "/api/v1/puhui/applications/{id}/reject", "Reject a 普惠 application with reasons",
                Access::kSignedIn, AuditKind::kChange, "puhui_application"},
               [routes](Context& context) { return routes->Decide(context, false); });
    router.Add({"POST", "/api/v1/puhui/lists", "Publish the county's approved applications as a dated publicity list",
                Access::kSignedIn, AuditKind::kChange, "puhui_list"},
               [routes](Context& context) { return routes->Publish(context); });
    router.Add({"GET", "/api/v1/puhui/lists", "Publicity lists of the counties within the caller's scope",
                Access::kSignedIn, AuditKind::kNone, "puhui_list"},
               [routes](Context& context) { return routes->ListLists(context); });
    router.Add({"GET", "/api/v1/puhui/lists/{id}", "A publicity list with its objections (audited)", Access::kSignedIn,
                AuditKind::kPersonalRead, "puhui_list"},
               [routes](Context& context) { return routes->GetList(context); });
    router.Add({"POST", "/api/v1/puhui/lists/{id}/confirm",
                "Confirm a list after its publicity period: its institutions become 普惠", Access::kSignedIn,
                AuditKind::kChange, "puhui_list"},
               [routes](Context& context) { return routes->Confirm(context); });
    router.Add({"POST", "/api/v1/puhui/objections/{id}/resolve",
                "Resolve an objection: upheld drops the institution from the list", Access::kSignedIn,
                AuditKind::kChange, "puhui_objection"},
               [routes](Context& context) { return routes->ResolveObjection(context); });
    router.Add({"GET", "/api/v1/puhui/institutions/{id}", "An institution's 普惠 status, recognitions and applications",
                Access::kSignedIn, AuditKind::kNone, "institution"},
               [routes](Context& context) { return routes->Status(context); });
    router.Add({"POST", "/api/v1/puhui/institutions/{id}/revoke", "Revoke an institution's 普惠 status (dated)",
                Access::kSignedIn, AuditKind::kChange, "puhui_recognition"},
               [routes](Context& context) { return routes->Revoke(context); });
}

}  // namespace tuoyu::disclosure
