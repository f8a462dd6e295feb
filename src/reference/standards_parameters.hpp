#pragma once

#include <string>

#include "core/standards_check.hpp"
#include "storage/database.hpp"

namespace tuoyu::reference {

// Every parameter with a value in force at the region, in the form core::standards::Check takes: the
// value as its JSON type with the source and clause it was set from.
standards::Parameters StandardsParameters(storage::Transaction& tx, const std::string& region_code);

}  // namespace tuoyu::reference
