-- The facts the institution lists filter on move from institution_profiles onto institutions (issue 5,
-- the list benchmark; docs/decisions/0008). A county's list and the public page then count and page
-- one table, without a join per institution, and one index serves every filter of a region.
-- institution_profiles keeps the whole declared profile (`document`); features/filing writes the four
-- columns here in the same transaction, and 普惠 recognition writes `puhui`.

ALTER TABLE institutions ADD COLUMN sponsor_type TEXT;
ALTER TABLE institutions ADD COLUMN service_modes TEXT NOT NULL DEFAULT '';
ALTER TABLE institutions ADD COLUMN slots INTEGER;
ALTER TABLE institutions ADD COLUMN puhui INTEGER NOT NULL DEFAULT 0;

UPDATE institutions SET
    sponsor_type = (SELECT p.sponsor_type FROM institution_profiles p WHERE p.institution_id = institutions.id),
    service_modes = (SELECT p.service_modes FROM institution_profiles p WHERE p.institution_id = institutions.id),
    slots = (SELECT p.slots FROM institution_profiles p WHERE p.institution_id = institutions.id),
    puhui = (SELECT p.puhui FROM institution_profiles p WHERE p.institution_id = institutions.id)
WHERE id IN (SELECT institution_id FROM institution_profiles);

DROP INDEX institution_profiles_puhui;
DROP INDEX institution_profiles_sponsor;
ALTER TABLE institution_profiles DROP COLUMN sponsor_type;
ALTER TABLE institution_profiles DROP COLUMN service_modes;
ALTER TABLE institution_profiles DROP COLUMN slots;
ALTER TABLE institution_profiles DROP COLUMN puhui;

-- One index serves every list: region first, because every list is scoped to a region subtree, then
-- every column a list filters on, so that counting and choosing a page of a province's 20,000
-- institutions read the index alone (a covering range scan on SQLite). The status and kind indexes
-- led with their own column and made SQLite fetch each row of a province from the table, at about
-- three times the cost; the region index is this one's prefix. Sorting by name sorts the filtered ids
-- (7 ms for a province on the benchmark machine); an index on name alone would tempt a planner to walk
-- a nation's names for a county's page.
DROP INDEX institutions_status;
DROP INDEX institutions_kind;
DROP INDEX institutions_region;
-- id last lets PostgreSQL choose a county's page from the index alone (it has no rowid to lean on).
CREATE INDEX institutions_list ON institutions(region_code, status, kind, puhui, sponsor_type, service_modes, name, uscc,
                                               id);
