import { describe, expect, it } from "vitest";
import { GeneratorError } from "../src/errors.js";
import { generatePackage } from "../src/generate.js";
import { doc, specFile } from "./support/spec-file.js";

const ok = { "200": { description: "ok" } };

// A document the generator cannot turn into a client gets a GeneratorError naming the place, never a crash.
describe("documents the generator refuses", () => {
  it.each([
    {
      name: "Swagger 2.0",
      given: { swagger: "2.0", info: { title: "x", version: "1" }, paths: {} },
      want: /is Swagger 2\.0; bankkit reads OpenAPI 3\.0 and 3\.1\. Convert it first/,
    },
    { name: "OpenAPI 4", given: { openapi: "4.0.0", info: { title: "x", version: "1" }, paths: {} }, want: /4\.0\.0/ },
    {
      name: "an unresolved $ref",
      given: doc({ "/a": { get: { operationId: "a", responses: { "200": { $ref: "#/components/responses/Missing" } } } } }),
      want: /#\/paths\/~1a\/get\/responses\/200.*Can't resolve \$ref/,
    },
    {
      name: "a parameter in the body (Swagger 2 style)",
      given: doc({ "/a": { post: { operationId: "a", parameters: [{ name: "b", in: "body", schema: {} }], responses: ok } } }),
      want: /parameter at #\/paths\/~1a\/post\/parameters\/0 needs a name and "in" \(path, query, header or cookie\)/,
    },
    {
      name: "a header parameter whose name HTTP cannot carry",
      given: doc({ "/a": { get: { operationId: "a", parameters: [{ name: "X Trace Id", in: "header", schema: {} }], responses: ok } } }),
      want: /header parameter at #\/paths\/~1a\/get\/parameters\/0: "X Trace Id" is not a valid HTTP header name/,
    },
    {
      name: "a duplicated operationId",
      given: doc({ "/a": { get: { operationId: "same", responses: ok } }, "/b": { get: { operationId: "same", responses: ok } } }),
      want: /#\/paths\/~1b\/get\/operationId: "same" is already the operationId of #\/paths\/~1a\/get/,
    },
    {
      name: "an x-bankkit-headers value that would split the request",
      given: doc({
        "/a": { get: { operationId: "a", "x-bankkit-headers": [{ name: "Accept", value: "a\r\nX-Evil: 1" }], responses: ok } },
      }),
      want: /#\/paths\/~1a\/get\/x-bankkit-headers\/0\/value: expected a header value on one line/,
    },
    {
      name: "an x-bankkit-headers name HTTP cannot carry, and a method that does not exist",
      given: {
        ...doc({ "/a": { get: { operationId: "a", responses: ok } } }),
        "x-bankkit-headers": [{ name: "Content Type", value: "x" }],
      },
      want: /#\/x-bankkit-headers\/0\/name: expected an HTTP header name/,
    },
    {
      name: "x-bankkit-headers methods that are not HTTP methods",
      given: doc({
        "/a": { "x-bankkit-headers": [{ name: "Accept", value: "x", methods: ["POST"] }], get: { operationId: "a", responses: ok } },
      }),
      want: /#\/paths\/~1a\/x-bankkit-headers\/0\/methods: expected HTTP methods in lower case/,
    },
    { name: "a file that is not YAML", given: "openapi: [3.1.0\n  nope", want: /not a valid OpenAPI document|YAML|expected/i },
  ])("$name", async ({ given, want }) => {
    const spec = specFile(given, typeof given === "string" ? "spec.yaml" : "spec.json");
    const error = await generatePackage({ spec, out: "unused" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GeneratorError);
    expect((error as Error).message).toMatch(want);
  });
});
