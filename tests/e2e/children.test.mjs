// Children and daily care (issue 7) in the browser. On a phone-sized screen (375×667) the demo
// institution's administrator (daowa_nursery) puts the caregiver 李娜 on duty in 小一班; its carer
// (daowa_carer) opens 今日考勤, sees the institution's staff (the register's roster: 李娜 on duty, the
// health worker 陈静 who comes on duty without a class), checks 张小宝 in (brought by 张家长) and one more
// child of the class — the class card's live presence counts them — and records a 晨午检 of 37.8 ℃ marked
// abnormal with a finding. Then 张小宝's father (parent_zhang) opens 我的孩子 on a phone and sees today's
// abnormal check, highlighted, and the notice the institution sent, and gives his consent to photos. On a desktop screen the administrator registers a
// child with a guardian, enrols it in 小一班 and records a growth measurement (charted); the county's
// health regulator (daowa_health) reads the childcare figures with the region's sum.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { assertNoMissingKeys, DEMO, loginUI, logoutUI, openBrowser, shot } from './helpers.mjs'

const NURSERY = { username: 'daowa_nursery', password: 'Demo#2024nursery' }
const CARER = { username: 'daowa_carer', password: 'Demo#2024carer' }
const PARENT = { username: 'parent_zhang', password: 'Demo#2024parent' }
const PHONE = { width: 375, height: 667 }
const CLASS = '小一班'
const CHILD = '张小宝'
const FATHER = '张家长'
const FINDING = '体温偏高，精神稍差'
const NOTICE = '本周五下午家长开放日，欢迎来园'
/** The duty tag of a staff row on duty (not 未在岗). */
const ON_DUTY = /^\s*在岗\s*$/

/** The day in China `daysAgo` days before today (the server's days are China's). */
function chinaDay(daysAgo) {
  return new Date(Date.now() + 8 * 3600e3 - daysAgo * 86400e3).toISOString().slice(0, 10)
}

/** A resident identity number of 大洼区 (GB 11643) for a birth date YYYY-MM-DD. */
function residentId(birth, sequence) {
  const first = '211104' + birth.replaceAll('-', '') + String(sequence).padStart(3, '0')
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...first].reduce((acc, digit, i) => acc + Number(digit) * weights[i], 0)
  return first + '10X98765432'[sum % 11]
}

/** The text box of an Element Plus input marked with data-test (on the <input> or its wrapper). */
function textBox(scope, name) {
  return scope.locator(`input[data-test="${name}"], [data-test="${name}"] input, textarea[data-test="${name}"], [data-test="${name}"] textarea`).first()
}

/** Waits for a reply of the API whose method and path (after /api/v1) match. */
function reply(page, method, pathPattern) {
  return page.waitForResponse(
    (r) => r.request().method() === method && pathPattern.test(new URL(r.url()).pathname.replace(/^\/api\/v1/, '')),
  )
}
const REGISTER = /^\/institutions\/\d+\/attendance$/

/** Before a screenshot: the pointer off the menu (no tooltip) and the toasts gone (they last 3 s). */
async function settle(page) {
  await page.mouse.move(5, page.viewportSize().height - 5)
  await page.waitForFunction(() => !document.querySelector('.el-message'), null, { timeout: 10000 })
}

/** Opens 今日考勤 through the (collapsed) menu, waits for the day's register and answers it. */
async function openCare(page) {
  const loaded = reply(page, 'GET', REGISTER)
  await page.locator('[data-test="menu-/care"]').click()
  await page.waitForURL(/\/care$/)
  const register = await loaded
  assert.equal(register.status(), 200)
  await page.locator('[data-test="care-class"]').first().waitFor()
  return register.json()
}

const classCard = (page, name) => page.locator(`[data-test="care-class"][data-class-name="${name}"]`)
const childRow = (page, name) => page.locator(`[data-test="care-child"][data-child-name="${name}"]`)
async function presentChildren(page, name) {
  return Number(await classCard(page, name).locator('[data-test="class-presence"]').getAttribute('data-children'))
}
async function presentCaregivers(page, name) {
  return Number(await classCard(page, name).locator('[data-test="class-presence"]').getAttribute('data-caregivers'))
}

