#include <cctype>

#include "core/error.hpp"
#include "features/filing/filing_json.hpp"
#include "features/filing/filing_service.hpp"
#include "features/filing/route_support.hpp"
#include "http/json_io.hpp"

namespace tuoyu::filing {

using access::Role;
using http::Context;

namespace {

// A filing is made by the institution's own administrator (备案办法 第8条: the institution files).
void RequireFiler(const Context& context) {
    context.RequireRole({Role::kInstitutionAdmin});
}

// The filing of the path, then its institution locked, then the filing again: what a change decides
// on is read after the lock, so two requests about one institution see each other's result.
std::pair<Institution, FilingRecord> LoadLocked(Context& context, storage::Transaction& tx) {
    const FilingRecord first = LoadFiling(context, tx);
    std::optional<Institution> institution =
        FindInstitution(tx, context.principal().scope(), first.institution_id, true);
    if (!institution) {
        throw NotFound("备案", "filing");
    }
    return {*institution, LoadFiling(context, tx)};
}

std::optional<Json> ReadFormField(http::JsonBody& body) {
    if (std::optional<Json> form = body.OptionalJson("form")) {
        return ReadForm(*form);
    }
    return std::nullopt;
}

std::optional<ChangeDeclaration> ReadChangeField(http::JsonBody& body) {
    if (std::optional<Json> change = body.OptionalJson("change")) {
        return ReadChange(*change);
    }
    return std::nullopt;
}

// {"signatory": "王园长", "accepted": true}: the 承诺书 is accepted by name, now.
std::optional<std::string> ReadCommitment(http::JsonBody& body) {
    std::optional<Json> commitment = body.OptionalJson("commitment");
    if (!commitment) {
        return std::nullopt;
    }
    if (!commitment->is_object()) {
        throw BadRequest("invalid_type", "commitment", "字段 commitment 应为对象",
                         "Field commitment must be an object");
    }
    for (auto it = commitment->begin(); it != commitment->end(); ++it) {
        if (it.key() != "signatory" && it.key() != "accepted") {
            throw BadRequest("unknown_field", "commitment." + it.key(), "未知字段 commitment." + it.key(),
                             "Unknown field commitment." + it.key());
        }
    }
    const Json accepted = commitment->value("accepted", Json());
    if (!accepted.is_boolean() || !accepted.get<bool>()) {
        throw BadRequest("commitment_not_accepted", "commitment.accepted", "须勾选同意备案承诺书",
                         "The commitment must be accepted (accepted: true)");
    }
    const Json signatory = commitment->value("signatory", Json());
    if (!signatory.is_string() || signatory.get<std::string>().empty() || signatory.get<std::string>().size() > 150) {
        throw BadRequest("required", "commitment.signatory", "须填写承诺人姓名（不超过50字）",
                         "The signatory's name is required (at most 50 characters)");
    }
    return signatory.get<std::string>();
}

struct FilingWorkRoutes {
    CalendarCachePtr calendar;

    std::optional<DeadlineStatus> Status(Context& context, storage::Transaction& tx, const FilingRecord& filing) const {
        if (filing.state != FilingState::kSubmitted) {
            return std::nullopt;
        }
        return StatusToday(filing, *calendar->Get(tx), Today(context));
    }

    http::Response ListForInstitution(Context& context) const {
        RequireReader(context);
        http::QueryParams params(context.request());
        params.Finish();
        storage::Transaction tx = context.services().database.Read();
        const Institution institution = LoadInstitution(context, tx, "id");
        Json items = Json::array();
        for (const FilingRecord& filing : ListFilings(tx, institution.id)) {
            items.push_back(FilingSummaryJson(filing, Status(context, tx, filing)));
        }
        tx.Commit();
        const std::int64_t total = static_cast<std::int64_t>(items.size());
        return http::JsonReply(
            200, Json{{"institution", InstitutionJson(institution)}, {"items", std::move(items)}, {"total", total}});
    }

    http::Response Create(Context& context) const {
        RequireFiler(context);
        storage::Transaction tx = context.services().database.Write();
        const Institution institution = LoadInstitution(context, tx, "id", true);
        http::JsonBody body(context.request());
        const std::string kind_code = body.RequiredString("kind", 20);
        const std::optional<FilingKind> kind = ParseFilingKind(kind_code);
        if (!kind) {
            throw BadRequest("invalid_value", "kind", "kind 须为 initial、change 或 relocation",
                             "kind must be initial, change or relocation");
        }
        const Json form = ReadFormField(body).value_or(Json::object());
        const std::optional<ChangeDeclaration> change = ReadChangeField(body);
        body.Finish();
        const FilingRecord filing = CreateFiling(tx, institution, *kind, form, change, ActorOf(context), context.Now());
        const Json reply = FilingDetailJson(filing, std::nullopt);
        context.Audit(tx, std::to_string(filing.id), institution.region_code, "", reply.dump());
        tx.Commit();
        return http::JsonReply(201, reply);
    }

