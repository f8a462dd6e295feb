import { ElMessage } from 'element-plus'
import { ApiError, notifyUnauthorized } from '../api/client'

/** A failed request as a dialog shows it (beside its fields or above them); null after a 401, which sends the user to log in. */
export function apiError(e: unknown): ApiError | null {
  const err = e instanceof ApiError ? e : new ApiError(0, {})
  if (err.status === 401) {
    notifyUnauthorized()
    return null
  }
  return err
}

/** A check the page makes itself, shown in a dialog like a refusal of the server. */
export function localError(message: string) {
  return new ApiError(422, { message_zh: message, message_en: message })
}

/** What a dialog that sends one request keeps. */
export interface DialogState {
  open: boolean
  busy: boolean
  error: ApiError | null
}

/**
 * Sends a dialog's request: busy meanwhile; when it is done the dialog closes, `done` says so (made from
 * the reply) and `after` follows (awaited); a refusal stays in the dialog.
 */
export async function submitDialog<T>(
  dialog: DialogState,
  send: () => Promise<T>,
  done: (reply: T) => string,
  after: () => unknown,
) {
  dialog.busy = true
  dialog.error = null
  try {
    const reply = await send()
    dialog.open = false
    ElMessage.success(done(reply))
    await after()
  } catch (e) {
    dialog.error = apiError(e)
  } finally {
    dialog.busy = false
  }
}
