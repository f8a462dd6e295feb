import { ApiError, api, notifyUnauthorized } from './client'

export type JobState = 'queued' | 'running' | 'succeeded' | 'failed'

/** How far a job has got: a phase code ("reading", "parsing", "checking", "writing") and rows. */
export interface JobProgress {
  phase: string | null
  done: number
  /** 0 while not known yet. */
  total: number
  message: string
}

/**
 * A background job of the server (an import), as GET /api/v1/jobs/{id} shows it to the user who
 * started it. Once finished, `status` is the HTTP status the work would have answered within its
 * request, with `result` (succeeded) or `error` (failed) as the body.
 */
export interface Job<Result = unknown, Failure = unknown> {
  id: string
  kind: string
  state: JobState
  progress: JobProgress
  created_at: string
  started_at: string | null
  finished_at: string | null
  status: number | null
  result: Result | null
  error: Failure | null
}

export function jobOf<Result, Failure>(id: string) {
  return api.get<{ job: Job<Result, Failure> }>(`/jobs/${encodeURIComponent(id)}`, undefined, { quiet: true })
}

export function finished(job: Job): boolean {
  return job.state === 'succeeded' || job.state === 'failed'
}

/**
 * Polls a job until it has finished, calling `onUpdate` with each state seen. A few failed polls
 * in a row (a network hiccup) are retried; `stillWanted` returning false ends the polling quietly
 * (the dialog started another import), and the promise then resolves with null.
 */
export async function waitForJob<Result, Failure>(
  id: string,
  onUpdate: (job: Job<Result, Failure>) => void,
  stillWanted: () => boolean = () => true,
  intervalMs = 500,
): Promise<Job<Result, Failure> | null> {
  let failures = 0
  for (;;) {
    if (!stillWanted()) return null
    try {
      const { job } = await jobOf<Result, Failure>(id)
      failures = 0
      if (!stillWanted()) return null
      onUpdate(job)
      if (finished(job)) return job
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) notifyUnauthorized()
      const transient = e instanceof ApiError && (e.status === 0 || e.status === 502 || e.status === 504)
      if (!transient || ++failures > 5) throw e
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs))
  }
}
