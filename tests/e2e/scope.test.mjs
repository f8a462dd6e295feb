// (b) A regulator of 大洼区 cannot see a user of 余姚市: the API answers 403/404
// with a bilingual message, and the UI shows that message.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { apiClient, DEMO, loginAPI, loginUI, openBrowser, shot } from './helpers.mjs'

test('regulator of 大洼区 is denied a user of 余姚市', async () => {
  // Find the id of yuyao_health as the administrator (separate cookie jar).
  const admin = await apiClient()
  let yuyaoId
  try {
    await loginAPI(admin, DEMO.admin)
    const resp = await admin.get('/api/v1/users', { params: { q: DEMO.yuyao.username, page: 1, page_size: 20 } })
    assert.equal(resp.status(), 200)
    const hit = (await resp.json()).items.find((u) => u.username === DEMO.yuyao.username)
    assert.ok(hit, 'yuyao_health must exist in the demo database')
    yuyaoId = hit.id
  } finally {
    await admin.dispose()
  }

  const { page, close } = await openBrowser()
  try {
    await loginUI(page, DEMO.daowa)
    await page.waitForURL((u) => u.pathname === '/')
    // The regulator's own region is the starting point of the region picker.
    await page.waitForFunction(
      () => document.querySelector('[data-test="region-picker"] input')?.value === '大洼区',
    )
    await shot(page, 'home-regulator')

    // Direct API request with the regulator's session cookie.
    const resp = await page.request.get(`/api/v1/users/${yuyaoId}`)
    assert.ok([403, 404].includes(resp.status()), `expected 403/404, got ${resp.status()}`)
    const body = await resp.json()
    assert.equal(typeof body.code, 'string')
    assert.ok(body.message_zh && body.message_en, 'bilingual message expected')
    assert.ok(!('username' in body), 'no user data may leak')

    // The same request from the UI (deep link to the detail drawer) shows the message.
    await page.goto(`/users?id=${yuyaoId}`)
    const message = page.locator('.el-message--error', { hasText: body.message_zh })
    await message.waitFor()
    await shot(page, 'denied')
    assert.equal(await page.locator('[data-test="detail-phone"]').count(), 0)

    // The list of the regulator holds no user of 余姚市.
    const list = await page.request.get('/api/v1/users', { params: { page: 1, page_size: 100 } })
    assert.equal(list.status(), 200)
    const names = (await list.json()).items.map((u) => u.username)
    assert.ok(!names.includes(DEMO.yuyao.username), 'yuyao_health must be out of scope')
  } finally {
    await close()
  }
})
