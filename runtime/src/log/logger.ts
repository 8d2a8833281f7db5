/**
 * One structured event per attempt. It names the operation and the path template (not the filled-in URL,
 * whose path segments may identify a person), and carries headers only after redaction; bodies are never
 * logged.
 */
export interface AttemptLogEvent {
  event: "attempt";
  operationId: string;
  method: string;
  /** The path template from the spec, such as `/{system_id}/users/{user_id}`. */
  path: string;
  attempt: number;
  durationMs: number;
  outcome: "response" | "connection-error" | "timeout" | "aborted" | "tls-error" | "redirect" | "too-large";
  status?: number;
  /** Why the attempt will be repeated, when it will be (`HTTP 503`, `timeout`, `auth refresh`, …). */
  retryReason?: string;
  /** The call's idempotency key (an identifier, not a secret), the same on every attempt. */
  idempotencyKey?: string;
  /** Request headers with credentials replaced by `[REDACTED]`. */
  requestHeaders: Record<string, string>;
}

/** The client certificate expires soon (or has expired): renew it before connections start failing. */
export interface CertificateExpiryLogEvent {
  event: "certificate-expiry";
  subject: string;
  validTo: string;
  daysLeft: number;
}

/**
 * An answer differs from a shape the spec assumed (`x-bankkit-assumption`: the vendor document does not give
 * it), or a request breaks only such rules. The answer was returned as received, the request sent; the event
 * names the assumptions and the rules broken, never the values. Frequent ones mean the assumption is wrong:
 * tell the spec's maintainers.
 */
export interface ContractDriftLogEvent {
  event: "contract-drift";
  operationId: string;
  /** An answer that differs (with its status), or a request that breaks only assumed rules and was sent. */
  direction: "request" | "response";
  status?: number;
  /** The spec pointers of the assumptions the answer differs from. */
  assumptions: string[];
  /** The first 50 rules broken; `omitted` counts the rest. */
  violations: { path: string; rule: string }[];
  omitted?: number;
}

export type LogEvent = AttemptLogEvent | CertificateExpiryLogEvent | ContractDriftLogEvent;

/** Receives every log event; wire it to pino, winston or console as you like. */
export type Logger = (event: LogEvent) => void;
