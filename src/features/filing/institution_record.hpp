#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/lifecycle.hpp"
#include "core/scope.hpp"
#include "features/filing/filing.hpp"
#include "storage/database.hpp"

// An institution as the filing module sees it: its registered facts and where it stands in the
// lifecycle, and every change of that standing (institution_transitions, migration 0007).
namespace tuoyu::filing {

struct Institution {
    std::int64_t id = 0;
    std::string name;
    std::string region_code;
    std::string region_name;
    std::string uscc;
    std::string kind;  // "institution" or "home_point"
    std::string legal_nature;
    std::string address;
    lifecycle::Status status = lifecycle::Status::kRegistered;
    std::int64_t status_since = 0;  // 0 when unknown
};

// The institution within the scope, or nullopt (missing and out of scope alike). With `lock`, the
// row is locked until the transaction ends (PostgreSQL; SQLite's writer holds the database), so two
// decisions about one institution are taken one after the other, each seeing the other's result.
std::optional<Institution> FindInstitution(storage::Transaction& tx, const Scope& scope, std::int64_t id,
                                           bool lock = false);

// The record as the transitions and the audit log keep it.
Json InstitutionJson(const Institution& institution);

struct Transition {
    std::int64_t id = 0;
    std::int64_t institution_id = 0;
    std::optional<std::string> from_status;
    std::string to_status;
    std::string event;
    std::string reason;
    std::optional<std::string> reason_code;  // set when the system gave the reason (migration 0012)
    std::optional<std::int64_t> actor_user_id;
    std::string actor_username;
    std::int64_t at = 0;
    Json before;  // null when there was none
    Json after;
};

// Moves the institution by the event, or throws 409 invalid_transition naming its current status when
// lifecycle::Next does not allow the event from there. Writes the new status and the transition row
// with the record before and after (`extra` is merged into the after image: the filing, the receipt
// number …). Returns the institution as it is now.
Institution ApplyEvent(storage::Transaction& tx, const Institution& institution, lifecycle::Event event,
                       const std::string& reason, std::int64_t actor_user_id, std::int64_t now,
                       const Json& extra = Json::object());

// Throws 409 invalid_transition unless the event may happen from the institution's status.
void RequireTransition(const Institution& institution, lifecycle::Event event);

// The staff employed now by the institution whose identity is under a lifetime ban (RULES S7): the
// ban is matched by keyed hash in storage (the staff module's tables), so no key is needed here.
struct BannedEmployee {
    std::int64_t staff_id = 0;
    std::string name;
};
std::vector<BannedEmployee> BannedEmployees(storage::Transaction& tx, std::int64_t institution_id);

// Oldest first.
std::vector<Transition> ListTransitions(storage::Transaction& tx, std::int64_t institution_id);
Json TransitionJson(const Transition& transition);

}  // namespace tuoyu::filing
