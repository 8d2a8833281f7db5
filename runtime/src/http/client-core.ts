import createClient, { type Client, type Middleware } from "openapi-fetch";
import {
  AbortedError,
  BankkitError,
  ConnectionError,
  type ErrorContext,
  errorFromStatus,
  RequestValidationError,
  ResponseValidationError,
  TimeoutError,
} from "../errors.js";
import type { Logger } from "../log/logger.js";
import { redactHeaders } from "../log/redact.js";
import { type ApiErrorFactory, unwrapEnvelope } from "./envelope.js";
import type { EnvelopeSpec, OperationInput, OperationSpec } from "./operation.js";
import { serializeCookies, serializeHeaders, serializeQuery } from "./parameters.js";
import { serializeBody } from "./request-body.js";
import { assertValidBody, declaredResponse, decodeResponseBody } from "./response-body.js";
import { resolveBaseUrl, type ServerSelection, type ServerSpec } from "./servers.js";

export type FetchLike = (request: Request) => Promise<Response>;

/** What an attempt step knows about the attempt it prepares. */
export interface AttemptContext {
  operationId: string;
  /** 1 for the first attempt. */
  attempt: number;
}

/**
 * Prepares one attempt of a request: adds auth headers, timestamps, a signature over the body bytes, …
 * Steps run in order on every attempt, just before the request is sent, so that what they add is fresh
 * for each attempt. Return the request (or a new one built from it).
 */
export type AttemptStep = (request: Request, context: AttemptContext) => Request | Promise<Request>;

/** Options every generated client accepts. */
export interface ClientOptions extends ServerSelection {
  /** The fetch that sends each attempt; defaults to the global fetch. Inject one in tests. */
  fetch?: FetchLike;
  /** Per-attempt timeout in milliseconds (default 30 000). */
  timeoutMs?: number;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** Receives one event per attempt, with credentials redacted. */
  logger?: Logger;
  /** Validate requests before sending them (default true). */
  validateRequests?: boolean;
  /** Validate responses against the spec (default true). */
  validateResponses?: boolean;
  /** openapi-fetch middleware, run once per logical request. */
  middleware?: Middleware[];
  /** Steps run on every attempt before it is sent (auth, signing, timestamps), in order. */
  attemptSteps?: AttemptStep[];
}

/** Options of one call. */
export interface RequestOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  headers?: Record<string, string>;
}

/** What a generated package tells the core about its API. */
export interface ApiSpec {
  servers: readonly ServerSpec[];
  envelope?: EnvelopeSpec;
  apiError?: ApiErrorFactory;
}

