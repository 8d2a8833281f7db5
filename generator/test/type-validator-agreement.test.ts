import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { generatePackage } from "../src/generate.js";

/**
 * One meaning of a schema: for random schemas built from the constructs real documents use (types and type
 * arrays, `nullable` in 3.0, enums, `const`, objects with required and optional properties, some of them
 * `readOnly` or `writeOnly`, each `additionalProperties` form, arrays, `allOf`, `anyOf`, `$ref`, `oneOf` with a
 * `discriminator` mapping), the generated
 * TypeScript type admits a value exactly when the generated validator accepts it — in both directions: as an
 * answer (`Readable<…>` against the response validator) and as a request body (`Writable<…>` against the
 * request validator). Values are a valid instance and its mutations.
 * What types cannot say is left out on purpose: string and number facets, formats, integer vs fractional
 * numbers, `oneOf`'s "exactly one", and an unknown key whose value another named property's type allows beside
 * an `additionalProperties` schema (the index signature has to admit the named properties' types too).
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
/** A property as documents write them: mostly plain, sometimes set only by the server or only by the client. */
const oneWay = fc.constantFrom<Schema>({}, {}, {}, { readOnly: true }, { writeOnly: true });
/** An object with some of these properties, the first of them perhaps required, other keys left open. */
const openObject = (names: string[], property: fc.Arbitrary<Schema>) =>
  fc
    .record({
      properties: fc.dictionary(
        fc.constantFrom(...names),
        fc.tuple(property, oneWay).map(([schema, marker]) => ({ ...schema, ...marker })),
        { minKeys: 1, maxKeys: 3 },
      ),
      required: fc.boolean(),
    })
    .map(
      ({ properties, required }): Schema => ({
        type: "object",
        properties,
        ...(required ? { required: Object.keys(properties).slice(0, 1) } : {}),
      }),
    );

/**
 * The targets of discriminator mappings: `Variant{k}` is always mapped from `v{k}`, so a valid instance of it
 * has `kind: "v{k}"` (openapi-typescript narrows the property to its mapping values, and so do the validators).
 */
const variants: Schema[] = [
  { type: "object", properties: { kind: { type: "string" }, amount: { type: "integer" } }, required: ["amount"] },
  { type: "object", properties: { kind: { type: "string" }, name: { type: "string" } }, required: ["name"] },
  { type: "object", properties: { kind: { type: "string" }, items: { type: "array", items: { type: "boolean" } } } },
];
const variantRef = (k: number) => `#/components/schemas/Variant${k}`;
const discriminated = fc.subarray([0, 1, 2], { minLength: 2 }).map(
  (ks): Schema => ({
    oneOf: ks.map((k) => ({ $ref: variantRef(k) })),
    discriminator: { propertyName: "kind", mapping: Object.fromEntries(ks.map((k) => [`v${k}`, variantRef(k)])) },
  }),
);

/** The schema a $ref names: one of the random ones (`S{i}`) or a variant. */
function target(ref: string, defs: Schema[]): Schema {
  const variant = /Variant(\d)$/.exec(ref);
  return variant ? variants[Number(variant[1])]! : defs[Number(ref.slice("#/components/schemas/S".length))]!;
}

type Direction = "read" | "write";
/** The marker that keeps a property out of a value travelling this way. */
const absentWhen = (direction: Direction) => (direction === "read" ? "writeOnly" : "readOnly");

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
      discriminated,
      // allOf as documents use it: a base object and an extension with properties of its own, each leaving
      // other keys open.
      fc.tuple(tie("base"), tie("extension")).map(([a, b]): Schema => ({ allOf: [a, b] })),
      tie("schema").map((inner): Schema => ({ ...inner, nullable: true })),
    ),
    object: fc
      .record({ open: tie("open"), additional: fc.constantFrom<unknown>(undefined, false, true, { type: "integer" }, { type: "string" }) })
      .map(({ open, additional }): Schema => (additional === undefined ? open : { ...open, additionalProperties: additional })),
    open: openObject(["id", "name", "amount", "items", "meta"], tie("schema")),
    base: openObject(["id", "name"], tie("schema")),
    extension: openObject(["amount", "items", "meta"], tie("schema")),
  })).schema;

