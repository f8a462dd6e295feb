-- The subtree query "every region under a province as of a date" reads one code range of
-- region_versions. On SQLite the table is clustered on (code, valid_from) already (WITHOUT ROWID);
-- on PostgreSQL a bitmap heap scan returned the rows out of order and cost 55-60 ms for 山东's
-- 64,095 rows, this covering index lets an index-only scan return them in code order in 38 ms
-- (bench/regions_bench.sh). Index-only scans need the visibility map: `tuoyu import regions`
-- vacuums the tables after a load.
-- @postgres
CREATE INDEX region_versions_cover ON region_versions (code, valid_from)
    INCLUDE (valid_to, name, parent_code, level, kind, urban_rural);
