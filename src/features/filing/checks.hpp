#pragma once

#include <set>
#include <string>
#include <vector>

#include "core/standards_check.hpp"
#include "core/working_days.hpp"
#include "features/filing/filing.hpp"
#include "features/filing/institution_record.hpp"
#include "storage/database.hpp"

// What a submission is checked against: the materials (N43), the change period (N45), the
// standards in force for the institution's region and the site hazards around its location.
namespace tuoyu::filing {

struct CheckInput {
    const Institution& institution;
    FilingKind kind;
    const Json& profile;  // the profile document filed
    const Json& form;
    const std::set<std::string>& material_kinds;  // the kinds uploaded
    std::optional<CivilDate> change_date;
    CivilDate received_on;
};

struct CheckResult {
    std::vector<std::string> missing_materials;  // kinds; a filing with any cannot be submitted
    std::vector<Finding> findings;               // stored with the filing for the reviewer
    std::int64_t days_late = 0;                  // a change filed after the period in force (N45)
};

// The facts of the standards check, from the institution and the profile document filed.
standards::Facts FactsOf(const Institution& institution, const Json& profile, const std::set<std::string>& materials);

CheckResult RunChecks(storage::Transaction& tx, const CheckInput& input);

// The integer value of a parameter in force at the region, or a 422 parameter_not_set naming it.
int IntegerParameter(storage::Transaction& tx, const std::string& key, const std::string& region_code);

}  // namespace tuoyu::filing
