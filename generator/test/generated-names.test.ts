import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { generatePackage, writePackage } from "../src/generate.js";
import { strictTscOutput, unparsableJs } from "./support/compile.js";

/**
 * Every name a document may hold becomes a valid, unique, stable identifier: random documents whose
 * operationIds, webhook names, schema, parameter and property names and package id are made of what real
 * names contain (dots, dashes, slashes, spaces, leading digits, reserved words, letters of other scripts,
 * combining marks, characters Unicode calls numbers but JavaScript refuses, emoji), many of them cleaning up
 * to the same identifier. Each package is generated, every .js file must pass `node --check`, all of them must
 * compile under strict, and the names are checked on the loaded modules.
 */
const out = join(import.meta.dirname, "..", "..", "test-artifacts", "generated-names");
const documents = Number(process.env.NAMES_COUNT ?? 6);
const fragments = [
  "get",
  "user",
  "list",
  "Accounts",
  "delete",
  "class",
  "constructor",
  "raw",
  "new",
  "__proto__",
  "toString",
  "then",
  "valueOf",
  "2fa",
  "9",
  "_",
  ".",
  "-",
  "/",
  " ",
  "{id}",
  "$",
  "#",
  "счёт",
  "Ürün",
  "x²",
  "½",
  "Ⅻ",
  "e\u0301",
  "😀",
  "東京",
];
const nameArb = fc
  .array(fc.constantFrom(...fragments), { minLength: 1, maxLength: 4 })
  .map((parts) => parts.join(""))
  .filter((name) => name.trim() !== "");
