#pragma once

#include "features/children/children.hpp"

// The acts of the daily care that move the live ratio, with their rules: a child checked in or out of
// its class, a caregiver coming on or going off duty. Each runs in the caller's write transaction and
// throws ApiError (nothing written) when a rule refuses it. The routes and the benchmark call these.
namespace tuoyu::children {

// A child arrives: enrolled, not yet in or marked absent today, brought by one of its contacts, and
// examined again after three months or more away (N25). `at` is of today and not in the future.
Presence CheckIn(storage::Transaction& tx, const Child& child, std::int64_t brought_by, std::int64_t at,
                 std::int64_t user_id, const standards::Parameters& parameters);

// A child leaves, collected by a contact authorised to pick the child up.
Presence CheckOut(storage::Transaction& tx, const Child& child, std::int64_t collected_by, std::int64_t at,
                  std::int64_t user_id, const standards::Parameters& parameters);

// A staff member comes on duty (in a class when `class_id` is given: only caregivers count for a
// class's ratio) or goes off duty. Returns the class's presence after the move when a class was moved.
std::optional<Presence> StaffIn(storage::Transaction& tx, const InstitutionRef& institution, std::int64_t staff_id,
                                std::optional<std::int64_t> class_id, std::int64_t at, std::int64_t user_id,
                                const standards::Parameters& parameters);
std::optional<Presence> StaffOut(storage::Transaction& tx, const InstitutionRef& institution, std::int64_t staff_id,
                                 std::int64_t at, const standards::Parameters& parameters);

}  // namespace tuoyu::children
