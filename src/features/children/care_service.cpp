#include "features/children/care_service.hpp"

#include "core/care_rules.hpp"
#include "core/error.hpp"

namespace tuoyu::children {

namespace {

std::string Today(std::int64_t at) {
    return ShanghaiDate(at).ToString();
}

void RequireEnrolled(const Child& child) {
    if (child.status != "enrolled" || !child.class_id) {
        throw Conflict("not_enrolled", "", "该幼儿未在托，不能登记考勤", "The child is not enrolled: no attendance");
    }
}

// N25: a child away for three months or more (counted from the last day present, the entry examination
// before the first, or a re-examination since) is examined again before coming back.
void RequireRecheck(const Child& child, const std::string& day, const standards::Parameters& parameters) {
    const std::optional<CivilDate> from = RecheckBase(child);
    const std::optional<CivilDate> on = CivilDate::Parse(day);
    if (!from || !on || !care_rules::NeedsRecheck(*from, *on, parameters).value_or(false)) {
        return;
    }
    const standards::Parameter& parameter = parameters.at("recheck_after_absence_months");
    throw ApiError(
        422, "recheck_required", "",
        "N25：离园 3 个月及以上的幼儿，须重新体检合格后方可返园（" + parameter.source + " " + parameter.clause + "）",
        "N25: a child away for three months or more returns only after a new health examination (" + parameter.source +
            " " + parameter.clause + ")")
        .WithRule("N25");
}

// N27: after an infectious disease, a child comes back on a medical institution's health certificate.
void RequireReturnCertificate(storage::Transaction& tx, const Child& child) {
    if (AwaitsReturnCertificate(tx, child.id)) {
        throw ApiError(
            422, "return_certificate_required", "",
            "N27：患传染病（含疑似）的幼儿，须持医疗机构出具的健康证明方可返园（托儿所幼儿园卫生保健管理办法 "
            "第18条）",
            "N27: after an infectious disease a child returns on a medical institution's health certificate")
            .WithRule("N27");
    }
}

ClassInfo ClassOf(storage::Transaction& tx, std::int64_t institution_id, std::int64_t class_id) {
    std::optional<ClassInfo> klass = FindClassBrief(tx, institution_id, class_id);
    if (!klass) {
        throw ApiError(422, "invalid_class", "class_id", "班级不存在或已撤销", "No such class at this institution");
    }
    return *klass;
}

}  // namespace

Presence CheckIn(storage::Transaction& tx, const Child& child, std::int64_t brought_by, std::int64_t at,
                 std::int64_t user_id, const standards::Parameters& parameters) {
    RequireEnrolled(child);
    const std::string day = Today(at);
    if (!IsContact(tx, child.id, brought_by, false)) {
        throw ApiError(422, "invalid_contact", "brought_by", "送托人不是该幼儿登记的监护人或接送人",
                       "The person bringing the child is not one of the child's contacts");
    }
    const std::optional<DayState> today = DayStateOf(tx, child.id, day);
    if (today && !today->absent) {
        throw Conflict("already_checked_in", "", "该幼儿今天已入园", "The child has already been checked in today");
    }
    RequireRecheck(child, day, parameters);
    RequireReturnCertificate(tx, child);
    const ClassInfo klass = ClassOf(tx, child.institution_id, *child.class_id);
    // A child marked absent who comes after all is checked in on the day's row; a request that came first
    // and checked the child in leaves nothing to turn.
    if (today) {
        if (!CheckInAbsent(tx, child.id, day, at, brought_by, user_id)) {
            throw Conflict("already_checked_in", "", "该幼儿今天已入园", "The child has already been checked in today");
        }
    } else {
        InsertCheckIn(tx, child.id, child.institution_id, klass.id, day, at, brought_by, user_id);
    }
    return MoveInClass(tx, klass, child.region_code, day, 1, 0, at, parameters);
}

Presence CheckOut(storage::Transaction& tx, const Child& child, std::int64_t collected_by, std::int64_t at,
                  std::int64_t user_id, const standards::Parameters& parameters) {
    const std::string day = Today(at);
    const std::optional<DayState> today = DayStateOf(tx, child.id, day);
    if (!today || !today->in_at) {
        throw Conflict("not_checked_in", "", "该幼儿今天尚未入园", "The child has not been checked in today");
    }
    if (today->out_at) {
        throw Conflict("already_checked_out", "", "该幼儿今天已离园", "The child has already left today");
    }
    if (at < *today->in_at) {
        throw ApiError(422, "time_before_check_in", "at", "离园时间早于入园时间", "The time is before the check-in");
    }
    if (!IsContact(tx, child.id, collected_by, true)) {
        throw ApiError(422, "pickup_not_authorised", "collected_by", "接领人未被授权接送该幼儿，不能离园；请联系监护人",
                       "This person is not authorised to collect the child; call a guardian");
    }
    if (!UpdateCheckOut(tx, child.id, day, at, collected_by, user_id)) {
        throw Conflict("already_checked_out", "", "该幼儿今天已离园", "The child has already left today");
    }
    if (!today->class_id) {
        return {};
    }
    const ClassInfo klass = ClassOf(tx, child.institution_id, *today->class_id);
    return MoveInClass(tx, klass, child.region_code, day, -1, 0, at, parameters);
}

std::optional<Presence> StaffIn(storage::Transaction& tx, const InstitutionRef& institution, std::int64_t staff_id,
                                std::optional<std::int64_t> class_id, std::int64_t at, std::int64_t user_id,
                                const standards::Parameters& parameters) {
    const std::optional<StaffRef> member = EmployedStaff(tx, institution.id, staff_id);
    if (!member) {
        throw ApiError(422, "invalid_staff", "staff_id", "该人员不是本机构在职人员",
                       "No such employed staff member at this institution");
    }
    if (OpenShift(tx, staff_id)) {
        throw Conflict("already_on_duty", "staff_id", "该人员已在岗", "This staff member is already on duty");
    }
    const std::string day = Today(at);
    std::optional<ClassInfo> klass;
    if (class_id) {
        if (member->role != "caregiver") {
            throw ApiError(422, "not_a_caregiver", "class_id", "只有保育人员计入班级的师幼比",
                           "Only caregivers count towards a class's ratio");
        }
        klass = ClassOf(tx, institution.id, *class_id);
    }
    StartShift(tx, staff_id, institution.id, class_id, day, at, user_id);
    if (!klass) {
        return std::nullopt;
    }
    return MoveInClass(tx, *klass, institution.region_code, day, 0, 1, at, parameters);
}

std::optional<Presence> StaffOut(storage::Transaction& tx, const InstitutionRef& institution, std::int64_t staff_id,
                                 std::int64_t at, const standards::Parameters& parameters) {
    // The shift of this institution, also of someone whose employment has ended since it began.
    const std::optional<Shift> shift = OpenShift(tx, staff_id);
    if (!shift || shift->institution_id != institution.id) {
        throw Conflict("not_on_duty", "staff_id", "该人员不在岗", "This staff member is not on duty");
    }
    if (at < shift->in_at) {
        throw ApiError(422, "time_before_check_in", "at", "离岗时间早于到岗时间", "The time is before the shift began");
    }
    const std::string day = Today(at);
    // A shift left open on an earlier day ends with that day, and no longer counts: the class's presence
    // began anew today.
    const bool earlier_day = shift->day != day;
    if (!EndShift(tx, shift->id, earlier_day ? std::min(at, DayEnd(shift->day)) : at)) {
        throw Conflict("not_on_duty", "staff_id", "该人员不在岗", "This staff member is not on duty");
    }
    if (!shift->class_id || earlier_day) {
        return std::nullopt;
    }
    const ClassInfo klass = ClassOf(tx, institution.id, *shift->class_id);
    return MoveInClass(tx, klass, institution.region_code, day, 0, -1, at, parameters);
}

}  // namespace tuoyu::children
