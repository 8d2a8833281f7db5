/**
 * Every failure a bankkit client reports is a `BankkitError`. Subclasses say what failed; all carry the
 * operation, the attempt count and the identifiers a caller needs to reconcile — never a secret, a body
 * or personal data (messages name fields and rules, not values).
 */

/** Where in a logical request an error happened. */
export interface ErrorContext {
  /** The operationId of the call (or the callback name for callback errors). */
  operationId: string;
  /** How many attempts were sent before the error (0 when nothing left the process). */
  attempts: number;
  /** The idempotency key the request carried, if any. */
  idempotencyKey?: string;
  /** A request id the server returned (for example `x-request-id`), if any. */
  requestId?: string;
}

/** One broken rule, in the caller's terms: which field, which rule, what was expected. */
export interface Violation {
  /** JSON-pointer-like path of the field, starting with the request part: `/body/key_params/pass_policy`. */
  path: string;
  /** The schema rule that failed: `required`, `enum`, `type`, `minimum`, `pattern`, … */
  rule: string;
  /** What the rule expects, without echoing the value that broke it. */
  message: string;
  /**
   * The spec pointer of the `x-bankkit-assumption` this rule belongs to: a shape the vendor document does not
   * give. An answer that breaks only assumed rules is contract drift, not an error (see `strictAssumptions`).
   */
  assumed?: string;
}

export class BankkitError extends Error {
  readonly operationId: string;
  readonly attempts: number;
  readonly idempotencyKey: string | undefined;
  readonly requestId: string | undefined;

  constructor(message: string, context: ErrorContext, options?: { cause?: unknown }) {
    super(`${context.operationId}: ${message}`, options);
    this.name = new.target.name;
    this.operationId = context.operationId;
    this.attempts = context.attempts;
    this.idempotencyKey = context.idempotencyKey;
    this.requestId = context.requestId;
  }
}

/** The connection failed before a response arrived (refused, reset, DNS, socket closed). */
export class ConnectionError extends BankkitError {
  /** The system error code, such as `ECONNREFUSED` or `UND_ERR_SOCKET`, when known. */
  readonly code: string | undefined;
  constructor(context: ErrorContext, code: string | undefined, cause: unknown) {
    super(`connection failed${code ? ` (${code})` : ""}`, context, { cause });
    this.code = code;
  }
}

/** Why a TLS handshake failed, in the terms an operator acts on. */
export type TlsFailure =
  | "unknown-ca"
  | "host-mismatch"
  | "certificate-expired"
  | "client-certificate-refused"
  /** The server speaks only a TLS version below 1.2 (or above what this side allows). */
  | "protocol-version"
  | "handshake";

/**
 * The TLS handshake failed: the server's certificate is not trusted, does not name the host or has
 * expired, or the server refused the client certificate. Never retried: the next attempt would fail alike.
 */
export class TlsError extends BankkitError {
  readonly reason: TlsFailure;
  /** The TLS error code (`UNABLE_TO_VERIFY_LEAF_SIGNATURE`, `ERR_TLS_CERT_ALTNAME_INVALID`, …). */
  readonly code: string | undefined;
  constructor(context: ErrorContext, reason: TlsFailure, code: string | undefined, cause: unknown) {
    super(`TLS handshake failed: ${reason}${code ? ` (${code})` : ""}`, context, { cause });
    this.reason = reason;
    this.code = code;
  }
}

/** Why a redirect was not followed. */
export type RedirectRefusal =
  /** Redirects are not followed unless the client opts in (`followRedirects`). */
  | "not-followed"
  /** To another origin: the request's credentials would go with it. */
  | "other-origin"
  /** From https to http: everything would go in clear text. */
  | "downgrade"
  /** Only GET and HEAD are followed: a POST re-sent elsewhere (or as a GET) is not the call that was made. */
  | "method"
  /** Back to a location already visited. */
  | "loop"
  /** More hops than `followRedirects.maxHops`. */
  | "too-many";

/**
 * The server answered with a redirect (3xx with a Location) that was not followed. Never a success and never
 * retried: a payment API that redirects is misconfigured or intercepted. Carries the target's origin only —
 * a Location's path and query may hold tokens.
 */
export class RedirectError extends BankkitError {
  readonly status: number;
  /** The origin the server pointed at (`https://other.example:8443`), or undefined when Location was unreadable. */
  readonly locationOrigin: string | undefined;
  readonly reason: RedirectRefusal;
  constructor(context: ErrorContext, status: number, locationOrigin: string | undefined, reason: RedirectRefusal) {
    super(`HTTP ${status} redirect to ${locationOrigin ?? "an unreadable location"} not followed (${reason})`, context);
    this.status = status;
    this.locationOrigin = locationOrigin;
    this.reason = reason;
  }
}

/**
 * A response body grew past the client's cap (`maxResponseBytes`, counted after decompression while it
 * streamed in); the connection was closed there. Never retried: the server would send it again.
 */
export class ResponseTooLargeError extends BankkitError {
  readonly status: number;
  readonly limitBytes: number;
  constructor(context: ErrorContext, status: number, limitBytes: number) {
    super(`the response to HTTP ${status} is larger than ${limitBytes} bytes`, context);
    this.status = status;
    this.limitBytes = limitBytes;
  }
}

