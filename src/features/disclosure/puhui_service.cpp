#include "features/disclosure/puhui_service.hpp"

#include <set>

#include "core/error.hpp"

namespace tuoyu::disclosure {

namespace {

Application Reload(storage::Transaction& tx, std::int64_t id) {
    std::optional<Application> application = FindApplication(tx, Scope::All(), id);
    if (!application) {
        throw std::logic_error("application " + std::to_string(id) + " vanished within its transaction");
    }
    return *application;
}

PublicityList ReloadList(storage::Transaction& tx, std::int64_t id) {
    std::optional<PublicityList> list = FindList(tx, Scope::All(), id);
    if (!list) {
        throw std::logic_error("list " + std::to_string(id) + " vanished within its transaction");
    }
    return *list;
}

void RequireSubmitted(const Application& application) {
    if (application.state != application_state::kSubmitted) {
        throw Conflict("not_submitted", "state", "该申请已处理（当前状态：" + application.state + "），不能再审核",
                       "The application has been decided already (state " + application.state + ")");
    }
}

void RequirePublicity(const PublicityList& list) {
    if (list.state != list_state::kPublicity) {
        throw Conflict("list_confirmed", "state", "该名单已确认，不能再更改",
                       "The list is confirmed and cannot change");
    }
}

}  // namespace

Application Apply(storage::Transaction& tx, const InstitutionFacts& institution, const ApplicationInput& input,
                  const Actor& actor, std::int64_t now) {
    if (!MayApply(institution.status)) {
        const std::string status(lifecycle::Code(institution.status));
        throw Conflict(
            "not_filed", "institution_id",
            "只有已备案的机构可以申请普惠认定（当前状态：" + std::string(lifecycle::LabelZh(institution.status)) + "）",
            "Only a filed institution may apply for 普惠 recognition (it is " +
                std::string(lifecycle::LabelEn(institution.status)) + ")");
    }
    if (CurrentRecognition(tx, institution.id)) {
        throw Conflict("already_puhui", "institution_id", "该机构已是普惠托育机构", "The institution is 普惠 already");
    }
    if (const std::optional<std::int64_t> open = OpenApplicationId(tx, institution.id)) {
        throw Conflict("application_open", "institution_id",
                       "该机构已有一份处理中的普惠认定申请（编号 " + std::to_string(*open) + "）",
                       "The institution has an application in progress already (no. " + std::to_string(*open) + ")");
    }
    if (institution.profile_slots && input.slots > *institution.profile_slots) {
        throw BadRequest("exceeds_slots", "slots",
                         "普惠托位数不能超过机构备案的托位数（" + std::to_string(*institution.profile_slots) + "）",
                         "The 普惠 slots cannot exceed the institution's slots (" +
                             std::to_string(*institution.profile_slots) + ")");
    }
    const std::int64_t id =
        InsertApplication(tx, institution.id, input.fee_per_month_yuan, input.slots, input.note, actor, now);
    return Reload(tx, id);
}

Application Approve(storage::Transaction& tx, const Application& application, const std::string& note,
                    const Actor& actor, std::int64_t now) {
    RequireSubmitted(application);
    DecideApplication(tx, application.id, application_state::kApproved, {}, note, actor, now);
    return Reload(tx, application.id);
}

Application Reject(storage::Transaction& tx, const Application& application, const std::vector<std::string>& reasons,
                   const std::string& note, const Actor& actor, std::int64_t now) {
    RequireSubmitted(application);
    if (reasons.empty()) {
        throw BadRequest("required", "reasons", "不予认定须写明理由（至少一条）",
                         "A rejection needs its reasons (at least one)");
    }
    DecideApplication(tx, application.id, application_state::kRejected, reasons, note, actor, now);
    return Reload(tx, application.id);
}

PublicityList Publish(storage::Transaction& tx, const std::string& county_code, const std::string& title,
                      const WorkingDayCalendar& calendar, int working_days, const Actor& actor, std::int64_t now) {
    const std::vector<Application> approved = ApprovedInCounty(tx, county_code);
    if (approved.empty()) {
        throw Conflict("nothing_to_publish", "county_code", "该县区没有审核通过、待公示的普惠认定申请",
                       "The county has no approved application waiting for publication");
    }
    const PublicityPeriod period = ComputePeriod(calendar, ShanghaiDate(now), working_days);
    const std::int64_t list_id = InsertList(tx, county_code, title, period, working_days, actor, now);
    std::set<std::int64_t> listed;
    for (const Application& application : approved) {
        // An institution has one application on its way at a time; should data say otherwise, the
        // oldest is listed and the others wait.
        if (!listed.insert(application.institution_id).second) {
            continue;
        }
        const std::optional<InstitutionFacts> institution =
            FindInstitution(tx, Scope::All(), application.institution_id, true);
        if (!institution) {
            throw std::logic_error("institution of application " + std::to_string(application.id) + " vanished");
        }
        InsertEntry(tx, list_id, application, *institution);
        SetApplicationState(tx, application.id, application_state::kListed, list_id);
    }
    return ReloadList(tx, list_id);
}

std::int64_t Lodge(storage::Transaction& tx, const PublicityList& list, const NewObjection& objection,
                   std::int64_t now) {
    const CivilDate today = ShanghaiDate(now);
    if (!TakesObjections(list, today)) {
        throw Conflict(
            "publicity_closed", "", "该名单的公示期已结束（截至 " + list.period_end + "），不再受理异议",
            "The list's publicity period is over (it ended on " + list.period_end + "); no more objections are taken");
    }
    const ListEntry* entry = nullptr;
    for (const ListEntry& candidate : list.entries) {
        if (candidate.id == objection.entry_id) {
            entry = &candidate;
        }
    }
    if (entry == nullptr) {
        throw BadRequest("invalid_value", "entry_id", "名单中没有这一条目", "The list has no such entry");
    }
    if (entry->state != entry_state::kListed) {
        throw Conflict("entry_not_listed", "entry_id", "该机构已不在公示名单中",
                       "The institution is no longer on the list");
    }
    if (CountObjections(tx, list.id) >= kMaxObjectionsPerList) {
        throw ApiError(429, "objection_limit", "", "该名单收到的异议已达上限，请通过其他渠道向县级卫生健康部门反映",
                       "The list has received the most objections it takes; contact the county health department "
                       "directly");
    }
    return InsertObjection(tx, list.id, objection, today.ToString(), now);
}

void Resolve(storage::Transaction& tx, const PublicityList& list, const Objection& objection, bool upheld,
             const std::string& resolution, const Actor& actor, std::int64_t now) {
    RequirePublicity(list);
    if (objection.state != objection_state::kOpen) {
        throw Conflict("objection_resolved", "state", "该异议已处理", "The objection has been resolved already");
    }
    ResolveObjection(tx, objection.id, upheld ? objection_state::kUpheld : objection_state::kDismissed, resolution,
                     actor, now);
    if (!upheld) {
        return;
    }
    for (const ListEntry& entry : list.entries) {
        if (entry.id == objection.entry_id && entry.state == entry_state::kListed) {
            SetEntryState(tx, entry.id, entry_state::kDropped, kOutcomeObjectionUpheld, now);
            SetApplicationState(tx, entry.application_id, application_state::kDropped);
        }
    }
}

PublicityList Confirm(storage::Transaction& tx, const PublicityList& list, const Actor& actor, std::int64_t now) {
    RequirePublicity(list);
    const CivilDate today = ShanghaiDate(now);
    if (!PeriodOver(list, today)) {
        throw Conflict("publicity_not_over", "", "公示期至 " + list.period_end + " 结束，期满后方可确认名单",
                       "The publicity period runs until " + list.period_end + "; the list can be confirmed after it");
    }
    if (const std::int64_t open = CountOpenObjections(tx, list.id); open > 0) {
        throw Conflict("objections_open", "", "尚有 " + std::to_string(open) + " 条异议未处理，处理完毕后方可确认名单",
                       std::to_string(open) + " objection(s) are still open; resolve them before confirming");
    }
    const std::string effective_from = today.ToString();
    for (const ListEntry& entry : list.entries) {
        if (entry.state != entry_state::kListed) {
            continue;
        }
        const std::optional<InstitutionFacts> institution =
            FindInstitution(tx, Scope::All(), entry.institution_id, true);
        const bool operating = institution && lifecycle::MayOperate(institution->status);
        if (operating && !CurrentRecognition(tx, entry.institution_id)) {
            SetEntryState(tx, entry.id, entry_state::kRecognised, "", now);
            SetApplicationState(tx, entry.application_id, application_state::kRecognised);
            InsertRecognition(tx, entry, effective_from, actor, now);
        } else {
            SetEntryState(tx, entry.id, entry_state::kDropped, kOutcomeNotOperating, now);
            SetApplicationState(tx, entry.application_id, application_state::kDropped);
        }
    }
    MarkConfirmed(tx, list.id, effective_from, actor, now);
    return ReloadList(tx, list.id);
}

Recognition Revoke(storage::Transaction& tx, const InstitutionFacts& institution, const std::string& reason,
                   const Actor& actor, std::int64_t now) {
    const std::optional<Recognition> current = CurrentRecognition(tx, institution.id);
    if (!current) {
        throw Conflict("not_puhui", "", "该机构目前不是普惠托育机构", "The institution is not 普惠");
    }
    const std::string revoked_on = ShanghaiDate(now).ToString();
    RevokeRecognition(tx, *current, revoked_on, reason, actor, now);
    Recognition revoked = *current;
    revoked.revoked_on = revoked_on;
    revoked.revocation_reason = reason;
    revoked.revoked_at = now;
    return revoked;
}

}  // namespace tuoyu::disclosure
