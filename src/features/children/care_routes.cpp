#include <cmath>

#include "core/care_rules.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "features/children/care_service.hpp"
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

std::int64_t RequiredId(http::JsonBody& body, const std::string& field) {
    const std::optional<std::int64_t> id = body.OptionalInt(field);
    if (!id || *id <= 0) {
        throw ApiError(422, "required", field, "缺少 " + field, field + " is required");
    }
    return *id;
}

std::string TrimmedText(http::JsonBody& body, const std::string& field, std::size_t max_length) {
    return std::string(TrimSpace(body.OptionalString(field, max_length).value_or("")));
}

std::string FormatNumber(double value) {
    std::string text = std::to_string(value);
    text.erase(text.find_last_not_of('0') + 1);
    if (text.back() == '.') {
        text.pop_back();
    }
    return text;
}

// A number in [min, max] with at most `scale` decimals kept, as an integer of that scale (37.8 → 378).
std::optional<std::int64_t> Scaled(http::JsonBody& body, const std::string& field, double min, double max, double scale,
                                   bool required) {
    const std::optional<Json> value = body.OptionalJson(field);
    if (!value || value->is_null()) {
        if (required) {
            throw ApiError(422, "required", field, "缺少 " + field, field + " is required");
        }
        return std::nullopt;
    }
    if (!value->is_number() || value->get<double>() < min || value->get<double>() > max) {
        throw ApiError(422, "out_of_range", field,
                       field + " 须为 " + FormatNumber(min) + " 至 " + FormatNumber(max) + " 之间的数",
                       field + " must be a number from " + FormatNumber(min) + " to " + FormatNumber(max));
    }
    return std::llround(value->get<double>() * scale);
}

std::int64_t Minutes(http::JsonBody& body, const std::string& field) {
    const std::optional<std::int64_t> value = body.OptionalInt(field);
    if (value && (*value < 0 || *value > 1440)) {
        throw ApiError(422, "out_of_range", field, field + " 须在 0 至 1440 之间", field + " is from 0 to 1440");
    }
    return value.value_or(0);
}

Json ClassAfter(storage::Transaction& tx, const children::Child& child, std::optional<std::int64_t> class_id,
                const std::string& day, const standards::Parameters& parameters) {
    if (!class_id) {
        return nullptr;
    }
    const std::optional<children::ClassInfo> klass = children::FindClass(tx, child.institution_id, *class_id, day);
    return klass ? children::ClassJson(*klass, parameters) : Json(nullptr);
}

