import type { Logger } from "../log/logger.js";
import { type FetchLike, type LoopSetup, sendWithRetries } from "./attempt-loop.js";
import type { Answer } from "./dispatch.js";
import { defaultMaxResponseBytes } from "./limits.js";
import { defaultRetryPolicy, type RetryPolicy } from "./retry-policy.js";

/** How the runtime's own requests (an OAuth2 token, a JWKS) are sent: what the caller configured for calls. */
export interface InternalRequestOptions {
  fetch?: FetchLike;
  /** Per attempt, covering the body (default 30 000 ms). */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  logger?: Logger;
  maxResponseBytes?: number;
}

/**
 * Sends a request the runtime makes for itself through the same attempt loop as every call: a timeout over
 * headers and body, the caller's signal, retries of transient failures, redirects not followed, the body
 * size capped, one redacted log event per attempt. Such requests create nothing on the server (a token, a
 * key set), so they are safe to repeat. Resolves to the final response and its body bytes.
 */
export async function sendInternal(
  request: Request,
  operationId: string,
  options: InternalRequestOptions,
  signal?: AbortSignal,
): Promise<{ response: Answer; bytes: Uint8Array }> {
  const setup: LoopSetup = {
    operationId,
    path: new URL(request.url).pathname,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    policy: { ...defaultRetryPolicy, ...options.retry },
    timeoutMs: options.timeoutMs ?? 30_000,
    maxResponseBytes: options.maxResponseBytes ?? defaultMaxResponseBytes,
    steps: [],
    ...(options.logger ? { logger: options.logger } : {}),
    ...(signal ? { signal } : {}),
    safeToRetry: true,
    context: { operationId, attempts: 0 },
  };
  const response = await sendWithRetries(request, setup);
  return { response, bytes: setup.received ?? new Uint8Array(0) };
}
