#pragma once

#include <cstdint>
#include <string>

namespace tuoyu {

// The same paging and sorting on every list: ?page=1&page_size=20&sort=field&order=asc|desc.
struct PageRequest {
    std::int64_t page = 1;
    std::int64_t page_size = 20;
    std::string sort;  // already checked against the list's own sortable fields
    bool descending = false;

    std::int64_t offset() const { return (page - 1) * page_size; }
};

inline constexpr std::int64_t kMaxPageSize = 500;

}  // namespace tuoyu
