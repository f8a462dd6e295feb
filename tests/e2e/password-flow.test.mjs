// (a) The administrator creates a user in the UI; the new user must change the
// initial password before reaching the home page.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { DEMO, logoutUI, loginUI, openBrowser, pickCascader, pickOption, shot } from './helpers.mjs'

test('admin creates a user who is forced to change the password at first sign-in', async () => {
  const { page, close } = await openBrowser()
  try {
    const stamp = Date.now().toString(36)
    const username = 'e2e_' + stamp
    const displayName = 'E2E测试' + stamp
    const initial = 'Init#' + stamp + 'Aa9'
    const changed = 'Chg!' + stamp + 'Zz7x'

    // Sign in as the administrator.
    await page.goto('/login')
    await shot(page, 'login')
    await loginUI(page, DEMO.admin)
    await page.waitForURL((u) => u.pathname === '/')
    await page.locator('[data-test="welcome-card"]').waitFor()
    assert.match(await page.locator('[data-test="welcome-card"]').innerText(), /admin/)
    await shot(page, 'home')

    // Users page through the left menu.
    await page.locator('[data-test="menu-/users"]').click()
    await page.waitForURL(/\/users/)
    await page.locator('[data-test="users-table"] .el-table__row').first().waitFor()
    await shot(page, 'users')

    // Create a regulator of 大洼区 (辽宁省 / 盘锦市 / 大洼区).
    await page.locator('[data-test="user-create"]').click()
    const dialog = page.locator('.el-dialog:visible')
    await dialog.locator('input[name="new_username"]').fill(username)
    await dialog.locator('input[name="display_name"]').fill(displayName)
    await pickOption(page, dialog.locator('[data-test="create-role"]'), '监管人员')
    await pickOption(page, dialog.locator('[data-test="create-department"]'), '卫生健康')
    await pickCascader(page, dialog.locator('[data-test="create-region"] .el-cascader'), ['辽宁省', '盘锦市', '大洼区'])
    await dialog.locator('input[name="phone"]').fill('13812345678')
    await dialog.locator('input[name="initial_password"]').fill(initial)
    await shot(page, 'users-create')
    await dialog.locator('[data-test="create-submit"]').click()
    await page.locator('.el-dialog:visible').waitFor({ state: 'hidden' })
    const row = page.locator('[data-test="users-table"] .el-table__row', { hasText: username })
    await row.waitFor()
    assert.match(await row.innerText(), /大洼区/)

    // Log out, sign in as the new user: forced to /password.
    await logoutUI(page)
    await loginUI(page, { username, password: initial })
    await page.waitForURL(/\/password/)
    await page.locator('[data-test="forced-notice"]').waitFor()
    assert.match(await page.locator('[data-test="password-rule"]').innerText(), /10/)
    // Other pages are not reachable before the change.
    await page.goto('/users')
    await page.waitForURL(/\/password/)

    // A weak password is refused in the form.
    await page.locator('input[name="old_password"]').fill(initial)
    await page.locator('input[name="new_password"]').fill('short')
    await page.locator('input[name="repeat_password"]').fill('short')
    await page.locator('[data-test="password-submit"]').click()
    await page.locator('.el-form-item__error', { hasText: '密码规则' }).waitFor()
    await shot(page, 'password')

    await page.locator('input[name="new_password"]').fill(changed)
    await page.locator('input[name="repeat_password"]').fill(changed)
    await page.locator('[data-test="password-submit"]').click()
    await page.waitForURL((u) => u.pathname === '/')
    const welcome = page.locator('[data-test="welcome-card"]')
    await welcome.waitFor()
    assert.match(await welcome.innerText(), new RegExp(displayName))
    assert.match(await welcome.innerText(), /监管人员/)
    await shot(page, 'home-new-user')

    // The new password works, the initial one no longer does.
    await logoutUI(page)
    await loginUI(page, { username, password: initial })
    await page.locator('[data-test="login-error"]').waitFor()
    assert.equal(new URL(page.url()).pathname, '/login')
    await loginUI(page, { username, password: changed })
    await page.waitForURL((u) => u.pathname === '/')
  } finally {
    await close()
  }
})
