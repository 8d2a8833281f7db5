import { once } from "node:events";
import { createServer } from "node:http";
import {
  CallbackValidationError,
  createPcServerCallbackReceiver,
  parseOperationCallback,
  parseTransactionCallback,
  parseUserCallback,
  type TransactionCallback,
  toNodeListener,
} from "@bankkit/pc-server";
import { describe, expect, it } from "vitest";
import { sample, sampleBody } from "../support/samples.js";

const api = "pc-server";
const seedCallbacks = {
  userCallback: ["callback-user-updated-settings", "callback-user-renew-challenge-request", "callback-user-renew-challenge-response"],
  transactionCallback: [
    "callback-transaction-confirmation",
    "callback-transaction-autosign",
    "callback-transaction-cms",
    "callback-transaction-declanation",
  ],
  operationCallback: ["callback-operation"],
};
const parsers = {
  userCallback: parseUserCallback,
  transactionCallback: parseTransactionCallback,
  operationCallback: parseOperationCallback,
};

function broken(name: string, mutate: (body: { pc_callback: Record<string, unknown> }) => void): string {
  const body = structuredClone(sample<{ pc_callback: Record<string, unknown> }>(api, name));
  mutate(body);
  return JSON.stringify(body);
}

function violationsOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (error instanceof CallbackValidationError) return error.violations;
    throw error;
  }
  throw new Error("expected a CallbackValidationError");
}

describe("PC Server callbacks", () => {
  for (const [kind, names] of Object.entries(seedCallbacks)) {
    for (const name of names) {
      it(`parses the seed's ${name} sample as a typed ${kind}`, () => {
        const parse = parsers[kind as keyof typeof parsers];
        expect(parse(sampleBody(api, name))).toEqual(sample(api, name));
      });
    }
  }

  it.each([
    [
      "a transaction callback without transaction_id",
      () =>
        parseTransactionCallback(
          broken(
            "callback-transaction-confirmation",
            (b) => delete (b.pc_callback.transaction_callback as Record<string, unknown>).transaction_id,
          ),
        ),
      { path: "/body/pc_callback/transaction_callback/transaction_id", rule: "required" },
    ],
    [
      "a decline reason outside the documented set",
      () =>
        parseTransactionCallback(
          broken("callback-transaction-declanation", (b) => {
            (
              (b.pc_callback.transaction_callback as Record<string, Record<string, unknown>>).declanation as Record<string, unknown>
            ).decline_reason = "bored";
          }),
        ),
      { path: "/body/pc_callback/transaction_callback/declanation/decline_reason", rule: "enum" },
    ],
    [
      "a non-integer error code",
      () =>
        parseUserCallback(
          broken("callback-user-renew-challenge-request", (b) => ((b.pc_callback.result as Record<string, unknown>).error_code = "0")),
        ),
      { path: "/body/pc_callback/result/error_code", rule: "type" },
    ],
    [
      "an operation status outside the documented set",
      () =>
        parseOperationCallback(
          broken("callback-operation", (b) => ((b.pc_callback.operation_callback as Record<string, unknown>).status = "partially_procced")),
        ),
      { path: "/body/pc_callback/operation_callback/status", rule: "enum" },
    ],
    [
      "a truncated body",
      () => parseTransactionCallback(sampleBody(api, "callback-transaction-confirmation").slice(0, 80)),
      { path: "/body", rule: "json" },
    ],
    ["a body that is not JSON", () => parseUserCallback("<xml/>"), { path: "/body", rule: "json" }],
  ])("rejects %s with an error naming the field and the rule", (_, run, expected) => {
    expect(violationsOf(run)).toContainEqual(expect.objectContaining(expected));
  });

  it("receives callbacks over node:http: dispatches by type, 400 with violations for a malformed one", async () => {
    const received: TransactionCallback[] = [];
    const receiver = createPcServerCallbackReceiver({ transactionCallback: (body) => void received.push(body) });
    const server = createServer(toNodeListener(receiver)).listen(0, "127.0.0.1");
    await once(server, "listening");
    const address = server.address();
    const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/`;
    try {
      const ok = await fetch(url, { method: "POST", body: sampleBody(api, "callback-transaction-cms") });
      expect(ok.status).toBe(200);
      expect(received[0]?.pc_callback.transaction_callback.confirmation?.cms_data).toMatch(/^MIIG/);

      const unhandled = await fetch(url, { method: "POST", body: sampleBody(api, "callback-operation") });
      expect(unhandled.status).toBe(202);

      const bad = await fetch(url, { method: "POST", body: '{"pc_callback":{"type":"transaction_callback"}}' });
      expect(bad.status).toBe(400);
      const reply = (await bad.json()) as { violations: { path: string; rule: string }[] };
      expect(reply.violations).toContainEqual(expect.objectContaining({ path: "/body/pc_callback/result", rule: "required" }));
      expect(received).toHaveLength(1);
    } finally {
      server.close();
    }
  });
});
