-- The working-day calendar (issue 4, part 6): the State Council's holiday arrangements and make-up
-- working days, seeded from data/calendar/holidays-cn.csv after migrating and then maintained by
-- administrators. A year counts as covered when it has at least one day here.

CREATE TABLE calendar_days (
    day TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL,
    source TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    CHECK (kind IN ('holiday', 'workday'))
);

-- Every change to calendar_days increments this, so that each server process notices another's
-- edit and reloads its copy.
INSERT INTO settings (key, value) VALUES ('calendar_version', '0');
