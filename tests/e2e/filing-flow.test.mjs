// The filing (备案) of an institution from end to end in the browser: the demo institution's
// administrator (daowa_nursery, registered but not filed) fills the wizard — profile, 备案书,
// materials (small generated PDF and PNG files), 承诺书 — and submits; 大洼区's health regulator
// (daowa_health) finds it in the review queue, reads the findings and accepts it; the receipt PDF
// downloads; the institution is then on the public page without a session.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { deflateSync } from 'node:zlib'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { apiClient, assertNoMissingKeys, DEMO, loginAPI, loginUI, logoutUI, openBrowser, pickOption, shot } from './helpers.mjs'

const NURSERY = { username: 'daowa_nursery', password: 'Demo#2024nursery' }
const INSTITUTION = '大洼区大洼街道示范托育中心（演示）'

/** A one-page PDF that any reader opens (no font, one line drawn). */
function tinyPdf(title) {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>',
  ]
  const stream = `% ${title}\n10 10 m 190 190 l S\n`
  objects.push(`<< /Length ${stream.length} >>\nstream\n${stream}endstream`)
  let out = '%PDF-1.4\n'
  const offsets = []
  objects.forEach((body, i) => {
    offsets.push(out.length)
    out += `${i + 1} 0 obj\n${body}\nendobj\n`
  })
  const xref = out.length
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
  for (const o of offsets) out += String(o).padStart(10, '0') + ' 00000 n \n'
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(out, 'latin1')
}

