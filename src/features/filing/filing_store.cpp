#include "features/filing/filing_store.hpp"

#include <soci/soci.h>
#include <sodium.h>

#include <cstdio>
#include <stdexcept>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "storage/query.hpp"
#include "storage/row.hpp"

namespace tuoyu::filing {

namespace {

const storage::ScopeColumns kInstitutionScope{"i.region_code", "i.id", ""};

constexpr const char* kFilingColumns =
    "SELECT f.id, f.institution_id, i.name, i.region_code, r.name, f.kind, f.state, f.form, f.change_date, "
    "f.change_items, f.commitment_text, f.commitment_signatory, f.commitment_at, f.declaration, f.findings, "
    "f.days_late, f.received_on, f.receipt_due, f.rejection_due, f.deadlines_estimated, f.submitted_at, us.username, "
    "f.decided_at, ud.username, f.decision_note, f.receipt_number, f.rejection_reasons, f.published_at, "
    "f.created_at, uc.username, f.updated_at FROM filings f JOIN institutions i ON i.id = f.institution_id "
    "JOIN regions r ON r.code = i.region_code LEFT JOIN users us ON us.id = f.submitted_by "
    "LEFT JOIN users ud ON ud.id = f.decided_by LEFT JOIN users uc ON uc.id = f.created_by WHERE 1 = 1";

Json ParseOr(const std::optional<std::string>& text, Json fallback) {
    if (!text) {
        return fallback;
    }
    Json json = Json::parse(*text, nullptr, false);
    return json.is_discarded() ? fallback : json;
}

FilingRecord ReadFiling(const soci::row& row) {
    FilingRecord filing;
    filing.id = storage::Int(row, 0);
    filing.institution_id = storage::Int(row, 1);
    filing.institution_name = storage::Text(row, 2);
    filing.region_code = storage::Text(row, 3);
    filing.region_name = storage::Text(row, 4);
    filing.kind = ParseFilingKind(storage::Text(row, 5)).value_or(FilingKind::kInitial);
    filing.state = ParseFilingState(storage::Text(row, 6)).value_or(FilingState::kDraft);
    filing.form = ParseOr(storage::OptText(row, 7), Json::object());
    filing.change_date = storage::OptText(row, 8);
    const Json items = ParseOr(storage::OptText(row, 9), Json::array());
    for (const Json& item : items) {
        if (item.is_string()) {
            filing.change_items.push_back(item.get<std::string>());
        }
    }
    if (std::optional<std::string> text = storage::OptText(row, 10)) {
        filing.commitment = Commitment{*text, storage::Text(row, 11), storage::Int(row, 12)};
    }
    filing.declaration = ParseOr(storage::OptText(row, 13), nullptr);
    filing.findings = ParseOr(storage::OptText(row, 14), nullptr);
    filing.days_late = storage::Int(row, 15);
    if (std::optional<std::string> received = storage::OptText(row, 16)) {
        Deadlines deadlines;
        deadlines.received_on = *received;
        deadlines.receipt_due = storage::Text(row, 17);
        deadlines.rejection_due = storage::Text(row, 18);
        deadlines.estimated = storage::Int(row, 19) != 0;
        filing.deadlines = deadlines;
    }
    filing.submitted_at = storage::Int(row, 20);
    filing.submitted_by = storage::Text(row, 21);
    filing.decided_at = storage::Int(row, 22);
    filing.decided_by = storage::Text(row, 23);
    filing.decision_note = storage::Text(row, 24);
    filing.receipt_number = storage::Text(row, 25);
    filing.rejection_reasons = ParseOr(storage::OptText(row, 26), nullptr);
    filing.published_at = storage::Int(row, 27);
    filing.created_at = storage::Int(row, 28);
    filing.created_by = storage::Text(row, 29);
    filing.updated_at = storage::Int(row, 30);
    return filing;
}

constexpr const char* kMaterialColumns =
    "SELECT m.id, m.filing_id, m.kind, m.file_name, m.given_name, m.media_type, m.size, m.sha256, u.username, "
    "m.uploaded_at FROM filing_materials m LEFT JOIN users u ON u.id = m.uploaded_by WHERE m.filing_id = ";

Material ReadMaterial(const soci::row& row) {
    Material material;
    material.id = storage::Int(row, 0);
    material.filing_id = storage::Int(row, 1);
    material.kind = storage::Text(row, 2);
    material.file_name = storage::Text(row, 3);
    material.given_name = storage::Text(row, 4);
    material.media_type = storage::Text(row, 5);
    material.size = storage::Int(row, 6);
    material.sha256 = storage::Text(row, 7);
    material.uploaded_by = storage::Text(row, 8);
    material.uploaded_at = storage::Int(row, 9);
    return material;
}

std::string Base64(std::string_view bytes) {
    const int variant = sodium_base64_VARIANT_ORIGINAL;
    std::string text(sodium_base64_encoded_len(bytes.size(), variant), '\0');
    sodium_bin2base64(text.data(), text.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                      variant);
    text.resize(text.size() - 1);  // the terminating NUL
    return text;
}

std::string FromBase64(const std::string& text) {
    std::string bytes(text.size() / 4 * 3 + 3, '\0');
    std::size_t length = 0;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), text.data(), text.size(),
                          nullptr, &length, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) {
        throw std::runtime_error("a stored file is not valid base64");
    }
    bytes.resize(length);
    return bytes;
}

