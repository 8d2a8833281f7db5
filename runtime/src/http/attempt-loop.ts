import type { AuthProvider } from "../auth/auth-provider.js";
import {
  AbortedError,
  BankkitError,
  ConnectionError,
  type ErrorContext,
  PreparationError,
  RedirectError,
  ResponseTooLargeError,
  TimeoutError,
  TlsError,
} from "../errors.js";
import type { AttemptLogEvent, Logger } from "../log/logger.js";
import { redactHeaders } from "../log/redact.js";
import type { AttemptContext, AttemptStep } from "./attempt-context.js";
import { type Answer, DispatchStopped, dispatchAttempt, globalDispatcher } from "./dispatch.js";
import { classifyFailure, retryableFailure } from "./failures.js";
import { isRedirect, type RedirectPolicy, redirectRefusal } from "./redirects.js";
import { type RetryPolicy, retryableStatuses, safeToRepeat, sleep, untilAborted, waitMs } from "./retry-policy.js";

/** A fetch: gets a complete request (its body, its signal) on every attempt. */
export type FetchLike = (request: Request) => Promise<Response>;

/** Everything one logical request needs to send its attempts. */
export interface LoopSetup {
  operationId: string;
  /** The path template, for logs. */
  path: string;
  /** A custom fetch; absent: the dispatcher under the global fetch (or the global fetch where there is none). */
  fetch?: FetchLike;
  policy: RetryPolicy;
  timeoutMs: number;
  /** Lower-case header names that carry credentials without saying so: redacted in logs. */
  secretHeaders?: ReadonlySet<string>;
  /** The largest response body accepted, counted after decompression as it streams in. */
  maxResponseBytes: number;
  /** Follow GET/HEAD redirects to the same origin (opt-in); absent: every redirect is a RedirectError. */
  followRedirects?: RedirectPolicy;
  steps: readonly AttemptStep[];
  auth?: AuthProvider;
  logger?: Logger;
  /** The caller's signal: aborts the current attempt and any wait. */
  signal?: AbortSignal;
  /** Headers set afresh on every attempt, such as a request timestamp. */
  perAttemptHeaders?: Record<string, () => string>;
  /** The operation may be repeated whatever its method (`x-bankkit-safe-to-retry`). */
  safeToRetry?: boolean;
  /** Shared with the caller: attempts, idempotency key and request id end up in errors and results. */
  context: ErrorContext;
  /**
   * Answer with a Response carrying the body, for middleware to read (through openapi-fetch). Otherwise the
   * answer has no body: its bytes are left in `received` for the caller, never wrapped in a stream.
   */
  keepBody?: boolean;
  /** The body bytes of the response the loop returned (null for statuses without a body). */
  received?: Uint8Array | null;
}

/**
 * What a request is before its attempts: a URL, a method and headers (a Request will do). The client core
 * passes just these, with the body's bytes beside them: without auth, steps or a custom fetch no Request is
 * ever built.
 */
export interface Outgoing {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
}

type Outcome =
  | { response: Answer; error?: undefined; location?: undefined }
  | { response?: undefined; error: BankkitError; location?: URL };

/** One attempt: its outcome, and what its log event says about it. */
type Attempt = Outcome & { request: Outgoing; number: number; began: number };

const nullBodyStatuses = new Set([101, 204, 205, 304]);

/**
 * Sends the attempts of one logical request: per attempt — auth, the attempt steps (signatures,
 * timestamps), a timeout covering the whole response body — then classifies the outcome and, when the
 * failure is transient and the request safe to repeat, waits (backoff with full jitter, or Retry-After,
 * capped) and tries again. A 401 refreshes the credentials once and replays the request once. The same
 * body bytes and idempotency key go out on every attempt.
 */
