// Shared helpers of the browser tests (not a test file: node --test only picks *.test.mjs).
import { createRequire } from 'node:module'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
export const REPO_ROOT = resolve(here, '..', '..')

// playwright-core is a devDependency of web/ (one `npm ci` in web/ installs it);
// resolve it from there so that no second node_modules is needed.
const requireFromWeb = createRequire(join(REPO_ROOT, 'web', 'package.json'))
const playwright = requireFromWeb('playwright-core')
export const chromium = playwright.chromium

/** An API client with its own cookie jar (no browser). */
export function apiClient() {
  return playwright.request.newContext({ baseURL: BASE_URL })
}

export const BASE_URL = (process.env.TUOYU_BASE_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '')
export const CHROMIUM = process.env.TUOYU_CHROMIUM || '/usr/bin/chromium'
export const SHOT_DIR = join(REPO_ROOT, 'build', 'e2e')

export const DEMO = {
  admin: { username: 'admin', password: 'Demo#2024admin' },
  daowa: { username: 'daowa_health', password: 'Demo#2024daowa', regionCode: '211104000000' },
  panjin: { username: 'panjin_health', password: 'Demo#2024panjin', regionCode: '211100000000' },
  yuyao: { username: 'yuyao_health', password: 'Demo#2024yuyao', regionCode: '330281000000' },
}

/** A fresh Chromium profile (Debian's /usr/bin/chromium); returns {context, page, close}. */
export async function openBrowser({ width = 1366, height = 800 } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'tuoyu-e2e-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width, height },
    locale: 'zh-CN',
    baseURL: BASE_URL,
  })
  context.setDefaultTimeout(15000)
  const page = context.pages()[0] ?? (await context.newPage())
  return {
    context,
    page,
    async close() {
      await context.close().catch(() => {})
      rmSync(profile, { recursive: true, force: true })
    },
  }
}

/** Save build/e2e/NAME.png (relative to the repository root). */
export async function shot(page, name) {
  mkdirSync(SHOT_DIR, { recursive: true })
  await page.waitForTimeout(300) // let transitions settle
  await page.screenshot({ path: join(SHOT_DIR, name + '.png'), fullPage: false })
}

/** Sign in through the login form. */
export async function loginUI(page, { username, password }) {
  await page.goto('/login')
  await page.locator('input[name="username"]').fill(username)
  await page.locator('input[name="password"]').fill(password)
  await page.locator('[data-test="login-submit"]').click()
}

/** Log out through the user menu of the top bar. */
export async function logoutUI(page) {
  await page.locator('[data-test="user-menu"]').click()
  await page.locator('[data-test="logout"]:visible').click()
  await page.waitForURL(/\/login/)
}

/** Sign in through the API with the context's cookie jar; returns the reply body. */
export async function loginAPI(request, { username, password }) {
  const resp = await request.post('/api/v1/auth/login', { data: { username, password } })
  if (resp.status() !== 200) throw new Error(`login ${username}: HTTP ${resp.status()} ${await resp.text()}`)
  return resp.json()
}

/** Choose the option with this label in the currently open Element Plus select. */
export async function pickOption(page, selectLocator, label) {
  await selectLocator.click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: label }).first().click()
}

/** Walk a lazily loaded, check-strictly cascader: expand each name, select the last. */
export async function pickCascader(page, cascaderLocator, names) {
  await cascaderLocator.click()
  for (let i = 0; i < names.length; i++) {
    const node = page.locator('.el-cascader-node:visible', { hasText: names[i] }).first()
    if (i < names.length - 1) {
      await node.locator('.el-cascader-node__label').click()
    } else {
      await node.locator('.el-radio').click()
    }
  }
  // Close the panel if it is still open.
  await page.keyboard.press('Escape').catch(() => {})
}

/** Fails when the page asked for a message key that the locale files lack (shown raw). */
export async function assertNoMissingKeys(page) {
  const missing = await page.evaluate(() => window.__tuoyuMissingKeys || [])
  if (missing.length) throw new Error('missing i18n keys: ' + [...new Set(missing)].join(', '))
}
