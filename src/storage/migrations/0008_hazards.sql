-- Hazard features around childcare sites (issue 5, part 4; RULES S3): petrol and gas stations, oil and
-- gas pipelines, high-voltage corridors, pollution sources, maintained by regulators as reference data
-- and measured against a filing's site with GEOS (src/reference/hazards.*).
--
-- geometry is WKT in WGS-84 (longitude latitude, 7 decimals), as src/geo writes it; the bounding box
-- columns serve the index that prefilters candidates before the exact distance. A feature spans at most
-- one degree of latitude (longer pipelines and lines are entered in parts), so that the prefilter can
-- bound min_lat from both sides. protection_distance_m is the feature's own protection distance where
-- one is known (a pollution source's 卫生防护距离 from its environmental assessment); the larger of it
-- and the region's hazard_distance_m applies. A retired feature (demolished, moved) is kept, and checks
-- ignore it. *_by are user names ("cli" for the command line).

CREATE TABLE hazard_features (
    id {{ID}},
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    region_code TEXT NOT NULL REFERENCES regions(code),
    geometry_type TEXT NOT NULL,
    geometry TEXT NOT NULL,
    min_lon DOUBLE PRECISION NOT NULL,
    min_lat DOUBLE PRECISION NOT NULL,
    max_lon DOUBLE PRECISION NOT NULL,
    max_lat DOUBLE PRECISION NOT NULL,
    protection_distance_m DOUBLE PRECISION,
    source TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    updated_by TEXT NOT NULL,
    retired_at BIGINT,
    retired_by TEXT,
    retire_reason TEXT,
    CHECK (kind IN ('petrol_station', 'gas_station', 'oil_gas_pipeline', 'high_voltage_corridor', 'pollution_source',
                    'other')),
    CHECK (geometry_type IN ('Point', 'LineString', 'Polygon', 'MultiPoint', 'MultiLineString', 'MultiPolygon')),
    CHECK (min_lon <= max_lon AND min_lat <= max_lat AND max_lat - min_lat <= 1.0),
    CHECK (protection_distance_m IS NULL OR protection_distance_m >= 0)
);
-- Lists by region (the data scope is a range of region codes).
CREATE INDEX hazard_features_region ON hazard_features(region_code, id);
-- The site check: features in force whose box may come within the radius, by a latitude band.
CREATE INDEX hazard_features_box ON hazard_features(min_lat, max_lat, min_lon, max_lon) WHERE retired_at IS NULL;
