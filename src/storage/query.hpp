#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <string_view>

#include "core/scope.hpp"
#include "storage/database.hpp"

namespace soci {
class row;
}

namespace tuoyu::storage {

// A statement assembled piece by piece with every value bound, never spliced into the text.
class Query {
  public:
    explicit Query(std::string_view text = {}) : text_(text) {}

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
    std::deque<std::string> strings_;
    std::deque<long long> integers_;
    std::deque<std::pair<std::string, int>> order_;  // placeholder → index into strings_ (≥0) or integers_ (<0)
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

// Appends " AND column lies in the subtree of region_code" (an index range, no LIKE).
void AppendRegionSubtree(Query& query, const std::string& column, const std::string& region_code);

// "%text%" with the LIKE wildcards in text escaped by '\\'; use it with ESCAPE '\\'.
std::string LikePattern(const std::string& text);

}  // namespace tuoyu::storage
