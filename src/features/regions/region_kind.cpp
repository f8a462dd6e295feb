#include "features/regions/region_kind.hpp"

#include <array>
#include <string_view>

namespace tuoyu::regions {

namespace {

bool EndsWith(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

struct SuffixKind {
    std::string_view suffix;
    const char* kind;
};

// No suffix of one kind ends a suffix of the other, so the order within a table does not matter.
constexpr std::array<SuffixKind, 4> kTownSuffixes = {{
    {"街道", "street"},
    {"镇", "town"},
    {"乡", "township"},
    {"苏木", "township"},
}};

constexpr std::array<SuffixKind, 10> kVillageSuffixes = {{
    {"居委会", "community"},
    {"居民委员会", "community"},
    {"社区", "community"},
    {"村委会", "village"},
    {"村民委员会", "village"},
    {"村", "village"},
    {"嘎查", "village"},
    {"嘎查委员会", "village"},
    {"牧委会", "village"},
    {"嘎查村民委员会", "village"},
}};

template <std::size_t N>
std::optional<std::string> Match(const std::array<SuffixKind, N>& table, const std::string& name) {
    for (const SuffixKind& entry : table) {
        if (EndsWith(name, entry.suffix)) {
            return std::string(entry.kind);
        }
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::string> KindFromName(int level, const std::string& name) {
    if (level == 4) {
        return Match(kTownSuffixes, name);
    }
    if (level == 5) {
        return Match(kVillageSuffixes, name);
    }
    return std::nullopt;
}

bool IsKindOfLevel(int level, const std::string& kind) {
    if (level == 4) {
        return kind == "street" || kind == "town" || kind == "township";
    }
    if (level == 5) {
        return kind == "community" || kind == "village";
    }
    return false;
}

}  // namespace tuoyu::regions
