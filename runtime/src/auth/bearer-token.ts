import type { AttemptContext } from "../http/attempt-context.js";
import { setCredentialHeader } from "../http/header-value.js";
import { untilAborted } from "../http/retry-policy.js";
import { type AuthProvider, singleFlight } from "./auth-provider.js";

export interface IssuedToken {
  token: string;
  /** When the token stops being valid (ms since the epoch); absent: valid until the server says 401. */
  expiresAt?: number;
}

export interface BearerTokenOptions {
  /** Obtains a new token (a login, a refresh, a signed JWT…). Called once at a time, never concurrently. */
  issue: () => Promise<IssuedToken>;
  /** Header that carries it (default Authorization). */
  header?: string;
  /** Prefix before the token (default "Bearer "). */
  prefix?: string;
  /** Renew this long before expiry (default 30 s), so a token never expires in flight. */
  renewBeforeMs?: number;
  now?: () => number;
}

/**
 * A token in a header, renewed before it expires and when the server answers 401. However many requests
 * find it expired or get a 401 at the same moment, one renewal runs and all of them wait for it.
 */
export function bearerTokenAuth(options: BearerTokenOptions): AuthProvider {
  const header = options.header ?? "authorization";
  const prefix = options.prefix ?? "Bearer ";
  const renewBeforeMs = options.renewBeforeMs ?? 30_000;
  const now = options.now ?? Date.now;
  let current: IssuedToken | undefined;
  const renew = singleFlight(async () => {
    current = await options.issue();
  });
  const fresh = () => current !== undefined && (current.expiresAt === undefined || current.expiresAt - renewBeforeMs > now());
  return {
    async apply(request: Request, _context: AttemptContext) {
      // One renewal serves every waiting request; each stops waiting when its own attempt is aborted.
      if (!fresh()) await untilAborted(renew(), request.signal);
      setCredentialHeader(request, header, `${prefix}${current!.token}`, "bearerTokenAuth");
      return request;
    },
    async onUnauthorized(rejected: Request) {
      // Renew only if the rejected token is still the current one: a burst of 401s renews once.
      if (current && rejected.headers.get(header) !== `${prefix}${current.token}`) return;
      current = undefined;
      await renew();
    },
  };
}
