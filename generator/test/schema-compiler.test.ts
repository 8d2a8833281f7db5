import Ajv2020Module from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import * as helpers from "../../runtime/src/validation/validator-helpers.js";
import { checkedFormats, helperNames } from "../src/emit/validators/prelude.js";
import { SchemaCompiler } from "../src/emit/validators/schema-compiler.js";

const Ajv2020 = Ajv2020Module.default;
type Violation = { path: string; rule: string; message: string };

/** Compiles `#/s` of a document with bankkit's compiler and loads the result as a function. */
function compile(schema: unknown, defs: Record<string, unknown> = {}): (value: unknown) => Violation[] {
  const compiler = new SchemaCompiler({ s: schema as object, defs });
  const entry = compiler.functionFor("#/s");
  const code = `${compiler.finish()}\nreturn (d) => { const e = []; ${entry}(d, "", e); return e; };`;
  // The helpers a generated module imports from @bankkit/runtime/validators, handed in by name.
  const given = helperNames.map((name) => (helpers as Record<string, unknown>)[name]);
  return new Function(...helperNames, code)(...given) as (value: unknown) => Violation[];
}

describe("the runtime's validator helpers", () => {
  it("are every helper generated code imports, and check exactly the formats the compiler treats as checked", () => {
    for (const name of helperNames) expect(typeof (helpers as Record<string, unknown>)[name], name).not.toBe("undefined");
    expect(new Set(Object.keys(helpers.formats))).toEqual(checkedFormats);
  });
});

const refSchemas = {
  Node: { type: "object", properties: { value: { type: "integer" }, next: { $ref: "#/defs/Node" } }, required: ["value"] },
};

// Each schema with values on both sides of its rules; Ajv (draft 2020-12) is the independent oracle.
const table: { name: string; schema: unknown; values: unknown[] }[] = [
  { name: "types", schema: { type: ["string", "null"] }, values: ["a", null, 1, {}, [], true] },
  { name: "integer vs number", schema: { type: "integer" }, values: [1, 1.5, "1", Number.NaN, 2 ** 53] },
  { name: "enum and const", schema: { enum: ["a", 1, null, { x: 1 }], const: "a" }, values: ["a", 1, null, { x: 1 }, "b"] },
  {
    name: "string facets",
    schema: { type: "string", minLength: 2, maxLength: 3, pattern: "^[a-zа-я]+$" },
    values: ["ab", "a", "abcd", "AB", "жж", "😀😀"],
  },
  { name: "formats", schema: { type: "string", format: "date" }, values: ["2024-02-29", "2023-02-29", "2024-13-01", "x"] },
  {
    name: "date-time",
    schema: { type: "string", format: "date-time" },
    values: ["2024-01-01T10:00:00Z", "2024-01-01T10:00:00.5+03:00", "2024-01-01 10:00", "x"],
  },
  {
    name: "number bounds",
    schema: { type: "number", minimum: 0, exclusiveMaximum: 10, multipleOf: 0.5 },
    values: [0, 9.5, 10, -1, 0.3, "5"],
  },
  {
    name: "object rules",
    schema: { type: "object", required: ["a"], properties: { a: { type: "string" }, b: { type: "integer" } }, additionalProperties: false },
    values: [{ a: "x" }, { a: "x", b: 1 }, { b: 1 }, { a: 1 }, { a: "x", c: 1 }, [], null],
  },
  {
    name: "pattern and additional properties",
    schema: {
      type: "object",
      patternProperties: { "^x-": { type: "string" } },
      additionalProperties: { type: "number" },
      propertyNames: { maxLength: 5 },
    },
    values: [{ "x-a": "s", n: 1 }, { "x-a": 1 }, { n: "s" }, { toolong: 1 }],
  },
  {
    name: "arrays",
    schema: { type: "array", prefixItems: [{ type: "string" }], items: { type: "integer" }, minItems: 1, maxItems: 3, uniqueItems: true },
    values: [["a"], ["a", 1, 2], [], ["a", 1, 1], [1], ["a", "b"], ["a", 1, 2, 3]],
  },
  { name: "contains", schema: { type: "array", contains: { const: 1 } }, values: [[1], [2, 1], [2], []] },
  {
    name: "anyOf (at least one of two fields)",
    schema: { type: "object", properties: { a: {}, b: {} }, anyOf: [{ required: ["a"] }, { required: ["b"] }] },
    values: [{ a: 1 }, { b: 1 }, { a: 1, b: 1 }, {}],
  },
  { name: "oneOf", schema: { oneOf: [{ type: "integer" }, { type: "number", minimum: 5 }] }, values: [1, 6, 6.5, -1.5, "x"] },
  { name: "not", schema: { not: { type: "string" } }, values: [1, "a"] },
  {
    name: "if / then / else",
    schema: {
      type: "object",
      if: { properties: { k: { const: "key" } }, required: ["k"] },
      // biome-ignore lint/suspicious/noThenProperty: a JSON Schema keyword, not a promise.
      then: { required: ["p"] },
      else: { required: ["q"] },
    },
    values: [{ k: "key", p: 1 }, { k: "key" }, { k: "other", q: 1 }, { k: "other" }, {}],
  },
  {
    name: "allOf with refs and recursion",
    schema: { allOf: [{ $ref: "#/defs/Node" }, { required: ["next"] }] },
    values: [{ value: 1, next: { value: 2 } }, { value: 1 }, { value: 1, next: { value: "x" } }, { value: 1, next: { next: {} } }],
  },
  { name: "boolean schemas", schema: { properties: { yes: true, no: false } }, values: [{ yes: 1 }, { no: 1 }, {}] },
  { name: "dependentRequired", schema: { dependentRequired: { card: ["cvv"] } }, values: [{ card: 1, cvv: 2 }, { card: 1 }, {}] },
];

