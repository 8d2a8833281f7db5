import { bearerTokenAuth, type LogEvent } from "@bankkit/pc-server";
import { describe, expect, inject, it } from "vitest";
import { runSigningFlow } from "../../examples/pc-signing-flow/src/signing-flow.js";

// Every example flow, run with a logger that records everything: no secret and no personal datum of the
// run may appear in what was logged or printed.
describe("redaction over the example flows", () => {
  it("pc-signing-flow: the gateway token and the customer's name appear nowhere", async () => {
    const token = "s3cr3t-gateway-token-7f41c2";
    const customerName = "Айгерим Сапарова";
    const events: LogEvent[] = [];
    const printed: string[] = [];
    await runSigningFlow({
      baseUrl: inject("mocks")["pc-server"]!,
      systemId: "70b5fab6-d3d1-4098-aaf9-450a496855f5",
      customerName,
      print: (line) => printed.push(line),
      logger: (event) => events.push(event),
      auth: bearerTokenAuth({ issue: async () => ({ token }) }),
    });
    const everything = JSON.stringify(events) + printed.join("\n");
    expect(events.length).toBeGreaterThanOrEqual(4);
    expect(events.every((e) => e.event === "attempt" && e.requestHeaders.authorization === "[REDACTED]")).toBe(true);
    for (const needle of [token, customerName, "Сапарова"]) expect(everything).not.toContain(needle);
  });
});
