import { api, uploadFile } from './client'
import type { Job } from './jobs'

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

/** The result of an import (a job's `result`) or why it was refused (its `error`, or the upload's reply). */
export interface ImportReply {
  dry_run?: boolean
  rows?: number
  imported?: number
  skipped?: number
  created?: number
  replaced?: number
  code?: string
  message_zh?: string
  message_en?: string
  error_count?: number
  errors?: ImportError[]
}

export type ImportJob = Job<ImportReply, ImportReply>

/**
 * Uploads a file to import, reporting the upload's progress (0–100). The server answers 202 with
 * the queued job, which reads, checks and writes the file (see waitForJob in ./jobs); or, for a
 * request it refuses outright (wrong type, too large, too many jobs), the error object.
 */
export function uploadPopulation(file: File, dryRun: boolean, onProgress: (percent: number) => void) {
  return uploadFile<{ job?: ImportJob } & ImportReply>(
    '/population/import',
    file,
    { dry_run: dryRun ? 1 : 0 },
    onProgress,
  )
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
