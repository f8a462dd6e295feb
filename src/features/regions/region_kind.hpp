#pragma once

#include <optional>
#include <string>

namespace tuoyu::regions {

// The first day of every region loaded before our records begin; shown as "no date" (null).
inline constexpr const char* kSinceEver = "0001-01-01";

// What kind of town (level 4: street 街道, town 镇, township 乡/苏木) or village-level region
// (level 5: community 居委会/社区, village 村委会/嘎查) a region is, read off the suffix of its
// official name. Nothing for other levels or a name that does not say (农场, 开发区 …).
std::optional<std::string> KindFromName(int level, const std::string& name);

// Whether `kind` is one of the kinds of that level.
bool IsKindOfLevel(int level, const std::string& kind);

}  // namespace tuoyu::regions
