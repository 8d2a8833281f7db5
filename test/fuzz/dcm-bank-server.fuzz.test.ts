import { createDcmBankServer, type DcmBankHandlers } from "@bankkit/dcm-bank";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

// The bank's server faces the network: whatever arrives — any method, path, query, headers, body bytes —
// it answers with a status the contract allows, never throws, and never lets a handler see invalid input.
const seen: unknown[] = [];
const handlers: DcmBankHandlers<{ sub?: string }> = {
  userAuth: () => ({ status: 200, body: { external_id: "emp-1", key: "GKEY" } }),
  key: () => ({ status: 200, body: { key: "GKEY" } }),
  externalId: () => ({ status: 200, body: { external_id: "x" } }),
  notifyPayIn: (input) => {
    seen.push(input.body);
    return { status: 200 };
  },
  notifyPayOut: () => ({ status: 200 }),
  notifyTransfer: () => ({ status: 200 }),
  sign: (input) => {
    seen.push(input.body);
    return { status: 200, body: input.body };
  },
};
const server = createDcmBankServer(handlers, {
  // A credential is valid only when it is exactly "valid": the fuzzer rarely finds it, and that is the point.
  authenticate: { dcmSession: async (token) => (token === "valid" ? { sub: "dcm" } : Promise.reject(new Error("refused"))) },
});

const path = fc.oneof(
  fc.constantFrom(
    "/user_auth",
    "/key",
    "/external_id",
    "/api/dcm/notify/pay-in",
    "/api/dcm/notify/pay-out",
    "/api/dcm/notify/transfer",
    "/sign",
  ),
  fc.webPath(),
  fc.string().map((s) => `/${s}`),
);
const body = fc.oneof(
  fc.json().map((text) => new TextEncoder().encode(text)),
  fc.uint8Array({ maxLength: 64 }),
  fc
    .record(
      { transaction_id: fc.oneof(fc.string(), fc.integer()), address: fc.array(fc.string()), transaction_xdr: fc.string() },
      { requiredKeys: [] },
    )
    .map((value) => new TextEncoder().encode(JSON.stringify(value))),
  fc.constantFrom('{"__proto__":{"polluted":true}}', "", "{", "null").map((text) => new TextEncoder().encode(text)),
);
const request = fc.record({
  method: fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"),
  url: fc.tuple(path, fc.option(fc.string())).map(([p, query]) => (query === null ? p : `${p}?${encodeURIComponent(query)}`)),
  headers: fc.record(
    { "x-session-id": fc.option(fc.constantFrom("valid", "invalid", "", "a.b.c"), { nil: undefined }) },
    { requiredKeys: [] },
  ),
  body,
});

describe("the generated DCM bank server under random requests", () => {
  it("answers every request with an allowed status and never hands a handler an invalid body (5,000 requests)", async () => {
    await fc.assert(
      fc.asyncProperty(request, async (incoming) => {
        const reply = await server(incoming);
        // No 500: these handlers never fail and always answer within the contract, so a 500 would be the server's own failure.
        expect([200, 400, 401, 404, 405]).toContain(reply.status);
        expect(() => (reply.body === "" ? undefined : JSON.parse(reply.body))).not.toThrow();
      }),
      { numRuns: 5_000, seed: 20261201 },
    );
    for (const received of seen) expect(received !== null && typeof received === "object" && !Array.isArray(received)).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