void BindOptional(storage::Query& query, const std::string& text) {
    text.empty() ? query.Sql("NULL") : query.Bind(text);
}

void BindUser(storage::Query& query, std::int64_t user_id) {
    user_id > 0 ? query.Bind(user_id) : query.Sql("NULL");
}

}  // namespace

std::optional<FilingRecord> FindFiling(storage::Transaction& tx, const Scope& scope, std::int64_t id) {
    storage::Query query(kFilingColumns);
    query.Sql(" AND f.id = ").Bind(id);
    storage::AppendScope(query, scope, kInstitutionScope);
    std::optional<FilingRecord> found;
    query.ForEach(tx, [&](const soci::row& row) { found = ReadFiling(row); });
    if (found) {
        found->materials = ListMaterials(tx, found->id);
    }
    return found;
}

std::vector<FilingRecord> ListFilings(storage::Transaction& tx, std::int64_t institution_id) {
    storage::Query query(kFilingColumns);
    query.Sql(" AND f.institution_id = ").Bind(institution_id).Sql(" ORDER BY f.id DESC");
    std::vector<FilingRecord> filings;
    query.ForEach(tx, [&](const soci::row& row) { filings.push_back(ReadFiling(row)); });
    return filings;
}

std::vector<FilingRecord> SubmittedFilings(storage::Transaction& tx, const Scope& scope, const QueueQuery& request,
                                           std::int64_t& total) {
    auto filtered = [&](storage::Query& query) {
        query.Sql(" AND f.state = 'submitted'");
        storage::AppendScopeAndRegion(query, scope, kInstitutionScope, request.region_code);
        if (request.kind) {
            query.Sql(" AND f.kind = ").Bind(std::string(Code(*request.kind)));
        }
        if (request.due_from) {
            query.Sql(" AND f.receipt_due >= ").Bind(*request.due_from);
        }
        if (request.due_before) {
            query.Sql(" AND f.receipt_due < ").Bind(*request.due_before);
        }
    };
    storage::Query count("SELECT COUNT(*) FROM filings f JOIN institutions i ON i.id = f.institution_id WHERE 1 = 1");
    filtered(count);
    total = count.Count(tx);
    storage::Query query(kFilingColumns);
    filtered(query);
    const std::string column = request.sort == "submitted_at" ? "f.submitted_at"
                               : request.sort == "id"         ? "f.id"
                                                              : "f.receipt_due";
    query.Sql(" ORDER BY " + column + (request.descending ? " DESC" : " ASC") + ", f.id LIMIT ")
        .Bind(request.limit)
        .Sql(" OFFSET ")
        .Bind(request.offset);
    std::vector<FilingRecord> filings;
    query.ForEach(tx, [&](const soci::row& row) { filings.push_back(ReadFiling(row)); });
    return filings;
}

