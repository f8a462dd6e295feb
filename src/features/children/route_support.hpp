#pragma once

#include <memory>

#include "core/identity_vault.hpp"
#include "features/children/children.hpp"
#include "http/json_io.hpp"
#include "http/router.hpp"

// What the children routes share: who may do what, the objects of the path within the caller's scope,
// the checks of what people type, and the JSON of the module's objects (docs/api/children.md).
namespace tuoyu::children {

using Json = nlohmann::json;
using Vault = std::shared_ptr<const crypto::IdentityVault>;

// Readers of an institution's children and classes: the administrator, regulators over it and the
// institution's own accounts.
void RequireReader(const http::Context& context);
// The institution's administrator: enrolment, classes, contacts.
void RequireAdministrator(const http::Context& context);
// The institution's accounts: the daily care (attendance, health checks, the daily record).
void RequireCarer(const http::Context& context);

InstitutionRef InstitutionInScope(storage::Transaction& tx, const http::Context& context);
// The child of the path's {id} in the caller's scope (a guardian's own children included), or 404.
Child ChildInScope(storage::Transaction& tx, const http::Context& context);

// 409 not_enrolled unless the child is enrolled now: the daily care and class changes are for them only.
void RequireEnrolled(const Child& child);

const crypto::IdentityVault& RequireVault(const Vault& vault);

// Checks and normalises a child as entered: name, identity document (the birth date and sex must agree
// with a resident identity number), birth date (not in the future, under three years old) and sex.
void CheckChild(NewChild& child, CivilDate today);
// A contact as typed: name, relationship, phone.
Contact ContactFromJson(http::JsonBody& body);
void CheckContact(Contact& contact);

// A YYYY-MM-DD day; with not_future, not after today.
std::string RequireDay(const std::string& field, const std::string& value, CivilDate today, bool not_future);
// A time the body gives as ISO-8601 (or now when absent); never in the future, always of today in China.
std::int64_t RequireTimeToday(http::JsonBody& body, const std::string& field, std::int64_t now);

[[noreturn]] void RefuseFinding(const standards::Finding& finding, const std::string& code);

const char* ClassTypeLabel(const std::string& class_type);
const char* RelationshipLabel(const std::string& relationship);
Json ClassJson(const ClassInfo& klass, const standards::Parameters& parameters);
Json ChildJson(const Child& child, CivilDate today, const standards::Parameters& parameters);
// `viewer` is the caller's account: `is_me` marks the contact linked to it (a guardian's own).
Json ContactJson(const Contact& contact, std::int64_t viewer);
Json AttendanceJson(const Attendance& attendance);
Json HealthCheckJson(const HealthCheck& check);
Json HealthEventJson(const HealthEvent& event);
Json DailyJson(const Daily& daily);
// One child's day: attendance, health checks and events, the daily record and the notices of the day.
Json DayJson(storage::Transaction& tx, const Child& child, const std::string& day);

}  // namespace tuoyu::children
