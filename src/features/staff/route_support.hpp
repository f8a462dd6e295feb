#pragma once

#include <memory>

#include "core/identity_vault.hpp"
#include "features/staff/staff.hpp"
#include "http/json_io.hpp"
#include "http/router.hpp"

// What the staff routes share: who may read and write staff, the day it is in China, the vault, and
// the JSON of a record.
namespace tuoyu::staff {

using Json = nlohmann::json;
using Vault = std::shared_ptr<const crypto::IdentityVault>;

// The vault, or 503 when the server runs without a key file (only `tuoyu routes` builds such a router).
const crypto::IdentityVault& RequireVault(const Vault& vault);

// Readers of an institution's staff: the administrator, regulators over it and its own administrator.
void RequireReader(const http::Context& context);
// Writers: the institution's own administrator.
void RequireWriter(const http::Context& context);
// The institution of the path's {id} within the caller's scope, or 404.
InstitutionRef InstitutionInScope(storage::Transaction& tx, const http::Context& context);

Json RecordJson(const Record& record, CivilDate today);
Json DocumentJson(const Document& document, CivilDate today);
Json FindingsJson(const std::vector<standards::Finding>& findings);

// The staffing check of an institution's employed staff against its profile and the parameters in
// force at its region (core/staff_rules.hpp).
struct Staffing {
    std::vector<staff_rules::Member> members;
    std::vector<standards::Finding> findings;
};
Staffing CheckInstitution(storage::Transaction& tx, const InstitutionRef& institution, CivilDate today);

// Throws the 422 of a RowError found in a request body.
[[noreturn]] void Refuse(const RowError& error);

}  // namespace tuoyu::staff
