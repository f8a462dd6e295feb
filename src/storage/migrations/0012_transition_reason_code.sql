-- A transition the system writes (not a person) says why with a code as well as its Chinese text, so
-- that the history reads in either language (issue 5, part 6). Only the registration that makes an
-- institution is written so today: registration_push, registration_manual or registration_import.
-- reason stays the Chinese text of the record; reason_code is NULL when a person gave the reason.
ALTER TABLE institution_transitions ADD COLUMN reason_code TEXT;

UPDATE institution_transitions SET reason_code = 'registration_push' WHERE event = 'register' AND reason = '登记机关推送登记信息';
UPDATE institution_transitions SET reason_code = 'registration_manual' WHERE event = 'register' AND reason = '监管人员录入登记信息';
UPDATE institution_transitions SET reason_code = 'registration_import' WHERE event = 'register' AND reason = '监管人员导入登记信息';
