import { onBeforeUnmount, onMounted, ref } from 'vue'

const QUERY = '(max-width: 768px)'

/** Reactive "is this a narrow (phone) screen" flag. */
export function useNarrow() {
  const mql = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia(QUERY) : null
  const narrow = ref(mql?.matches ?? false)
  const onChange = (e: MediaQueryListEvent) => {
    narrow.value = e.matches
  }
  onMounted(() => mql?.addEventListener('change', onChange))
  onBeforeUnmount(() => mql?.removeEventListener('change', onChange))
  return narrow
}
