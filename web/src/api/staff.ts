import { api, compact, downloadUrl, request, requestBlob, uploadFile } from './client'
import type { Finding } from './institutions'
import type { ImportError } from './population'
import type { ListSort, Page } from './types'

// The staff (从业人员) of institutions: records with masked identity numbers, their certificates and
// yearly duties, the staffing check of an institution, and what regulators watch over them (duties
// overdue, 持证率, people employed twice, the lifetime ban and its alerts).

/** Posts (岗位); the server also accepts the Chinese labels. */
export const STAFF_ROLES = [
  'head',
  'caregiver',
  'health_worker',
  'cook',
  'security_guard',
  'accountant',
  'food_safety_manager',
  'fire_safety_manager',
  'administrative',
  'other',
] as const
export type StaffRole = (typeof STAFF_ROLES)[number]

/** Education, lowest first. */
export const EDUCATIONS = [
  'junior_high',
  'senior_high',
  'secondary_vocational',
  'junior_college',
  'bachelor',
  'master',
  'doctor',
] as const
export type Education = (typeof EDUCATIONS)[number]

/** Identity documents; only the resident identity number has a check character (GB 11643). */
export const ID_KINDS = ['resident_id', 'hk_macao_permit', 'taiwan_permit', 'passport', 'foreign_permanent'] as const
export type IdKind = (typeof ID_KINDS)[number]

/** Certificates and proofs on file. */
export const DOCUMENT_KINDS = [
  'nursery_worker',
  'infant_carer',
  'health_certificate',
  'no_criminal_record',
  'security_guard',
  'food_worker_health',
  'head_training',
  'health_worker_training',
  'teacher',
] as const
export type DocumentKind = (typeof DOCUMENT_KINDS)[number]

/** The yearly duties: health examination and hygiene training. */
export const DUTY_KINDS = ['health_exam', 'hygiene_training'] as const
export type DutyKind = (typeof DUTY_KINDS)[number]

export type DutyStatus = 'ok' | 'due_soon' | 'overdue' | 'ended'

export interface StaffDuty {
  kind: DutyKind
  label: string
  last_done: string | null
  due_on: string
  status: DutyStatus
}

export interface StaffRecord {
  id: number
  institution_id: number
  institution_name: string
  region_code: string
  name: string
  id_kind: IdKind
  id_kind_label: string
  id_number_masked: string
  sex: 'male' | 'female' | null
  birth_year: number | null
  phone: string
  role: StaffRole
  role_label: string
  education: Education
  education_label: string
  experience_years: number
  start_on: string
  employed: boolean
  end_on: string | null
  end_reason: string
  /** A photo is on file (fetch it with getStaffPhoto: every fetch is audited). */
  has_photo: boolean
  duties: StaffDuty[]
  created_at: string
  updated_at: string
}

/** The reply of a stored photo. */
export interface StaffPhotoReply {
  id: number
  has_photo: true
  media_type: 'image/jpeg' | 'image/png'
  size: number
}

/** The largest photo the server takes (512 KB). */
export const MAX_PHOTO_BYTES = 512 * 1024

export interface StaffDocument {
  id: number
  kind: DocumentKind
  label: string
  level: string
  number: string
  issuer: string
  issued_on: string | null
  expires_on: string | null
  hours: number | null
  valid: boolean
  created_at: string
}

export interface DutyEntry {
  id: number
  kind: DutyKind
  label: string
  done_on: string
  passed: boolean
  note: string
}

export interface StaffDetail extends StaffRecord {
  documents: StaffDocument[]
  duty_history: DutyEntry[]
}

export interface StaffFilters {
  q?: string
  role?: StaffRole | ''
  include_ended?: boolean
}

export interface NewStaff {
  name: string
  id_kind?: IdKind
  id_number: string
  role: StaffRole | ''
  education: Education | ''
  experience_years?: number
  phone?: string
  start_on: string
  last_health_exam?: string
  last_hygiene_training?: string
}

export interface StaffChanges {
  name?: string
  phone?: string
  role?: StaffRole
  education?: Education
  experience_years?: number
}

export interface NewDocument {
  kind: DocumentKind
  level?: string
  number?: string
  issuer?: string
  issued_on?: string
  expires_on?: string
  hours?: number
}

export interface NewDuty {
  kind: DutyKind
  done_on: string
  passed?: boolean
  note?: string
}

export interface Staffing {
  institution_id: number
  institution_name: string
  as_of: string
  employed: number
  by_role: Partial<Record<StaffRole, number>>
  caregivers: number
  certified_caregivers: number
  /** 0..1, or null when there are no caregivers. */
  certified_rate: number | null
  findings: Finding[]
}

/** A staff import's result, or why the file was refused (every bad row with its line). */
export interface StaffImportReply {
  dry_run?: boolean
  rows?: number
  created?: number
  encoding?: string
  code?: string
  message_zh?: string
  message_en?: string
  error_count?: number
  errors?: ImportError[]
}

export interface StaffFigures {
  institution_id: number
  institution_name: string
  region_code: string
  region_name: string
  status: string
  employed: number
  caregivers: number
  certified_caregivers: number
  certified_rate: number | null
  overdue_duties: number
  staffing_failures: number
}

export interface StaffOverview extends Page<StaffFigures> {
  sum: {
    region_code: string
    employed: number
    caregivers: number
    certified_caregivers: number
    certified_rate: number | null
    overdue_duties: number
  }
}

/** An employment at an institution outside the caller's region: its county code only. */
export interface OutsideEmployment {
  outside_scope: true
  county_code: string
  role: string
  role_label: string
  start_on: string
}
export type Employment = StaffRecord | OutsideEmployment

