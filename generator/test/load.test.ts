import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSpec } from "../src/openapi/load.js";
import { doc, specFile } from "./support/spec-file.js";

const answer = (schema: unknown) => ({ "200": { description: "ok", content: { "application/json": { schema } } } });

describe("loading a document", () => {
  it("reads a self-contained JSON document directly, to the same document and hash the bundler gives", async () => {
    const document = doc(
      { "/a": { get: { operationId: "a", responses: answer({ $ref: "#/components/schemas/A" }) } } },
      { components: { schemas: { A: { type: "object", properties: { id: { type: "string" } } } } } },
    );
    const direct = await loadSpec(specFile(document, "spec.json"));
    // JSON is YAML too: under a .yaml name the same text goes through Redocly's bundler.
    const bundled = await loadSpec(specFile(JSON.stringify(document), "spec.yaml"));
    expect(direct.document).toEqual(bundled.document);
    expect(direct.hash).toBe(bundled.hash);
  });

  it("bundles a JSON document that refers to another file, pulling the schema in", async () => {
    const path = specFile(doc({ "/a": { get: { operationId: "a", responses: answer({ $ref: "./schemas.json#/Account" }) } } }));
    writeFileSync(
      join(dirname(path), "schemas.json"),
      JSON.stringify({ Account: { type: "object", properties: { iban: { type: "string" } } } }),
    );
    const { document } = await loadSpec(path);
    expect(JSON.stringify(document)).toContain('"iban"');
    expect(JSON.stringify(document)).not.toContain("schemas.json");
  });

  it("refuses a reference to nothing in a self-contained JSON document, naming where it is", async () => {
    const path = specFile(doc({ "/a": { get: { operationId: "a", responses: answer({ $ref: "#/components/schemas/Gone" }) } } }));
    await expect(loadSpec(path)).rejects.toThrow(
      "  #/paths/~1a/get/responses/200/content/application~1json/schema: Can't resolve $ref #/components/schemas/Gone",
    );
  });
});

describe("a reference with a bare % (a schema named `50%`)", () => {
  it("is read as written, not a URI-decoding crash while loading", async () => {
    const path = specFile(
      doc(
        { "/a": { get: { operationId: "a", responses: answer({ $ref: "#/components/schemas/50%" }) } } },
        { components: { schemas: { "50%": { type: "string" } } } },
      ),
    );
    const { document } = await loadSpec(path);
    expect(JSON.stringify(document)).toContain('"50%"');
  });
});
