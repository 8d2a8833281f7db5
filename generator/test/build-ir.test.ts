import { describe, expect, it } from "vitest";
import { bodyKind } from "../src/openapi/media.js";
import { doc, irOf } from "./support/spec-file.js";

const ok = { "200": { description: "ok" } };

describe("bodyKind", () => {
  it.each([
    ["application/json", "json"],
    ["application/problem+json", "json"],
    ["application/json; charset=utf-8", "json"],
    ["application/x-www-form-urlencoded", "form"],
    ["multipart/form-data", "multipart"],
    ["text/plain", "text"],
    ["application/xml", "text"],
    ["application/soap+xml", "text"],
    ["application/octet-stream", "binary"],
    ["image/png", "binary"],
    ["*/*", "binary"],
  ])("%s → %s", (given, want) => expect(bodyKind(given)).toBe(want));
});

describe("buildIr", () => {
  it.each([
    {
      name: "operation parameters override path-level ones of the same name and location",
      given: doc({
        "/a/{id}": {
          parameters: [
            { name: "id", in: "path", required: true, schema: { type: "string" } },
            { name: "q", in: "query", schema: { type: "string" }, description: "path level" },
          ],
          get: {
            operationId: "getA",
            parameters: [{ name: "q", in: "query", required: true, schema: { type: "integer" } }],
            responses: ok,
          },
        },
      }),
      want: (ir: Awaited<ReturnType<typeof irOf>>) =>
        expect(ir.operations[0]!.parameters).toEqual([
          { name: "id", in: "path", required: true, schemaPointer: "#/paths/~1a~1{id}/parameters/0/schema" },
          { name: "q", in: "query", required: true, schemaPointer: "#/paths/~1a~1{id}/get/parameters/0/schema" },
        ]),
    },
    {
      name: "a missing operationId is derived from method and path; method names stay unique",
      given: doc({ "/users/orders": { get: { responses: ok } }, "/users-orders": { get: { responses: ok } } }),
      want: (ir: Awaited<ReturnType<typeof irOf>>) =>
        expect(ir.operations.map((o) => [o.operationId, o.methodName])).toEqual([
          ["getUsersOrders", "getUsersOrders"],
          ["getUsersOrders", "getUsersOrders2"],
        ]),
    },
    {
      name: "parameters given by $ref are resolved to their definition",
      given: doc(
        { "/b": { get: { operationId: "b", parameters: [{ $ref: "#/components/parameters/Limit" }], responses: ok } } },
        {
          components: { parameters: { Limit: { name: "limit", in: "query", schema: { type: "integer" }, style: "form", explode: false } } },
        },
      ),
      want: (ir: Awaited<ReturnType<typeof irOf>>) =>
        expect(ir.operations[0]!.parameters[0]).toEqual({
          name: "limit",
          in: "query",
          required: false,
          schemaPointer: "#/components/parameters/Limit/schema",
          style: "form",
          explode: false,
        }),
    },
    {
      name: "a callback used by two operations (put before post, in path-item order) is one callback; its inline schema is hoisted into components",
      given: doc(
        {
          "/c": {
            post: { operationId: "c1", responses: ok, callbacks: { done: { $ref: "#/components/callbacks/Done" } } },
            put: { operationId: "c2", responses: ok, callbacks: { done: { $ref: "#/components/callbacks/Done" } } },
          },
        },
        {
          components: {
            callbacks: {
              Done: {
                "{$request.body#/url}": {
                  post: { requestBody: { content: { "application/json": { schema: { type: "object" } } } }, responses: ok },
                },
              },
            },
          },
        },
      ),
      want: (ir: Awaited<ReturnType<typeof irOf>>) => {
        expect(ir.callbacks).toEqual([expect.objectContaining({ name: "done", schemaName: "DoneBody", operationIds: ["c2", "c1"] })]);
        expect((ir.document.components as { schemas: Record<string, unknown> }).schemas.DoneBody).toEqual({ type: "object" });
      },
    },
    {
      name: "servers are named by x-bankkit-name, else default, server1, …; a spec without servers gets /",
      given: doc({}, { servers: [{ url: "https://a" }, { url: "https://b" }, { url: "https://c", "x-bankkit-name": "live" }] }),
      want: (ir: Awaited<ReturnType<typeof irOf>>) => expect(ir.servers.map((s) => s.name)).toEqual(["default", "server1", "live"]),
    },
  ])("$name", async ({ given, want }) => {
    want(await irOf(given));
  });
});
