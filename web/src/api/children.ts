import { api, compact } from './client'
import type { Finding } from './institutions'
import type { IdKind } from './staff'
import type { ListSort, Page } from './types'

// Children at institutions (issue 7, docs/api/children.md): classes with their live ratio, children
// with their guardians and pick-up persons, consents, enrolment, the day's register (attendance,
// health checks, the daily record), what a guardian sees of their own children, and the figures of
// the statistics module. Writes are quiet: the dialog that sent them shows the server's refusal.

/** Class types; each sets the age band, the size limit and the ratio in force (RULES N1–N4). */
export const CLASS_TYPES = ['infant_class', 'toddler_class', 'older_toddler_class', 'mixed_class'] as const
export type ClassType = (typeof CLASS_TYPES)[number]

export const CHILD_STATUSES = ['applied', 'enrolled', 'left'] as const
export type ChildStatus = (typeof CHILD_STATUSES)[number]

export const SEXES = ['male', 'female'] as const
export type Sex = (typeof SEXES)[number]

export const RELATIONSHIPS = ['father', 'mother', 'grandparent', 'other_relative', 'other'] as const
export type Relationship = (typeof RELATIONSHIPS)[number]

export const CONSENT_PURPOSES = ['data_processing', 'photos', 'outings', 'medication'] as const
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number]

export const CHECK_KINDS = ['morning', 'noon', 'observation'] as const
export type CheckKind = (typeof CHECK_KINDS)[number]

export const EVENT_KINDS = ['isolation', 'infectious_disease', 'doctor_referral', 'return_certificate'] as const
export type EventKind = (typeof EVENT_KINDS)[number]

// ---- Objects ---------------------------------------------------------------------------------------

export interface ChildClass {
  id: number
  institution_id: number
  name: string
  class_type: ClassType
  class_type_label: string
  /** In months of age; null when the class type has none (mixed). */
  age_band: { min: number | null; max: number | null } | null
  max_children: number | null
  enrolled: number
  /** Today's presence, kept current by every check-in and check-out. */
  present_children: number
  present_caregivers: number
  caregivers_needed: number | null
  ratio_ok: boolean
  breach_open: boolean
  breaches_today: number
}

export interface Child {
  id: number
  institution_id: number
  institution_name: string
  region_code: string
  name: string
  id_kind: IdKind
  id_number_masked: string
  sex: Sex
  birth_date: string
  age_months: number | null
  status: ChildStatus
  status_label: string
  class_id: number | null
  class_name: string | null
  allergies: string
  special_needs: string
  agreement_signed_on: string | null
  vaccination_checked_on: string | null
  entry_exam_on: string | null
  enrolled_on: string | null
  left_on: string | null
  left_reason: string | null
  last_present_on: string | null
  /** Away for three months or more: an examination is due before the child comes back (N25). */
  recheck_needed: boolean
  applied_online: boolean
  created_at: string
}

export interface Contact {
  id: number
  name: string
  relationship: Relationship
  relationship_label: string
  phone: string
  guardian: boolean
  can_pick_up: boolean
  /** A guardian's account is linked to this contact. */
  linked_account: boolean
  /** The contact linked to the signed-in account (a guardian's own record). */
  is_me: boolean
}

/**
 * One consent as given (and perhaps withdrawn later). Rows come oldest first; a purpose is in force for a
 * contact when the latest row of that contact and purpose is not withdrawn (see `consentInForce`).
 */
export interface Consent {
  id: number
  contact_id: number
  contact_name?: string
  purpose: ConsentPurpose
  given_at: string
  withdrawn_at: string | null
}

/** The reply to a consent given or withdrawn: `given_at` is null for a withdrawal. */
export interface ConsentReply {
  id: number
  contact_id: number
  purpose: ConsentPurpose
  given_at: string | null
  withdrawn_at: string | null
}

/** The latest row of a contact's consent to a purpose (null: never given). */
export function latestConsent(consents: Consent[], contactId: number, purpose: ConsentPurpose): Consent | null {
  let latest: Consent | null = null
  for (const c of consents) {
    if (c.contact_id === contactId && c.purpose === purpose && (!latest || c.id > latest.id)) latest = c
  }
  return latest
}

