#pragma once

#include "http/router.hpp"

namespace tuoyu::features::hazards {

// POST /api/v1/hazards/import: a GeoJSON FeatureCollection (application/json or application/geo+json)
// whose features carry kind, name and region_code (and optionally source, note,
// protection_distance_m) in their properties; ?crs= names the coordinates' system, ?dry_run=true
// checks without writing. All or nothing: any bad feature refuses the whole file with every fault
// listed by the feature's index and field (422 import_rejected); a file with nothing in the caller's
// scope is refused as out of scope (403).
http::Response ImportHazards(http::Context& context);

}  // namespace tuoyu::features::hazards
