import { reactive } from 'vue'
import type { User } from '../api/types'
import { clearRegionCache } from '../api/regions'

/**
 * The region chosen in the top bar, used as `region_code` filter by the lists.
 * code null = no filter (an administrator sees the whole country).
 */
export const regionFilter = reactive({
  code: null as string | null,
  name: null as string | null,
  /** Path of codes from rootCode (or the top level) down to code, for the cascader. */
  path: [] as string[],
  /** The region the picker starts at: the user's own region (null = top level). */
  rootCode: null as string | null,
  rootName: null as string | null,
  /** Whether this user may pick a region at all (administrators and regulators). */
  enabled: false,
  userId: null as number | null,
})

const STORAGE_KEY = 'tuoyu.region'

function defaults(user: User | null) {
  const own = !!user && user.role !== 'admin' && !!user.region_code
  regionFilter.code = own ? user!.region_code : null
  regionFilter.name = own ? user!.region_name : null
  regionFilter.path = own ? [user!.region_code!] : []
}

export function resetRegionFor(user: User | null) {
  if ((user?.id ?? null) !== regionFilter.userId) clearRegionCache()
  regionFilter.userId = user?.id ?? null
  regionFilter.enabled = !!user && (user.role === 'admin' || user.role === 'regulator')
  regionFilter.rootCode = user && user.role !== 'admin' ? user.region_code : null
  regionFilter.rootName = user && user.role !== 'admin' ? user.region_name : null
  defaults(user)
  if (!user || !regionFilter.enabled) return
  try {
    const saved = JSON.parse(sessionStorage.getItem(STORAGE_KEY) || 'null')
    if (saved && saved.userId === user.id && typeof saved.code === 'string' && Array.isArray(saved.path)) {
      regionFilter.code = saved.code
      regionFilter.name = saved.name ?? null
      regionFilter.path = saved.path
    }
  } catch {
    /* ignore */
  }
}

/** Choose a region (null = back to the user's default). */
export function selectRegion(picked: { code: string; name: string; path: string[] } | null) {
  if (picked) {
    regionFilter.code = picked.code
    regionFilter.name = picked.name
    regionFilter.path = [...picked.path]
  } else {
    regionFilter.code = regionFilter.rootCode
    regionFilter.name = regionFilter.rootName
    regionFilter.path = regionFilter.rootCode ? [regionFilter.rootCode] : []
  }
  try {
    if (picked) {
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ userId: regionFilter.userId, ...picked }))
    } else {
      sessionStorage.removeItem(STORAGE_KEY)
    }
  } catch {
    /* ignore */
  }
}