    http::Response Get(Context& context) const {
        RequireReader(context);
        storage::Transaction tx = context.services().database.Read();
        const FilingRecord filing = LoadFiling(context, tx);
        const Json reply = FilingDetailJson(filing, Status(context, tx, filing));
        // The form names the head and the contacts: a read of personal data.
        context.Audit(tx, std::to_string(filing.id), filing.region_code, "", reply.dump());
        tx.Commit();
        return http::JsonReply(200, reply);
    }

    http::Response Edit(Context& context) const {
        RequireFiler(context);
        storage::Transaction tx = context.services().database.Write();
        const FilingRecord filing = LoadFiling(context, tx);
        http::JsonBody body(context.request());
        DraftEdit edit;
        edit.form = ReadFormField(body);
        edit.change = ReadChangeField(body);
        edit.signatory = ReadCommitment(body);
        body.Finish();
        const Json before = FilingDetailJson(filing, std::nullopt);
        const FilingRecord after = EditDraft(tx, filing, edit, context.Now());
        const Json reply = FilingDetailJson(after, std::nullopt);
        context.Audit(tx, std::to_string(filing.id), filing.region_code, before.dump(), reply.dump());
        tx.Commit();
        return http::JsonReply(200, reply);
    }

    // The body is the file itself (as the population import takes it): not JSON, not multipart.
    http::Response Upload(Context& context) const {
        RequireFiler(context);
        http::QueryParams params(context.request());
        const std::optional<std::string> kind = params.String("kind", 40);
        const std::string file_name = params.String("filename", 200).value_or("");
        params.Finish();
        storage::Transaction tx = context.services().database.Write();
        const FilingRecord filing = LoadFiling(context, tx);
        if (!kind) {
            throw BadRequest("required", "kind", "缺少参数 kind（材料类别）",
                             "Parameter kind (the material's kind) is required");
        }
        if (!IsMaterialKind(*kind)) {
            throw BadRequest("invalid_value", "kind",
                             "未知的材料类别 " + *kind +
                                 "（business_licence、site_proof、staff_certificates、hygiene_evaluation、fire_check、"
                                 "food_licence、other）",
                             "Unknown material kind " + *kind);
        }
        const std::string type = context.request().Header("content-type");
        if (type.rfind("application/json", 0) == 0 || type.rfind("multipart/", 0) == 0) {
            throw ApiError(415, "unsupported_media_type", "Content-Type",
                           "请求体须为文件本身（PDF、JPEG 或 PNG），不是 JSON 或 multipart",
                           "Send the file itself as the body (PDF, JPEG or PNG), not JSON or multipart");
        }
        const Material material =
            AddMaterial(tx, filing, *kind, file_name, context.request().body, ActorOf(context), context.Now());
        const Json reply = MaterialJson(material);
        context.Audit(tx, std::to_string(filing.id), filing.region_code, "", reply.dump());
        tx.Commit();
        return http::JsonReply(201, reply);
    }

    // Certificates name people: a download is an audited read of personal data.
    http::Response Download(Context& context) const {
        RequireReader(context);
        storage::Transaction tx = context.services().database.Read();
        const FilingRecord filing = LoadFiling(context, tx);
        const std::optional<Material> material = FindMaterial(tx, filing.id, context.IdParam("material_id"));
        if (!material) {
            throw NotFound("材料", "material");
        }
        http::Response response;
        response.body = ReadFile(tx, material->sha256);
        response.content_type = material->media_type;
        context.Audit(tx, std::to_string(material->id), filing.region_code, "", material->sha256);
        tx.Commit();
        response.headers.emplace_back("Content-Disposition", ContentDisposition(*material));
        return response;
    }

    http::Response RemoveFile(Context& context) const {
        RequireFiler(context);
        storage::Transaction tx = context.services().database.Write();
        const FilingRecord filing = LoadFiling(context, tx);
        const std::optional<Material> material = FindMaterial(tx, filing.id, context.IdParam("material_id"));
        if (!material) {
            throw NotFound("材料", "material");
        }
        RemoveMaterial(tx, filing, material->id);
        context.Audit(tx, std::to_string(material->id), filing.region_code, MaterialJson(*material).dump(), "");
        tx.Commit();
        return http::NoContent();
    }

