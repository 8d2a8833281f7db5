import {
  BankkitError,
  CallbackValidationError,
  createPcServerCallbackReceiver,
  createPcServerClient,
  parseOperationCallback,
  parseTransactionCallback,
  parseUserCallback,
} from "@bankkit/pc-server";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
// The unwrapper is tested from the runtime's sources, so its errors are the sources' classes.
import { BankkitError as SourceBankkitError } from "../../runtime/src/errors.js";
import { unwrapEnvelope } from "../../runtime/src/http/envelope.js";
import { pcApiError, pcEnvelope } from "../../runtime/test/support/pc-envelope.js";
import { sample } from "../support/samples.js";

const runs = { numRuns: 10_000, seed: 20261122 };
const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

// JSON with the names that pollute prototypes in careless code, and real answers with random holes.
const hostileKey = fc.constantFrom("__proto__", "constructor", "prototype", "answer", "result", "error_code", "pc_callback", "type");
const hostileJson = fc.oneof(
  fc.json(),
  fc.dictionary(hostileKey, fc.jsonValue()).map((d) => JSON.stringify(d)),
  fc.string(),
  fc.constantFrom('{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"polluted":true}}}', "", "{", "[", "null", "1e999"),
);
const api = "pc-server";
const answer = JSON.stringify(sample(api, "get-user.response"));
const char = fc.string({ minLength: 1, maxLength: 1 });
/** A real answer with one character replaced or the text cut short: near-misses find the edge cases. */
const damaged = fc
  .tuple(fc.nat(answer.length - 1), char, fc.boolean())
  .map(([at, char, cut]) => (cut ? answer.slice(0, at) : answer.slice(0, at) + char + answer.slice(at + 1)));

afterAll(() => {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

describe("fuzzing: only typed errors come out", () => {
  it("response decoding and validation (getUser, 10,000 bodies)", async () => {
    let body = "";
    const pc = createPcServerClient({
      baseUrl: "http://pc.test",
      retry: { maxRetries: 0 },
      fetch: async () => new Response(body, { status: 200, headers: { "content-type": "application/json" } }),
    });
    await fc.assert(
      fc.asyncProperty(fc.oneof(hostileJson, damaged), async (text) => {
        body = text;
        const outcome = await pc.getUser({ path: { system_id: "s", user_id: "u" } }).then(
          (value) => ({ value }),
          (error: unknown) => ({ error }),
        );
        if ("error" in outcome) expect(outcome.error).toBeInstanceOf(BankkitError);
        else expect(outcome.value).toBeTypeOf("object");
      }),
      runs,
    );
  });

  it("the envelope unwrapper (10,000 values)", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything(),
          fc.jsonValue(),
          damaged.map((t) => {
            try {
              return JSON.parse(t) as unknown;
            } catch {
              return t;
            }
          }),
        ),
        fc.option(fc.string()),
        (value, key) => {
          try {
            unwrapEnvelope(pcEnvelope, value, key ?? undefined, { operationId: "fuzz", attempts: 1 }, 200, pcApiError);
          } catch (error) {
            expect(error).toBeInstanceOf(SourceBankkitError);
          }
        },
      ),
      runs,
    );
  });

  it("the callback parsers and the receiver (10,000 bodies each)", async () => {
    const receiver = createPcServerCallbackReceiver({ transactionCallback: () => {} });
    const callback = JSON.stringify(sample(api, "callback-transaction-confirmation"));
    const near = fc.tuple(fc.nat(callback.length - 1), char).map(([at, char]) => callback.slice(0, at) + char + callback.slice(at + 1));
    for (const parse of [parseTransactionCallback, parseUserCallback, parseOperationCallback]) {
      fc.assert(
        fc.property(fc.oneof(hostileJson, near), (text) => {
          try {
            parse(text);
          } catch (error) {
            expect(error).toBeInstanceOf(CallbackValidationError);
          }
        }),
        runs,
      );
    }
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          hostileJson,
          near,
          fc.uint8Array().map((b) => b),
        ),
        async (body) => {
          const reply = await receiver({ body });
          expect([200, 202, 400]).toContain(reply.status);
        },
      ),
      runs,
    );
  });
});

describe("fuzzing: any input from JavaScript to any PC operation", () => {
  it("is refused with a RequestValidationError or sent — never a crash (10,000 calls)", async () => {
    let sent = 0;
    const pc = createPcServerClient({
      baseUrl: "http://pc.test",
      retry: { maxRetries: 0 },
      fetch: async () => {
        sent++;
        return new Response(
          '{"answer_type":"result_only","answer":{"result":{"error_code":0,"error_message":"Success"}},"answer_version":3}',
          {
            headers: { "content-type": "application/json" },
          },
        );
      },
    });
    const methods = Object.getOwnPropertyNames(Object.getPrototypeOf(pc)).filter((name) => name !== "constructor" && name !== "raw");
    const input = fc.oneof(
      fc.anything(),
      fc.record({ path: fc.anything(), body: fc.anything() }, { requiredKeys: [] }),
      fc.record({ path: fc.record({ system_id: fc.string(), user_id: fc.string(), transaction_id: fc.string() }), body: fc.jsonValue() }),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...methods), input, async (method, value) => {
        const call = (pc as unknown as Record<string, (input: unknown) => Promise<unknown>>)[method]!.bind(pc);
        const outcome = await call(value).then(
          () => "done",
          (error: unknown) => error,
        );
        if (outcome !== "done") expect(outcome).toBeInstanceOf(BankkitError);
      }),
      runs,
    );
    expect(sent).toBeGreaterThan(0);
  });
});
