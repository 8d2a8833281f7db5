import { createRemoteJWKSet, customFetch, errors, type JWTPayload, jwtVerify } from "jose";
import { BankkitError } from "../errors.js";
import { type InternalRequestOptions, sendInternal } from "../http/internal-request.js";

/** Why a JWT was refused, in the terms a bank's operator acts on. */
export type JwtRejection =
  | "malformed"
  | "algorithm"
  | "unknown-key"
  | "signature"
  | "expired"
  | "not-yet-valid"
  | "too-old"
  | "issuer"
  | "audience"
  | "missing-claim"
  | "key-set-unavailable";

/** A JWT that may not be trusted. The message names the reason, never the token. */
export class JwtRejectedError extends Error {
  readonly reason: JwtRejection;
  constructor(reason: JwtRejection, detail: string, cause?: unknown) {
    super(`JWT refused (${reason}): ${detail}`, { cause });
    this.name = "JwtRejectedError";
    this.reason = reason;
  }
}

/** The key set is fetched like any call: `fetch` (mutual TLS, tests), `timeoutMs`, `retry`, `logger`, `maxResponseBytes`. */
export interface JwtVerifierOptions extends InternalRequestOptions {
  /** Where the issuer publishes its public keys (DCM: `…/api/v1/.well-known/jwks.json`). */
  jwksUrl: string | URL;
  /** Accepted `iss` and `aud`, when the issuer sets them; a token with another value is refused. */
  issuer?: string | string[];
  audience?: string | string[];
  /** Accepted algorithms (default RS256): `none`, HS256 signed with the public key, anything else is refused. */
  algorithms?: ("RS256" | "ES256" | "PS256")[];
  /** The oldest `iat` accepted, in seconds (default 1200, DCM's recommended lifetime). */
  maxAgeSeconds?: number;
  /** Clock skew allowed on `exp`, `nbf` and `iat` (default 5 s). */
  clockToleranceSeconds?: number;
  /** Claims every token must carry (default `sub`, `exp`, `iat`). */
  requiredClaims?: string[];
  /** An unknown `kid` refetches the key set, at most once per this many milliseconds (default 30 s). */
  cooldownMs?: number;
  /** How long a fetched key set is used before it is fetched again (default 10 min). */
  cacheMaxAgeMs?: number;
}

function rejection(error: unknown): JwtRejectedError {
  // jose reports a token older than maxTokenAge as expired on its `iat`, and an `iat` ahead of the clock as invalid.
  if (error instanceof errors.JWTExpired)
    return error.claim === "iat"
      ? new JwtRejectedError("too-old", "it was issued too long ago", error)
      : new JwtRejectedError("expired", "it has expired", error);
  if (error instanceof errors.JWTClaimValidationFailed) {
    const claim = error.claim;
    if (error.reason === "missing") return new JwtRejectedError("missing-claim", `it has no "${claim}" claim`, error);
    if (claim === "nbf" || claim === "iat") return new JwtRejectedError("not-yet-valid", `its "${claim}" is in the future`, error);
    if (claim === "iss") return new JwtRejectedError("issuer", "it has another issuer", error);
    if (claim === "aud") return new JwtRejectedError("audience", "it is meant for another audience", error);
    return new JwtRejectedError("malformed", `its "${claim}" claim is invalid`, error);
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return new JwtRejectedError("algorithm", "its algorithm is not accepted", error);
  if (error instanceof errors.JWKSNoMatchingKey) return new JwtRejectedError("unknown-key", "no published key matches its kid", error);
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return new JwtRejectedError("signature", "its signature does not verify", error);
  if (
    error instanceof errors.JWKSTimeout ||
    error instanceof errors.JWKSInvalid ||
    error instanceof TypeError ||
    error instanceof BankkitError
  )
    return new JwtRejectedError("key-set-unavailable", "the issuer's key set could not be read", error);
  return new JwtRejectedError("malformed", "it is not a signed JWT", error);
}

/**
 * Verifies JWTs a counterparty signs (DCM's `X-Session-ID`) against its published JWKS, with jose: the
 * algorithms pinned, `exp`/`nbf`/`iat` and the maximum age enforced, issuer and audience when given. The
 * key set is cached; a token naming an unknown `kid` refetches it (at most once per cooldown), which is
 * how a rotated key is picked up without a restart.
 */
export function jwtVerifier(options: JwtVerifierOptions): { verify(token: string): Promise<JWTPayload> } {
  // The key set is fetched through the attempt loop: redirects refused, the body capped, timeouts, retries.
  const keys = createRemoteJWKSet(new URL(options.jwksUrl), {
    cooldownDuration: options.cooldownMs ?? 30_000,
    cacheMaxAge: options.cacheMaxAgeMs ?? 600_000,
    [customFetch]: async (url: string, init: RequestInit) => {
      const { response, bytes } = await sendInternal(
        new Request(url, { ...init, signal: null }),
        "jwks",
        options,
        init.signal ?? undefined,
      );
      return new Response(response.status === 200 ? bytes : null, { status: response.status, headers: response.headers });
    },
  });
  return {
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, keys, {
          algorithms: options.algorithms ?? ["RS256"],
          maxTokenAge: options.maxAgeSeconds ?? 1200,
          clockTolerance: options.clockToleranceSeconds ?? 5,
          requiredClaims: options.requiredClaims ?? ["sub", "exp", "iat"],
          ...(options.issuer ? { issuer: options.issuer } : {}),
          ...(options.audience ? { audience: options.audience } : {}),
        });
        return payload;
      } catch (error) {
        throw rejection(error);
      }
    },
  };
}