export async function sendWithRetries(prepared: Outgoing, setup: LoopSetup, bytes?: Uint8Array): Promise<Answer> {
  // The body's bytes, once: given by a caller that serialized them (the request then carries none), or read.
  const body = bytes ?? (prepared instanceof Request && prepared.body !== null ? new Uint8Array(await prepared.arrayBuffer()) : undefined);
  const started = Date.now();
  const safe = setup.safeToRetry === true || safeToRepeat(prepared.method, setup.context.idempotencyKey);
  let replayedForAuth = false;
  // Where the next attempt goes: the request's URL, or a redirect's target once one was followed.
  let target: URL | undefined;
  const visited = [prepared.url];
  for (let retry = 0; ; ) {
    const attempt = await attemptOnce(prepared, body, setup, target);
    const { response } = attempt;
    if (attempt.location && setup.followRedirects && attempt.error instanceof RedirectError && attempt.error.reason === "not-followed") {
      const refusal = redirectRefusal(prepared.method, new URL(target ?? prepared.url), attempt.location, visited, setup.followRedirects);
      if (refusal === undefined) {
        logAttempt(setup, attempt, "redirect");
        target = attempt.location;
        visited.push(target.href);
        continue;
      }
      logAttempt(setup, attempt);
      throw new RedirectError({ ...setup.context }, attempt.error.status, attempt.error.locationOrigin, refusal);
    }
    if (response?.status === 401 && setup.auth?.onUnauthorized && !replayedForAuth) {
      replayedForAuth = true;
      logAttempt(setup, attempt, "auth refresh");
      // With auth the attempt went out as a Request of its own (never the fast path).
      await setup.auth.onUnauthorized(attempt.request as Request, attemptContext(setup, setup.context.attempts));
      continue;
    }
    const reason = retryReason(attempt);
    const wait =
      reason && safe && retry < setup.policy.maxRetries
        ? waitMs(setup.policy, retry, response?.headers.get("retry-after") ?? null)
        : undefined;
    if (wait === undefined || Date.now() + wait - started > setup.policy.deadlineMs) {
      logAttempt(setup, attempt);
      if (attempt.error) throw attempt.error;
      return attempt.response!;
    }
    logAttempt(setup, attempt, reason);
    try {
      await sleep(wait, setup.signal);
    } catch (cause) {
      throw new AbortedError(setup.context, cause);
    }
    retry++;
  }
}

function attemptContext(setup: LoopSetup, attempt: number): AttemptContext {
  const { operationId, idempotencyKey } = setup.context;
  return { operationId, attempt, ...(idempotencyKey === undefined ? {} : { idempotencyKey }) };
}

/**
 * One attempt: prepared, sent, and its response read completely (up to the size cap), all under the
 * attempt's timeout. Redirects are never followed here: a 3xx comes back as a RedirectError with its
 * Location, for the loop to refuse or (opted in) follow.
 *
 * Without a custom fetch the attempt goes straight to the dispatcher under the global fetch (dispatch.ts);
 * a Request is built only when something needs one — auth, attempt steps, per-attempt headers, a
 * redirect's target, a custom fetch — and with it a signal that ends the wait for a token at the timeout.
 */
