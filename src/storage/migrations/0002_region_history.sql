-- Region history (issue 4): a region is never edited or deleted. `regions` keeps one row per code
-- (institutions and users reference it) with its latest name and parent and its whole span of
-- validity; `region_versions` holds every version, the latest included, so "the tree as it was on
-- date D" is one range scan: valid_from <= D AND (valid_to IS NULL OR valid_to > D).
-- Dates are ISO text; '0001-01-01' marks "since before our records"; valid_to is the first day a
-- version (or a region) is no longer valid, NULL while it is in force.

-- kind: towns 'street' (街道), 'town' (镇), 'township' (乡, 苏木); villages 'community' (居委会, 社区),
-- 'village' (村委会, 嘎查); NULL where the name does not say. urban_rural stays NULL until a source
-- with the 城乡分类代码 is loaded.
ALTER TABLE regions ADD COLUMN kind TEXT;
ALTER TABLE regions ADD COLUMN urban_rural TEXT;
ALTER TABLE regions ADD COLUMN valid_from TEXT NOT NULL DEFAULT '0001-01-01';
ALTER TABLE regions ADD COLUMN valid_to TEXT;

UPDATE regions SET kind = CASE
    WHEN level = 4 AND name LIKE '%街道' THEN 'street'
    WHEN level = 4 AND name LIKE '%镇' THEN 'town'
    WHEN level = 4 AND (name LIKE '%乡' OR name LIKE '%苏木') THEN 'township'
    WHEN level = 5 AND (name LIKE '%居委会' OR name LIKE '%居民委员会' OR name LIKE '%社区') THEN 'community'
    WHEN level = 5 AND (name LIKE '%村委会' OR name LIKE '%村民委员会' OR name LIKE '%村' OR name LIKE '%嘎查'
                        OR name LIKE '%嘎查委员会') THEN 'village'
    ELSE NULL END;

-- @sqlite
CREATE TABLE region_versions (
    code TEXT NOT NULL REFERENCES regions(code),
    valid_from TEXT NOT NULL,
    valid_to TEXT,
    name TEXT NOT NULL,
    parent_code TEXT,
    level INTEGER NOT NULL,
    kind TEXT,
    urban_rural TEXT,
    PRIMARY KEY (code, valid_from)
) WITHOUT ROWID;
-- @postgres
CREATE TABLE region_versions (
    code TEXT NOT NULL REFERENCES regions(code),
    valid_from TEXT NOT NULL,
    valid_to TEXT,
    name TEXT NOT NULL,
    parent_code TEXT,
    level INTEGER NOT NULL,
    kind TEXT,
    urban_rural TEXT,
    PRIMARY KEY (code, valid_from)
);
-- @all
CREATE INDEX region_versions_parent ON region_versions(parent_code);
-- Name search over the nation reads provinces to towns (45,000 of 665,000 rows) by level.
CREATE INDEX region_versions_level ON region_versions(level, name);

INSERT INTO region_versions (code, valid_from, valid_to, name, parent_code, level, kind, urban_rural)
SELECT code, valid_from, valid_to, name, parent_code, level, kind, urban_rural FROM regions;

-- A closed region and the regions that took over its area, from the day of the change.
CREATE TABLE region_successors (
    code TEXT NOT NULL REFERENCES regions(code),
    successor_code TEXT NOT NULL REFERENCES regions(code),
    effective_date TEXT NOT NULL,
    PRIMARY KEY (code, successor_code)
);
CREATE INDEX region_successors_successor ON region_successors(successor_code);

-- One row per load of a national edition, with what it changed.
CREATE TABLE region_imports (
    id {{ID}},
    edition TEXT NOT NULL,
    as_of TEXT,
    added BIGINT NOT NULL,
    renamed BIGINT NOT NULL,
    moved BIGINT NOT NULL,
    closed BIGINT NOT NULL,
    reopened BIGINT NOT NULL,
    imported_at BIGINT NOT NULL,
    imported_by TEXT NOT NULL
);
