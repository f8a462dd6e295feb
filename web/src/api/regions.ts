import { reactive } from 'vue'
import { api } from './client'
import type { Region } from './types'

// Reactive, so that names resolved later show up in tables already drawn.
const byCode = reactive(new Map<string, Region>())
const childrenCache = new Map<string, Promise<Region[]>>()

function remember(r: Region) {
  byCode.set(r.code, r)
  return r
}

/** Children of a region (parent omitted/null → top level, i.e. provinces). Cached per page load. */
export function regionChildren(parent: string | null): Promise<Region[]> {
  const key = parent ?? ''
  let p = childrenCache.get(key)
  if (!p) {
    p = api
      .get<{ items: Region[] }>('/regions', parent ? { parent } : undefined)
      .then((reply) => reply.items.map(remember))
    p.catch(() => childrenCache.delete(key))
    childrenCache.set(key, p)
  }
  return p
}

export async function regionByCode(code: string, quiet = false): Promise<Region> {
  const known = byCode.get(code)
  if (known) return known
  return remember(await api.get<Region>('/regions/' + encodeURIComponent(code), undefined, { quiet }))
}

export interface RegionHit extends Region {
  /** From the province down to the hit itself. */
  path: { code: string; name: string }[]
}

export interface RegionVersion {
  name: string
  parent_code: string | null
  valid_from: string | null
  valid_to: string | null
}

export interface RegionLink {
  code: string
  name: string
  effective_date: string
}

export interface RegionHistory {
  code: string
  versions: RegionVersion[]
  successors: RegionLink[]
  predecessors: RegionLink[]
}

/** Regions by name or code within the caller's scope, in force today. */
export function searchRegions(q: string, limit = 20) {
  return api.get<{ items: RegionHit[] }>('/regions/search', { q, limit }, { quiet: true })
}

/** Children of a region as the tree stood on a date (not cached: the date varies). */
export function regionChildrenAsOf(parent: string | null, asOf: string) {
  return api
    .get<{ items: Region[] }>('/regions', { parent, as_of: asOf, page_size: 500 })
    .then((reply) => reply.items)
}

export function regionHistory(code: string) {
  return api.get<RegionHistory>(`/regions/${encodeURIComponent(code)}/history`)
}

export function createRegion(body: {
  code: string
  name: string
  parent_code: string
  kind: string | null
  valid_from: string
}) {
  return api.post<Region>('/regions', body)
}

export function renameRegion(code: string, name: string, effectiveDate: string) {
  return api.post<Region>(`/regions/${encodeURIComponent(code)}/rename`, { name, effective_date: effectiveDate })
}

export function closeRegion(code: string, effectiveDate: string, successors: string[]) {
  return api.post<Region>(`/regions/${encodeURIComponent(code)}/close`, { effective_date: effectiveDate, successors })
}

/** Forget everything (another user signed in: the scope differs). */
export function clearRegionCache() {
  byCode.clear()
  childrenCache.clear()
}

/** Look up the names of these codes in the background (errors ignored). */
export function resolveRegionNames(codes: Iterable<string | null | undefined>) {
  const seen = new Set<string>()
  for (const code of codes) {
    if (!code || byCode.has(code) || seen.has(code)) continue
    seen.add(code)
    regionByCode(code, true).catch(() => undefined)
  }
}

export function cachedRegionName(code: string | null | undefined): string | null {
  if (!code) return null
  return byCode.get(code)?.name ?? null
}