/** Whether a contact's consent to a purpose is in force. */
export function consentInForce(consents: Consent[], contactId: number, purpose: ConsentPurpose): boolean {
  const latest = latestConsent(consents, contactId, purpose)
  return !!latest && !latest.withdrawn_at
}

export interface Growth {
  id?: number
  measured_on: string
  height_cm: number
  weight_kg: number
}

export interface HealthEvent {
  id: number
  kind: EventKind
  kind_label?: string
  disease?: string
  note?: string
  on?: string
  happened_on?: string
  created_at?: string
}

export interface ChildDetail extends Child {
  contacts: Contact[]
  consents: Consent[]
  growth: Growth[]
  health_events: HealthEvent[]
}

export interface HealthCheck {
  id: number
  kind: CheckKind
  kind_label: string
  temperature: number | null
  findings: string
  action: string
  abnormal: boolean
  recorded_at: string
  guardian_notified: boolean
}

export interface DailyRecord {
  meals: string
  nap_minutes: number
  nappies: number
  mood: string
  outdoor_minutes: number
  activities: string
  updated_at?: string
}

export interface Notice {
  id: number
  kind: string
  message: string
  created_at: string
}

export interface DayAttendance {
  check_in_at: string | null
  brought_by_name: string | null
  check_out_at: string | null
  collected_by_name: string | null
  absence_reason: string | null
  absence_reported_by_guardian: boolean
  absent?: boolean
}

/** A child's day as its guardians and the institution see it. */
export interface Day {
  day: string
  attendance: DayAttendance | null
  health_checks: HealthCheck[]
  daily: DailyRecord | null
  notices: Notice[]
  health_events: HealthEvent[]
}

export interface GuardianChild {
  child: Child
  contacts: Contact[]
  today: Day
}

// ---- The day's register ------------------------------------------------------------------------------

export interface RegisterChild {
  child_id: number
  name: string
  class_id: number | null
  class_name: string | null
  check_in_at: string | null
  brought_by_name: string | null
  check_out_at: string | null
  collected_by_name: string | null
  absence_reason: string | null
  /** Marked absent for the day (with or without a reason). */
  absent?: boolean
  /** Absent without a reason, and nobody has followed it up yet. */
  needs_follow_up: boolean
  follow_up: { staff_name: string; note: string; at: string } | null
  morning_check_done: boolean
  abnormal: boolean
}

export interface Breach {
  from: string
  to: string | null
  children: number
  caregivers: number
  needed: number
  rule: string
}

export interface RegisterClass extends ChildClass {
  breaches: Breach[]
}

export interface Shift {
  staff_id: number
  name: string
  role: string
  class_id: number | null
  in_at: string | null
  out_at: string | null
}

/** Someone employed at the institution now (the register's pickers: shifts and follow-ups). */
export interface RosterMember {
  staff_id: number
  name: string
  /** The post (`caregiver`, `health_worker`, …); only caregivers come on duty in a class. */
  role: string
}

export interface Register {
  day: string
  children: RegisterChild[]
  /** The day's shifts: who came on duty, in which class, and when they went off. */
  staff: Shift[]
  /** Everyone employed at the institution now, readable by every institution role. */
  roster: RosterMember[]
  classes: RegisterClass[]
}

export interface CheckReply {
  attendance: unknown
  class: ChildClass
}

export interface StaffAttendanceReply {
  staff_id: number
  class_id: number | null
  /** The contract's in_at/out_at; the server answers the action and its time instead. */
  in_at?: string | null
  out_at?: string | null
  action?: 'in' | 'out'
  at?: string
  class: ChildClass | null
}

// ---- Figures -----------------------------------------------------------------------------------------

export interface ChildFigures {
  institution_id: number
  institution_name: string
  region_code: string
  slots: number | null
  enrolled: number
  under_1: number
  age_1: number
  age_2: number
  present: number
  /** A percentage with one decimal (33.3), or null when nobody is enrolled. */
  attendance_rate: number | null
  health_checked: number
  /** A percentage of the children present (one decimal), or null when nobody is present. */
  health_check_rate: number | null
  breaches: number
}

