#include <functional>

#include "access/accounts.hpp"
#include "core/care_rules.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/lifecycle.hpp"
#include "core/text.hpp"
#include "features/children/route_support.hpp"
#include "features/routes.hpp"
#include "reference/standards_parameters.hpp"

namespace tuoyu::features {

using access::Role;
using children::Json;
using http::Context;

namespace {

CivilDate TodayOf(const Context& context) {
    return ShanghaiDate(context.Now());
}

// A string member of a nested object (a contact, the child of an application), named by its path.
std::string Member(const Json& object, const std::string& path, const std::string& name, bool required,
                   std::size_t max_length = 200) {
    const std::string field = path + name;
    if (!object.contains(name) || object[name].is_null()) {
        if (required) {
            throw ApiError(422, "required", field, "缺少 " + field, field + " is required");
        }
        return "";
    }
    if (!object[name].is_string() || object[name].get<std::string>().size() > max_length) {
        throw ApiError(422, "invalid_value", field, field + " 须为不超过 " + std::to_string(max_length) + " 字节的文本",
                       field + " must be text of at most " + std::to_string(max_length) + " bytes");
    }
    return object[name].get<std::string>();
}

bool Flag(const Json& object, const std::string& path, const std::string& name) {
    if (!object.contains(name) || object[name].is_null()) {
        return false;
    }
    if (!object[name].is_boolean()) {
        throw ApiError(422, "invalid_value", path + name, path + name + " 须为 true 或 false",
                       path + name + " must be true or false");
    }
    return object[name].get<bool>();
}

children::NewChild ChildFromJson(const Json& object, const std::string& path) {
    if (!object.is_object()) {
        throw ApiError(422, "invalid_value", path.empty() ? "child" : path.substr(0, path.size() - 1),
                       "幼儿信息须为对象", "The child must be an object");
    }
    children::NewChild child;
    child.name = Member(object, path, "name", true);
    child.id_kind = Member(object, path, "id_kind", false, 40);
    child.id_number = Member(object, path, "id_number", true, 40);
    child.birth_date = Member(object, path, "birth_date", true, 20);
    child.sex = Member(object, path, "sex", true, 10);
    child.allergies = Member(object, path, "allergies", false, 1000);
    child.special_needs = Member(object, path, "special_needs", false, 1000);
    return child;
}

standards::Parameters ParametersOf(storage::Transaction& tx, const std::string& region_code) {
    return reference::StandardsParameters(tx, region_code);
}

Json ClassesJson(storage::Transaction& tx, const children::InstitutionRef& institution, const std::string& today) {
    const standards::Parameters parameters = ParametersOf(tx, institution.region_code);
    Json items = Json::array();
    for (const children::ClassInfo& klass : children::Classes(tx, institution.id, today)) {
        items.push_back(children::ClassJson(klass, parameters));
    }
    return items;
}

Json ChildDetail(storage::Transaction& tx, const children::Child& child, CivilDate today, std::int64_t viewer) {
    Json reply = children::ChildJson(child, today, ParametersOf(tx, child.region_code));
    Json contacts = Json::array();
    for (const children::Contact& contact : children::Contacts(tx, child.id)) {
        contacts.push_back(children::ContactJson(contact, viewer));
    }
    Json consents = Json::array();
    for (const children::Consent& consent : children::Consents(tx, child.id)) {
        consents.push_back(
            {{"id", consent.id},
             {"contact_id", consent.contact_id},
             {"contact_name", consent.contact_name},
             {"purpose", consent.purpose},
             {"given_at", FormatIsoUtc(consent.given_at)},
             {"withdrawn_at", consent.withdrawn_at ? Json(FormatIsoUtc(*consent.withdrawn_at)) : Json(nullptr)}});
    }
    Json growth = Json::array();
    for (const children::Growth& g : children::GrowthOf(tx, child.id)) {
        growth.push_back({{"id", g.id},
                          {"measured_on", g.measured_on},
                          {"height_cm", static_cast<double>(g.height_mm) / 10.0},
                          {"weight_kg", static_cast<double>(g.weight_g) / 1000.0}});
    }
    Json events = Json::array();
    for (const children::HealthEvent& event : children::HealthEvents(tx, child.id, std::nullopt)) {
        events.push_back(children::HealthEventJson(event));
    }
    reply["contacts"] = std::move(contacts);
    reply["consents"] = std::move(consents);
    reply["growth"] = std::move(growth);
    reply["health_events"] = std::move(events);
    return reply;
}

void RequireOpen(const children::InstitutionRef& institution) {
    const std::optional<lifecycle::Status> status = lifecycle::ParseStatus(institution.status);
    if (status && lifecycle::IsFinal(*status)) {
        throw Conflict("institution_closed", "", "机构已停办，不能招收幼儿",
                       "The institution has closed: it takes no children");
    }
}

// Enters a child with its contacts (the first guardian linked to `guardian_user` when given).
std::int64_t EnterChild(storage::Transaction& tx, const crypto::IdentityVault& vault,
                        const children::InstitutionRef& institution, const children::NewChild& child,
                        std::vector<children::Contact> contacts, std::optional<std::int64_t> guardian_user,
                        std::int64_t user_id, std::int64_t now) {
    RequireOpen(institution);
    if (children::Active(tx, institution.id, vault.Hash(child.id_kind, child.id_number))) {
        throw Conflict("already_registered", "id_number", "该幼儿已在本机构登记或在托",
                       "This child is already applied for or enrolled here");
    }
    const std::int64_t id = children::InsertChild(tx, vault, child, institution.id, guardian_user, user_id, now);
    for (children::Contact& contact : contacts) {
        contact.child_id = id;
        children::InsertContact(tx, contact, user_id, now);
    }
    return id;
}

http::Response ListClasses(Context& context) {
    children::RequireReader(context);
    storage::Transaction tx = context.services().database.Read();
    const children::InstitutionRef institution = children::InstitutionInScope(tx, context);
    const Json reply{{"items", ClassesJson(tx, institution, TodayOf(context).ToString())}};
    tx.Commit();
    return http::JsonReply(200, reply);
}

http::Response CreateClass(Context& context) {
    children::RequireAdministrator(context);
    http::JsonBody body(context.request());
    const std::string name = std::string(TrimSpace(body.RequiredString("name", 100)));
    const std::string class_type = body.RequiredString("class_type", 40);
    body.Finish();
    if (name.empty()) {
        throw ApiError(422, "required", "name", "缺少班级名称", "The class needs a name");
    }
    if (*children::ClassTypeLabel(class_type) == '\0') {
        throw ApiError(422, "invalid_class_type", "class_type", "未知的班型“" + class_type + "”",
                       "Unknown class type \"" + class_type + "\"");
    }
    storage::Transaction tx = context.services().database.Write();
    const children::InstitutionRef institution = children::InstitutionInScope(tx, context);
    if (children::ClassNameTaken(tx, institution.id, name)) {
        throw Conflict("class_name_taken", "name", "本机构已有同名班级", "The institution has a class of that name");
    }
    const std::int64_t id =
        children::InsertClass(tx, institution.id, name, class_type, context.principal().user_id, context.Now());
    const std::string today = TodayOf(context).ToString();
    const Json reply = children::ClassJson(*children::FindClass(tx, institution.id, id, today),
                                           ParametersOf(tx, institution.region_code));
    context.Audit(tx, std::to_string(id), institution.region_code, "", reply.dump());
    tx.Commit();
    return http::JsonReply(201, reply);
}

http::Response ListChildren(Context& context) {
    children::RequireReader(context);
    http::QueryParams params(context.request());
    children::ListFilter filter;
    filter.keyword = params.String("q", 50).value_or("");
    filter.status = params.String("status", 20);
    if (filter.status && *filter.status != "applied" && *filter.status != "enrolled" && *filter.status != "left") {
        throw BadRequest("invalid_status", "status", "状态须为 applied、enrolled 或 left",
                         "status is applied, enrolled or left");
    }
    filter.class_id = params.Int("class_id");
    const PageRequest page = params.Page({std::begin(children::kSortFields), std::end(children::kSortFields)});
    params.Finish();
    storage::Transaction tx = context.services().database.Read();
    const children::InstitutionRef institution = children::InstitutionInScope(tx, context);
    std::int64_t total = 0;
    const std::vector<children::Child> list = children::List(tx, institution.id, filter, page, total);
    const standards::Parameters parameters = ParametersOf(tx, institution.region_code);
    const CivilDate today = TodayOf(context);
    Json items = Json::array();
    for (const children::Child& child : list) {
        items.push_back(children::ChildJson(child, today, parameters));
    }
    Json reply = http::ListReply(std::move(items), total, page);
    context.Audit(tx, std::to_string(institution.id), institution.region_code, "", reply.dump());
    tx.Commit();
    return http::JsonReply(200, reply);
}

http::Response RegisterChild(Context& context, const children::Vault& vault_pointer) {
    children::RequireAdministrator(context);
    const crypto::IdentityVault& vault = children::RequireVault(vault_pointer);
    http::JsonBody body(context.request());
    children::NewChild child;
    child.name = body.RequiredString("name", 200);
    child.id_kind = body.OptionalString("id_kind", 40).value_or("resident_id");
    child.id_number = body.RequiredString("id_number", 40);
    child.birth_date = body.RequiredString("birth_date", 20);
    child.sex = body.RequiredString("sex", 10);
    child.allergies = body.OptionalString("allergies", 1000).value_or("");
    child.special_needs = body.OptionalString("special_needs", 1000).value_or("");
    const std::optional<Json> contact_list = body.OptionalJson("contacts");
    body.Finish();
    const CivilDate today = TodayOf(context);
    children::CheckChild(child, today);
    std::vector<children::Contact> contacts;
    if (contact_list && !contact_list->is_array()) {
        throw ApiError(422, "invalid_value", "contacts", "contacts 须为数组", "contacts must be an array");
    }
    if (contact_list && contact_list->size() > 10) {
        throw ApiError(422, "too_many_contacts", "contacts", "每名幼儿至多登记 10 名联系人",
                       "A child has at most 10 contacts");
    }
    bool has_guardian = false;
    for (std::size_t i = 0; contact_list && i < contact_list->size(); ++i) {
        const std::string path = "contacts[" + std::to_string(i) + "].";
        const Json& item = (*contact_list)[i];
        if (!item.is_object()) {
            throw ApiError(422, "invalid_value", path.substr(0, path.size() - 1), "联系人须为对象",
                           "A contact must be an object");
        }
        children::Contact contact{0,
                                  0,
                                  Member(item, path, "name", true),
                                  Member(item, path, "relationship", true, 40),
                                  Member(item, path, "phone", true, 40),
                                  Flag(item, path, "guardian"),
                                  Flag(item, path, "can_pick_up"),
                                  std::nullopt};
        try {
            children::CheckContact(contact);
        } catch (const ApiError& error) {
            throw ApiError(error.status(), error.code(), path + error.field(), error.message_zh(), error.message_en());
        }
        has_guardian = has_guardian || contact.guardian;
        contacts.push_back(std::move(contact));
    }
    if (!has_guardian) {
        throw ApiError(422, "guardian_required", "contacts", "至少登记一名监护人", "At least one guardian is required");
    }
    storage::Transaction tx = context.services().database.Write();
    const children::InstitutionRef institution = children::InstitutionInScope(tx, context);
    const std::int64_t id = EnterChild(tx, vault, institution, child, std::move(contacts), std::nullopt,
                                       context.principal().user_id, context.Now());
    const Json reply = ChildDetail(tx, *children::FindChild(tx, Scope::All(), id), today, context.principal().user_id);
    context.Audit(tx, std::to_string(id), institution.region_code, "", reply.dump());
    tx.Commit();
    return http::JsonReply(201, reply);
}

http::Response GetChild(Context& context) {
    context.RequireRole(
        {Role::kAdmin, Role::kRegulator, Role::kInstitutionAdmin, Role::kInstitutionStaff, Role::kGuardian});
    storage::Transaction tx = context.services().database.Read();
    const children::Child child = children::ChildInScope(tx, context);
    const Json reply = ChildDetail(tx, child, TodayOf(context), context.principal().user_id);
    context.Audit(tx, std::to_string(child.id), child.region_code, "", reply.dump());
    tx.Commit();
    return http::JsonReply(200, reply);
}

http::Response AddContact(Context& context) {
    children::RequireAdministrator(context);
    http::JsonBody body(context.request());
    children::Contact contact = children::ContactFromJson(body);
    storage::Transaction tx = context.services().database.Write();
    const children::Child child = children::ChildInScope(tx, context);
    if (children::Contacts(tx, child.id).size() >= 10) {
        throw Conflict("too_many_contacts", "", "每名幼儿至多登记 10 名联系人", "A child has at most 10 contacts");
    }
    contact.child_id = child.id;
    contact.id = children::InsertContact(tx, contact, context.principal().user_id, context.Now());
    const Json reply = children::ContactJson(contact, context.principal().user_id);
    context.Audit(tx, std::to_string(child.id), child.region_code, "", reply.dump());
    tx.Commit();
    return http::JsonReply(201, reply);
}

http::Response RecordConsent(Context& context) {
    context.RequireRole({Role::kInstitutionAdmin, Role::kGuardian});
    http::JsonBody body(context.request());
    const std::optional<std::int64_t> contact_id = body.OptionalInt("contact_id");
    const std::string purpose = body.RequiredString("purpose", 40);
    const std::optional<bool> given = body.OptionalBool("given");
    body.Finish();
    if (!contact_id) {
        throw ApiError(422, "required", "contact_id", "缺少 contact_id", "contact_id is required");
    }
    if (purpose != "data_processing" && purpose != "photos" && purpose != "outings" && purpose != "medication") {
        throw ApiError(422, "invalid_purpose", "purpose", "未知的同意事项“" + purpose + "”",
                       "Unknown purpose \"" + purpose + "\"");
    }
    storage::Transaction tx = context.services().database.Write();
    const children::Child child = children::ChildInScope(tx, context);
    const std::vector<children::Contact> contacts = children::Contacts(tx, child.id);
    const children::Contact* contact = nullptr;
    for (const children::Contact& c : contacts) {
        contact = c.id == *contact_id ? &c : contact;
    }
    // A guardian consents or withdraws for themselves only; the institution records any guardian's.
    const bool own = contact != nullptr && contact->user_id == context.principal().user_id;
    if (contact == nullptr || !contact->guardian || (context.principal().role == Role::kGuardian && !own)) {
        throw ApiError(422, "invalid_contact", "contact_id", "须为该幼儿的监护人",
                       "Must be one of the child's guardians");
    }
    Json reply;
    if (given.value_or(true)) {
        const std::int64_t id =
            children::GiveConsent(tx, child.id, contact->id, purpose, context.principal().user_id, context.Now());
        reply = {{"id", id},
                 {"contact_id", contact->id},
                 {"purpose", purpose},
                 {"given_at", FormatIsoUtc(context.Now())},
                 {"withdrawn_at", nullptr}};
    } else {
        const std::optional<std::int64_t> id =
            children::WithdrawConsent(tx, child.id, contact->id, purpose, context.Now());
        if (!id) {
            throw Conflict("no_consent", "purpose", "此事项没有生效的同意可撤回", "No consent in force to withdraw");
        }
        reply = {{"id", *id},
                 {"contact_id", contact->id},
                 {"purpose", purpose},
                 {"given_at", nullptr},
                 {"withdrawn_at", FormatIsoUtc(context.Now())}};
    }
    context.Audit(tx, std::to_string(child.id), child.region_code, "", reply.dump());
    tx.Commit();
    return http::JsonReply(201, reply);
}

// N1/N4 and N2/N4: the child's age on `day` fits the class, and the class has room for one more.
void CheckClassFit(storage::Transaction& tx, const children::Child& child, const children::ClassInfo& klass,
                   CivilDate day, const standards::Parameters& parameters) {
    if (const std::optional<standards::Finding> age =
            care_rules::CheckClassAge(klass.class_type, *CivilDate::Parse(child.birth_date), day, parameters)) {
        if (age->severity == standards::Severity::kFail) {
            children::RefuseFinding(*age, "class_age_mismatch");
        }
    }
    const std::int64_t enrolled = children::EnrolledInClass(tx, klass.id);
    if (const std::optional<standards::Finding> size =
            care_rules::CheckClassSize(klass.class_type, static_cast<int>(enrolled + 1), parameters)) {
        if (size->severity == standards::Severity::kFail) {
            children::RefuseFinding(*size, "class_full");
        }
    }
}

children::ClassInfo ClassOfBody(storage::Transaction& tx, const children::Child& child, std::int64_t class_id,
                                const std::string& today) {
    std::optional<children::ClassInfo> klass = children::FindClass(tx, child.institution_id, class_id, today);
    if (!klass) {
        throw ApiError(422, "invalid_class", "class_id", "班级不存在或已撤销", "No such class at this institution");
    }
    return *klass;
}

[[noreturn]] void RefuseRule(const std::string& rule, const std::string& code, const std::string& field,
                             const std::string& zh, const std::string& en) {
    throw ApiError(422, code, field, rule + "：" + zh, rule + ": " + en).WithRule(rule);
}

// Makes a change to an enrolment and replies with the child as it became; the audit record holds the child
// before and after.
http::Response ChangeChild(Context& context, storage::Transaction& tx, const children::Child& child, CivilDate today,
                           const standards::Parameters& parameters, const std::function<void()>& change) {
    const Json before = children::ChildJson(child, today, parameters);
    change();
    const Json reply = children::ChildJson(*children::FindChild(tx, Scope::All(), child.id), today, parameters);
    context.Audit(tx, std::to_string(child.id), child.region_code, before.dump(), reply.dump());
    tx.Commit();
    return http::JsonReply(200, reply);
}

http::Response EnrolChild(Context& context) {
    children::RequireAdministrator(context);
    http::JsonBody body(context.request());
    const std::optional<std::int64_t> class_id = body.OptionalInt("class_id");
    const std::optional<std::string> agreement = body.OptionalString("agreement_signed_on", 20);
    const std::optional<std::string> vaccination = body.OptionalString("vaccination_checked_on", 20);
    const std::optional<std::string> exam = body.OptionalString("entry_exam_on", 20);
    const std::optional<bool> exam_passed = body.OptionalBool("entry_exam_passed");
    const std::optional<std::string> enrolled_on = body.OptionalString("enrolled_on", 20);
    body.Finish();
    const CivilDate today = TodayOf(context);
    if (!class_id) {
        throw ApiError(422, "required", "class_id", "缺少班级", "class_id is required");
    }
    if (!agreement || agreement->empty()) {
        RefuseRule("N23", "agreement_missing", "agreement_signed_on",
                   "入托前须与监护人签订托育服务协议（托育机构管理规范）",
                   "A childcare service agreement is signed with the guardian before entry");
    }
    if (!vaccination || vaccination->empty()) {
        RefuseRule("N24", "vaccination_unchecked", "vaccination_checked_on",
                   "入托前须查验预防接种证（托儿所幼儿园卫生保健管理办法 第15条）",
                   "The vaccination certificate is checked before entry");
    }
    if (!exam || exam->empty() || !exam_passed.value_or(false)) {
        RefuseRule("N24", "entry_exam_missing", "entry_exam_on",
                   "入托前须经医疗卫生机构健康检查合格（托育机构管理规范 第11条）",
                   "A passed entry health examination at a medical institution comes before entry");
    }
    children::Enrolment enrolment;
    enrolment.class_id = *class_id;
    enrolment.agreement_signed_on = children::RequireDay("agreement_signed_on", *agreement, today, true);
    enrolment.vaccination_checked_on = children::RequireDay("vaccination_checked_on", *vaccination, today, true);
    enrolment.entry_exam_on = children::RequireDay("entry_exam_on", *exam, today, true);
    enrolment.enrolled_on = children::RequireDay("enrolled_on", enrolled_on.value_or(today.ToString()), today, true);
    if (enrolment.enrolled_on < enrolment.agreement_signed_on || enrolment.enrolled_on < enrolment.entry_exam_on) {
        throw ApiError(422, "enrolled_before_checks", "enrolled_on", "入托日期早于协议签订或入托体检日期",
                       "The enrolment day is before the agreement or the entry examination");
    }
    storage::Transaction tx = context.services().database.Write();
    const children::Child child = children::ChildInScope(tx, context);
    if (child.status != "applied") {
        throw Conflict("not_applied", "", "只有待入托的幼儿可以办理入托", "Only a child applied for can be enrolled");
    }
    const children::InstitutionRef institution = *children::FindInstitution(tx, Scope::All(), child.institution_id);
    RequireOpen(institution);
    children::LockInstitution(tx, institution.id);
    const standards::Parameters parameters = ParametersOf(tx, child.region_code);
    const children::ClassInfo klass = ClassOfBody(tx, child, *class_id, today.ToString());
    // The class the child joins now: its age today.
    CheckClassFit(tx, child, klass, today, parameters);
    // N22: the enrolled children stay within the slots filed (备案) for the institution.
    if (!institution.slots) {
        RefuseRule("N22", "slots_not_filed", "", "机构尚无备案托位数，不能招收幼儿",
                   "The institution has no filed slots yet: it cannot enrol children");
    }
    const std::int64_t enrolled = children::EnrolledCount(tx, institution.id);
    if (enrolled + 1 > *institution.slots) {
        RefuseRule("N22", "slots_full", "",
                   "在托人数将达 " + std::to_string(enrolled + 1) + " 人，超过备案托位 " +
                       std::to_string(*institution.slots) + " 个（托育机构管理规范）",
                   "Enrolled children would reach " + std::to_string(enrolled + 1) + ", more than the " +
                       std::to_string(*institution.slots) + " slots filed");
    }
    return ChangeChild(context, tx, child, today, parameters,
                       [&] { children::Enrol(tx, child.id, enrolment, context.Now()); });
}

http::Response MoveClass(Context& context) {
    children::RequireAdministrator(context);
    http::JsonBody body(context.request());
    const std::optional<std::int64_t> class_id = body.OptionalInt("class_id");
    body.Finish();
    if (!class_id) {
        throw ApiError(422, "required", "class_id", "缺少班级", "class_id is required");
    }
    const CivilDate today = TodayOf(context);
    storage::Transaction tx = context.services().database.Write();
    const children::Child child = children::ChildInScope(tx, context);
    children::RequireEnrolled(child);
    if (child.class_id == class_id) {
        throw Conflict("same_class", "class_id", "幼儿已在该班级", "The child is in that class already");
    }
    const std::optional<children::Attendance> present = children::AttendanceOf(tx, child.id, today.ToString());
    if (present && present->in_at && !present->out_at) {
        throw Conflict("child_present", "", "幼儿在园时不能调班，请离园后再调",
                       "A child present today cannot change class");
    }
    children::LockInstitution(tx, child.institution_id);
    const standards::Parameters parameters = ParametersOf(tx, child.region_code);
    CheckClassFit(tx, child, ClassOfBody(tx, child, *class_id, today.ToString()), today, parameters);
    return ChangeChild(context, tx, child, today, parameters,
                       [&] { children::SetClass(tx, child.id, *class_id, context.Now()); });
}

http::Response LeaveChild(Context& context) {
    children::RequireAdministrator(context);
    http::JsonBody body(context.request());
    const std::string left_on_text = body.RequiredString("left_on", 20);
    const std::string reason = std::string(TrimSpace(body.RequiredString("reason", 500)));
    body.Finish();
    const CivilDate today = TodayOf(context);
    const std::string left_on = children::RequireDay("left_on", left_on_text, today, true);
    if (reason.empty()) {
        throw ApiError(422, "required", "reason", "缺少离园原因", "The reason is required");
    }
    storage::Transaction tx = context.services().database.Write();
    const children::Child child = children::ChildInScope(tx, context);
    if (child.status == "left") {
        throw Conflict("already_left", "", "该幼儿已离园", "The child has left already");
    }
    if (left_on < child.enrolled_on) {
        throw ApiError(422, "left_before_enrolled", "left_on", "离园日期早于入托日期",
                       "The day of leaving is before the enrolment");
    }
    const standards::Parameters parameters = ParametersOf(tx, child.region_code);
    return ChangeChild(context, tx, child, today, parameters,
                       [&] { children::Leave(tx, child.id, left_on, reason, context.Now()); });
}

http::Response RecordRecheck(Context& context) {
    children::RequireAdministrator(context);
    http::JsonBody body(context.request());
    const std::string exam_text = body.RequiredString("exam_on", 20);
    const std::optional<bool> passed = body.OptionalBool("passed");
    body.Finish();
    const CivilDate today = TodayOf(context);
    const std::string exam_on = children::RequireDay("exam_on", exam_text, today, true);
    if (!passed.value_or(false)) {
        RefuseRule("N25", "recheck_not_passed", "passed", "复查未合格的幼儿不能返园",
                   "A child who did not pass the examination cannot return");
    }
    storage::Transaction tx = context.services().database.Write();
    const children::Child child = children::ChildInScope(tx, context);
    children::RequireEnrolled(child);
    const standards::Parameters parameters = ParametersOf(tx, child.region_code);
    return ChangeChild(context, tx, child, today, parameters,
                       [&] { children::SetRecheck(tx, child.id, exam_on, context.Now()); });
}

http::Response Apply(Context& context, const children::Vault& vault_pointer) {
    context.RequireRole({Role::kGuardian});
    const crypto::IdentityVault& vault = children::RequireVault(vault_pointer);
    http::JsonBody body(context.request());
    const std::optional<std::int64_t> institution_id = body.OptionalInt("institution_id");
    children::Contact self;
    self.relationship = body.RequiredString("relationship", 40);
    self.phone = body.RequiredString("phone", 40);
    const std::optional<Json> object = body.OptionalJson("child");
    body.Finish();
    if (!institution_id) {
        throw ApiError(422, "required", "institution_id", "缺少机构", "institution_id is required");
    }
    if (!object) {
        throw ApiError(422, "required", "child", "缺少幼儿信息", "The child is required");
    }
    const CivilDate today = TodayOf(context);
    children::NewChild child = ChildFromJson(*object, "child.");
    try {
        children::CheckChild(child, today);
    } catch (const ApiError& error) {
        throw ApiError(error.status(), error.code(), "child." + error.field(), error.message_zh(), error.message_en());
    }
    storage::Transaction tx = context.services().database.Write();
    // Any open institution may be applied to: the public page lists them.
    const std::optional<children::InstitutionRef> institution =
        children::FindInstitution(tx, Scope::All(), *institution_id);
    if (!institution) {
        throw ApiError(422, "invalid_institution", "institution_id", "机构不存在", "No such institution");
    }
    self.name = access::Accounts::FindById(tx, Scope::All(), context.principal().user_id)->display_name;
    self.guardian = true;
    self.can_pick_up = true;
    self.user_id = context.principal().user_id;
    children::CheckContact(self);
    const std::int64_t id = EnterChild(tx, vault, *institution, child, {self}, context.principal().user_id,
                                       context.principal().user_id, context.Now());
    const Json reply = ChildDetail(tx, *children::FindChild(tx, Scope::All(), id), today, context.principal().user_id);
    context.Audit(tx, std::to_string(id), institution->region_code, "", reply.dump());
    tx.Commit();
    return http::JsonReply(201, reply);
}

http::Response GuardianChildren(Context& context) {
    context.RequireRole({Role::kGuardian});
    storage::Transaction tx = context.services().database.Read();
    const CivilDate today = TodayOf(context);
    Json items = Json::array();
    for (const children::Child& child : children::OfGuardian(tx, context.principal().user_id)) {
        Json contacts = Json::array();
        for (const children::Contact& contact : children::Contacts(tx, child.id)) {
            contacts.push_back(children::ContactJson(contact, context.principal().user_id));
        }
        items.push_back({{"child", children::ChildJson(child, today, ParametersOf(tx, child.region_code))},
                         {"contacts", std::move(contacts)},
                         {"today", children::DayJson(tx, child, today.ToString())}});
    }
    const Json reply{{"items", std::move(items)}};
    context.Audit(tx, std::to_string(context.principal().user_id), "", "", reply.dump());
    tx.Commit();
    return http::JsonReply(200, reply);
}

}  // namespace

void RegisterChildrenRoutes(http::Router& router, std::shared_ptr<const crypto::IdentityVault> vault) {
    using http::Access;
    using http::AuditKind;
    auto bind = [&vault](http::Response (*handler)(Context&, const children::Vault&)) {
        return http::BindValue(vault, handler);
    };
    router.Add({"GET", "/api/v1/institutions/{id}/classes", "An institution's classes with their live ratio",
                Access::kSignedIn, AuditKind::kNone, "institution"},
               ListClasses);
    router.Add({"POST", "/api/v1/institutions/{id}/classes", "Open a class (乳儿班, 托小班, 托大班, 混合班)",
                Access::kSignedIn, AuditKind::kChange, "class"},
               CreateClass);
    router.Add({"GET", "/api/v1/institutions/{id}/children", "An institution's children (audited)", Access::kSignedIn,
                AuditKind::kPersonalRead, "institution"},
               ListChildren);
    router.Add({"POST", "/api/v1/institutions/{id}/children", "Enter a child with its guardians and pick-up persons",
                Access::kSignedIn, AuditKind::kChange, "child"},
               bind(RegisterChild));
    router.Add({"POST", "/api/v1/guardian/applications", "A guardian applies for a place for their child",
                Access::kSignedIn, AuditKind::kChange, "child"},
               bind(Apply));
    router.Add({"GET", "/api/v1/guardian/children", "A guardian's own children and their day (audited)",
                Access::kSignedIn, AuditKind::kPersonalRead, "user"},
               GuardianChildren);
    router.Add({"GET", "/api/v1/children/{id}", "One child with contacts, consents, growth and health events (audited)",
                Access::kSignedIn, AuditKind::kPersonalRead, "child"},
               GetChild);
    router.Add({"POST", "/api/v1/children/{id}/contacts", "Add a guardian or pick-up person", Access::kSignedIn,
                AuditKind::kChange, "child"},
               AddContact);
    router.Add({"POST", "/api/v1/children/{id}/consents", "Record or withdraw a guardian's consent", Access::kSignedIn,
                AuditKind::kChange, "child"},
               RecordConsent);
    router.Add({"POST", "/api/v1/children/{id}/enrol",
                "Enrol a child (agreement, vaccination check, entry examination, class fit, filed slots)",
                Access::kSignedIn, AuditKind::kChange, "child"},
               EnrolChild);
    router.Add({"POST", "/api/v1/children/{id}/class", "Move an enrolled child to another class", Access::kSignedIn,
                AuditKind::kChange, "child"},
               MoveClass);
    router.Add({"POST", "/api/v1/children/{id}/leave", "A child leaves the institution", Access::kSignedIn,
                AuditKind::kChange, "child"},
               LeaveChild);
    router.Add({"POST", "/api/v1/children/{id}/recheck",
                "Record the examination of a child back after three months or more away", Access::kSignedIn,
                AuditKind::kChange, "child"},
               RecordRecheck);
}

}  // namespace tuoyu::features
