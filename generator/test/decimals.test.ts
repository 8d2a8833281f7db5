import { describe, expect, it } from "vitest";
import { decimalPaths } from "../src/openapi/decimals.js";

/** Schemas S0…S(n-1), each referring to every other (Stripe's expandable fields connect its schemas so). */
function denselyConnected(n: number, decimalIn?: number) {
  const schemas: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    const properties: Record<string, unknown> = {};
    for (let j = 0; j < n; j++) if (j !== i) properties[`s${j}`] = { anyOf: [{ type: "string" }, { $ref: `#/components/schemas/S${j}` }] };
    if (i === decimalIn) properties.amount = { type: "number", format: "decimal" };
    schemas[`S${i}`] = { type: "object", properties };
  }
  return { components: { schemas } };
}

describe("decimalPaths", () => {
  it("skips references that lead to no decimal: 40 schemas that all refer to each other take no time", () => {
    // Every path through them was walked before: Stripe's document ran for more than ten minutes.
    const document = denselyConnected(40);
    const started = performance.now();
    expect(decimalPaths(document, { $ref: "#/components/schemas/S0" })).toEqual([]);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("still finds a decimal reached through references, and one beside them", () => {
    const document = denselyConnected(3, 2);
    // Each reference once per path: from S2, S0 and S1 lead only back to S2.
    expect(decimalPaths(document, { $ref: "#/components/schemas/S2" })).toEqual(["/amount"]);
    expect(decimalPaths(document, { $ref: "#/components/schemas/S0" })).toEqual(["/s1/s2/amount", "/s2/amount"]);
  });
});
