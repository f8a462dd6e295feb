#pragma once

#include <cstdint>
#include <string>

#include "core/region_code.hpp"

namespace tuoyu {

// The data a caller may see: everything (system administrator), a region's subtree
// (regulators), one institution (its administrator and staff), or a guardian's own records.
// Every query that returns or changes scoped data takes one of these as a required argument.
struct Scope {
    enum class Kind { kAll, kRegion, kInstitution, kGuardian, kNone };

    Kind kind = Kind::kNone;
    std::string region_code;          // kRegion: the subtree's root; kInstitution: its region
    std::int64_t institution_id = 0;  // kInstitution
    std::int64_t user_id = 0;         // kGuardian: the guardian's own account

    static Scope All() { return {Kind::kAll, "", 0, 0}; }
    static Scope Region(std::string code) { return {Kind::kRegion, std::move(code), 0, 0}; }
    static Scope Institution(std::int64_t id, std::string region) {
        return {Kind::kInstitution, std::move(region), id, 0};
    }
    static Scope Guardian(std::int64_t user) { return {Kind::kGuardian, "", 0, user}; }
    static Scope None() { return {}; }

    bool CoversRegion(const std::string& code) const {
        return kind == Kind::kAll || (kind == Kind::kRegion && RegionCode::Contains(region_code, code));
    }
};

}  // namespace tuoyu
