#include <algorithm>

#include "core/error.hpp"
#include "features/disclosure/public_store.hpp"
#include "features/disclosure/puhui_service.hpp"
#include "features/disclosure/route_support.hpp"
#include "http/json_io.hpp"

// The routes anyone may call without signing in (RULES N50 信息公示; issue 5, part 8): reads of what is
// disclosed, and objections to a 普惠 publicity list during its period. Credentials sent to them are not
// looked at, so a signed-in user and a passer-by get the same answers.
namespace tuoyu::disclosure {

using http::Context;

namespace {

// One sender: ten objections in ten minutes, enough for a family and too few for a flood.
constexpr std::size_t kObjectionsPerSender = 10;
constexpr std::int64_t kSenderWindowMillis = 10 * 60 * 1000;

const std::vector<std::string> kKinds = {"institution", "home_point"};
const std::vector<std::string> kServiceModes = {"full_day", "half_day", "hourly", "temporary"};

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

PageRequest PublicPage(http::QueryParams& params, const std::vector<std::string>& sortable) {
    const PageRequest page = params.Page(sortable);
    if (page.page_size > kMaxPublicPageSize) {
        throw BadRequest("invalid_page_size", "page_size", "每页条数须在 1 到 100 之间",
                         "page_size must be between 1 and 100");
    }
    return page;
}

// A path id that is not a positive number names nothing.
std::int64_t PathId(const Context& context, const std::string& what_zh, const std::string& what_en) {
    const std::string text = context.Param("id");
    if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos) {
        throw NotFound(what_zh, what_en);
    }
    return std::stoll(text);
}

struct PublicRoutes {
    std::shared_ptr<SenderThrottle> throttle;

    http::Response Institutions(Context& context) const {
        http::QueryParams params(context.request());
        PublicFilter filter;
        filter.region_code = params.RegionCode("region_code");
        filter.kind = OneOf(params, "kind", kKinds);
        filter.puhui = params.Bool("puhui");
        filter.service_mode = OneOf(params, "service_mode", kServiceModes);
        filter.name = params.String("q", 64).value_or("");
        const PageRequest page = PublicPage(params, {std::begin(kPublicSortFields), std::end(kPublicSortFields)});
        params.Finish();
        storage::Transaction tx = context.services().database.Read();
        const Json reply = PublicInstitutions(tx, filter, page);
        tx.Commit();
        return http::JsonReply(200, reply);
    }

    http::Response Institution(Context& context) const {
        const std::int64_t id = PathId(context, "机构", "institution");
        storage::Transaction tx = context.services().database.Read();
        const Json reply = PublicInstitution(tx, id);
        tx.Commit();
        if (reply.is_null()) {
            throw NotFound("机构", "institution");
        }
        return http::JsonReply(200, reply);
    }

    http::Response Regions(Context& context) const {
        http::QueryParams params(context.request());
        const std::optional<std::string> parent = params.RegionCode("parent");
        params.Finish();
        storage::Transaction tx = context.services().database.Read();
        const Json items = PublicRegions(tx, parent);
        tx.Commit();
        return http::JsonReply(200, Json{{"items", items}});
    }

    http::Response Decisions(Context& context) const {
        http::QueryParams params(context.request());
        DecisionFilter filter;
        filter.region_code = params.RegionCode("region_code");
        filter.type = OneOf(params, "type", {"filing_rejection", "puhui_list"});
        const PageRequest page = PublicPage(params, {});
        params.Finish();
        storage::Transaction tx = context.services().database.Read();
        const Json reply = PublicDecisions(tx, filter, page, ShanghaiDate(context.Now()));
        tx.Commit();
        return http::JsonReply(200, reply);
    }

    http::Response List(Context& context) const {
        const std::int64_t id = PathId(context, "公示名单", "publicity list");
        storage::Transaction tx = context.services().database.Read();
        const Json reply = PublicList(tx, id, ShanghaiDate(context.Now()));
        tx.Commit();
        if (reply.is_null()) {
            throw NotFound("公示名单", "publicity list");
        }
        return http::JsonReply(200, reply);
    }