async function attemptOnce(prepared: Outgoing, body: Uint8Array | undefined, setup: LoopSetup, target: URL | undefined): Promise<Attempt> {
  const number = setup.context.attempts + 1;
  const began = performance.now();
  const dispatcher = setup.fetch ? undefined : globalDispatcher();
  const own = dispatcher === undefined || setup.auth !== undefined || setup.steps.length > 0 || !!setup.perAttemptHeaders || !!target;
  const timeout = own ? attemptTimer(setup.timeoutMs) : undefined;
  const signal = timeout && (setup.signal ? AbortSignal.any([setup.signal, timeout.signal]) : timeout.signal);
  const built = own
    ? new Request(target ?? prepared.url, { method: prepared.method, headers: prepared.headers, body, signal, redirect: "manual" })
    : undefined;
  let request: Outgoing = built ?? prepared;
  try {
    // Preparation failures (a signer that cannot sign, an auth server that refuses) are not retried here:
    // they reach the caller as they are, or as a BankkitError naming the operation.
    for (const name in setup.perAttemptHeaders) request.headers.set(name, setup.perAttemptHeaders[name]!());
    if (setup.auth) request = await setup.auth.apply(request as Request, attemptContext(setup, number));
    for (const step of setup.steps) request = await step(request as Request, attemptContext(setup, number));
  } catch (error) {
    timeout?.release();
    // Auth waiting for a token past the attempt's timeout or the caller's abort: said as such.
    if (timeout?.fired) throw new TimeoutError({ ...setup.context }, setup.timeoutMs);
    if (setup.signal?.aborted) throw new AbortedError({ ...setup.context }, error);
    if (error instanceof Error && "operationId" in error) throw error;
    // fetch's Headers quote an invalid value in their message, and a value set here is a credential: an
    // auth provider's or a step's header that breaks HTTP is reported without it, and without the cause.
    const message = error instanceof Error ? error.message : String(error);
    if (/header/i.test(message) && error instanceof TypeError)
      throw new PreparationError("could not prepare the request: a header set by auth or a step is not valid in HTTP", {
        ...setup.context,
      });
    throw new PreparationError(`could not prepare the request: ${message}`, { ...setup.context }, { cause: error });
  }
  setup.context.attempts = number;
  let outcome: Outcome;
  try {
    let read: { answer: Answer; bytes: Uint8Array | null };
    if (dispatcher) {
      // A step may have replaced the request, body and all: then its body is what goes.
      const sent = request === built || request === prepared ? body : new Uint8Array(await (request as Request).arrayBuffer());
      const left = setup.timeoutMs - (performance.now() - began);
      if (left <= 0) throw new DispatchStopped("timeout");
      const limits = { timeoutMs: left, maxResponseBytes: setup.maxResponseBytes, ...(setup.signal ? { signal: setup.signal } : {}) };
      read = await dispatchAttempt(dispatcher, request, sent, limits);
    } else read = await fetchAttempt(request as Request, setup, signal as AbortSignal);
    const { answer } = read;
    if (isRedirect(answer)) throw redirectOf(answer, request.url, setup.context);
    const requestId = answer.headers.get("x-request-id");
    if (requestId) setup.context.requestId = requestId;
    const bytes = nullBodyStatuses.has(answer.status) ? null : read.bytes;
    setup.received = bytes;
    // Middleware reads the response as openapi-fetch hands it over: it gets a Response with the body.
    outcome = {
      response: setup.keepBody
        ? new Response(bytes, { status: answer.status, statusText: answer.statusText, headers: answer.headers })
        : answer,
    };
  } catch (error) {
    outcome =
      error instanceof Redirected
        ? { error: error.error, location: error.location }
        : error instanceof BankkitError
          ? { error }
          : error instanceof DispatchStopped
            ? { error: stoppedError(error, setup) }
            : {
                error: classifyFailure(
                  error,
                  { ...setup.context },
                  { fired: timeout?.fired === true, ms: setup.timeoutMs },
                  setup.signal?.aborted === true,
                ),
              };
  } finally {
    timeout?.release();
  }
  return outcome.response
    ? { response: outcome.response, request, number, began }
    : { error: outcome.error, ...(outcome.location ? { location: outcome.location } : {}), request, number, began };
}

/** The timeout of an attempt that has a Request: its signal ends a wait for a token, and a fetch. */
function attemptTimer(ms: number): { signal: AbortSignal; fired: boolean; release(): void } {
  const controller = new AbortController();
  const handle = setTimeout(() => {
    timer.fired = true;
    controller.abort(new Error(`no response within ${ms} ms`));
  }, ms);
  const timer = { signal: controller.signal, fired: false, release: () => clearTimeout(handle) };
  return timer;
}

/**
 * An attempt through fetch (a custom one, or the global one where no dispatcher is reachable): the response,
 * and its body read whole under the cap. A custom fetch may ignore the signal, so the attempt also races it.
 */
