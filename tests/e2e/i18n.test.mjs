// (c) Switching the language to English shows English menu labels, and the
// choice survives a reload.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { assertNoMissingKeys, DEMO, loginUI, openBrowser, shot } from './helpers.mjs'

test('language switch shows English menu labels and is remembered', async () => {
  const { page, close } = await openBrowser()
  try {
    await loginUI(page, DEMO.admin)
    await page.waitForURL((u) => u.pathname === '/')
    const menu = page.locator('[data-test="side-menu"]')
    await menu.waitFor()
    assert.match(await menu.innerText(), /用户管理/)

    await page.locator('.topbar [data-test="lang-switch"]').click()
    await page.locator('[data-test="lang-en"]:visible').click()
    await menu.getByText('Users', { exact: true }).waitFor()
    const text = await menu.innerText()
    for (const label of ['Home', 'Users', 'Audit log', 'Regions']) {
      assert.ok(text.includes(label), `menu must show "${label}", got: ${text}`)
    }
    assert.ok(!text.includes('用户管理'))
    assert.match(await page.locator('.topbar').innerText(), /Tuoyu Childcare Services Platform/)
    await shot(page, 'english')

    await page.reload()
    await menu.getByText('Audit log', { exact: true }).waitFor()
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en')

    // Every page of the shell in English: no raw message keys, English headings.
    for (const path of ['/users', '/audit', '/regions', '/population', '/parameters', '/dictionaries', '/calendar']) {
      await page.goto(path)
      const heading = page.locator('.page-header h2')
      await heading.waitFor()
      await page.waitForLoadState('networkidle')
      assert.doesNotMatch(await heading.innerText(), /[\u4e00-\u9fff]/, `${path} heading must be English`)
      await assertNoMissingKeys(page)
    }
    await shot(page, 'calendar-en')

    // Error messages of the server follow the language too: a wrong password on the login page.
    await page.locator('[data-test="user-menu"]').click()
    await page.locator('[data-test="logout"]:visible').click()
    await page.waitForURL(/\/login/)
    await page.locator('input[name="username"]').fill(DEMO.admin.username)
    await page.locator('input[name="password"]').fill('wrong-password-1A!')
    await page.locator('[data-test="login-submit"]').click()
    const err = page.locator('[data-test="login-error"]')
    await err.waitFor()
    assert.match(await err.innerText(), /[A-Za-z]{3,}/)
    assert.doesNotMatch(await err.innerText(), /[\u4e00-\u9fff]/)
    await shot(page, 'login-error-en')
  } finally {
    await close()
  }
})
