-- Population per region and year (issue 4): the denominators of every indicator. A figure that is
-- not known is NULL, never 0; a region without its own row is summed from the regions below it
-- when it is read (features/population), so only figures somebody entered or imported are stored.
-- source names where the figures come from ("2024年统计年鉴", or the imported file's name);
-- source_date is that source's date (ISO text); updated_by is the account's user name ("cli" for
-- the command line).

CREATE TABLE population (
    region_code TEXT NOT NULL REFERENCES regions(code),
    year INTEGER NOT NULL,
    resident BIGINT,
    registered BIGINT,
    births BIGINT,
    age_0_1 BIGINT,
    age_1_2 BIGINT,
    age_2_3 BIGINT,
    source TEXT NOT NULL,
    source_date TEXT,
    updated_at BIGINT NOT NULL,
    updated_by TEXT NOT NULL,
    PRIMARY KEY (region_code, year),
    CHECK (resident >= 0 AND registered >= 0 AND births >= 0 AND age_0_1 >= 0 AND age_1_2 >= 0 AND age_2_3 >= 0)
);
-- The roll-up reads one year of a whole subtree: a range over (year, region_code).
CREATE INDEX population_year_region ON population(year, region_code);