    // An objection from anyone: the text is required, a name and a way to reach the sender are not.
    http::Response Object(Context& context) const {
        const std::int64_t list_id = PathId(context, "公示名单", "publicity list");
        http::JsonBody body(context.request());
        NewObjection objection;
        const std::optional<std::int64_t> entry = body.OptionalInt("entry_id");
        if (!entry) {
            throw BadRequest("required", "entry_id", "请选择异议针对的机构", "Say which entry the objection is about");
        }
        objection.entry_id = *entry;
        objection.text = body.RequiredString("text", 1000);
        if (objection.text.find_first_not_of(" \t\r\n") == std::string::npos) {
            throw BadRequest("required", "text", "请填写异议内容", "The objection's text is required");
        }
        objection.name = body.OptionalString("name", 50).value_or("");
        objection.contact = body.OptionalString("contact", 100).value_or("");
        body.Finish();
        const std::string sender = context.request().remote_address;
        if (!throttle->Allowed(sender, context.Now())) {
            throw ApiError(429, "too_many_objections", "", "提交过于频繁，请稍后再试",
                           "Too many objections from this address; try again later");
        }
        storage::Transaction tx = context.services().database.Write();
        std::optional<PublicityList> list = FindList(tx, Scope::All(), list_id, true);
        if (!list) {
            throw NotFound("公示名单", "publicity list");
        }
        const std::int64_t id = Lodge(tx, *list, objection, context.Now());
        const Json reply{{"id", id},
                         {"list_id", list->id},
                         {"entry_id", objection.entry_id},
                         {"lodged_on", ShanghaiDate(context.Now()).ToString()},
                         {"state", objection_state::kOpen}};
        context.Audit(tx, std::to_string(id), list->county_code, "",
                      Json{{"entry_id", objection.entry_id},
                           {"text", objection.text},
                           {"name", objection.name},
                           {"contact", objection.contact}}
                          .dump());
        tx.Commit();
        throttle->Record(sender, context.Now());
        return http::JsonReply(201, reply);
    }
};

}  // namespace

void RegisterPublicRoutes(http::Router& router) {
    auto routes = std::make_shared<PublicRoutes>(
        PublicRoutes{std::make_shared<SenderThrottle>(kObjectionsPerSender, kSenderWindowMillis)});
    using http::Access;
    using http::AuditKind;
    router.Add({"GET", "/api/v1/public/institutions", "Institutions that may operate, with their disclosed facts",
                Access::kPublic, AuditKind::kNone, "institution"},
               [routes](Context& context) { return routes->Institutions(context); });
    router.Add({"GET", "/api/v1/public/institutions/{id}", "One operating institution's disclosed facts",
                Access::kPublic, AuditKind::kNone, "institution"},
               [routes](Context& context) { return routes->Institution(context); });
    router.Add({"GET", "/api/v1/public/regions", "Regions with operating institutions, one level at a time",
                Access::kPublic, AuditKind::kNone, "region"},
               [routes](Context& context) { return routes->Regions(context); });
    router.Add({"GET", "/api/v1/public/decisions", "Published decisions: rejected filings and 普惠 publicity lists",
                Access::kPublic, AuditKind::kNone, "decision"},
               [routes](Context& context) { return routes->Decisions(context); });
    router.Add({"GET", "/api/v1/public/puhui-lists/{id}", "One 普惠 publicity list as published", Access::kPublic,
                AuditKind::kNone, "puhui_list"},
               [routes](Context& context) { return routes->List(context); });
    router.Add({"POST", "/api/v1/public/puhui-lists/{id}/objections",
                "Object to an entry of a 普惠 list during its publicity period (anyone)", Access::kPublic,
                AuditKind::kChange, "puhui_objection"},
               [routes](Context& context) { return routes->Object(context); });
}

}  // namespace tuoyu::disclosure
