import { randomUUID } from "node:crypto";
import createClient, { type Client, type Middleware, removeTrailingSlash } from "openapi-fetch";
import type { AuthProvider } from "../auth/auth-provider.js";
import {
  AlreadyProcessedError,
  ApiCodeError,
  BankkitError,
  type ErrorContext,
  errorFromStatus,
  PreparationError,
  RequestValidationError,
  ResponseValidationError,
  type Violation,
} from "../errors.js";
import type { Logger } from "../log/logger.js";
import { redactFields, redactValues } from "../log/redact.js";
import type { DetachedCmsSigner } from "../sign/external-command-signer.js";
import type { JwsSigner, RawSigner } from "../sign/raw-signer.js";
import type { Validator } from "../validation/violations.js";
import { type AnswerErrorSpec, throwAnswerError } from "./answer-errors.js";
import type { AttemptStep } from "./attempt-context.js";
import { type FetchLike, type LoopSetup, sendWithRetries } from "./attempt-loop.js";
import { sniffBinaryBody } from "./binary-sniff.js";
import { type BodySignatureLayout, signBody } from "./body-signature.js";
import type { Answer } from "./dispatch.js";
import { type ApiErrorFactory, checkResultCode, receivedPayload, unwrapEnvelope } from "./envelope.js";
import { withIdempotencyKey } from "./idempotency.js";
import { jsonDepthExceeds, parseWithoutPrototypes, tooDeep } from "./json-text.js";
import { jwsHeaderStep } from "./jws-header.js";
import { defaultMaxResponseBytes } from "./limits.js";
import type { BinaryBody, EnvelopeSpec, OperationInput, OperationSpec } from "./operation.js";
import { serializeCookies, serializeHeaders, serializeQuery } from "./parameters.js";
import type { RedirectPolicy } from "./redirects.js";
import { serializeBody } from "./request-body.js";
import { requestUrl } from "./request-url.js";
import { type DecodedBody, declaredResponse, declaredStatus, decodeResponseBody } from "./response-body.js";
import { defaultRetryPolicy, type RetryPolicy } from "./retry-policy.js";
import { resolveBaseUrl, type ServerSelection, type ServerSpec } from "./servers.js";
import { unsafeInput } from "./unsafe-input.js";
import { parseXmlBody, serializeXmlBody, type XmlBodySpec, type XmlDocumentEncryptor, type XmlDocumentSigner } from "./xml-body.js";

export type { FetchLike };

const encoder = new TextEncoder();

/** Options every generated client accepts. */
export interface ClientOptions extends ServerSelection {
  /**
   * The fetch that sends each attempt (mutual TLS, an instrumented fetch, a test double). Absent: attempts go
   * to the dispatcher under the global fetch directly (runtime/README.md, "How calls are sent").
   */
  fetch?: FetchLike;
  /** Per-attempt timeout in milliseconds, covering the whole response body (default 30 000). */
  timeoutMs?: number;
  /** The largest response body accepted, decompressed (default 32 MiB); past it: ResponseTooLargeError. */
  maxResponseBytes?: number;
  /**
   * Redirects are not followed: a 3xx is a RedirectError. Set this to follow GET and HEAD redirects within
   * the request's origin (never to another host, never from https to http), up to `maxHops`.
   */
  followRedirects?: RedirectPolicy;
  /** When to repeat an attempt; `{ maxRetries: 0 }` turns retries off. */
  retry?: Partial<RetryPolicy>;
  /** Credentials, applied on every attempt and refreshed once on 401. */
  auth?: AuthProvider;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** Receives one event per attempt, with credentials redacted. */
  logger?: Logger;
  /** Validate requests before sending them (default true). */
  validateRequests?: boolean;
  /** Validate responses against the spec (default true). */
  validateResponses?: boolean;
  /**
   * Answers that differ from a shape the spec only assumes (`x-bankkit-assumption`) are returned as received,
   * and requests that break only assumed rules are sent, each with a `contract-drift` log event; `true` makes
   * them a ResponseValidationError or RequestValidationError instead (for tests).
   */
  strictAssumptions?: boolean;
  /** What signs bodies the spec marks with `x-bankkit-signature`: a key in node:crypto, a CSP command, GOST … */
  signer?: RawSigner | DetachedCmsSigner;
  /**
   * Signs XML request bodies the spec marks with `x-bankkit-xml: { signature: [AppHdr, Sgntr] }` (an
   * enveloped XML-DSig in the header's Sgntr): `xmlDsigSigner(rawSigner)` from `@bankkit/runtime/xmldsig`.
   * Without it such a body goes as the caller built it.
   */
  xmlSigner?: XmlDocumentSigner;
  /**
   * Encrypts (after signing) the XML bodies the spec marks with `x-bankkit-xml: { encrypted: true }` and
   * decrypts such answers before reading them: `xmlContentEncryptor(encryptor)` from `@bankkit/runtime/xml`.
   */
  xmlEncryptor?: XmlDocumentEncryptor;
  /** The key for headers the spec marks with `x-bankkit-jws` (a detached JWS over each attempt's body), with its `kid`. */
  jwsSigner?: JwsSigner;
  jwsKeyId?: string;
  /** The JWS `alg` to write, where the spec names none for the signer's algorithm (or to override it). */
  jwsAlgorithm?: string;
  /** For signed bodies: the signed data next to the signature (`flat`, default) or inside `payload`. */
  bodySignatureLayout?: BodySignatureLayout;
  /** openapi-fetch middleware, run once per logical request (not per attempt). */
  middleware?: Middleware[];
  /** Steps run on every attempt after auth and before sending (signatures, timestamps), in order. */
  attemptSteps?: AttemptStep[];
}

