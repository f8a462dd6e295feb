#include "reference/standards_parameters.hpp"

#include "reference/parameters.hpp"

namespace tuoyu::reference {

standards::Parameters StandardsParameters(storage::Transaction& tx, const std::string& region_code) {
    standards::Parameters in_force;
    for (const parameters::Resolved& resolved : parameters::ResolveAll(tx, region_code)) {
        if (const parameters::Value* value = resolved.in_force()) {
            in_force[resolved.definition.key] = {parameters::ValueJson(resolved.definition.type, value->value),
                                                 value->source, value->clause};
        }
    }
    return in_force;
}

}  // namespace tuoyu::reference
