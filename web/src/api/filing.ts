import { api, downloadUrl, uploadFile } from './client'
import type { FilingDetail, FilingSummary, Finding, ServiceMode } from './institutions'

// ---- The institution profile (PUT /institutions/{id}/profile) -------------------------------------

export const COORDINATE_SYSTEMS = ['wgs84', 'gcj02', 'bd09'] as const
export type CoordinateSystem = (typeof COORDINATE_SYSTEMS)[number]

export const BASEMENT_USES = ['none', 'non_children', 'children'] as const
export const BUILDING_KINDS = ['standard', 'three_in_one', 'colour_steel'] as const
export const TENURES = ['owned', 'leased'] as const
/** RULES S2: the rooms of each group. */
export const ROOM_GROUPS = {
  living: ['dining', 'sleeping', 'breastfeeding', 'play', 'washing', 'storage'],
  service: ['health_room', 'office', 'security_room'],
  logistics: ['kitchen', 'store', 'disinfection'],
} as const
export type RoomGroup = keyof typeof ROOM_GROUPS
/** RULES N1, N4: the class types by age. */
export const CLASS_TYPES = ['infant_class', 'toddler_class', 'older_toddler_class', 'mixed_class'] as const
export type ClassType = (typeof CLASS_TYPES)[number]
export const MEAL_SOURCES = ['in_house', 'catered'] as const

export interface PlannedClass {
  type: ClassType
  count: number
  size: number
  caregivers: number
  min_age_months?: number
  max_age_months?: number
  activity_room_m2?: number
  own_living_unit?: boolean
}

export interface Site {
  usable_floor_area_m2?: number
  building_area_m2?: number
  outdoor_area_m2?: number
  living_rooms_area_m2?: number
  building_floors?: number
  children_floors?: number[]
  basement_use?: (typeof BASEMENT_USES)[number]
  building_kind?: (typeof BUILDING_KINDS)[number]
  rooms?: Partial<Record<RoomGroup, string[]>>
  observation_room?: { area_m2?: number; beds?: number }
  window_floor_ratio_percent?: number
  safety_rails_and_mats?: boolean
  indoor_air_qualified?: boolean
  fire_exits?: number
  fire_equipment?: boolean
  heating?: boolean
  cooling?: boolean
  tenure?: (typeof TENURES)[number]
  lease_start?: string
  lease_end?: string
}

export interface Profile {
  sponsor_type?: string
  service_modes?: ServiceMode[]
  location?: {
    longitude: number
    latitude: number
    coordinate_system: CoordinateSystem
    /** Computed by the server. */
    wgs84?: { longitude: number; latitude: number }
  }
  site?: Site
  classes?: PlannedClass[]
  slots?: number
  carers?: number
  meals?: { served: boolean; source?: (typeof MEAL_SOURCES)[number] }
}

export interface FilingInstitution {
  id: number
  name: string
  region_code: string
  uscc: string | null
  kind: 'institution' | 'home_point'
  legal_nature: string | null
  address: string | null
  status: string
  status_since: string | null
}

export interface ProfileReply {
  institution_id: number
  institution: FilingInstitution
  profile: Profile | null
  puhui: boolean
  updated_at: string | null
  updated_by: string | null
}

export const getProfile = (institutionId: number) => api.get<ProfileReply>(`/institutions/${institutionId}/profile`)

/** Quiet: the wizard shows the error beside the field it names. */
export const putProfile = (institutionId: number, profile: Profile) =>
  api.put<ProfileReply>(`/institutions/${institutionId}/profile`, profile, { quiet: true })

// ---- The filing (备案书, materials, 承诺书) ---------------------------------------------------------

export const MATERIAL_KINDS = [
  'business_licence',
  'site_proof',
  'staff_certificates',
  'hygiene_evaluation',
  'fire_check',
  'food_licence',
  'other',
] as const
export type MaterialKind = (typeof MATERIAL_KINDS)[number]

