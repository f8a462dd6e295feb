import { api } from './client'

export type DayKind = 'holiday' | 'workday'

export interface SpecialDay {
  date: string
  kind: DayKind
  name_zh: string
  name_en: string
  source: string | null
}

export interface CalendarYear {
  year: number
  days: SpecialDay[]
  covered: boolean
}

export function calendarYear(year: number) {
  return api.get<CalendarYear>('/calendar', { year })
}

export function saveDay(day: SpecialDay) {
  const { date, ...rest } = day
  return api.put<SpecialDay>(`/calendar/${date}`, rest)
}

export function removeDay(date: string) {
  return api.delete<unknown>(`/calendar/${date}`)
}

export function addWorkingDays(from: string, add: number) {
  return api.get<{ date: string }>('/calendar/working-days', { from, add }, { quiet: true })
}

export function countWorkingDays(from: string, to: string) {
  return api.get<{ count: number }>('/calendar/working-days', { from, to }, { quiet: true })
}
