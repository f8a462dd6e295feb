#include "features/filing/institution_record.hpp"

#include <soci/soci.h>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "storage/query.hpp"
#include "storage/row.hpp"

namespace tuoyu::filing {

namespace {

const storage::ScopeColumns kInstitutionScope{"i.region_code", "i.id", ""};

// Event labels for the messages of refused transitions.
std::string EventLabelZh(lifecycle::Event event) {
    using enum lifecycle::Event;
    switch (event) {
        case kSubmitFiling:
            return "提交备案";
        case kAcceptFiling:
            return "通过备案";
        case kRejectFiling:
            return "退回备案";
        case kSubmitChange:
            return "提交变更备案";
        case kAcceptChange:
            return "通过变更备案";
        case kRejectChange:
            return "退回变更备案";
        case kSubmitRelocation:
            return "提交迁址备案";
        case kOrderRectification:
            return "责令整改";
        case kCompleteRectification:
            return "整改完成";
        case kRevoke:
            return "撤销备案";
        case kCancelRegistration:
            return "注销登记";
        case kClose:
            return "停止举办";
    }
    return "";
}

Json ParsedOrNull(const std::optional<std::string>& text) {
    if (!text || text->empty()) {
        return nullptr;
    }
    Json json = Json::parse(*text, nullptr, false);
    return json.is_discarded() ? Json(*text) : json;
}

}  // namespace

std::optional<Institution> FindInstitution(storage::Transaction& tx, const Scope& scope, std::int64_t id, bool lock) {
    storage::Query query(
        "SELECT i.id, i.name, i.region_code, r.name, i.uscc, i.kind, i.legal_nature, i.address, i.status, "
        "i.status_since FROM institutions i JOIN regions r ON r.code = i.region_code WHERE i.id = ");
    query.Bind(id);
    storage::AppendScope(query, scope, kInstitutionScope);
    if (lock && tx.dialect() == storage::Dialect::kPostgres) {
        query.Sql(" FOR UPDATE OF i");
    }
    std::optional<Institution> found;
    query.ForEach(tx, [&](const soci::row& row) {
        Institution institution;
        institution.id = storage::Int(row, 0);
        institution.name = storage::Text(row, 1);
        institution.region_code = storage::Text(row, 2);
        institution.region_name = storage::Text(row, 3);
        institution.uscc = storage::Text(row, 4);
        institution.kind = storage::Text(row, 5);
        institution.legal_nature = storage::Text(row, 6);
        institution.address = storage::Text(row, 7);
        const std::string status = storage::Text(row, 8);
        const std::optional<lifecycle::Status> parsed = lifecycle::ParseStatus(status);
        if (!parsed) {
            throw std::runtime_error("institution " + std::to_string(institution.id) + " has unknown status " + status);
        }
        institution.status = *parsed;
        institution.status_since = storage::Int(row, 9);
        found = std::move(institution);
    });
    return found;
}

Json InstitutionJson(const Institution& institution) {
    auto or_null = [](const std::string& text) { return text.empty() ? Json() : Json(text); };
    return {{"id", institution.id},
            {"name", institution.name},
            {"region_code", institution.region_code},
            {"uscc", or_null(institution.uscc)},
            {"kind", institution.kind},
            {"legal_nature", or_null(institution.legal_nature)},
            {"address", or_null(institution.address)},
            {"status", lifecycle::Code(institution.status)},
            {"status_since", institution.status_since == 0 ? Json() : Json(FormatIsoUtc(institution.status_since))}};
}

void RequireTransition(const Institution& institution, lifecycle::Event event) {
    if (lifecycle::Next(institution.status, event)) {
        return;
    }
    const std::string status(lifecycle::Code(institution.status));
    throw Conflict("invalid_transition", "status",
                   "机构当前状态为“" + std::string(lifecycle::LabelZh(institution.status)) + "”（" + status +
                       "），不能" + EventLabelZh(event),
                   "The institution is " + std::string(lifecycle::LabelEn(institution.status)) + " (" + status +
                       "): " + std::string(lifecycle::Code(event)) + " is not allowed from there");
}

Institution ApplyEvent(storage::Transaction& tx, const Institution& institution, lifecycle::Event event,
                       const std::string& reason, std::int64_t actor_user_id, std::int64_t now, const Json& extra) {
    RequireTransition(institution, event);
    Institution after = institution;
    after.status = *lifecycle::Next(institution.status, event);
    after.status_since = now;
    storage::Query update("UPDATE institutions SET status = ");
    update.Bind(std::string(lifecycle::Code(after.status)))
        .Sql(", status_since = ")
        .Bind(now)
        .Sql(" WHERE id = ")
        .Bind(institution.id)
        .Execute(tx);
    Json after_image = InstitutionJson(after);
    for (auto it = extra.begin(); it != extra.end(); ++it) {
        after_image[it.key()] = it.value();
    }
    storage::Query insert(
        "INSERT INTO institution_transitions (institution_id, from_status, to_status, event, reason, actor_user_id, "
        "at, before_json, after_json) VALUES (");
    insert.Bind(institution.id)
        .Sql(", ")
        .Bind(std::string(lifecycle::Code(institution.status)))
        .Sql(", ")
        .Bind(std::string(lifecycle::Code(after.status)))
        .Sql(", ")
        .Bind(std::string(lifecycle::Code(event)))
        .Sql(", ")
        .Bind(reason)
        .Sql(", ");
    actor_user_id > 0 ? insert.Bind(actor_user_id) : insert.Sql("NULL");
    insert.Sql(", ")
        .Bind(now)
        .Sql(", ")
        .Bind(InstitutionJson(institution).dump())
        .Sql(", ")
        .Bind(after_image.dump())
        .Sql(")")
        .Execute(tx);
    return after;
}

std::vector<Transition> ListTransitions(storage::Transaction& tx, std::int64_t institution_id) {
    storage::Query query(
        "SELECT t.id, t.institution_id, t.from_status, t.to_status, t.event, t.reason, t.actor_user_id, u.username, "
        "t.at, t.before_json, t.after_json, t.reason_code FROM institution_transitions t LEFT JOIN users u ON u.id = "
        "t.actor_user_id WHERE t.institution_id = ");
    query.Bind(institution_id).Sql(" ORDER BY t.at, t.id");
    std::vector<Transition> transitions;
    query.ForEach(tx, [&](const soci::row& row) {
        Transition transition;
        transition.id = storage::Int(row, 0);
        transition.institution_id = storage::Int(row, 1);
        transition.from_status = storage::OptText(row, 2);
        transition.to_status = storage::Text(row, 3);
        transition.event = storage::Text(row, 4);
        transition.reason = storage::Text(row, 5);
        transition.actor_user_id = storage::OptInt(row, 6);
        transition.actor_username = storage::Text(row, 7);
        transition.at = storage::Int(row, 8);
        transition.before = ParsedOrNull(storage::OptText(row, 9));
        transition.after = ParsedOrNull(storage::OptText(row, 10));
        transition.reason_code = storage::OptText(row, 11);
        transitions.push_back(std::move(transition));
    });
    return transitions;
}

Json TransitionJson(const Transition& transition) {
    return {{"id", transition.id},
            {"institution_id", transition.institution_id},
            {"from_status", transition.from_status ? Json(*transition.from_status) : Json()},
            {"to_status", transition.to_status},
            {"event", transition.event},
            {"reason", transition.reason},
            {"reason_code", transition.reason_code ? Json(*transition.reason_code) : Json()},
            {"actor_user_id", transition.actor_user_id ? Json(*transition.actor_user_id) : Json()},
            {"actor_username", transition.actor_username.empty() ? Json() : Json(transition.actor_username)},
            {"at", FormatIsoUtc(transition.at)},
            {"before", transition.before},
            {"after", transition.after}};
}

std::vector<BannedEmployee> BannedEmployees(storage::Transaction& tx, std::int64_t institution_id) {
    storage::Query query("SELECT s.id, s.name FROM staff s WHERE s.end_on IS NULL AND s.institution_id = ");
    query.Bind(institution_id)
        .Sql(" AND EXISTS (SELECT 1 FROM staff_bans b WHERE b.id_hash = s.id_hash) ORDER BY s.id");
    std::vector<BannedEmployee> employees;
    query.ForEach(tx, [&](const soci::row& row) {
        employees.push_back({storage::Int(row, 0), storage::Text(row, 1)});
    });
    return employees;
}

}  // namespace tuoyu::filing
