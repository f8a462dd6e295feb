import { api } from './client'

export interface Dictionary {
  key: string
  name_zh: string
  name_en: string
  entry_count: number
}

export interface DictionaryEntry {
  code: string
  label_zh: string
  label_en: string
  sort_order: number
  disabled: boolean
  note: string | null
}

export function dictionaries() {
  return api.get<{ items: Dictionary[] }>('/dictionaries')
}

export function dictionaryEntries(key: string, includeDisabled: boolean) {
  return api.get<{ key: string; items: DictionaryEntry[] }>(`/dictionaries/${encodeURIComponent(key)}`, {
    include_disabled: includeDisabled ? 1 : undefined,
  })
}

export function addEntry(key: string, entry: DictionaryEntry) {
  return api.post<DictionaryEntry>(`/dictionaries/${encodeURIComponent(key)}/entries`, entry)
}

export function updateEntry(key: string, entry: DictionaryEntry) {
  const { code, ...rest } = entry
  return api.put<DictionaryEntry>(
    `/dictionaries/${encodeURIComponent(key)}/entries/${encodeURIComponent(code)}`,
    rest,
  )
}
