import { createPcServerClient } from "@bankkit/pc-server";
import { AbortedError, oauth2PasswordAuth, RedirectError, TimeoutError } from "@bankkit/runtime";
import { afterEach, describe, expect, it } from "vitest";
import { peer } from "./peer.js";

// Token servers that stall or redirect: the token request is bounded like any call (timeout, the caller's
// signal, redirects refused), so a call waiting for a token ends when the caller says.

const closing: (() => void)[] = [];
afterEach(() => {
  for (const close of closing.splice(0)) close();
});

const system_id = "70b5fab6-d3d1-4098-aaf9-450a496855f5";
const credentials = { clientId: "c", clientSecret: "s", username: "u", password: "p" };

async function apiAndTokenServer(answerToken: Parameters<typeof peer>[0]) {
  const api = await peer((_, response) => response.writeHead(200, { "content-type": "application/json" }).end("{}"));
  const token = await peer(answerToken);
  closing.push(api.close, token.close);
  return { api, token };
}

describe("OAuth2 token requests", () => {
  it("a stalled token server: the token request times out like a call, and the API is never called", async () => {
    const { api, token } = await apiAndTokenServer(() => {});
    const pc = createPcServerClient({
      baseUrl: api.url,
      retry: { maxRetries: 0 },
      auth: oauth2PasswordAuth({
        tokenUrl: `${token.url}/token`,
        ...credentials,
        timeoutMs: 300,
        retry: { maxRetries: 1, baseDelayMs: 1 },
      }),
    });
    const started = performance.now();
    const error = await pc.getSystem({ path: { system_id } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ operationId: "oauth2.token", attempts: 2 });
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(token.seen).toHaveLength(2);
    expect(api.seen).toHaveLength(0);
  });

  it("the caller's signal and timeout end a call that waits for a token", async () => {
    const { api, token } = await apiAndTokenServer(() => {});
    const pc = createPcServerClient({
      baseUrl: api.url,
      retry: { maxRetries: 0 },
      auth: oauth2PasswordAuth({ tokenUrl: `${token.url}/token`, ...credentials }),
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("the user went away")), 200);
    let started = performance.now();
    const aborted = await pc.getSystem({ path: { system_id } }, { signal: controller.signal }).catch((e: unknown) => e);
    expect(aborted).toBeInstanceOf(AbortedError);
    expect(performance.now() - started).toBeLessThan(2_000);
    started = performance.now();
    const timedOut = await pc.getSystem({ path: { system_id } }, { timeoutMs: 300 }).catch((e: unknown) => e);
    expect(timedOut).toBeInstanceOf(TimeoutError);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(api.seen).toHaveLength(0);
  });

  it("a token endpoint that redirects is refused: the password never goes to another host", async () => {
    const other = await peer((_, response) => response.writeHead(200).end('{"access_token":"x"}'), "127.0.0.2");
    closing.push(other.close);
    const { api, token } = await apiAndTokenServer((_, response) => response.writeHead(307, { location: `${other.url}/token` }).end());
    const pc = createPcServerClient({ baseUrl: api.url, auth: oauth2PasswordAuth({ tokenUrl: `${token.url}/token`, ...credentials }) });
    const error = await pc.getSystem({ path: { system_id } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedirectError);
    expect(error).toMatchObject({ operationId: "oauth2.token", status: 307, locationOrigin: other.url });
    expect(other.seen).toHaveLength(0);
    expect(api.seen).toHaveLength(0);
  });
});