describe("schema compiler agrees with Ajv on validity", () => {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  ajv.addFormat("date", /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/);
  ajv.addFormat("date-time", true);
  for (const { name, schema, values } of table) {
    it(name, () => {
      const ours = compile(schema, refSchemas);
      const theirs = ajv.compile({ ...(schema as object), defs: refSchemas, $id: `https://t/${encodeURIComponent(name)}` });
      for (const value of values) {
        // Ajv has no date validation of its own here; the date and date-time cases are checked below.
        if (name === "formats" || name === "date-time") continue;
        const valid = ours(value).length === 0;
        expect(valid, `${name}: ${JSON.stringify(value)}`).toBe(theirs(value));
      }
    });
  }
  it.each([
    ["2024-02-29", true],
    ["2023-02-29", false],
    ["2024-13-01", false],
  ])("date %s valid: %s (calendar-checked)", (value, valid) => {
    expect(compile({ type: "string", format: "date" })(value).length === 0).toBe(valid);
  });
});

describe("violations name the field and the rule", () => {
  it.each([
    [{ type: "object", required: ["a"] }, {}, { path: "/a", rule: "required", message: "is required" }],
    [{ properties: { a: { enum: [1, 2] } } }, { a: 3 }, { path: "/a", rule: "enum", message: "must be one of 1, 2" }],
    [{ items: { type: "string" } }, ["x", 1], { path: "/1", rule: "type", message: "must be a string" }],
    [{ additionalProperties: false }, { "a/b~c": 1 }, { path: "/a~1b~0c", rule: "additionalProperties", message: "is not a known field" }],
    [{ properties: { n: { maximum: 10 } } }, { n: 11 }, { path: "/n", rule: "maximum", message: "must be at most 10" }],
    [
      { oneOf: [{ $ref: "#/defs/Cat" }, { $ref: "#/defs/Dog" }], discriminator: { propertyName: "kind" } },
      { kind: "Dog" },
      { path: "/barks", rule: "required", message: "is required" },
    ],
  ])("%j with %j", (schema, value, violation) => {
    const defs = {
      Cat: { required: ["kind", "meows"] },
      Dog: { required: ["kind", "barks"] },
    };
    expect(compile(schema, defs)(value)).toContainEqual(violation);
  });
});
