// The public disclosure page (信息公示) without signing in: reached from the login page, it lists
// the demo's filed institution with its disclosed facts, opens its detail, shows the published
// decisions, and switches to English; nothing on it needs a session.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { apiClient, assertNoMissingKeys, openBrowser, shot } from './helpers.mjs'

const FILED = '大洼区田家街道春苗托育园（演示）'

test('the public page lists a filed institution without a session', async () => {
  const { page, close } = await openBrowser({ width: 1280, height: 860 })
  try {
    // No session: the login page links to the public page, and the page stays there (no redirect).
    await page.goto('/login')
    await page.locator('[data-test="login-public"]').click()
    await page.waitForURL((u) => u.pathname === '/public')
    const table = page.locator('[data-test="public-table"]')
    await table.getByText(FILED).waitFor()
    assert.equal(new URL(page.url()).pathname, '/public')
    const text = await table.innerText()
    assert.ok(text.includes('田家街道'), text)
    assert.ok(text.includes('全日托'), text)
    // Nothing personal: not the legal representative, not the head's phone.
    const body = await page.locator('body').innerText()
    for (const personal of ['刘春苗', '13800002001']) assert.ok(!body.includes(personal), personal)
    await shot(page, 'public-list')

    // The detail drawer shows the filing receipt.
    await table.getByText(FILED).click()
    const drawer = page.locator('.el-drawer:visible')
    await drawer.getByText(/TY-211104-\d{4}-\d{4}/).waitFor()
    await shot(page, 'public-detail')
    await page.keyboard.press('Escape')

    // A filter that excludes it: a home childcare point.
    await page.locator('[data-test="public-kind"]').click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: '家庭托育点' }).click()
    await page.locator('[data-test="public-search"]').click()
    await table.getByText(FILED).waitFor({ state: 'detached' })

    // The decisions tab loads without a session.
    await page.getByRole('tab', { name: '公示与决定' }).click()
    await page.locator('[data-test="public-decisions"]').waitFor()
    await page.waitForLoadState('networkidle')

    // English.
    await page.locator('[data-test="lang-switch"]').click()
    await page.locator('[data-test="lang-en"]:visible').click()
    await page.getByText('Childcare institutions: public information').waitFor()
    await assertNoMissingKeys(page)
    await shot(page, 'public-en')
  } finally {
    await close()
  }
})

test('the public API answers without a cookie and hides institutions that may not operate', async () => {
  const request = await apiClient()
  try {
    const reply = await request.get('/api/v1/public/institutions?page_size=100')
    assert.equal(reply.status(), 200)
    const names = (await reply.json()).items.map((i) => i.name)
    assert.ok(names.includes(FILED), names.join(', '))
    // Exactly the disclosed fields on every record.
    for (const item of (await reply.json()).items) {
      assert.deepEqual(Object.keys(item).sort(), [
        'address',
        'filed_on',
        'filing_receipt_number',
        'id',
        'kind',
        'name',
        'puhui',
        'puhui_fee_per_month_yuan',
        'puhui_since',
        'puhui_slots',
        'region_code',
        'region_path',
        'service_modes',
        'slots',
        'sponsor_type',
      ])
    }
  } finally {
    await request.dispose()
  }
})
