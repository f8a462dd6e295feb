#include "cli/demo_children.hpp"

#include "core/id_number.hpp"
#include "features/children/children.hpp"
#include "storage/query.hpp"

namespace tuoyu::cli {

namespace {

struct DemoChild {
    const char* name;
    int age_days;     // on the day the demo is made
    int sequence;     // odd for boys
    int class_index;  // into the institution's classes
    const char* guardian;
    const char* relationship;
    const char* pickup;  // a grandparent who may collect the child, or nullptr
};

std::string ChildIdNumber(const std::string& county, CivilDate birth, int sequence) {
    std::string digits = birth.ToString();
    digits.erase(7, 1).erase(4, 1);
    const std::string first = county + digits + std::to_string(100 + sequence).substr(0, 3);
    return first + *id_number::CheckCharacter(first);
}

void LoadInstitution(storage::Transaction& tx, const crypto::IdentityVault& vault, std::int64_t institution_id,
                     const std::string& county, const std::vector<std::pair<const char*, const char*>>& classes,
                     const std::vector<DemoChild>& children, std::optional<std::int64_t> guardian_user,
                     std::int64_t now) {
    const CivilDate today = ShanghaiDate(now);
    // The filed slots the enrolments stay within (N22), as a filing would have set them.
    storage::Query slots("UPDATE institutions SET slots = 60 WHERE slots IS NULL AND id = ");
    slots.Bind(institution_id);
    slots.Execute(tx);
    std::vector<std::int64_t> class_ids;
    for (const auto& [name, type] : classes) {
        class_ids.push_back(children::InsertClass(tx, institution_id, name, type, 0, now));
    }
    for (const DemoChild& demo : children) {
        const CivilDate birth = today.AddDays(-demo.age_days);
        children::NewChild child;
        child.name = demo.name;
        child.id_number = ChildIdNumber(county, birth, demo.sequence);
        child.birth_date = birth.ToString();
        child.sex = demo.sequence % 2 == 1 ? "male" : "female";
        const std::int64_t id = children::InsertChild(tx, vault, child, institution_id, std::nullopt, 0, now);
        children::Contact guardian{
            0,    id,   demo.guardian, demo.relationship, "1370000" + std::to_string(1000 + demo.sequence),
            true, true, std::nullopt};
        // 张小宝's father is the demo's guardian account.
        if (guardian_user && std::string(demo.name) == "张小宝") {
            guardian.user_id = guardian_user;
        }
        children::InsertContact(tx, guardian, 0, now);
        if (demo.pickup != nullptr) {
            children::InsertContact(tx,
                                    {0, id, demo.pickup, "grandparent",
                                     "1370000" + std::to_string(2000 + demo.sequence), false, true, std::nullopt},
                                    0, now);
        }
        children::Enrolment enrolment;
        enrolment.class_id = class_ids[static_cast<std::size_t>(demo.class_index)];
        enrolment.agreement_signed_on = today.AddDays(-40).ToString();
        enrolment.vaccination_checked_on = today.AddDays(-40).ToString();
        enrolment.entry_exam_on = today.AddDays(-35).ToString();
        enrolment.enrolled_on = today.AddDays(-30).ToString();
        children::Enrol(tx, id, enrolment, now);
    }
}

}  // namespace

void LoadDemoChildren(storage::Transaction& tx, const crypto::IdentityVault& vault, std::int64_t institution_id,
                      std::int64_t other_institution_id, std::int64_t guardian_user, std::int64_t now) {
    LoadInstitution(tx, vault, institution_id, "211104",
                    {{"小一班", "toddler_class"}, {"大一班", "older_toddler_class"}},
                    {{"张小宝", 600, 11, 0, "张家长", "father", "张奶奶"},
                     {"王一一", 540, 12, 0, "王芳", "mother", nullptr},
                     {"刘朵朵", 480, 14, 0, "刘洋", "father", "刘爷爷"},
                     {"陈乐乐", 900, 15, 1, "陈静怡", "mother", nullptr},
                     {"赵小雨", 960, 16, 1, "赵刚", "father", nullptr}},
                    guardian_user, now);
    LoadInstitution(tx, vault, other_institution_id, "330281", {{"托小班一班", "toddler_class"}},
                    {{"余小禾", 560, 21, 0, "余海", "father", nullptr}}, std::nullopt, now);
}

}  // namespace tuoyu::cli