export interface MultiEmployment {
  name: string
  id_number_masked: string
  employments: Employment[]
}

export interface Ban {
  id: number
  name: string
  id_number_masked: string
  case_summary: string
  authority: string
  decided_on: string
  region_code: string
  region_name: string
  recorded_by: string
  recorded_at: string
}

export interface NewBan {
  name: string
  id_kind?: IdKind
  id_number: string
  case_summary: string
  authority: string
  decided_on: string
}

export interface RecordedBan {
  id: number
  name: string
  id_number_masked: string
  case_summary: string
  authority: string
  decided_on: string
  region_code: string
  /** Outside the caller's region an employment shows its county code only. */
  employed_now: {
    institution_outside_scope: boolean
    staff_id: number | null
    institution_id: number | null
    institution_name: string
    region_code: string
  }[]
}

export interface BanAlert {
  id: number
  ban_id: number
  banned_name: string
  ban_region_code: string
  region_code: string
  /** An institution outside the caller's region: no id or name, and its county code. */
  institution_outside_scope: boolean
  institution_id: number | null
  institution_name: string
  institution_region_code: string
  attempted_name: string
  channel: 'hire' | 'import' | 'employed'
  attempted_by: string
  created_at: string
}

// ---- One institution's staff ---------------------------------------------------------------------

export function listStaff(
  institutionId: number,
  filters: StaffFilters,
  page: number,
  pageSize: number,
  sort?: ListSort,
) {
  return api.get<Page<StaffRecord>>(`/institutions/${institutionId}/staff`, {
    q: filters.q?.trim() || undefined,
    role: filters.role || undefined,
    include_ended: filters.include_ended ? 'true' : undefined,
    page,
    page_size: pageSize,
    sort: sort?.prop,
    order: sort?.order,
  })
}

/** Employ a person; quiet: the dialog shows the refusal beside the form. */
export function hireStaff(institutionId: number, person: NewStaff) {
  return api.post<StaffRecord>(`/institutions/${institutionId}/staff`, compact(person), { quiet: true })
}

export const getStaffing = (institutionId: number) => api.get<Staffing>(`/institutions/${institutionId}/staffing`)

/** Checks (dryRun) or imports a .xlsx or .csv staff list, reporting the upload's progress (0–100). */
export function uploadStaff(institutionId: number, file: File, dryRun: boolean, onProgress: (percent: number) => void) {
  return uploadFile<StaffImportReply>(
    `/institutions/${institutionId}/staff/import`,
    file,
    { dry_run: dryRun ? 1 : 0 },
    onProgress,
  )
}

export const staffTemplateUrl = () => downloadUrl('/staff/template')
export const staffExportUrl = (institutionId: number) => downloadUrl(`/institutions/${institutionId}/staff/export`)

// ---- One record ------------------------------------------------------------------------------------

export const getStaff = (id: number) => api.get<StaffDetail>(`/staff/${id}`)
/** The full identity number; every call is audited. */
export const revealIdNumber = (id: number) =>
  api.get<{ id: number; id_kind: IdKind; id_number: string }>(`/staff/${id}/id-number`)
export const updateStaff = (id: number, changes: StaffChanges) =>
  api.patch<StaffRecord>(`/staff/${id}`, changes, { quiet: true })
export const endEmployment = (id: number, endOn: string, reason: string) =>
  api.post<StaffRecord>(`/staff/${id}/end`, { end_on: endOn, reason: reason.trim() }, { quiet: true })
export const addDocument = (id: number, document: NewDocument) =>
  api.post<StaffDocument>(`/staff/${id}/documents`, compact(document), { quiet: true })
export const addDuty = (id: number, duty: NewDuty) =>
  api.post<StaffRecord>(`/staff/${id}/duties`, compact(duty), { quiet: true })

/** Stores the photo (JPEG or PNG, at most 512 KB) as the request body; quiet: the drawer shows the refusal. */
export const putStaffPhoto = (id: number, file: File) =>
  request<StaffPhotoReply>('PUT', `/staff/${id}/photo`, { raw: file, quiet: true })
/** The photo's bytes; every fetch is audited, so only the open record's drawer asks for it. */
export const getStaffPhoto = (id: number) => requestBlob(`/staff/${id}/photo`, { quiet: true })
export const deleteStaffPhoto = (id: number) => api.delete<void>(`/staff/${id}/photo`, { quiet: true })

// ---- Oversight ------------------------------------------------------------------------------------

export function dueDuties(
  filters: { status: 'due' | 'overdue'; region_code?: string | null; institution_id?: number | null },
  page: number,
  pageSize: number,
) {
  return api.get<Page<StaffRecord>>('/staff/duties', {
    status: filters.status,
    region_code: filters.region_code || undefined,
    institution_id: filters.institution_id || undefined,
    page,
    page_size: pageSize,
  })
}

export function staffOverview(
  regionCode: string | null | undefined,
  page: number,
  pageSize: number,
  opts: { quiet?: boolean } = {},
) {
  return api.get<StaffOverview>(
    '/staff/overview',
    { region_code: regionCode || undefined, page, page_size: pageSize },
    opts,
  )
}

export const multiEmployment = () => api.get<{ items: MultiEmployment[]; limit: number }>('/staff/multi-employment')

export const listBans = (page: number, pageSize: number) => api.get<Page<Ban>>('/bans', { page, page_size: pageSize })

/** Record a lifetime ban; quiet: the dialog shows the refusal. */
export const recordBan = (ban: NewBan) => api.post<RecordedBan>('/bans', compact(ban), { quiet: true })

export const listBanAlerts = (page: number, pageSize: number) =>
  api.get<Page<BanAlert>>('/bans/alerts', { page, page_size: pageSize })
