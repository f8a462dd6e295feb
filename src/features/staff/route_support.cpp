#include "features/staff/route_support.hpp"

#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/profile_facts.hpp"
#include "reference/standards_parameters.hpp"

namespace tuoyu::staff {

using access::Role;

const crypto::IdentityVault& RequireVault(const Vault& vault) {
    if (!vault) {
        throw ApiError(503, "identity_key_missing", "",
                       "服务器未配置证件号码密钥文件（key_file），无法处理从业人员信息",
                       "The server has no identity key file (key_file): staff records cannot be handled");
    }
    return *vault;
}

void RequireReader(const http::Context& context) {
    context.RequireRole({Role::kAdmin, Role::kRegulator, Role::kInstitutionAdmin});
}

void RequireWriter(const http::Context& context) {
    context.RequireRole({Role::kInstitutionAdmin});
}

InstitutionRef InstitutionInScope(storage::Transaction& tx, const http::Context& context) {
    const std::int64_t id = context.IdParam("id");
    std::optional<InstitutionRef> institution = FindInstitution(tx, context.principal().scope(), id);
    if (!institution) {
        throw NotFound("机构", "institution");
    }
    return *institution;
}

Json RecordJson(const Record& record, CivilDate today) {
    Json duties = Json::array();
    const CivilDate start = CivilDate::Parse(record.start_on).value_or(today);
    for (const auto& [kind, last] : {std::pair{"health_exam", record.health_exam_last},
                                     std::pair{"hygiene_training", record.hygiene_training_last}}) {
        const staff_rules::DutyState state = staff_rules::YearlyDuty(kind, CivilDate::Parse(last), start, today);
        duties.push_back({{"kind", kind},
                          {"label", staff_rules::LabelZh(staff_rules::kDutyKinds, kind)},
                          {"last_done", last.empty() ? Json(nullptr) : Json(last)},
                          {"due_on", state.due_on.ToString()},
                          {"status", record.end_on.empty() ? state.status : "ended"}});
    }
    return {{"id", record.id},
            {"institution_id", record.institution_id},
            {"institution_name", record.institution_name},
            {"region_code", record.region_code},
            {"name", record.name},
            {"id_kind", record.id_kind},
            {"id_kind_label", staff_rules::LabelZh(staff_rules::kIdKinds, record.id_kind)},
            {"id_number_masked", record.id_masked},
            {"sex", record.sex.empty() ? Json(nullptr) : Json(record.sex)},
            {"birth_year", record.birth_year == 0 ? Json(nullptr) : Json(record.birth_year)},
            {"phone", record.phone},
            {"role", record.role},
            {"role_label", staff_rules::LabelZh(staff_rules::kRoles, record.role)},
            {"education", record.education},
            {"education_label", staff_rules::LabelZh(staff_rules::kEducations, record.education)},
            {"experience_years", record.experience_years},
            {"start_on", record.start_on},
            {"employed", record.end_on.empty()},
            {"end_on", record.end_on.empty() ? Json(nullptr) : Json(record.end_on)},
            {"end_reason", record.end_reason},
            {"has_photo", record.has_photo},
            {"duties", std::move(duties)},
            {"created_at", FormatIsoUtc(record.created_at)},
            {"updated_at", FormatIsoUtc(record.updated_at)}};
}

Json DocumentJson(const Document& document, CivilDate today) {
    const std::optional<CivilDate> expires = CivilDate::Parse(document.expires_on);
    return {{"id", document.id},
            {"kind", document.kind},
            {"label", staff_rules::LabelZh(staff_rules::kDocumentKinds, document.kind)},
            {"level", document.level},
            {"number", document.number},
            {"issuer", document.issuer},
            {"issued_on", document.issued_on.empty() ? Json(nullptr) : Json(document.issued_on)},
            {"expires_on", document.expires_on.empty() ? Json(nullptr) : Json(document.expires_on)},
            {"hours", document.hours ? Json(*document.hours) : Json(nullptr)},
            {"valid", !expires || *expires >= today},
            {"created_at", FormatIsoUtc(document.created_at)}};
}

Json FindingsJson(const std::vector<standards::Finding>& findings) {
    Json items = Json::array();
    for (const standards::Finding& finding : findings) {
        items.push_back(standards::FindingJson(finding));
    }
    return items;
}

Staffing CheckInstitution(storage::Transaction& tx, const InstitutionRef& institution, CivilDate today) {
    Staffing staffing;
    staffing.members = Members(tx, institution.id);
    const Json profile = Json::parse(ProfileDocument(tx, institution.id), nullptr, false);
    const standards::Facts facts =
        standards::FactsFromProfile(institution.kind, profile.is_object() ? profile : Json::object(), {});
    staffing.findings = staff_rules::CheckStaffing(facts, staffing.members,
                                                   reference::StandardsParameters(tx, institution.region_code), today);
    return staffing;
}

void Refuse(const RowError& error) {
    throw ApiError(422, error.code, error.field, error.message_zh, error.message_en);
}

}  // namespace tuoyu::staff
