import { describe, expect, it } from "vitest";
import {
  AbortedError,
  AlreadyProcessedError,
  ApiCodeError,
  type AttemptLogEvent,
  bearerTokenAuth,
  type CallMeta,
  ClientCore,
  ConnectionError,
  type OperationSpec,
  retryAfterMs,
  ServerError,
  TimeoutError,
  UnauthorizedError,
} from "../src/index.js";
import { pcApiError, pcEnvelope } from "./support/pc-envelope.js";

const servers = [{ name: "default", url: "http://bank.test", variables: {} }];
const ok = () => new Response('{"ok":true}', { status: 200, headers: { "content-type": "application/json" } });
const status = (code: number, headers: Record<string, string> = {}) => new Response("no", { status: code, headers });
const responses = { "200": { "application/json": null } };
const post: OperationSpec = { id: "pay", method: "post", path: "/pay", body: { mediaType: "application/json", kind: "json" }, responses };
const keyedPost: OperationSpec = { ...post, id: "keyedPay", idempotency: { in: "header", name: "x-idempotency-key" } };
const bodyKeyedPost: OperationSpec = { ...post, id: "createTx", idempotency: { in: "body", name: "/transaction_id" } };
const get: OperationSpec = { id: "read", method: "get", path: "/read", responses };
const fast = { baseDelayMs: 1, maxDelayMs: 5 };

/** A fetch that answers from a script, one entry per attempt, recording what it was sent. */
function scripted(...script: (Response | Error | ((request: Request) => Response))[]) {
  const sent: Request[] = [];
  const fetch = async (request: Request) => {
    sent.push(request);
    const next = script[Math.min(sent.length, script.length) - 1]!;
    if (next instanceof Error) throw next;
    return typeof next === "function" ? next(request) : next.clone();
  };
  return { sent, fetch };
}
const reset = () =>
  Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }) });
const errorOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e,
  );

