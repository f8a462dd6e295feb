-- 普惠 recognition and public disclosure (issue 5, parts 7 and 8). Builds on 0007 (institutions.status)
-- and 0009 (institution_profiles.puhui, filings.published_at).
--
-- 普惠 status is granted, not declared: a filed institution applies, stating the monthly fee of full-day
-- care and the slots it offers at that fee; the county health department approves or rejects; the
-- approved applications of a county are published together as one dated publicity list (公示名单),
-- open for objections from anyone for the period in force (puhui_publicity_working_days, counted on
-- the working-day calendar from the publishing day); the regulator resolves every objection (upheld:
-- that institution is dropped from the list) and, once the period has passed with no objection open,
-- confirms the list, from which day the remaining institutions are 普惠. Nothing here is edited away:
-- lists, their entries, objections and recognitions keep their dates and outcomes, and a revocation
-- dates the recognition's end. institution_profiles.puhui follows the recognition in force (written in
-- the same transaction as the confirmation or revocation).

-- One publicity list of a county. county_code is the county's 12-digit code; the list is in the scope
-- of that county. state: publicity (open for objections until period_end, inclusive) | confirmed.
-- period_estimated = 1 when the calendar lacked a year the count passed through (Monday to Friday).
-- effective_from is the day its institutions became 普惠 (the day of confirmation).
CREATE TABLE puhui_lists (
    id {{ID}},
    county_code TEXT NOT NULL REFERENCES regions(code),
    title TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'publicity',
    published_on TEXT NOT NULL,
    publicity_working_days INTEGER NOT NULL,
    period_end TEXT NOT NULL,
    period_estimated INTEGER NOT NULL DEFAULT 0,
    published_by BIGINT REFERENCES users(id),
    published_at BIGINT NOT NULL,
    effective_from TEXT,
    confirmed_by BIGINT REFERENCES users(id),
    confirmed_at BIGINT,
    CHECK (state IN ('publicity', 'confirmed'))
);
CREATE INDEX puhui_lists_county ON puhui_lists(county_code, published_at);
CREATE INDEX puhui_lists_published ON puhui_lists(published_at);

-- An institution's application. state: submitted → approved | rejected; approved → listed (on
-- list_id) → recognised | dropped. fee_per_month_yuan is the monthly fee of full-day care per child;
-- slots the slots offered at it. rejection_reasons is a JSON list of strings.
CREATE TABLE puhui_applications (
    id {{ID}},
    institution_id BIGINT NOT NULL REFERENCES institutions(id),
    fee_per_month_yuan INTEGER NOT NULL,
    slots INTEGER NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL DEFAULT 'submitted',
    submitted_by BIGINT REFERENCES users(id),
    submitted_at BIGINT NOT NULL,
    decided_by BIGINT REFERENCES users(id),
    decided_at BIGINT,
    decision_note TEXT,
    rejection_reasons TEXT,
    list_id BIGINT REFERENCES puhui_lists(id),
    CHECK (state IN ('submitted', 'approved', 'rejected', 'listed', 'recognised', 'dropped')),
    CHECK (fee_per_month_yuan > 0),
    CHECK (slots > 0)
);
CREATE INDEX puhui_applications_institution ON puhui_applications(institution_id, id);
CREATE INDEX puhui_applications_state ON puhui_applications(state, institution_id);

-- The institutions on a list as published: name, address and region as they were that day.
-- state: listed → recognised (at confirmation) | dropped (an objection upheld, or the institution no
-- longer filed at confirmation); outcome says why it was dropped.
CREATE TABLE puhui_list_entries (
    id {{ID}},
    list_id BIGINT NOT NULL REFERENCES puhui_lists(id),
    application_id BIGINT NOT NULL REFERENCES puhui_applications(id),
    institution_id BIGINT NOT NULL REFERENCES institutions(id),
    institution_name TEXT NOT NULL,
    address TEXT,
    region_code TEXT NOT NULL REFERENCES regions(code),
    fee_per_month_yuan INTEGER NOT NULL,
    slots INTEGER NOT NULL,
    state TEXT NOT NULL DEFAULT 'listed',
    outcome TEXT,
    changed_at BIGINT,
    UNIQUE (list_id, institution_id),
    CHECK (state IN ('listed', 'recognised', 'dropped'))
);
CREATE INDEX puhui_list_entries_institution ON puhui_list_entries(institution_id);

-- An objection (异议) lodged by anyone during the publicity period against one entry. name and contact
-- are optional and personal data: only the regulators of the county read them. The sender's address is
-- not stored (the limit per sender is kept in memory, like the sign-in throttle). state: open → upheld | dismissed, with the regulator's resolution text.
CREATE TABLE puhui_objections (
    id {{ID}},
    list_id BIGINT NOT NULL REFERENCES puhui_lists(id),
    entry_id BIGINT NOT NULL REFERENCES puhui_list_entries(id),
    objector_name TEXT,
    objector_contact TEXT,
    text TEXT NOT NULL,
    lodged_on TEXT NOT NULL,
    lodged_at BIGINT NOT NULL,
    state TEXT NOT NULL DEFAULT 'open',
    resolution TEXT,
    resolved_by BIGINT REFERENCES users(id),
    resolved_at BIGINT,
    CHECK (state IN ('open', 'upheld', 'dismissed'))
);
CREATE INDEX puhui_objections_list ON puhui_objections(list_id, state);
CREATE INDEX puhui_objections_entry ON puhui_objections(entry_id, state);

-- 普惠 status: one row per grant, from the confirmed list's entry; revoked_on dates its end. The status
-- in force is the row without revoked_on, at most one per institution.
CREATE TABLE puhui_recognitions (
    id {{ID}},
    institution_id BIGINT NOT NULL REFERENCES institutions(id),
    list_id BIGINT NOT NULL REFERENCES puhui_lists(id),
    entry_id BIGINT NOT NULL REFERENCES puhui_list_entries(id),
    fee_per_month_yuan INTEGER NOT NULL,
    slots INTEGER NOT NULL,
    effective_from TEXT NOT NULL,
    granted_by BIGINT REFERENCES users(id),
    granted_at BIGINT NOT NULL,
    revoked_on TEXT,
    revocation_reason TEXT,
    revoked_by BIGINT REFERENCES users(id),
    revoked_at BIGINT
);
CREATE INDEX puhui_recognitions_institution ON puhui_recognitions(institution_id, id);
CREATE UNIQUE INDEX puhui_recognitions_in_force ON puhui_recognitions(institution_id) WHERE revoked_on IS NULL;

-- The public list of published filing rejections (备案办法 第9条) reads filings by publication, newest
-- first.
CREATE INDEX disclosure_filings_published ON filings(published_at) WHERE published_at IS NOT NULL;
