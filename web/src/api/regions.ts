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
