#pragma once

#include <optional>

#include "features/filing/filing_service.hpp"
#include "features/filing/filing_store.hpp"

namespace tuoyu::filing {

// A filing as the API shows it: the summary of lists and of the queue, or the whole with the form,
// the declaration filed, the commitment and the materials. `status` is how its deadlines stand today
// (submitted filings only).
Json FilingSummaryJson(const FilingRecord& filing, const std::optional<DeadlineStatus>& status);
Json FilingDetailJson(const FilingRecord& filing, const std::optional<DeadlineStatus>& status);

// {"filing_id", "ready", "gaps": [{"status", "code", "field", "message_zh", "message_en"}], "findings",
// "finding_counts", "days_late"}: the reply of the wizard's 预检.
Json PrecheckJson(const FilingRecord& filing, const Precheck& precheck);

}  // namespace tuoyu::filing
