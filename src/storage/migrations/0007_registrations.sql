-- Registration records (登记信息) of childcare institutions and home childcare points (issue 5, part 1),
-- as registration authorities push them, or regulators enter or import them. A record is never edited:
-- each push that changes anything is a new version, so `registrations` holds the whole history and the
-- institution points at its current version. A push whose content equals the current version's
-- (content_hash) is answered with that version and stores nothing.
--
-- legal_nature and registration_authority are codes of the dictionaries legal_natures and
-- registration_authorities; kind is 'institution' or 'home_point'; source says how the record came
-- ('push' by a data-exchange client, 'manual' entry or 'import' of a file by a regulator); sent_by is
-- the account's user name ('demo' for the demo data set), sent_by_user_id its id when there is one.

CREATE TABLE registrations (
    id {{ID}},
    institution_id BIGINT NOT NULL REFERENCES institutions(id),
    uscc TEXT NOT NULL,
    version INTEGER NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    legal_nature TEXT NOT NULL,
    registration_authority TEXT NOT NULL,
    legal_representative TEXT NOT NULL,
    address TEXT NOT NULL,
    region_code TEXT NOT NULL REFERENCES regions(code),
    business_scope TEXT NOT NULL,
    registered_on TEXT NOT NULL,
    source TEXT NOT NULL,
    sent_by_user_id BIGINT REFERENCES users(id),
    sent_by TEXT NOT NULL,
    received_at BIGINT NOT NULL,
    content_hash TEXT NOT NULL,
    UNIQUE (uscc, version),
    CHECK (kind IN ('institution', 'home_point')),
    CHECK (source IN ('push', 'manual', 'import')),
    CHECK (version >= 1)
);
CREATE INDEX registrations_institution ON registrations(institution_id, version);
CREATE INDEX registrations_region ON registrations(region_code);

-- What an institution takes from its current registration. Institutions made before this migration
-- (and institutions the platform made without a registration) keep NULL here and count as registered.
ALTER TABLE institutions ADD COLUMN kind TEXT NOT NULL DEFAULT 'institution';
ALTER TABLE institutions ADD COLUMN legal_nature TEXT;
ALTER TABLE institutions ADD COLUMN address TEXT;
ALTER TABLE institutions ADD COLUMN status TEXT NOT NULL DEFAULT 'registered';
ALTER TABLE institutions ADD COLUMN status_since BIGINT;
ALTER TABLE institutions ADD COLUMN current_registration_id BIGINT REFERENCES registrations(id);
CREATE INDEX institutions_status ON institutions(status, region_code);

-- Every change of an institution's status: the first row (from_status NULL) when a registration
-- creates it, then the lifecycle's events (core/lifecycle.hpp). before_json and after_json are the
-- institution's record as JSON text around the change; reason is free text; actor_user_id is NULL when
-- no account made the change (the command line, the demo data set).
CREATE TABLE institution_transitions (
    id {{ID}},
    institution_id BIGINT NOT NULL REFERENCES institutions(id),
    from_status TEXT,
    to_status TEXT NOT NULL,
    event TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    actor_user_id BIGINT REFERENCES users(id),
    at BIGINT NOT NULL,
    before_json TEXT,
    after_json TEXT
);
CREATE INDEX institution_transitions_institution ON institution_transitions(institution_id, at);
