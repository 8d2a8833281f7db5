import { AbortedError, type BankkitError, ConnectionError, type ErrorContext, TimeoutError, TlsError, type TlsFailure } from "../errors.js";

const tlsFailures: Record<string, TlsFailure> = {
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "unknown-ca",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "unknown-ca",
  UNABLE_TO_GET_ISSUER_CERT: "unknown-ca",
  SELF_SIGNED_CERT_IN_CHAIN: "unknown-ca",
  DEPTH_ZERO_SELF_SIGNED_CERT: "unknown-ca",
  ERR_TLS_CERT_ALTNAME_INVALID: "host-mismatch",
  CERT_HAS_EXPIRED: "certificate-expired",
  CERT_NOT_YET_VALID: "certificate-expired",
  ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED: "client-certificate-refused",
  ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE: "client-certificate-refused",
  ERR_SSL_TLSV1_ALERT_UNKNOWN_CA: "client-certificate-refused",
  // Also what a TLS 1.2 server that requires a client certificate answers when none is offered.
  ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE: "handshake",
  ERR_SSL_WRONG_VERSION_NUMBER: "handshake",
  // A server that speaks only TLS 1.0/1.1 (or none this side allows): a configuration to fix, not a blip.
  ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION: "protocol-version",
  ERR_SSL_UNSUPPORTED_PROTOCOL: "protocol-version",
  ERR_SSL_NO_PROTOCOLS_AVAILABLE: "protocol-version",
  ERR_SSL_VERSION_TOO_LOW: "protocol-version",
};

/** The first `code` on the error or its causes (undici wraps system and TLS errors). */
export function failureCode(error: unknown): string | undefined {
  for (let current = error; current instanceof Error; current = current.cause) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
  }
  return undefined;
}

/** What went wrong with an attempt that got no response. */
export function classifyFailure(
  error: unknown,
  context: ErrorContext,
  timeout: { fired: boolean; ms: number },
  callerAborted: boolean,
): BankkitError {
  if (timeout.fired) return new TimeoutError(context, timeout.ms);
  if (callerAborted) return new AbortedError(context, error);
  const code = failureCode(error);
  const tls = code ? tlsFailures[code] : undefined;
  if (tls) return new TlsError(context, tls, code, error);
  return new ConnectionError(context, code, error);
}

/** Failures worth another attempt, when the request is safe to repeat. */
export function retryableFailure(error: BankkitError): boolean {
  return error instanceof ConnectionError || error instanceof TimeoutError;
}
