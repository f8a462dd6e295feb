#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "core/scope.hpp"

namespace tuoyu::access {

// The roles of PRODUCT.md. Their codes are stored in the database and sent to clients.
enum class Role { kAdmin, kRegulator, kInstitutionAdmin, kInstitutionStaff, kGuardian, kExchange };

std::string_view RoleCode(Role role);
std::optional<Role> ParseRole(std::string_view code);
bool IsInstitutionRole(Role role);

// Departments a regulator can belong to (卫生健康, 市场监管, 民政 …); stored by code.
bool IsKnownDepartment(std::string_view code);

// Who is calling, as established by a session cookie or an API key.
struct Principal {
    std::int64_t user_id = 0;
    std::string username;
    Role role = Role::kGuardian;
    std::string department;
    std::string region_code;          // regulators: their region; institution roles: the institution's
    std::int64_t institution_id = 0;  // institution roles
    bool via_api_key = false;
    bool must_change_password = false;
    std::string csrf_token;    // cookie sessions only
    std::string session_hash;  // cookie sessions only

    Scope scope() const;
    bool Is(std::initializer_list<Role> roles) const;
};

}  // namespace tuoyu::access
