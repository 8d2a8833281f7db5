import { createPcServerClient, type PcServerClient, RequestValidationError, type Violation } from "@bankkit/pc-server";
import { describe, expect, it } from "vitest";

// Nothing may leave the process for these calls: the fetch fails the test if it is ever reached.
const pc = createPcServerClient({
  baseUrl: "http://127.0.0.1:9",
  fetch: async () => {
    throw new Error("a request was sent");
  },
});
const path = { system_id: "s", user_id: "u" };
const data = { text: "Payment" };

async function violations(call: (client: PcServerClient) => Promise<unknown>): Promise<readonly Violation[]> {
  const error = await call(pc).catch((e: unknown) => e);
  if (!(error instanceof RequestValidationError)) throw new Error(`expected a RequestValidationError, got ${String(error)}`);
  expect(error.attempts).toBe(0);
  return error.violations;
}

// Calls as plain JavaScript could make them: the types would refuse these, the validators must too.
const untyped = (value: unknown) => value as never;

describe("PC Server requests are checked before they are sent", () => {
  it.each([
    [
      "confirm_code_length outside 6–10 and not 64",
      (c: PcServerClient) => c.createTransaction({ path, body: { transaction_data: data, confirm_code_length: 5 } }),
      { path: "/body/confirm_code_length", rule: "anyOf" },
    ],
    [
      "transaction_data with neither text nor binary_data",
      (c: PcServerClient) => c.createTransaction({ path, body: { transaction_data: untyped({ text_render_type: "raw" }) } }),
      { path: "/body/transaction_data", rule: "anyOf" },
    ],
    [
      "a decline for 'wrong data' without its decline_code",
      (c: PcServerClient) => c.declineTransaction({ path: { ...path, transaction_id: "t" }, body: { decline_reason: "wrong data" } }),
      { path: "/body/decline_code", rule: "required" },
    ],
    [
      "a deep link without url_template",
      (c: PcServerClient) => c.createUser({ path: { system_id: "s" }, body: { return_key_method: "DEEP_LINK" } }),
      { path: "/body/url_template", rule: "required" },
    ],
    [
      "a server-signer user bound to a fingerprint",
      (c: PcServerClient) =>
        c.createUser({
          path: { system_id: "s" },
          body: { return_key_method: "FULL_QR", key_params: { server_signer: true, with_finger_print: true } },
        }),
      { path: "/body/key_params/with_finger_print", rule: "const" },
    ],
    [
      "a numeric system_id from JavaScript",
      (c: PcServerClient) => c.getUser({ path: untyped({ system_id: 42, user_id: "u" }) }),
      { path: "/path/system_id", rule: "type" },
    ],
    ["no input at all", (c: PcServerClient) => c.getUser(untyped(undefined)), { path: "/path", rule: "required" }],
    [
      "an unknown top-level key (openapi-fetch's `params` by habit)",
      (c: PcServerClient) => c.getUser(untyped({ params: { path } })),
      { path: "/params", rule: "additionalProperties" },
    ],
    [
      "an event date in the wrong format",
      (c: PcServerClient) => c.getEvents({ body: { date_from: "2021-07-06T22:12:22Z" } }),
      { path: "/body/date_from", rule: "pattern" },
    ],
    [
      "an empty operation",
      (c: PcServerClient) => c.createOperation({ path, body: { transactions: [] } }),
      { path: "/body/transactions", rule: "minItems" },
    ],
  ])("refuses %s", async (_, call, expected) => {
    expect(await violations(call)).toContainEqual(expect.objectContaining(expected));
  });
});
