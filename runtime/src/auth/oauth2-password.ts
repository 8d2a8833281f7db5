import { AuthenticationError, type ErrorContext, errorFromStatus, ResponseValidationError } from "../errors.js";
import type { Answer } from "../http/dispatch.js";
import { type InternalRequestOptions, sendInternal } from "../http/internal-request.js";
import type { AuthProvider } from "./auth-provider.js";
import { bearerTokenAuth, type IssuedToken } from "./bearer-token.js";

/**
 * Token requests go through the same attempt loop as calls: give them the client's `timeoutMs`, `retry`,
 * `logger` and `maxResponseBytes` (and for KISC, the mutual-TLS `fetch`, like the API's).
 */
export interface OAuth2PasswordOptions extends InternalRequestOptions {
  /** The token endpoint, such as https://ax.kisc.kz:8243/token. */
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  username: string;
  password: string;
  scope?: string;
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
  const now = options.now ?? Date.now;
  let refreshToken: string | undefined;

  /** The token endpoint's answer: through the attempt loop (timeout, retries of 5xx and lost connections). */
  async function tokenRequest(form: Record<string, string>): Promise<{ response: Answer; bytes: Uint8Array }> {
    const request = new Request(options.tokenUrl, {
      method: "POST",
      headers: {
        authorization: basicClientAuth(options.clientId, options.clientSecret),
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams(form).toString(),
    });
    return sendInternal(request, "oauth2.token", options);
  }

  const json = (bytes: Uint8Array) => {
    try {
      return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown> | undefined;
    } catch {
      return undefined;
    }
  };

  async function readToken({ response, bytes }: { response: Answer; bytes: Uint8Array }): Promise<IssuedToken> {
    const body = json(bytes);
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
      if (refreshed.response.ok) return readToken(refreshed);
      if (refreshed.response.status >= 500) throw errorFromStatus(context, refreshed.response.status, undefined);
      refreshToken = undefined; // refused or expired: log in again
    }
    const grant = {
      grant_type: "password",
      username: options.username,
      password: options.password,
      ...(options.scope ? { scope: options.scope } : {}),
    };
    const answer = await tokenRequest(grant);
    const { status } = answer.response;
    if (status >= 500) throw errorFromStatus(context, status, undefined);
    if (!answer.response.ok) {
      const error = json(answer.bytes)?.error;
      throw new AuthenticationError(context, status, typeof error === "string" ? error : undefined);
    }
    return readToken(answer);
  }

  return bearerTokenAuth({ issue, renewBeforeMs: options.renewBeforeMs ?? 60_000, now });
}