/** Header names are HTTP tokens (a document with another is refused: no client could send it). */
const headerArb = nameArb.map((name) => name.replace(/[^!#$%&'*+.^_`|~0-9A-Za-z-]/g, "")).filter(Boolean);

interface Drawn {
  id: string;
  operations: string[];
  webhooks: string[];
  schemas: string[];
  parameters: string[];
  headers: string[];
  properties: string[];
}

const drawnArb = fc.record({
  id: nameArb,
  operations: fc.uniqueArray(nameArb, { minLength: 3, maxLength: 12 }),
  webhooks: fc.uniqueArray(nameArb, { minLength: 1, maxLength: 4 }),
  schemas: fc.uniqueArray(nameArb, { minLength: 1, maxLength: 4 }),
  parameters: fc.uniqueArray(nameArb, { minLength: 1, maxLength: 3 }),
  headers: fc.uniqueArray(headerArb, { minLength: 1, maxLength: 2, comparator: (a, b) => a.toLowerCase() === b.toLowerCase() }),
  properties: fc.uniqueArray(nameArb, { minLength: 1, maxLength: 3 }),
});

function documentOf(drawn: Drawn) {
  const schemaRef = (i: number) => ({
    $ref: `#/components/schemas/${encodeURIComponent(drawn.schemas[i % drawn.schemas.length]!).replace(/~/g, "~0")}`,
  });
  const json = (schema: object) => ({ content: { "application/json": { schema } } });
  return {
    openapi: "3.1.0",
    info: { title: drawn.id, version: "1" },
    servers: [{ url: "https://api.example.test" }],
    paths: Object.fromEntries(
      drawn.operations.map((operationId, i) => [
        `/op${i}`,
        {
          post: {
            operationId,
            parameters: [
              ...drawn.parameters.map((name) => ({ name, in: "query", schema: { type: "string" } })),
              ...drawn.headers.map((name) => ({ name, in: "header", schema: { type: "string" } })),
            ],
            requestBody: { required: true, ...json(schemaRef(i)) },
            responses: { "200": { description: "ok", ...json(schemaRef(i + 1)) } },
          },
        },
      ]),
    ),
    webhooks: Object.fromEntries(
      drawn.webhooks.map((name, i) => [name, { post: { requestBody: json(schemaRef(i)), responses: { "200": { description: "ok" } } } }]),
    ),
    components: {
      schemas: Object.fromEntries(
        drawn.schemas.map((name) => [
          name,
          {
            type: "object",
            required: drawn.properties.slice(0, 1),
            properties: Object.fromEntries(drawn.properties.map((property) => [property, { type: "string" }])),
          },
        ]),
      ),
    },
  };
}

const reserved = new Set(
  "break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await".split(
    " ",
  ),
);
const isIdentifier = (name: string) => /^[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*$/u.test(name) && !reserved.has(name);
/** What npm accepts as a new package's name (validate-npm-package-name's rules for scoped names). */
const isNpmName = (name: string) => /^@bankkit\/[a-z0-9][a-z0-9._~-]*$/.test(name) && name.length <= 214;

const drawn = fc.sample(drawnArb, { numRuns: documents, seed: 1515 });
const packages: Record<string, unknown>[] = [];
const generated: Map<string, string>[] = [];

beforeAll(async () => {
  rmSync(out, { recursive: true, force: true });
  for (const [n, sample] of drawn.entries()) {
    const dir = join(out, `doc${n}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "spec.json"), JSON.stringify(documentOf(sample)));
    const files = await generatePackage({ spec: join(dir, "spec.json"), out: dir, name: sample.id });
    generated.push(files);
    await writePackage(dir, files);
    packages.push(await import(join(dir, "src", "index.ts")));
  }
}, 300_000);

describe("names from random documents", () => {
  it("emit JavaScript that parses and TypeScript that compiles under strict", () => {
    expect(unparsableJs(out)).toEqual([]);
    expect(strictTscOutput(out, ["*/src/**/*.ts"])).toBe("");
  });

  it("give every operation a method that is a valid identifier, one per operation, in document order", () => {
    for (const [n, sample] of drawn.entries()) {
      const exports = packages[n]!;
      const factory = Object.keys(exports).find((name) => /^create.*Client$/.test(name) && !name.includes("Receiver"))!;
      for (const name of Object.keys(exports)) expect(isIdentifier(name), name).toBe(true);
      const client = (exports[factory] as (options: object) => object)({ fetch: async () => new Response("{}") });
      const methods = Object.getOwnPropertyNames(Object.getPrototypeOf(client)).filter((name) => name !== "constructor" && name !== "raw");
      expect(methods).toHaveLength(sample.operations.length);
      for (const method of methods) expect(isIdentifier(method), method).toBe(true);
    }
  });

  it("give every webhook a spec and a parser of its own", () => {
    for (const [n, sample] of drawn.entries()) {
      const exports = packages[n]!;
      const specs = Object.entries(exports).find(([name]) => name.endsWith("CallbackSpecs"))![1] as { name: string }[];
      expect(specs.map((spec) => spec.name)).toEqual(sample.webhooks);
      const parsers = Object.keys(exports).filter((name) => /^parse/.test(name));
      expect(parsers).toHaveLength(sample.webhooks.length);
    }
  });

  it("make a lower-case npm package name from any id", () => {
    for (const files of generated) expect(isNpmName(JSON.parse(files.get("package.json")!).name)).toBe(true);
  });

  it("are stable: the same document gives the same files, and an operation added at the end renames nothing", async () => {
    const sample = drawn[0]!;
    const dir = join(out, "doc0");
    const again = await generatePackage({ spec: join(dir, "spec.json"), out: dir, name: sample.id });
    expect(again).toEqual(generated[0]);
    const grown = join(out, "grown");
    mkdirSync(grown, { recursive: true });
    writeFileSync(
      join(grown, "spec.json"),
      JSON.stringify(documentOf({ ...sample, operations: [...sample.operations, `${sample.operations[0]}-`] })),
    );
    const files = await generatePackage({ spec: join(grown, "spec.json"), out: grown, name: sample.id });
    // The new operation's name collides with the first one's once cleaned: it is the one that gets a number.
    const methodsOf = (client: string) => [...client.matchAll(/^ {2}(?:async )?([^\s(]+)\(/gm)].map((m) => m[1]);
    const before = methodsOf(generated[0]!.get("src/client.ts")!);
    const after = methodsOf(files.get("src/client.ts")!);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after).toHaveLength(before.length + 1);
  });
});
