import { createBank131KycClient } from "@bankkit/bank131-kyc";
import { createPcServerClient, RedirectError } from "@bankkit/pc-server";
import { apiKeyAuth, redirectRefusal } from "@bankkit/runtime";
import { afterEach, describe, expect, it } from "vitest";
import { peer } from "./peer.js";

// A gateway that redirects: to another host (127.0.0.2), to itself, in a loop. Nothing the client holds may
// reach the other host, and no redirect may turn into a success.

const closing: (() => void)[] = [];
afterEach(() => {
  for (const close of closing.splice(0)) close();
});

async function pair(status: number, path = "/elsewhere") {
  const other = await peer(
    (_, response) => response.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok"}'),
    "127.0.0.2",
  );
  const gateway = await peer((_, response) => response.writeHead(status, { location: `${other.url}${path}?token=secret` }).end());
  closing.push(other.close, gateway.close);
  return { other, gateway };
}

const system_id = "70b5fab6-d3d1-4098-aaf9-450a496855f5";
const user_id = "rest-api-test-4d02bd9e-ac11-4661-86c5-c7c7965e6a4c";
const body = { transaction_data: { text: "Transfer of 12 000 KZT", text_render_type: "markdown" as const } };

describe("redirects", () => {
  it.each([301, 302, 303, 307, 308])(
    "a POST answered %i is a RedirectError: nothing reaches the other host, nothing is retried",
    async (status) => {
      const { other, gateway } = await pair(status);
      const pc = createPcServerClient({ baseUrl: gateway.url, retry: { maxRetries: 3, baseDelayMs: 1 } });
      const error = await pc.createTransaction({ path: { system_id, user_id }, body }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RedirectError);
      expect(error).toMatchObject({ status, locationOrigin: other.url, reason: "not-followed", attempts: 1 });
      expect((error as Error).message).not.toContain("secret");
      expect(gateway.seen).toHaveLength(1);
      expect(other.seen).toHaveLength(0);
    },
  );

  it("credentials never follow a redirect to another origin, even with following turned on", async () => {
    const { other, gateway } = await pair(302);
    const kyc = createBank131KycClient({
      baseUrl: gateway.url,
      auth: apiKeyAuth({ header: "X-PARTNER-PROJECT", value: "project-key" }),
      followRedirects: { maxHops: 5 },
    });
    const error = await kyc.getCheck({ path: { id: "7" } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "RedirectError", reason: "other-origin", locationOrigin: other.url });
    expect(gateway.seen[0]?.headers["x-partner-project"]).toBe("project-key");
    expect(other.seen).toHaveLength(0);
  });

  it("followed only when asked, for GET within the origin; a loop is caught in a few requests", async () => {
    let hits = 0;
    const gateway = await peer((request, response) => {
      hits++;
      if (request.url === "/api/v2.0/check/7") response.writeHead(307, { location: "/moved/7" }).end();
      else if (request.url === "/moved/7")
        response.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok","data":{"id":"7","description":"valid"}}');
      else response.writeHead(302, { location: request.url }).end();
    });
    closing.push(gateway.close);
    const auth = { apply: (request: Request) => request };
    const refused = await createBank131KycClient({ baseUrl: gateway.url, auth })
      .getCheck({ path: { id: "7" } })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ name: "RedirectError", status: 307, reason: "not-followed" });
    const following = createBank131KycClient({ baseUrl: gateway.url, auth, followRedirects: {} });
    expect(await following.getCheck({ path: { id: "7" } })).toMatchObject({ status: "ok" });
    hits = 0;
    const looping = createBank131KycClient({ baseUrl: `${gateway.url}/loop`, auth, followRedirects: { maxHops: 10 } });
    const loop = await looping.getCheck({ path: { id: "7" } }).catch((e: unknown) => e);
    expect(loop).toMatchObject({ name: "RedirectError", reason: "loop" });
    expect(hits).toBeLessThanOrEqual(2);
  });

  it("https → http and POSTs are refused whatever the policy", () => {
    const from = new URL("https://gw.bank.example/api");
    expect(redirectRefusal("GET", from, new URL("http://gw.bank.example/api"), [from.href], {})).toBe("downgrade");
    expect(redirectRefusal("POST", from, new URL("https://gw.bank.example/v2"), [from.href], {})).toBe("method");
    expect(redirectRefusal("GET", from, new URL("https://gw.bank.example/v2"), [from.href], {})).toBeUndefined();
    expect(redirectRefusal("GET", from, new URL("https://gw.bank.example/v2"), ["a", "b", "c", "d"], { maxHops: 3 })).toBe("too-many");
  });
});
