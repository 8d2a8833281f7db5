import fc from "fast-check";
import { createFinalURL, defaultPathSerializer } from "openapi-fetch";
import { describe, expect, it } from "vitest";
import type { OperationSpec } from "../src/http/operation.js";
import { serializeQuery } from "../src/http/parameters.js";
import { requestUrl } from "../src/http/request-url.js";

const base = "https://bank.test/api";
const operation = (path: string): OperationSpec => ({ id: "op", method: "get", path, responses: {} });
/** openapi-fetch's own URL building, which the split templates stand in for. */
const anchor = (path: string, input: { path?: Record<string, unknown>; query?: Record<string, unknown> }) =>
  createFinalURL(path, {
    baseUrl: base,
    params: { path: input.path ?? {}, query: input.query ?? {} },
    querySerializer: (query: Record<string, unknown>) => serializeQuery(query),
    pathSerializer: defaultPathSerializer,
  });

describe("request URLs", () => {
  it("are what openapi-fetch writes, for any path values and query", () => {
    const value = fc.oneof(fc.string(), fc.integer(), fc.boolean());
    fc.assert(
      fc.property(value, value, fc.dictionary(fc.stringMatching(/^[a-z]{1,6}$/), fc.oneof(fc.string(), fc.integer())), (a, b, query) => {
        const path = "/systems/{system_id}/users/{user_id}/key";
        const input = { path: { system_id: a, user_id: b }, query };
        expect(requestUrl(base, operation(path), input)).toBe(anchor(path, input));
      }),
      { numRuns: 500 },
    );
  });

  it("leave a missing parameter's template in place and write arrays comma-separated, as openapi-fetch does", () => {
    expect(requestUrl(base, operation("/a/{x}/b/{y}"), { path: { y: [1, "z z"] } })).toBe(
      anchor("/a/{x}/b/{y}", { path: { y: [1, "z z"] } }),
    );
    expect(requestUrl(base, operation("/a/{x}"), {})).toBe("https://bank.test/api/a/{x}");
  });

  it("write a decimal amount given as a string with its digits (no double on the way)", () => {
    const url = requestUrl(base, operation("/payments"), { query: { min_amount: "12345678901234567.89", ids: ["100.10", "0.30"] } });
    expect(url).toBe("https://bank.test/api/payments?min_amount=12345678901234567.89&ids=100.10&ids=0.30");
  });

  it("take a template with declared styles through openapi-fetch's serializer", () => {
    const styled: OperationSpec = { ...operation("/items/{id}"), requestPath: "/items/{.id*}" };
    expect(requestUrl(base, styled, { path: { id: ["a", "b"] } })).toBe("https://bank.test/api/items/.a.b");
  });
});
