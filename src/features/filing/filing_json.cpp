#include "features/filing/filing_json.hpp"

#include "core/clock.hpp"

namespace tuoyu::filing {

namespace {

Json TimeOrNull(std::int64_t millis) {
    return millis == 0 ? Json() : Json(FormatIsoUtc(millis));
}

Json TextOrNull(const std::string& text) {
    return text.empty() ? Json() : Json(text);
}

Json DeadlinesJson(const FilingRecord& filing, const std::optional<DeadlineStatus>& status) {
    if (!filing.deadlines) {
        return nullptr;
    }
    const Deadlines& deadlines = *filing.deadlines;
    Json json{{"received_on", deadlines.received_on},
              {"receipt_due", deadlines.receipt_due},
              {"rejection_due", deadlines.rejection_due},
              {"estimated", deadlines.estimated}};
    if (status) {
        json["receipt_working_days_left"] = status->receipt_working_days_left;
        json["rejection_working_days_left"] = status->rejection_working_days_left;
        json["warning"] = Code(status->warning);
        json["warning_deadline"] = status->deadline;
    }
    return json;
}

std::pair<int, int> Counts(const Json& findings) {
    int errors = 0;
    int warnings = 0;
    if (findings.is_array()) {
        for (const Json& finding : findings) {
            const std::string severity = finding.value("severity", "");
            errors += severity == "fail" ? 1 : 0;
            warnings += severity == "warn" ? 1 : 0;
        }
    }
    return {errors, warnings};
}

}  // namespace

Json FilingSummaryJson(const FilingRecord& filing, const std::optional<DeadlineStatus>& status) {
    const auto [errors, warnings] = Counts(filing.findings);
    return {
        {"id", filing.id},
        {"institution_id", filing.institution_id},
        {"institution_name", filing.institution_name},
        {"region_code", filing.region_code},
        {"region_name", filing.region_name},
        {"kind", Code(filing.kind)},
        {"state", Code(filing.state)},
        {"change", filing.change_date ? Json{{"date", *filing.change_date}, {"items", filing.change_items}} : Json()},
        {"days_late", filing.days_late},
        {"late", filing.days_late > 0},
        {"deadlines", DeadlinesJson(filing, status)},
        {"finding_counts", {{"fail", errors}, {"warn", warnings}}},
        {"submitted_at", TimeOrNull(filing.submitted_at)},
        {"submitted_by", TextOrNull(filing.submitted_by)},
        {"decided_at", TimeOrNull(filing.decided_at)},
        {"decided_by", TextOrNull(filing.decided_by)},
        {"receipt_number", TextOrNull(filing.receipt_number)},
        {"rejection_reasons", filing.rejection_reasons},
        {"published_at", TimeOrNull(filing.published_at)},
        {"created_at", FormatIsoUtc(filing.created_at)},
        {"created_by", TextOrNull(filing.created_by)},
        {"updated_at", FormatIsoUtc(filing.updated_at)}};
}

Json FilingDetailJson(const FilingRecord& filing, const std::optional<DeadlineStatus>& status) {
    Json json = FilingSummaryJson(filing, status);
    json["form"] = filing.form;
    json["commitment"] = filing.commitment ? Json{{"text", filing.commitment->text},
                                                  {"signatory", filing.commitment->signatory},
                                                  {"accepted_at", FormatIsoUtc(filing.commitment->accepted_at)}}
                                           : Json();
    // The 承诺书 as it will be stored when accepted: the administrator reads this text, not a copy.
    if (filing.state == FilingState::kDraft) {
        json["commitment_text"] = kCommitmentText;
    }
    json["declaration"] = filing.declaration;
    json["findings"] = filing.findings.is_null() ? Json::array() : filing.findings;
    json["decision_note"] = TextOrNull(filing.decision_note);
    Json materials = Json::array();
    for (const Material& material : filing.materials) {
        materials.push_back(MaterialJson(material));
    }
    json["materials"] = materials;
    return json;
}

Json PrecheckJson(const FilingRecord& filing, const Precheck& precheck) {
    Json gaps = Json::array();
    for (const Gap& gap : precheck.gaps) {
        gaps.push_back({{"status", gap.status},
                        {"code", gap.code},
                        {"field", gap.field},
                        {"message_zh", gap.zh},
                        {"message_en", gap.en}});
    }
    Json findings = Json::array();
    for (const Finding& finding : precheck.checks.findings) {
        findings.push_back(standards::FindingJson(finding));
    }
    const auto [errors, warnings] = Counts(findings);
    return {{"filing_id", filing.id},
            {"ready", precheck.gaps.empty()},
            {"gaps", std::move(gaps)},
            {"findings", std::move(findings)},
            {"finding_counts", {{"fail", errors}, {"warn", warnings}}},
            {"days_late", precheck.checks.days_late}};
}

}  // namespace tuoyu::filing
