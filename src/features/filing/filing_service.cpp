#include "features/filing/filing_service.hpp"

#include <set>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "features/filing/checks.hpp"
#include "features/filing/deadlines.hpp"
#include "features/filing/materials.hpp"
#include "features/filing/profile_store.hpp"
#include "storage/query.hpp"

namespace tuoyu::filing {

const char* const kCommitmentText =
    "本机构承诺：所填报的备案信息和提交的材料真实、准确、完整；机构的场地、设施设备、人员配备等符合《托育机构设置标"
    "准（试行）》和《托育机构管理规范（试行）》的要求；依法依规开展托育服务，保障婴幼儿安全和健康；备案事项发生变"
    "化时按规定及时办理变更备案；自觉接受卫生健康等有关部门的监督管理。如有虚假，愿承担相应法律责任。";

namespace {

void RequireDraft(const FilingRecord& filing) {
    if (filing.state != FilingState::kDraft) {
        const std::string state(Code(filing.state));
        throw Conflict("filing_not_draft", "state", "该备案已提交（当前状态：" + state + "），不能再修改",
                       "The filing is no longer a draft (state " + state + ") and cannot be changed");
    }
}

void RequireSubmitted(const FilingRecord& filing) {
    if (filing.state != FilingState::kSubmitted) {
        const std::string state(Code(filing.state));
        throw Conflict("filing_not_submitted", "state", "该备案不在审核中（当前状态：" + state + "）",
                       "The filing is not awaiting review (state " + state + ")");
    }
}

Json ChangeJson(const FilingRecord& filing) {
    if (!filing.change_date) {
        return nullptr;
    }
    return {{"date", *filing.change_date}, {"items", filing.change_items}};
}

Json Extra(const FilingRecord& filing) {
    return {{"filing_id", filing.id}, {"filing_kind", Code(filing.kind)}};
}

}  // namespace

FilingRecord CreateFiling(storage::Transaction& tx, const Institution& institution, FilingKind kind, const Json& form,
                          const std::optional<ChangeDeclaration>& change, const Actor& actor, std::int64_t now) {
    RequireTransition(institution, SubmitEvent(kind));
    if (std::optional<std::int64_t> open = OpenFilingId(tx, institution.id)) {
        throw Conflict("filing_open", "kind",
                       "该机构已有未完成的备案（编号 " + std::to_string(*open) + "），请继续办理或等待审核结果",
                       "The institution has an open filing already (id " + std::to_string(*open) +
                           "): continue it or wait for its review");
    }
    if (kind == FilingKind::kChange && !change) {
        throw BadRequest("required", "change", "变更备案须填写变更事项和变更日期",
                         "A change filing needs the change's items and date");
    }
    if (kind != FilingKind::kChange && change) {
        throw BadRequest("invalid_value", "change", "只有变更备案填写变更事项", "Only a change filing has a change");
    }
    FilingRecord filing;
    filing.id = InsertFiling(tx, institution.id, kind, form, actor.user_id, now);
    filing.institution_id = institution.id;
    filing.kind = kind;
    filing.form = form;
    if (change) {
        filing.change_date = change->date;
        filing.change_items = change->items;
        SaveDraft(tx, filing, now);
    }
    return *FindFiling(tx, Scope::All(), filing.id);
}

FilingRecord EditDraft(storage::Transaction& tx, FilingRecord filing, const DraftEdit& edit, std::int64_t now) {
    RequireDraft(filing);
    if (edit.form) {
        filing.form = *edit.form;
    }
    if (edit.change) {
        if (filing.kind != FilingKind::kChange) {
            throw BadRequest("invalid_value", "change", "只有变更备案填写变更事项",
                             "Only a change filing has a change");
        }
        filing.change_date = edit.change->date;
        filing.change_items = edit.change->items;
    }
    if (edit.signatory) {
        filing.commitment = Commitment{kCommitmentText, *edit.signatory, now};
    }
    SaveDraft(tx, filing, now);
    return *FindFiling(tx, Scope::All(), filing.id);
}

Material AddMaterial(storage::Transaction& tx, const FilingRecord& filing, const std::string& kind,
                     const std::string& given_name, std::string_view bytes, const Actor& actor, std::int64_t now) {
    RequireDraft(filing);
    if (bytes.empty()) {
        throw BadRequest("empty_file", "file", "文件为空", "The file is empty");
    }
    if (bytes.size() > kMaxMaterialBytes) {
        throw ApiError(
            413, "file_too_large", "file",
            "文件过大：每个文件不超过 " + std::to_string(kMaxMaterialBytes / (1024 * 1024)) + " MiB",
            "The file is too large: at most " + std::to_string(kMaxMaterialBytes / (1024 * 1024)) + " MiB a file");
    }
    const std::optional<MediaType> type = SniffMediaType(bytes);
    if (!type) {
        throw ApiError(415, "unsupported_file_type", "file",
                       "文件类型不受支持：只接受 PDF、JPEG 或 PNG 文件（按文件内容识别，与文件名无关）",
                       "Unsupported file type: only PDF, JPEG or PNG files are accepted (told by the content, not "
                       "the name)");
    }
    const MaterialTotals totals = Totals(tx, filing.id);
    if (static_cast<std::size_t>(totals.count) >= kMaxMaterialsPerFiling) {
        throw Conflict("too_many_files", "file", "每份备案最多 " + std::to_string(kMaxMaterialsPerFiling) + " 个文件",
                       "A filing has at most " + std::to_string(kMaxMaterialsPerFiling) + " files");
    }
    if (static_cast<std::size_t>(totals.bytes) + bytes.size() > kMaxFilingBytes) {
        throw ApiError(
            413, "filing_too_large", "file",
            "备案材料合计不超过 " + std::to_string(kMaxFilingBytes / (1024 * 1024)) + " MiB",
            "The files of one filing total at most " + std::to_string(kMaxFilingBytes / (1024 * 1024)) + " MiB");
    }
    return InsertMaterial(tx, filing.id, kind, given_name, *type, bytes, actor.user_id, now);
}

void RemoveMaterial(storage::Transaction& tx, const FilingRecord& filing, std::int64_t material_id) {
    RequireDraft(filing);
    const std::optional<Material> material = FindMaterial(tx, filing.id, material_id);
    if (!material) {
        throw NotFound("材料", "material");
    }
    DeleteMaterial(tx, *material);
}

Precheck Assess(storage::Transaction& tx, const Institution& institution, const FilingRecord& filing,
                std::int64_t now) {
    RequireDraft(filing);
    Precheck precheck;
    auto refusal = [&](const ApiError& error) {
        precheck.gaps.push_back({error.status(), error.code(), error.field(), error.message_zh(), error.message_en()});
    };
    try {
        RequireTransition(institution, SubmitEvent(filing.kind));
    } catch (const ApiError& error) {
        refusal(error);  // the institution's status has moved on since the draft was made
    }
    precheck.profile = LoadProfile(tx, institution.id);
    const std::vector<std::string> missing_profile = MissingForFiling(precheck.profile.document);
    for (const std::string& field : missing_profile) {
        precheck.gaps.push_back({422, "profile_incomplete", "profile." + field,
                                 "机构基本信息不完整，缺少 " + field + "，请先完善机构信息",
                                 "The institution profile lacks " + field + ": complete it first"});
    }
    for (const std::string& field : MissingFormFields(filing.form, filing.kind)) {
        precheck.gaps.push_back(
            {422, "form_incomplete", field, "备案书缺少必填项 " + field, "The filing form lacks " + field});
    }
    if (filing.kind == FilingKind::kChange && !filing.change_date) {
        precheck.gaps.push_back({422, "form_incomplete", "change", "变更备案须填写变更事项和变更日期",
                                 "A change filing needs the change's items and date"});
    }
    if (!filing.commitment) {
        precheck.gaps.push_back({422, "commitment_required", "commitment", "请先阅读并签署备案承诺书",
                                 "The filing commitment (承诺书) must be accepted first"});
    }
    // RULES S7: nobody under a lifetime ban may be filed as staff; the institution learns only that this
    // person cannot be employed, and ends the employment before it files.
    // The gap names the staff record, not the person: the precheck is no audited read of personal data.
    for (const BannedEmployee& employee : BannedEmployees(tx, institution.id)) {
        precheck.gaps.push_back({422, "person_not_employable", "staff." + std::to_string(employee.staff_id),
                                 "在职人员中有依法不得从事托育服务工作的人员（从业人员记录 " +
                                     std::to_string(employee.staff_id) + "），须先解除聘用再备案",
                                 "A person employed here may not work in childcare (staff record " +
                                     std::to_string(employee.staff_id) + "): end the employment before filing"});
    }
    if (!missing_profile.empty()) {
        return precheck;
    }

    std::set<std::string> kinds;
    for (const Material& material : filing.materials) {
        kinds.insert(material.kind);
    }
    std::optional<CivilDate> change_date;
    if (filing.change_date) {
        change_date = CivilDate::Parse(*filing.change_date);
    }
    try {
        precheck.checks = RunChecks(tx, {institution, filing.kind, precheck.profile.document, filing.form, kinds,
                                         change_date, ShanghaiDate(now)});
    } catch (const ApiError& error) {
        refusal(error);  // a parameter of the check is not set for the region: after the gaps before it
        return precheck;
    }
    for (const std::string& kind : precheck.checks.missing_materials) {
        if (kind == "materials") {
            precheck.gaps.push_back({422, "materials_missing", "materials", "变更备案须上传变更事项的证明材料",
                                     "A change filing needs at least one file proving the change"});
        } else {
            precheck.gaps.push_back({422, "materials_missing", "materials." + kind,
                                     "缺少备案材料：" + std::string(MaterialLabelZh(kind)),
                                     "Missing filing material: " + std::string(MaterialLabelEn(kind))});
        }
    }
    return precheck;
}

FilingRecord Submit(storage::Transaction& tx, const Institution& institution, FilingRecord filing,
                    const WorkingDayCalendar& calendar, const Actor& actor, std::int64_t now) {
    RequireDraft(filing);
    const lifecycle::Event event = SubmitEvent(filing.kind);
    const Precheck precheck = Assess(tx, institution, filing, now);
    if (!precheck.gaps.empty()) {
        const Gap& first = precheck.gaps.front();
        throw ApiError(first.status, first.code, first.field, first.zh, first.en);
    }
    const StoredProfile& profile = precheck.profile;
    const CheckResult& checks = precheck.checks;
    const CivilDate received = ShanghaiDate(now);

    filing.findings = Json::array();
    for (const Finding& finding : checks.findings) {
        filing.findings.push_back(standards::FindingJson(finding));
    }
    filing.days_late = checks.days_late;
    Json materials = Json::array();
    for (const Material& material : filing.materials) {
        materials.push_back({{"id", material.id},
                             {"kind", material.kind},
                             {"file_name", material.file_name},
                             {"sha256", material.sha256}});
    }
    filing.declaration = {{"institution", InstitutionJson(institution)},
                          {"profile", profile.document},
                          {"form", filing.form},
                          {"change", ChangeJson(filing)},
                          {"materials", materials},
                          {"commitment",
                           {{"text", filing.commitment->text},
                            {"signatory", filing.commitment->signatory},
                            {"accepted_at", FormatIsoUtc(filing.commitment->accepted_at)}}}};

    // RULES N44 (备案办法 第9条): the receipt within filing_receipt_working_days, a reasoned rejection
    // within filing_rejection_working_days, counted from the day of receipt on the working-day
    // calendar, with the values in force for the institution's region.
    const int receipt_days = IntegerParameter(tx, "filing_receipt_working_days", institution.region_code);
    const int rejection_days = IntegerParameter(tx, "filing_rejection_working_days", institution.region_code);
    filing.deadlines = ComputeDeadlines(calendar, received, receipt_days, rejection_days);

    MarkSubmitted(tx, filing, actor.user_id, now);
    Json extra = Extra(filing);
    extra["receipt_due"] = filing.deadlines->receipt_due;
    extra["rejection_due"] = filing.deadlines->rejection_due;
    ApplyEvent(tx, institution, event, "", actor.user_id, now, extra);
    return *FindFiling(tx, Scope::All(), filing.id);
}

FilingRecord Accept(storage::Transaction& tx, const Institution& institution, FilingRecord filing,
                    const std::string& note, const Actor& actor, std::int64_t now) {
    RequireSubmitted(filing);
    const lifecycle::Event event = AcceptEvent(filing.kind);
    RequireTransition(institution, event);
    const std::string county = institution.region_code.substr(0, 6);
    const std::string number = NextReceiptNumber(tx, county, ShanghaiDate(now).year());
    MarkAccepted(tx, filing.id, number, note, actor.user_id, now);
    Json extra = Extra(filing);
    extra["receipt_number"] = number;
    ApplyEvent(tx, institution, event, note, actor.user_id, now, extra);
    return *FindFiling(tx, Scope::All(), filing.id);
}

FilingRecord Reject(storage::Transaction& tx, const Institution& institution, FilingRecord filing,
                    const std::vector<std::string>& reasons, const std::string& note, const Actor& actor,
                    std::int64_t now) {
    RequireSubmitted(filing);
    // 备案办法 第9条: a filing not up to standard is returned with the reasons why.
    if (reasons.empty()) {
        throw BadRequest("required", "reasons", "退回备案须写明理由（至少一条）",
                         "A rejection needs its reasons (at least one)");
    }
    const lifecycle::Event event = RejectEvent(filing.kind);
    RequireTransition(institution, event);
    MarkRejected(tx, filing.id, reasons, note, actor.user_id, now);
    std::string reason;
    for (const std::string& item : reasons) {
        reason += (reason.empty() ? "" : "；") + item;
    }
    Json extra = Extra(filing);
    extra["rejection_reasons"] = reasons;
    ApplyEvent(tx, institution, event, reason, actor.user_id, now, extra);
    return *FindFiling(tx, Scope::All(), filing.id);
}

Institution ApplyInstitutionEvent(storage::Transaction& tx, const Institution& institution, lifecycle::Event event,
                                  const std::string& reason, const Actor& actor, std::int64_t now) {
    if (event == lifecycle::Event::kRevoke && institution.status == lifecycle::Status::kFilingSubmitted &&
        storage::Query("SELECT COUNT(*) FROM filings WHERE state = 'accepted' AND institution_id = ")
                .Bind(institution.id)
                .Count(tx) == 0) {
        throw ApiError(409, "invalid_transition", "event", "该机构尚未备案，没有可撤销的备案；请退回其备案申请",
                       "This institution has never been filed, so there is no filing to revoke; reject its filing");
    }
    const Institution after = ApplyEvent(tx, institution, event, reason, actor.user_id, now);
    const bool was_under_review = institution.status == lifecycle::Status::kFilingSubmitted ||
                                  institution.status == lifecycle::Status::kChangeSubmitted;
    if (was_under_review) {
        VoidSubmitted(tx, institution.id, "机构状态变更（" + std::string(lifecycle::Code(event)) + "）", actor.user_id,
                      now);
    }
    return after;
}

}  // namespace tuoyu::filing
