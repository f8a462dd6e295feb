import { api } from './client'
import type { Page } from './types'

// ---- Public disclosure (no sign-in) ----------------------------------------------------------------

export interface RegionStep {
  code: string
  name: string
}

/** An institution as anyone may see it: its disclosed facts, nothing personal. */
export interface PublicInstitution {
  id: number
  name: string
  kind: 'institution' | 'home_point'
  address: string | null
  region_code: string
  region_path: RegionStep[]
  sponsor_type: string | null
  service_modes: string[]
  slots: number | null
  puhui: boolean
  puhui_since: string | null
  puhui_fee_per_month_yuan: number | null
  puhui_slots: number | null
  filing_receipt_number: string | null
  filed_on: string | null
  puhui_history?: { list_id: number; effective_from: string; revoked_on: string | null; fee_per_month_yuan: number; slots: number }[]
}

export interface PublicRegion {
  code: string
  name: string
  level: number
  institutions: number
  has_children: boolean
}

export interface PublicEntry {
  id: number
  institution_id: number | null
  institution_name: string
  address: string | null
  region_code: string
  fee_per_month_yuan: number
  slots: number
  state: 'listed' | 'recognised' | 'dropped'
  outcome: string | null
  objections: number
  objections_open: number
}

export interface PublicList {
  type?: 'puhui_list'
  id: number
  title: string
  county_code: string
  region_path: RegionStep[]
  state: 'publicity' | 'confirmed'
  published_on: string
  publicity_working_days: number
  period_end: string
  period_estimated: boolean
  taking_objections: boolean
  effective_from: string | null
  entries: PublicEntry[]
}

export interface PublicRejection {
  type: 'filing_rejection'
  id: number
  filing_kind: string
  institution_name: string
  region_code: string
  region_path: RegionStep[]
  reasons: string[]
  published_on: string
}

export type Decision = PublicList | PublicRejection

export interface PublicFilter {
  region_code?: string
  kind?: string
  puhui?: boolean | ''
  service_mode?: string
  q?: string
  page?: number
  page_size?: number
}

export function publicInstitutions(filter: PublicFilter) {
  return api.get<Page<PublicInstitution>>('/public/institutions', { ...filter })
}

export function publicInstitution(id: number) {
  return api.get<PublicInstitution>('/public/institutions/' + id)
}

export function publicRegions(parent: string | null) {
  return api.get<{ items: PublicRegion[] }>('/public/regions', parent ? { parent } : undefined)
}

export function publicDecisions(query: { region_code?: string; type?: string; page?: number; page_size?: number }) {
  return api.get<Page<Decision>>('/public/decisions', query)
}

export function publicList(id: number) {
  return api.get<PublicList>('/public/puhui-lists/' + id)
}

export interface ObjectionInput {
  entry_id: number
  text: string
  name?: string
  contact?: string
}

/** Quiet: the form shows the error beside its fields. */
export function lodgeObjection(listId: number, input: ObjectionInput) {
  return api.post<{ id: number; lodged_on: string }>('/public/puhui-lists/' + listId + '/objections', input, {
    quiet: true,
  })
}

// ---- 普惠 recognition (signed in) ----------------------------------------------------------------

export type ApplicationState = 'submitted' | 'approved' | 'rejected' | 'listed' | 'recognised' | 'dropped'

export interface PuhuiApplication {
  id: number
  institution_id: number
  institution_name: string
  region_code: string
  region_name: string
  fee_per_month_yuan: number
  slots: number
  note: string
  state: ApplicationState
  submitted_by: string | null
  submitted_at: string | null
  decided_by: string | null
  decided_at: string | null
  decision_note: string | null
  rejection_reasons: string[]
  list_id: number | null
}

export interface PuhuiEntry {
  id: number
  application_id: number
  institution_id: number
  institution_name: string
  address: string | null
  region_code: string
  fee_per_month_yuan: number
  slots: number
  state: 'listed' | 'recognised' | 'dropped'
  outcome: string | null
  objections: number
  objections_open: number
}

export interface PuhuiList {
  id: number
  county_code: string
  county_name: string
  title: string
  state: 'publicity' | 'confirmed'
  published_on: string
  publicity_working_days: number
  period_end: string
  period_estimated: boolean
  published_by: string | null
  effective_from: string | null
  confirmed_by: string | null
  taking_objections?: boolean
  may_confirm?: boolean
  entries: PuhuiEntry[]
}

export interface PuhuiObjection {
  id: number
  list_id: number
  entry_id: number
  institution_name: string
  objector_name: string | null
  objector_contact: string | null
  text: string
  lodged_on: string
  state: 'open' | 'upheld' | 'dismissed'
  resolution: string | null
  resolved_by: string | null
}

export interface PuhuiStatus {
  institution_id: number
  institution_name: string
  region_code: string
  status: string
  may_apply: boolean
  puhui: boolean
  puhui_since: string | null
  fee_per_month_yuan: number | null
  slots: number | null
  recognitions: {
    id: number
    list_id: number
    fee_per_month_yuan: number
    slots: number
    effective_from: string
    revoked_on: string | null
    revocation_reason: string | null
  }[]
  applications: PuhuiApplication[]
}

export function listApplications(query: { state?: string; region_code?: string; page?: number; page_size?: number }) {
  return api.get<Page<PuhuiApplication>>('/puhui/applications', query)
}

export function applyForPuhui(input: { institution_id: number; fee_per_month_yuan: number; slots: number; note?: string }) {
  return api.post<PuhuiApplication>('/puhui/applications', input)
}

export function approveApplication(id: number, note?: string) {
  return api.post<PuhuiApplication>(`/puhui/applications/${id}/approve`, note ? { note } : {})
}

export function rejectApplication(id: number, reasons: string[]) {
  return api.post<PuhuiApplication>(`/puhui/applications/${id}/reject`, { reasons })
}

export function publishList(countyCode: string, title?: string) {
  return api.post<PuhuiList>('/puhui/lists', title ? { county_code: countyCode, title } : { county_code: countyCode })
}

export function listLists(query: { region_code?: string; state?: string; page?: number; page_size?: number }) {
  return api.get<Page<PuhuiList> & { today: string }>('/puhui/lists', query)
}

export function getList(id: number) {
  return api.get<PuhuiList & { objections: PuhuiObjection[]; today: string }>('/puhui/lists/' + id)
}

export function confirmList(id: number) {
  return api.post<PuhuiList>(`/puhui/lists/${id}/confirm`, {})
}

export function resolveObjection(id: number, outcome: 'upheld' | 'dismissed', resolution: string) {
  return api.post<PuhuiObjection>(`/puhui/objections/${id}/resolve`, { outcome, resolution })
}

export function puhuiStatus(institutionId: number) {
  return api.get<PuhuiStatus>('/puhui/institutions/' + institutionId)
}

export function revokePuhui(institutionId: number, reason: string) {
  return api.post<PuhuiStatus>(`/puhui/institutions/${institutionId}/revoke`, { reason })
}
