/** When and how long to wait before repeating an attempt. Per client, overridable per request. */
export interface RetryPolicy {
  /** Retries after the first attempt; 0 turns retrying off. */
  maxRetries: number;
  /** Base of the exponential backoff, in ms: the n-th wait is random in [0, min(maxDelayMs, base·2ⁿ)]. */
  baseDelayMs: number;
  /** Cap of a single wait, including one asked for by Retry-After. */
  maxDelayMs: number;
  /** No new attempt starts later than this after the call began. */
  deadlineMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { maxRetries: 2, baseDelayMs: 200, maxDelayMs: 5_000, deadlineMs: 60_000 };

/** Statuses that say "try again": the request was not (or not successfully) processed, or may be repeated. */
export const retryableStatuses: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

const idempotentMethods = new Set(["GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"]);

/** A request may be sent again when its method is idempotent or it carries an idempotency key. */
export function safeToRepeat(method: string, idempotencyKey: string | undefined): boolean {
  return idempotentMethods.has(method.toUpperCase()) || idempotencyKey !== undefined;
}

/** Exponential backoff with full jitter (the n-th retry, from 0). */
export function backoffMs(policy: RetryPolicy, retry: number, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry));
}

/** A Retry-After header (seconds or an HTTP date) in ms from now; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null || header.trim() === "") return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** How long to wait before the next attempt: the backoff, or Retry-After when it asks for longer; capped. */
export function waitMs(policy: RetryPolicy, retry: number, retryAfter: string | null, random?: () => number): number {
  const asked = retryAfterMs(retryAfter);
  return Math.min(policy.maxDelayMs, Math.max(backoffMs(policy, retry, random), asked ?? 0));
}

/** Waits, unless the signal aborts first (then rejects with its reason). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** The work, or the signal's reason when it fires first. */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason);
    signal.addEventListener("abort", abort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", abort));
  });
}
