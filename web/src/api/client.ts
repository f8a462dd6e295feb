import { ElMessage } from 'element-plus'
import { pickBilingual, tr } from '../i18n'
import type { ApiErrorBody } from './types'

/** An error reply of the server ({code, field, message_zh, message_en, request_id}). */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly field: string | null
  readonly messageZh: string
  readonly messageEn: string
  readonly requestId: string | null
  /** The RULES.md row a refusal rests on ("N2"), when it rests on one. */
  readonly rule: string | null

  constructor(status: number, body: Partial<ApiErrorBody>) {
    super(body.message_en || body.code || `HTTP ${status}`)
    this.name = 'ApiError'
    this.status = status
    this.code = body.code || 'http_' + status
    this.field = body.field ?? null
    this.messageZh = body.message_zh || ''
    this.messageEn = body.message_en || ''
    this.requestId = body.request_id ?? null
    this.rule = body.rule || null
  }

  /** The message in the current UI language. */
  get localized(): string {
    const text = pickBilingual(this.messageZh, this.messageEn)
    if (text) return text
    return this.status === 0 ? tr('common.networkError') : tr('common.unknownError')
  }
}

/** Message of any thrown value, in the current language. */
export function errorText(e: unknown): string {
  if (e instanceof ApiError) return e.localized
  return tr('common.unknownError')
}

let csrfToken: string | null = null
export function setCsrfToken(token: string | null) {
  csrfToken = token
}

let onUnauthorized: (() => void) | null = null
/** Called (once per 401 reply) to send the user to the login page. */
export function setUnauthorizedHandler(fn: () => void) {
  onUnauthorized = fn
}

/** Send the user to the login page (session expired). */
export function notifyUnauthorized() {
  onUnauthorized?.()
}

export type Query = Record<string, string | number | boolean | null | undefined>

export interface RequestOptions {
  query?: Query
  body?: unknown
  /** A file (or other bytes) sent as the request body as it is, with its own type, instead of JSON. */
  raw?: Blob
  /** Do not show an error message / do not redirect on 401: the caller shows the error. */
  quiet?: boolean
}

const API_PREFIX = '/api/v1'

/** A request body without what the user left empty (text trimmed), so that the server's defaults apply. */
export function compact<T extends object>(body: T): Partial<T> {
  const out: Partial<T> = {}
  for (const [key, value] of Object.entries(body) as [keyof T, T[keyof T]][]) {
    if (value === undefined || value === null) continue
    if (typeof value === 'string' && value.trim() === '') continue
    out[key] = (typeof value === 'string' ? value.trim() : value) as T[keyof T]
  }
  return out
}

export function buildQuery(query?: Query): string {
  if (!query) return ''
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue
    params.append(key, String(value))
  }
  const s = params.toString()
  return s ? '?' + s : ''
}

/** Sends a request with the session cookie (and the CSRF token on unsafe methods). */
async function send(method: string, path: string, opts: RequestOptions, accept: string): Promise<Response> {
  const headers: Record<string, string> = { Accept: accept }
  let body: BodyInit | undefined
  if (opts.raw !== undefined) {
    headers['Content-Type'] = opts.raw.type || 'application/octet-stream'
    body = opts.raw
  } else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(opts.body)
  }
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) {
    headers['X-CSRF-Token'] = csrfToken
  }

  try {
    return await fetch(API_PREFIX + path + buildQuery(opts.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
    })
  } catch {
    const err = new ApiError(0, {
      code: 'network_error',
      message_zh: '',
      message_en: '',
    })
    if (!opts.quiet) ElMessage.error(err.localized)
    throw err
  }
}

/** Throws the ApiError of an error reply, after showing it (or sending the user to log in on 401). */
async function fail(resp: Response, opts: RequestOptions): Promise<never> {
  let errBody: Partial<ApiErrorBody> = {}
  try {
    errBody = (await resp.json()) as Partial<ApiErrorBody>
  } catch {
    /* non-JSON error body (proxy, crash): keep defaults */
  }
  const err = new ApiError(resp.status, errBody)
  if (!opts.quiet) {
    if (resp.status === 401) {
      onUnauthorized?.()
    } else {
      ElMessage({ type: 'error', message: err.localized, showClose: true, duration: 5000 })
    }
  }
  throw err
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const resp = await send(method, path, opts, 'application/json')
  if (!resp.ok) return fail(resp, opts)
  if (resp.status === 204) return undefined as T
  const text = await resp.text()
  return (text ? JSON.parse(text) : undefined) as T
}

/**
 * The bytes of a GET reply (an image) as a Blob, with the session cookie; an error reply throws
 * its ApiError as request does. Show an image with dataUrl: the server's Content-Security-Policy
 * (img-src 'self' data:) blocks blob: object URLs.
 */
export async function requestBlob(path: string, opts: Omit<RequestOptions, 'body' | 'raw'> = {}): Promise<Blob> {
  const resp = await send('GET', path, opts, '*/*')
  if (!resp.ok) return fail(resp, opts)
  return resp.blob()
}

export const api = {
  get: <T>(path: string, query?: Query, opts: Omit<RequestOptions, 'query'> = {}) =>
    request<T>('GET', path, { ...opts, query }),
  post: <T>(path: string, body?: unknown, opts: Omit<RequestOptions, 'body'> = {}) =>
    request<T>('POST', path, { ...opts, body }),
  patch: <T>(path: string, body?: unknown, opts: Omit<RequestOptions, 'body'> = {}) =>
    request<T>('PATCH', path, { ...opts, body }),
  put: <T>(path: string, body?: unknown, opts: Omit<RequestOptions, 'body'> = {}) =>
    request<T>('PUT', path, { ...opts, body }),
  delete: <T>(path: string, opts: RequestOptions = {}) => request<T>('DELETE', path, opts),
}

/** The reply of an upload: its status and parsed JSON body (errors included: the caller shows them). */
export interface UploadReply<T> {
  status: number
  body: T
}

/**
 * Send a file as the raw request body, reporting the upload's progress (0–100). A file of a
 * province takes seconds on a slow line, so the page shows how far it has got. Replies of
 * every status come back to the caller, which lists the bad rows of a rejected import.
 */
export function uploadFile<T>(
  path: string,
  file: File,
  query: Query,
  onProgress: (percent: number) => void,
): Promise<UploadReply<T>> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', API_PREFIX + path + buildQuery(query))
    xhr.setRequestHeader('Accept', 'application/json')
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream')
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken)
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded * 100) / e.total))
    }
    xhr.onerror = () => reject(new ApiError(0, { code: 'network_error' }))
    xhr.onload = () => {
      if (xhr.status === 401) {
        onUnauthorized?.()
        reject(new ApiError(401, {}))
        return
      }
      let body: unknown = undefined
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined
      } catch {
        /* non-JSON reply */
      }
      resolve({ status: xhr.status, body: body as T })
    }
    xhr.send(file)
  })
}

/** A link that downloads a server-made file (Excel or CSV export) with the session cookie. */
export function downloadUrl(path: string, query?: Query): string {
  return API_PREFIX + path + buildQuery(query)
}

/** A data: URL of bytes (an image), shown under the Content-Security-Policy; `type` overrides the blob's. */
export function dataUrl(blob: Blob, type?: string): Promise<string> {
  const typed = type && type !== blob.type ? new Blob([blob], { type }) : blob
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result))
    reader.onerror = () => reject(reader.error ?? new Error('FileReader failed'))
    reader.readAsDataURL(typed)
  })
}