export interface ChildFiguresReply {
  day: string
  items: ChildFigures[]
  sum: Partial<ChildFigures>
  total: number
  page?: number
  page_size?: number
}

// ---- Inputs ----------------------------------------------------------------------------------------

export interface NewContact {
  name: string
  relationship: Relationship
  phone: string
  guardian: boolean
  can_pick_up: boolean
}

export interface NewChild {
  name: string
  id_kind?: IdKind
  id_number: string
  birth_date: string
  sex: Sex | ''
  allergies?: string
  special_needs?: string
  contacts: NewContact[]
}

export interface EnrolInput {
  class_id: number | null
  agreement_signed_on: string
  vaccination_checked_on: string
  entry_exam_on: string
  entry_exam_passed: boolean
  enrolled_on: string
}

export interface ChildFilters {
  q?: string
  status?: ChildStatus | ''
  class_id?: number | null
}

export interface HealthCheckInput {
  kind: CheckKind
  temperature?: number | null
  findings?: string
  action?: string
  abnormal: boolean
}

export interface HealthEventInput {
  kind: EventKind
  disease?: string
  note: string
  on: string
}

export interface Application {
  institution_id: number
  relationship: Relationship
  phone: string
  child: Pick<NewChild, 'name' | 'id_kind' | 'id_number' | 'birth_date' | 'sex' | 'allergies'>
}

// ---- Classes -------------------------------------------------------------------------------------------

export const listClasses = (institutionId: number) =>
  api.get<{ items: ChildClass[] }>(`/institutions/${institutionId}/classes`)

export const createClass = (institutionId: number, name: string, classType: ClassType) =>
  api.post<ChildClass>(`/institutions/${institutionId}/classes`, { name: name.trim(), class_type: classType }, { quiet: true })

// ---- Children ------------------------------------------------------------------------------------------

export function listChildren(
  institutionId: number,
  filters: ChildFilters,
  page: number,
  pageSize: number,
  sort?: ListSort,
) {
  return api.get<Page<Child>>(`/institutions/${institutionId}/children`, {
    q: filters.q?.trim() || undefined,
    status: filters.status || undefined,
    class_id: filters.class_id || undefined,
    page,
    page_size: pageSize,
    sort: sort?.prop,
    order: sort?.order,
  })
}

export function registerChild(institutionId: number, child: NewChild) {
  const body = {
    ...compact({ ...child, contacts: undefined }),
    contacts: child.contacts.map((c) => ({ ...c, name: c.name.trim(), phone: c.phone.trim() })),
  }
  return api.post<ChildDetail>(`/institutions/${institutionId}/children`, body, { quiet: true })
}

export const getChild = (id: number, opts: { quiet?: boolean } = {}) => api.get<ChildDetail>(`/children/${id}`, undefined, opts)

export const addContact = (childId: number, contact: NewContact) =>
  api.post<Contact>(`/children/${childId}/contacts`, { ...contact, name: contact.name.trim(), phone: contact.phone.trim() }, { quiet: true })

/** Gives (`given: true`) or withdraws a consent; a withdrawal with none in force is refused 409 `no_consent`. */
export const recordConsent = (childId: number, contactId: number, purpose: ConsentPurpose, given: boolean) =>
  api.post<ConsentReply>(`/children/${childId}/consents`, { contact_id: contactId, purpose, given }, { quiet: true })

export const enrolChild = (childId: number, input: EnrolInput) =>
  api.post<Child>(`/children/${childId}/enrol`, input, { quiet: true })

export const moveClass = (childId: number, classId: number) =>
  api.post<Child>(`/children/${childId}/class`, { class_id: classId }, { quiet: true })

export const leaveChild = (childId: number, leftOn: string, reason: string) =>
  api.post<Child>(`/children/${childId}/leave`, { left_on: leftOn, reason: reason.trim() }, { quiet: true })

export const recheckChild = (childId: number, examOn: string, passed: boolean) =>
  api.post<Child>(`/children/${childId}/recheck`, { exam_on: examOn, passed }, { quiet: true })

// ---- Attendance and the live ratio ---------------------------------------------------------------------

/** The day's register; `day` left out means today (China's day, on the server). */
export const getRegister = (institutionId: number, day?: string) =>
  api.get<Register>(`/institutions/${institutionId}/attendance`, { day })

