// The staff (从业人员) module in the browser: the demo institution's administrator (daowa_nursery)
// imports an .xlsx staff list made here (checked first, then imported) and finds the person whose
// health examination is more than a year old marked 已逾期; hiring the demo's banned person is
// refused on the page, and 大洼区's health regulator (daowa_health) sees the alert naming the
// institution under 从业人员监管 → 禁入预警, then reads the institution's staff without write buttons.
// The imported person's drawer takes a photo: a file over 512 KB is refused before sending, a file
// that is no image by the server; a PNG made here is shown (and, reopened, fetched from the server),
// then deleted.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { deflateSync } from 'node:zlib'
import { assertNoMissingKeys, DEMO, loginUI, logoutUI, openBrowser, pickOption, shot } from './helpers.mjs'

const NURSERY = { username: 'daowa_nursery', password: 'Demo#2024nursery' }
const INSTITUTION = '大洼区大洼街道示范托育中心（演示）'
const BANNED_ID = '211104199001011775'

// ---- Test data ------------------------------------------------------------------------------------

/** The day `daysAgo` days before today in China (the server counts employment days there). */
function chinaDay(daysAgo) {
  return new Date(Date.now() + 8 * 3600e3 - daysAgo * 86400e3).toISOString().slice(0, 10)
}

/** A resident identity number of 大洼区 (GB 11643): 17 digits and the check character. */
function residentId(birth, sequence) {
  const first = '211104' + birth + String(sequence).padStart(3, '0')
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...first].reduce((acc, digit, i) => acc + Number(digit) * weights[i], 0)
  return first + '10X98765432'[sum % 11]
}

// Names and numbers of this run: the demo database is shared by every test file, and a server that
// is already running may have seen earlier runs.
const stamp = Date.now()
const tag = String(stamp)
  .slice(-4)
  .split('')
  .map((d) => '甲乙丙丁戊己庚辛壬癸'[Number(d)])
  .join('')
const month = String(1 + (stamp % 12)).padStart(2, '0')
const day = String(1 + (Math.floor(stamp / 12) % 28)).padStart(2, '0')
const OVERDUE = { name: '周' + tag, id: residentId(`1993${month}${day}`, 200 + (stamp % 400)) }
const CURRENT = { name: '吴' + tag, id: residentId(`1994${month}${day}`, 600 + (stamp % 399)) }

