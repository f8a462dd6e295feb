-- Institution profiles and filings (备案) with their materials (issue 5, parts 2, 3, 5 and 6). Builds on
-- 0007 (institutions.status and institution_transitions).

-- What an institution declares about itself (PRODUCT.md module 2). The fields that institution lists
-- filter on are columns; the whole profile is `document`, a JSON object (features/filing/profile.hpp).
-- puhui is granted by the county's 普惠 recognition (issue 5, part 7), never declared here.
-- service_modes is the S15 codes joined by commas between commas (",full_day,hourly,"), so that one
-- mode is a plain LIKE '%,hourly,%'.
CREATE TABLE institution_profiles (
    institution_id BIGINT PRIMARY KEY REFERENCES institutions(id),
    sponsor_type TEXT,
    service_modes TEXT NOT NULL DEFAULT '',
    slots INTEGER,
    puhui INTEGER NOT NULL DEFAULT 0,
    document TEXT NOT NULL,
    updated_by BIGINT REFERENCES users(id),
    updated_at BIGINT NOT NULL
);
CREATE INDEX institution_profiles_puhui ON institution_profiles(puhui, institution_id);
CREATE INDEX institution_profiles_sponsor ON institution_profiles(sponsor_type, institution_id);
CREATE INDEX institutions_kind ON institutions(kind, region_code);

-- Uploaded files, once per content: keyed by the SHA-256 of the bytes, which are kept base64-encoded
-- in TEXT on both engines so that one backup of the database holds them (the decision record
-- "uploaded files in the database" in docs/decisions/ weighs the cost).
CREATE TABLE stored_files (
    sha256 TEXT PRIMARY KEY,
    media_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    content_base64 TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

-- One filing of an institution. kind: initial | change | relocation; state: draft | submitted |
-- accepted | rejected | void. form is the 备案书 as the institution fills it; declaration is the
-- snapshot filed at submission (the institution's registered facts, its profile and the form);
-- commitment_* the 承诺书 accepted by name and time; findings the checks' results at submission (a
-- JSON list); the deadlines are counted on the working-day calendar from received_on (N44).
-- change_date and change_items belong to a change filing (N45); days_late > 0 when it came later than
-- change_filing_days after the change. A rejection is published: published_at is its publication.
CREATE TABLE filings (
    id {{ID}},
    institution_id BIGINT NOT NULL REFERENCES institutions(id),
    kind TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'draft',
    form TEXT NOT NULL DEFAULT '{}',
    change_date TEXT,
    change_items TEXT,
    commitment_text TEXT,
    commitment_signatory TEXT,
    commitment_at BIGINT,
    declaration TEXT,
    findings TEXT,
    days_late INTEGER NOT NULL DEFAULT 0,
    received_on TEXT,
    receipt_due TEXT,
    rejection_due TEXT,
    deadlines_estimated INTEGER NOT NULL DEFAULT 0,
    submitted_at BIGINT,
    submitted_by BIGINT REFERENCES users(id),
    decided_at BIGINT,
    decided_by BIGINT REFERENCES users(id),
    decision_note TEXT,
    receipt_number TEXT UNIQUE,
    rejection_reasons TEXT,
    published_at BIGINT,
    created_by BIGINT REFERENCES users(id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CHECK (kind IN ('initial', 'change', 'relocation')),
    CHECK (state IN ('draft', 'submitted', 'accepted', 'rejected', 'void'))
);
CREATE INDEX filings_institution ON filings(institution_id, id);
-- The review queue: submitted filings by their receipt deadline.
CREATE INDEX filings_queue ON filings(state, receipt_due);

CREATE TABLE filing_materials (
    id {{ID}},
    filing_id BIGINT NOT NULL REFERENCES filings(id),
    kind TEXT NOT NULL,
    file_name TEXT NOT NULL,
    given_name TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL REFERENCES stored_files(sha256),
    uploaded_by BIGINT REFERENCES users(id),
    uploaded_at BIGINT NOT NULL,
    CHECK (kind IN ('business_licence', 'site_proof', 'staff_certificates', 'hygiene_evaluation', 'fire_check',
                    'food_licence', 'other'))
);
CREATE INDEX filing_materials_filing ON filing_materials(filing_id);
CREATE INDEX filing_materials_sha256 ON filing_materials(sha256);

-- Receipt numbers (备案回执编号) run per county and year.
CREATE TABLE filing_receipt_sequences (
    county_code TEXT NOT NULL,
    year INTEGER NOT NULL,
    last_number INTEGER NOT NULL,
    PRIMARY KEY (county_code, year)
);