describe("retries", () => {
  it("never repeats a POST without an idempotency key, whatever happened", async () => {
    for (const failure of [status(503), reset()]) {
      const { sent, fetch } = scripted(failure, ok());
      const error = await errorOf(new ClientCore({ servers }, { fetch, retry: fast }).call(post, { body: {} }));
      expect(error).toBeInstanceOf(failure instanceof Error ? ConnectionError : ServerError);
      expect(sent).toHaveLength(1);
    }
  });

  it("repeats a keyed POST with the same key and the same body bytes on every attempt", async () => {
    const { sent, fetch } = scripted(status(502), reset(), status(429, { "retry-after": "0" }), ok());
    const meta: CallMeta = {};
    await new ClientCore({ servers }, { fetch, retry: { ...fast, maxRetries: 5 } }).call(keyedPost, { body: { amount: "1.00" } }, { meta });
    const keys = sent.map((r) => r.headers.get("x-idempotency-key"));
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(await Promise.all(sent.map((r) => r.text()))).toEqual(Array(4).fill('{"amount":"1.00"}'));
    expect(meta).toEqual({ attempts: 4, idempotencyKey: keys[0] });
  });

  it("puts a body key in the body, keeps one the caller set, and reports it with the error", async () => {
    const { sent, fetch } = scripted(status(503));
    const core = new ClientCore({ servers }, { fetch, retry: { ...fast, maxRetries: 2 } });
    const error = (await errorOf(core.call(bodyKeyedPost, { body: { text: "x" } }))) as ServerError;
    const bodies = await Promise.all(sent.map(async (r) => JSON.parse(await r.text()) as { transaction_id: string }));
    expect(new Set(bodies.map((b) => b.transaction_id)).size).toBe(1);
    expect(error.idempotencyKey).toBe(bodies[0]!.transaction_id);
    expect(error.attempts).toBe(3);
    const mine = scripted(ok());
    await new ClientCore({ servers }, { fetch: mine.fetch }).call(
      bodyKeyedPost,
      { body: { text: "x", transaction_id: "mine-1" } },
      { idempotencyKey: "ignored" },
    );
    expect(JSON.parse(await mine.sent[0]!.text())).toEqual({ text: "x", transaction_id: "mine-1" });
  });

  it("repeats a POST the spec marks safe to retry (a read sent as POST)", async () => {
    const { sent, fetch } = scripted(status(503), reset(), ok());
    await new ClientCore({ servers }, { fetch, retry: fast }).call({ ...post, id: "search", safeToRetry: true }, { body: {} });
    expect(sent).toHaveLength(3);
  });

  it("retries idempotent methods on connection errors and the retryable statuses only", async () => {
    for (const code of [408, 429, 500, 502, 503, 504]) {
      const { sent, fetch } = scripted(status(code), ok());
      await new ClientCore({ servers }, { fetch, retry: fast }).call(get);
      expect(sent, String(code)).toHaveLength(2);
    }
    for (const code of [400, 404, 409, 501]) {
      const { sent, fetch } = scripted(status(code), ok());
      await errorOf(new ClientCore({ servers }, { fetch, retry: fast }).call(get));
      expect(sent, String(code)).toHaveLength(1);
    }
  });

  it("stops after maxRetries, and maxRetries: 0 (per client or per request) turns retrying off", async () => {
    const a = scripted(status(503));
    await errorOf(new ClientCore({ servers }, { fetch: a.fetch, retry: { ...fast, maxRetries: 3 } }).call(get));
    expect(a.sent).toHaveLength(4);
    const b = scripted(status(503));
    await errorOf(new ClientCore({ servers }, { fetch: b.fetch, retry: { maxRetries: 0 } }).call(get));
    expect(b.sent).toHaveLength(1);
    const c = scripted(status(503));
    await errorOf(new ClientCore({ servers }, { fetch: c.fetch, retry: fast }).call(get, {}, { retry: { maxRetries: 0 } }));
    expect(c.sent).toHaveLength(1);
  });

  it("honours Retry-After up to the cap, and the total deadline", async () => {
    expect(retryAfterMs("3")).toBe(3000);
    expect(retryAfterMs(new Date(Date.now() + 2000).toUTCString())).toBeGreaterThan(900);
    expect(retryAfterMs("soon")).toBeUndefined();
    const waits: number[] = [];
    let last = Date.now();
    const { fetch } = scripted((_) => {
      waits.push(Date.now() - last);
      last = Date.now();
      return status(429, { "retry-after": "1" });
    });
    const started = Date.now();
    await errorOf(new ClientCore({ servers }, { fetch, retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 60 } }).call(get));
    expect(waits.slice(1).every((w) => w >= 55 && w < 500)).toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);
    // Each wait is Retry-After (1 s) capped at 40 ms: attempts at 0, 40 and 80 ms fit in a 100 ms deadline.
    const deadline = scripted(status(503, { "retry-after": "1" }));
    await errorOf(
      new ClientCore(
        { servers },
        { fetch: deadline.fetch, retry: { maxRetries: 50, baseDelayMs: 1, maxDelayMs: 40, deadlineMs: 100 } },
      ).call(get),
    );
    expect(deadline.sent.length).toBe(3);
  });

  it("times out each attempt and retries a timed-out idempotent request", async () => {
    let calls = 0;
    const fetch = (request: Request) =>
      ++calls === 1
        ? new Promise<Response>((_, reject) => request.signal.addEventListener("abort", () => reject(request.signal.reason)))
        : Promise.resolve(ok());
    const events: AttemptLogEvent[] = [];
    await new ClientCore({ servers }, { fetch, timeoutMs: 30, retry: fast, logger: (e) => e.event === "attempt" && events.push(e) }).call(
      get,
    );
    expect(events.map((e) => [e.attempt, e.outcome, e.retryReason])).toEqual([
      [1, "timeout", "timeout"],
      [2, "response", undefined],
    ]);
    const hanging = () => new Promise<Response>(() => {});
    const error = await errorOf(
      new ClientCore({ servers }, { fetch: hanging, timeoutMs: 20, retry: { maxRetries: 1, baseDelayMs: 1 } }).call(post, { body: {} }),
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).attempts).toBe(1);
  });

  it("stops waiting when the caller aborts", async () => {
    const controller = new AbortController();
    const { sent, fetch } = scripted(status(503));
    setTimeout(() => controller.abort(), 30);
    const error = await errorOf(
      new ClientCore({ servers }, { fetch, retry: { maxRetries: 5, baseDelayMs: 1000, maxDelayMs: 1000 } }).call(
        get,
        {},
        { signal: controller.signal },
      ),
    );
    expect(error).toBeInstanceOf(AbortedError);
    expect(sent.length).toBeLessThanOrEqual(2);
  });
});

describe("auth", () => {
  it("refreshes once on 401 and replays once; a second 401 is the caller's", async () => {
    let issued = 0;
    const auth = bearerTokenAuth({ issue: async () => ({ token: `t${++issued}` }) });
    const { sent, fetch } = scripted(status(401), status(401), ok());
    const error = await errorOf(new ClientCore({ servers }, { fetch, auth, retry: fast }).call(post, { body: {} }));
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect(sent.map((r) => r.headers.get("authorization"))).toEqual(["Bearer t1", "Bearer t2"]);
    expect(issued).toBe(2);
  });

  it("renews an expired token once for 1,000 concurrent calls", async () => {
    let issued = 0;
    let now = 1_000_000;
    const auth = bearerTokenAuth({
      now: () => now,
      issue: async () => {
        issued++;
        await new Promise((resolve) => setTimeout(resolve, 20));
        return { token: `t${issued}`, expiresAt: now + 60_000 };
      },
    });
    const { sent, fetch } = scripted(ok());
    const core = new ClientCore({ servers }, { fetch, auth });
    await core.call(get);
    now += 120_000; // the token has expired
    await Promise.all(Array.from({ length: 1000 }, () => core.call(get)));
    expect(issued).toBe(2);
    expect(new Set(sent.slice(1).map((r) => r.headers.get("authorization")))).toEqual(new Set(["Bearer t2"]));
  });

  it("renews once when 1,000 concurrent calls are answered 401", async () => {
    let issued = 0;
    const auth = bearerTokenAuth({
      issue: async () => {
        issued++;
        await new Promise((resolve) => setTimeout(resolve, 20));
        return { token: `t${issued}` };
      },
    });
    const fetch = async (request: Request) => (request.headers.get("authorization") === "Bearer t1" ? status(401) : ok());
    const core = new ClientCore({ servers }, { fetch, auth });
    await Promise.all(Array.from({ length: 1000 }, () => core.call(get)));
    expect(issued).toBe(2);
  });
});