// openapi-fetch's request() typed loosely: the generated methods own the precise types.
type UntypedRequest = (
  method: string,
  path: string,
  init: Record<string, unknown>,
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

const timeoutReason = Symbol("bankkit timeout");

/** Attempt accounting for one logical request. */
interface CallState {
  context: ErrorContext;
  timedOut: boolean;
}

/**
 * The engine under every generated client: validates input, sends it through openapi-fetch with a custom
 * per-attempt fetch (timeouts, logging, typed connection errors — the place retries, auth and signing slot
 * in), then decodes, validates and unwraps the answer.
 */
export class ClientCore<Paths extends {}> {
  /** The openapi-fetch client, for calls the generated methods do not cover. */
  readonly raw: Client<Paths>;
  readonly #options: ClientOptions;
  readonly #api: ApiSpec;
  readonly #request: UntypedRequest;

  constructor(api: ApiSpec, options: ClientOptions = {}) {
    this.#api = api;
    this.#options = options;
    this.raw = createClient<Paths>({
      baseUrl: resolveBaseUrl(api.servers, options),
      headers: options.headers,
      fetch: options.fetch,
    });
    if (options.middleware?.length) this.raw.use(...options.middleware);
    this.#request = this.raw.request as unknown as UntypedRequest;
  }

  async call(operation: OperationSpec, input: OperationInput = {}, options: RequestOptions = {}): Promise<unknown> {
    const state: CallState = { context: { operationId: operation.id, attempts: 0 }, timedOut: false };
    if (operation.validateRequest && this.#options.validateRequests !== false) {
      const violations = operation.validateRequest(input);
      if (violations.length > 0) throw new RequestValidationError(state.context, violations);
    }
    const timeoutMs = options.timeoutMs ?? this.#options.timeoutMs ?? 30_000;
    const timer = new AbortController();
    const timeout = setTimeout(() => {
      state.timedOut = true;
      timer.abort(timeoutReason);
    }, timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timer.signal]) : timer.signal;
    try {
      const body = operation.body ? serializeBody(operation.body, input.body) : undefined;
      const cookie = input.cookie ? serializeCookies(input.cookie) : undefined;
      const { data, error, response } = await this.#request(operation.method, operation.requestPath ?? operation.path, {
        params: { path: input.path, query: input.query },
        querySerializer: (query: Record<string, unknown>) => serializeQuery(query, operation.styles?.query),
        ...(body ?? {}),
        headers: {
          ...body?.headers,
          ...(input.header ? serializeHeaders(input.header, operation.styles?.header) : {}),
          ...(cookie ? { cookie } : {}),
          ...options.headers,
        },
        signal,
        parseAs: "arrayBuffer",
        fetch: (request: Request) => this.#attempt(operation, request, state),
      });
      const requestId = response.headers.get("x-request-id");
      if (requestId) state.context.requestId = requestId;
      if (!response.ok) throw errorFromStatus(state.context, response.status, error);
      return this.#decode(operation, response, data as ArrayBuffer | undefined, state.context);
    } catch (error) {
      throw this.#classify(error, state, timeoutMs);
    } finally {
      clearTimeout(timeout);
    }
  }

  async #attempt(operation: OperationSpec, prepared: Request, state: CallState): Promise<Response> {
    const fetch = this.#options.fetch ?? globalThis.fetch;
    state.context.attempts += 1;
    let request = prepared;
    for (const step of this.#options.attemptSteps ?? []) {
      request = await step(request, { operationId: operation.id, attempt: state.context.attempts });
    }
    const started = performance.now();
    const log = (outcome: "response" | "connection-error" | "timeout" | "aborted", status?: number) =>
      this.#options.logger?.({
        event: "attempt",
        operationId: operation.id,
        method: request.method,
        path: operation.path,
        attempt: state.context.attempts,
        durationMs: Math.round(performance.now() - started),
        outcome,
        ...(status === undefined ? {} : { status }),
        requestHeaders: redactHeaders(request.headers),
      });
    try {
      const response = await fetch(request);
      log("response", response.status);
      return response;
    } catch (error) {
      log(state.timedOut ? "timeout" : request.signal.aborted ? "aborted" : "connection-error");
      throw error;
    }
  }

  #decode(operation: OperationSpec, response: Response, bytes: ArrayBuffer | undefined, context: ErrorContext): unknown {
    const declared = declaredResponse(operation.responses, response.status);
    if (!declared) {
      const message = `status ${response.status} is not declared for this operation`;
      throw new ResponseValidationError(context, response.status, [{ path: "/status", rule: "status", message }]);
    }
    const decoded = decodeResponseBody(response, bytes, declared, context);
    const envelope = this.#api.envelope;
    const validateResponses = this.#options.validateResponses !== false;
    if (decoded.json && envelope && this.#api.apiError) {
      // The error code first: an error answer explains more than a schema violation would.
      const payload = unwrapEnvelope(envelope, decoded.value, operation.envelope?.payloadKey, context, response.status, this.#api.apiError);
      if (operation.envelope?.errorsOnly) {
        const message = "is a JSON answer without an error code where the operation returns bytes";
        throw new ResponseValidationError(context, response.status, [{ path: "/body", rule: "mediaType", message }]);
      }
      if (validateResponses && decoded.validator) assertValidBody(decoded.validator, decoded.value, context, response.status);
      return payload;
    }
    if (validateResponses && decoded.validator) assertValidBody(decoded.validator, decoded.value, context, response.status);
    return decoded.value;
  }

  #classify(error: unknown, state: CallState, timeoutMs: number): BankkitError {
    if (error instanceof BankkitError) return error;
    if (state.timedOut) return new TimeoutError(state.context, timeoutMs);
    if (error instanceof Error && error.name === "AbortError") return new AbortedError(state.context, error);
    if (state.context.attempts === 0) {
      // Nothing was sent: the failure is in building the request (for example an unserializable body).
      const message = error instanceof Error ? error.message : String(error);
      return new RequestValidationError(state.context, [{ path: "/", rule: "serialize", message }]);
    }
    return new ConnectionError(state.context, connectionErrorCode(error), error);
  }
}

function connectionErrorCode(error: unknown): string | undefined {
  for (let current = error; current instanceof Error; current = current.cause) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
  }
  return undefined;
}