async function fetchAttempt(
  request: Request,
  setup: LoopSetup,
  signal: AbortSignal,
): Promise<{ answer: Answer; bytes: Uint8Array | null }> {
  const response = await untilAborted((setup.fetch ?? globalThis.fetch)(request), signal);
  if (isRedirect(response) || nullBodyStatuses.has(response.status) || request.method === "HEAD") {
    await response.body?.cancel().catch(() => {});
    return { answer: response, bytes: null };
  }
  // Read the whole body inside the attempt: a reset or truncation mid-body is this attempt's failure.
  return { answer: response, bytes: await readBounded(response, setup, signal) };
}

/** The typed error for a dispatched attempt the loop ended. */
function stoppedError(stopped: DispatchStopped, setup: LoopSetup): BankkitError {
  const context = { ...setup.context };
  if (stopped.reason === "timeout") return new TimeoutError(context, setup.timeoutMs);
  if (stopped.reason === "aborted") return new AbortedError(context, setup.signal?.reason);
  return new ResponseTooLargeError(context, stopped.status, setup.maxResponseBytes);
}

/** The attempt's log event, with credentials in its headers redacted. */
function logAttempt(setup: LoopSetup, attempt: Attempt, retryReason?: string): void {
  if (!setup.logger) return;
  const event: AttemptLogEvent = {
    event: "attempt",
    operationId: setup.operationId,
    method: attempt.request.method,
    path: setup.path,
    attempt: attempt.number,
    durationMs: Math.round(performance.now() - attempt.began),
    outcome: attempt.response ? "response" : outcomeName(attempt.error),
    ...(attempt.response ? { status: attempt.response.status } : {}),
    ...(retryReason ? { retryReason } : {}),
    ...(setup.context.idempotencyKey ? { idempotencyKey: setup.context.idempotencyKey } : {}),
    requestHeaders: redactHeaders(attempt.request.headers, setup.secretHeaders),
  };
  setup.logger(event);
}

/** A redirect answer, carried out of the attempt with the target it named. */
class Redirected extends Error {
  constructor(
    readonly error: RedirectError,
    readonly location: URL | undefined,
  ) {
    super(error.message);
  }
}

function redirectOf(response: Answer, from: string, context: ErrorContext): Redirected {
  // No Location, or one that is no URL: a redirect to nowhere (not to the request's own URL).
  const header = response.headers.get("location");
  let location: URL | undefined;
  try {
    location = header ? new URL(header, from) : undefined;
  } catch {
    location = undefined;
  }
  return new Redirected(new RedirectError({ ...context }, response.status, location?.origin, "not-followed"), location);
}

/**
 * The response body, read chunk by chunk so that it is never larger than the cap: past it the stream is
 * cancelled (the connection closes) and the attempt fails with ResponseTooLargeError. fetch has already
 * decompressed the chunks, so a small gzip that inflates beyond the cap is stopped at the cap.
 */
async function readBounded(response: Response, setup: LoopSetup, signal: AbortSignal): Promise<Uint8Array> {
  const limit = setup.maxResponseBytes;
  const tooLarge = () => new ResponseTooLargeError({ ...setup.context }, response.status, limit);
  if (Number(response.headers.get("content-length") ?? 0) > limit) {
    await response.body?.cancel().catch(() => {});
    throw tooLarge();
  }
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await untilAborted(reader.read(), signal);
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/** Why the outcome deserves another attempt, or undefined when it does not. */
function retryReason(outcome: Outcome): string | undefined {
  if (outcome.response) return retryableStatuses.has(outcome.response.status) ? `HTTP ${outcome.response.status}` : undefined;
  if (!retryableFailure(outcome.error)) return undefined;
  if (outcome.error instanceof TimeoutError) return "timeout";
  return `connection error${outcome.error instanceof ConnectionError && outcome.error.code ? ` (${outcome.error.code})` : ""}`;
}

function outcomeName(error: BankkitError): AttemptLogEvent["outcome"] {
  if (error instanceof TimeoutError) return "timeout";
  if (error instanceof AbortedError) return "aborted";
  if (error instanceof TlsError) return "tls-error";
  if (error instanceof RedirectError) return "redirect";
  if (error instanceof ResponseTooLargeError) return "too-large";
  return "connection-error";
}