describe("openapi-fetch middleware", () => {
  it("runs once per logical request, however many attempts, and can read the final body", async () => {
    const { sent, fetch } = scripted(status(503), status(502), ok());
    const seen: { requests: number; bodies: unknown[] } = { requests: 0, bodies: [] };
    const core = new ClientCore(
      { servers },
      {
        fetch,
        retry: fast,
        middleware: [
          {
            onRequest: () => {
              seen.requests++;
            },
            onResponse: async ({ response }) => {
              seen.bodies.push(await response.clone().json());
            },
          },
        ],
      },
    );
    expect(await core.call(get)).toEqual({ ok: true });
    expect(sent).toHaveLength(3);
    expect(seen).toEqual({ requests: 1, bodies: [{ ok: true }] });
  });
});

describe("a retried keyed call the server already processed", () => {
  const envelope = pcEnvelope;
  const apiError = pcApiError;
  const create: OperationSpec = {
    id: "createTransaction",
    method: "post",
    path: "/tx",
    body: { mediaType: "application/json", kind: "json" },
    responses: { "200": { "application/json": null } },
    envelope: { payloadKey: "transaction_created" },
    idempotency: { in: "body", name: "/transaction_id", duplicateCode: 271 },
  };
  const duplicate = () =>
    new Response('{"answer_type":"result_only","answer":{"result":{"error_code":271,"error_message":"Transaction is not unique"}}}', {
      headers: { "content-type": "application/json" },
    });

  it("is an AlreadyProcessedError carrying the key when a retry is refused as a duplicate", async () => {
    const { fetch } = scripted(reset(), duplicate());
    const error = await errorOf(new ClientCore({ servers, envelope, apiError }, { fetch, retry: fast }).call(create, { body: {} }));
    expect(error).toBeInstanceOf(AlreadyProcessedError);
    expect((error as AlreadyProcessedError).attempts).toBe(2);
    expect((error as AlreadyProcessedError).idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect((error as AlreadyProcessedError).answer.code).toBe(271);
  });

  it("stays the API's error when the first attempt is refused: the caller reused a key", async () => {
    const { fetch } = scripted(duplicate());
    const error = await errorOf(
      new ClientCore({ servers, envelope, apiError }, { fetch }).call(create, { body: { transaction_id: "used" } }),
    );
    expect(error).toBeInstanceOf(ApiCodeError);
    expect(error).not.toBeInstanceOf(AlreadyProcessedError);
  });
});

describe("keys and generated headers fit their fields", () => {
  it("shortens a generated key to the field's maxLength (KISC: Max35Text)", async () => {
    const { sent, fetch } = scripted(ok());
    const op: OperationSpec = { ...post, id: "send", idempotency: { in: "header", name: "x-idempotency-key", maxLength: 35 } };
    await new ClientCore({ servers }, { fetch }).call(op, { body: {} });
    expect(sent[0]?.headers.get("x-idempotency-key")).toMatch(/^[0-9a-f]{32}$/);
  });

  it("fills a UUID header once per call and a date-time header on every attempt", async () => {
    const { sent, fetch } = scripted(status(503), ok());
    const op: OperationSpec = { ...get, generatedHeaders: { "x-fapi-interaction-id": "uuid", "x-fapi-auth-date": "date-time" } };
    await new ClientCore({ servers }, { fetch, retry: fast }).call(op);
    const ids = sent.map((r) => r.headers.get("x-fapi-interaction-id"));
    expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids[1]).toBe(ids[0]);
    for (const r of sent) expect(r.headers.get("x-fapi-auth-date")).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
    const given = scripted(ok());
    await new ClientCore({ servers }, { fetch: given.fetch }).call(op, { header: { "x-fapi-interaction-id": "mine" } });
    expect(given.sent[0]?.headers.get("x-fapi-interaction-id")).toBe("mine");
  });
});

describe("keys never repair a broken input", () => {
  it("leaves a body that is not an object to the request validator", async () => {
    const { sent, fetch } = scripted(ok());
    const validateRequest = (input: unknown) =>
      typeof (input as { body?: unknown }).body === "object" ? [] : [{ path: "/body", rule: "type", message: "must be an object" }];
    const error = await errorOf(
      new ClientCore({ servers }, { fetch }).call({ ...bodyKeyedPost, validateRequest }, { body: "not an object" }),
    );
    expect(error).toMatchObject({ name: "RequestValidationError" });
    expect(sent).toHaveLength(0);
  });
});