/** Checks a child in through its row's dialog, choosing the contact named (or the first one offered). */
async function checkIn(page, childName, contactName) {
  const row = childRow(page, childName)
  await row.locator('[data-test="care-check-in"]').click()
  const dialog = page.locator('[data-test="check-in-dialog"]')
  const choice = contactName
    ? dialog.locator('[data-test="handover-contact"]', { hasText: contactName })
    : dialog.locator('[data-test="handover-contact"]').first()
  await choice.waitFor()
  await choice.click()
  const sent = reply(page, 'POST', /^\/children\/\d+\/check-in$/)
  const reloaded = reply(page, 'GET', REGISTER)
  await dialog.locator('[data-test="handover-submit"]').click()
  assert.equal((await sent).status(), 200, `check-in of ${childName}`)
  await reloaded
  await dialog.waitFor({ state: 'hidden' })
  await page.locator(`[data-test="care-child"][data-child-name="${childName}"][data-state="present"]`).waitFor()
}

test('a carer checks children in and records an abnormal health check that the guardian sees', { timeout: 180000 }, async () => {
  const { page, close } = await openBrowser(PHONE)
  try {
    // ---- The administrator puts the caregiver 李娜 on duty in 小一班 ------------------------------------
    await loginUI(page, NURSERY)
    await page.waitForURL((u) => u.pathname === '/')
    await openCare(page)
    const caregiversBefore = await presentCaregivers(page, CLASS)
    await page.locator('#tab-staff').click()
    const li = page.locator('[data-test="care-staff-row"][data-staff-name="李娜"]')
    await li.waitFor()
    if ((await li.locator('[data-test="staff-in"]').count()) > 0) {
      await li.locator('[data-test="staff-in"]').click()
      const dialog = page.locator('[data-test="shift-dialog"]')
      await dialog.locator('[data-test="shift-class"]').click()
      await page.locator('.el-select-dropdown__item:visible', { hasText: CLASS }).first().click()
      const sent = reply(page, 'POST', /^\/institutions\/\d+\/staff-attendance$/)
      const reloaded = reply(page, 'GET', REGISTER)
      await dialog.locator('[data-test="shift-submit"]').click()
      assert.equal((await sent).status(), 200)
      await reloaded
      await li.locator('[data-test="staff-duty"]', { hasText: ON_DUTY }).waitFor()
      await page.locator('#tab-children').click()
      assert.equal(await presentCaregivers(page, CLASS), caregiversBefore + 1)
    } else {
      await page.locator('#tab-children').click()
    }
    await assertNoMissingKeys(page)
    await logoutUI(page)

    // ---- The carer's 工作人员在岗: the institution's roster, readable by its staff ----------------------------
    // (The staff module's list is the administrator's: the register must not need it.)
    const staffListReads = []
    const onResponse = (r) => {
      if (/^\/api\/v1\/institutions\/\d+\/staff$/.test(new URL(r.url()).pathname)) staffListReads.push(r.status())
    }
    page.on('response', onResponse)
    await loginUI(page, CARER)
    await page.waitForURL((u) => u.pathname === '/')
    const register = await openCare(page)
    assert.ok(Array.isArray(register.roster), 'the register has a roster')
    const rosterNames = register.roster.map((s) => s.name)
    for (const name of ['李娜', '陈静']) assert.ok(rosterNames.includes(name), `${name} is on the roster`)
    await page.locator('#tab-staff').click()
    const carerLi = page.locator('[data-test="care-staff-row"][data-staff-name="李娜"]')
    await carerLi.locator('[data-test="staff-duty"]', { hasText: ON_DUTY }).waitFor()
    // Everyone on the roster is listed (and anyone on duty today who has left since).
    assert.ok((await page.locator('[data-test="care-staff-row"]').count()) >= register.roster.length)
    // A health worker comes on duty without a class: the dialog offers none.
    const chen = page.locator('[data-test="care-staff-row"][data-staff-name="陈静"][data-role="health_worker"]')
    await chen.waitFor()
    if ((await chen.locator('[data-test="staff-in"]').count()) > 0) {
      await chen.locator('[data-test="staff-in"]').click()
      const shiftDialog = page.locator('[data-test="shift-dialog"]')
      await shiftDialog.locator('[data-test="shift-no-class"]').waitFor()
      assert.equal(await shiftDialog.locator('[data-test="shift-class"]').count(), 0)
      await shiftDialog.locator('.el-dialog__footer .el-button', { hasText: '取消' }).click()
      await shiftDialog.waitFor({ state: 'hidden' })
    }
    await assertNoMissingKeys(page)
    await settle(page)
    await shot(page, 'care-staff-phone')
    page.off('response', onResponse)
    assert.deepEqual(staffListReads, [], 'the register does not read the staff list')
    await page.locator('#tab-children').click()

    // ---- The carer's day: two children of 小一班 arrive -------------------------------------------------------
    const card = classCard(page, CLASS)
    await card.waitFor()
    const before = await presentChildren(page, CLASS)
    let expected = before
    const row = childRow(page, CHILD)
    await row.waitFor()
    if ((await row.getAttribute('data-state')) === 'expected') {
      await checkIn(page, CHILD, FATHER)
      expected += 1
      // The live presence of the class counts the child at once.
      assert.equal(await presentChildren(page, CLASS), expected)
    }
    assert.match(await row.innerText(), new RegExp(FATHER))

    // One more child of the class, brought by its first contact.
    const other = card.locator('[data-test="care-child"][data-state="expected"]').first()
    if ((await other.count()) > 0) {
      const name = await other.getAttribute('data-child-name')
      await checkIn(page, name, null)
      expected += 1
    }
    assert.equal(await presentChildren(page, CLASS), expected)
    assert.ok(expected >= 2, 'two children of 小一班 are present')
    // The ratio tag of the card: met or not, it is shown beside the figures.
    await card.locator('[data-test="care-ratio"]').waitFor()

    // ---- 晨午检: 37.8 ℃, abnormal, with a finding ----------------------------------------------------------
    await row.locator('[data-test="care-health"]').click()
    const health = page.locator('[data-test="health-dialog"]')
    await health.waitFor()
    const temperature = textBox(health, 'health-temperature')
    await temperature.fill('37.8')
    await temperature.blur()
    await health.locator('[data-test="health-fever-hint"]').waitFor()
    await textBox(health, 'health-findings').fill(FINDING)
    await textBox(health, 'health-action').fill('已电话通知家长')
    await health.locator('[data-test="health-abnormal"]').click()
    const sent = reply(page, 'POST', /^\/children\/\d+\/health-checks$/)
    const reloaded = reply(page, 'GET', REGISTER)
    await health.locator('[data-test="health-submit"]').click()
    const check = await sent
    assert.equal(check.status(), 201)
    const body = await check.json()
    assert.equal(body.abnormal, true)
    assert.equal(body.temperature, 37.8)
    assert.equal(body.guardian_notified, true)
    await reloaded
    await health.waitFor({ state: 'hidden' })
    await row.locator('[data-test="care-abnormal"]').waitFor()
    await assertNoMissingKeys(page)
    await row.scrollIntoViewIfNeeded()
    await settle(page)
    await shot(page, 'care-phone')

    // ---- A notice to the guardians of 小一班 ------------------------------------------------------------
    await page.locator('[data-test="care-notice"]').click()
    const noticeDialog = page.locator('[data-test="notice-dialog"]')
    await noticeDialog.waitFor()
    await textBox(noticeDialog, 'notice-message').fill(NOTICE)
    const noticeSent = reply(page, 'POST', /^\/institutions\/\d+\/notices$/)
    await noticeDialog.locator('[data-test="notice-submit"]').click()
    const noticeReply = await noticeSent
    assert.equal(noticeReply.status(), 201)
    assert.ok((await noticeReply.json()).children >= 1, 'the notice reached the guardians')
    await noticeDialog.waitFor({ state: 'hidden' })
    await assertNoMissingKeys(page)
    await logoutUI(page)

    // ---- The father on his phone ------------------------------------------------------------------------
    await loginUI(page, PARENT)
    await page.waitForURL((u) => u.pathname === '/')
    const children = reply(page, 'GET', /^\/guardian\/children$/)
    const detailRead = reply(page, 'GET', /^\/children\/\d+$/)
    await page.locator('[data-test="menu-/my-children"]').click()
    await page.waitForURL(/\/my-children$/)
    const childrenReply = await children
    assert.equal(childrenReply.status(), 200)
    const own = (await childrenReply.json()).items.find((item) => item.child.name === CHILD)
    assert.ok(own, `${CHILD} is the father's`)
    const me = own.contacts.find((c) => c.is_me)
    assert.equal(me?.name, FATHER, 'his own contact is marked is_me')
    assert.equal(own.contacts.filter((c) => c.is_me).length, 1)
    const mine = page.locator(`[data-test="guardian-child"][data-child-name="${CHILD}"]`)
    await mine.waitFor()
    const abnormal = mine.locator('[data-test="guardian-check"][data-abnormal="true"]').first()
    await abnormal.waitFor()
    const checkText = await abnormal.innerText()
    assert.match(checkText, /37\.8/)
    assert.match(checkText, new RegExp(FINDING))
    assert.match(checkText, /异常/)
    await mine.locator('[data-test="guardian-notice"]').first().waitFor()
    await mine.locator('[data-test="guardian-notice"]', { hasText: NOTICE }).first().waitFor()
    assert.match(await mine.locator('[data-test="guardian-attendance"]').innerText(), new RegExp(FATHER))
    await assertNoMissingKeys(page)
    await abnormal.scrollIntoViewIfNeeded()
    await settle(page)
    await shot(page, 'guardian-phone')

    // ---- His consents: he gives the one to photos and sees it in force ------------------------------------
    assert.equal((await detailRead).status(), 200)
    const consents = mine.locator('[data-test="guardian-consents"]')
    const photos = consents.locator('[data-test="guardian-consent"][data-purpose="photos"]')
    await photos.waitFor()
    assert.equal(await consents.locator('[data-test="guardian-consent"]').count(), 4)
    const CONSENTS = /^\/children\/\d+\/consents$/
    const CHILD_DETAIL = /^\/children\/\d+$/
    if ((await photos.getAttribute('data-in-force')) === 'true') {
      // A database used before: withdraw it first (confirmed in a message box).
      await photos.locator('[data-test="consent-withdraw"]').click()
      const withdrawn = reply(page, 'POST', CONSENTS)
      const reread = reply(page, 'GET', CHILD_DETAIL)
      await page.locator('.el-message-box .el-button--primary').click()
      assert.equal((await withdrawn).status(), 201)
      await reread
      await consents.locator('[data-test="guardian-consent"][data-purpose="photos"][data-in-force="false"]').waitFor()
    }
    const given = reply(page, 'POST', CONSENTS)
    const reread = reply(page, 'GET', CHILD_DETAIL)
    await photos.locator('[data-test="consent-give"]').click()
    const givenReply = await given
    assert.equal(givenReply.status(), 201)
    const consent = await givenReply.json()
    assert.equal(consent.purpose, 'photos')
    assert.equal(consent.contact_id, me.id)
    assert.equal(consent.withdrawn_at, null)
    const detail = await (await reread).json()
    const latest = detail.consents.filter((c) => c.contact_id === me.id && c.purpose === 'photos').at(-1)
    assert.ok(latest && latest.withdrawn_at === null, 'the photos consent is in force')
    const inForce = consents.locator('[data-test="guardian-consent"][data-purpose="photos"][data-in-force="true"]')
    await inForce.waitFor()
    assert.match(await inForce.innerText(), /已同意/)
    await inForce.locator('[data-test="consent-withdraw"]').waitFor()
    await assertNoMissingKeys(page)
    await inForce.scrollIntoViewIfNeeded()
    await settle(page)
    await shot(page, 'guardian-consents-phone')

    // The same page in English: no raw keys, an English heading.
    await page.evaluate(() => localStorage.setItem('tuoyu.locale', 'en'))
    await page.reload()
    await page.locator('.page-header h2', { hasText: 'My children' }).waitFor()
    await mine.locator('[data-test="guardian-check"][data-abnormal="true"]').first().waitFor()
    await mine.locator('[data-test="guardian-consent"][data-purpose="photos"][data-in-force="true"]', { hasText: 'Given' }).waitFor()
    await assertNoMissingKeys(page)
    await page.evaluate(() => localStorage.setItem('tuoyu.locale', 'zh-CN'))
  } finally {
    await close()
  }
})