http::Response Attendance(Context& context) {
    children::RequireReader(context);
    http::QueryParams params(context.request());
    const CivilDate today = TodayOf(context);
    const std::string day =
        children::RequireDay("day", params.String("day", 20).value_or(today.ToString()), today, true);
    params.Finish();
    storage::Transaction tx = context.services().database.Read();
    const children::InstitutionRef institution = children::InstitutionInScope(tx, context);
    const standards::Parameters parameters = reference::StandardsParameters(tx, institution.region_code);
    Json rows = Json::array();
    for (const children::RegisterRow& row : children::Register(tx, institution.id, day)) {
        Json item = row.attendance ? children::AttendanceJson(*row.attendance) : Json::object();
        item["child_id"] = row.child_id;
        item["name"] = row.name;
        item["class_id"] = row.class_id ? Json(*row.class_id) : Json(nullptr);
        item["class_name"] = row.class_name;
        item["morning_check_done"] = row.morning_check_done;
        item["abnormal"] = row.abnormal;
        if (!row.attendance) {
            item["check_in_at"] = nullptr;
            item["check_out_at"] = nullptr;
            item["absent"] = false;
            item["needs_follow_up"] = false;
            item["follow_up"] = nullptr;
        }
        rows.push_back(std::move(item));
    }
    Json staff = Json::array();
    for (const children::Shift& shift : children::Shifts(tx, institution.id, day)) {
        staff.push_back({{"staff_id", shift.staff_id},
                         {"name", shift.name},
                         {"role", shift.role},
                         {"class_id", shift.class_id ? Json(*shift.class_id) : Json(nullptr)},
                         {"day", shift.day},
                         {"in_at", FormatIsoUtc(shift.in_at)},
                         {"out_at", shift.out_at ? Json(FormatIsoUtc(*shift.out_at)) : Json(nullptr)}});
    }
    const std::vector<children::BreachRow> breaches = children::Breaches(tx, institution.id, day);
    Json classes = Json::array();
    for (const children::ClassInfo& klass : children::Classes(tx, institution.id, day)) {
        Json item = children::ClassJson(klass, parameters);
        Json stretches = Json::array();
        for (const children::BreachRow& breach : breaches) {
            if (breach.class_id == klass.id) {
                stretches.push_back({{"from", FormatIsoUtc(breach.started_at)},
                                     {"to", breach.ended_at ? Json(FormatIsoUtc(*breach.ended_at)) : Json(nullptr)},
                                     {"children", breach.children},
                                     {"caregivers", breach.caregivers},
                                     {"needed", breach.needed},
                                     {"rule", breach.rule}});
            }
        }
        item["breaches"] = std::move(stretches);
        classes.push_back(std::move(item));
    }
    Json roster = Json::array();
    for (const children::StaffRef& member : children::Roster(tx, institution.id)) {
        roster.push_back({{"staff_id", member.id}, {"name", member.name}, {"role", member.role}});
    }
    const Json reply{{"day", day},
                     {"children", std::move(rows)},
                     {"staff", std::move(staff)},
                     {"roster", std::move(roster)},
                     {"classes", std::move(classes)}};
    context.Audit(tx, std::to_string(institution.id), institution.region_code, "", reply.dump());
    tx.Commit();
    return http::JsonReply(200, reply);
}

http::Response CheckInChild(Context& context) {
    children::RequireCarer(context);
    http::JsonBody body(context.request());
    const std::int64_t brought_by = RequiredId(body, "brought_by");
    const std::int64_t at = children::RequireTimeToday(body, "at", context.Now());
    body.Finish();
    storage::Transaction tx = context.services().database.Write();
    const children::Child child = children::ChildInScope(tx, context);
    const standards::Parameters parameters = reference::StandardsParameters(tx, child.region_code);
    children::CheckIn(tx, child, brought_by, at, context.principal().user_id, parameters);
    const std::string day = ShanghaiDate(at).ToString();
    const Json reply{{"attendance", children::AttendanceJson(*children::AttendanceOf(tx, child.id, day))},
                     {"class", ClassAfter(tx, child, child.class_id, day, parameters)}};
    context.Audit(tx, std::to_string(child.id), child.region_code, "", reply.dump());
    tx.Commit();
    return http::JsonReply(200, reply);
}

http::Response CheckOutChild(Context& context) {
    children::RequireCarer(context);
    http::JsonBody body(context.request());
    const std::int64_t collected_by = RequiredId(body, "collected_by");
    const std::int64_t at = children::RequireTimeToday(body, "at", context.Now());
    body.Finish();
    storage::Transaction tx = context.services().database.Write();
    const children::Child child = children::ChildInScope(tx, context);
    const standards::Parameters parameters = reference::StandardsParameters(tx, child.region_code);
    children::CheckOut(tx, child, collected_by, at, context.principal().user_id, parameters);
    const std::string day = ShanghaiDate(at).ToString();
    const children::Attendance attendance = *children::AttendanceOf(tx, child.id, day);
    const Json reply{{"attendance", children::AttendanceJson(attendance)},
                     {"class", ClassAfter(tx, child, attendance.class_id, day, parameters)}};
    context.Audit(tx, std::to_string(child.id), child.region_code, "", reply.dump());
    tx.Commit();
    return http::JsonReply(200, reply);
}