/**
 * A valid instance of a schema travelling one way, as far as one is easy to make (undefined when none is):
 * without the properties that do not travel that way.
 */
function instance(schema: Schema, defs: Schema[], direction: Direction, depth = 0): unknown {
  if (depth > 6) return undefined;
  const inner = (sub: Schema) => instance(sub, defs, direction, depth + 1);
  if (typeof schema.$ref === "string") {
    const variant = /Variant(\d)$/.exec(schema.$ref);
    const value = inner(target(schema.$ref, defs));
    return variant ? { ...(value as object), kind: `v${variant[1]}` } : value;
  }
  if (Array.isArray(schema.oneOf)) return inner(schema.oneOf[0] as Schema);
  if ("const" in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if (Array.isArray(schema.anyOf)) return inner(schema.anyOf[0] as Schema);
  if (Array.isArray(schema.allOf)) return Object.assign({}, ...schema.allOf.map((part) => inner(part as Schema)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === "string") return "text";
  if (type === "integer" || type === "number") return 7;
  if (type === "boolean") return true;
  if (type === "array") return [inner(schema.items as Schema)];
  if (type === "object") {
    const object: Record<string, unknown> = {};
    for (const [name, property] of Object.entries(schema.properties as Record<string, Schema>))
      if (property[absentWhen(direction)] !== true) object[name] = inner(property);
    return object;
  }
  return null;
}

function resolve(schema: Schema, defs: Schema[]): Schema {
  return typeof schema.$ref === "string" ? resolve(target(schema.$ref, defs), defs) : schema;
}

/** The instance and its mutations: each breaks at most one rule, or none. */
function candidates(schema: Schema, defs: Schema[], direction: Direction): unknown[] {
  const valid = instance(schema, defs, direction);
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
    // Beside an additionalProperties schema, another key with a value of that schema.
    if (resolved.type === "object" && typeof resolved.additionalProperties === "object")
      values.push({ ...object, extra: instance(resolved.additionalProperties as Schema, defs, direction) });
    // A read-only property in a request: both sides must refuse it.
    if (direction === "write" && resolved.type === "object")
      for (const [name, property] of Object.entries(resolved.properties as Record<string, Schema>))
        if (property.readOnly === true && property.writeOnly !== true) values.push({ ...object, [name]: instance(property, defs, "read") });
  }
  if (Array.isArray(valid)) values.push([null], ["text"], [7], [valid[0], valid[0]]);
  return values.filter((value) => value !== undefined && !containsUndefined(value));
}

const containsUndefined = (value: unknown): boolean =>
  value === undefined || (typeof value === "object" && value !== null && Object.values(value).some(containsUndefined));

/**
 * The schema with `additionalProperties: false` on every object that says nothing of other keys. An allOf of
 * two objects (all the generator makes) is closed as the one object it describes: its parts' properties and
 * required names together.
 */
function closeObjects(schema: Schema): Schema {
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (value === null || typeof value !== "object") return value;
    const copy = Object.fromEntries(Object.entries(value).map(([key, child]) => [key, key === "const" ? child : walk(child)])) as Schema;
    if (Array.isArray(copy.allOf) && copy.allOf.every((part) => (part as Schema).type === "object")) {
      const { allOf, ...rest } = copy;
      const parts = allOf as Schema[];
      const required = parts.flatMap((part) => (part.required as string[] | undefined) ?? []);
      return {
        ...rest,
        type: "object",
        properties: Object.assign({}, ...parts.map((part) => part.properties)),
        ...(required.length > 0 ? { required } : {}),
        additionalProperties: false,
      };
    }
    return copy.type === "object" && !("additionalProperties" in copy) ? { ...copy, additionalProperties: false } : copy;
  };
  return walk(schema) as Schema;
}

