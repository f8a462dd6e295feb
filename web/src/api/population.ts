import { api } from './client'

/** The figures of one region and year; null = not known (which is not zero). */
export interface PopulationFigures {
  resident: number | null
  registered: number | null
  births: number | null
  age_0_1: number | null
  age_1_2: number | null
  age_2_3: number | null
  /** 'own': entered for this region; 'sum': added up from the regions below; null: nothing known. */
  origin: 'own' | 'sum' | null
  source: string | null
  source_date: string | null
  updated_at: string | null
}

export interface PopulationRow extends PopulationFigures {
  code: string
  name: string
  level: number
  has_children?: boolean
}

export interface PopulationReply {
  region: PopulationRow
  children: PopulationRow[]
}

export const FIGURES = ['resident', 'registered', 'births', 'age_0_1', 'age_1_2', 'age_2_3'] as const
export type Figure = (typeof FIGURES)[number]

export interface PopulationEdit {
  resident: number | null
  registered: number | null
  births: number | null
  age_0_1: number | null
  age_1_2: number | null
  age_2_3: number | null
  source: string
  source_date: string | null
}

export interface ImportError {
  line: number
  field: string | null
  code: string
  message_zh: string
  message_en: string
}

export interface ImportReply {
  imported?: number
  created?: number
  replaced?: number
  code?: string
  message_zh?: string
  message_en?: string
  errors?: ImportError[]
}

export function populationOf(region: string, year: number) {
  return api.get<PopulationReply>('/population', { region, year })
}

export function populationYears(region: string) {
  return api.get<{ years: number[] }>('/population/years', { region })
}

export function savePopulation(code: string, year: number, edit: PopulationEdit) {
  return api.put<PopulationRow>(`/population/${encodeURIComponent(code)}/${year}`, edit)
}
