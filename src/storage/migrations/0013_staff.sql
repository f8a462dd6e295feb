-- Staff (从业人员) of institutions, their documents and yearly duties, and the lifetime ban (issue 6;
-- RULES S6, S7, N6–N12, N32; decision 0009).
--
-- Identity numbers are never stored in clear: id_sealed is the hex of the number sealed under the
-- deployment's key file (version key_version, bound to "staff.id_number"), id_hash its keyed hash for
-- matching across institutions, id_masked what lists show. Only the birth year is kept: the whole date
-- beside the masked number would give the number away. A person employed is a row with end_on
-- NULL; ending the employment dates it and keeps the row. The yearly duties' last passed day and next
-- due day (staff_rules::YearlyDuty) are kept here as well, so that due and overdue lists are one index
-- range; staff_duties holds the history.
CREATE TABLE staff (
    id {{ID}},
    institution_id BIGINT NOT NULL REFERENCES institutions(id),
    name TEXT NOT NULL,
    id_kind TEXT NOT NULL,
    id_sealed TEXT NOT NULL,
    id_hash TEXT NOT NULL,
    id_masked TEXT NOT NULL,
    key_version INTEGER NOT NULL,
    sex TEXT,
    birth_year INTEGER,
    phone TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL,
    education TEXT NOT NULL,
    experience_years INTEGER NOT NULL DEFAULT 0,
    start_on TEXT NOT NULL,
    end_on TEXT,
    end_reason TEXT,
    health_exam_last TEXT,
    health_exam_due TEXT NOT NULL,
    hygiene_training_last TEXT,
    hygiene_training_due TEXT NOT NULL,
    created_by BIGINT REFERENCES users(id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CHECK (experience_years >= 0)
);
CREATE INDEX staff_institution ON staff(institution_id, end_on, id);
CREATE INDEX staff_hash ON staff(id_hash, end_on);
CREATE INDEX staff_health_exam_due ON staff(health_exam_due, institution_id);
CREATE INDEX staff_hygiene_training_due ON staff(hygiene_training_due, institution_id);
-- A person is employed once at a time by one institution.
CREATE UNIQUE INDEX staff_employed_once ON staff(institution_id, id_hash) WHERE end_on IS NULL;

-- A staff member's photo (optional), sealed like the identity number (bound to "staff.photo"): JPEG or
-- PNG of at most 512 KiB, as hex of the sealed bytes; sha256 of the clear bytes names it in the audit
-- records of its changes (it does not give the picture back).
CREATE TABLE staff_photos (
    staff_id BIGINT PRIMARY KEY REFERENCES staff(id),
    media_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    sealed TEXT NOT NULL,
    key_version INTEGER NOT NULL,
    uploaded_by BIGINT REFERENCES users(id),
    uploaded_at BIGINT NOT NULL,
    CHECK (media_type IN ('image/jpeg', 'image/png'))
);

-- Certificates and proofs on file: kind is a staff_rules::kDocumentKinds code; expires_on NULL when the
-- document does not expire; hours for training certificates.
CREATE TABLE staff_documents (
    id {{ID}},
    staff_id BIGINT NOT NULL REFERENCES staff(id),
    kind TEXT NOT NULL,
    level TEXT NOT NULL DEFAULT '',
    number TEXT NOT NULL DEFAULT '',
    issuer TEXT NOT NULL DEFAULT '',
    issued_on TEXT,
    expires_on TEXT,
    hours INTEGER,
    created_by BIGINT REFERENCES users(id),
    created_at BIGINT NOT NULL
);
CREATE INDEX staff_documents_staff ON staff_documents(staff_id, kind);

-- The yearly health examination and hygiene training (S6), one row each time one was done.
CREATE TABLE staff_duties (
    id {{ID}},
    staff_id BIGINT NOT NULL REFERENCES staff(id),
    kind TEXT NOT NULL,
    done_on TEXT NOT NULL,
    passed INTEGER NOT NULL DEFAULT 1,
    note TEXT NOT NULL DEFAULT '',
    created_by BIGINT REFERENCES users(id),
    created_at BIGINT NOT NULL,
    CHECK (kind IN ('health_exam', 'hygiene_training'))
);
CREATE INDEX staff_duties_staff ON staff_duties(staff_id, kind, done_on);

-- The lifetime ban (终身禁入, S7): who was banned, by which authority and for what, recorded by a
-- regulator of region_code. Only the keyed hash of the identity number is kept: institutions are
-- refused by a hash match and never read this table.
CREATE TABLE staff_bans (
    id {{ID}},
    id_hash TEXT NOT NULL,
    key_version INTEGER NOT NULL,
    id_masked TEXT NOT NULL,
    name TEXT NOT NULL,
    case_summary TEXT NOT NULL,
    authority TEXT NOT NULL,
    decided_on TEXT NOT NULL,
    region_code TEXT NOT NULL REFERENCES regions(code),
    created_by BIGINT REFERENCES users(id),
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX staff_bans_hash ON staff_bans(id_hash);
CREATE INDEX staff_bans_region ON staff_bans(region_code, id);

-- A refused attempt to employ a banned person (channel hire or import), or a person employed when the
-- ban was recorded (employed), for the regulators of the institution's region and of the region that
-- recorded the ban (one row each; one row when the ban's region holds the institution).
CREATE TABLE staff_ban_alerts (
    id {{ID}},
    ban_id BIGINT NOT NULL REFERENCES staff_bans(id),
    region_code TEXT NOT NULL REFERENCES regions(code),
    institution_id BIGINT NOT NULL REFERENCES institutions(id),
    attempted_name TEXT NOT NULL,
    channel TEXT NOT NULL,
    attempted_by BIGINT REFERENCES users(id),
    created_at BIGINT NOT NULL,
    CHECK (channel IN ('hire', 'import', 'employed'))
);
CREATE INDEX staff_ban_alerts_region ON staff_ban_alerts(region_code, created_at);