http::Response ReportAbsence(Context& context) {
    context.RequireRole({Role::kInstitutionAdmin, Role::kInstitutionStaff, Role::kGuardian});
    http::JsonBody body(context.request());
    const std::string day_text = body.RequiredString("day", 20);
    const std::string reason = TrimmedText(body, "reason", 500);
    body.Finish();
    const CivilDate today = TodayOf(context);
    const bool guardian = context.principal().role == Role::kGuardian;
    const std::string day = children::RequireDay("day", day_text, today, false);
    // Guardians tell ahead (up to 30 days); an institution records today's or an earlier day's absence.
    if (day > today.AddDays(guardian ? 30 : 0).ToString() || day < today.AddDays(-30).ToString()) {
        throw ApiError(422, "day_out_of_range", "day",
                       guardian ? "只能请今后 30 天内的假" : "只能登记今天及以前 30 天内的缺勤",
                       guardian ? "An absence is reported for the next 30 days at most"
                                : "An absence is recorded for today or the 30 days before");
    }
    if (guardian && reason.empty()) {
        throw ApiError(422, "required", "reason", "请填写请假原因", "Give the reason of the absence");
    }
    storage::Transaction tx = context.services().database.Write();
    const children::Child child = children::ChildInScope(tx, context);
    children::RequireEnrolled(child);
    if (const std::optional<children::Attendance> existing = children::AttendanceOf(tx, child.id, day)) {
        throw Conflict(existing->absent ? "absent_marked" : "already_checked_in", "day",
                       existing->absent ? "当天已登记缺勤" : "幼儿当天已入园",
                       existing->absent ? "An absence is recorded for that day" : "The child came that day");
    }
    children::RecordAbsence(tx, child.id, child.institution_id, child.class_id, day, reason,
                            context.principal().user_id, context.Now());
    const Json reply = children::AttendanceJson(*children::AttendanceOf(tx, child.id, day));
    context.Audit(tx, std::to_string(child.id), child.region_code, "", reply.dump());
    tx.Commit();
    return http::JsonReply(201, reply);
}

http::Response FollowUp(Context& context) {
    children::RequireCarer(context);
    http::JsonBody body(context.request());
    const std::string day_text = body.RequiredString("day", 20);
    const std::int64_t staff_id = RequiredId(body, "staff_id");
    const std::string note = TrimmedText(body, "note", 1000);
    body.Finish();
    const std::string day = children::RequireDay("day", day_text, TodayOf(context), true);
    if (note.empty()) {
        throw ApiError(422, "required", "note", "请填写跟进结果", "Say what the follow-up found");
    }
    storage::Transaction tx = context.services().database.Write();
    const children::Child child = children::ChildInScope(tx, context);
    const std::optional<children::Attendance> attendance = children::AttendanceOf(tx, child.id, day);
    if (!attendance || !attendance->absent) {
        throw Conflict("not_absent", "day", "当天没有缺勤记录", "No absence is recorded for that day");
    }
    if (!children::EmployedStaff(tx, child.institution_id, staff_id)) {
        throw ApiError(422, "invalid_staff", "staff_id", "该人员不是本机构在职人员",
                       "No such employed staff member at this institution");
    }
    children::RecordFollowUp(tx, child.id, day, staff_id, note, context.Now());
    const Json reply = children::AttendanceJson(*children::AttendanceOf(tx, child.id, day));
    context.Audit(tx, std::to_string(child.id), child.region_code, children::AttendanceJson(*attendance).dump(),
                  reply.dump());
    tx.Commit();
    return http::JsonReply(200, reply);
}

