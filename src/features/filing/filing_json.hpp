#pragma once

#include <optional>

#include "features/filing/filing_store.hpp"

namespace tuoyu::filing {

// A filing as the API shows it: the summary of lists and of the queue, or the whole with the form,
// the declaration filed, the commitment and the materials. `status` is how its deadlines stand today
// (submitted filings only).
Json FilingSummaryJson(const FilingRecord& filing, const std::optional<DeadlineStatus>& status);
Json FilingDetailJson(const FilingRecord& filing, const std::optional<DeadlineStatus>& status);

}  // namespace tuoyu::filing
