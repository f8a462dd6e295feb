import { api } from './client'

export interface RegionRef {
  code: string
  name: string
  level: number
}

/** One value set along the path from the national level down to the region asked about. */
export interface ParameterSetting {
  region: RegionRef | null
  value: unknown
  source: string | null
  clause: string | null
  tag: string | null
  verify: boolean
  note: string | null
  set_by?: string | null
  set_at?: string | null
}

export interface Parameter {
  key: string
  label_zh: string
  label_en: string
  unit: string | null
  type: string
  rule: string | null
  value: unknown
  /** Where the value in force is set; null = the national default. */
  set_at_region: RegionRef | null
  source: string | null
  clause: string | null
  tag: string | null
  verify: boolean
  overridden_here: boolean
  chain: ParameterSetting[]
}

export interface ParameterEdit {
  value: unknown
  source: string
  clause: string
  tag: string
  note: string
}

export function parametersAt(region: string | null) {
  return api.get<{ items: Parameter[] }>('/parameters', { region })
}

export function setParameter(key: string, region: string, edit: ParameterEdit) {
  return api.put<unknown>(`/parameters/${encodeURIComponent(key)}/regions/${encodeURIComponent(region)}`, edit)
}

export function removeParameter(key: string, region: string) {
  return api.delete<unknown>(`/parameters/${encodeURIComponent(key)}/regions/${encodeURIComponent(region)}`)
}