/** Filled in by a call for the caller to reconcile with: which key, how many attempts, which request id. */
export interface CallMeta {
  idempotencyKey?: string;
  attempts?: number;
  requestId?: string;
}

/** Options of one call. */
export interface RequestOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  maxResponseBytes?: number;
  headers?: Record<string, string>;
  /** Overrides the client's retry policy for this call. */
  retry?: Partial<RetryPolicy>;
  /** The idempotency key of a keyed operation, when the input does not carry one already. */
  idempotencyKey?: string;
  /** An object the call fills with its idempotency key, attempt count and request id, also on failure. */
  meta?: CallMeta;
}

/** What a generated package tells the core about its API. */
export interface ApiSpec {
  servers: readonly ServerSpec[];
  envelope?: EnvelopeSpec;
  apiError?: ApiErrorFactory;
  /** Property names the spec marks as personal data: their values never reach an error. */
  personalData?: readonly string[];
  /** 2xx answers that say "error" inside (`x-bankkit-answer-errors`). */
  answerErrors?: AnswerErrorSpec;
  /** Headers the spec's security schemes name (an apiKey's header): credentials, redacted in every log. */
  secretHeaders?: readonly string[];
}

/** One call's request, serialized and ready for its attempts. */
interface Outbound {
  operation: OperationSpec;
  input: OperationInput;
  body: ReturnType<typeof serializeBody>;
  cookie: string | undefined;
  options: RequestOptions;
  setup: LoopSetup;
}

