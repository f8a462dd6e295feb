import { createI18n } from 'vue-i18n'
import { computed } from 'vue'
import zhCN from './zh-CN'
import en from './en'

export type Locale = 'zh-CN' | 'en'
export const LOCALES: Locale[] = ['zh-CN', 'en']
const STORAGE_KEY = 'tuoyu.locale'

function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY)
    if (saved === 'zh-CN' || saved === 'en') return saved
  } catch {
    /* storage may be unavailable */
  }
  return 'zh-CN'
}

declare global {
  interface Window {
    /** Keys a page asked for that the messages lack; the browser tests require it to stay empty. */
    __tuoyuMissingKeys?: string[]
  }
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
  missing: (locale, key) => {
    ;(window.__tuoyuMissingKeys ??= []).push(`${locale}:${key}`)
  },
})

export const currentLocale = computed<Locale>(() => i18n.global.locale.value as Locale)

function applyDocument(locale: Locale) {
  document.documentElement.lang = locale
  document.title = (locale === 'en' ? en : zhCN).app.title
}

export function setLocale(locale: Locale) {
  i18n.global.locale.value = locale
  try {
    localStorage.setItem(STORAGE_KEY, locale)
  } catch {
    /* ignore */
  }
  applyDocument(locale)
}

applyDocument(initialLocale())

/** Translate outside of components (stores, API client). */
export function tr(key: string, args?: Record<string, unknown>): string {
  return args ? i18n.global.t(key, args) : i18n.global.t(key)
}

/** Pick the message of a bilingual pair by the current locale. */
export function pickBilingual(zh: string | undefined | null, enText: string | undefined | null): string {
  if (currentLocale.value === 'en') return enText || zh || ''
  return zh || enText || ''
}
