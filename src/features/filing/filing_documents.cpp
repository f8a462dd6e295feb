// The two documents a county issues when it accepts a filing (托育机构登记和备案办法（试行）第9条,
// RULES N44): the 备案回执 (filing receipt) and the 托育机构基本条件告知书 (notice of the basic
// conditions), as PDF with the Chinese font embedded. Both are rebuilt from the stored decision on
// every request, so they always match the record; neither names a person.

#include <soci/soci.h>

#include <set>

#include "core/error.hpp"
#include "core/region_code.hpp"
#include "core/working_days.hpp"
#include "features/filing/route_support.hpp"
#include "io/pdf.hpp"
#include "reference/parameters.hpp"
#include "storage/query.hpp"

namespace tuoyu::filing {

using http::Context;

namespace {

// The RULES rows a county tells a newly filed institution about, in the order of the notice.
constexpr const char* kNoticeRules[] = {"S1",  "N1",  "N2",  "N3",  "N4",  "N5",  "N6",  "N13", "N14",
                                        "N15", "N16", "N17", "N19", "N20", "N36", "N40", "N45"};

std::string ChineseDate(const std::string& iso) {
    const std::optional<CivilDate> date = CivilDate::Parse(iso.substr(0, 10));
    if (!date) {
        return iso;
    }
    return std::to_string(date->year()) + "年" + std::to_string(date->month()) + "月" + std::to_string(date->day()) +
           "日";
}

std::string IsoDay(std::int64_t millis) {
    // Decisions are dated in China's time zone (UTC+8, no daylight saving).
    return CivilDate::FromDayNumber((millis + 8 * 3'600'000) / 86'400'000).ToString();
}

// The county (区县) that holds the region: its health department issues the documents.
std::string CountyName(storage::Transaction& tx, const std::string& region_code) {
    const std::string county = region_code.substr(0, 6) + "000000";
    std::string name;
    storage::Query query("SELECT name FROM regions WHERE code = ");
    query.Bind(county);
    query.ForEach(tx, [&](const soci::row& row) { name = row.get<std::string>(0); });
    return name.empty() ? county : name;
}

// The accepted filing of the path, within the caller's scope; 409 while it has no receipt.
FilingRecord LoadAccepted(Context& context, storage::Transaction& tx) {
    RequireReader(context);
    FilingRecord filing = LoadFiling(context, tx);
    if (filing.state != FilingState::kAccepted || filing.receipt_number.empty()) {
        throw ApiError(409, "not_accepted", "id", "该备案尚未通过，没有回执和告知书",
                       "This filing has not been accepted: it has no receipt or notice");
    }
    return filing;
}

http::Response PdfReply(std::string bytes, const std::string& file_name) {
    http::Response response;
    response.body = std::move(bytes);
    response.content_type = "application/pdf";
    response.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + file_name + "\"");
    return response;
}

std::string KindLabel(FilingKind kind) {
    switch (kind) {
        case FilingKind::kChange:
            return "变更备案";
        case FilingKind::kRelocation:
            return "迁址备案";
        case FilingKind::kInitial:
            break;
    }
    return "首次备案";
}

http::Response Receipt(Context& context) {
    storage::Transaction tx = context.services().database.Read();
    const FilingRecord filing = LoadAccepted(context, tx);
    const std::optional<Institution> institution =
        FindInstitution(tx, context.principal().scope(), filing.institution_id);
    if (!institution) {
        throw NotFound("备案", "filing");
    }
    const std::string authority = CountyName(tx, institution->region_code) + "卫生健康局";
    std::optional<reference::parameters::Resolved> period =
        reference::parameters::Resolve(tx, "change_filing_days", institution->region_code);
    tx.Commit();

    io::PdfDocument pdf(io::FindChineseFont());
    pdf.SetInfo("托育机构备案回执 " + filing.receipt_number, authority, filing.decided_at);
    pdf.Heading("托育机构备案回执");
    pdf.RightAligned({"编号：" + filing.receipt_number});
    pdf.Space(8);
    pdf.Paragraph(institution->name + "：");
    const std::string received = filing.deadlines ? ChineseDate(filing.deadlines->received_on) : "";
    pdf.Paragraph("    你单位于" + received + "提交的" + KindLabel(filing.kind) +
                  "材料收悉。经核对，材料齐全，符合要求，予以备案。备案信息如下：");
    pdf.Field("机构名称", institution->name);
    pdf.Field("统一社会信用代码", institution->uscc.empty() ? "—" : institution->uscc);
    pdf.Field("机构类型", institution->kind == "home_point" ? "家庭托育点" : "托育机构");
    pdf.Field("机构地址", institution->address.empty() ? "—" : institution->address);
    pdf.Field("所在区划", institution->region_name + "（" + institution->region_code + "）");
    pdf.Field("备案类型", KindLabel(filing.kind));
    pdf.Field("收件日期", received);
    pdf.Field("备案日期", ChineseDate(IsoDay(filing.decided_at)));
    pdf.Field("回执编号", filing.receipt_number);
    pdf.Space(10);
    const std::string days = period && period->in_force() != nullptr ? period->in_force()->value : "15";
    pdf.Paragraph(
        "    请严格按照《托育机构设置标准（试行）》《托育机构管理规范（试行）》开展托育服务，"
        "接受卫生健康等部门的监督管理。机构名称、地址、负责人、服务形式、托位数等事项发生变更的，应当自变更之日起" +
        days + "日内办理变更备案；迁址的，应当重新备案。");
    pdf.Space(24);
    pdf.RightAligned({authority, ChineseDate(IsoDay(filing.decided_at))});
    return PdfReply(pdf.Finish(), "receipt-" + std::to_string(filing.id) + ".pdf");
}

http::Response Notice(Context& context) {
    storage::Transaction tx = context.services().database.Read();
    const FilingRecord filing = LoadAccepted(context, tx);
    const std::optional<Institution> institution =
        FindInstitution(tx, context.principal().scope(), filing.institution_id);
    if (!institution) {
        throw NotFound("备案", "filing");
    }
    const std::string authority = CountyName(tx, institution->region_code) + "卫生健康局";
    const std::vector<reference::parameters::Resolved> parameters =
        reference::parameters::ResolveAll(tx, institution->region_code);
    tx.Commit();

    io::PdfDocument pdf(io::FindChineseFont());
    pdf.SetInfo("托育机构基本条件告知书 " + filing.receipt_number, authority, filing.decided_at);
    pdf.Heading("托育机构基本条件告知书");
    pdf.Paragraph(institution->name + "：");
    pdf.Paragraph("    你单位已在本机关完成备案（回执编号 " + filing.receipt_number +
                  "）。现将本地区现行的托育机构基本条件告知如下，请对照落实，并持续符合："
                  "（括号内为规则编号及依据）");
    int number = 0;
    std::set<std::string> listed;
    for (const char* rule : kNoticeRules) {
        for (const reference::parameters::Resolved& resolved : parameters) {
            const reference::parameters::Value* value = resolved.in_force();
            const std::string& rules = resolved.definition.rule;
            if (value == nullptr || (" " + rules + " ").find(std::string(" ") + rule + " ") == std::string::npos ||
                !listed.insert(resolved.definition.key).second) {
                continue;
            }
            std::string text = std::to_string(++number) + ". " + resolved.definition.label_zh + "：" + value->value;
            if (!resolved.definition.unit.empty()) {
                text += " " + resolved.definition.unit;
            }
            text += "（" + rules + "；" + (value->clause.empty() ? value->source : value->clause) + "）";
            pdf.Paragraph(text, 10.5F);
        }
    }
    pdf.Paragraph(
        "    以上条件依据国家和本地区现行规定，由卫生健康部门在日常监督检查中核查。"
        "规定调整的，以调整后的规定为准。");
    pdf.Space(24);
    pdf.RightAligned({authority, ChineseDate(IsoDay(filing.decided_at))});
    return PdfReply(pdf.Finish(), "notice-" + std::to_string(filing.id) + ".pdf");
}

}  // namespace

void RegisterFilingDocumentRoutes(http::Router& router) {
    router.Add(
        {"GET", "/api/v1/filings/{id}/receipt.pdf", "The filing receipt (备案回执) of an accepted filing, as PDF",
         http::Access::kSignedIn, http::AuditKind::kNone, "filing"},
        Receipt);
    router.Add({"GET", "/api/v1/filings/{id}/notice.pdf",
                "The notice of basic conditions (基本条件告知书) of an accepted filing, as PDF",
                http::Access::kSignedIn, http::AuditKind::kNone, "filing"},
               Notice);
}

}  // namespace tuoyu::filing