/** A valid 2×2 PNG (signature, IHDR, IDAT, IEND with their CRCs). */
function tinyPng() {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  const crc = (buf) => {
    let c = 0xffffffff
    for (const b of buf) c = table[(c ^ b) & 0xff] ^ (c >>> 8)
    return (c ^ 0xffffffff) >>> 0
  }
  const chunk = (type, data) => {
    const len = Buffer.alloc(4)
    len.writeUInt32BE(data.length)
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const sum = Buffer.alloc(4)
    sum.writeUInt32BE(crc(body))
    return Buffer.concat([len, body, sum])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(2, 0)
  header.writeUInt32BE(2, 4)
  header[8] = 8 // bit depth
  header[9] = 2 // RGB
  const rows = Buffer.from([0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 255])
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

/** Type into the Element Plus input (or input-number) marked with data-test. */
async function fill(page, testId, value) {
  const input = page.locator(`[data-test="${testId}"] input, input[data-test="${testId}"]`).first()
  await input.fill(String(value))
  await input.blur()
}

/** Type a date into the Element Plus date picker marked with data-test, and close its panel. */
async function date(page, testId, value) {
  const input = page.locator(`[data-test="${testId}"] input, input[data-test="${testId}"]`).first()
  await input.click()
  await input.fill(value)
  await input.press('Enter')
  await page.keyboard.press('Escape')
}

/** Click the radio with this label inside the group marked with data-test. */
async function radio(page, testId, label) {
  await page.locator(`[data-test="${testId}"] .el-radio`, { hasText: label }).first().click()
}

/** Tick the checkboxes with these labels inside the group marked with data-test. */
async function tick(page, testId, labels) {
  for (const label of labels) {
    await page.locator(`[data-test="${testId}"] .el-checkbox`, { hasText: label }).first().click()
  }
}

test('an institution files, the county accepts, the receipt downloads and the public page lists it', async () => {
  const files = mkdtempSync(join(tmpdir(), 'tuoyu-filing-'))
  const pdf = join(files, '营业执照.pdf')
  writeFileSync(pdf, tinyPdf('licence'))
  const png = join(files, 'site.png')
  writeFileSync(png, tinyPng())
  const other = (name) => {
    const path = join(files, name)
    writeFileSync(path, tinyPdf(name))
    return path
  }

  const { page, close } = await openBrowser({ width: 1400, height: 900 })
  try {
    // ---- The institution's administrator: the wizard. ----------------------------------------
    await loginUI(page, NURSERY)
    await page.waitForURL((u) => u.pathname === '/')
    await page.locator('[data-test="menu-/filing"]').click()
    await page.waitForURL(/\/filing$/)
    await page.locator('[data-test="step-profile"]').waitFor()
    assert.match(await page.locator('[data-test="institution-status"]').innerText(), /已登记待备案/)

    // A bad value is refused by the server and shown beside its field, in Chinese.
    await fill(page, 'pf-lon', '10')
    await fill(page, 'pf-lat', '10')
    await page.locator('[data-test="save-profile"]').click()
    const wizardError = page.locator('[data-test="wizard-error"]')
    await wizardError.waitFor()
    assert.match(await wizardError.innerText(), /location\.(longitude|latitude)/)
    assert.match(await wizardError.innerText(), /[\u4e00-\u9fff]/)
    await shot(page, 'filing-profile-error')

    // Step 1: the profile.
    await pickOption(page, page.locator('[data-test="pf-sponsor"]'), '社会力量')
    await tick(page, 'pf-modes', ['全日托', '半日托'])
    await fill(page, 'pf-slots', 40)
    await radio(page, 'pf-meals', '提供膳食')
    await pickOption(page, page.locator('[data-test="pf-meal-source"]'), '自行加工')
    await fill(page, 'pf-lon', '122.0851')
    await fill(page, 'pf-lat', '41.0043')
    await radio(page, 'pf-crs', 'GCJ-02')
    await page.locator('[data-test="hazard-check"]').click()
    await page.locator('[data-test="hazard-result"]').waitFor()
    await fill(page, 'pf-usable-area', 420)
    await fill(page, 'pf-building-area', 560)
    await fill(page, 'pf-floors', 2)
    await pickOption(page, page.locator('[data-test="pf-children-floors"]'), '1 层')
    await page.keyboard.press('Escape')
    await pickOption(page, page.locator('[data-test="pf-basement"]'), '无地下室')
    await fill(page, 'pf-fire-exits', 2)
    for (const flag of ['fire_equipment', 'heating', 'cooling', 'safety_rails_and_mats', 'indoor_air_qualified']) {
      await radio(page, 'pf-' + flag, '是')
    }
    await fill(page, 'pf-window', 22)
    await fill(page, 'pf-obs-area', 8)
    await fill(page, 'pf-obs-beds', 1)
    await tick(page, 'pf-rooms-living', ['进餐区', '睡眠区', '游戏活动区', '盥洗室'])
    await tick(page, 'pf-rooms-service', ['保健室', '办公室'])
    await tick(page, 'pf-rooms-logistics', ['厨房', '消毒间'])
    await radio(page, 'pf-tenure', '租赁')
    await date(page, 'pf-lease-start', '2024-01-01')
    await date(page, 'pf-lease-end', '2034-01-01')
    await page.locator('[data-test="add-class"]').click()
    const classRow = page.locator('[data-test="pf-classes"] .el-table__row').first()
    await classRow.locator('[data-test="class-count"] input').fill('2')
    await classRow.locator('[data-test="class-size"] input').fill('15')
    await classRow.locator('[data-test="class-caregivers"] input').fill('3')
    await classRow.locator('[data-test="class-activity_room_m2"] input').fill('40')
    await classRow.locator('[data-test="class-activity_room_m2"] input').blur()
    await shot(page, 'filing-profile')
    await page.locator('[data-test="next-profile"]').click()

    // Step 2: the 备案书 form (creates the draft).
    await page.locator('[data-test="step-form"]').waitFor({ state: 'visible' })
    await fill(page, 'form-head-name', '王园长')
    await fill(page, 'form-head-phone', '13800001005')
    await fill(page, 'form-staff-caregivers', 6)
    await fill(page, 'form-staff-health_workers', 1)
    await fill(page, 'form-staff-cooks', 1)
    await radio(page, 'form-hygiene', '合格')
    await radio(page, 'form-fire', '合格')
    await shot(page, 'filing-form')
    await page.locator('[data-test="next-form"]').click()

    // Step 3: the materials; the food licence is required because meals are served.
    await page.locator('[data-test="step-materials"]').waitFor({ state: 'visible' })
    assert.match(await page.locator('[data-test="material-state-food_licence"]').innerText(), /必需，未上传/)
    const uploads = {
      business_licence: pdf,
      site_proof: png,
      staff_certificates: other('staff.pdf'),
      hygiene_evaluation: other('hygiene.pdf'),
      fire_check: other('fire.pdf'),
      food_licence: other('food.pdf'),
    }
    for (const [kind, path] of Object.entries(uploads)) {
      await page.locator(`[data-test="upload-${kind}"]`).setInputFiles(path)
      await page.locator(`[data-test="material-file-${kind}"]`).first().waitFor()
    }
    // A file that is neither PDF, JPEG nor PNG is refused with the server's message.
    const text = join(files, 'notes.pdf')
    writeFileSync(text, 'just text, not a PDF')
    await page.locator('[data-test="upload-other"]').setInputFiles(text)
    await wizardError.waitFor()
    assert.match(await wizardError.innerText(), /PDF/)
    for (const kind of Object.keys(uploads)) {
      assert.match(await page.locator(`[data-test="material-state-${kind}"]`).innerText(), /已上传/)
    }
    // Remove one and put it back.
    await page.locator('[data-test="material-delete-site_proof"]').first().click()
    await page.locator('.el-message-box__btns .el-button--primary').click()
    await page.locator('[data-test="material-state-site_proof"]', { hasText: '未上传' }).waitFor()
    await page.locator('[data-test="upload-site_proof"]').setInputFiles(png)
    await page.locator('[data-test="material-file-site_proof"]').first().waitFor()
    await shot(page, 'filing-materials')
    await page.locator('[data-test="next-materials"]').click()

    // Step 4: the commitment; submitting without accepting it is refused by the page.
    await page.locator('[data-test="step-commitment"]').waitFor({ state: 'visible' })
    assert.match(await page.locator('[data-test="commitment-text"]').innerText(), /本机构承诺/)
    // The server's 预检: nothing missing, and the standards findings before anything is submitted.
    const precheck = page.locator('[data-test="precheck"]')
    await precheck.locator('[data-test="precheck-ready"]').waitFor()
    assert.match(await precheck.locator('[data-test="precheck-counts"]').innerText(), /\d+ 项不符合/)
    const precheckFindings = await precheck.locator('[data-test="findings-table"]').innerText()
    assert.match(precheckFindings, /\bS2\b/)
    assert.doesNotMatch(precheckFindings, /breastfeeding|security_room/, 'missing rooms are named, not coded')
    await fill(page, 'commitment-signatory', '王园长')
    await page.locator('[data-test="commitment-accept"]').click()
    await shot(page, 'filing-commitment')
    await page.locator('[data-test="submit-filing"]').click()

    // Submitted: the state, deadlines and the findings with their rules and sources.
    const status = page.locator('[data-test="filing-status"]')
    await status.waitFor()
    assert.match(await status.locator('[data-test="filing-state"]').innerText(), /待审核/)
    assert.match(await status.locator('[data-test="receipt-due"]').innerText(), /^\d{4}-\d{2}-\d{2}$/)
    const findings = status.locator('[data-test="findings-table"]')
    await findings.waitFor()
    const findingsText = await findings.innerText()
    assert.match(findingsText, /\b[SN]\d+\b/, 'findings carry their rule number')
    assert.match(findingsText, /标准|办法|规范|意见|通知/, 'findings carry their source')
    assert.match(await page.locator('[data-test="institution-status"]').innerText(), /备案审核中/)
    await assertNoMissingKeys(page)
    await shot(page, 'filing-submitted')

    // The same page in English: no raw keys, English labels.
    await page.locator('.topbar [data-test="lang-switch"]').click()
    await page.locator('[data-test="lang-en"]:visible').click()
    await page.locator('.page-header h2', { hasText: 'My filing' }).waitFor()
    assert.match(await status.locator('[data-test="filing-state"]').innerText(), /Awaiting review/)
    await assertNoMissingKeys(page)
    await shot(page, 'filing-submitted-en')
    await page.locator('.topbar [data-test="lang-switch"]').click()
    await page.locator('[data-test="lang-zh-CN"]:visible').click()
    await page.locator('.page-header h2', { hasText: '我的备案' }).waitFor()
    await logoutUI(page)

    // ---- The county's health regulator: the review queue. --------------------------------------
    await loginUI(page, DEMO.daowa)
    await page.waitForURL((u) => u.pathname === '/')
    await page.locator('[data-test="menu-/filings/queue"]').click()
    await page.waitForURL(/\/filings\/queue/)
    const queueRow = page.locator('[data-test="filing-queue"] .el-table__row', { hasText: INSTITUTION }).first()
    await queueRow.waitFor()
    assert.match(await queueRow.innerText(), /正常|即将到期|已超期/)
    // The demo's filing submitted three weeks ago: its receipt deadline has passed, and the queue
    // says so in red; the overdue filter keeps it and drops the one just submitted.
    const lateRow = page.locator('[data-test="filing-queue"] .el-table__row', { hasText: '向日葵托育中心' }).first()
    await lateRow.locator('[data-test="warning-overdue"]').waitFor()
    assert.match(await lateRow.innerText(), /已超期/)
    await shot(page, 'filing-queue')
    await page.locator('[data-test="filter-warning"]').click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: '已超期' }).click()
    await page.locator('[data-test="filing-queue"] .el-table__row', { hasText: INSTITUTION }).waitFor({ state: 'detached' })
    assert.equal(await lateRow.count(), 1)
    await page.reload()
    await queueRow.waitFor()
    await queueRow.click()
    const drawer = page.locator('.el-drawer:visible')
    await drawer.locator('[data-test="findings-table"]').waitFor()
    assert.match(await drawer.locator('[data-test="findings-table"]').innerText(), /\b[SN]\d+\b/)
    assert.match(await drawer.locator('[data-test="filing-materials"]').innerText(), /营业执照/)
    await drawer.locator('[data-test="deadline-ok"], [data-test="deadline-due_soon"], [data-test="deadline-overdue"]').first().waitFor()
    await shot(page, 'filing-review')
    await drawer.locator('input[data-test="decision-note"], [data-test="decision-note"] input').first().fill('材料齐全，准予备案')
    await drawer.locator('[data-test="accept-filing"]').click()
    await page.locator('.el-message-box__btns .el-button--primary').click()
    const receipt = drawer.locator('[data-test="receipt-number"]')
    await receipt.waitFor()
    const receiptNumber = (await receipt.innerText()).trim()
    assert.match(receiptNumber, /^TY-211104-\d{4}-\d{4}$/)
    assert.match(await drawer.locator('[data-test="filing-state"]').innerText(), /已通过/)

    // The receipt PDF downloads through the link of the drawer.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      drawer.locator('[data-test="receipt-pdf"]').click(),
    ])
    const saved = join(files, 'receipt.pdf')
    await download.saveAs(saved)
    assert.equal(readFileSync(saved).subarray(0, 5).toString('latin1'), '%PDF-')
    await shot(page, 'filing-accepted')
    await page.keyboard.press('Escape')
    await drawer.waitFor({ state: 'hidden' })
    await logoutUI(page)

    // ---- The public page, without a session. ---------------------------------------------------
    await page.goto('/public')
    const table = page.locator('[data-test="public-table"]')
    await table.getByText(INSTITUTION).waitFor()
    await table.getByText(INSTITUTION).click()
    await page.locator('.el-drawer:visible').getByText(receiptNumber).first().waitFor()
    await shot(page, 'filing-public')

    // ---- Back to the institution: its filing is accepted, with both documents to download. ----
    await loginUI(page, NURSERY)
    await page.waitForURL((u) => u.pathname === '/')
    await page.goto('/filing')
    const accepted = page.locator('[data-test="filing-status"]')
    await accepted.locator('[data-test="notice-pdf"]').waitFor()
    assert.equal((await accepted.locator('[data-test="receipt-number"]').innerText()).trim(), receiptNumber)
    assert.match(await page.locator('[data-test="institution-status"]').innerText(), /已备案/)
    const [notice] = await Promise.all([page.waitForEvent('download'), accepted.locator('[data-test="notice-pdf"]').click()])
    const noticeFile = join(files, 'notice.pdf')
    await notice.saveAs(noticeFile)
    assert.equal(readFileSync(noticeFile).subarray(0, 5).toString('latin1'), '%PDF-')
    // A filed institution may file a change next.
    await accepted.locator('[data-test="start-filing"]', { hasText: '变更' }).waitFor()
    await shot(page, 'filing-accepted-institution')
  } catch (e) {
    await shot(page, 'filing-failure').catch(() => {})
    throw e
  } finally {
    await close()
    rmSync(files, { recursive: true, force: true })
  }
})

