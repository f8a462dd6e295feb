#include "features/filing/checks.hpp"

#include "core/error.hpp"
#include "core/profile_facts.hpp"
#include "features/filing/deadlines.hpp"
#include "features/filing/materials.hpp"
#include "features/filing/profile.hpp"
#include "geo/coordinates.hpp"
#include "reference/hazards.hpp"
#include "reference/parameters.hpp"
#include "reference/standards_parameters.hpp"

namespace tuoyu::filing {

using standards::Member;
using standards::OptInteger;
using standards::OptNumber;

standards::Facts FactsOf(const Institution& institution, const Json& profile, const std::set<std::string>& materials) {
    return standards::FactsFromProfile(institution.kind, profile, materials);
}

int IntegerParameter(storage::Transaction& tx, const std::string& key, const std::string& region_code) {
    const std::optional<reference::parameters::Resolved> resolved =
        reference::parameters::Resolve(tx, key, region_code);
    const reference::parameters::Value* value = resolved ? resolved->in_force() : nullptr;
    if (value == nullptr || value->value.empty() || value->value.find_first_not_of("0123456789") != std::string::npos ||
        value->value.size() > 6) {
        throw ApiError(422, "parameter_not_set", key, "参数 " + key + " 在本地区没有有效值，请联系管理员设置",
                       "Parameter " + key + " has no valid value in force for this region; ask an administrator");
    }
    return std::stoi(value->value);
}

CheckResult RunChecks(storage::Transaction& tx, const CheckInput& input) {
    CheckResult result;
    const bool meals = ServesMeals(input.profile);
    for (Finding& finding : CheckMaterials(input.kind, meals, input.material_kinds, input.form)) {
        if (finding.field.rfind("materials", 0) == 0) {
            result.missing_materials.push_back(finding.field == "materials" ? "materials" : finding.field.substr(10));
        } else {
            result.findings.push_back(std::move(finding));
        }
    }
    // RULES N45 (备案办法 第10条; the local period, 15 days by default): a change is filed within
    // change_filing_days calendar days of the change. A later filing is taken, and flagged.
    if (input.kind == FilingKind::kChange && input.change_date) {
        const int period = IntegerParameter(tx, "change_filing_days", input.institution.region_code);
        if (const std::optional<std::int64_t> late = DaysLate(*input.change_date, input.received_on, period)) {
            result.days_late = *late;
            Finding finding;
            finding.rule = "N45";
            finding.severity = Severity::kWarn;
            finding.field = "change.date";
            finding.value = input.change_date->ToString();
            finding.limit = "≤ " + std::to_string(period);
            finding.unit = "日";
            finding.source = "托育机构登记和备案办法（试行）";
            finding.clause = "第10条";
            finding.message_zh = "变更事项应在变更之日起" + std::to_string(period) + "日内办理变更备案，已逾期" +
                                 std::to_string(*late) + "日";
            finding.message_en = "A change must be filed within " + std::to_string(period) +
                                 " days of the change; this one is " + std::to_string(*late) + " days late";
            result.findings.push_back(std::move(finding));
        }
    }
    // The standards in force for the region (RULES S1–S15, N1–N48 as core/standards_check.hpp has them).
    // N43 is this module's: which materials a filing needs depends on its kind, and a missing one stops
    // the submission above rather than becoming a finding.
    standards::Facts facts = FactsOf(input.institution, input.profile, input.material_kinds);
    const Json& staff = Member(input.form, "staff");
    facts.health_workers = OptInteger(staff, "health_workers");
    facts.cooks = OptInteger(staff, "cooks");
    facts.security_guards = OptInteger(staff, "security_guards");
    for (standards::Finding& finding : standards::Check(
             facts, reference::StandardsParameters(tx, input.institution.region_code), input.received_on)) {
        if (finding.rule != "N43") {
            result.findings.push_back(std::move(finding));
        }
    }
    // RULES S3: the hazards around the site, at the distances in force for the region.
    const Json& wgs84 = Member(Member(input.profile, "location"), "wgs84");
    const std::optional<double> lon = OptNumber(wgs84, "longitude");
    const std::optional<double> lat = OptNumber(wgs84, "latitude");
    if (lon && lat) {
        reference::hazards::SiteCheck site =
            reference::hazards::CheckSite(tx, geo::LonLat{*lon, *lat}, input.institution.region_code);
        for (standards::Finding& finding : site.findings) {
            result.findings.push_back(std::move(finding));
        }
    }
    return result;
}

}  // namespace tuoyu::filing