test('an institution registers and enrols a child, and the regulator reads the figures', { timeout: 180000 }, async () => {
  const { page, close } = await openBrowser({ width: 1400, height: 900 })
  try {
    await loginUI(page, NURSERY)
    await page.waitForURL((u) => u.pathname === '/')
    const classes = reply(page, 'GET', /^\/institutions\/\d+\/classes$/)
    await page.locator('[data-test="menu-/children"]').click()
    await page.waitForURL(/\/children/)
    assert.equal((await classes).status(), 200)

    // The classes with their type, age band and live presence.
    const classRow = page.locator('[data-test="classes-table"] .el-table__row', { hasText: CLASS })
    await classRow.waitFor()
    assert.match(await classRow.innerText(), /托小班/)
    assert.match(await classRow.locator('[data-test="class-presence"]').innerText(), /幼儿 \d+ 人/)
    await shot(page, 'children-classes')

    // Register a child of about 16 months with a guardian (a name and number made from the time of the run).
    const stamp = Date.now()
    const birth = chinaDay(480 + (stamp % 20))
    const name = '孙' + String(stamp).slice(-3).split('').map((d) => '甲乙丙丁戊己庚辛壬癸'[Number(d)]).join('')
    const sequence = 101 + 2 * (stamp % 400) // odd: a boy
    await page.locator('[data-test="child-add"]').click()
    const dialog = page.locator('[data-test="child-register-dialog"]')
    await textBox(dialog, 'register-name').fill(name)
    await textBox(dialog, 'register-id-number').fill(residentId(birth, sequence))
    const birthBox = textBox(dialog, 'register-birth-date')
    await birthBox.click()
    await birthBox.fill(birth)
    await birthBox.press('Enter')
    await dialog.locator('.el-dialog__header').click()
    await dialog.locator('[data-test="register-sex"] .el-radio', { hasText: '男' }).click()
    const contact = dialog.locator('[data-test="register-contact"]').first()
    await textBox(contact, 'register-contact-name').fill('孙妈妈')
    await textBox(contact, 'register-contact-phone').fill('13700009999')
    const created = reply(page, 'POST', /^\/institutions\/\d+\/children$/)
    await dialog.locator('[data-test="register-submit"]').click()
    assert.equal((await created).status(), 201)
    const drawer = page.locator('[data-test="child-drawer"]')
    await drawer.locator('[data-test="child-status"]', { hasText: '待入托' }).waitFor()

    // Enrol it in 小一班 (today's agreement, vaccination check and entry examination).
    await drawer.locator('[data-test="child-enrol"]').click()
    const enrol = page.locator('[data-test="enrol-dialog"]')
    await enrol.locator('[data-test="enrol-class"]').click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: CLASS }).first().click()
    const enrolled = reply(page, 'POST', /^\/children\/\d+\/enrol$/)
    await enrol.locator('[data-test="enrol-submit"]').click()
    assert.equal((await enrolled).status(), 200)
    await drawer.locator('[data-test="child-status"]', { hasText: '在托' }).waitFor()

    // A growth measurement, charted.
    await drawer.locator('.el-tabs__item', { hasText: '生长发育' }).click()
    await drawer.locator('[data-test="growth-add"]').click()
    const growth = page.locator('[data-test="growth-dialog"]')
    await textBox(growth, 'growth-height').fill('80.5')
    await textBox(growth, 'growth-weight').fill('10.8')
    await growth.locator('.el-dialog__header').click()
    const measured = reply(page, 'POST', /^\/children\/\d+\/growth$/)
    await growth.locator('[data-test="growth-submit"]').click()
    assert.equal((await measured).status(), 201)
    await drawer.locator('[data-test="child-growth"] .el-table__row', { hasText: '80.5' }).waitFor()
    await drawer.locator('[data-test="growth-chart"] canvas').waitFor()
    await assertNoMissingKeys(page)
    await settle(page)
    await shot(page, 'children-growth')
    await page.keyboard.press('Escape')
    await logoutUI(page)

    // The county's regulator: the figures per institution with the region's sum.
    await loginUI(page, DEMO.daowa)
    await page.waitForURL((u) => u.pathname === '/')
    const figures = reply(page, 'GET', /^\/children\/figures$/)
    await page.locator('[data-test="menu-/children/figures"]').click()
    await page.waitForURL(/\/children\/figures/)
    assert.equal((await figures).status(), 200)
    const table = page.locator('[data-test="child-figures"]')
    await table.locator('.el-table__row', { hasText: '大洼' }).first().waitFor()
    await table.locator('.el-table__footer', { hasText: '合计' }).waitFor()
    await assertNoMissingKeys(page)
    await shot(page, 'children-figures')
  } finally {
    await close()
  }
})
