#include "cli/demo_staff.hpp"

#include "core/id_number.hpp"
#include "features/staff/staff.hpp"

namespace tuoyu::cli {

namespace {

// A valid identity number of a person born in the 大洼区 (211104) on `birth`, with a sequence code.
std::string DemoIdNumber(const char* birth, int sequence) {
    std::string first = std::string("211104") + birth + std::to_string(100 + sequence).substr(0, 3);
    return first + *id_number::CheckCharacter(first);
}

struct DemoMember {
    const char* name;
    const char* birth;  // YYYYMMDD
    const char* role;
    const char* education;
    int experience_years;
    int started_days_ago;
    int health_exam_days_ago;  // 0: none on file
    int training_days_ago;
    int sequence;  // odd for men
    std::vector<const char*> documents;
};

}  // namespace

void LoadDemoStaff(storage::Transaction& tx, const crypto::IdentityVault& vault, std::int64_t institution_id,
                   std::int64_t other_institution_id, std::int64_t now) {
    const CivilDate today = ShanghaiDate(now);
    auto day = [&](int days_ago) { return today.AddDays(-days_ago).ToString(); };
    // One of each post; 赵敏's health examination is more than a year old, and she has no certificate yet.
    const std::vector<DemoMember> members = {
        {"王晓梅",
         "19820315",
         "head",
         "bachelor",
         9,
         700,
         120,
         120,
         12,
         {"head_training", "no_criminal_record", "health_certificate"}},
        {"李娜",
         "19950708",
         "caregiver",
         "junior_college",
         5,
         600,
         90,
         150,
         14,
         {"nursery_worker", "no_criminal_record", "health_certificate"}},
        {"赵敏", "19990221", "caregiver", "senior_high", 2, 450, 400, 200, 16, {"no_criminal_record"}},
        {"陈静",
         "19880912",
         "health_worker",
         "secondary_vocational",
         6,
         650,
         60,
         60,
         18,
         {"health_worker_training", "no_criminal_record", "health_certificate"}},
        {"刘强",
         "19780430",
         "security_guard",
         "senior_high",
         10,
         500,
         100,
         100,
         21,
         {"security_guard", "no_criminal_record"}},
    };
    for (const DemoMember& member : members) {
        staff::Person person;
        person.name = member.name;
        person.id_kind = "resident_id";
        person.id_number = DemoIdNumber(member.birth, member.sequence);
        person.birth_year = std::stoi(std::string(member.birth, 4));
        person.sex = (person.id_number[16] - '0') % 2 == 1 ? "male" : "female";
        person.phone = "1390000" + std::to_string(1000 + member.sequence);
        person.role = member.role;
        person.education = member.education;
        person.experience_years = member.experience_years;
        person.start_on = day(member.started_days_ago);
        person.last_health_exam = day(member.health_exam_days_ago);
        person.last_hygiene_training = day(member.training_days_ago);
        const std::int64_t id = staff::Insert(tx, vault, person, institution_id, 0, now);
        for (const char* kind : member.documents) {
            staff::Document document;
            document.staff_id = id;
            document.kind = kind;
            document.issuer = "演示";
            document.issued_on = day(member.started_days_ago + 30);
            if (std::string(kind) == "health_certificate") {
                document.expires_on = day(-365);
            }
            if (std::string(kind) == "head_training") {
                document.hours = 64;
            }
            staff::AddDocument(tx, document, 0, now);
        }
        // 李娜 also works weekends at the 余姚 institution: the double employment the regulators see.
        if (std::string(member.name) == "李娜") {
            person.start_on = day(100);
            staff::Insert(tx, vault, person, other_institution_id, 0, now);
        }
    }
    // A person under the lifetime ban, recorded by 大洼区's health commission.
    const std::string banned = DemoIdNumber("19900101", 77);
    staff::NewBan ban{"孙某（演示）",          vault.Hash("resident_id", banned),
                      id_number::Mask(banned), "虐待婴幼儿，经法院判决（演示案例）",
                      "大洼区卫生健康局",      day(200),
                      "211104000000"};
    staff::InsertBan(tx, ban, vault.version(), 0, now);
}

std::string DemoBannedIdNumber() {
    return DemoIdNumber("19900101", 77);
}

}  // namespace tuoyu::cli