http::Response StaffAttendance(Context& context) {
    children::RequireCarer(context);
    http::JsonBody body(context.request());
    const std::int64_t staff_id = RequiredId(body, "staff_id");
    const std::string action = body.RequiredString("action", 10);
    const std::optional<std::int64_t> class_id = body.OptionalInt("class_id");
    const std::int64_t at = children::RequireTimeToday(body, "at", context.Now());
    body.Finish();
    if (action != "in" && action != "out") {
        throw ApiError(422, "invalid_action", "action", "action 须为 in 或 out", "action is in or out");
    }
    if (action == "out" && class_id) {
        throw ApiError(422, "invalid_value", "class_id", "离岗不需要班级", "Going off duty takes no class");
    }
    storage::Transaction tx = context.services().database.Write();
    const children::InstitutionRef institution = children::InstitutionInScope(tx, context);
    const standards::Parameters parameters = reference::StandardsParameters(tx, institution.region_code);
    std::optional<std::int64_t> moved_class = class_id;
    if (action == "out") {
        const std::optional<children::Shift> shift = children::OpenShift(tx, staff_id);
        moved_class = shift ? shift->class_id : std::nullopt;
        children::StaffOut(tx, institution, staff_id, at, parameters);
    } else {
        children::StaffIn(tx, institution, staff_id, class_id, at, context.principal().user_id, parameters);
    }
    const std::string day = ShanghaiDate(at).ToString();
    Json klass = nullptr;
    if (moved_class) {
        const std::optional<children::ClassInfo> info = children::FindClass(tx, institution.id, *moved_class, day);
        klass = info ? children::ClassJson(*info, parameters) : Json(nullptr);
    }
    const Json reply{{"staff_id", staff_id},
                     {"action", action},
                     {"at", FormatIsoUtc(at)},
                     {"class_id", moved_class ? Json(*moved_class) : Json(nullptr)},
                     {"class", klass}};
    context.Audit(tx, std::to_string(staff_id), institution.region_code, "", reply.dump());
    tx.Commit();
    return http::JsonReply(200, reply);
}

std::string Temperature(std::int64_t tenths) {
    return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + "℃";
}

http::Response AddHealthCheck(Context& context) {
    children::RequireCarer(context);
    http::JsonBody body(context.request());
    children::HealthCheck check;
    check.kind = body.RequiredString("kind", 20);
    check.temperature_tenths = Scaled(body, "temperature", 34.0, 43.0, 10.0, false);
    check.findings = TrimmedText(body, "findings", 1000);
    check.action = TrimmedText(body, "action", 1000);
    check.abnormal = body.OptionalBool("abnormal").value_or(false);
    body.Finish();
    if (check.kind != "morning" && check.kind != "noon" && check.kind != "observation") {
        throw ApiError(422, "invalid_kind", "kind", "检查类别须为 morning、noon 或 observation",
                       "kind is morning, noon or observation");
    }
    if (check.abnormal && check.findings.empty()) {
        throw ApiError(422, "required", "findings", "异常须写明所见", "An abnormal check says what was found");
    }
    check.day = TodayOf(context).ToString();
    check.recorded_at = context.Now();
    storage::Transaction tx = context.services().database.Write();
    const children::Child child = children::ChildInScope(tx, context);
    children::RequireEnrolled(child);
    // Notified means a guardian's own account shows the notice; otherwise staff telephone them.
    check.guardian_notified = check.abnormal && children::HasLinkedGuardian(tx, child.id);
    check.id = children::InsertHealthCheck(tx, child.id, child.institution_id, check, context.principal().user_id);
    if (check.abnormal) {
        // N26: the guardian is told of an abnormality at once; the notice is what their page shows.
        const std::string kind_zh = check.kind == "morning" ? "晨检" : check.kind == "noon" ? "午检" : "健康观察";
        std::string message = kind_zh + "发现异常：" + check.findings;
        if (check.temperature_tenths) {
            message += "；体温 " + Temperature(*check.temperature_tenths);
        }
        if (!check.action.empty()) {
            message += "；处理：" + check.action;
        }
        children::InsertNotice(tx, child.id, "health_abnormal", message, context.principal().user_id, context.Now());
    }
    const Json reply = children::HealthCheckJson(check);
    context.Audit(tx, std::to_string(child.id), child.region_code, "", reply.dump());
    tx.Commit();
    return http::JsonReply(201, reply);
}

