import { api, downloadUrl } from './client'
import type { Page } from './types'

/** Where an institution stands with its regulator (src/core/lifecycle.hpp). */
export const INSTITUTION_STATUSES = [
  'registered',
  'filing_submitted',
  'filing_rejected',
  'filed',
  'change_submitted',
  'rectifying',
  'revoked',
  'cancelled',
  'closed',
] as const
export type InstitutionStatus = (typeof INSTITUTION_STATUSES)[number]

export const INSTITUTION_KINDS = ['institution', 'home_point'] as const
export type InstitutionKind = (typeof INSTITUTION_KINDS)[number]

/** RULES S15. */
export const SERVICE_MODES = ['full_day', 'half_day', 'hourly', 'temporary'] as const
export type ServiceMode = (typeof SERVICE_MODES)[number]

export interface Institution {
  id: number
  name: string
  region_code: string
  region_name: string
  uscc: string | null
  created_at: string
  kind: InstitutionKind
  status: InstitutionStatus
  status_since: string | null
  address: string | null
  legal_nature: string | null
  sponsor_type: string | null
  service_modes: ServiceMode[]
  slots: number | null
  puhui: boolean
}

export interface InstitutionFilters {
  q?: string
  region_code?: string
  status?: InstitutionStatus | ''
  kind?: InstitutionKind | ''
  puhui?: boolean | ''
  sponsor_type?: string
  service_mode?: ServiceMode | ''
}

export interface Transition {
  id: number
  from_status: InstitutionStatus | null
  to_status: InstitutionStatus
  event: string
  reason: string
  /** Set when the system gave the reason: the history shows it in the current language. */
  reason_code: string | null
  actor_username: string | null
  at: string
}

export interface FilingDeadlines {
  received_on: string
  receipt_due: string
  rejection_due: string
  estimated: boolean
  receipt_working_days_left?: number
  rejection_working_days_left?: number
  warning?: 'ok' | 'due_soon' | 'overdue'
  warning_deadline?: string
}

export interface FilingSummary {
  id: number
  institution_id: number
  institution_name: string
  region_code: string
  region_name: string
  kind: 'initial' | 'change' | 'relocation'
  state: 'draft' | 'submitted' | 'accepted' | 'rejected' | 'void'
  days_late: number
  late: boolean
  deadlines: FilingDeadlines | null
  finding_counts: { fail: number; warn: number }
  submitted_at: string | null
  decided_at: string | null
  receipt_number: string | null
  rejection_reasons: string[] | null
  change?: { date: string; items: string[] } | null
  submitted_by?: string | null
  decided_by?: string | null
  published_at?: string | null
  created_at?: string
  updated_at?: string
}

export interface Finding {
  rule: string
  severity: 'fail' | 'warn' | 'info'
  field?: string
  value?: string
  limit?: string
  unit?: string
  source?: string
  clause?: string
  message_zh: string
  message_en: string
}

export interface FilingMaterial {
  id: number
  filing_id: number
  kind: string
  label_zh: string
  label_en: string
  file_name: string
  given_name: string
  media_type: string
  size: number
  sha256: string
  uploaded_by: string | null
  uploaded_at: string
}

export interface FilingDetail extends FilingSummary {
  findings?: Finding[]
  form?: Record<string, unknown>
  commitment?: { text: string; signatory: string; accepted_at: string } | null
  /** A draft's 承诺书 as the server stores it when accepted (the text signed, in Chinese). */
  commitment_text?: string
  declaration?: { profile?: Record<string, unknown> } | null
  decision_note?: string | null
  materials?: FilingMaterial[]
}

function query(filters: InstitutionFilters) {
  return {
    q: filters.q?.trim() || undefined,
    region_code: filters.region_code || undefined,
    status: filters.status || undefined,
    kind: filters.kind || undefined,
    puhui: filters.puhui === '' || filters.puhui === undefined ? undefined : String(filters.puhui),
    sponsor_type: filters.sponsor_type || undefined,
    service_mode: filters.service_mode || undefined,
  }
}

export function listInstitutions(
  filters: InstitutionFilters,
  page: number,
  pageSize: number,
  sort?: { prop: string; order: 'asc' | 'desc' },
) {
  return api.get<Page<Institution>>('/institutions', {
    ...query(filters),
    page,
    page_size: pageSize,
    sort: sort?.prop,
    order: sort?.order,
  })
}

export function exportUrl(filters: InstitutionFilters, format: 'xlsx' | 'csv') {
  return downloadUrl('/institutions/export', { ...query(filters), format })
}

export const getInstitution = (id: number) => api.get<Institution>('/institutions/' + id)
export const getTransitions = (id: number) => api.get<{ items: Transition[] }>('/institutions/' + id + '/transitions')
export const getFilings = (id: number) => api.get<{ items: FilingSummary[] }>('/institutions/' + id + '/filings')
export const getFiling = (id: number) => api.get<FilingDetail>('/filings/' + id)

export function reviewQueue(page: number, pageSize: number, warning?: string) {
  return api.get<Page<FilingSummary> & { today: string }>('/filings/queue', {
    page,
    page_size: pageSize,
    warning: warning || undefined,
  })
}

export const acceptFiling = (id: number, note: string) => api.post<FilingDetail>('/filings/' + id + '/accept', { note })
export const rejectFiling = (id: number, reasons: string[], note: string) =>
  api.post<FilingDetail>('/filings/' + id + '/reject', { reasons, note })