// ---- A minimal .xlsx: stored (uncompressed) ZIP entries, one sheet of inline strings --------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
function crc32(buf) {
  let c = 0xffffffff
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function zipStored(files) {
  const locals = []
  const centrals = []
  let offset = 0
  for (const [name, text] of files) {
    const nameBytes = Buffer.from(name, 'utf8')
    const data = Buffer.from(text, 'utf8')
    const crc = crc32(data)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4) // version needed
    local.writeUInt16LE(0x0800, 6) // names in UTF-8
    local.writeUInt16LE(0, 8) // stored
    local.writeUInt16LE(0, 10) // time
    local.writeUInt16LE(0x21, 12) // date: 1980-01-01
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(nameBytes.length, 26)
    local.writeUInt16LE(0, 28)
    locals.push(local, nameBytes, data)

    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4) // version made by
    central.writeUInt16LE(20, 6) // version needed
    central.writeUInt16LE(0x0800, 8)
    central.writeUInt16LE(0, 10)
    central.writeUInt16LE(0, 12)
    central.writeUInt16LE(0x21, 14)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(data.length, 20)
    central.writeUInt32LE(data.length, 24)
    central.writeUInt16LE(nameBytes.length, 28)
    central.writeUInt32LE(offset, 42)
    centrals.push(central, nameBytes)
    offset += local.length + nameBytes.length + data.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(files.length, 8)
  end.writeUInt16LE(files.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}

function escapeXml(text) {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** A workbook of one sheet holding `rows` (arrays of text) as inline strings. */
function xlsx(rows) {
  const column = (i) => String.fromCharCode(65 + i)
  const sheetRows = rows
    .map(
      (cells, r) =>
        `<row r="${r + 1}">` +
        cells
          .map((v, c) => `<c r="${column(c)}${r + 1}" t="inlineStr"><is><t>${escapeXml(v)}</t></is></c>`)
          .join('') +
        '</row>',
    )
    .join('')
  const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
  const pkg = 'http://schemas.openxmlformats.org/package/2006/relationships'
  const decl = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
  return zipStored([
    [
      '[Content_Types].xml',
      decl +
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
        '</Types>',
    ],
    [
      '_rels/.rels',
      decl +
        `<Relationships xmlns="${pkg}"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ],
    [
      'xl/workbook.xml',
      decl +
        `<workbook xmlns="${main}" xmlns:r="${rel}"><sheets><sheet name="从业人员" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ],
    [
      'xl/_rels/workbook.xml.rels',
      decl +
        `<Relationships xmlns="${pkg}"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    ],
    ['xl/worksheets/sheet1.xml', decl + `<worksheet xmlns="${main}"><sheetData>${sheetRows}</sheetData></worksheet>`],
  ])
}

// ---- A small PNG: 8-bit RGB, rows of filter byte 0, chunks with their CRC-32 --------------------------

function pngChunk(type, data) {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'ascii')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0)
  return Buffer.concat([head, data, crc])
}

/** A width×height PNG of a colour gradient. */
function png(width, height) {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8 // bit depth
  header[9] = 2 // truecolour
  const rows = []
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3)
    for (let x = 0; x < width; x++) {
      row[1 + x * 3] = (x * 255) / Math.max(1, width - 1)
      row[2 + x * 3] = (y * 255) / Math.max(1, height - 1)
      row[3 + x * 3] = 160
    }
    rows.push(row)
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.concat(rows))),
    pngChunk('IEND', Buffer.alloc(0)),
  ])
}

// ---- Page helpers ----------------------------------------------------------------------------------

/** The text box of an Element Plus input marked with data-test (on the <input> or its wrapper). */
function textBox(page, name) {
  return page.locator(`input[data-test="${name}"], [data-test="${name}"] input`).first()
}

async function signedIn(account) {
  const browser = await openBrowser({ width: 1400, height: 900 })
  await loginUI(browser.page, account)
  await browser.page.waitForURL((u) => u.pathname === '/')
  return browser
}

// ---- Tests -----------------------------------------------------------------------------------------

test('an institution imports an .xlsx staff list and sees the overdue health examination', async () => {
  const files = mkdtempSync(join(tmpdir(), 'tuoyu-staff-'))
  const file = join(files, '从业人员.xlsx')
  writeFileSync(
    file,
    xlsx([
      ['姓名', '证件类型', '证件号码', '岗位', '学历', '从业年限', '入职日期', '联系电话', '最近健康检查日期', '最近卫生培训日期'],
      [OVERDUE.name, '居民身份证', OVERDUE.id, '保育人员', '大专', '3', chinaDay(500), '13900002001', chinaDay(400), chinaDay(100)],
      [CURRENT.name, '', CURRENT.id, '炊事人员', '高中', '', chinaDay(200), '', chinaDay(30), chinaDay(30)],
    ]),
  )

  const { page, close } = await signedIn(NURSERY)
  try {
    await page.locator('[data-test="menu-/staff"]').click()
    await page.waitForURL(/\/staff$/)
    await page.locator('[data-test="staff-table"] .el-table__row').first().waitFor()

    // Check the file first, then import it.
    await page.locator('[data-test="staff-import"]').click()
    const dialog = page.locator('[data-test="staff-import-dialog"]')
    await dialog.locator('input[type="file"]').setInputFiles(file)
    await dialog.locator('[data-test="staff-import-check"]').click()
    const checked = dialog.locator('[data-test="staff-import-checked"]')
    await checked.waitFor()
    assert.match(await checked.innerText(), /2/)
    await dialog.locator('[data-test="staff-import-run"]').click()
    await dialog.locator('[data-test="staff-import-done"]').waitFor()
    await assertNoMissingKeys(page)
    await shot(page, 'staff-import')
    await dialog.locator('.el-dialog__footer button', { hasText: '关闭' }).click()
    await dialog.waitFor({ state: 'hidden' })

    // The imported person with the health examination of 400 days ago is marked overdue (by name:
    // the demo's 赵敏 is overdue too).
    await textBox(page, 'staff-filter-q').fill(OVERDUE.name)
    await page.locator('[data-test="staff-search"]').click()
    const table = page.locator('[data-test="staff-table"]')
    const row = table.locator('.el-table__row', { hasText: OVERDUE.name })
    await row.waitFor()
    assert.equal(await table.locator('.el-table__row', { hasText: '赵敏' }).count(), 0)
    const exam = row.locator('[data-test="health-exam-due"]')
    await exam.locator('[data-test="duty-overdue"]', { hasText: '已逾期' }).waitFor()
    assert.equal(await row.locator('[data-test="training-due"] [data-test="duty-overdue"]').count(), 0)
    assert.match(await row.innerText(), /2111\*+/)
    await shot(page, 'staff-overdue')

    // The other imported person is current.
    await textBox(page, 'staff-filter-q').fill(CURRENT.name)
    await page.locator('[data-test="staff-search"]').click()
    const other = table.locator('.el-table__row', { hasText: CURRENT.name })
    await other.waitFor()
    assert.equal(await other.locator('[data-test="duty-overdue"]').count(), 0)

    // The record: the full number only on an explicit click.
    await textBox(page, 'staff-filter-q').fill(OVERDUE.name)
    await page.locator('[data-test="staff-search"]').click()
    await table.locator('.el-table__row', { hasText: OVERDUE.name }).click()
    const drawer = page.locator('[data-test="staff-drawer"]')
    const number = drawer.locator('[data-test="staff-id-number"]')
    await number.waitFor()
    assert.match(await number.innerText(), /\*/)
    await drawer.locator('[data-test="staff-reveal"]').click()
    await drawer.locator('[data-test="staff-id-number"]', { hasText: OVERDUE.id }).waitFor()
    await shot(page, 'staff-drawer')

    // The photo: none yet; a file over 512 KB is refused before sending, a text file by the server.
    await drawer.locator('[data-test="staff-photo-none"]', { hasText: '未登记照片' }).waitFor()
    const photoFile = drawer.locator('[data-test="staff-photo-file"]')
    const photoError = drawer.locator('[data-test="staff-photo-error"]')
    const big = join(files, 'big.png')
    writeFileSync(big, Buffer.concat([png(8, 8), Buffer.alloc(513 * 1024)]))
    await photoFile.setInputFiles(big)
    await photoError.filter({ hasText: '照片不能超过 512 KB' }).waitFor()
    const fake = join(files, 'fake.png')
    writeFileSync(fake, 'no image at all')
    await photoFile.setInputFiles(fake)
    await photoError.filter({ hasText: '照片须为 JPEG 或 PNG 图片' }).waitFor()
    assert.equal(await drawer.locator('[data-test="staff-photo-delete"]').count(), 0)

    // A PNG made here is shown, and the record has a photo now (the delete button).
    const photoPng = join(files, 'photo.png')
    writeFileSync(photoPng, png(8, 8))
    await photoFile.setInputFiles(photoPng)
    const img = drawer.locator('[data-test="staff-photo-img"]')
    await img.waitFor()
    await img.evaluate((el) => el.decode())
    assert.equal(await img.evaluate((el) => el.naturalWidth), 8)
    await drawer.locator('[data-test="staff-photo-delete"]').waitFor()
    assert.equal(await photoError.count(), 0)
    await assertNoMissingKeys(page)
    await shot(page, 'staff-photo')
    await page.keyboard.press('Escape')
    await drawer.waitFor({ state: 'hidden' })

    // Reopened, the drawer fetches the photo from the server (shown as a data: URL of its bytes).
    const fetched = page.waitForResponse(
      (r) => r.request().method() === 'GET' && /\/api\/v1\/staff\/\d+\/photo$/.test(r.url()),
    )
    await table.locator('.el-table__row', { hasText: OVERDUE.name }).click()
    const reply = await fetched
    assert.equal(reply.status(), 200)
    assert.equal(reply.headers()['content-type'], 'image/png')
    await img.waitFor()
    assert.match(await img.getAttribute('src'), /^data:image\/png;base64,/)
    await img.evaluate((el) => el.decode())
    assert.ok((await img.evaluate((el) => el.naturalWidth)) > 0)

    // Deleted after a confirmation: the placeholder again.
    await drawer.locator('[data-test="staff-photo-delete"]').click()
    await page.locator('.el-message-box__btns .el-button--primary').click()
    await drawer.locator('[data-test="staff-photo-none"]', { hasText: '未登记照片' }).waitFor()
    assert.equal(await img.count(), 0)
    assert.equal(await drawer.locator('[data-test="staff-photo-delete"]').count(), 0)
    await page.keyboard.press('Escape')
    await drawer.waitFor({ state: 'hidden' })

    // The staffing check with its 持证率 and findings.
    await page.locator('#tab-staffing').click()
    await page.locator('[data-test="certified-rate"]').waitFor()
    assert.match(await page.locator('[data-test="certified-rate"]').innerText(), /%/)
    await page.locator('[data-test="findings-table"]').waitFor()
    await assertNoMissingKeys(page)
    await shot(page, 'staff-staffing')
  } finally {
    await close()
  }
})

test('hiring a banned person is refused and the county regulator sees the alert', async () => {
  const { page, close } = await signedIn(NURSERY)
  try {
    await page.locator('[data-test="menu-/staff"]').click()
    await page.waitForURL(/\/staff$/)
    await page.locator('[data-test="staff-add"]').click()
    const dialog = page.locator('[data-test="staff-hire-dialog"]')
    await textBox(page, 'hire-name').fill('孙某')
    await textBox(page, 'hire-id-number').fill(BANNED_ID)
    await pickOption(page, dialog.locator('[data-test="hire-role"]'), '保育人员')
    await pickOption(page, dialog.locator('[data-test="hire-education"]'), '大专')
    const start = textBox(page, 'hire-start-on')
    await start.click()
    await start.fill(chinaDay(1))
    await start.press('Enter')
    await dialog.locator('.el-dialog__header').click()
    await dialog.locator('[data-test="hire-submit"]').click()
    const error = dialog.locator('[data-test="hire-error"]')
    await error.waitFor()
    assert.match(await error.innerText(), /此人依法不得从事托育服务工作/)
    await assertNoMissingKeys(page)
    await shot(page, 'staff-banned')
    await page.keyboard.press('Escape')
    await logoutUI(page)

    // 大洼区's health regulator: the alert names the institution.
    await loginUI(page, DEMO.daowa)
    await page.waitForURL((u) => u.pathname === '/')
    // The home page warns of the region's overdue yearly duties (the demo's 赵敏 at least).
    const warning = page.locator('[data-test="home-overdue-duties"]')
    await warning.waitFor()
    assert.match(await warning.innerText(), /已逾期/)
    await page.locator('[data-test="menu-/staff/oversight"]').click()
    await page.waitForURL(/\/staff\/oversight/)
    await page.locator('#tab-alerts').click()
    const alert = page.locator('[data-test="oversight-alerts"] .el-table__row', { hasText: INSTITUTION }).first()
    await alert.waitFor()
    assert.match(await alert.innerText(), /孙某/)
    await assertNoMissingKeys(page)
    await shot(page, 'staff-alerts')

    // The ban list and the staffing overview with its sum; the institution's staff read-only.
    await page.locator('#tab-bans').click()
    await page.locator('[data-test="oversight-bans"] .el-table__row', { hasText: '孙某' }).first().waitFor()
    await page.locator('#tab-overview').click()
    const overview = page.locator('[data-test="oversight-overview"]')
    await overview.locator('.el-table__footer', { hasText: '合计' }).waitFor()
    await overview.locator('.el-table__row a', { hasText: INSTITUTION }).first().click()
    await page.waitForURL(/\/staff\?institution=\d+/)
    await page.locator('[data-test="staff-table"] .el-table__row').first().waitFor()
    await page.locator('[data-test="staff-institution"]', { hasText: INSTITUTION }).waitFor()
    assert.equal(await page.locator('[data-test="staff-add"]').count(), 0)
    assert.equal(await page.locator('[data-test="staff-import"]').count(), 0)
    await assertNoMissingKeys(page)
    await shot(page, 'staff-regulator')
  } finally {
    await close()
  }
})