// openapi-fetch's request() typed loosely: the generated methods own the precise types.
type UntypedRequest = (
  method: string,
  path: string,
  init: Record<string, unknown>,
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/**
 * The engine under every generated client. A call: idempotency key (once) → request validation →
 * serialization (through openapi-fetch only when middleware is configured) → the attempt loop (auth,
 * signing steps, timeout, retries; sent through the global dispatcher or the given fetch) → decoding,
 * envelope, response validation.
 */
export class ClientCore<Paths extends {}> {
  /** The openapi-fetch client, for calls the generated methods do not cover. */
  readonly raw: Client<Paths>;
  readonly #options: ClientOptions;
  readonly #api: ApiSpec;
  readonly #request: UntypedRequest;
  readonly #secretHeaders: ReadonlySet<string>;
  readonly #baseUrl: string;
  readonly #retryPolicy: RetryPolicy;

  constructor(api: ApiSpec, options: ClientOptions = {}) {
    this.#api = api;
    this.#options = options;
    this.#secretHeaders = new Set([...(api.secretHeaders ?? []), ...(options.auth?.secretHeaders ?? [])].map((name) => name.toLowerCase()));
    this.#baseUrl = removeTrailingSlash(resolveBaseUrl(api.servers, options));
    this.#retryPolicy = { ...defaultRetryPolicy, ...options.retry };
    this.raw = createClient<Paths>({
      baseUrl: this.#baseUrl,
      headers: options.headers,
      fetch: options.fetch,
    });
    if (options.middleware?.length) this.raw.use(...options.middleware);
    this.#request = this.raw.request as unknown as UntypedRequest;
  }

  async call(operation: OperationSpec, given: OperationInput = {}, passed: RequestOptions = {}): Promise<unknown> {
    // Options from JavaScript may be null (a method without input takes options first): none given.
    const options: RequestOptions = passed ?? {};
    const context: ErrorContext = { operationId: operation.id, attempts: 0 };
    let input = given;
    // Input from JavaScript may be anything: keys and generated headers go only into an object; the
    // request validator reports everything else.
    const isInput = typeof given === "object" && given !== null && !Array.isArray(given);
    const headersOk =
      isInput &&
      (given.header === undefined || (typeof given.header === "object" && given.header !== null && !Array.isArray(given.header)));
    if (operation.idempotency && isInput) {
      const keyed = withIdempotencyKey(operation.idempotency, given, options.idempotencyKey);
      input = keyed.input;
      context.idempotencyKey = keyed.key;
    }
    const perAttemptHeaders: Record<string, () => string> = {};
    for (const [name, kind] of headersOk && operation.generatedHeaders ? Object.entries(operation.generatedHeaders) : []) {
      const given = Object.keys(input.header ?? {}).some((key) => key.toLowerCase() === name.toLowerCase());
      if (given) continue;
      const value = kind === "uuid" ? randomUUID() : isoDateTime();
      input = { ...input, header: { ...input.header, [name]: value } };
      if (kind === "date-time") perAttemptHeaders[name] = isoDateTime;
    }
    try {
      // Never sent whatever the spec allows: a path step out of the base path, a header that splits the request.
      const unsafe = unsafeInput(input, this.#options.headers, options.headers);
      if (unsafe.length > 0) throw new RequestValidationError(context, unsafe);
      if (operation.validateRequest && this.#options.validateRequests !== false) {
        const violations = operation.validateRequest(input);
        // A rule the spec only assumes does not stop the call: it is sent, and the drift logged.
        if (violations.some((v) => !v.assumed) || (violations.length > 0 && this.#options.strictAssumptions))
          throw new RequestValidationError(context, violations);
        if (violations.length > 0) this.#drift(operation, context, "request", violations);
      }
      // A signed body is signed once, after validation: every attempt sends the same body and signature.
      if (operation.signature && input.body !== undefined)
        input = {
          ...input,
          body: await signBody(operation.signature, input.body, this.#options.signer, context, this.#options.bodySignatureLayout),
        };
      // A typed XML body is checked against its model, written and signed once: every attempt sends the same bytes.
      if (operation.body?.xml && input.body !== undefined) {
        const xml = serializeXmlBody(operation.body.xml, input.body, context);
        const { signature: into, encrypted } = operation.body.xml;
        const signed = into && this.#options.xmlSigner ? await this.#options.xmlSigner.signXml(xml, into) : xml;
        input = { ...input, body: encrypted && this.#options.xmlEncryptor ? await this.#options.xmlEncryptor.encryptXml(signed) : signed };
      }
      const setup = this.#loopSetup(operation, options, context);
      if (Object.keys(perAttemptHeaders).length > 0) setup.perAttemptHeaders = perAttemptHeaders;
      // A binary body that may be one of several formats is sent as the type its bytes show.
      const mediaType =
        operation.body?.sniff && input.body !== undefined
          ? await sniffBinaryBody(operation.body.sniff, input.body as BinaryBody, context)
          : operation.body?.mediaType;
      const body = operation.body
        ? serializeBody({ ...operation.body, mediaType: mediaType as string }, input.body, operation.decimals?.request)
        : undefined;
      const cookie = input.cookie ? serializeCookies(input.cookie) : undefined;
      const outbound: Outbound = { operation, input, body, cookie, options, setup };
      const response = this.#options.middleware?.length ? await this.#throughOpenapiFetch(outbound) : await this.#direct(outbound);
      const bytes = setup.received ?? undefined;
      if (!response.ok)
        throw errorFromStatus(context, response.status, await this.#redactedErrorBody(operation, input, bytes, context, response.status));
      return await this.#decode(operation, response, bytes, context);
    } catch (error) {
      const duplicate = operation.idempotency?.duplicateCode;
      if (error instanceof ApiCodeError && error.code === duplicate && context.attempts > 1)
        throw new AlreadyProcessedError(context, error);
      if (error instanceof BankkitError) throw error;
      // Nothing reached the network: the request could not be built (for example an unserializable body).
      // fetch's own messages quote header values, which may be secrets: those are said without the value.
      const raw = error instanceof Error ? error.message : String(error);
      const message = /header/i.test(raw) ? "a header name or value is not valid in HTTP" : raw;
      throw new RequestValidationError(context, [{ path: "/", rule: "serialize", message }]);
    } finally {
      if (options.meta) {
        options.meta.attempts = context.attempts;
        if (context.idempotencyKey !== undefined) options.meta.idempotencyKey = context.idempotencyKey;
        if (context.requestId !== undefined) options.meta.requestId = context.requestId;
      }
    }
  }

  /** What the attempt loop needs for one call: the client's settings, this call's options and the operation's. */
  #loopSetup(operation: OperationSpec, options: RequestOptions, context: ErrorContext): LoopSetup {
    const client = this.#options;
    const setup: LoopSetup = {
      operationId: operation.id,
      path: operation.path,
      policy: options.retry ? { ...this.#retryPolicy, ...options.retry } : this.#retryPolicy,
      timeoutMs: options.timeoutMs ?? client.timeoutMs ?? 30_000,
      maxResponseBytes: options.maxResponseBytes ?? client.maxResponseBytes ?? defaultMaxResponseBytes,
      steps: this.#steps(operation, context),
      context,
      keepBody: (client.middleware?.length ?? 0) > 0,
    };
    if (client.fetch) setup.fetch = client.fetch;
    if (client.followRedirects) setup.followRedirects = client.followRedirects;
    if (client.auth) setup.auth = client.auth;
    if (client.logger) {
      setup.logger = client.logger;
      setup.secretHeaders = this.#secretHeaders;
    }
    if (options.signal) setup.signal = options.signal;
    if (operation.safeToRetry) setup.safeToRetry = true;
    return setup;
  }

  /**
   * The request built here and handed to the attempt loop: the URL (as openapi-fetch would write it) and the
   * headers, without openapi-fetch's per-request Request, middleware pass and response wrapping, which cost
   * more than everything else a call does. The body is serialized once, to bytes.
   */
  #direct({ operation, input, body, cookie, options, setup }: Outbound): Promise<Answer> {
    const url = requestUrl(this.#baseUrl, operation, input);
    const headers = new Headers(operation.headers);
    for (const name in this.#options.headers) headers.set(name, this.#options.headers[name] as string);
    if (body?.headers) for (const name in body.headers) headers.set(name, body.headers[name] as string);
    if (input.header) {
      const serialized = serializeHeaders(input.header, operation.styles?.header);
      for (const name in serialized) headers.set(name, serialized[name] as string);
    }
    if (cookie) headers.set("cookie", cookie);
    for (const name in options.headers) headers.set(name, options.headers[name] as string);
    const method = operation.method.toUpperCase();
    const payload = body === undefined ? undefined : body.bodySerializer(body.body);
    if (typeof payload === "string") return sendWithRetries({ url, method, headers }, setup, encoder.encode(payload));
    if (payload === undefined || payload instanceof Uint8Array) return sendWithRetries({ url, method, headers }, setup, payload);
    // Form data, multipart (whose boundary the Request writes into content-type) and Blobs: encoded by the Request.
    return sendWithRetries(new Request(url, { method, headers, body: payload as RequestInit["body"] }), setup);
  }

  /** With middleware configured, openapi-fetch builds the request and runs it, once per logical request. */
  async #throughOpenapiFetch({ operation, input, body, cookie, options, setup }: Outbound): Promise<Response> {
    const { response } = await this.#request(operation.method, operation.requestPath ?? operation.path, {
      params: { path: input.path, query: input.query },
      querySerializer: (query: Record<string, unknown>) => serializeQuery(query, operation.styles?.query),
      ...(body ?? {}),
      headers: {
        ...operation.headers,
        ...this.#options.headers,
        ...body?.headers,
        ...(input.header ? serializeHeaders(input.header, operation.styles?.header) : {}),
        ...(cookie ? { cookie } : {}),
        ...options.headers,
      },
      // The attempt loop has read the body already (setup.received): openapi-fetch need not.
      parseAs: "stream",
      // With middleware (setup.keepBody) the loop answers with a Response carrying the body, as openapi-fetch expects.
      fetch: async (request: Request) => (await sendWithRetries(request, setup)) as Response,
    });
    return response;
  }

  /** The caller's attempt steps, then the operation's JWS header: the signature covers the bytes as sent. */
  #steps(operation: OperationSpec, context: ErrorContext): readonly AttemptStep[] {
    const steps = this.#options.attemptSteps ?? [];
    if (!operation.jws) return steps;
    if (!this.#options.jwsSigner)
      throw new PreparationError(`needs a signer (client option \`jwsSigner\`) for the ${operation.jws.header} header`, context);
    const { jwsKeyId: kid, jwsAlgorithm: alg } = this.#options;
    return [...steps, jwsHeaderStep(operation.jws, this.#options.jwsSigner, { ...(kid ? { kid } : {}), ...(alg ? { alg } : {}) })];
  }

  /**
   * An error body as the caller may see it: personal fields (by name) redacted, and the personal values
   * this request carried — an IIN, a consent text, a photo as base64 — cut out of its free text.
   */
  async #redactedErrorBody(
    operation: OperationSpec,
    input: OperationInput,
    bytes: Uint8Array | undefined,
    context: ErrorContext,
    status: number,
  ): Promise<unknown> {
    const names = this.#api.personalData ?? [];
    const values = personalValues(input, names);
    // Only on this error path are the body's bytes read again: a Blob is read, views are wrapped, not copied.
    const body = input.body;
    if (operation.body?.personal && (body instanceof Uint8Array || body instanceof ArrayBuffer || body instanceof Blob)) {
      const photo =
        body instanceof Uint8Array
          ? Buffer.from(body.buffer, body.byteOffset, body.byteLength)
          : Buffer.from(body instanceof Blob ? await body.arrayBuffer() : body);
      if (photo.byteLength > 0) values.push(photo.toString("base64"), photo.toString("base64url"), photo.toString("hex"));
    }
    return redactValues(redactFields(errorBody(bytes, context, status), names), values);
  }

  /**
   * Checks an answer against its schema. Rules of documented shapes break the call; an answer that breaks
   * only assumed ones (`x-bankkit-assumption`, on the whole answer or a part of it) is contract drift.
   */
  #checkAnswer(
    operation: OperationSpec,
    validator: Validator,
    value: unknown,
    context: ErrorContext,
    status: number,
    assumed?: string,
  ): void {
    const violations = validator(value, "/body");
    if (violations.length === 0) return;
    if (violations.some((v) => !assumed && !v.assumed)) throw new ResponseValidationError(context, status, violations);
    this.#drift(operation, context, status, violations, assumed);
  }

  /**
   * Drift from an assumed shape — in an answer (`at` its status) or in a request the caller built: an error
   * under `strictAssumptions` (for tests), else one `contract-drift` event.
   */
  #drift(
    operation: OperationSpec,
    context: ErrorContext,
    at: number | "request",
    violations: readonly Violation[],
    assumed?: string,
  ): void {
    if (at !== "request" && this.#options.strictAssumptions) throw new ResponseValidationError(context, at, violations);
    this.#options.logger?.({
      event: "contract-drift",
      operationId: operation.id,
      ...(at === "request" ? { direction: "request" as const } : { direction: "response" as const, status: at }),
      assumptions: [...new Set(violations.map((v) => v.assumed ?? assumed ?? ""))],
      // A hostile answer can break a rule a million times: the log gets the first ones and the count.
      violations: violations.slice(0, driftViolationsLogged).map((v) => ({ path: v.path, rule: v.rule })),
      ...(violations.length > driftViolationsLogged ? { omitted: violations.length - driftViolationsLogged } : {}),
    });
  }

  #decode(operation: OperationSpec, response: Answer, bytes: Uint8Array | undefined, context: ErrorContext): unknown | Promise<unknown> {
    const declared = declaredResponse(operation.responses, response.status);
    const assumed = operation.assumed?.[declaredStatus(operation.responses, response.status) ?? ""];
    if (!declared) {
      const message = `status ${response.status} is not declared for this operation`;
      throw new ResponseValidationError(context, response.status, [{ path: "/status", rule: "status", message }]);
    }
    let decoded: DecodedBody;
    try {
      decoded = decodeResponseBody(response, bytes, declared, context, operation.decimals?.response);
    } catch (error) {
      // An assumed answer in another media type than assumed (text where JSON was guessed): its text, as received.
      if (!(assumed && error instanceof ResponseValidationError && error.violations.every((v) => v.rule === "mediaType"))) throw error;
      this.#drift(operation, context, response.status, error.violations, assumed);
      return bytes === undefined ? undefined : new TextDecoder().decode(bytes);
    }
    const envelope = this.#api.envelope;
    const validateResponses = this.#options.validateResponses !== false;
    if (decoded.json && envelope && this.#api.apiError && operation.envelope !== false) {
      // The error code first: an error answer explains more than a schema violation would.
      let payload: unknown;
      // The result code is documented for every answer: an error answer or a missing code is never drift.
      if (assumed) checkResultCode(envelope, decoded.value, context, response.status, this.#api.apiError);
      try {
        payload = unwrapEnvelope(envelope, decoded.value, operation.envelope?.payloadKey, context, response.status, this.#api.apiError);
      } catch (error) {
        // A successful answer of another type than the one assumed: drift, returned as received.
        if (!(assumed && error instanceof ResponseValidationError)) throw error;
        this.#drift(operation, context, response.status, error.violations, assumed);
        payload = receivedPayload(envelope, decoded.value);
      }
      if (operation.envelope?.errorsOnly) {
        const message = "is a JSON answer without an error code where the operation returns bytes";
        throw new ResponseValidationError(context, response.status, [{ path: "/body", rule: "mediaType", message }]);
      }
      if (validateResponses && decoded.validator)
        this.#checkAnswer(operation, decoded.validator, decoded.value, context, response.status, assumed);
      return payload;
    }
    if (validateResponses && decoded.validator)
      this.#checkAnswer(operation, decoded.validator, decoded.value, context, response.status, assumed);
    if (decoded.json && this.#api.answerErrors) throwAnswerError(this.#api.answerErrors, decoded.value, context);
    if (decoded.json && operation.unzip) return operation.unzip.read(decoded.value, operation.unzip.pointer, context, response.status);
    const encryptor = decoded.xml?.encrypted ? this.#options.xmlEncryptor : undefined;
    if (decoded.xml && encryptor) return decryptedXmlBody(encryptor, decoded.xml, decoded.value as string, context, response.status);
    if (decoded.xml) return parseXmlBody(decoded.xml, decoded.value as string, context, response.status);
    return decoded.value;
  }
}

const driftViolationsLogged = 50;

/** An encrypted answer is decrypted, then read against its model like any other. */
async function decryptedXmlBody(
  encryptor: XmlDocumentEncryptor,
  spec: XmlBodySpec,
  text: string,
  context: ErrorContext,
  status: number,
): Promise<unknown> {
  let plain: string;
  try {
    plain = await encryptor.decryptXml(text);
  } catch (error) {
    const message = `could not be decrypted: ${error instanceof Error ? error.message : String(error)}`;
    throw new ResponseValidationError(context, status, [{ path: "/body", rule: "xml", message }], error);
  }
  return parseXmlBody(spec, plain, context, status);
}

/**
 * The string values at personal field names anywhere in a call's input, and their base64 forms (a server
 * may echo a field encoded): every one, however short — "Ким" is a whole surname.
 */
function personalValues(input: OperationInput, names: readonly string[]): string[] {
  const found: string[] = [];
  const visit = (value: unknown, personal: boolean): void => {
    if (typeof value === "string" && personal && value.length > 0) {
      const utf8 = Buffer.from(value, "utf8");
      found.push(value, utf8.toString("base64"), utf8.toString("base64url"));
    } else if (Array.isArray(value)) for (const item of value) visit(item, personal);
    else if (value !== null && typeof value === "object" && !ArrayBuffer.isView(value))
      for (const [key, field] of Object.entries(value)) visit(field, personal || names.includes(key));
  };
  if (names.length > 0) visit(input, false);
  return found;
}

/**
 * An error body as the caller sees it: parsed JSON (objects without prototype) when it is JSON, else its
 * text (undefined when empty). JSON nested beyond the cap is a ResponseValidationError of its own.
 */
function errorBody(bytes: Uint8Array | undefined, context: ErrorContext, status: number): unknown {
  if (!bytes || bytes.byteLength === 0) return undefined;
  const text = new TextDecoder().decode(bytes);
  if (jsonDepthExceeds(text)) throw tooDeep(context, status);
  try {
    return parseWithoutPrototypes(text);
  } catch {
    return text;
  }
}

/** Now as ISO 8601 with the local offset, as FAPI's x-fapi-auth-date shows it: 2021-06-02T16:46:31+06:00. */
export function isoDateTime(now: Date = new Date()): string {
  const offset = -now.getTimezoneOffset();
  const local = new Date(now.getTime() + offset * 60_000).toISOString().slice(0, 19);
  const sign = offset >= 0 ? "+" : "-";
  const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, "0");
  const minutes = String(Math.abs(offset) % 60).padStart(2, "0");
  return `${local}${sign}${hours}:${minutes}`;
}
