import type { AttemptContext } from "../http/attempt-context.js";

/**
 * How a client authenticates. `apply` runs on every attempt (so short-lived credentials are fresh);
 * `onUnauthorized` runs when an attempt is answered 401: it refreshes the credentials — one refresh in
 * flight, shared by every request that got the 401 — after which the request is replayed once. It gets
 * the rejected request, to tell a stale credential (already replaced) from the current one.
 */
export interface AuthProvider {
  apply(request: Request, context: AttemptContext): Request | Promise<Request>;
  onUnauthorized?(rejected: Request, context: AttemptContext): Promise<void>;
  /** Headers it sets whose names do not say "secret" (`X-PARTNER-PROJECT`): logs redact them too. */
  readonly secretHeaders?: readonly string[];
}

/** Wraps an async job so that concurrent callers share one run; the next call after it settles runs it again. */
export function singleFlight<T>(job: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | undefined;
  return () => {
    running ??= job().finally(() => {
      running = undefined;
    });
    return running;
  };
}