http::Response AddHealthEvent(Context& context) {
    children::RequireCarer(context);
    http::JsonBody body(context.request());
    children::HealthEvent event;
    event.kind = body.RequiredString("kind", 40);
    event.disease = TrimmedText(body, "disease", 200);
    event.note = TrimmedText(body, "note", 2000);
    const std::optional<std::string> on = body.OptionalString("on", 20);
    body.Finish();
    const CivilDate today = TodayOf(context);
    if (event.kind != "isolation" && event.kind != "infectious_disease" && event.kind != "doctor_referral" &&
        event.kind != "return_certificate") {
        throw ApiError(422, "invalid_kind", "kind",
                       "类别须为 isolation、infectious_disease、doctor_referral 或 return_certificate",
                       "kind is isolation, infectious_disease, doctor_referral or return_certificate");
    }
    if (event.kind == "infectious_disease" && event.disease.empty()) {
        throw ApiError(422, "required", "disease", "传染病报告须写明病名（疑似亦可）",
                       "An infectious-disease report names the disease (suspected is fine)");
    }
    if (event.note.empty()) {
        throw ApiError(422, "required", "note", "请填写说明", "A note is required");
    }
    event.happened_on = children::RequireDay("on", on.value_or(today.ToString()), today, true);
    event.created_at = context.Now();
    storage::Transaction tx = context.services().database.Write();
    const children::Child child = children::ChildInScope(tx, context);
    children::RequireEnrolled(child);
    event.id = children::InsertHealthEvent(tx, child.id, child.institution_id, event, context.principal().user_id);
    if (event.kind == "infectious_disease" || event.kind == "isolation") {
        // N27: the guardian takes the child to a doctor; a return needs a health certificate.
        const std::string message =
            (event.kind == "isolation"
                 ? "幼儿身体不适，已在保健观察室隔离观察，请尽快来园接回并就医。"
                 : "幼儿疑似患传染病（" + event.disease + "），请带幼儿就医；返园时须持医疗机构出具的健康证明。") +
            event.note;
        children::InsertNotice(tx, child.id, event.kind, message, context.principal().user_id, context.Now());
    }
    const Json reply = children::HealthEventJson(event);
    context.Audit(tx, std::to_string(child.id), child.region_code, "", reply.dump());
    tx.Commit();
    return http::JsonReply(201, reply);
}

// A notice from the institution to the guardians of its enrolled children (a class's, when named): a
// closure, an outbreak nearby, an outing. Their page shows it with the day's record.
http::Response SendNotice(Context& context) {
    children::RequireCarer(context);
    http::JsonBody body(context.request());
    const std::string message = TrimmedText(body, "message", 1000);
    const std::optional<std::int64_t> class_id = body.OptionalInt("class_id");
    body.Finish();
    if (message.empty()) {
        throw ApiError(422, "required", "message", "请填写通知内容", "The notice needs a message");
    }
    storage::Transaction tx = context.services().database.Write();
    const children::InstitutionRef institution = children::InstitutionInScope(tx, context);
    if (class_id && !children::FindClassBrief(tx, institution.id, *class_id)) {
        throw ApiError(422, "invalid_class", "class_id", "班级不存在或已撤销", "No such class at this institution");
    }
    const std::int64_t reached =
        children::NoticeToEnrolled(tx, institution.id, class_id, message, context.principal().user_id, context.Now());
    const Json reply{{"message", message},
                     {"class_id", class_id ? Json(*class_id) : Json(nullptr)},
                     {"children", reached},
                     {"created_at", FormatIsoUtc(context.Now())}};
    context.Audit(tx, std::to_string(institution.id), institution.region_code, "", reply.dump());
    tx.Commit();
    return http::JsonReply(201, reply);
}

http::Response AddGrowth(Context& context) {
    children::RequireCarer(context);
    http::JsonBody body(context.request());
    children::Growth growth;
    const std::string measured_on = body.RequiredString("measured_on", 20);
    growth.height_mm = *Scaled(body, "height_cm", 40.0, 130.0, 10.0, true);
    growth.weight_g = *Scaled(body, "weight_kg", 1.5, 30.0, 1000.0, true);
    body.Finish();
    growth.measured_on = children::RequireDay("measured_on", measured_on, TodayOf(context), true);
    storage::Transaction tx = context.services().database.Write();
    const children::Child child = children::ChildInScope(tx, context);
    if (growth.measured_on < child.birth_date) {
        throw ApiError(422, "before_birth", "measured_on", "测量日期早于出生日期", "Measured before the birth date");
    }
    growth.id = children::InsertGrowth(tx, child.id, growth, context.principal().user_id, context.Now());
    const Json reply{{"id", growth.id},
                     {"measured_on", growth.measured_on},
                     {"height_cm", static_cast<double>(growth.height_mm) / 10.0},
                     {"weight_kg", static_cast<double>(growth.weight_g) / 1000.0}};
    context.Audit(tx, std::to_string(child.id), child.region_code, "", reply.dump());
    tx.Commit();
    return http::JsonReply(201, reply);
}

