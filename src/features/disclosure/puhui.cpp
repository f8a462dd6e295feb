#include "features/disclosure/puhui.hpp"

#include <algorithm>

#include "core/clock.hpp"
#include "core/region_code.hpp"

namespace tuoyu::disclosure {

namespace {

Json TextOrNull(const std::string& text) {
    return text.empty() ? Json() : Json(text);
}

Json TimeOrNull(std::int64_t millis) {
    return millis == 0 ? Json() : Json(FormatIsoUtc(millis));
}

}  // namespace

const std::vector<std::string>& OperatingStatusCodes() {
    static const std::vector<std::string> kCodes = [] {
        std::vector<std::string> codes;
        for (const lifecycle::Transition& transition : lifecycle::Transitions()) {
            for (const lifecycle::Status status : {transition.from, transition.to}) {
                const std::string code(lifecycle::Code(status));
                if (lifecycle::MayOperate(status) && std::find(codes.begin(), codes.end(), code) == codes.end()) {
                    codes.push_back(code);
                }
            }
        }
        std::sort(codes.begin(), codes.end());
        return codes;
    }();
    return kCodes;
}

bool MayApply(lifecycle::Status status) {
    return status == lifecycle::Status::kFiled || status == lifecycle::Status::kChangeSubmitted;
}

std::string CountyOf(const std::string& region_code) {
    if (region_code.size() != 12 || RegionCode::Level(region_code) < 3) {
        return "";
    }
    return region_code.substr(0, 6) + "000000";
}

PublicityPeriod ComputePeriod(const WorkingDayCalendar& calendar, CivilDate published_on, int working_days) {
    PublicityPeriod period;
    period.published_on = published_on;
    period.period_end = calendar.AddWorkingDays(published_on, working_days);
    period.estimated = !calendar.CoversRange(published_on, period.period_end);
    return period;
}

bool TakesObjections(const PublicityList& list, CivilDate today) {
    return list.state == list_state::kPublicity && today.ToString() <= list.period_end;
}

bool PeriodOver(const PublicityList& list, CivilDate today) {
    return today.ToString() > list.period_end;
}

Json ApplicationJson(const Application& application) {
    return {{"id", application.id},
            {"institution_id", application.institution_id},
            {"institution_name", application.institution_name},
            {"region_code", application.region_code},
            {"region_name", application.region_name},
            {"fee_per_month_yuan", application.fee_per_month_yuan},
            {"slots", application.slots},
            {"note", application.note},
            {"state", application.state},
            {"submitted_by", TextOrNull(application.submitted_by)},
            {"submitted_at", TimeOrNull(application.submitted_at)},
            {"decided_by", TextOrNull(application.decided_by)},
            {"decided_at", TimeOrNull(application.decided_at)},
            {"decision_note", TextOrNull(application.decision_note)},
            {"rejection_reasons", application.rejection_reasons},
            {"list_id", application.list_id ? Json(*application.list_id) : Json()}};
}

Json EntryJson(const ListEntry& entry) {
    return {{"id", entry.id},
            {"application_id", entry.application_id},
            {"institution_id", entry.institution_id},
            {"institution_name", entry.institution_name},
            {"address", TextOrNull(entry.address)},
            {"region_code", entry.region_code},
            {"fee_per_month_yuan", entry.fee_per_month_yuan},
            {"slots", entry.slots},
            {"state", entry.state},
            {"outcome", TextOrNull(entry.outcome)},
            {"changed_at", TimeOrNull(entry.changed_at)},
            {"objections", entry.objections},
            {"objections_open", entry.objections_open}};
}

Json ListJson(const PublicityList& list) {
    Json entries = Json::array();
    for (const ListEntry& entry : list.entries) {
        entries.push_back(EntryJson(entry));
    }
    return {{"id", list.id},
            {"county_code", list.county_code},
            {"county_name", list.county_name},
            {"title", list.title},
            {"state", list.state},
            {"published_on", list.published_on},
            {"publicity_working_days", list.publicity_working_days},
            {"period_end", list.period_end},
            {"period_estimated", list.period_estimated},
            {"published_by", TextOrNull(list.published_by)},
            {"published_at", TimeOrNull(list.published_at)},
            {"effective_from", TextOrNull(list.effective_from)},
            {"confirmed_by", TextOrNull(list.confirmed_by)},
            {"confirmed_at", TimeOrNull(list.confirmed_at)},
            {"entries", entries}};
}

Json ObjectionJson(const Objection& objection) {
    return {{"id", objection.id},
            {"list_id", objection.list_id},
            {"entry_id", objection.entry_id},
            {"institution_name", objection.institution_name},
            {"objector_name", TextOrNull(objection.objector_name)},
            {"objector_contact", TextOrNull(objection.objector_contact)},
            {"text", objection.text},
            {"lodged_on", objection.lodged_on},
            {"lodged_at", TimeOrNull(objection.lodged_at)},
            {"state", objection.state},
            {"resolution", TextOrNull(objection.resolution)},
            {"resolved_by", TextOrNull(objection.resolved_by)},
            {"resolved_at", TimeOrNull(objection.resolved_at)}};
}

Json RecognitionJson(const Recognition& recognition) {
    return {{"id", recognition.id},
            {"list_id", recognition.list_id},
            {"fee_per_month_yuan", recognition.fee_per_month_yuan},
            {"slots", recognition.slots},
            {"effective_from", recognition.effective_from},
            {"granted_at", TimeOrNull(recognition.granted_at)},
            {"revoked_on", TextOrNull(recognition.revoked_on)},
            {"revocation_reason", TextOrNull(recognition.revocation_reason)},
            {"revoked_at", TimeOrNull(recognition.revoked_at)}};
}

}  // namespace tuoyu::disclosure
