#include "features/children/route_support.hpp"

#include "core/care_rules.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/id_number.hpp"
#include "core/staff_rules.hpp"
#include "core/text.hpp"

namespace tuoyu::children {

using access::Role;

namespace {

struct Label {
    const char* code;
    const char* zh;
};
constexpr Label kClassTypes[] = {{"infant_class", "乳儿班"},
                                 {"toddler_class", "托小班"},
                                 {"older_toddler_class", "托大班"},
                                 {"mixed_class", "混合班"}};
constexpr Label kRelationships[] = {{"father", "父亲"},
                                    {"mother", "母亲"},
                                    {"grandparent", "祖父母/外祖父母"},
                                    {"other_relative", "其他亲属"},
                                    {"other", "其他"}};
constexpr Label kStatuses[] = {{"applied", "待入托"}, {"enrolled", "在托"}, {"left", "已退托"}};
constexpr Label kCheckKinds[] = {{"morning", "晨检"}, {"noon", "午检"}, {"observation", "全日观察"}};
constexpr Label kEventKinds[] = {{"isolation", "隔离观察"},
                                 {"infectious_disease", "传染病报告"},
                                 {"doctor_referral", "转诊就医"},
                                 {"return_certificate", "返园健康证明"}};

template <std::size_t N>
const char* LabelOf(const Label (&labels)[N], const std::string& code) {
    for (const Label& label : labels) {
        if (code == label.code) {
            return label.zh;
        }
    }
    return "";
}

Json OptionalText(const std::string& text) {
    return text.empty() ? Json(nullptr) : Json(text);
}

Json OptionalTime(const std::optional<std::int64_t>& millis) {
    return millis ? Json(FormatIsoUtc(*millis)) : Json(nullptr);
}

}  // namespace

void RequireReader(const http::Context& context) {
    context.RequireRole({Role::kAdmin, Role::kRegulator, Role::kInstitutionAdmin, Role::kInstitutionStaff});
}

void RequireAdministrator(const http::Context& context) {
    context.RequireRole({Role::kInstitutionAdmin});
}

void RequireCarer(const http::Context& context) {
    context.RequireRole({Role::kInstitutionAdmin, Role::kInstitutionStaff});
}

InstitutionRef InstitutionInScope(storage::Transaction& tx, const http::Context& context) {
    std::optional<InstitutionRef> institution = FindInstitution(tx, context.principal().scope(), context.IdParam("id"));
    if (!institution) {
        throw NotFound("机构", "institution");
    }
    return *institution;
}

Child ChildInScope(storage::Transaction& tx, const http::Context& context) {
    std::optional<Child> child = FindChild(tx, context.principal().scope(), context.IdParam("id"));
    if (!child) {
        throw NotFound("幼儿", "child");
    }
    return *child;
}

void RequireEnrolled(const Child& child) {
    if (child.status != "enrolled") {
        throw Conflict("not_enrolled", "", "该幼儿未在托", "The child is not enrolled");
    }
}

const crypto::IdentityVault& RequireVault(const Vault& vault) {
    if (!vault) {
        throw ApiError(503, "identity_key_missing", "", "服务器未配置证件号码密钥文件（key_file），无法处理幼儿信息",
                       "The server has no identity key file (key_file): children cannot be handled");
    }
    return *vault;
}

std::string RequireDay(const std::string& field, const std::string& value, CivilDate today, bool not_future) {
    const std::optional<CivilDate> date = CivilDate::Parse(value);
    if (!date || date->year() < 2000) {
        throw ApiError(422, "invalid_date", field, field + " 须为存在的日期 YYYY-MM-DD，而不是“" + value + "”",
                       field + " must be a real day as YYYY-MM-DD, not \"" + value + "\"");
    }
    if (not_future && *date > today) {
        throw ApiError(422, "date_in_future", field, field + " 不能晚于今天", field + " cannot be after today");
    }
    return date->ToString();
}

std::int64_t RequireTimeToday(http::JsonBody& body, const std::string& field, std::int64_t now) {
    const std::optional<std::string> text = body.OptionalString(field, 40);
    if (!text) {
        return now;
    }
    std::int64_t at = 0;
    if (!ParseIsoDateOrTime(*text, at) || text->size() <= 10) {
        throw ApiError(422, "invalid_time", field, field + " 须为 ISO-8601 时间，如 2026-11-26T00:30:00Z",
                       field + " must be an ISO-8601 time such as 2026-11-26T00:30:00Z");
    }
    if (at > now) {
        throw ApiError(422, "time_in_future", field, "时间不能晚于现在", "The time cannot be later than now");
    }
    if (ShanghaiDate(at) != ShanghaiDate(now)) {
        throw ApiError(422, "time_not_today", field, "只能登记今天的时间", "Only times of today can be recorded");
    }
    return at;
}

void CheckChild(NewChild& child, CivilDate today) {
    child.name = std::string(TrimSpace(child.name));
    if (child.name.empty() || CharacterCount(child.name) > 50) {
        throw ApiError(422, child.name.empty() ? "required" : "too_long", "name", "姓名须为 1 至 50 个字",
                       "The name has 1 to 50 characters");
    }
    const std::optional<std::string> kind =
        staff_rules::CodeOf(staff_rules::kIdKinds, child.id_kind.empty() ? "resident_id" : child.id_kind);
    if (!kind) {
        throw ApiError(422, "invalid_id_kind", "id_kind", "未知的证件类型“" + child.id_kind + "”",
                       "Unknown identity document kind \"" + child.id_kind + "\"");
    }
    child.id_kind = *kind;
    const std::string birth = RequireDay("birth_date", child.birth_date, today, true);
    child.birth_date = birth;
    if (child.sex != "male" && child.sex != "female") {
        throw ApiError(422, "invalid_sex", "sex", "性别须为 male 或 female", "sex is male or female");
    }
    if (child.id_kind == "resident_id") {
        child.id_number = id_number::Normalize(child.id_number);
        const id_number::Result result = id_number::Validate(child.id_number, today);
        if (!result.ok()) {
            throw ApiError(422, std::string(id_number::FaultCode(result.fault)), "id_number",
                           id_number::DescribeZh(result), id_number::DescribeEn(result));
        }
        if (result.birth->ToString() != birth) {
            throw ApiError(422, "birth_date_mismatch", "birth_date", "出生日期与身份证号码不符",
                           "The birth date does not match the identity number");
        }
        if (((child.id_number[16] - '0') % 2 == 1 ? "male" : "female") != child.sex) {
            throw ApiError(422, "sex_mismatch", "sex", "性别与身份证号码不符",
                           "The sex does not match the identity number");
        }
    } else {
        const std::optional<std::string> number = NormalizeDocumentNumber(child.id_number);
        if (!number) {
            throw ApiError(422, "id_number_length", "id_number", "证件号码须为 5 至 30 个字符",
                           "The document number has 5 to 30 characters");
        }
        child.id_number = *number;
    }
    // The module serves children under three: a child is entered before that age.
    if (care_rules::AgeInMonths(*CivilDate::Parse(birth), today) >= 36) {
        throw ApiError(422, "child_too_old", "birth_date", "婴幼儿已满 3 周岁，不属于托育服务对象",
                       "The child is three or older: childcare for under-threes does not take them");
    }
    child.allergies = std::string(TrimSpace(child.allergies));
    child.special_needs = std::string(TrimSpace(child.special_needs));
}

Contact ContactFromJson(http::JsonBody& body) {
    Contact contact;
    contact.name = body.RequiredString("name", 200);
    contact.relationship = body.RequiredString("relationship", 40);
    contact.phone = body.RequiredString("phone", 40);
    contact.guardian = body.OptionalBool("guardian").value_or(false);
    contact.can_pick_up = body.OptionalBool("can_pick_up").value_or(false);
    body.Finish();
    CheckContact(contact);
    return contact;
}

void CheckContact(Contact& contact) {
    contact.name = std::string(TrimSpace(contact.name));
    if (contact.name.empty() || CharacterCount(contact.name) > 50) {
        throw ApiError(422, "invalid_name", "name", "联系人姓名须为 1 至 50 个字",
                       "A contact's name has 1 to 50 characters");
    }
    if (*RelationshipLabel(contact.relationship) == '\0') {
        throw ApiError(422, "invalid_relationship", "relationship", "未知的关系“" + contact.relationship + "”",
                       "Unknown relationship \"" + contact.relationship + "\"");
    }
    contact.phone = std::string(TrimSpace(contact.phone));
    if (!LooksLikePhone(contact.phone)) {
        throw ApiError(422, "invalid_phone", "phone", "联系电话只能含数字和 -，7 至 20 位",
                       "The phone number has 7 to 20 digits (and -)");
    }
}

void RefuseFinding(const standards::Finding& finding, const std::string& code) {
    const std::string source = finding.source.empty() ? "" : "（" + finding.source + " " + finding.clause + "）";
    throw ApiError(422, code, finding.field, finding.rule + "：" + finding.message_zh + source,
                   finding.rule + ": " + finding.message_en +
                       (finding.source.empty() ? "" : " (" + finding.source + " " + finding.clause + ")"))
        .WithRule(finding.rule);
}

const char* ClassTypeLabel(const std::string& class_type) {
    return LabelOf(kClassTypes, class_type);
}

const char* RelationshipLabel(const std::string& relationship) {
    return LabelOf(kRelationships, relationship);
}

Json ClassJson(const ClassInfo& klass, const standards::Parameters& parameters) {
    const std::optional<care_rules::AgeBand> band = care_rules::BandOf(klass.class_type, parameters);
    std::optional<int> max_children;
    for (int size = 1; size <= 60 && !max_children; ++size) {
        const std::optional<standards::Finding> over = care_rules::CheckClassSize(klass.class_type, size, parameters);
        if (over && over->severity == standards::Severity::kFail) {
            max_children = size - 1;
        }
    }
    const std::optional<int> needed =
        care_rules::CaregiversNeeded(klass.class_type, static_cast<int>(klass.present_children), parameters);
    return {{"id", klass.id},
            {"institution_id", klass.institution_id},
            {"name", klass.name},
            {"class_type", klass.class_type},
            {"class_type_label", ClassTypeLabel(klass.class_type)},
            {"age_band", band ? Json{{"min", band->min}, {"max", band->max}} : Json(nullptr)},
            {"max_children", max_children ? Json(*max_children) : Json(nullptr)},
            {"enrolled", klass.enrolled},
            {"present_children", klass.present_children},
            {"present_caregivers", klass.present_caregivers},
            {"caregivers_needed", needed ? Json(*needed) : Json(nullptr)},
            {"ratio_ok", !needed || klass.present_caregivers >= *needed},
            {"breach_open", klass.breach_open},
            {"breaches_today", klass.breaches_today}};
}

Json ChildJson(const Child& child, CivilDate today, const standards::Parameters& parameters) {
    const std::optional<CivilDate> birth = CivilDate::Parse(child.birth_date);
    const bool recheck_needed = child.status == "enrolled" && RecheckBase(child) &&
                                care_rules::NeedsRecheck(*RecheckBase(child), today, parameters).value_or(false);
    return {{"id", child.id},
            {"institution_id", child.institution_id},
            {"institution_name", child.institution_name},
            {"region_code", child.region_code},
            {"name", child.name},
            {"id_kind", child.id_kind},
            {"id_number_masked", child.id_masked},
            {"sex", child.sex},
            {"birth_date", child.birth_date},
            {"age_months", birth ? Json(care_rules::AgeInMonths(*birth, today)) : Json(nullptr)},
            {"status", child.status},
            {"status_label", LabelOf(kStatuses, child.status)},
            {"class_id", child.class_id ? Json(*child.class_id) : Json(nullptr)},
            {"class_name", OptionalText(child.class_name)},
            {"allergies", child.allergies},
            {"special_needs", child.special_needs},
            {"agreement_signed_on", OptionalText(child.agreement_signed_on)},
            {"vaccination_checked_on", OptionalText(child.vaccination_checked_on)},
            {"entry_exam_on", OptionalText(child.entry_exam_on)},
            {"enrolled_on", OptionalText(child.enrolled_on)},
            {"left_on", OptionalText(child.left_on)},
            {"left_reason", child.left_reason},
            {"last_present_on", OptionalText(child.last_present_on)},
            {"recheck_needed", recheck_needed},
            {"applied_online", child.applied_online},
            {"created_at", FormatIsoUtc(child.created_at)}};
}

Json ContactJson(const Contact& contact, std::int64_t viewer) {
    return {{"id", contact.id},
            {"name", contact.name},
            {"relationship", contact.relationship},
            {"relationship_label", RelationshipLabel(contact.relationship)},
            {"phone", contact.phone},
            {"guardian", contact.guardian},
            {"can_pick_up", contact.can_pick_up},
            {"linked_account", contact.user_id.has_value()},
            {"is_me", contact.user_id == viewer}};
}

Json AttendanceJson(const Attendance& a) {
    return {{"child_id", a.child_id},
            {"day", a.day},
            {"class_id", a.class_id ? Json(*a.class_id) : Json(nullptr)},
            {"check_in_at", OptionalTime(a.in_at)},
            {"brought_by_name", OptionalText(a.brought_by_name)},
            {"check_out_at", OptionalTime(a.out_at)},
            {"collected_by_name", OptionalText(a.collected_by_name)},
            {"absent", a.absent},
            {"absence_reason", a.absence_reason},
            {"absence_reported_by_guardian", a.absence_reported_by_guardian},
            {"needs_follow_up", a.absent && a.absence_reason.empty() && !a.follow_up_at},
            {"follow_up", a.follow_up_at ? Json{{"staff_name", a.follow_up_staff_name},
                                                {"note", a.follow_up_note},
                                                {"at", FormatIsoUtc(*a.follow_up_at)}}
                                         : Json(nullptr)}};
}

Json HealthCheckJson(const HealthCheck& check) {
    return {{"id", check.id},
            {"day", check.day},
            {"kind", check.kind},
            {"kind_label", LabelOf(kCheckKinds, check.kind)},
            {"temperature",
             check.temperature_tenths ? Json(static_cast<double>(*check.temperature_tenths) / 10.0) : Json(nullptr)},
            {"findings", check.findings},
            {"action", check.action},
            {"abnormal", check.abnormal},
            {"guardian_notified", check.guardian_notified},
            {"recorded_at", FormatIsoUtc(check.recorded_at)}};
}

Json HealthEventJson(const HealthEvent& event) {
    return {{"id", event.id},
            {"kind", event.kind},
            {"kind_label", LabelOf(kEventKinds, event.kind)},
            {"disease", event.disease},
            {"note", event.note},
            {"on", event.happened_on},
            {"created_at", FormatIsoUtc(event.created_at)}};
}

Json DailyJson(const Daily& daily) {
    return {{"day", daily.day},
            {"meals", daily.meals},
            {"nap_minutes", daily.nap_minutes},
            {"nappies", daily.nappies},
            {"mood", daily.mood},
            {"outdoor_minutes", daily.outdoor_minutes},
            {"activities", daily.activities},
            {"updated_at", FormatIsoUtc(daily.updated_at)}};
}

Json DayJson(storage::Transaction& tx, const Child& child, const std::string& day) {
    const std::optional<Attendance> attendance = AttendanceOf(tx, child.id, day);
    Json checks = Json::array();
    for (const HealthCheck& check : HealthChecks(tx, child.id, day)) {
        checks.push_back(HealthCheckJson(check));
    }
    Json events = Json::array();
    for (const HealthEvent& event : HealthEvents(tx, child.id, day)) {
        events.push_back(HealthEventJson(event));
    }
    const std::optional<Daily> daily = DailyOf(tx, child.id, day);
    Json notices = Json::array();
    // The notices of the day in China: from its midnight (UTC+8) on.
    std::int64_t since = 0;
    ParseIsoDateOrTime(day, since);
    for (const Notice& notice : Notices(tx, child.id, since, DayEnd(day))) {
        notices.push_back({{"id", notice.id},
                           {"kind", notice.kind},
                           {"message", notice.message},
                           {"created_at", FormatIsoUtc(notice.created_at)}});
    }
    return {{"day", day},
            {"attendance", attendance ? AttendanceJson(*attendance) : Json(nullptr)},
            {"health_checks", std::move(checks)},
            {"health_events", std::move(events)},
            {"daily", daily ? DailyJson(*daily) : Json(nullptr)},
            {"notices", std::move(notices)}};
}

}  // namespace tuoyu::children