http::Response PutDaily(Context& context) {
    children::RequireCarer(context);
    const CivilDate today = TodayOf(context);
    children::Daily daily;
    daily.day = children::RequireDay("day", context.Param("day"), today, true);
    http::JsonBody body(context.request());
    daily.meals = TrimmedText(body, "meals", 1000);
    daily.nap_minutes = Minutes(body, "nap_minutes");
    const std::optional<std::int64_t> nappies = body.OptionalInt("nappies");
    daily.mood = TrimmedText(body, "mood", 200);
    daily.outdoor_minutes = Minutes(body, "outdoor_minutes");
    daily.activities = TrimmedText(body, "activities", 2000);
    body.Finish();
    if (nappies && (*nappies < 0 || *nappies > 30)) {
        throw ApiError(422, "out_of_range", "nappies", "换尿布次数须在 0 至 30 之间", "nappies is from 0 to 30");
    }
    daily.nappies = nappies.value_or(0);
    daily.updated_at = context.Now();
    storage::Transaction tx = context.services().database.Write();
    const children::Child child = children::ChildInScope(tx, context);
    children::RequireEnrolled(child);
    const std::optional<children::Daily> before = children::DailyOf(tx, child.id, daily.day);
    children::PutDaily(tx, child.id, daily, context.principal().user_id);
    Json findings = Json::array();
    if (const std::optional<standards::Finding> outdoor = care_rules::CheckOutdoorTime(
            static_cast<int>(daily.outdoor_minutes), false, reference::StandardsParameters(tx, child.region_code))) {
        findings.push_back(standards::FindingJson(*outdoor));
    }
    const Json reply{{"daily", children::DailyJson(daily)}, {"findings", std::move(findings)}};
    context.Audit(tx, std::to_string(child.id), child.region_code, before ? children::DailyJson(*before).dump() : "",
                  reply.dump());
    tx.Commit();
    return http::JsonReply(200, reply);
}

http::Response ChildDay(Context& context) {
    context.RequireRole(
        {Role::kAdmin, Role::kRegulator, Role::kInstitutionAdmin, Role::kInstitutionStaff, Role::kGuardian});
    const std::string day = children::RequireDay("day", context.Param("day"), TodayOf(context), true);
    storage::Transaction tx = context.services().database.Read();
    const children::Child child = children::ChildInScope(tx, context);
    Json reply = children::DayJson(tx, child, day);
    reply["child_id"] = child.id;
    reply["name"] = child.name;
    context.Audit(tx, std::to_string(child.id), child.region_code, "", reply.dump());
    tx.Commit();
    return http::JsonReply(200, reply);
}

Json Rate(std::int64_t part, std::int64_t whole) {
    return whole > 0 ? Json(std::round(1000.0 * static_cast<double>(part) / static_cast<double>(whole)) / 10.0)
                     : Json(nullptr);
}

Json FiguresJson(const children::Figures& f) {
    return {{"institution_id", f.institution_id},
            {"institution_name", f.institution_name},
            {"region_code", f.region_code},
            {"slots", f.slots ? Json(*f.slots) : Json(nullptr)},
            {"enrolled", f.enrolled},
            {"under_1", f.under_1},
            {"age_1", f.age_1},
            {"age_2", f.age_2},
            {"present", f.present},
            {"attendance_rate", Rate(f.present, f.enrolled)},
            {"health_checked", f.health_checked},
            {"health_check_rate", Rate(f.health_checked, f.present)},
            {"breaches", f.breaches}};
}