std::optional<std::int64_t> OpenFilingId(storage::Transaction& tx, std::int64_t institution_id) {
    storage::Query query("SELECT id FROM filings WHERE institution_id = ");
    query.Bind(institution_id).Sql(" AND state IN ('draft', 'submitted') ORDER BY id LIMIT 1");
    std::optional<std::int64_t> id;
    query.ForEach(tx, [&](const soci::row& row) { id = storage::Int(row, 0); });
    return id;
}

std::int64_t InsertFiling(storage::Transaction& tx, std::int64_t institution_id, FilingKind kind, const Json& form,
                          std::int64_t user_id, std::int64_t now) {
    storage::Query insert(
        "INSERT INTO filings (institution_id, kind, state, form, created_by, created_at, updated_at) "
        "VALUES (");
    insert.Bind(institution_id).Sql(", ").Bind(std::string(Code(kind))).Sql(", 'draft', ").Bind(form.dump()).Sql(", ");
    BindUser(insert, user_id);
    insert.Sql(", ").Bind(now).Sql(", ").Bind(now).Sql(") RETURNING id");
    return insert.Count(tx);
}

void SaveDraft(storage::Transaction& tx, const FilingRecord& filing, std::int64_t now) {
    storage::Query update("UPDATE filings SET form = ");
    update.Bind(filing.form.dump()).Sql(", change_date = ");
    BindOptional(update, filing.change_date.value_or(""));
    update.Sql(", change_items = ");
    BindOptional(update, filing.change_items.empty() ? "" : Json(filing.change_items).dump());
    update.Sql(", commitment_text = ");
    BindOptional(update, filing.commitment ? filing.commitment->text : "");
    update.Sql(", commitment_signatory = ");
    BindOptional(update, filing.commitment ? filing.commitment->signatory : "");
    update.Sql(", commitment_at = ");
    filing.commitment ? update.Bind(filing.commitment->accepted_at) : update.Sql("NULL");
    update.Sql(", updated_at = ").Bind(now).Sql(" WHERE id = ").Bind(filing.id).Sql(" AND state = 'draft'");
    update.Execute(tx);
}

void MarkSubmitted(storage::Transaction& tx, const FilingRecord& filing, std::int64_t user_id, std::int64_t now) {
    const Deadlines& deadlines = filing.deadlines.value();
    storage::Query update("UPDATE filings SET state = 'submitted', declaration = ");
    update.Bind(filing.declaration.dump())
        .Sql(", findings = ")
        .Bind(filing.findings.dump())
        .Sql(", days_late = ")
        .Bind(filing.days_late)
        .Sql(", received_on = ")
        .Bind(deadlines.received_on)
        .Sql(", receipt_due = ")
        .Bind(deadlines.receipt_due)
        .Sql(", rejection_due = ")
        .Bind(deadlines.rejection_due)
        .Sql(", deadlines_estimated = ")
        .Bind(std::int64_t{deadlines.estimated ? 1 : 0})
        .Sql(", submitted_at = ")
        .Bind(now)
        .Sql(", submitted_by = ");
    BindUser(update, user_id);
    update.Sql(", updated_at = ").Bind(now).Sql(" WHERE id = ").Bind(filing.id).Sql(" AND state = 'draft'");
    update.Execute(tx);
}

void MarkAccepted(storage::Transaction& tx, std::int64_t filing_id, const std::string& receipt_number,
                  const std::string& note, std::int64_t user_id, std::int64_t now) {
    storage::Query update("UPDATE filings SET state = 'accepted', receipt_number = ");
    update.Bind(receipt_number).Sql(", decision_note = ");
    BindOptional(update, note);
    update.Sql(", decided_at = ").Bind(now).Sql(", decided_by = ");
    BindUser(update, user_id);
    update.Sql(", updated_at = ").Bind(now).Sql(" WHERE id = ").Bind(filing_id).Sql(" AND state = 'submitted'");
    update.Execute(tx);
}

