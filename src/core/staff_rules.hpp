#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/standards_check.hpp"
#include "core/working_days.hpp"

// The rules on an institution's staff (issue 6): who may be employed in which post, the documents each
// post needs, the yearly health examination and hygiene training (RULES S6), and the staffing of the
// institution against its children and classes (N3/N4, N6–N12, N32). Pure: the staff module reads the
// staff, the profile's facts and the parameters; this file only compares.
namespace tuoyu::staff_rules {

// A code with its labels. Codes are what the API and the database hold; labels are what people type
// in an imported spreadsheet and what the UI shows.
struct Label {
    const char* code;
    const char* zh;
    const char* en;
};

// The posts (staff_roles dictionary), with 财务/行政 and "other" for the rest of a payroll.
extern const std::vector<Label> kRoles;
// Education, lowest first; 中专 ranks with 高中.
extern const std::vector<Label> kEducations;
// Identity documents; only the resident identity number has a check character (GB 11643).
extern const std::vector<Label> kIdKinds;
// Documents on file (certificate_kinds dictionary, with the health workers' training by a 妇幼保健机构).
extern const std::vector<Label> kDocumentKinds;
// The yearly duties of RULES S6.
extern const std::vector<Label> kDutyKinds;

// The code of `text` in `labels`: a code as is, or a Chinese or English label (case and spaces ignored
// for English). nullopt when it is none of them.
std::optional<std::string> CodeOf(const std::vector<Label>& labels, std::string_view text);
std::string LabelZh(const std::vector<Label>& labels, std::string_view code);

// The rank of an education code or label (初中 0 … 博士 6), or nullopt.
std::optional<int> EducationRank(std::string_view education);

// Caregivers' qualifications that count for the 持证率: 保育师/保育员 and 育婴员 certificates.
inline const std::vector<std::string> kCaregiverCertificates = {"nursery_worker", "infant_carer"};

struct Document {
    std::string kind;
    std::optional<CivilDate> expires_on;  // none: does not expire
    std::optional<int> hours;             // training hours (head_training)
};

struct Member {
    std::int64_t id = 0;
    std::string name;
    std::string role;
    std::string education;
    int experience_years = 0;
    CivilDate start_on;
    std::vector<Document> documents;
    std::optional<CivilDate> last_health_exam;  // the last passed one
    std::optional<CivilDate> last_hygiene_training;
};

// A document of one of `kinds` that has not expired on `today`.
bool HoldsValid(const Member& member, const std::vector<std::string>& kinds, CivilDate today);

inline constexpr int kDueSoonDays = 30;

// A yearly duty: due a year after the last one (29 February → 28 February), or on the first day of
// employment when none is on file (the health examination comes before the first day of work).
struct DutyState {
    std::string kind;
    std::optional<CivilDate> last_done;
    CivilDate due_on;
    std::string status;  // ok | due_soon (within kDueSoonDays) | overdue
};
DutyState YearlyDuty(std::string kind, std::optional<CivilDate> last_done, CivilDate start_on, CivilDate today);
std::vector<DutyState> YearlyDuties(const Member& member, CivilDate today);

// 持证率: caregivers employed and those holding a valid caregiver certificate.
struct CertifiedShare {
    int caregivers = 0;
    int certified = 0;
};
CertifiedShare CertifiedShareOf(const std::vector<Member>& staff, CivilDate today);

// Every staffing rule for an institution's employed staff, in RULES order: S6 (yearly duties), N3/N4
// (caregivers for the classes), N6 (health workers), N7 (their education), N8 (cooks where meals are
// cooked in-house, a food safety manager where they are delivered), N9 and N10 (the head, not of a home
// point), N11 (proofs of training and 保安员证), N12 (guards), N32
// (no-criminal-record proof). `facts` are the institution's kind, slots and classes from its profile.
std::vector<standards::Finding> CheckStaffing(const standards::Facts& facts, const std::vector<Member>& staff,
                                              const standards::Parameters& parameters, CivilDate today);

}  // namespace tuoyu::staff_rules