http::Response Figures(Context& context) {
    context.RequireRole({Role::kAdmin, Role::kRegulator, Role::kInstitutionAdmin});
    http::QueryParams params(context.request());
    const std::optional<std::string> region_code = params.RegionCode("region_code");
    const CivilDate today = TodayOf(context);
    const std::string day =
        children::RequireDay("day", params.String("day", 20).value_or(today.ToString()), today, true);
    const PageRequest page = params.Page({});
    params.Finish();
    storage::Transaction tx = context.services().database.Read();
    std::int64_t total = 0;
    children::Figures sum;
    const std::vector<children::Figures> figures =
        children::InstitutionFigures(tx, context.principal().scope(), region_code, day, page, total, sum);
    Json items = Json::array();
    for (const children::Figures& f : figures) {
        items.push_back(FiguresJson(f));
    }
    Json reply = http::ListReply(std::move(items), total, page);
    Json summed = FiguresJson(sum);
    for (const char* key : {"institution_id", "institution_name", "region_code"}) {
        summed.erase(key);
    }
    reply["sum"] = std::move(summed);
    reply["day"] = day;
    tx.Commit();
    return http::JsonReply(200, reply);
}

}  // namespace

void RegisterCareRoutes(http::Router& router) {
    using http::Access;
    using http::AuditKind;
    router.Add({"GET", "/api/v1/institutions/{id}/attendance",
                "The day's register: children, staff on duty and each class's ratio with its breaches (audited)",
                Access::kSignedIn, AuditKind::kPersonalRead, "institution"},
               Attendance);
    router.Add({"POST", "/api/v1/institutions/{id}/staff-attendance",
                "A staff member comes on duty (in a class for a caregiver) or goes off", Access::kSignedIn,
                AuditKind::kChange, "staff"},
               StaffAttendance);
    router.Add({"POST", "/api/v1/institutions/{id}/notices",
                "Send a notice to the guardians of the enrolled children (of one class when named)", Access::kSignedIn,
                AuditKind::kChange, "institution"},
               SendNotice);
    router.Add({"GET", "/api/v1/children/figures",
                "Enrolled children by age, attendance and 晨检 rates and ratio breaches per institution",
                Access::kSignedIn, AuditKind::kNone, "institution"},
               Figures);
    router.Add({"POST", "/api/v1/children/{id}/check-in", "Check a child in, brought by one of its contacts",
                Access::kSignedIn, AuditKind::kChange, "child"},
               CheckInChild);
    router.Add({"POST", "/api/v1/children/{id}/check-out", "Check a child out to an authorised person",
                Access::kSignedIn, AuditKind::kChange, "child"},
               CheckOutChild);
    router.Add({"POST", "/api/v1/children/{id}/absence", "Record or report an absence", Access::kSignedIn,
                AuditKind::kChange, "child"},
               ReportAbsence);
    router.Add({"POST", "/api/v1/children/{id}/follow-up", "Record who followed up an unexplained absence",
                Access::kSignedIn, AuditKind::kChange, "child"},
               FollowUp);
    router.Add({"POST", "/api/v1/children/{id}/health-checks",
                "Record a 晨午检 or observation; an abnormal one notifies the guardians", Access::kSignedIn,
                AuditKind::kChange, "child"},
               AddHealthCheck);
    router.Add({"POST", "/api/v1/children/{id}/health-events",
                "Record an isolation, infectious-disease report, referral or return certificate", Access::kSignedIn,
                AuditKind::kChange, "child"},
               AddHealthEvent);
    router.Add({"POST", "/api/v1/children/{id}/growth", "Record a height and weight measurement", Access::kSignedIn,
                AuditKind::kChange, "child"},
               AddGrowth);
    router.Add({"PUT", "/api/v1/children/{id}/daily/{day}", "Write a child's daily record (N28 outdoor time)",
                Access::kSignedIn, AuditKind::kChange, "child"},
               PutDaily);
    router.Add({"GET", "/api/v1/children/{id}/days/{day}", "One child's day (audited)", Access::kSignedIn,
                AuditKind::kPersonalRead, "child"},
               ChildDay);
}

}  // namespace tuoyu::features
