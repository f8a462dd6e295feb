import { useI18n } from 'vue-i18n'
import type { ChildClass } from '../api/children'

/**
 * Labels of the children module's codes in the current language: the UI's own words where it has
 * them, else the server's label (Chinese), else the code.
 */
export function useChildLabels() {
  const { t, te } = useI18n()

  function label(group: string, code: string | null | undefined, fallback?: string | null) {
    if (!code) return fallback || t('common.none')
    const key = `children.${group}.${code}`
    return te(key) ? t(key) : fallback || code
  }

  /** The age band of a class in months ("12–24 月龄"), or "不限". */
  function ageBand(c: Pick<ChildClass, 'age_band'>) {
    const band = c.age_band
    if (!band || (band.min === null && band.max === null)) return t('children.noAgeBand')
    if (band.min !== null && band.max !== null) return t('children.ageBandValue', { min: band.min, max: band.max })
    if (band.min !== null) return t('children.ageBandFrom', { min: band.min })
    return t('children.ageBandTo', { max: band.max })
  }

  return {
    classType: (code: string | null | undefined, fallback?: string | null) => label('classTypes', code, fallback),
    status: (code: string | null | undefined, fallback?: string | null) => label('statuses', code, fallback),
    sex: (code: string | null | undefined) => label('sexes', code),
    relationship: (code: string | null | undefined, fallback?: string | null) => label('relationships', code, fallback),
    purpose: (code: string | null | undefined) => label('purposes', code),
    checkKind: (code: string | null | undefined, fallback?: string | null) => label('checkKinds', code, fallback),
    eventKind: (code: string | null | undefined, fallback?: string | null) => label('eventKinds', code, fallback),
    ageBand,
  }
}

/** Element Plus tag type of a child's status. */
export function statusTagType(status: string | null | undefined): 'success' | 'warning' | 'info' {
  return status === 'enrolled' ? 'success' : status === 'applied' ? 'warning' : 'info'
}