export const checkIn = (childId: number, broughtBy: number) =>
  api.post<CheckReply>(`/children/${childId}/check-in`, { brought_by: broughtBy }, { quiet: true })

export const checkOut = (childId: number, collectedBy: number) =>
  api.post<CheckReply>(`/children/${childId}/check-out`, { collected_by: collectedBy }, { quiet: true })

export const reportAbsence = (childId: number, day: string, reason: string) =>
  api.post<unknown>(`/children/${childId}/absence`, { day, reason: reason.trim() }, { quiet: true })

export const recordFollowUp = (childId: number, day: string, staffId: number, note: string) =>
  api.post<unknown>(`/children/${childId}/follow-up`, { day, staff_id: staffId, note: note.trim() }, { quiet: true })

export interface NoticeReply {
  message: string
  class_id: number | null
  children: number
  created_at: string
}

/** A notice to the guardians of the institution's enrolled children (of one class when given). */
export function sendNotice(institutionId: number, message: string, classId?: number | null) {
  const body: Record<string, unknown> = { message: message.trim() }
  if (classId) body.class_id = classId
  return api.post<NoticeReply>(`/institutions/${institutionId}/notices`, body, { quiet: true })
}

export function staffAttendance(institutionId: number, staffId: number, action: 'in' | 'out', classId?: number | null) {
  const body: Record<string, unknown> = { staff_id: staffId, action }
  if (action === 'in' && classId) body.class_id = classId
  return api.post<StaffAttendanceReply>(`/institutions/${institutionId}/staff-attendance`, body, { quiet: true })
}

// ---- Health and the daily record -------------------------------------------------------------------------

export function recordHealthCheck(childId: number, input: HealthCheckInput) {
  const body: Record<string, unknown> = { kind: input.kind, abnormal: input.abnormal }
  if (input.temperature !== null && input.temperature !== undefined) body.temperature = input.temperature
  if (input.findings?.trim()) body.findings = input.findings.trim()
  if (input.action?.trim()) body.action = input.action.trim()
  return api.post<HealthCheck>(`/children/${childId}/health-checks`, body, { quiet: true })
}

export const recordHealthEvent = (childId: number, input: HealthEventInput) =>
  api.post<HealthEvent>(`/children/${childId}/health-events`, compact(input), { quiet: true })

export const recordGrowth = (childId: number, measuredOn: string, heightCm: number, weightKg: number) =>
  api.post<Growth>(
    `/children/${childId}/growth`,
    { measured_on: measuredOn, height_cm: heightCm, weight_kg: weightKg },
    { quiet: true },
  )

export const putDaily = (childId: number, day: string, record: DailyRecord) =>
  api.put<{ daily: DailyRecord; findings: Finding[] }>(
    `/children/${childId}/daily/${day}`,
    {
      meals: record.meals.trim(),
      nap_minutes: record.nap_minutes,
      nappies: record.nappies,
      mood: record.mood.trim(),
      outdoor_minutes: record.outdoor_minutes,
      activities: record.activities.trim(),
    },
    { quiet: true },
  )

export const getDay = (childId: number, day: string, opts: { quiet?: boolean } = {}) =>
  api.get<Day>(`/children/${childId}/days/${day}`, undefined, opts)

// ---- Guardians -------------------------------------------------------------------------------------------

export const guardianChildren = () => api.get<{ items: GuardianChild[] }>('/guardian/children')

export function applyForPlace(application: Application) {
  return api.post<Child>(
    '/guardian/applications',
    {
      institution_id: application.institution_id,
      relationship: application.relationship,
      phone: application.phone.trim(),
      child: compact(application.child),
    },
    { quiet: true },
  )
}

// ---- Figures ---------------------------------------------------------------------------------------------

export function childFigures(
  query: { region_code?: string | null; day?: string; page: number; page_size: number },
  opts: { quiet?: boolean } = {},
) {
  return api.get<ChildFiguresReply>(
    '/children/figures',
    { region_code: query.region_code || undefined, day: query.day || undefined, page: query.page, page_size: query.page_size },
    opts,
  )
}