export const CHANGE_ITEMS = ['name', 'address', 'head', 'service_modes', 'slots'] as const
export const STAFF_ROLES = ['caregivers', 'health_workers', 'cooks', 'security_guards', 'food_safety_managers'] as const

export interface FilingForm {
  head_name?: string
  head_phone?: string
  head_education?: string
  head_experience_years?: number
  contact_name?: string
  contact_phone?: string
  staff?: Partial<Record<(typeof STAFF_ROLES)[number], number>>
  hygiene_evaluation_result?: 'qualified' | 'unqualified'
  hygiene_evaluation_date?: string
  fire_check_passed?: boolean
  fire_check_date?: string
  note?: string
}

export interface FilingChange {
  date: string
  items: string[]
}

export type FilingKind = FilingSummary['kind']

export function listFilings(institutionId: number) {
  return api.get<{ items: FilingSummary[]; total: number }>(`/institutions/${institutionId}/filings`)
}

export function createFiling(institutionId: number, kind: FilingKind, form: FilingForm, change?: FilingChange) {
  return api.post<FilingDetail>(`/institutions/${institutionId}/filings`, { kind, form, change }, { quiet: true })
}

export function editFiling(
  id: number,
  edit: { form?: FilingForm; change?: FilingChange; commitment?: { signatory: string; accepted: true } },
) {
  return api.patch<FilingDetail>(`/filings/${id}`, edit, { quiet: true })
}

/** One thing that would refuse the submission now: the error the server would answer (409 or 422). */
export interface PrecheckGap {
  status: number
  code: string
  field: string
  message_zh: string
  message_en: string
}

/** GET /filings/{id}/precheck: what submitting the draft now would meet; nothing is stored. */
export interface Precheck {
  filing_id: number
  ready: boolean
  gaps: PrecheckGap[]
  findings: Finding[]
  finding_counts: { fail: number; warn: number }
  days_late: number
}

export const precheckFiling = (id: number) => api.get<Precheck>(`/filings/${id}/precheck`, undefined, { quiet: true })

export const submitFiling = (id: number) => api.post<FilingDetail>(`/filings/${id}/submit`, {}, { quiet: true })

export function uploadMaterial(filingId: number, kind: MaterialKind, file: File, onProgress: (p: number) => void) {
  return uploadFile<unknown>(`/filings/${filingId}/materials`, file, { kind, filename: file.name }, onProgress)
}

export const deleteMaterial = (filingId: number, materialId: number) =>
  api.delete<void>(`/filings/${filingId}/materials/${materialId}`)

export const materialUrl = (filingId: number, materialId: number) =>
  downloadUrl(`/filings/${filingId}/materials/${materialId}`)
export const receiptUrl = (filingId: number) => downloadUrl(`/filings/${filingId}/receipt.pdf`)
export const noticeUrl = (filingId: number) => downloadUrl(`/filings/${filingId}/notice.pdf`)

/** RULES N43: what a filing of this kind needs (the server's RequiredMaterials). */
export function requiredMaterials(kind: FilingKind, servesMeals: boolean): MaterialKind[] {
  if (kind === 'change') return []
  const required: MaterialKind[] = ['business_licence', 'site_proof', 'staff_certificates', 'hygiene_evaluation', 'fire_check']
  if (servesMeals) required.push('food_licence')
  return required
}

// ---- The site-hazard early warning (POST /hazards/check) -----------------------------------------

export interface HazardCheck {
  ok: boolean
  distances_m: Record<string, number> | null
  source: string | null
  clause: string | null
  search_radius_m: number
  hazards: { id: number; kind: string; name: string; distance_m: number; limit_m: number }[]
  findings: Finding[]
}

export function checkHazards(longitude: number, latitude: number, crs: CoordinateSystem, regionCode: string) {
  return api.post<HazardCheck>('/hazards/check', { longitude, latitude, crs, region_code: regionCode }, { quiet: true })
}