/** The authorization server refused the credentials (a 4xx to a password grant): never retried. */
export class AuthenticationError extends BankkitError {
  readonly status: number;
  /** The OAuth2 `error` code, such as `invalid_grant` or `invalid_client`. */
  readonly oauthError: string | undefined;
  constructor(context: ErrorContext, status: number, oauthError: string | undefined) {
    super(`the authorization server refused the credentials (HTTP ${status}${oauthError ? `, ${oauthError}` : ""})`, context);
    this.status = status;
    this.oauthError = oauthError;
  }
}

/** A signature could not be made or did not verify (request signing, callback or response signatures). */
export class SignatureError extends BankkitError {}

/** An attempt step or the auth provider failed while preparing a request; nothing was sent. */
export class PreparationError extends BankkitError {}

/** No response within the configured timeout. */
export class TimeoutError extends BankkitError {
  readonly timeoutMs: number;
  constructor(context: ErrorContext, timeoutMs: number) {
    super(`no response within ${timeoutMs} ms`, context);
    this.timeoutMs = timeoutMs;
  }
}

/** The caller aborted the request through its AbortSignal. */
export class AbortedError extends BankkitError {
  constructor(context: ErrorContext, cause: unknown) {
    super("aborted by the caller", context, { cause });
  }
}

/** The server answered with a non-2xx status. `body` is the parsed error body (JSON or text). */
export class HttpStatusError extends BankkitError {
  readonly status: number;
  readonly body: unknown;
  constructor(context: ErrorContext, status: number, body: unknown) {
    super(`HTTP ${status}`, context);
    this.status = status;
    this.body = body;
  }
}
export class BadRequestError extends HttpStatusError {}
export class UnauthorizedError extends HttpStatusError {}
export class ForbiddenError extends HttpStatusError {}
export class NotFoundError extends HttpStatusError {}
export class ConflictError extends HttpStatusError {}
export class UnprocessableEntityError extends HttpStatusError {}
export class RateLimitError extends HttpStatusError {}
export class ServerError extends HttpStatusError {}

const statusClasses: Record<number, typeof HttpStatusError> = {
  400: BadRequestError,
  401: UnauthorizedError,
  403: ForbiddenError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

/** The one place that maps an HTTP status to its error class. */
export function errorFromStatus(context: ErrorContext, status: number, body: unknown): HttpStatusError {
  const ErrorClass = statusClasses[status] ?? (status >= 500 ? ServerError : HttpStatusError);
  return new ErrorClass(context, status, body);
}

/**
 * The API answered, but its envelope carries an error code (for PC: `answer.result.error_code` ≠ 0).
 * Generated packages subclass it with the API's code table so that `switch (error.code)` narrows.
 */
export class ApiCodeError extends BankkitError {
  readonly code: number;
  /** The code's constant name from the vendor's table, or `UNKNOWN` for a code the table lacks. */
  readonly codeName: string;
  /** The documented meaning of the code. */
  readonly meaning: string;
  /** The message the server sent with the code. */
  readonly serverMessage: string;
  constructor(context: ErrorContext, details: { code: number; codeName: string; meaning: string; serverMessage: string }) {
    super(`error ${details.code} ${details.codeName}: ${details.meaning}`, context);
    this.code = details.code;
    this.codeName = details.codeName;
    this.meaning = details.meaning;
    this.serverMessage = details.serverMessage;
  }
}

function describe(violations: readonly Violation[]): string {
  const shown = violations.slice(0, 5).map((v) => `${v.path || "/"} ${v.message}`);
  const more = violations.length > 5 ? ` (and ${violations.length - 5} more)` : "";
  return shown.join("; ") + more;
}

/**
 * A retried keyed call was refused as a duplicate of its own earlier attempt: the server processed the
 * request, but that attempt's answer was lost. The result exists under `idempotencyKey`; fetch it from
 * there — do not send the request again under a new key.
 */
export class AlreadyProcessedError extends BankkitError {
  /** The API's answer to the repeated attempt (for PC: error 271 TRANSACTION_IS_NOT_UNIQUE). */
  readonly answer: ApiCodeError;
  constructor(context: ErrorContext, answer: ApiCodeError) {
    super(`already processed by an earlier attempt (key ${context.idempotencyKey ?? "?"}); its answer was lost`, context, {
      cause: answer,
    });
    this.answer = answer;
  }
}

/** The request broke the contract; nothing was sent. */
export class RequestValidationError extends BankkitError {
  readonly violations: readonly Violation[];
  constructor(context: ErrorContext, violations: readonly Violation[]) {
    super(`invalid request: ${describe(violations)}`, context);
    this.violations = violations;
  }
}

/** The response broke the contract: wrong shape, not JSON, truncated, or an unexpected content type. */
export class ResponseValidationError extends BankkitError {
  readonly status: number;
  readonly violations: readonly Violation[];
  constructor(context: ErrorContext, status: number, violations: readonly Violation[], cause?: unknown) {
    super(`invalid response (HTTP ${status}): ${describe(violations)}`, context, { cause });
    this.status = status;
    this.violations = violations;
  }
}

/** An incoming callback broke the contract. */
export class CallbackValidationError extends BankkitError {
  readonly violations: readonly Violation[];
  constructor(context: ErrorContext, violations: readonly Violation[], cause?: unknown) {
    super(`invalid callback: ${describe(violations)}`, context, { cause });
    this.violations = violations;
  }
}
