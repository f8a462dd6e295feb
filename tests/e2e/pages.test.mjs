// A tour of every page as the administrator, with a screenshot of each, and a
// narrow (mobile) viewport where the menu collapses.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { assertNoMissingKeys, DEMO, loginUI, openBrowser, shot } from './helpers.mjs'

test('administrator can open every page of the shell', async () => {
  const { page, close } = await openBrowser()
  try {
    await loginUI(page, DEMO.admin)
    await page.waitForURL((u) => u.pathname === '/')

    // Users: list and detail drawer with the full phone number.
    await page.goto('/users')
    const rows = page.locator('[data-test="users-table"] .el-table__row')
    await rows.first().waitFor()
    assert.match(await page.locator('.el-pagination').innerText(), /\d/)
    await rows.filter({ hasText: DEMO.daowa.username }).first().click()
    const drawer = page.locator('.el-drawer:visible')
    await drawer.locator('[data-test="detail-phone"]').waitFor()
    assert.match(await drawer.innerText(), new RegExp(DEMO.daowa.username))
    assert.doesNotMatch(await drawer.locator('[data-test="detail-phone"]').innerText(), /\*/)
    await shot(page, 'user-drawer')
    await page.keyboard.press('Escape')
    await drawer.waitFor({ state: 'hidden' })

    // Audit log: list and a record with its hashes.
    await page.locator('[data-test="menu-/audit"]').click()
    await page.waitForURL(/\/audit/)
    const auditRows = page.locator('[data-test="audit-table"] .el-table__row')
    await auditRows.first().waitFor()
    await shot(page, 'audit')
    await auditRows.first().click()
    const hash = page.locator('.el-drawer:visible [data-test="audit-hash"]')
    await hash.waitFor()
    assert.match(await hash.innerText(), /^[0-9a-f]{16,}$/i)
    await shot(page, 'audit-drawer')
    await page.keyboard.press('Escape')

    // Regions: the administrator starts at the provinces.
    await page.locator('[data-test="menu-/regions"]').click()
    await page.waitForURL(/\/regions/)
    const regionRows = page.locator('[data-test="regions-table"] .el-table__row')
    await regionRows.filter({ hasText: '辽宁省' }).first().waitFor()
    await regionRows.filter({ hasText: '辽宁省' }).first().locator('.el-table__expand-icon').click()
    await regionRows.filter({ hasText: '盘锦市' }).first().waitFor()
    await shot(page, 'regions')

    // The reference-data pages open without raw message keys, in both languages.
    for (const path of ['/population', '/parameters', '/dictionaries', '/calendar', '/regions']) {
      await page.goto(path)
      await page.locator('.page-header h2').waitFor()
      await page.waitForLoadState('networkidle')
      await assertNoMissingKeys(page)
    }

    // Unknown pages inside the shell.
    await page.goto('/no-such-page')
    await page.getByText('页面不存在', { exact: true }).waitFor()

    // Narrow screen: the menu is collapsed to icons.
    await page.setViewportSize({ width: 390, height: 800 })
    await page.goto('/')
    await page.locator('[data-test="welcome-card"]').waitFor()
    assert.ok(await page.locator('.side-menu.el-menu--collapse').count(), 'menu must collapse')
    await shot(page, 'mobile-home')
    await assertNoMissingKeys(page)
  } finally {
    await close()
  }
})
