#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/scope.hpp"
#include "storage/database.hpp"

namespace soci {
class row;
}

namespace tuoyu::storage {

// The values of a statement's placeholders :p0, :p1 … in order: each names its value in
// `strings` (index >= 0) or `integers` (index < 0, at -index - 1).
struct Binds {
    std::vector<std::pair<std::string, int>> order;
    std::vector<std::string> strings;
    std::vector<long long> integers;
};

// A statement assembled piece by piece with every value bound, never spliced into the text.
class Query {
  public:
    // Room for a typical statement and its values up front: queries are built on every request.
    explicit Query(std::string_view text = {}) {
        text_.reserve(text.size() + 192);
        text_ += text;
        binds_.order.reserve(6);
        binds_.strings.reserve(6);
    }

    Query& Sql(std::string_view text);
    Query& Bind(std::string value);
    Query& Bind(std::int64_t value);

    const std::string& text() const { return text_; }

    void ForEach(Transaction& tx, const std::function<void(const soci::row&)>& visit) const;
    // The same rows as text straight off the engine's own API (SQLite's, libpq's), for reads of
    // tens of thousands of rows where SOCI's dynamic rows cost more than the query: column c is
    // columns[c], nullptr for NULL, valid only during the call.
    void ForEachText(Transaction& tx, const std::function<void(const char* const* columns)>& visit) const;
    std::int64_t Count(Transaction& tx) const;  // the first column of the first row
    void Execute(Transaction& tx) const;

  private:
    std::string NextName();

    std::string text_;
    Binds binds_;
};

// Which columns of a table carry the three kinds of scope. An empty name means the table has no
// such column, and a caller of that kind then sees nothing of it.
struct ScopeColumns {
    std::string region;
    std::string institution;
    std::string guardian;
};

// Appends " AND (…)" limiting the rows to the scope.
void AppendScope(Query& query, const Scope& scope, const ScopeColumns& columns);

// AppendScope and then, when a region is asked for, its subtree, as one range where the two nest: two
// ranges on one column make PostgreSQL misjudge how many rows match (a county's page then walked the
// primary key through the whole province). Regions that do not nest match nothing.
void AppendScopeAndRegion(Query& query, const Scope& scope, const ScopeColumns& columns,
                          const std::optional<std::string>& region_code);

// Appends " AND column lies in the subtree of region_code" (an index range, no LIKE).
void AppendRegionSubtree(Query& query, const std::string& column, const std::string& region_code);

// "%text%" with the LIKE wildcards in text escaped by '\\'; use it with ESCAPE '\\'.
std::string LikePattern(const std::string& text);

}  // namespace tuoyu::storage