    // The wizard's 预检: what a submission now would meet. Nothing is stored; the reply names no person.
    http::Response PrecheckFiling(Context& context) const {
        RequireReader(context);
        http::QueryParams params(context.request());
        params.Finish();
        storage::Transaction tx = context.services().database.Read();
        const FilingRecord filing = LoadFiling(context, tx);
        const std::optional<Institution> institution =
            FindInstitution(tx, context.principal().scope(), filing.institution_id, false);
        if (!institution) {
            throw NotFound("备案", "filing");
        }
        const Precheck precheck = Assess(tx, *institution, filing, context.Now());
        tx.Commit();
        return http::JsonReply(200, PrecheckJson(filing, precheck));
    }

    http::Response SubmitFiling(Context& context) const {
        RequireFiler(context);
        storage::Transaction tx = context.services().database.Write();
        auto [institution, filing] = LoadLocked(context, tx);
        const Json before = FilingSummaryJson(filing, std::nullopt);
        const std::shared_ptr<const WorkingDayCalendar> days = calendar->Get(tx);
        const FilingRecord submitted = Submit(tx, institution, filing, *days, ActorOf(context), context.Now());
        const Json reply = FilingDetailJson(submitted, StatusToday(submitted, *days, Today(context)));
        context.Audit(tx, std::to_string(filing.id), institution.region_code, before.dump(),
                      FilingSummaryJson(submitted, std::nullopt).dump());
        tx.Commit();
        return http::JsonReply(200, reply);
    }

    // RFC 6266: an ASCII fallback name and the real (UTF-8) one, percent-encoded.
    static std::string ContentDisposition(const Material& material) {
        std::string encoded;
        for (unsigned char c : material.file_name) {
            if (std::isalnum(c) != 0 || c == '.' || c == '-' || c == '_') {
                encoded.push_back(static_cast<char>(c));
            } else {
                static const char* kHex = "0123456789ABCDEF";
                encoded += '%';
                encoded += kHex[c >> 4];
                encoded += kHex[c & 15];
            }
        }
        const std::string extension = material.file_name.substr(material.file_name.find_last_of('.') + 1);
        return "attachment; filename=\"material-" + std::to_string(material.id) + "." + extension +
               "\"; filename*=UTF-8''" + encoded;
    }
};

}  // namespace

void RegisterFilingWorkRoutes(http::Router& router, CalendarCachePtr calendar) {
    auto routes = std::make_shared<FilingWorkRoutes>(FilingWorkRoutes{std::move(calendar)});
    auto bind = [routes](http::Response (FilingWorkRoutes::*handler)(Context&) const) {
        return [routes, handler](Context& context) { return ((*routes).*handler)(context); };
    };
    router.Add({"GET", "/api/v1/institutions/{id}/filings", "An institution's filings, newest first",
                http::Access::kSignedIn, http::AuditKind::kNone, "filing"},
               bind(&FilingWorkRoutes::ListForInstitution));
    router.Add({"POST", "/api/v1/institutions/{id}/filings", "Start a filing (a draft) of the caller's institution",
                http::Access::kSignedIn, http::AuditKind::kChange, "filing"},
               bind(&FilingWorkRoutes::Create));
    router.Add({"GET", "/api/v1/filings/{id}", "One filing with its form, materials, findings and deadlines",
                http::Access::kSignedIn, http::AuditKind::kPersonalRead, "filing"},
               bind(&FilingWorkRoutes::Get));
    router.Add({"PATCH", "/api/v1/filings/{id}", "Edit a draft filing: the form, the change, the commitment",
                http::Access::kSignedIn, http::AuditKind::kChange, "filing"},
               bind(&FilingWorkRoutes::Edit));
    router.Add({"POST", "/api/v1/filings/{id}/materials", "Upload one material (PDF, JPEG or PNG) to a draft filing",
                http::Access::kSignedIn, http::AuditKind::kChange, "filing"},
               bind(&FilingWorkRoutes::Upload));
    router.Add({"GET", "/api/v1/filings/{id}/materials/{material_id}", "Download one material of a filing",
                http::Access::kSignedIn, http::AuditKind::kPersonalRead, "filing_material"},
               bind(&FilingWorkRoutes::Download));
    router.Add({"DELETE", "/api/v1/filings/{id}/materials/{material_id}", "Remove a material from a draft filing",
                http::Access::kSignedIn, http::AuditKind::kChange, "filing_material"},
               bind(&FilingWorkRoutes::RemoveFile));
    router.Add({"GET", "/api/v1/filings/{id}/precheck",
                "What submitting the draft now would meet: the gaps and the standards findings",
                http::Access::kSignedIn, http::AuditKind::kNone, "filing"},
               bind(&FilingWorkRoutes::PrecheckFiling));
    router.Add({"POST", "/api/v1/filings/{id}/submit", "Submit a draft filing for review", http::Access::kSignedIn,
                http::AuditKind::kChange, "filing"},
               bind(&FilingWorkRoutes::SubmitFiling));
}

}  // namespace tuoyu::filing
