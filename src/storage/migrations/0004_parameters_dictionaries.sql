-- Parameters inherited down the region tree, and the data dictionaries (issue 4, parts 4 and 5).
-- The shipped defaults and seed entries are loaded after migrating, by the features' seed step; the
-- seed ledger remembers what was loaded so that a later load never brings back what an administrator
-- removed and never overwrites what an administrator edited.

CREATE TABLE parameters (
    key TEXT PRIMARY KEY,
    label_zh TEXT NOT NULL,
    label_en TEXT NOT NULL,
    unit TEXT NOT NULL DEFAULT '',
    value_type TEXT NOT NULL,
    rule TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    sort_order INTEGER NOT NULL DEFAULT 0,
    CHECK (value_type IN ('integer', 'decimal', 'ratio', 'boolean', 'text', 'json'))
);

-- A value set at a region and inherited by its subtree. The national level is the code
-- '000000000000'. No foreign key to regions: the national defaults and the provincial seeds exist
-- before any region tree is imported, and a region closed later keeps its history here.
CREATE TABLE parameter_values (
    parameter_key TEXT NOT NULL REFERENCES parameters(key),
    region_code TEXT NOT NULL,
    value TEXT NOT NULL,
    source TEXT NOT NULL,
    clause TEXT NOT NULL DEFAULT '',
    tag TEXT NOT NULL,
    verify INTEGER NOT NULL DEFAULT 0,
    note TEXT NOT NULL DEFAULT '',
    set_by TEXT NOT NULL,
    set_at BIGINT NOT NULL,
    PRIMARY KEY (parameter_key, region_code),
    CHECK (tag IN ('R', 'N', 'S', 'D'))
);
CREATE INDEX parameter_values_region ON parameter_values(region_code);

CREATE TABLE dictionaries (
    key TEXT PRIMARY KEY,
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL,
    sort_order INTEGER NOT NULL DEFAULT 0
);

-- Codes are stable identifiers that other tables store: entries are disabled, never deleted.
CREATE TABLE dictionary_entries (
    dictionary_key TEXT NOT NULL REFERENCES dictionaries(key),
    code TEXT NOT NULL,
    label_zh TEXT NOT NULL,
    label_en TEXT NOT NULL,
    sort_order INTEGER NOT NULL DEFAULT 0,
    disabled INTEGER NOT NULL DEFAULT 0,
    note TEXT NOT NULL DEFAULT '',
    updated_by TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (dictionary_key, code)
);

-- What the seed step has loaded once: kind ('parameter', 'parameter_value', 'dictionary',
-- 'dictionary_entry', 'calendar_day') and the item's key.
CREATE TABLE seed_ledger (
    kind TEXT NOT NULL,
    item TEXT NOT NULL,
    seeded_at BIGINT NOT NULL,
    PRIMARY KEY (kind, item)
);
