import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from "node:zlib";
import type { Outgoing } from "./attempt-loop.js";

/**
 * The part of undici's Dispatcher API used here (the handler interface of undici 6, which Node 20's fetch is
 * built on, and which undici 7 still accepts).
 */
interface Dispatcher {
  dispatch(
    options: { origin: string; path: string; method: string; headers: string[]; body?: Uint8Array | null },
    handler: {
      onConnect(abort: (reason?: Error) => void): void;
      onHeaders(status: number, rawHeaders: Buffer[], resume: () => void, statusText: string): boolean;
      onData(chunk: Buffer): boolean;
      onComplete(trailers: unknown): void;
      onError(error: Error): void;
    },
  ): boolean;
}

/** The key under which undici keeps the dispatcher global fetch sends through (`setGlobalDispatcher` sets it). */
const globalDispatcherKey = Symbol.for("undici.globalDispatcher.1");

/**
 * The dispatcher the global fetch uses — Node's own agent, or one the application set (a proxy agent, a
 * MockAgent) — or undefined where there is none (a runtime without undici): then calls go through fetch.
 */
export function globalDispatcher(): Dispatcher | undefined {
  const found = (globalThis as Record<symbol, unknown>)[globalDispatcherKey] as Partial<Dispatcher> | undefined;
  return typeof found?.dispatch === "function" ? (found as Dispatcher) : undefined;
}

/** A response read whole: what the attempt loop and the client core read of it (a Response has all of it too). */
export type Answer = Pick<Response, "status" | "ok" | "statusText" | "headers">;

/** Why a dispatched attempt ended early: the loop turns these into its typed errors. */
export class DispatchStopped extends Error {
  constructor(
    readonly reason: "timeout" | "aborted" | "too-large",
    /** The response's status, when its headers had come. */
    readonly status = 0,
  ) {
    super(`stopped: ${reason}`);
  }
}

export interface DispatchLimits {
  timeoutMs: number;
  maxResponseBytes: number;
  signal?: AbortSignal;
}

/**
 * One attempt sent through the dispatcher directly, without fetch's Request, Response and body streams,
 * which cost more than the rest of a call: the headers fetch would add (`accept`, `accept-encoding`,
 * `user-agent`) are added here, redirects are not followed, and the body is read whole under the size cap
 * (the content-length first, then the bytes as they arrive, then the decompressed bytes) and the timeout,
 * which also covers the body. A timeout, the caller's abort and the size cap end the connection.
 */
export function dispatchAttempt(
  dispatcher: Dispatcher,
  request: Outgoing,
  body: Uint8Array | undefined,
  limits: DispatchLimits,
): Promise<{ answer: Answer; bytes: Uint8Array }> {
  const url = new URL(request.url);
  return new Promise((resolve, reject) => {
    let abort: ((reason?: Error) => void) | undefined;
    let stopped: DispatchStopped | undefined;
    let status = 0;
    let statusText = "";
    let rawHeaders: Buffer[] = [];
    const chunks: Buffer[] = [];
    let received = 0;
    const finish = () => {
      clearTimeout(timer);
      limits.signal?.removeEventListener("abort", onAbort);
    };
    const stop = (reason: DispatchStopped["reason"]) => {
      if (stopped) return;
      stopped = new DispatchStopped(reason, status);
      // Before the request is on a socket there is nothing to end yet: onConnect ends it when it gets there.
      abort?.(stopped);
      finish();
      reject(stopped);
    };
    const timer = setTimeout(() => stop("timeout"), limits.timeoutMs);
    const onAbort = () => stop("aborted");
    limits.signal?.addEventListener("abort", onAbort, { once: true });
    if (limits.signal?.aborted) return stop("aborted");
    dispatcher.dispatch(
      {
        origin: url.origin,
        path: url.pathname + url.search,
        method: request.method,
        headers: outgoingHeaders(request.headers, url.protocol === "https:"),
        body: body ?? null,
      },
      {
        onConnect(given) {
          abort = given;
          if (stopped) given(stopped);
        },
        onHeaders(code, headers, _resume, text) {
          status = code;
          statusText = text;
          rawHeaders = headers;
          // A HEAD answer's length is the size of what a GET would bring: nothing comes now.
          if (request.method !== "HEAD" && Number(headerValue(headers, "content-length") ?? 0) > limits.maxResponseBytes) stop("too-large");
          return !stopped;
        },
        onData(chunk) {
          received += chunk.byteLength;
          if (received > limits.maxResponseBytes) stop("too-large");
          else chunks.push(chunk);
          return !stopped;
        },
        onComplete() {
          if (stopped) return;
          finish();
          try {
            const raw = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, received);
            const headers = toHeaders(rawHeaders);
            const bytes = decoded(raw, headers.get("content-encoding"), limits.maxResponseBytes, status);
            resolve({ answer: { status, statusText, ok: status >= 200 && status <= 299, headers }, bytes });
          } catch (error) {
            reject(error);
          }
        },
        onError(error) {
          if (stopped) return;
          finish();
          reject(error);
        },
      },
    );
  });
}

/** The request's headers as the dispatcher takes them, with the defaults fetch would add when absent. */
function outgoingHeaders(headers: Headers, https: boolean): string[] {
  const flat: string[] = [];
  for (const [name, value] of headers) flat.push(name, value);
  if (!headers.has("accept")) flat.push("accept", "*/*");
  if (!headers.has("accept-encoding")) flat.push("accept-encoding", https ? "br, gzip, deflate" : "gzip, deflate");
  if (!headers.has("user-agent")) flat.push("user-agent", "node");
  return flat;
}

function headerValue(raw: Buffer[], name: string): string | undefined {
  for (let i = 0; i < raw.length; i += 2) if (raw[i]!.toString("latin1").toLowerCase() === name) return raw[i + 1]!.toString("latin1");
  return undefined;
}

function toHeaders(raw: Buffer[]): Headers {
  const headers = new Headers();
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i]!.toString("latin1"), raw[i + 1]!.toString("latin1"));
  return headers;
}

/** A zlib header: compression method 8 and a check value that makes the first two bytes a multiple of 31. */
const zlibWrapped = (bytes: Buffer) => bytes.length >= 2 && (bytes[0]! & 0x0f) === 8 && ((bytes[0]! << 8) | bytes[1]!) % 31 === 0;

/**
 * The body with its content codings undone, last applied first, as fetch does (an unknown coding is left as
 * it is); the inflated size is capped too, so a small gzip that would inflate beyond it is refused.
 */
function decoded(bytes: Buffer, codings: string | null, limit: number, status: number): Uint8Array {
  if (!codings || bytes.byteLength === 0) return bytes;
  let body = bytes;
  const options = { maxOutputLength: limit };
  try {
    for (const coding of codings.toLowerCase().split(",").reverse()) {
      const name = coding.trim();
      if (name === "gzip" || name === "x-gzip") body = gunzipSync(body, options);
      else if (name === "br") body = brotliDecompressSync(body, options);
      // "deflate" is meant as zlib-wrapped, and often sent raw: the zlib header tells which.
      else if (name === "deflate") body = zlibWrapped(body) ? inflateSync(body, options) : inflateRawSync(body, options);
    }
  } catch (error) {
    if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") throw new DispatchStopped("too-large", status);
    throw error;
  }
  return body;
}
