import { computed, reactive } from 'vue'
import { api, setCsrfToken } from '../api/client'
import type { Role, SessionReply, User } from '../api/types'
import { resetRegionFor } from './region'

interface SessionState {
  loaded: boolean
  user: User | null
  mustChangePassword: boolean
}

/** The signed-in user. The CSRF token is kept in memory only (see api/client). */
export const session = reactive<SessionState>({
  loaded: false,
  user: null,
  mustChangePassword: false,
})

export const currentRole = computed<Role | null>(() => session.user?.role ?? null)

function apply(reply: SessionReply) {
  session.user = reply.user
  session.mustChangePassword = !!reply.must_change_password
  setCsrfToken(reply.csrf_token)
  session.loaded = true
  resetRegionFor(reply.user)
}

export function clearSession() {
  session.user = null
  session.mustChangePassword = false
  setCsrfToken(null)
  session.loaded = true
  resetRegionFor(null)
}

/** GET /auth/me: restores the session (and the CSRF token) after a page load. */
export async function loadSession(): Promise<void> {
  try {
    apply(await api.get<SessionReply>('/auth/me', undefined, { quiet: true }))
  } catch {
    // 401 not_authenticated (or the server is unreachable): start signed out.
    clearSession()
  }
}

export async function login(username: string, password: string): Promise<void> {
  apply(await api.post<SessionReply>('/auth/login', { username, password }, { quiet: true }))
}

export async function logout(): Promise<void> {
  try {
    await api.post('/auth/logout', undefined, { quiet: true })
  } catch {
    /* the session is gone either way */
  }
  clearSession()
}

export async function changePassword(oldPassword: string, newPassword: string): Promise<void> {
  await api.post('/auth/password', { old_password: oldPassword, new_password: newPassword }, { quiet: true })
  session.mustChangePassword = false
  if (session.user) session.user.must_change_password = false
  // The server may rotate the session and its CSRF token: fetch them again.
  await loadSession()
}

export function hasRole(roles: readonly Role[] | undefined): boolean {
  if (!roles) return true
  const role = session.user?.role
  return !!role && roles.includes(role)
}
