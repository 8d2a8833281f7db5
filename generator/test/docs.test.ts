import { describe, expect, it } from "vitest";
import { withCallbacksInline } from "../src/docs/render-reference.js";
import { facets } from "../src/docs/xml-catalogue.js";

describe("docs: what the renderer is given", () => {
  it("writes callback and webhook path items out where they are used, and keeps schema references", () => {
    const item = {
      post: { summary: "Done", requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/Event" } } } } },
    };
    const document = {
      openapi: "3.1.0",
      paths: { "/a": { post: { callbacks: { done: { $ref: "#/components/callbacks/Done" } } } } },
      webhooks: { ping: { $ref: "#/components/pathItems/Item" } },
      components: {
        callbacks: { Done: { "{$request.body#/url}": { $ref: "#/components/pathItems/Item" } } },
        pathItems: { Item: item },
        schemas: { Event: { type: "object" } },
      },
    };
    const inline = withCallbacksInline(document);
    expect((inline.paths as { "/a": { post: { callbacks: Record<string, unknown> } } })["/a"].post.callbacks.done).toEqual({
      "{$request.body#/url}": item,
    });
    expect((inline.webhooks as Record<string, unknown>).ping).toEqual(item);
    expect((document.paths["/a"].post.callbacks.done as { $ref: string }).$ref).toBe("#/components/callbacks/Done");
  });

  it("writes an XML value's facets as the schema states them", () => {
    expect(facets({ builtin: "decimal", totalDigits: 18, fractionDigits: 5, minInclusive: "0", patterns: [] })).toEqual([
      "totalDigits 18",
      "fractionDigits 5",
      "minInclusive 0",
    ]);
    expect(facets({ builtin: "string", minLength: 1, maxLength: 35, patterns: [["^[A-Z]{3}$"]], enumeration: ["KZT", "USD"] })).toEqual([
      "minLength 1",
      "maxLength 35",
      "pattern [A-Z]{3}",
      "one of KZT, USD",
    ]);
  });
});
