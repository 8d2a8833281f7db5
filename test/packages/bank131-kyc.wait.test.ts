import { createBank131KycClient, TimeoutError } from "@bankkit/bank131-kyc";
import { describe, expect, it } from "vitest";

/** A stand-in for the bank that answers `pending` until the n-th read. */
function bankAnswering(statuses: string[]) {
  const paths: string[] = [];
  const fetch = async (request: Request) => {
    paths.push(new URL(request.url).pathname);
    const status = statuses[Math.min(paths.length - 1, statuses.length - 1)];
    const body =
      status === "pending"
        ? { status, data: { id: "7", description: "Check in progress" } }
        : { status, data: { id: "7", description: "valid" } };
    return new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
  };
  return { fetch, paths };
}

describe("waitForCheck (x-bankkit-poll)", () => {
  it("reads the check until it is final, with only the id as state", async () => {
    const bank = bankAnswering(["pending", "pending", "ok"]);
    const client = createBank131KycClient({ baseUrl: "https://kyc-stage.bank131.ru", fetch: bank.fetch });
    const answer = await client.waitForCheck({ path: { id: "7" } }, { initialDelayMs: 5, maxDelayMs: 10 });
    expect(answer).toEqual({ status: "ok", data: { id: "7", description: "valid" } });
    expect(bank.paths).toEqual(["/api/v2.0/check/7", "/api/v2.0/check/7", "/api/v2.0/check/7"]);
  });

  it("gives up after maxWaitMs with a TimeoutError", async () => {
    const bank = bankAnswering(["pending"]);
    const client = createBank131KycClient({ baseUrl: "https://kyc-stage.bank131.ru", fetch: bank.fetch });
    await expect(client.waitForCheck({ path: { id: "7" } }, { initialDelayMs: 5, maxWaitMs: 40 })).rejects.toBeInstanceOf(TimeoutError);
    expect(bank.paths.length).toBeGreaterThan(1);
  });
});

describe("personal data in Bank 131's error answers", () => {
  it("never reaches the error the caller logs: the spec's personal fields are redacted", async () => {
    const echo = { status: "error", error: { description: "request_body_validation_error" }, last_name: "Иванов", inn: "500100732259" };
    const fetch = async () => new Response(JSON.stringify(echo), { status: 422, headers: { "content-type": "application/json" } });
    const client = createBank131KycClient({ baseUrl: "https://kyc-stage.bank131.ru", fetch });
    const error = await client.getCheck({ path: { id: "7" } }).catch((e: unknown) => e);
    const seen = JSON.stringify(error) + String(error) + JSON.stringify((error as { body?: unknown }).body);
    expect(seen).toContain("request_body_validation_error");
    for (const datum of ["Иванов", "500100732259"]) expect(seen).not.toContain(datum);
  });
});
