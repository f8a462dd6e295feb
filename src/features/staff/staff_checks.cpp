#include "core/id_number.hpp"
#include "core/text.hpp"
#include "features/staff/staff.hpp"

namespace tuoyu::staff {

namespace {

RowError Fault(std::string field, std::string code, std::string zh, std::string en) {
    return {0, std::move(field), std::move(code), std::move(zh), std::move(en)};
}

std::optional<RowError> CheckIdNumber(Person& person, CivilDate today) {
    if (person.id_kind != "resident_id") {
        const std::optional<std::string> number = NormalizeDocumentNumber(person.id_number);
        if (!number) {
            return Fault("id_number", "id_number_length", "证件号码须为 5 至 30 个字符",
                         "The document number has 5 to 30 characters");
        }
        person.id_number = *number;
        return std::nullopt;
    }
    person.id_number = id_number::Normalize(person.id_number);
    const id_number::Result result = id_number::Validate(person.id_number, today);
    if (!result.ok()) {
        return Fault("id_number", std::string(id_number::FaultCode(result.fault)), id_number::DescribeZh(result),
                     id_number::DescribeEn(result));
    }
    person.birth_year = result.birth->year();
    person.sex = (person.id_number[16] - '0') % 2 == 1 ? "male" : "female";
    return std::nullopt;
}

}  // namespace

std::optional<RowError> CheckDate(const std::string& field, const std::string& value, CivilDate today,
                                  bool not_future) {
    const std::optional<CivilDate> date = CivilDate::Parse(value);
    if (!date) {
        return Fault(field, "invalid_date", field + " 须为存在的日期 YYYY-MM-DD，而不是“" + value + "”",
                     field + " must be a real day as YYYY-MM-DD, not \"" + value + "\"");
    }
    if (date->year() < 1950) {
        return Fault(field, "invalid_date", field + " 早于 1950 年", field + " is before 1950");
    }
    if (not_future && *date > today) {
        return Fault(field, "date_in_future", field + " 不能晚于今天", field + " cannot be after today");
    }
    return std::nullopt;
}

std::optional<RowError> CheckDetails(Person& person) {
    person.name = std::string(TrimSpace(person.name));
    if (person.name.empty() || CharacterCount(person.name) > 50) {
        return Fault("name", person.name.empty() ? "required" : "too_long", "姓名须为 1 至 50 个字",
                     "The name has 1 to 50 characters");
    }
    const std::optional<std::string> role = staff_rules::CodeOf(staff_rules::kRoles, person.role);
    if (!role) {
        return Fault("role", "invalid_role", "未知的岗位“" + person.role + "”", "Unknown post \"" + person.role + "\"");
    }
    person.role = *role;
    const std::optional<std::string> education = staff_rules::CodeOf(staff_rules::kEducations, person.education);
    if (!education) {
        return Fault("education", "invalid_education", "未知的学历“" + person.education + "”",
                     "Unknown education \"" + person.education + "\"");
    }
    person.education = *education;
    if (person.experience_years < 0 || person.experience_years > 60) {
        return Fault("experience_years", "out_of_range", "从业年限须在 0 至 60 年之间",
                     "Years of experience are between 0 and 60");
    }
    person.phone = std::string(TrimSpace(person.phone));
    if (!person.phone.empty() && !LooksLikePhone(person.phone)) {
        return Fault("phone", "invalid_phone", "联系电话只能含数字和 -，7 至 20 位",
                     "The phone number has 7 to 20 digits (and -)");
    }
    return std::nullopt;
}

std::optional<RowError> CheckPerson(Person& person, CivilDate today) {
    if (std::optional<RowError> fault = CheckDetails(person)) {
        return fault;
    }
    const std::optional<std::string> kind =
        staff_rules::CodeOf(staff_rules::kIdKinds, person.id_kind.empty() ? "resident_id" : person.id_kind);
    if (!kind) {
        return Fault("id_kind", "invalid_id_kind", "未知的证件类型“" + person.id_kind + "”",
                     "Unknown identity document kind \"" + person.id_kind + "\"");
    }
    person.id_kind = *kind;
    if (TrimSpace(person.id_number).empty()) {
        return Fault("id_number", "required", "缺少证件号码", "The identity document number is missing");
    }
    if (std::optional<RowError> fault = CheckIdNumber(person, today)) {
        return fault;
    }
    if (std::optional<RowError> fault = CheckDate("start_on", person.start_on, today, true)) {
        return fault;
    }
    for (auto* duty : {&person.last_health_exam, &person.last_hygiene_training}) {
        if (*duty && duty->value().empty()) {
            duty->reset();
        }
    }
    if (person.last_health_exam) {
        if (std::optional<RowError> fault = CheckDate("last_health_exam", *person.last_health_exam, today, true)) {
            return fault;
        }
    }
    if (person.last_hygiene_training) {
        if (std::optional<RowError> fault =
                CheckDate("last_hygiene_training", *person.last_hygiene_training, today, true)) {
            return fault;
        }
    }
    return std::nullopt;
}

}  // namespace tuoyu::staff
