#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/lifecycle.hpp"
#include "features/routes.hpp"
#include "features/staff/route_support.hpp"
#include "io/xlsx.hpp"

namespace tuoyu::features {

using access::Role;
using http::Context;
using staff::Json;

namespace {

constexpr const char* kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// Checked before it is narrowed to an int: 4294967301 is not 5 years.
std::optional<int> ExperienceYears(http::JsonBody& body) {
    const std::optional<std::int64_t> years = body.OptionalInt("experience_years");
    if (years && (*years < 0 || *years > 60)) {
        throw ApiError(422, "out_of_range", "experience_years", "从业年限须在 0 至 60 年之间",
                       "Years of experience are between 0 and 60");
    }
    return years ? std::optional<int>(static_cast<int>(*years)) : std::nullopt;
}

// Nobody is employed by an institution that has closed or whose registration is cancelled.
void RequireOpen(const staff::InstitutionRef& institution) {
    const std::optional<lifecycle::Status> status = lifecycle::ParseStatus(institution.status);
    if (status && lifecycle::IsFinal(*status)) {
        throw Conflict("institution_closed", "", "机构已停办，不能录用人员",
                       "The institution has closed: nobody can be employed");
    }
}

staff::Person PersonFromBody(http::JsonBody& body) {
    staff::Person person;
    person.name = body.RequiredString("name", 200);
    person.id_kind = body.OptionalString("id_kind", 40).value_or("resident_id");
    person.id_number = body.RequiredString("id_number", 40);
    person.role = body.RequiredString("role", 40);
    person.education = body.RequiredString("education", 40);
    person.experience_years = ExperienceYears(body).value_or(0);
    person.phone = body.OptionalString("phone", 40).value_or("");
    person.start_on = body.RequiredString("start_on", 20);
    person.last_health_exam = body.OptionalString("last_health_exam", 20);
    person.last_hygiene_training = body.OptionalString("last_hygiene_training", 20);
    body.Finish();
    return person;
}

[[noreturn]] void RefuseBanned() {
    throw ApiError(409, "person_not_employable", "id_number", "此人依法不得从事托育服务工作，不能录用",
                   "This person may not be employed in childcare");
}

// The staff record of the path's {id} in the caller's scope, or 404.
staff::Record RecordInScope(storage::Transaction& tx, const Context& context) {
    std::optional<staff::Record> record = staff::Find(tx, context.principal().scope(), context.IdParam("id"));
    if (!record) {
        throw NotFound("从业人员", "staff member");
    }
    return *record;
}

staff::Record EmployedInScope(storage::Transaction& tx, const Context& context) {
    staff::Record record = RecordInScope(tx, context);
    if (!record.end_on.empty()) {
        throw Conflict("employment_ended", "", "此人已离职，记录不能再更改",
                       "This employment has ended; the record is closed");
    }
    return record;
}

http::Response ListStaff(Context& context, const staff::Vault&) {
    staff::RequireReader(context);
    http::QueryParams params(context.request());
    staff::ListFilter filter;
    filter.keyword = params.String("q", 50).value_or("");
    filter.role = params.String("role", 40);
    if (filter.role && !staff_rules::CodeOf(staff_rules::kRoles, *filter.role)) {
        throw BadRequest("invalid_role", "role", "未知的岗位 " + *filter.role, "Unknown post " + *filter.role);
    }
    filter.include_ended = params.Bool("include_ended").value_or(false);
    const PageRequest page = params.Page({std::begin(staff::kSortFields), std::end(staff::kSortFields)});
    params.Finish();
    storage::Transaction tx = context.services().database.Read();
    const staff::InstitutionRef institution = staff::InstitutionInScope(tx, context);
    std::int64_t total = 0;
    const std::vector<staff::Record> records = staff::List(tx, institution.id, filter, page, total);
    const CivilDate today = ShanghaiDate(context.Now());
    Json items = Json::array();
    for (const staff::Record& record : records) {
        items.push_back(staff::RecordJson(record, today));
    }
    Json reply = http::ListReply(std::move(items), total, page);
    context.Audit(tx, std::to_string(institution.id), institution.region_code, "", reply.dump());
    tx.Commit();
    return http::JsonReply(200, reply);
}

http::Response Hire(Context& context, const staff::Vault& vault_pointer) {
    staff::RequireWriter(context);
    const crypto::IdentityVault& vault = staff::RequireVault(vault_pointer);
    http::JsonBody body(context.request());
    staff::Person person = PersonFromBody(body);
    const CivilDate today = ShanghaiDate(context.Now());
    if (std::optional<RowError> fault = staff::CheckPerson(person, today)) {
        staff::Refuse(*fault);
    }
    const std::string hash = vault.Hash(person.id_kind, person.id_number);
    storage::Transaction tx = context.services().database.Write();
    const staff::InstitutionRef institution = staff::InstitutionInScope(tx, context);
    RequireOpen(institution);
    staff::LockIdentity(tx, hash);
    if (std::optional<staff::BanHit> hit = staff::FindBan(tx, hash)) {
        // The refusal and its alerts are kept; the institution learns only that the person cannot be employed.
        staff::RecordBanAlerts(tx, *hit, institution, person.name, "hire", context.principal().user_id, context.Now());
        context.Audit(tx, std::to_string(institution.id), institution.region_code, "",
                      Json{{"refused", "person_not_employable"}}.dump(), "denied");
        tx.Commit();
        RefuseBanned();
    }
    if (staff::EmployedAt(tx, institution.id, hash)) {
        throw Conflict("already_employed", "id_number", "此人已在本机构在职", "This person is already employed here");
    }
    const std::int64_t id =
        staff::Insert(tx, vault, person, institution.id, context.principal().user_id, context.Now());
    const Json reply = staff::RecordJson(*staff::Find(tx, context.principal().scope(), id), today);
    context.Audit(tx, std::to_string(id), institution.region_code, "", reply.dump());
    tx.Commit();
    return http::JsonReply(201, reply);
}

http::Response GetStaff(Context& context, const staff::Vault&) {
    staff::RequireReader(context);
    storage::Transaction tx = context.services().database.Read();
    const staff::Record record = RecordInScope(tx, context);
    const CivilDate today = ShanghaiDate(context.Now());
    Json reply = staff::RecordJson(record, today);
    Json documents = Json::array();
    for (const staff::Document& document : staff::Documents(tx, record.id)) {
        documents.push_back(staff::DocumentJson(document, today));
    }
    Json history = Json::array();
    for (const staff::Duty& duty : staff::Duties(tx, record.id)) {
        history.push_back({{"id", duty.id},
                           {"kind", duty.kind},
                           {"label", staff_rules::LabelZh(staff_rules::kDutyKinds, duty.kind)},
                           {"done_on", duty.done_on},
                           {"passed", duty.passed},
                           {"note", duty.note}});
    }
    reply["documents"] = std::move(documents);
    reply["duty_history"] = std::move(history);
    context.Audit(tx, std::to_string(record.id), record.region_code, "", reply.dump());
    tx.Commit();
    return http::JsonReply(200, reply);
}

// The full number, for the institution's administrator (contracts, insurance) and regulators (checks).
http::Response RevealIdNumber(Context& context, const staff::Vault& vault_pointer) {
    context.RequireRole({Role::kRegulator, Role::kInstitutionAdmin});
    const crypto::IdentityVault& vault = staff::RequireVault(vault_pointer);
    storage::Transaction tx = context.services().database.Read();
    const staff::Record record = RecordInScope(tx, context);
    const std::optional<std::string> number = staff::IdNumber(tx, vault, context.principal().scope(), record.id);
    const Json reply{{"id", record.id}, {"id_kind", record.id_kind}, {"id_number", *number}};
    // The audit record's digest is an unkeyed hash: it is taken over the masked number, never the number.
    context.Audit(tx, std::to_string(record.id), record.region_code, "",
                  Json{{"id", record.id}, {"id_kind", record.id_kind}, {"id_number_masked", record.id_masked}}.dump());
    tx.Commit();
    return http::JsonReply(200, reply);
}

http::Response PatchStaff(Context& context, const staff::Vault&) {
    staff::RequireWriter(context);
    http::JsonBody body(context.request());
    staff::Changes changes;
    changes.name = body.OptionalString("name", 200);
    changes.phone = body.OptionalString("phone", 40);
    changes.role = body.OptionalString("role", 40);
    changes.education = body.OptionalString("education", 40);
    changes.experience_years = ExperienceYears(body);
    body.Finish();
    storage::Transaction tx = context.services().database.Write();
    const staff::Record before = EmployedInScope(tx, context);
    const CivilDate today = ShanghaiDate(context.Now());
    // The same checks as a new record, on the record as it would become.
    staff::Person person;
    person.name = changes.name.value_or(before.name);
    person.phone = changes.phone.value_or(before.phone);
    person.role = changes.role.value_or(before.role);
    person.education = changes.education.value_or(before.education);
    person.experience_years = changes.experience_years.value_or(before.experience_years);
    if (std::optional<RowError> fault = staff::CheckDetails(person)) {
        staff::Refuse(*fault);
    }
    changes.name = changes.name ? std::optional(person.name) : std::nullopt;
    changes.phone = changes.phone ? std::optional(person.phone) : std::nullopt;
    changes.role = changes.role ? std::optional(person.role) : std::nullopt;
    changes.education = changes.education ? std::optional(person.education) : std::nullopt;
    staff::Update(tx, before.id, changes, context.Now());
    const Json reply = staff::RecordJson(*staff::Find(tx, context.principal().scope(), before.id), today);
    context.Audit(tx, std::to_string(before.id), before.region_code, staff::RecordJson(before, today).dump(),
                  reply.dump());
    tx.Commit();
    return http::JsonReply(200, reply);
}

http::Response EndEmployment(Context& context, const staff::Vault&) {
    staff::RequireWriter(context);
    http::JsonBody body(context.request());
    const std::string end_on = body.RequiredString("end_on", 20);
    const std::string reason = body.RequiredString("reason", 200);
    body.Finish();
    const CivilDate today = ShanghaiDate(context.Now());
    if (std::optional<RowError> fault = staff::CheckDate("end_on", end_on, today, true)) {
        staff::Refuse(*fault);
    }
    storage::Transaction tx = context.services().database.Write();
    const staff::Record before = EmployedInScope(tx, context);
    if (end_on < before.start_on) {
        throw ApiError(422, "end_before_start", "end_on", "离职日期早于入职日期 " + before.start_on,
                       "The end is before the start of employment, " + before.start_on);
    }
    staff::End(tx, before.id, end_on, reason, context.Now());
    const Json reply = staff::RecordJson(*staff::Find(tx, context.principal().scope(), before.id), today);
    context.Audit(tx, std::to_string(before.id), before.region_code, staff::RecordJson(before, today).dump(),
                  reply.dump());
    tx.Commit();
    return http::JsonReply(200, reply);
}

http::Response AddDocument(Context& context, const staff::Vault&) {
    staff::RequireWriter(context);
    http::JsonBody body(context.request());
    staff::Document document;
    const std::string kind = body.RequiredString("kind", 40);
    document.level = body.OptionalString("level", 40).value_or("");
    document.number = body.OptionalString("number", 60).value_or("");
    document.issuer = body.OptionalString("issuer", 200).value_or("");
    document.issued_on = body.OptionalString("issued_on", 20).value_or("");
    document.expires_on = body.OptionalString("expires_on", 20).value_or("");
    document.hours = body.OptionalInt("hours");
    body.Finish();
    const std::optional<std::string> code = staff_rules::CodeOf(staff_rules::kDocumentKinds, kind);
    if (!code) {
        throw ApiError(422, "invalid_document_kind", "kind", "未知的证书类型“" + kind + "”",
                       "Unknown document kind \"" + kind + "\"");
    }
    document.kind = *code;
    const CivilDate today = ShanghaiDate(context.Now());
    if (!document.issued_on.empty()) {
        if (std::optional<RowError> fault = staff::CheckDate("issued_on", document.issued_on, today, true)) {
            staff::Refuse(*fault);
        }
    }
    if (!document.expires_on.empty()) {
        if (std::optional<RowError> fault = staff::CheckDate("expires_on", document.expires_on, today, false)) {
            staff::Refuse(*fault);
        }
        if (document.expires_on < today.ToString()) {
            throw ApiError(422, "document_expired", "expires_on",
                           "证书已于 " + document.expires_on + " 过期，不能作为有效证明登记",
                           "The document expired on " + document.expires_on + " and cannot be filed as valid proof");
        }
        if (!document.issued_on.empty() && document.expires_on < document.issued_on) {
            throw ApiError(422, "expires_before_issued", "expires_on", "有效期早于发证日期",
                           "The document expires before it was issued");
        }
    }
    if (document.hours && (*document.hours < 1 || *document.hours > 10'000)) {
        throw ApiError(422, "out_of_range", "hours", "学时须在 1 至 10000 之间", "Hours are between 1 and 10000");
    }
    storage::Transaction tx = context.services().database.Write();
    const staff::Record record = EmployedInScope(tx, context);
    document.staff_id = record.id;
    document.id = staff::AddDocument(tx, document, context.principal().user_id, context.Now());
    document.created_at = context.Now();
    const Json reply = staff::DocumentJson(document, today);
    context.Audit(tx, std::to_string(record.id), record.region_code, "", reply.dump());
    tx.Commit();
    return http::JsonReply(201, reply);
}

http::Response AddDuty(Context& context, const staff::Vault&) {
    staff::RequireWriter(context);
    http::JsonBody body(context.request());
    staff::Duty duty;
    duty.kind = body.RequiredString("kind", 40);
    duty.done_on = body.RequiredString("done_on", 20);
    duty.passed = body.OptionalBool("passed").value_or(true);
    duty.note = body.OptionalString("note", 500).value_or("");
    body.Finish();
    if (duty.kind != "health_exam" && duty.kind != "hygiene_training") {
        throw ApiError(422, "invalid_duty_kind", "kind",
                       "kind 须为 health_exam（健康检查）或 hygiene_training（卫生培训）",
                       "kind must be health_exam or hygiene_training");
    }
    const CivilDate today = ShanghaiDate(context.Now());
    if (std::optional<RowError> fault = staff::CheckDate("done_on", duty.done_on, today, true)) {
        staff::Refuse(*fault);
    }
    storage::Transaction tx = context.services().database.Write();
    const staff::Record record = EmployedInScope(tx, context);
    duty.staff_id = record.id;
    duty.id = staff::AddDuty(tx, duty, record.start_on, context.principal().user_id, context.Now());
    const Json reply = staff::RecordJson(*staff::Find(tx, context.principal().scope(), record.id), today);
    context.Audit(tx, std::to_string(record.id), record.region_code, staff::RecordJson(record, today).dump(),
                  reply.dump());
    tx.Commit();
    return http::JsonReply(201, reply);
}

// The kind of image the bytes are, by their first bytes; "" for anything else.
std::string ImageType(std::string_view bytes) {
    if (bytes.size() > 3 && bytes.substr(0, 3) == "\xFF\xD8\xFF") {
        return "image/jpeg";
    }
    if (bytes.size() > 8 && bytes.substr(0, 8) == "\x89PNG\r\n\x1A\n") {
        return "image/png";
    }
    return "";
}

http::Response PutPhoto(Context& context, const staff::Vault& vault_pointer) {
    staff::RequireWriter(context);
    const crypto::IdentityVault& vault = staff::RequireVault(vault_pointer);
    const std::string& bytes = context.request().body;
    if (bytes.empty()) {
        throw BadRequest("empty_file", "body", "文件为空", "The file is empty");
    }
    if (bytes.size() > staff::kMaxPhotoBytes) {
        throw ApiError(413, "photo_too_large", "body", "照片不能超过 512 KB", "A photo has at most 512 KB");
    }
    const std::string type = ImageType(bytes);
    if (type.empty()) {
        throw ApiError(415, "unsupported_media_type", "body", "照片须为 JPEG 或 PNG 图片",
                       "A photo is a JPEG or PNG image");
    }
    storage::Transaction tx = context.services().database.Write();
    const staff::Record record = EmployedInScope(tx, context);
    const std::string before = staff::PhotoDigest(tx, record.id);
    staff::PutPhoto(tx, vault, record.id, type, bytes, context.principal().user_id, context.Now());
    const Json reply{{"id", record.id}, {"has_photo", true}, {"media_type", type}, {"size", bytes.size()}};
    context.Audit(tx, std::to_string(record.id), record.region_code,
                  before.empty() ? "" : Json{{"photo_sha256", before}}.dump(),
                  Json{{"photo_sha256", crypto::Sha256Hex(bytes)}, {"size", bytes.size()}}.dump());
    tx.Commit();
    return http::JsonReply(200, reply);
}

// Like the full identity number: for the institution's administrator and regulators only.
http::Response GetPhoto(Context& context, const staff::Vault& vault_pointer) {
    context.RequireRole({Role::kRegulator, Role::kInstitutionAdmin});
    const crypto::IdentityVault& vault = staff::RequireVault(vault_pointer);
    storage::Transaction tx = context.services().database.Read();
    const staff::Record record = RecordInScope(tx, context);
    std::optional<staff::Photo> photo = staff::GetPhoto(tx, vault, record.id);
    if (!photo) {
        throw ApiError(404, "no_photo", "", "此人没有登记照片", "No photo is on file for this person");
    }
    context.Audit(tx, std::to_string(record.id), record.region_code, "",
                  Json{{"photo_sha256", crypto::Sha256Hex(photo->bytes)}}.dump());
    tx.Commit();
    http::Response response;
    response.body = std::move(photo->bytes);
    response.content_type = photo->media_type;
    response.headers.emplace_back("Cache-Control", "no-store");
    return response;
}

http::Response DeletePhoto(Context& context, const staff::Vault&) {
    staff::RequireWriter(context);
    storage::Transaction tx = context.services().database.Write();
    const staff::Record record = EmployedInScope(tx, context);
    const std::string before = staff::PhotoDigest(tx, record.id);
    if (!staff::DeletePhoto(tx, record.id)) {
        throw ApiError(404, "no_photo", "", "此人没有登记照片", "No photo is on file for this person");
    }
    context.Audit(tx, std::to_string(record.id), record.region_code, Json{{"photo_sha256", before}}.dump(),
                  Json{{"photo", nullptr}}.dump());
    tx.Commit();
    return http::NoContent();
}

http::Response ImportStaff(Context& context, const staff::Vault& vault_pointer) {
    staff::RequireWriter(context);
    const crypto::IdentityVault& vault = staff::RequireVault(vault_pointer);
    http::QueryParams params(context.request());
    const bool dry_run = params.Int("dry_run").value_or(0) != 0;
    params.Finish();
    http::RequireTableBody(context.request());
    const CivilDate today = ShanghaiDate(context.Now());
    staff::ImportResult result;
    std::optional<staff::InstitutionRef> institution;
    {
        storage::Transaction tx = context.services().database.Write();
        institution = staff::InstitutionInScope(tx, context);
        RequireOpen(*institution);
        result = staff::Import(tx, vault, *institution, context.request().body, today, dry_run,
                               context.principal().user_id, context.Now());
        if (result.ok()) {
            const Json summary{{"dry_run", dry_run},
                               {"rows", result.rows},
                               {"created", result.created},
                               {"encoding", result.encoding}};
            context.Audit(tx, dry_run ? "import-dry-run" : "import", institution->region_code, "", summary.dump());
            tx.Commit();
            return http::JsonReply(200, summary);
        }
    }  // a refused file leaves nothing behind: the transaction rolls back here
    if (!result.ban_hits.empty()) {
        storage::Transaction tx = context.services().database.Write();
        for (std::size_t i = 0; i < result.ban_hits.size(); ++i) {
            staff::RecordBanAlerts(tx, result.ban_hits[i], *institution, result.ban_names[i], "import",
                                   context.principal().user_id, context.Now());
        }
        context.Audit(tx, std::to_string(institution->id), institution->region_code, "",
                      Json{{"refused", "person_not_employable"}, {"rows", result.ban_hits.size()}}.dump(), "denied");
        tx.Commit();
    }
    return http::JsonReply(422, http::ImportRejectedJson(result.errors, result.rows, context.request().request_id));
}

http::Response ExportStaff(Context& context, const staff::Vault&) {
    staff::RequireReader(context);
    http::QueryParams params(context.request());
    params.Finish();
    storage::Transaction tx = context.services().database.Read();
    const staff::InstitutionRef institution = staff::InstitutionInScope(tx, context);
    const CivilDate today = ShanghaiDate(context.Now());
    PageRequest page;
    page.page_size = 100'000;
    std::int64_t total = 0;
    const std::vector<staff::Record> records = staff::List(tx, institution.id, {}, page, total);
    std::vector<std::vector<io::XlsxCell>> rows;
    rows.push_back({{"姓名"},
                    {"证件类型"},
                    {"证件号码（已遮蔽）"},
                    {"岗位"},
                    {"学历"},
                    {"从业年限"},
                    {"入职日期"},
                    {"联系电话"},
                    {"最近健康检查日期"},
                    {"健康检查到期"},
                    {"最近卫生培训日期"},
                    {"卫生培训到期"},
                    {"年度事项"}});
    for (const staff::Record& record : records) {
        const Json json = staff::RecordJson(record, today);
        std::string state;
        for (const Json& duty : json["duties"]) {
            const std::string status = duty["status"].get<std::string>();
            if (status != "ok") {
                state += (state.empty() ? "" : "；") + duty["label"].get<std::string>() +
                         (status == "overdue" ? "已逾期" : "即将到期");
            }
        }
        rows.push_back({{record.name},
                        {staff_rules::LabelZh(staff_rules::kIdKinds, record.id_kind)},
                        {record.id_masked},
                        {staff_rules::LabelZh(staff_rules::kRoles, record.role)},
                        {staff_rules::LabelZh(staff_rules::kEducations, record.education)},
                        {std::to_string(record.experience_years)},
                        {record.start_on},
                        {record.phone},
                        {record.health_exam_last},
                        {record.health_exam_due},
                        {record.hygiene_training_last},
                        {record.hygiene_training_due},
                        {state.empty() ? "正常" : state}});
    }
    context.Audit(tx, std::to_string(institution.id), institution.region_code, "",
                  Json{{"exported", records.size()}}.dump());
    tx.Commit();
    http::Response response;
    response.body = io::WriteXlsx("从业人员", rows);
    response.content_type = kXlsxType;
    response.headers.emplace_back("Content-Disposition",
                                  "attachment; filename=\"staff-" + std::to_string(institution.id) + ".xlsx\"");
    return response;
}

http::Response Template(Context& context, const staff::Vault&) {
    staff::RequireReader(context);
    http::QueryParams params(context.request());
    params.Finish();
    std::vector<io::XlsxCell> header;
    for (const std::string& title : staff::TemplateHeaders()) {
        header.push_back({title});
    }
    http::Response response;
    response.body = io::WriteXlsx("从业人员", {header});
    response.content_type = kXlsxType;
    response.headers.emplace_back("Content-Disposition", "attachment; filename=\"staff-template.xlsx\"");
    return response;
}

http::Response Staffing(Context& context, const staff::Vault&) {
    staff::RequireReader(context);
    http::QueryParams params(context.request());
    params.Finish();
    storage::Transaction tx = context.services().database.Read();
    const staff::InstitutionRef institution = staff::InstitutionInScope(tx, context);
    const CivilDate today = ShanghaiDate(context.Now());
    const staff::Staffing staffing = staff::CheckInstitution(tx, institution, today);
    const std::vector<staff_rules::Member>& members = staffing.members;
    Json roles = Json::object();
    for (const staff_rules::Member& member : members) {
        roles[member.role] = roles.value(member.role, 0) + 1;
    }
    const staff_rules::CertifiedShare share = staff_rules::CertifiedShareOf(members, today);
    const Json reply{
        {"institution_id", institution.id},
        {"institution_name", institution.name},
        {"as_of", today.ToString()},
        {"employed", members.size()},
        {"by_role", std::move(roles)},
        {"caregivers", share.caregivers},
        {"certified_caregivers", share.certified},
        {"certified_rate",
         share.caregivers == 0 ? Json(nullptr) : Json(static_cast<double>(share.certified) / share.caregivers)},
        {"findings", staff::FindingsJson(staffing.findings)}};
    context.Audit(tx, std::to_string(institution.id), institution.region_code, "", reply.dump());
    tx.Commit();
    return http::JsonReply(200, reply);
}

}  // namespace

void RegisterStaffRoutes(http::Router& router, std::shared_ptr<const crypto::IdentityVault> vault) {
    using http::Access;
    using http::AuditKind;
    auto bind = [&vault](http::Response (*handler)(Context&, const staff::Vault&)) {
        return http::BindValue(vault, handler);
    };
    router.Add({"GET", "/api/v1/institutions/{id}/staff", "An institution's staff, identity numbers masked (audited)",
                Access::kSignedIn, AuditKind::kPersonalRead, "institution"},
               bind(ListStaff));
    router.Add({"POST", "/api/v1/institutions/{id}/staff",
                "Employ a person (refused for a person under the lifetime ban; the regulators are alerted)",
                Access::kSignedIn, AuditKind::kChange, "staff"},
               bind(Hire));
    router.Add({"POST", "/api/v1/institutions/{id}/staff/import",
                "Import an institution's staff from a .csv or .xlsx file (all or nothing)", Access::kSignedIn,
                AuditKind::kChange, "staff"},
               bind(ImportStaff));
    router.Add({"GET", "/api/v1/institutions/{id}/staff/export",
                "An institution's staff as .xlsx, identity numbers masked (audited)", Access::kSignedIn,
                AuditKind::kPersonalRead, "institution"},
               bind(ExportStaff));
    router.Add({"GET", "/api/v1/institutions/{id}/staffing",
                "The staffing check of an institution's employed staff and its 持证率 (audited)", Access::kSignedIn,
                AuditKind::kPersonalRead, "institution"},
               bind(Staffing));
    router.Add({"GET", "/api/v1/staff/template", "The .xlsx template of a staff import", Access::kSignedIn,
                AuditKind::kNone, "staff"},
               bind(Template));
    router.Add({"GET", "/api/v1/staff/{id}", "One staff record with its documents and duties (audited)",
                Access::kSignedIn, AuditKind::kPersonalRead, "staff"},
               bind(GetStaff));
    router.Add({"PATCH", "/api/v1/staff/{id}", "Correct a staff record's name, phone, post, education or experience",
                Access::kSignedIn, AuditKind::kChange, "staff"},
               bind(PatchStaff));
    router.Add({"POST", "/api/v1/staff/{id}/end", "End an employment", Access::kSignedIn, AuditKind::kChange, "staff"},
               bind(EndEmployment));
    router.Add({"GET", "/api/v1/staff/{id}/id-number",
                "The full identity number (institution administrators and regulators; audited)", Access::kSignedIn,
                AuditKind::kPersonalRead, "staff"},
               bind(RevealIdNumber));
    router.Add({"PUT", "/api/v1/staff/{id}/photo", "Put a staff member's photo (JPEG or PNG, at most 512 KB; sealed)",
                Access::kSignedIn, AuditKind::kChange, "staff"},
               bind(PutPhoto));
    router.Add({"GET", "/api/v1/staff/{id}/photo", "A staff member's photo (audited)", Access::kSignedIn,
                AuditKind::kPersonalRead, "staff"},
               bind(GetPhoto));
    router.Add({"DELETE", "/api/v1/staff/{id}/photo", "Remove a staff member's photo", Access::kSignedIn,
                AuditKind::kChange, "staff"},
               bind(DeletePhoto));
    router.Add({"POST", "/api/v1/staff/{id}/documents", "File a certificate or proof (not an expired one)",
                Access::kSignedIn, AuditKind::kChange, "staff"},
               bind(AddDocument));
    router.Add({"POST", "/api/v1/staff/{id}/duties", "Record a yearly health examination or hygiene training",
                Access::kSignedIn, AuditKind::kChange, "staff"},
               bind(AddDuty));
}

}  // namespace tuoyu::features
