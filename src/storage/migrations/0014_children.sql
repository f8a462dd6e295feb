-- Children, their guardians and pick-up persons, classes, enrolment, attendance, the live ratio, health
-- checks and the daily record (issue 7; RULES N1–N4, N22–N28; decision 0009 for identity numbers).

-- A class of an institution: its type sets the age band, size limit and caregiver ratio in force
-- (core/care_rules). closed_at is set when a class is given up; its rows stay for the history.
CREATE TABLE classes (
    id {{ID}},
    institution_id BIGINT NOT NULL REFERENCES institutions(id),
    name TEXT NOT NULL,
    class_type TEXT NOT NULL,
    created_by BIGINT REFERENCES users(id),
    created_at BIGINT NOT NULL,
    closed_at BIGINT,
    CHECK (class_type IN ('infant_class', 'toddler_class', 'older_toddler_class', 'mixed_class'))
);
CREATE UNIQUE INDEX classes_name ON classes(institution_id, name);

-- A child at an institution, from the application (or the institution's entry) through enrolment to
-- leaving. The identity number is sealed like a staff member's ("children.id_number") and matched by its
-- keyed hash; id_masked shows none of its characters, because the birth date is kept in full (the class
-- rules need it) and beside it any digit would narrow the number. recheck_on is the day of the
-- examination after three months away (N25); the last day present is read from child_attendance, so
-- that a check-in writes no row of this table.
CREATE TABLE children (
    id {{ID}},
    institution_id BIGINT NOT NULL REFERENCES institutions(id),
    name TEXT NOT NULL,
    id_kind TEXT NOT NULL,
    id_sealed TEXT NOT NULL,
    id_hash TEXT NOT NULL,
    id_masked TEXT NOT NULL,
    key_version INTEGER NOT NULL,
    sex TEXT NOT NULL,
    birth_date TEXT NOT NULL,
    allergies TEXT NOT NULL DEFAULT '',
    special_needs TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    class_id BIGINT REFERENCES classes(id),
    agreement_signed_on TEXT,
    vaccination_checked_on TEXT,
    entry_exam_on TEXT,
    enrolled_on TEXT,
    left_on TEXT,
    left_reason TEXT,
    recheck_on TEXT,
    applied_by BIGINT REFERENCES users(id),
    created_by BIGINT REFERENCES users(id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CHECK (status IN ('applied', 'enrolled', 'left')),
    CHECK (sex IN ('male', 'female'))
);
CREATE INDEX children_institution ON children(institution_id, status, id);
CREATE INDEX children_class ON children(class_id, status);
-- A child is applied for or enrolled once at a time at one institution.
CREATE UNIQUE INDEX children_once ON children(institution_id, id_hash) WHERE status IN ('applied', 'enrolled');

-- Guardians (监护人) and the other persons a child may be handed to. user_id links a guardian's own
-- account, through which they see this child and no other.
CREATE TABLE child_contacts (
    id {{ID}},
    child_id BIGINT NOT NULL REFERENCES children(id),
    name TEXT NOT NULL,
    relationship TEXT NOT NULL,
    phone TEXT NOT NULL,
    guardian INTEGER NOT NULL DEFAULT 0,
    can_pick_up INTEGER NOT NULL DEFAULT 0,
    user_id BIGINT REFERENCES users(id),
    created_by BIGINT REFERENCES users(id),
    created_at BIGINT NOT NULL
);
CREATE INDEX child_contacts_child ON child_contacts(child_id);
CREATE INDEX child_contacts_user ON child_contacts(user_id, child_id);

-- Consents given by a contact for a purpose, and their withdrawal (the row is kept).
CREATE TABLE child_consents (
    id {{ID}},
    child_id BIGINT NOT NULL REFERENCES children(id),
    contact_id BIGINT NOT NULL REFERENCES child_contacts(id),
    purpose TEXT NOT NULL,
    given_at BIGINT NOT NULL,
    withdrawn_at BIGINT,
    recorded_by BIGINT REFERENCES users(id),
    CHECK (purpose IN ('data_processing', 'photos', 'outings', 'medication'))
);
CREATE INDEX child_consents_child ON child_consents(child_id, contact_id, purpose);

-- One row per child and day: the check-in and check-out with who brought and who collected the child,
-- or the absence with its reason ('' = unexplained until someone follows it up).
CREATE TABLE child_attendance (
    id {{ID}},
    child_id BIGINT NOT NULL REFERENCES children(id),
    institution_id BIGINT NOT NULL REFERENCES institutions(id),
    class_id BIGINT REFERENCES classes(id),
    day TEXT NOT NULL,
    in_at BIGINT,
    brought_by BIGINT REFERENCES child_contacts(id),
    checked_in_by BIGINT REFERENCES users(id),
    out_at BIGINT,
    collected_by BIGINT REFERENCES child_contacts(id),
    checked_out_by BIGINT REFERENCES users(id),
    absent INTEGER NOT NULL DEFAULT 0,
    absence_reason TEXT NOT NULL DEFAULT '',
    absence_reported_by BIGINT REFERENCES users(id),
    follow_up_staff_id BIGINT REFERENCES staff(id),
    follow_up_note TEXT NOT NULL DEFAULT '',
    follow_up_at BIGINT,
    updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX child_attendance_day ON child_attendance(child_id, day);
CREATE INDEX child_attendance_institution ON child_attendance(institution_id, day);

-- Staff on duty: a caregiver's shift names the class whose ratio it counts for.
CREATE TABLE staff_attendance (
    id {{ID}},
    staff_id BIGINT NOT NULL REFERENCES staff(id),
    institution_id BIGINT NOT NULL REFERENCES institutions(id),
    class_id BIGINT REFERENCES classes(id),
    day TEXT NOT NULL,
    in_at BIGINT NOT NULL,
    out_at BIGINT,
    recorded_by BIGINT REFERENCES users(id)
);
CREATE INDEX staff_attendance_institution ON staff_attendance(institution_id, day);
CREATE UNIQUE INDEX staff_attendance_open ON staff_attendance(staff_id) WHERE out_at IS NULL;

-- Who is in each class now, kept by every check-in and check-out in the same transaction (the live
-- ratio), and the stretches during which the caregivers present did not cover the children present
-- (N3/N4): one open row per class at most, closed when the ratio holds again.
CREATE TABLE class_presence (
    class_id BIGINT PRIMARY KEY REFERENCES classes(id),
    day TEXT NOT NULL,
    children INTEGER NOT NULL DEFAULT 0,
    caregivers INTEGER NOT NULL DEFAULT 0,
    updated_at BIGINT NOT NULL
);
CREATE TABLE ratio_breaches (
    id {{ID}},
    class_id BIGINT NOT NULL REFERENCES classes(id),
    institution_id BIGINT NOT NULL REFERENCES institutions(id),
    region_code TEXT NOT NULL,
    day TEXT NOT NULL,
    rule TEXT NOT NULL,
    started_at BIGINT NOT NULL,
    ended_at BIGINT,
    children INTEGER NOT NULL,
    caregivers INTEGER NOT NULL,
    needed INTEGER NOT NULL
);
CREATE UNIQUE INDEX ratio_breaches_open ON ratio_breaches(class_id) WHERE ended_at IS NULL;
CREATE INDEX ratio_breaches_region ON ratio_breaches(region_code, day);
CREATE INDEX ratio_breaches_institution ON ratio_breaches(institution_id, day);

-- 晨午检 and the all-day observation (N26): temperature in tenths of a degree.
CREATE TABLE child_health_checks (
    id {{ID}},
    child_id BIGINT NOT NULL REFERENCES children(id),
    institution_id BIGINT NOT NULL REFERENCES institutions(id),
    day TEXT NOT NULL,
    kind TEXT NOT NULL,
    temperature_tenths INTEGER,
    findings TEXT NOT NULL DEFAULT '',
    action TEXT NOT NULL DEFAULT '',
    abnormal INTEGER NOT NULL DEFAULT 0,
    guardian_notified INTEGER NOT NULL DEFAULT 0,
    recorded_by BIGINT REFERENCES users(id),
    recorded_at BIGINT NOT NULL,
    CHECK (kind IN ('morning', 'noon', 'observation'))
);
CREATE INDEX child_health_checks_child ON child_health_checks(child_id, day);
CREATE INDEX child_health_checks_institution ON child_health_checks(institution_id, day);

-- Isolation of a sick child, infectious-disease reports, referrals and the certificate to return (N27).
CREATE TABLE child_health_events (
    id {{ID}},
    child_id BIGINT NOT NULL REFERENCES children(id),
    institution_id BIGINT NOT NULL REFERENCES institutions(id),
    kind TEXT NOT NULL,
    disease TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    happened_on TEXT NOT NULL,
    recorded_by BIGINT REFERENCES users(id),
    created_at BIGINT NOT NULL,
    CHECK (kind IN ('isolation', 'infectious_disease', 'doctor_referral', 'return_certificate'))
);
CREATE INDEX child_health_events_child ON child_health_events(child_id, happened_on);

-- Height in millimetres and weight in grams.
CREATE TABLE child_growth (
    id {{ID}},
    child_id BIGINT NOT NULL REFERENCES children(id),
    measured_on TEXT NOT NULL,
    height_mm INTEGER NOT NULL,
    weight_g INTEGER NOT NULL,
    recorded_by BIGINT REFERENCES users(id),
    created_at BIGINT NOT NULL
);
CREATE INDEX child_growth_child ON child_growth(child_id, measured_on);

-- The daily record (一日生活记录), one per child and day, rewritten as the day goes on.
CREATE TABLE child_daily_records (
    child_id BIGINT NOT NULL REFERENCES children(id),
    day TEXT NOT NULL,
    meals TEXT NOT NULL DEFAULT '',
    nap_minutes INTEGER NOT NULL DEFAULT 0,
    nappies INTEGER NOT NULL DEFAULT 0,
    mood TEXT NOT NULL DEFAULT '',
    outdoor_minutes INTEGER NOT NULL DEFAULT 0,
    activities TEXT NOT NULL DEFAULT '',
    recorded_by BIGINT REFERENCES users(id),
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (child_id, day)
);

-- What the guardians of a child are told: an abnormal health check, an infectious disease, a notice.
CREATE TABLE guardian_notices (
    id {{ID}},
    child_id BIGINT NOT NULL REFERENCES children(id),
    kind TEXT NOT NULL,
    message TEXT NOT NULL,
    created_by BIGINT REFERENCES users(id),
    created_at BIGINT NOT NULL
);
CREATE INDEX guardian_notices_child ON guardian_notices(child_id, created_at);
