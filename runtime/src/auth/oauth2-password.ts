import { AuthenticationError, ConnectionError, type ErrorContext, errorFromStatus, ResponseValidationError } from "../errors.js";
import type { FetchLike } from "../http/attempt-loop.js";
import { failureCode } from "../http/failures.js";
import { sleep } from "../http/retry-policy.js";
import type { AuthProvider } from "./auth-provider.js";
import { bearerTokenAuth, type IssuedToken } from "./bearer-token.js";

export interface OAuth2PasswordOptions {
  /** The token endpoint, such as https://ax.kisc.kz:8243/token. */
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  username: string;
  password: string;
  scope?: string;
  /** The fetch for token requests (for KISC: the mutual-TLS fetch, like the API's). */
  fetch?: FetchLike;
  /** Renew this long before expiry (default 60 s). */
  renewBeforeMs?: number;
  now?: () => number;
}

/** RFC 6749 §2.3.1: the client id and secret are form-urlencoded before they are joined and base64-encoded. */
export function basicClientAuth(clientId: string, clientSecret: string): string {
  const form = (value: string) => new URLSearchParams({ v: value }).toString().slice(2);
  return `Basic ${Buffer.from(`${form(clientId)}:${form(clientSecret)}`).toString("base64")}`;
}

const context: ErrorContext = { operationId: "oauth2.token", attempts: 0 };

/**
 * OAuth2 resource-owner password grant with HTTP Basic client authentication, as the KISC (WSO2) gateway
 * wants it: tokens are cached and renewed before expiry with the refresh token (one renewal in flight for
 * all requests, also on 401); a refused refresh token falls back to a new password grant; a password grant
 * answered 4xx is an AuthenticationError and is never retried (repeating it may lock the account).
 */
export function oauth2PasswordAuth(options: OAuth2PasswordOptions): AuthProvider {
  const fetch = options.fetch ?? globalThis.fetch;
  const now = options.now ?? Date.now;
  let refreshToken: string | undefined;

  async function tokenRequest(form: Record<string, string>): Promise<Response> {
    // Transient failures (connection, 5xx) get two more tries; a 4xx is an answer, not a failure.
    for (let attempt = 1; ; attempt++) {
      try {
        const response = await fetch(
          new Request(options.tokenUrl, {
            method: "POST",
            headers: {
              authorization: basicClientAuth(options.clientId, options.clientSecret),
              "content-type": "application/x-www-form-urlencoded",
            },
            body: new URLSearchParams(form).toString(),
          }),
        );
        if (response.status < 500 || attempt === 3) return response;
      } catch (cause) {
        if (attempt === 3) throw new ConnectionError({ ...context, attempts: attempt }, failureCode(cause), cause);
      }
      await sleep(100 * attempt);
    }
  }

  async function readToken(response: Response): Promise<IssuedToken> {
    const body = (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined;
    if (typeof body?.access_token !== "string" || body.access_token === "") {
      throw new ResponseValidationError(context, response.status, [
        { path: "/body/access_token", rule: "required", message: "is required in a token answer" },
      ]);
    }
    refreshToken = typeof body.refresh_token === "string" ? body.refresh_token : undefined;
    const expiresIn = typeof body.expires_in === "number" ? body.expires_in : undefined;
    return { token: body.access_token, ...(expiresIn === undefined ? {} : { expiresAt: now() + expiresIn * 1000 }) };
  }

  async function issue(): Promise<IssuedToken> {
    if (refreshToken) {
      const refreshed = await tokenRequest({ grant_type: "refresh_token", refresh_token: refreshToken });
      if (refreshed.ok) return readToken(refreshed);
      if (refreshed.status >= 500) throw errorFromStatus(context, refreshed.status, await refreshed.text());
      refreshToken = undefined; // refused or expired: log in again
    }
    const grant = {
      grant_type: "password",
      username: options.username,
      password: options.password,
      ...(options.scope ? { scope: options.scope } : {}),
    };
    const response = await tokenRequest(grant);
    if (response.status >= 500) throw errorFromStatus(context, response.status, await response.text());
    if (!response.ok) {
      const error = (await response.json().catch(() => undefined)) as { error?: unknown } | undefined;
      throw new AuthenticationError(context, response.status, typeof error?.error === "string" ? error.error : undefined);
    }
    return readToken(response);
  }

  return bearerTokenAuth({ issue, renewBeforeMs: options.renewBeforeMs ?? 60_000, now });
}
