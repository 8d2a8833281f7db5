import { describe, expect, it } from "vitest";
import { createDispatcher } from "../src/server/dispatcher.js";
import type { ServerRouteSpec } from "../src/server/route.js";

const route: ServerRouteSpec = {
  id: "getPayment",
  method: "get",
  path: "/payments/{id}",
  parameters: [
    { name: "id", in: "path", type: "string" },
    { name: "limit", in: "query", type: "integer" },
    { name: "tags", in: "query", type: "array", items: "string" },
  ],
  validateRequest: (input) => {
    const query = (input as { query?: { limit?: unknown } }).query;
    return query?.limit !== undefined && typeof query.limit !== "number"
      ? [{ path: "/query/limit", rule: "type", message: "must be integer" }]
      : [];
  },
  responses: { "200": null },
  security: [],
};
const seen: unknown[] = [];
const dispatch = createDispatcher(
  [route],
  {},
  {
    getPayment: (input: unknown) => {
      seen.push(input);
      return { status: 200 };
    },
  },
);
const get = (url: string) => dispatch({ method: "GET", url, headers: {}, body: new Uint8Array() });

describe("createDispatcher: reading a request", () => {
  it("decodes path parameters and reads query parameters as their declared types", async () => {
    expect((await get("/payments/a%20b?limit=5&tags=x&tags=y")).status).toBe(200);
    expect(seen.at(-1)).toEqual({ path: { id: "a b" }, query: { limit: 5, tags: ["x", "y"] } });
  });

  it("refuses what cannot be read with 400, naming the field, instead of failing", async () => {
    const broken = await get("/payments/%E0%A4%A");
    expect(broken.status).toBe(400);
    expect(JSON.parse(broken.body).violations).toEqual([
      { path: "/path/id", rule: "encoding", message: "is not valid percent-encoded UTF-8" },
    ]);
    expect(JSON.parse((await get("/payments/7?limit=five")).body).violations).toEqual([
      { path: "/query/limit", rule: "type", message: "must be integer" },
    ]);
    expect((await get("//")).status).toBe(404);
    expect((await get("http://[")).status).toBe(400);
  });

  it("refuses to start without a handler for every route", () => {
    expect(() => createDispatcher([route], {}, {})).toThrow(/no handler for getPayment/);
  });
});
