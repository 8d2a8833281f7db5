import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { generatePackage } from "../src/generate.js";

/**
 * One meaning of a schema: for random schemas built from the constructs real documents use (types and type
 * arrays, `nullable` in 3.0, enums, `const`, objects with required and optional properties and each
 * `additionalProperties` form, arrays, `allOf`, `anyOf`, `$ref`), the generated TypeScript type admits a value
 * exactly when the generated validator accepts it. Values are a valid instance and its mutations.
 * What types cannot say is left out on purpose: string and number facets, formats, integer vs fractional
 * numbers, `oneOf`'s "exactly one", and `additionalProperties` as a schema beside `properties` (see below).
 * Unknown keys are sent only where the schema allows them: a type refuses
 * them in an object literal (it catches typos) while a validator accepts them (servers add fields).
 */
type Schema = Record<string, unknown>;
const out = join(import.meta.dirname, "..", "..", "test-artifacts", "agreement");
const count = Number(process.env.AGREEMENT_COUNT ?? 200);

const scalar = fc.constantFrom<Schema>(
  { type: "string" },
  { type: "integer" },
  { type: "number" },
  { type: "boolean" },
  { type: ["string", "null"] },
  { type: "string", enum: ["a", "b"] },
  { const: "fixed" },
);
/** An object with some of these properties, the first of them perhaps required, other keys left open. */
const openObject = (names: string[], property: fc.Arbitrary<Schema>) =>
  fc.record({ properties: fc.dictionary(fc.constantFrom(...names), property, { minKeys: 1, maxKeys: 3 }), required: fc.boolean() }).map(
    ({ properties, required }): Schema => ({
      type: "object",
      properties,
      ...(required ? { required: Object.keys(properties).slice(0, 1) } : {}),
    }),
  );

const schemaArb = (refs: number) =>
  fc.letrec<{ schema: Schema; object: Schema; open: Schema; base: Schema; extension: Schema }>((tie) => ({
    schema: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      scalar,
      fc
        .integer({ min: 0, max: Math.max(0, refs - 1) })
        .map((i): Schema => (refs > 0 ? { $ref: `#/components/schemas/S${i}` } : { type: "string" })),
      tie("object"),
      tie("schema").map((items): Schema => ({ type: "array", items })),
      fc.tuple(tie("schema"), tie("schema")).map(([a, b]): Schema => ({ anyOf: [a, b] })),
      // allOf as documents use it: a base object and an extension with properties of its own, each leaving
      // other keys open.
      fc.tuple(tie("base"), tie("extension")).map(([a, b]): Schema => ({ allOf: [a, b] })),
      tie("schema").map((inner): Schema => ({ ...inner, nullable: true })),
    ),
    object: fc
      // additionalProperties as a schema beside properties is left out: TypeScript's index signature covers the
      // named properties too (openapi-typescript writes `{ a?: A } & { [key: string]: X }`), JSON Schema's does not.
      .record({ open: tie("open"), additional: fc.constantFrom<unknown>(undefined, false, true) })
      .map(({ open, additional }): Schema => (additional === undefined ? open : { ...open, additionalProperties: additional })),
    open: openObject(["id", "name", "amount", "items", "meta"], tie("schema")),
    base: openObject(["id", "name"], tie("schema")),
    extension: openObject(["amount", "items", "meta"], tie("schema")),
  })).schema;

