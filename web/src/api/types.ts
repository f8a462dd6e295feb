export type Role =
  | 'admin'
  | 'regulator'
  | 'institution_admin'
  | 'institution_staff'
  | 'guardian'
  | 'exchange'

export const ROLES: Role[] = [
  'admin',
  'regulator',
  'institution_admin',
  'institution_staff',
  'guardian',
  'exchange',
]

export const DEPARTMENTS = [
  'health',
  'market_regulation',
  'civil_affairs',
  'education',
  'fire',
  'public_security',
  'housing',
  'human_resources',
  'finance',
  'development_reform',
  'emergency',
  'tax',
  'natural_resources',
  'commission_office',
  'women_federation',
] as const
export type Department = (typeof DEPARTMENTS)[number]

export interface User {
  id: number
  username: string
  display_name: string
  role: Role
  department: string | null
  region_code: string | null
  region_name: string | null
  institution_id: number | null
  institution_name: string | null
  phone: string | null
  disabled: boolean
  must_change_password: boolean
  is_demo: boolean
  /** Temporarily locked after too many failed sign-ins (server extension). */
  locked?: boolean
  created_at: string
  updated_at?: string
}

export interface SessionReply {
  user: User
  csrf_token: string
  must_change_password: boolean
}

export interface Page<T> {
  items: T[]
  total: number
  page: number
  page_size: number
}

/** The order a paged list is asked for in (a table's sorted column). */
export interface ListSort {
  prop: string
  order: 'asc' | 'desc'
}

export interface Region {
  code: string
  name: string
  level: number
  parent_code: string | null
  has_children: boolean
  /** street / town / township (乡镇级), community / village (村级); null where not known. */
  kind?: string | null
  /** First day in force; null = since before the records. */
  valid_from?: string | null
  /** First day no longer in force; null = in force. */
  valid_to?: string | null
}

export type Outcome = 'ok' | 'denied' | 'error'

export interface AuditRecord {
  seq: number
  at: string
  user_id: number | null
  username: string | null
  role: string | null
  method: string
  route: string
  object_type: string | null
  object_id: string | number | null
  region_code: string | null
  outcome: Outcome
  digest: string | null
  prev_hash: string | null
  hash: string | null
  request_id: string | null
}

export interface ApiErrorBody {
  code: string
  field: string | null
  message_zh: string
  message_en: string
  request_id?: string
  /** The RULES.md row a refusal rests on ("N2"); absent for most errors. */
  rule?: string
}
