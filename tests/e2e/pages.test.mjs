// A tour of every page as the administrator, with a screenshot of each, and a
// narrow (mobile) viewport where the menu collapses.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { assertNoMissingKeys, DEMO, loginUI, logoutUI, openBrowser, shot } from './helpers.mjs'

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

/** Switch the UI language through the top bar. */
async function switchLanguage(page, locale) {
  if ((await page.evaluate(() => document.documentElement.lang)) === locale) return
  await page.locator('.topbar [data-test="lang-switch"]').click()
  await page.locator(`[data-test="lang-${locale}"]:visible`).click()
}

// The filing pages of an institution's administrator (the wizard) and of a county regulator (the
// registry drawer, the review queue), in both languages: no raw message keys anywhere.
test('the filing pages show no raw message keys in Chinese or English', async () => {
  const { page, close } = await openBrowser()
  try {
    for (const [account, paths] of [
      [{ username: 'daowa_nursery', password: 'Demo#2024nursery' }, ['/filing', '/institutions']],
      [DEMO.daowa, ['/filings/queue', '/institutions']],
    ]) {
      await loginUI(page, account)
      await page.waitForURL((u) => u.pathname === '/')
      for (const locale of ['zh-CN', 'en']) {
        await switchLanguage(page, locale)
        for (const path of paths) {
          await page.goto(path)
          const heading = page.locator('.page-header h2')
          await heading.waitFor()
          await page.waitForLoadState('networkidle')
          if (locale === 'en') assert.doesNotMatch(await heading.innerText(), /[\u4e00-\u9fff]/, `${path} heading must be English`)
          if (path === '/filing') {
            await page.locator('[data-test="filing-wizard"]').waitFor()
            // Every step of the wizard, when the filing is still a draft.
            if (await page.locator('[data-test="wizard-steps"]').count()) await shot(page, `filing-wizard-${locale}`)
          }
          if (path === '/institutions') {
            // The detail drawer of the demo institution with all its tabs.
            await page.locator('[data-test="institutions-table"] .el-table__row', { hasText: '示范托育中心' }).first().click()
            const drawer = page.locator('.el-drawer:visible')
            await drawer.waitFor()
            for (const tab of await drawer.locator('.el-tabs__item').all()) {
              await tab.click()
              await page.waitForLoadState('networkidle')
            }
            await shot(page, `institution-drawer-${account.username}-${locale}`)
            await page.keyboard.press('Escape')
            await drawer.waitFor({ state: 'hidden' })
          }
          await assertNoMissingKeys(page)
        }
      }
      await switchLanguage(page, 'zh-CN')
      await logoutUI(page)
    }
  } finally {
    await close()
  }
})
