import { createDcmClient } from "@bankkit/dcm";
import { createPcServerClient, type LogEvent, RequestValidationError, ResponseValidationError } from "@bankkit/pc-server";
import { describe, expect, it } from "vitest";
import { sample } from "../support/samples.js";

// Parts of a contract the vendor document does not give (`x-bankkit-assumption`) never break a call: an
// answer that differs there comes back as received, with a `contract-drift` event naming the assumption;
// the documented parts stay strictly checked; `strictAssumptions` (for tests) makes drift an error.

const json = (value: unknown) => () => new Response(JSON.stringify(value), { headers: { "content-type": "application/json" } });

function pcClient(answer: () => Response, strictAssumptions = false) {
  const events: LogEvent[] = [];
  const client = createPcServerClient({
    baseUrl: "http://pc.bank.test/pc-api",
    fetch: async () => answer(),
    logger: (e) => events.push(e),
    strictAssumptions,
  });
  return { client, drift: () => events.filter((e) => e.event === "contract-drift") };
}

// Seed 004 shows no answer for Get System Details: the spec assumes `answer_type: system_info`.
const otherShape = {
  answer_type: "system",
  answer: { result: { error_code: 0, error_message: "Success" }, system: { id: "70b5fab6", name: "PC Server Develop" } },
  answer_version: 3,
};

