#include "access/role.hpp"

#include <algorithm>
#include <array>

namespace tuoyu::access {

namespace {

constexpr std::array<std::pair<Role, std::string_view>, 6> kRoleCodes = {{
    {Role::kAdmin, "admin"},
    {Role::kRegulator, "regulator"},
    {Role::kInstitutionAdmin, "institution_admin"},
    {Role::kInstitutionStaff, "institution_staff"},
    {Role::kGuardian, "guardian"},
    {Role::kExchange, "exchange"},
}};

// 卫生健康, 市场监管, 民政, 教育, 消防, 公安, 住建, 人社, 财政, 发改, 应急, 税务, 自然资源, 编办, 妇联.
constexpr std::array<std::string_view, 15> kDepartments = {"health",
                                                           "market_regulation",
                                                           "civil_affairs",
                                                           "education",
                                                           "fire",
                                                           "public_security",
                                                           "housing",
                                                           "human_resources",
                                                           "finance",
                                                           "development_reform",
                                                           "emergency",
                                                           "tax",
                                                           "natural_resources",
                                                           "commission_office",
                                                           "women_federation"};

}  // namespace

std::string_view RoleCode(Role role) {
    for (const auto& [value, code] : kRoleCodes) {
        if (value == role) {
            return code;
        }
    }
    return "guardian";
}

std::optional<Role> ParseRole(std::string_view code) {
    for (const auto& [value, name] : kRoleCodes) {
        if (name == code) {
            return value;
        }
    }
    return std::nullopt;
}

bool IsInstitutionRole(Role role) {
    return role == Role::kInstitutionAdmin || role == Role::kInstitutionStaff;
}

bool IsKnownDepartment(std::string_view code) {
    return std::find(kDepartments.begin(), kDepartments.end(), code) != kDepartments.end();
}

Scope Principal::scope() const {
    switch (role) {
        case Role::kAdmin:
            return Scope::All();
        case Role::kRegulator:
            return Scope::Region(region_code);
        case Role::kInstitutionAdmin:
        case Role::kInstitutionStaff:
            return Scope::Institution(institution_id, region_code);
        case Role::kGuardian:
            return Scope::Guardian(user_id);
        case Role::kExchange:
            return Scope::None();
    }
    return Scope::None();
}

bool Principal::Is(std::initializer_list<Role> roles) const {
    return std::find(roles.begin(), roles.end(), role) != roles.end();
}

}  // namespace tuoyu::access