/** A valid instance of a schema, as far as one is easy to make (undefined when none is). */
function instance(schema: Schema, defs: Schema[], depth = 0): unknown {
  if (depth > 6) return undefined;
  if (typeof schema.$ref === "string") return instance(defs[Number(schema.$ref.slice("#/components/schemas/S".length))]!, defs, depth + 1);
  if ("const" in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if (Array.isArray(schema.anyOf)) return instance(schema.anyOf[0] as Schema, defs, depth + 1);
  if (Array.isArray(schema.allOf)) return Object.assign({}, ...schema.allOf.map((part) => instance(part as Schema, defs, depth + 1)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === "string") return "text";
  if (type === "integer" || type === "number") return 7;
  if (type === "boolean") return true;
  if (type === "array") return [instance(schema.items as Schema, defs, depth + 1)];
  if (type === "object") {
    const object: Record<string, unknown> = {};
    for (const [name, property] of Object.entries(schema.properties as Record<string, Schema>))
      object[name] = instance(property, defs, depth + 1);
    return object;
  }
  return null;
}

function resolve(schema: Schema, defs: Schema[]): Schema {
  return typeof schema.$ref === "string" ? resolve(defs[Number(schema.$ref.slice("#/components/schemas/S".length))]!, defs) : schema;
}

/** The instance and its mutations: each breaks at most one rule, or none. */
function candidates(schema: Schema, defs: Schema[]): unknown[] {
  const valid = instance(schema, defs);
  const values: unknown[] = [valid, null, "text", 7, true, [], {}];
  if (valid !== null && typeof valid === "object" && !Array.isArray(valid)) {
    const object = valid as Record<string, unknown>;
    for (const name of Object.keys(object)) {
      const { [name]: _, ...without } = object;
      values.push(without, { ...object, [name]: null }, { ...object, [name]: "text" }, { ...object, [name]: 7 });
    }
    // An unknown key only where the schema says what becomes of one (see the top of the file).
    const resolved = resolve(schema, defs);
    if (resolved.type === "object" && typeof resolved.additionalProperties === "boolean") values.push({ ...object, extra: 1 });
  }
  if (Array.isArray(valid)) values.push([null], ["text"], [7], [valid[0], valid[0]]);
  return values.filter((value) => value !== undefined && !containsUndefined(value));
}

const containsUndefined = (value: unknown): boolean =>
  value === undefined || (typeof value === "object" && value !== null && Object.values(value).some(containsUndefined));

/**
 * The schema with `additionalProperties: false` on every object that says nothing of other keys — except the
 * parts of an allOf, which each leave room for the other's properties.
 */
function closeObjects(schema: Schema): Schema {
  const walk = (value: unknown, close = true): unknown => {
    if (Array.isArray(value)) return value.map((item) => walk(item, close));
    if (value === null || typeof value !== "object") return value;
    const copy = Object.fromEntries(
      Object.entries(value).map(([key, child]) => [key, key === "const" ? child : walk(child, key !== "allOf")]),
    );
    return close && copy.type === "object" && !("additionalProperties" in copy) ? { ...copy, additionalProperties: false } : copy;
  };
  return walk(schema) as Schema;
}

interface Case {
  schema: number;
  value: unknown;
}

let verdicts: { case: Case; typed: boolean; valid: boolean }[] = [];

beforeAll(async () => {
  // 3.0 reads `nullable`; the schemas without it mean the same in both versions.
  const defs: Schema[] = [];
  for (let i = 0; i < count; i++) defs.push(fc.sample(schemaArb(i), { numRuns: 1, seed: 4242 + i })[0]!);
  const paths = Object.fromEntries(
    defs.map((_, i) => [
      `/s${i}`,
      {
        get: {
          operationId: `s${i}`,
          responses: { "200": { description: "ok", content: { "application/json": { schema: { $ref: `#/components/schemas/S${i}` } } } } },
        },
      },
    ]),
  );
  const document = (schemas: Schema[]) => ({
    openapi: "3.0.3",
    info: { title: "agreement", version: "1" },
    paths,
    components: { schemas: Object.fromEntries(schemas.map((schema, i) => [`S${i}`, schema])) },
  });
  // The package, and its validators once more with every open object closed: a value that only the open
  // validator accepts is valid through a key the schema does not name (see the top of the file).
  const generate = async (dir: string, schemas: Schema[]) => {
    mkdirSync(join(dir, "src"), { recursive: true });
    writeFileSync(join(dir, "agreement.json"), JSON.stringify(document(schemas)));
    const files = await generatePackage({ spec: join(dir, "agreement.json"), out: dir });
    for (const [path, text] of files) if (path === "validators.js" || path === "src/schema.ts") writeFileSync(join(dir, path), text);
    return (await import(join(dir, "validators.js"))) as Record<string, (value: unknown) => unknown[]>;
  };
  const validators = await generate(out, defs);
  const closed = await generate(join(out, "closed"), defs.map(closeObjects));

  const valid = (i: number, value: unknown, from = validators) => from[`body_S${i}`]!(value).length === 0;
  const cases: Case[] = defs.flatMap((schema, i) =>
    candidates(schema, defs)
      .filter((value) => valid(i, value) === valid(i, value, closed))
      .map((value) => ({ schema: i, value })),
  );
  // The type side: one assignment per line, every line's diagnostics read from one program.
  const check = join(out, "src", "check.ts");
  writeFileSync(
    check,
    [
      'import type { components } from "./schema.js";',
      ...cases.map((c, n) => `export const c${n}: components["schemas"]["S${c.schema}"] = ${JSON.stringify(c.value)};`),
    ].join("\n"),
  );
  const program = ts.createProgram([check], {
    strict: true,
    noEmit: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    skipLibCheck: true,
    types: [],
  });
  const refused = new Set<number>();
  const source = program.getSourceFile(check)!;
  for (const diagnostic of program.getSemanticDiagnostics(source))
    refused.add(source.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line - 1);
  verdicts = cases.map((c, n) => ({ case: c, typed: !refused.has(n), valid: valid(c.schema, c.value) }));
}, 300_000);

describe("generated types and validators", () => {
  it("agree on every value, over random schemas", () => {
    expect(verdicts.length).toBeGreaterThan(count * 4);
    // Both sides must see both answers, or the comparison proves nothing.
    expect(verdicts.some((v) => v.typed && v.valid)).toBe(true);
    expect(verdicts.some((v) => !v.typed && !v.valid)).toBe(true);
    const disagreements = verdicts.filter((v) => v.typed !== v.valid);
    if (process.env.AGREEMENT_REPORT)
      console.log(
        `${verdicts.length} values over ${count} schemas: ${verdicts.filter((v) => v.valid).length} valid, ${verdicts.filter((v) => !v.valid).length} invalid, ${disagreements.length} disagreements`,
      );
    expect(disagreements.slice(0, 5)).toEqual([]);
  });
});
