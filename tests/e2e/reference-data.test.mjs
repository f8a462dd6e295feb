// The shared data of issue 4 in the browser: finding a region, importing population figures
// (a rejected file lists its bad line, a good one shows up with sums up the tree), the rule
// parameters in force with their source, the holiday calendar's deadline arithmetic, and a
// dictionary entry added by the administrator.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { assertNoMissingKeys, DEMO, loginUI, openBrowser, shot } from './helpers.mjs'

const scratch = mkdtempSync(join(tmpdir(), 'tuoyu-e2e-files-'))

// Element Plus puts a data-test attribute of <el-input> on the <input> itself, and of other
// widgets on their wrapper: this finds the text box either way.
function textBox(page, name) {
  return page.locator(`input[data-test="${name}"], [data-test="${name}"] input`).first()
}

async function signedIn(account) {
  const browser = await openBrowser()
  await loginUI(browser.page, account)
  await browser.page.waitForURL((u) => u.pathname === '/')
  return browser
}

test('a regulator finds a town by name and sees its history', async () => {
  const { page, close } = await signedIn(DEMO.daowa)
  try {
    await page.goto('/regions')
    await textBox(page, 'region-search').fill('榆树')
    await page.locator('[data-test="region-hit"]', { hasText: '榆树街道' }).first().click()
    const drawer = page.locator('[data-test="region-drawer"]')
    await drawer.locator('.mono', { hasText: '211104006000' }).first().waitFor()
    await drawer.locator('[data-test="region-versions"] .el-table__row').first().waitFor()
    await assertNoMissingKeys(page)
    await shot(page, 'regions-search')
    // Nothing of 余姚市 is found from 大洼区.
    const other = await page.request.get('/api/v1/regions/search', { params: { q: '余姚' } })
    assert.equal(other.status(), 200)
    assert.equal((await other.json()).items.length, 0)
  } finally {
    await close()
  }
})

test('population import: a bad last line rejects the file, a good file is summed up the tree', async () => {
  const header = '区划代码,年份,常住人口,户籍人口,出生人口,0-1岁,1-2岁,2-3岁,来源,日期\n'
  const bad = join(scratch, 'bad.csv')
  writeFileSync(
    bad,
    header + '211104004000,2024,41000,39000,210,200,215,230,e2e,2025-03-01\n211104999000,2024,-5,,,,,,e2e,2025-03-01\n',
  )
  const good = join(scratch, 'good.csv')
  writeFileSync(
    good,
    header +
      '211104004000,2024,41000,39000,210,200,215,230,统计年鉴,2025-03-01\n' +
      '211104005000,2024,23000,22000,120,118,125,131,统计年鉴,2025-03-01\n',
  )

  const { page, close } = await signedIn(DEMO.daowa)
  try {
    await page.goto('/population')
    await page.locator('[data-test="population-year"]').click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: '2024' }).first().click()

    await page.locator('[data-test="population-import"]').click()
    const dialog = page.locator('[data-test="import-dialog"]')
    await dialog.locator('input[type="file"]').setInputFiles(bad)
    await dialog.locator('[data-test="import-run"]').click()
    await dialog.locator('[data-test="import-rejected"]').waitFor()
    await dialog.locator('.el-table__row', { hasText: '3' }).first().waitFor()
    await assertNoMissingKeys(page)
    await shot(page, 'population-rejected')

    await dialog.locator('.el-upload-list__item').first().hover()
    await dialog.locator('.el-upload-list__item .el-icon--close').first().click()
    await dialog.locator('input[type="file"]').setInputFiles(good)
    await dialog.locator('[data-test="import-run"]').click()
    await dialog.locator('[data-test="import-ok"]').waitFor()
    // The file was checked and written by a background job that the dialog polled to its end.
    await dialog.locator('[data-test="import-job-progress"]').waitFor()
    assert.match(await dialog.locator('[data-test="import-phase"]').innerText(), /完成|Done/)
    await page.keyboard.press('Escape')

    const table = page.locator('[data-test="population-table"]')
    await table.locator('.el-table__row', { hasText: '大洼街道' }).locator('text=41,000').first().waitFor()
    // The county has no figure of its own: its line is the sum of its towns.
    await table.locator('.summary-row').locator('text=64,000').first().waitFor()
    await assertNoMissingKeys(page)
    await shot(page, 'population')
  } finally {
    await close()
  }
})

test('rule parameters show the value in force and its source', async () => {
  const { page, close } = await signedIn(DEMO.daowa)
  try {
    await page.goto('/parameters')
    const table = page.locator('[data-test="parameters-table"]')
    const row = table.locator('.el-table__row', { hasText: 'S10' }).first()
    await row.waitFor()
    assert.match(await row.innerText(), /90/)
    assert.ok((await table.locator('[data-test="verify-tag"]').count()) > 0, 'values to verify are marked')
    await assertNoMissingKeys(page)
    await shot(page, 'parameters')
  } finally {
    await close()
  }
})

test('the calendar counts 5 working days from 2025-09-30 to 2025-10-14', async () => {
  const { page, close } = await signedIn(DEMO.admin)
  try {
    await page.goto('/calendar')
    await page.locator('[data-test="calendar-days"] .el-table__row').first().waitFor()
    const from = page.locator('.side input').first()
    await from.fill('2025-09-30')
    await from.press('Enter')
    await page.locator('[data-test="calc-add"] input').fill('5')
    await page.locator('[data-test="calc-add-run"]').click()
    await page.locator('[data-test="calc-result"]', { hasText: '2025-10-14' }).waitFor()
    await assertNoMissingKeys(page)
    await shot(page, 'calendar')
  } finally {
    await close()
  }
})

test('the administrator adds a dictionary entry', async () => {
  const { page, close } = await signedIn(DEMO.admin)
  try {
    await page.goto('/dictionaries')
    await page.locator('[data-test="dictionary-entries"] .el-table__row').first().waitFor()
    await page.locator('[data-test="entry-create"]').click()
    await textBox(page, 'entry-code').fill('e2e_entry')
    await textBox(page, 'entry-label-zh').fill('端到端测试条目')
    await textBox(page, 'entry-label-en').fill('End-to-end entry')
    await page.locator('[data-test="entry-save"]').click()
    await page.locator('[data-test="dictionary-entries"] .el-table__row', { hasText: 'e2e_entry' }).waitFor()
    await assertNoMissingKeys(page)
    await shot(page, 'dictionaries')
  } finally {
    await close()
  }
})