/** An additionalProperties schema beside properties, allowing the properties' types too (what schema.ts types). */
function widenAdditional(schema: Schema): Schema {
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (value === null || typeof value !== "object") return value;
    const copy = Object.fromEntries(Object.entries(value).map(([key, child]) => [key, key === "const" ? child : walk(child)])) as Schema;
    const properties = copy.properties as Record<string, Schema> | undefined;
    if (properties && typeof copy.additionalProperties === "object")
      return { ...copy, additionalProperties: { anyOf: [copy.additionalProperties, ...Object.values(properties)] } };
    return copy;
  };
  return walk(schema) as Schema;
}

interface Case {
  schema: number;
  direction: Direction;
  value: unknown;
}

let verdicts: { case: Case; typed: boolean; valid: boolean }[] = [];

beforeAll(async () => {
  // 3.0 reads `nullable`; the schemas without it mean the same in both versions.
  const defs: Schema[] = [];
  for (let i = 0; i < count; i++) defs.push(fc.sample(schemaArb(i), { numRuns: 1, seed: 4242 + i })[0]!);
  // Each schema is an answer (`GET /s{i}`) and a request body (`POST /s{i}`).
  const json = (i: number) => ({ "application/json": { schema: { $ref: `#/components/schemas/S${i}` } } });
  const paths = Object.fromEntries(
    defs.map((_, i) => [
      `/s${i}`,
      {
        get: { operationId: `s${i}`, responses: { "200": { description: "ok", content: json(i) } } },
        post: { operationId: `w${i}`, requestBody: { required: true, content: json(i) }, responses: { "204": { description: "ok" } } },
      },
    ]),
  );
  const document = (schemas: Schema[], variantSchemas: Schema[]) => ({
    openapi: "3.0.3",
    info: { title: "agreement", version: "1" },
    paths,
    components: {
      schemas: {
        ...Object.fromEntries(schemas.map((schema, i) => [`S${i}`, schema])),
        ...Object.fromEntries(variantSchemas.map((schema, k) => [`Variant${k}`, schema])),
      },
    },
  });
  // The package, and its validators once more with every open object closed: a value that only the open
  // validator accepts is valid through a key the schema does not name (see the top of the file).
  const generate = async (dir: string, edit: (schema: Schema) => Schema = (schema) => schema) => {
    mkdirSync(join(dir, "src"), { recursive: true });
    writeFileSync(join(dir, "agreement.json"), JSON.stringify(document(defs.map(edit), variants.map(edit))));
    const files = await generatePackage({ spec: join(dir, "agreement.json"), out: dir });
    for (const [path, text] of files) if (path === "validators.js" || path === "src/schema.ts") writeFileSync(join(dir, path), text);
    return (await import(join(dir, "validators.js"))) as Record<string, (value: unknown) => unknown[]>;
  };
  const validators = await generate(out);
  const closed = await generate(join(out, "closed"), closeObjects);
  // And once with every additionalProperties schema widened as the types widen it: a value only that accepts
  // is the one difference the types have (the top of the file).
  const widened = await generate(join(out, "widened"), widenAdditional);

  const valid = ({ schema: i, direction, value }: Case, from = validators) =>
    (direction === "read" ? from[`body_S${i}`]!(value) : from[`request_w${i}`]!({ body: value })).length === 0;
  const cases: Case[] = defs.flatMap((schema, i) =>
    (["read", "write"] as const).flatMap((direction) =>
      candidates(schema, defs, direction)
        .map((value) => ({ schema: i, direction, value }))
        .filter((c) => valid(c) === valid(c, closed) && valid(c) === valid(c, widened)),
    ),
  );
  // The type side: one assignment per line, every line's diagnostics read from one program.
  const check = join(out, "src", "check.ts");
  const imports = ['import type { Readable, Writable } from "@bankkit/runtime";', 'import type { components } from "./schema.js";'];
  writeFileSync(
    check,
    [
      ...imports,
      ...cases.map(
        (c, n) =>
          `export const c${n}: ${c.direction === "read" ? "Readable" : "Writable"}<components["schemas"]["S${c.schema}"]> = ${JSON.stringify(c.value)};`,
      ),
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
    refused.add(source.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line - imports.length);
  verdicts = cases.map((c, n) => ({ case: c, typed: !refused.has(n), valid: valid(c) }));
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