void MarkRejected(storage::Transaction& tx, std::int64_t filing_id, const std::vector<std::string>& reasons,
                  const std::string& note, std::int64_t user_id, std::int64_t now) {
    // 备案办法 第9条: the notice of a filing not up to standard is published; the public list of
    // rejections reads published_at.
    storage::Query update("UPDATE filings SET state = 'rejected', rejection_reasons = ");
    update.Bind(Json(reasons).dump()).Sql(", decision_note = ");
    BindOptional(update, note);
    update.Sql(", published_at = ").Bind(now).Sql(", decided_at = ").Bind(now).Sql(", decided_by = ");
    BindUser(update, user_id);
    update.Sql(", updated_at = ").Bind(now).Sql(" WHERE id = ").Bind(filing_id).Sql(" AND state = 'submitted'");
    update.Execute(tx);
}

void VoidSubmitted(storage::Transaction& tx, std::int64_t institution_id, const std::string& note, std::int64_t user_id,
                   std::int64_t now) {
    storage::Query update("UPDATE filings SET state = 'void', decision_note = ");
    update.Bind(note).Sql(", decided_at = ").Bind(now).Sql(", decided_by = ");
    BindUser(update, user_id);
    update.Sql(", updated_at = ")
        .Bind(now)
        .Sql(" WHERE institution_id = ")
        .Bind(institution_id)
        .Sql(" AND state = 'submitted'");
    update.Execute(tx);
}

std::string NextReceiptNumber(storage::Transaction& tx, const std::string& county_code, int year) {
    // The row is created once, then every number is one UPDATE: on PostgreSQL the UPDATE locks the
    // row, so two acceptances in one county never draw the same number.
    storage::Query insert("INSERT INTO filing_receipt_sequences (county_code, year, last_number) VALUES (");
    insert.Bind(county_code).Sql(", ").Bind(std::int64_t{year}).Sql(", 0) ON CONFLICT (county_code, year) DO NOTHING");
    insert.Execute(tx);
    storage::Query update("UPDATE filing_receipt_sequences SET last_number = last_number + 1 WHERE county_code = ");
    update.Bind(county_code).Sql(" AND year = ").Bind(std::int64_t{year}).Execute(tx);
    storage::Query select("SELECT last_number FROM filing_receipt_sequences WHERE county_code = ");
    const std::int64_t number = select.Bind(county_code).Sql(" AND year = ").Bind(std::int64_t{year}).Count(tx);
    char text[48];
    std::snprintf(text, sizeof text, "TY-%s-%04d-%04lld", county_code.c_str(), year, static_cast<long long>(number));
    return text;
}

MaterialTotals Totals(storage::Transaction& tx, std::int64_t filing_id) {
    storage::Query query("SELECT COUNT(*), COALESCE(SUM(size), 0) FROM filing_materials WHERE filing_id = ");
    query.Bind(filing_id);
    MaterialTotals totals;
    query.ForEach(tx, [&](const soci::row& row) {
        totals.count = storage::Int(row, 0);
        totals.bytes = storage::Int(row, 1);
    });
    return totals;
}