// The other outcome: 余姚市's institution files (through the API, as the wizard would), 余姚市's
// regulator rejects it in the queue with reasons; 大洼区's regulator cannot read it; the institution
// sees the reasons on its filing page and may file again; the rejection is published.
test('a county rejects a filing with reasons that the institution then reads', async () => {
  const YUYAO_NURSERY = { username: 'yuyao_nursery', password: 'Demo#2024yuyaon' }
  const YUYAO = '余姚市梨洲街道阳光托育园（演示）'
  const request = await apiClient()
  let filingId
  try {
    const login = await loginAPI(request, YUYAO_NURSERY)
    const headers = { 'X-CSRF-Token': login.csrf_token }
    const id = login.user.institution_id
    const ok = async (reply) => {
      assert.ok(reply.ok(), `${reply.url()}: HTTP ${reply.status()} ${await reply.text()}`)
      return reply.status() === 204 ? null : reply.json()
    }
    await ok(
      await request.put(`/api/v1/institutions/${id}/profile`, {
        headers,
        data: {
          sponsor_type: 'social_forces',
          service_modes: ['full_day'],
          location: { longitude: 121.154, latitude: 30.037, coordinate_system: 'gcj02' },
          site: { usable_floor_area_m2: 150, building_area_m2: 200, building_floors: 3, children_floors: [3], basement_use: 'none', fire_exits: 1, tenure: 'owned' },
          classes: [{ type: 'toddler_class', count: 1, size: 20, caregivers: 2 }],
          slots: 20,
          meals: { served: false },
        },
      }),
    )
    const draft = await ok(
      await request.post(`/api/v1/institutions/${id}/filings`, {
        headers,
        data: {
          kind: 'initial',
          form: { head_name: '陈园长', head_phone: '13800001010', staff: { caregivers: 2 }, hygiene_evaluation_result: 'qualified', fire_check_passed: true },
        },
      }),
    )
    filingId = draft.id
    for (const kind of ['business_licence', 'site_proof', 'staff_certificates', 'hygiene_evaluation', 'fire_check']) {
      await ok(
        await request.post(`/api/v1/filings/${filingId}/materials?kind=${kind}&filename=${kind}.pdf`, {
          headers: { ...headers, 'Content-Type': 'application/pdf' },
          data: tinyPdf(kind),
        }),
      )
    }
    await ok(await request.patch(`/api/v1/filings/${filingId}`, { headers, data: { commitment: { signatory: '陈园长', accepted: true } } }))
    await ok(await request.post(`/api/v1/filings/${filingId}/submit`, { headers, data: {} }))
  } finally {
    await request.dispose()
  }

  // Another county's regulator cannot read it.
  const daowa = await apiClient()
  try {
    await loginAPI(daowa, DEMO.daowa)
    const reply = await daowa.get(`/api/v1/filings/${filingId}`)
    assert.equal(reply.status(), 404)
  } finally {
    await daowa.dispose()
  }

  const { page, close } = await openBrowser({ width: 1400, height: 900 })
  try {
    await loginUI(page, DEMO.yuyao)
    await page.waitForURL((u) => u.pathname === '/')
    await page.goto('/filings/queue')
    const row = page.locator('[data-test="filing-queue"] .el-table__row', { hasText: YUYAO }).first()
    await row.waitFor()
    // Only its own county's filings.
    assert.equal(await page.locator('[data-test="filing-queue"] .el-table__row', { hasText: '大洼区' }).count(), 0)
    await row.click()
    const drawer = page.locator('.el-drawer:visible')
    await drawer.locator('[data-test="findings-table"]').waitFor()
    // The findings of this site: children on the 3rd floor (N14) and too little floor area per child.
    assert.match(await drawer.locator('[data-test="findings-table"]').innerText(), /不符合/)
    // Rejecting needs reasons.
    await drawer.locator('[data-test="reject-filing"]').click()
    await page.locator('.el-message', { hasText: '请填写不予备案的理由' }).waitFor()
    await drawer.locator('textarea[data-test="reject-reasons"], [data-test="reject-reasons"] textarea').first().fill('婴幼儿用房设在三层\n安全出口不足两个')
    await drawer.locator('[data-test="reject-filing"]').click()
    await page.locator('.el-message-box__btns .el-button--primary').click()
    await drawer.locator('[data-test="rejection-reasons"]').waitFor()
    assert.match(await drawer.locator('[data-test="filing-state"]').innerText(), /未通过/)
    await shot(page, 'filing-rejected-review')
    await page.keyboard.press('Escape')
    await drawer.waitFor({ state: 'hidden' })
    await logoutUI(page)

    // The institution reads the reasons and may file again, with its profile kept.
    await loginUI(page, YUYAO_NURSERY)
    await page.waitForURL((u) => u.pathname === '/')
    await page.goto('/filing')
    const status = page.locator('[data-test="filing-status"]')
    await status.waitFor()
    assert.match(await status.locator('[data-test="rejection-reasons"]').innerText(), /安全出口不足两个/)
    assert.match(await page.locator('[data-test="institution-status"]').innerText(), /备案未通过/)
    await shot(page, 'filing-rejected-institution')
    await page.locator('[data-test="start-filing"]').click()
    await page.locator('[data-test="step-profile"]').waitFor({ state: 'visible' })
    assert.equal(await page.locator('[data-test="pf-usable-area"] input, input[data-test="pf-usable-area"]').first().inputValue(), '150')
    await assertNoMissingKeys(page)
  } catch (e) {
    await shot(page, 'filing-failure').catch(() => {})
    throw e
  } finally {
    await close()
  }

  // The rejection is published with its reasons.
  const open = await apiClient()
  try {
    const reply = await open.get('/api/v1/public/decisions?type=filing_rejection&page_size=100')
    assert.equal(reply.status(), 200)
    const items = (await reply.json()).items
    assert.ok(items.some((d) => d.institution_name === YUYAO && d.reasons.includes('安全出口不足两个')), JSON.stringify(items))
  } finally {
    await open.dispose()
  }
})

test('the city above sees the overdue filings of its counties', async () => {
  const { page, close } = await openBrowser({ width: 1400, height: 900 })
  try {
    await loginUI(page, DEMO.panjin)
    await page.waitForURL((u) => u.pathname === '/')
    await page.goto('/filings/queue')
    await page.locator('[data-test="filter-warning"]').click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: '已超期' }).click()
    // The demo's filing in 大洼区, unanswered past its receipt deadline (备案办法 第9条).
    const row = page.locator('[data-test="filing-queue"] .el-table__row', { hasText: '向日葵托育中心' }).first()
    await row.locator('[data-test="warning-overdue"]').waitFor()
    assert.match(await row.innerText(), /榆树街道/)
    for (const other of await page.locator('[data-test="filing-queue"] .el-table__row').all()) {
      assert.match(await other.innerText(), /已超期/)
    }
    await assertNoMissingKeys(page)
    await shot(page, 'filing-queue-city')
  } finally {
    await close()
  }
})
