#include "core/staff_rules.hpp"

#include <algorithm>
#include <cctype>

#include "core/text.hpp"

namespace tuoyu::staff_rules {

using standards::Finding;
using standards::Parameter;
using standards::Severity;

const std::vector<Label> kRoles = {
    {"head", "负责人", "Head"},
    {"caregiver", "保育人员", "Caregiver"},
    {"health_worker", "保健人员", "Health worker"},
    {"cook", "炊事人员", "Cook"},
    {"security_guard", "安保人员", "Security guard"},
    {"accountant", "财会人员", "Accountant"},
    {"food_safety_manager", "食品安全管理人员", "Food safety manager"},
    {"fire_safety_manager", "消防安全管理人员", "Fire safety manager"},
    {"administrative", "行政人员", "Administrative staff"},
    {"other", "其他", "Other"},
};

const std::vector<Label> kEducations = {
    {"junior_high", "初中", "Junior high school"},
    {"senior_high", "高中", "Senior high school"},
    {"secondary_vocational", "中专", "Secondary vocational school"},
    {"junior_college", "大专", "Junior college"},
    {"bachelor", "本科", "Bachelor"},
    {"master", "硕士", "Master"},
    {"doctor", "博士", "Doctor"},
};

const std::vector<Label> kIdKinds = {
    {"resident_id", "居民身份证", "Resident identity card"},
    {"hk_macao_permit", "港澳居民来往内地通行证", "Mainland travel permit for Hong Kong and Macao residents"},
    {"taiwan_permit", "台湾居民来往大陆通行证", "Mainland travel permit for Taiwan residents"},
    {"passport", "护照", "Passport"},
    {"foreign_permanent", "外国人永久居留身份证", "Foreign permanent resident ID card"},
};

const std::vector<Label> kDocumentKinds = {
    {"nursery_worker", "保育员证", "Nursery worker certificate"},
    {"infant_carer", "育婴员证", "Infant carer certificate"},
    {"health_certificate", "托幼机构工作人员健康合格证", "Childcare staff health certificate"},
    {"no_criminal_record", "无犯罪记录证明", "No-criminal-record proof"},
    {"security_guard", "保安员证", "Security guard certificate"},
    {"food_worker_health", "食品从业人员健康证", "Food worker health certificate"},
    {"head_training", "负责人岗位培训合格证明", "Head's job training certificate"},
    {"health_worker_training", "保健人员岗位培训合格证明", "Health worker's training certificate"},
    {"teacher", "教师资格证", "Teacher qualification"},
};

const std::vector<Label> kDutyKinds = {
    {"health_exam", "年度健康检查", "Yearly health examination"},
    {"hygiene_training", "年度卫生知识培训", "Yearly hygiene training"},
};

namespace {

std::string Lower(std::string_view text) {
    std::string out;
    for (const char c : text) {
        if (c != ' ' && c != '_' && c != '-') {
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
    }
    return out;
}

// What people also write for an education.
const std::vector<std::pair<const char*, const char*>> kEducationAliases = {
    {"专科", "junior_college"},       {"大学专科", "junior_college"},
    {"大学本科", "bachelor"},         {"研究生", "master"},
    {"高职", "junior_college"},       {"职高", "secondary_vocational"},
    {"中职", "secondary_vocational"}, {"技校", "secondary_vocational"},
};

// Ranks: 中专 ranks with 高中.
int RankOfIndex(std::size_t index) {
    return index <= 1 ? static_cast<int>(index) : static_cast<int>(index) - 1;
}

std::string Int(std::int64_t value) {
    return std::to_string(value);
}

std::optional<double> Number(const Parameter* parameter) {
    return parameter != nullptr && parameter->value.is_number() ? std::optional<double>(parameter->value.get<double>())
                                                                : std::nullopt;
}

using Findings = standards::FindingList;

constexpr const char* kSettingStandard = "托育机构设置标准（试行）";
constexpr const char* kProvincialOpinion = "辽宁省人民政府办公厅关于促进3岁以下婴幼儿照护服务发展的实施意见";

std::vector<const Member*> InRole(const std::vector<Member>& staff, std::string_view role) {
    std::vector<const Member*> members;
    for (const Member& member : staff) {
        if (member.role == role) {
            members.push_back(&member);
        }
    }
    return members;
}

std::string PersonField(const Member& member, const std::string& what) {
    return "staff." + Int(member.id) + "." + what;
}

// S6: the health examination and hygiene training of every staff member, once a year.
void CheckYearlyDuties(Findings& f, const std::vector<Member>& staff, CivilDate today) {
    for (const Member& member : staff) {
        for (const DutyState& duty : YearlyDuties(member, today)) {
            if (duty.status != "overdue") {
                continue;
            }
            const std::string what_zh = LabelZh(kDutyKinds, duty.kind);
            const std::string last = duty.last_done ? duty.last_done->ToString() : "";
            f.Add("S6", Severity::kFail, PersonField(member, duty.kind), last, "每年 1 次", "", kProvincialOpinion,
                  "二(五)3",
                  member.name + "的" + what_zh + "已于 " + duty.due_on.ToString() + " 到期" +
                      (last.empty() ? "，无记录" : "（上次 " + last + "）"),
                  member.name + ": the " + (duty.kind == "health_exam" ? "health examination" : "hygiene training") +
                      " was due on " + duty.due_on.ToString() +
                      (last.empty() ? " and none is on file" : " (last " + last + ")"));
        }
    }
}

// N3 / N4: the caregivers employed against the caregivers the planned classes need.
void CheckCaregivers(Findings& f, const standards::Facts& facts, const std::vector<Member>& staff) {
    if (facts.kind != standards::InstitutionKind::kInstitution) {
        return;
    }
    if (facts.classes.empty()) {
        f.Add("N3", Severity::kWarn, "profile.classes", "", "", "", kSettingStandard, "第20条",
              "机构信息未填报班级，无法核算保育人员配备",
              "The profile declares no classes: caregivers cannot be counted");
        return;
    }
    std::int64_t needed = 0;
    std::string rule = "N3";
    const Parameter* source = nullptr;
    for (const standards::PlannedClass& planned : facts.classes) {
        const bool mixed = planned.type == "mixed_class";
        const Parameter* parameter =
            f.Need(mixed ? "N4" : "N3", mixed ? "mixed_class_caregiver_ratio" : "caregiver_ratio");
        if (parameter == nullptr) {
            continue;  // reported once by Need; the other classes are still counted
        }
        const auto ratio =
            standards::AsRatio(mixed ? parameter->value : parameter->value.value(planned.type, standards::Json()));
        if (!ratio) {
            f.Add(
                mixed ? "N4" : "N3", Severity::kWarn, "profile.classes", planned.type, "", "", parameter->source,
                parameter->clause, "参数中没有班型 " + planned.type + " 的保育人员配比，该班未核算",
                "The parameter has no caregiver ratio for class type " + planned.type + ": that class was not counted");
            continue;
        }
        needed += planned.count * standards::CarersFor(planned.size, *ratio);
        if (mixed) {
            rule = "N4";
        }
        source = parameter;
    }
    const auto employed = static_cast<std::int64_t>(InRole(staff, "caregiver").size());
    if (source != nullptr && employed < needed) {
        f.Add(
            rule, Severity::kFail, "staff.caregivers", Int(employed), "≥ " + Int(needed), "人", source->source,
            source->clause,
            "按机构信息中的班级，需保育人员不少于 " + Int(needed) + " 人，在岗 " + Int(employed) + " 人",
            "The classes of the profile need at least " + Int(needed) + " caregivers; " + Int(employed) + " employed");
    }
}

// N6 / N8: one post per so many children, and at least one.
void CheckPost(Findings& f, const std::vector<Member>& staff, std::optional<int> children, const char* rule,
               const char* parameter_key, const char* role, const char* zh, const char* en) {
    const Parameter* parameter = f.Need(rule, parameter_key);
    const auto ratio = parameter != nullptr ? standards::AsRatio(parameter->value) : std::nullopt;
    if (!ratio) {
        return;
    }
    if (!children || *children <= 0) {
        f.Add(rule, Severity::kWarn, "profile.slots", "", "", "", parameter->source, parameter->clause,
              "机构信息未填报托位数，无法核算" + std::string(zh) + "配备",
              std::string("The profile declares no slots: ") + en + " cannot be counted");
        return;
    }
    const std::int64_t needed = std::max<std::int64_t>(standards::CarersFor(*children, *ratio), 1);
    const auto employed = static_cast<std::int64_t>(InRole(staff, role).size());
    if (employed < needed) {
        f.Add(rule, Severity::kFail, std::string("staff.") + role, Int(employed), "≥ " + Int(needed), "人",
              parameter->source, parameter->clause,
              Int(*children) + " 个托位需" + zh + "不少于 " + Int(needed) + " 人（" + ratio->text + "），在岗 " +
                  Int(employed) + " 人",
              Int(*children) + " slots need at least " + Int(needed) + " " + en + " (" + ratio->text + "); " +
                  Int(employed) + " employed");
    }
}

// N8: meals delivered from outside need a 食品安全管理人员 instead of cooks.
void CheckFoodSafetyManager(Findings& f, const std::vector<Member>& staff) {
    if (InRole(staff, "food_safety_manager").empty()) {
        f.Add("N8", Severity::kFail, "staff.food_safety_manager", "0", "≥ 1", "人",
              "WS/T 821—2023 托育机构质量评估标准", "", "外送餐的机构应配备食品安全管理人员",
              "An institution whose meals are delivered needs a food safety manager");
    }
}

// N7: health workers have finished senior high school at least.
void CheckHealthWorkerEducation(Findings& f, const std::vector<Member>& staff) {
    const int minimum = *EducationRank("senior_high");
    for (const Member* member : InRole(staff, "health_worker")) {
        const std::optional<int> rank = EducationRank(member->education);
        if (!rank || *rank < minimum) {
            f.Add("N7", Severity::kFail, PersonField(*member, "education"), LabelZh(kEducations, member->education),
                  "高中及以上", "", kSettingStandard, "第18条", "保健人员" + member->name + "的学历低于高中",
                  "Health worker " + member->name + " has less than senior high school");
        }
    }
}

// N9 / N10: the head's education, experience and job training.
void CheckHead(Findings& f, const std::vector<Member>& staff, CivilDate today) {
    const std::vector<const Member*> heads = InRole(staff, "head");
    if (heads.empty()) {
        f.Add("N9", Severity::kFail, "staff.head", "0", "1", "人", kSettingStandard, "第18条", "未登记在岗的负责人",
              "No head is employed");
        return;
    }
    const Member& head = *heads.front();
    if (const Parameter* education = f.Need("N9", "head_min_education")) {
        const std::optional<int> minimum =
            education->value.is_string() ? EducationRank(education->value.get<std::string>()) : std::nullopt;
        const std::optional<int> rank = EducationRank(head.education);
        if (minimum && (!rank || *rank < *minimum)) {
            const std::string limit = education->value.get<std::string>() + "及以上";
            f.Add("N9", Severity::kFail, PersonField(head, "education"), LabelZh(kEducations, head.education), limit,
                  "", education->source, education->clause, "负责人" + head.name + "的学历不足" + limit,
                  "The head " + head.name + " has less education than the rule asks (" + limit + ")");
        }
    }
    if (const std::optional<double> years = Number(f.Need("N9", "head_min_experience_years"))) {
        if (head.experience_years + 1e-9 < *years) {
            const Parameter* parameter = f.Need("N9", "head_min_experience_years");
            f.Add("N9", Severity::kFail, PersonField(head, "experience_years"), Int(head.experience_years),
                  "≥ " + Int(static_cast<std::int64_t>(*years)), "年", parameter->source, parameter->clause,
                  "负责人" + head.name + "的相关工作年限 " + Int(head.experience_years) + " 年，不足 " +
                      Int(static_cast<std::int64_t>(*years)) + " 年",
                  "The head " + head.name + " has " + Int(head.experience_years) + " years of experience, fewer than " +
                      Int(static_cast<std::int64_t>(*years)));
        }
    }
    if (const std::optional<double> hours = Number(f.Need("N10", "head_training_hours"))) {
        int done = 0;
        for (const Document& document : head.documents) {
            if (document.kind == "head_training" && (!document.expires_on || *document.expires_on >= today)) {
                done += document.hours.value_or(0);
            }
        }
        if (done + 1e-9 < *hours) {
            const Parameter* parameter = f.Need("N10", "head_training_hours");
            f.Add("N10", Severity::kFail, PersonField(head, "documents.head_training"), Int(done),
                  "≥ " + Int(static_cast<std::int64_t>(*hours)), "学时", parameter->source, parameter->clause,
                  "负责人" + head.name + "的岗位培训 " + Int(done) + " 学时，不足 " +
                      Int(static_cast<std::int64_t>(*hours)) + " 学时",
                  "The head " + head.name + " has " + Int(done) + " hours of job training, fewer than " +
                      Int(static_cast<std::int64_t>(*hours)));
        }
    }
}

// N11: proof of training or licence on file for caregivers, health workers and guards.
void CheckProofs(Findings& f, const std::vector<Member>& staff, CivilDate today) {
    struct Need {
        const char* role;
        std::vector<std::string> kinds;
        const char* zh;
        const char* en;
    };
    const std::vector<Need> needs = {
        {"caregiver", kCaregiverCertificates, "保育员证或育婴员证", "a nursery worker or infant carer certificate"},
        {"health_worker",
         {"health_worker_training"},
         "妇幼保健机构的岗位培训合格证明",
         "a training certificate from a maternal and child health institution"},
        {"security_guard", {"security_guard"}, "保安员证", "a security guard certificate"},
    };
    for (const Need& need : needs) {
        for (const Member* member : InRole(staff, need.role)) {
            if (!HoldsValid(*member, need.kinds, today)) {
                f.Add("N11", Severity::kFail, PersonField(*member, "documents." + need.kinds.front()), "", "有效证明",
                      "", kSettingStandard, "第18条",
                      LabelZh(kRoles, member->role) + member->name + "没有有效的" + need.zh,
                      member->name + " has no valid " + need.en + " on file");
            }
        }
    }
}

// N12: guards on duty in an independent institution.
void CheckGuards(Findings& f, const standards::Facts& facts, const std::vector<Member>& staff) {
    if (facts.kind != standards::InstitutionKind::kInstitution) {
        return;
    }
    const Parameter* parameter = f.Need("N12", "guards_on_duty");
    const std::optional<double> minimum = Number(parameter);
    const auto employed = static_cast<double>(InRole(staff, "security_guard").size());
    if (minimum && employed + 1e-9 < *minimum) {
        f.Add("N12", Severity::kFail, "staff.security_guard", Int(static_cast<std::int64_t>(employed)),
              "≥ " + Int(static_cast<std::int64_t>(*minimum)), "人", parameter->source, parameter->clause,
              "独立设置的机构应有保安人员在岗，不少于 " + Int(static_cast<std::int64_t>(*minimum)) + " 人",
              "An independent institution needs at least " + Int(static_cast<std::int64_t>(*minimum)) +
                  " security guards on duty");
    }
}

// N32: a no-criminal-record proof for every staff member.
void CheckNoCriminalRecord(Findings& f, const std::vector<Member>& staff) {
    for (const Member& member : staff) {
        const bool held = std::any_of(member.documents.begin(), member.documents.end(),
                                      [](const Document& document) { return document.kind == "no_criminal_record"; });
        if (!held) {
            f.Add("N32", Severity::kFail, PersonField(member, "documents.no_criminal_record"), "", "有", "",
                  "WS/T 821—2023 托育机构质量评估标准", "5.1.6", member.name + "没有无犯罪记录证明",
                  member.name + " has no no-criminal-record proof on file");
        }
    }
}

}  // namespace

std::optional<std::string> CodeOf(const std::vector<Label>& labels, std::string_view text) {
    const std::string_view trimmed = TrimSpace(text);
    const std::string lower = Lower(trimmed);
    for (const Label& label : labels) {
        if (trimmed == label.code || trimmed == label.zh || (!lower.empty() && lower == Lower(label.en))) {
            return std::string(label.code);
        }
    }
    if (&labels == &kEducations) {
        for (const auto& [alias, code] : kEducationAliases) {
            if (trimmed == alias) {
                return std::string(code);
            }
        }
    }
    return std::nullopt;
}

std::string LabelZh(const std::vector<Label>& labels, std::string_view code) {
    for (const Label& label : labels) {
        if (code == label.code) {
            return label.zh;
        }
    }
    return std::string(code);
}

std::optional<int> EducationRank(std::string_view education) {
    const std::optional<std::string> code = CodeOf(kEducations, education);
    if (!code) {
        return std::nullopt;
    }
    for (std::size_t i = 0; i < kEducations.size(); ++i) {
        if (*code == kEducations[i].code) {
            return RankOfIndex(i);
        }
    }
    return std::nullopt;
}

bool HoldsValid(const Member& member, const std::vector<std::string>& kinds, CivilDate today) {
    return std::any_of(member.documents.begin(), member.documents.end(), [&](const Document& document) {
        return std::find(kinds.begin(), kinds.end(), document.kind) != kinds.end() &&
               (!document.expires_on || *document.expires_on >= today);
    });
}

DutyState YearlyDuty(std::string kind, std::optional<CivilDate> last_done, CivilDate start_on, CivilDate today) {
    DutyState state;
    state.kind = std::move(kind);
    state.last_done = last_done;
    if (last_done) {
        const int year = last_done->year() + 1;
        std::optional<CivilDate> due = CivilDate::FromYmd(year, last_done->month(), last_done->day());
        state.due_on = due ? *due : *CivilDate::FromYmd(year, 2, 28);
    } else {
        state.due_on = start_on;
    }
    state.status = state.due_on < today ? "overdue" : state.due_on <= today.AddDays(kDueSoonDays) ? "due_soon" : "ok";
    return state;
}

std::vector<DutyState> YearlyDuties(const Member& member, CivilDate today) {
    return {YearlyDuty("health_exam", member.last_health_exam, member.start_on, today),
            YearlyDuty("hygiene_training", member.last_hygiene_training, member.start_on, today)};
}

CertifiedShare CertifiedShareOf(const std::vector<Member>& staff, CivilDate today) {
    CertifiedShare share;
    for (const Member& member : staff) {
        if (member.role == "caregiver") {
            ++share.caregivers;
            share.certified += HoldsValid(member, kCaregiverCertificates, today) ? 1 : 0;
        }
    }
    return share;
}

std::vector<Finding> CheckStaffing(const standards::Facts& facts, const std::vector<Member>& staff,
                                   const standards::Parameters& parameters, CivilDate today) {
    Findings f(parameters);
    const std::optional<int> children = standards::ChildrenPlanned(facts);
    CheckYearlyDuties(f, staff, today);
    CheckCaregivers(f, facts, staff);
    if (facts.kind == standards::InstitutionKind::kInstitution) {
        CheckPost(f, staff, children, "N6", "health_worker_ratio", "health_worker", "保健人员", "health workers");
    }
    CheckHealthWorkerEducation(f, staff);
    if (facts.kind == standards::InstitutionKind::kInstitution && facts.meals_cooked_in_house) {
        CheckPost(f, staff, children, "N8", "cook_ratio", "cook", "炊事人员", "cooks");
    } else if (facts.kind == standards::InstitutionKind::kInstitution && facts.meals_served) {
        CheckFoodSafetyManager(f, staff);
    }
    if (facts.kind == standards::InstitutionKind::kInstitution) {
        CheckHead(f, staff, today);  // a home point's 举办者 is no 负责人 of N9 (its carers are N47's)
    }
    CheckProofs(f, staff, today);
    CheckGuards(f, facts, staff);
    CheckNoCriminalRecord(f, staff);
    return std::move(f.findings());
}

}  // namespace tuoyu::staff_rules
