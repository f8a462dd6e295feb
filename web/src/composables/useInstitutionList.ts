import { reactive, ref, type Ref } from 'vue'
import type { ListSort, Page } from '../api/types'

/**
 * One institution's paged list with its filters and the table's sort (its children, its staff): what the
 * table, the filters and the pager bind. A reply for an institution no longer chosen is dropped; a failed
 * one empties the list (the client has shown the error).
 */
export function useInstitutionList<T, F extends object>(
  institutionId: Readonly<Ref<number | null>>,
  blankFilters: () => F,
  fetchPage: (institutionId: number, filters: F, page: number, pageSize: number, sort?: ListSort) => Promise<Page<T>>,
) {
  const filters = reactive(blankFilters()) as F
  const rows = ref([]) as Ref<T[]>
  const total = ref(0)
  const page = ref(1)
  const pageSize = ref(20)
  const sort = ref<ListSort | undefined>()
  const loading = ref(false)

  async function load() {
    const id = institutionId.value
    if (!id) {
      rows.value = []
      total.value = 0
      return
    }
    loading.value = true
    try {
      const reply = await fetchPage(id, filters, page.value, pageSize.value, sort.value)
      if (id !== institutionId.value) return
      rows.value = reply.items
      total.value = reply.total
    } catch {
      rows.value = []
      total.value = 0
    } finally {
      loading.value = false
    }
  }

  /** From the first page again (the filters or the page size changed). */
  function search() {
    page.value = 1
    load()
  }

  function resetFilters() {
    Object.assign(filters, blankFilters())
    search()
  }

  function onSort({ prop, order }: { prop: string | null; order: 'ascending' | 'descending' | null }) {
    sort.value = prop && order ? { prop, order: order === 'descending' ? 'desc' : 'asc' } : undefined
    search()
  }

  return { filters, rows, total, page, pageSize, loading, load, search, resetFilters, onSort }
}