Material InsertMaterial(storage::Transaction& tx, std::int64_t filing_id, const std::string& kind,
                        const std::string& given_name, const MediaType& type, std::string_view bytes,
                        std::int64_t user_id, std::int64_t now) {
    Material material;
    material.filing_id = filing_id;
    material.kind = kind;
    material.given_name = given_name;
    material.file_name = DownloadName(given_name, kind, type);
    material.media_type = std::string(type.mime);
    material.size = static_cast<std::int64_t>(bytes.size());
    material.sha256 = crypto::Sha256Hex(bytes);
    material.uploaded_at = now;
    storage::Query file("INSERT INTO stored_files (sha256, media_type, size, content_base64, created_at) VALUES (");
    file.Bind(material.sha256)
        .Sql(", ")
        .Bind(material.media_type)
        .Sql(", ")
        .Bind(material.size)
        .Sql(", ")
        .Bind(Base64(bytes))
        .Sql(", ")
        .Bind(now)
        .Sql(") ON CONFLICT (sha256) DO NOTHING");
    file.Execute(tx);
    storage::Query insert(
        "INSERT INTO filing_materials (filing_id, kind, file_name, given_name, media_type, size, sha256, uploaded_by, "
        "uploaded_at) VALUES (");
    insert.Bind(filing_id)
        .Sql(", ")
        .Bind(kind)
        .Sql(", ")
        .Bind(material.file_name)
        .Sql(", ")
        .Bind(given_name)
        .Sql(", ")
        .Bind(material.media_type)
        .Sql(", ")
        .Bind(material.size)
        .Sql(", ")
        .Bind(material.sha256)
        .Sql(", ");
    BindUser(insert, user_id);
    insert.Sql(", ").Bind(now).Sql(") RETURNING id");
    material.id = insert.Count(tx);
    // Read back as every other reply shows it: with the uploader's user name.
    return FindMaterial(tx, filing_id, material.id).value_or(material);
}

std::vector<Material> ListMaterials(storage::Transaction& tx, std::int64_t filing_id) {
    storage::Query query(kMaterialColumns);
    query.Bind(filing_id).Sql(" ORDER BY m.id");
    std::vector<Material> materials;
    query.ForEach(tx, [&](const soci::row& row) { materials.push_back(ReadMaterial(row)); });
    return materials;
}

std::optional<Material> FindMaterial(storage::Transaction& tx, std::int64_t filing_id, std::int64_t material_id) {
    storage::Query query(kMaterialColumns);
    query.Bind(filing_id).Sql(" AND m.id = ").Bind(material_id);
    std::optional<Material> found;
    query.ForEach(tx, [&](const soci::row& row) { found = ReadMaterial(row); });
    return found;
}

std::string ReadFile(storage::Transaction& tx, const std::string& sha256) {
    storage::Query query("SELECT content_base64 FROM stored_files WHERE sha256 = ");
    query.Bind(sha256);
    std::optional<std::string> content;
    query.ForEach(tx, [&](const soci::row& row) { content = storage::Text(row, 0); });
    if (!content) {
        throw std::runtime_error("stored file " + sha256 + " is missing");
    }
    std::string bytes = FromBase64(*content);
    if (crypto::Sha256Hex(bytes) != sha256) {
        throw std::runtime_error("stored file " + sha256 + " does not match its hash");
    }
    return bytes;
}

void DeleteMaterial(storage::Transaction& tx, const Material& material) {
    storage::Query remove("DELETE FROM filing_materials WHERE id = ");
    remove.Bind(material.id).Execute(tx);
    storage::Query orphan("DELETE FROM stored_files WHERE sha256 = ");
    orphan.Bind(material.sha256)
        .Sql(" AND NOT EXISTS (SELECT 1 FROM filing_materials WHERE sha256 = ")
        .Bind(material.sha256)
        .Sql(")");
    orphan.Execute(tx);
}

Json MaterialJson(const Material& material) {
    return {{"id", material.id},
            {"filing_id", material.filing_id},
            {"kind", material.kind},
            {"label_zh", MaterialLabelZh(material.kind)},
            {"label_en", MaterialLabelEn(material.kind)},
            {"file_name", material.file_name},
            {"given_name", material.given_name},
            {"media_type", material.media_type},
            {"size", material.size},
            {"sha256", material.sha256},
            {"uploaded_by", material.uploaded_by.empty() ? Json() : Json(material.uploaded_by)},
            {"uploaded_at", FormatIsoUtc(material.uploaded_at)}};
}

}  // namespace tuoyu::filing
