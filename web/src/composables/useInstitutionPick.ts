import { computed, ref, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import type { Institution } from '../api/institutions'
import { session } from '../stores/session'

/**
 * Which institution a page is about. Regulators and administrators choose one of their region (with the
 * InstitutionPicker: `v-model="picked" @change="onPick"`); a link names it as `?institution=<id>`, and the
 * one last chosen is remembered for the session under `storageKey` (per user), so that the menu's bare
 * link brings it back. Everyone else sees their own institution. With `storageKey` null the page is only
 * ever about the user's own institution.
 */
export function useInstitutionPick(storageKey: string | null) {
  const route = useRoute()
  const router = useRouter()

  const picksInstitution = computed(
    () => storageKey !== null && (session.user?.role === 'admin' || session.user?.role === 'regulator'),
  )

  function idFromQuery(): number | null {
    const n = Number(route.query.institution)
    return route.query.institution !== undefined && Number.isInteger(n) && n > 0 ? n : null
  }
  function rememberedPick(): number | null {
    if (storageKey === null) return null
    try {
      const saved = JSON.parse(sessionStorage.getItem(storageKey) || 'null')
      return saved && saved.userId === session.user?.id && Number.isInteger(saved.id) ? saved.id : null
    } catch {
      return null
    }
  }
  function rememberPick(id: number | null) {
    if (storageKey === null) return
    try {
      if (id) sessionStorage.setItem(storageKey, JSON.stringify({ userId: session.user?.id, id }))
      else sessionStorage.removeItem(storageKey)
    } catch {
      /* storage may be unavailable */
    }
  }

  const picked = ref<number | null>(picksInstitution.value ? (idFromQuery() ?? rememberedPick()) : null)
  const pickedName = ref('')
  const institutionId = computed<number | null>(() =>
    picksInstitution.value ? picked.value : (session.user?.institution_id ?? null),
  )
  const institutionName = computed(() =>
    picksInstitution.value ? pickedName.value : (session.user?.institution_name ?? ''),
  )

  /** The picker's change: names the institution, remembers it and puts it into the address. */
  function onPick(institution: Institution | null) {
    pickedName.value = institution?.name ?? ''
    rememberPick(picked.value)
    const query = { ...route.query }
    if (picked.value) query.institution = String(picked.value)
    else delete query.institution
    router.replace({ query })
  }

  if (storageKey !== null) {
    watch(
      () => route.query.institution,
      () => {
        if (!picksInstitution.value) return
        // A link names its institution; the menu's bare link keeps the one chosen.
        const id = idFromQuery()
        if (id && id !== picked.value) picked.value = id
      },
    )
  }

  return { picksInstitution, picked, institutionId, institutionName, onPick }
}
