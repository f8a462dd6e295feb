function pad(n: number) {
  return n < 10 ? '0' + n : String(n)
}

/** ISO-8601 time → "YYYY-MM-DD HH:mm:ss" in the browser's time zone. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return ''
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
  )
}

/** A date as "YYYY-MM-DD" in the browser's time zone (a date picker's dates are local midnights). */
export function localDay(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** Today's date as "YYYY-MM-DD" in the browser's time zone. */
export function today(): string {
  return localDay(new Date())
}

/** An integer with thousands separators; null → the "none" dash chosen by the caller. */
export function formatCount(n: number | null | undefined, none = '—'): string {
  return n === null || n === undefined ? none : n.toLocaleString('en-US')
}

/** Today's date as "YYYY-MM-DD" in China (UTC+8, no daylight saving): the server's days are China's. */
export function chinaToday(): string {
  return new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10)
}

/** A date picker's `disabled-date` for days still to come: those after today in China. */
export function futureDay(d: Date): boolean {
  return localDay(d) > chinaToday()
}

/** ISO-8601 time → "HH:mm" in the browser's time zone (the day is shown beside it). */
export function formatClock(iso: string | null | undefined): string {
  if (!iso) return ''
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`
}