describe("contract drift from an assumed answer", () => {
  it("returns PC's system details as received when they come under another answer_type, and logs the drift", async () => {
    const { client, drift } = pcClient(json(otherShape));
    expect(await client.getSystem({ path: { system_id: "bank" } })).toEqual({ id: "70b5fab6", name: "PC Server Develop" });
    expect(drift()).toEqual([
      {
        event: "contract-drift",
        operationId: "getSystem",
        direction: "response",
        status: 200,
        assumptions: ["#/components/responses/SystemInfoAnswer"],
        violations: [{ path: "/body/answer_type", rule: "const" }],
      },
    ]);
  });

  const body = (name: string) => sample<never>("pc-server", `${name}.request`);
  it.each([
    ["registerSystem", (c: ReturnType<typeof createPcServerClient>) => c.registerSystem({ body: body("register-system") })],
    ["getUserHistory", (c: ReturnType<typeof createPcServerClient>) => c.getUserHistory({ body: body("rks-user-data") })],
    [
      "getTransactionsHistory",
      (c: ReturnType<typeof createPcServerClient>) => c.getTransactionsHistory({ body: body("rks-transaction-data") }),
    ],
    ["getEventsHistory", (c: ReturnType<typeof createPcServerClient>) => c.getEventsHistory({ body: body("rks-event-data") })],
  ])("%s (an answer seed 004 does not show) stays usable when the answer differs", async (operationId, call) => {
    const { client, drift } = pcClient(json(otherShape));
    expect(await call(client)).toEqual({ id: "70b5fab6", name: "PC Server Develop" });
    expect(drift()).toEqual([expect.objectContaining({ operationId, violations: [{ path: "/body/answer_type", rule: "const" }] })]);
  });

  it.each(["__proto__", "constructor", "toString"])(
    "hands back nothing, not an object's internals, when a lying gateway names the payload %s",
    async (type) => {
      const { client, drift } = pcClient(json({ ...otherShape, answer_type: type }));
      expect(await client.getSystem({ path: { system_id: "bank" } })).toBeUndefined();
      expect(drift()).toHaveLength(1);
    },
  );

  it("logs the first 50 rules a hostile answer breaks and counts the rest", async () => {
    const events: LogEvent[] = [];
    const payments = Array.from({ length: 500 }, () => ({
      ...sample<Record<string, unknown>>("dcm", "payment"),
      status: "PENDING_REVIEW",
    }));
    const dcm = createDcmClient({
      baseUrl: "https://dcm.test",
      fetch: async () => json({ payments, total: 500 })(),
      logger: (e) => events.push(e),
    });
    await dcm.listPayments({ path: { counterparty_guid: "5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e" } });
    const [event] = events.filter((e) => e.event === "contract-drift");
    expect(event).toMatchObject({ omitted: 450 });
    expect(event?.event === "contract-drift" && event.violations).toHaveLength(50);
  });

  it("is a ResponseValidationError under strictAssumptions", async () => {
    const { client } = pcClient(json(otherShape), true);
    await expect(client.getSystem({ path: { system_id: "bank" } })).rejects.toBeInstanceOf(ResponseValidationError);
  });

  it("keeps the documented envelope strict: an answer without its result code is still an error", async () => {
    const { client, drift } = pcClient(json({ answer_type: "system_info", answer: { system_info: {} }, answer_version: 3 }));
    await expect(client.getSystem({ path: { system_id: "bank" } })).rejects.toBeInstanceOf(ResponseValidationError);
    expect(drift()).toEqual([]);
  });

  it("keeps documented answers strict: a broken getUser answer is an error, not drift", async () => {
    const broken = sample<{ answer: { user_info: Record<string, unknown> } }>("pc-server", "get-user.response");
    broken.answer.user_info = { ...broken.answer.user_info, user_id: 42 };
    const { client, drift } = pcClient(json(broken));
    await expect(client.getUser({ path: { system_id: "bank", user_id: "client-1" } })).rejects.toBeInstanceOf(ResponseValidationError);
    expect(drift()).toEqual([]);
  });

  it("treats a value outside an assumed part of a documented answer as drift: DCM's payment status", async () => {
    const events: LogEvent[] = [];
    const payment = { ...sample<Record<string, unknown>>("dcm", "payment"), status: "PENDING_REVIEW" };
    const dcm = createDcmClient({ baseUrl: "https://dcm.test", fetch: async () => json(payment)(), logger: (e) => events.push(e) });
    const read = await dcm.getPayment({
      path: { counterparty_guid: "5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e", payment_guid: "6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d" },
    });
    expect(read.status).toBe("PENDING_REVIEW");
    expect(events.filter((e) => e.event === "contract-drift")).toEqual([
      expect.objectContaining({
        assumptions: ["#/components/schemas/PaymentStatus"],
        violations: [{ path: "/body/status", rule: "enum" }],
      }),
    ]);
  });

  it("returns an assumed answer in another media type as its text: PC's health check answering text/plain", async () => {
    const { client, drift } = pcClient(() => new Response("OK", { headers: { "content-type": "text/plain" } }));
    expect(await client.healthcheck()).toBe("OK");
    expect(drift()).toEqual([expect.objectContaining({ assumptions: ["#/paths/~1healthcheck/get/responses/200"] })]);
  });

  it("reads a DCM guid that is not a UUID as drift: the guide types guids as strings", async () => {
    const events: LogEvent[] = [];
    const payment = { ...sample<Record<string, unknown>>("dcm", "payment"), guid: "pay-000123" };
    const dcm = createDcmClient({ baseUrl: "https://dcm.test", fetch: async () => json(payment)(), logger: (e) => events.push(e) });
    const read = await dcm.getPayment({
      path: { counterparty_guid: "5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e", payment_guid: "6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d" },
    });
    expect(read.guid).toBe("pay-000123");
    expect(events.filter((e) => e.event === "contract-drift")).toEqual([
      expect.objectContaining({ assumptions: ["#/components/schemas/Guid"], violations: [{ path: "/body/guid", rule: "pattern" }] }),
    ]);
  });

  it("sends a request that breaks only an assumed rule, and logs the drift: a PC key password of 5 characters", async () => {
    const sent: Request[] = [];
    const events: LogEvent[] = [];
    const options = { baseUrl: "http://pc.bank.test/pc-api", logger: (e: LogEvent) => events.push(e) };
    const fetch = async (request: Request) => {
      sent.push(request);
      return json(sample("pc-server", "result-only.response"))();
    };
    const path = { system_id: "bank", user_id: "client-1" };
    await createPcServerClient({ ...options, fetch }).resetPassword({ path, body: { keys_password: "12345" } });
    expect(sent).toHaveLength(1);
    expect(events.filter((e) => e.event === "contract-drift")).toEqual([
      {
        event: "contract-drift",
        operationId: "resetPassword",
        direction: "request",
        assumptions: ["#/components/schemas/ResetPasswordRequest/properties/keys_password"],
        violations: [{ path: "/body/keys_password", rule: "minLength" }],
      },
    ]);
    // Under strictAssumptions it is refused before it leaves; a documented rule is refused either way.
    const strict = createPcServerClient({ ...options, fetch, strictAssumptions: true });
    await expect(strict.resetPassword({ path, body: { keys_password: "12345" } })).rejects.toBeInstanceOf(RequestValidationError);
    await expect(createPcServerClient({ ...options, fetch }).resetPassword({ path, body: {} as never })).rejects.toBeInstanceOf(
      RequestValidationError,
    );
    expect(sent).toHaveLength(1);
  });
});
