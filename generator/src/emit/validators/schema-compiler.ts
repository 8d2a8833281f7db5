import { createHash } from "node:crypto";
import { GeneratorError } from "../../errors.js";
import type { JsonObject } from "../../ir/types.js";
import { isDecimal } from "../../openapi/decimals.js";
import { childPointer, escapeToken, isObject, uriDecoded, valueAt } from "../../openapi/pointer.js";
import { marksReadWrite } from "../../openapi/read-write.js";
import { identifierWords } from "../../passes/identifiers.js";
import { checkedFormats } from "./prelude.js";

/**
 * Which way a value travels, for `readOnly` and `writeOnly`: a request body (`write`) need not carry — and may
 * not carry — a read-only property, even a required one; an answer (`read`) need not carry a write-only one.
 */
export type Direction = "read" | "write";

/** Where generated code finds the value, its path and the errors array it reports to. */
interface Target {
  /** Expression of the value being checked. */
  d: string;
  /**
   * Its JSON-pointer path: an expression and a literal suffix (`p` and `"/amount"`), kept apart so that a
   * helper given both joins them only for a violation — a valid value costs no string building.
   */
  base: string;
  suffix: string;
  /** Name of the errors array. */
  e: string;
}

/** The path of a target as one expression. */
const full = (t: Target): string => (t.suffix ? `${t.base} + ${JSON.stringify(t.suffix)}` : t.base);
/** The arguments the runtime's check helpers take after the value: errors, path, path suffix. */
const where = (t: Target): string => `${t.e}, ${t.base}, ${JSON.stringify(t.suffix)}`;

const typeChecks: Record<string, (d: string) => string> = {
  string: (d) => `typeof ${d} === "string"`,
  number: (d) => `(typeof ${d} === "number" && Number.isFinite(${d}))`,
  integer: (d) => `Number.isInteger(${d})`,
  boolean: (d) => `typeof ${d} === "boolean"`,
  null: (d) => `${d} === null`,
  object: (d) => `isObject(${d})`,
  array: (d) => `Array.isArray(${d})`,
};

/** The runtime's check for one JSON type (validator-helpers.ts), for a schema of that type alone. */
const typeHelpers: Record<string, string> = {
  string: "tString",
  number: "tNumber",
  integer: "tInteger",
  boolean: "tBoolean",
  object: "tObject",
  array: "tArray",
};

const typeNames: Record<string, string> = {
  string: "a string",
  number: "a number",
  integer: "an integer",
  boolean: "a boolean",
  null: "null",
  object: "an object",
  array: "an array",
};

const js = (value: unknown) => JSON.stringify(value);

function shown(values: unknown[]): string {
  const listed = values.slice(0, 12).map((v) => js(v));
  return listed.join(", ") + (values.length > 12 ? ", …" : "");
}

/**
 * An identifier part from a JSON pointer: a component schema by its name, anything else by its path
 * (`#/paths/~1users/get/responses/200/content/application~1json/schema` → `paths_users_get_responses_200_content_application_json_schema`).
 */
export function pointerName(pointer: string): string {
  const tokens = pointer
    .replace(/^#\//, "")
    .split("/")
    .map((token) => uriDecoded(token).replace(/~1/g, "/").replace(/~0/g, "~"));
  const named =
    tokens[0] === "components" && tokens[1] === "schemas"
      ? tokens.slice(2)
      : tokens[0] === "x-bankkit-requests" || tokens[0] === "paths"
        ? tokens.slice(1)
        : tokens;
  return identifierWords(shortened(named).join("_")).join("_") || "schema";
}

/**
 * An operation's body and answers named as one would say them: `…/post/requestBody/content/application~1json/schema`
 * → `post_body`, `…/responses/200/content/application~1json/schema` → `200` (JSON is the usual case and goes
 * unsaid; another media type keeps its subtype). Large documents have thousands of these names.
 */
function shortened(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token === "requestBody") out.push("body");
    else if (token === "responses") continue;
    else if (token === "content" && tokens[i + 2] === "schema" && tokens[i + 1] !== undefined) {
      const media = tokens[i + 1]!;
      if (media !== "application/json") out.push(media.split("/").pop()!);
      i += 2;
    } else out.push(token);
  }
  return out;
}

/**
 * Compiles JSON Schema 2020-12 (the subset OpenAPI documents use) into plain JavaScript functions
 * `(d, p, e) => void` that push `{ path, rule, message }` for each violation. Each schema reached through
 * `$ref` becomes one shared function, so recursive and widely shared schemas cost one function each.
 */
export class SchemaCompiler {
  readonly #document: JsonObject;
  readonly #functions = new Map<string, string>();
  readonly #queue: { pointer: string; direction: Direction }[] = [];
  /** Whether a schema (through its references) has a property marked readOnly or writeOnly. */
  readonly #directional = new Map<string, boolean>();
  readonly #marksReadWrite: boolean;
  #direction: Direction = "read";
  readonly #code: string[] = [];
  readonly #constants = new Map<string, string>();
  readonly #taken = new Set<string>();
  #vars = 0;

  constructor(document: JsonObject, readWrite = marksReadWrite(document)) {
    this.#document = document;
    this.#marksReadWrite = readWrite;
  }

  /**
   * The function validating the schema at `pointer`, compiled once, named after the schema it checks
   * (`#/components/schemas/UserInfo` → `v_UserInfo`), so that a change to one schema renames nothing else.
   * A schema with readOnly or writeOnly properties somewhere in it gets one function per direction (the
   * request's named `…_write`); every other schema one function for both.
   */
  functionFor(pointer: string, direction: Direction = "read"): string {
    const write = direction === "write" && this.#isDirectional(pointer);
    const key = write ? `write ${pointer}` : pointer;
    let name = this.#functions.get(key);
    if (!name) {
      const base = `v_${pointerName(pointer)}${write ? "_write" : ""}`;
      name = base;
      for (let n = 2; this.#taken.has(name); n++) name = `${base}_${n}`;
      this.#taken.add(name);
      this.#functions.set(key, name);
      this.#queue.push({ pointer, direction: write ? "write" : "read" });
    }
    return name;
  }

  /** Compiles everything requested so far; returns the module code (constants, then functions). */
  finish(): string {
    for (let next = this.#queue.shift(); next !== undefined; next = this.#queue.shift()) {
      const { pointer, direction } = next;
      const name = this.#functions.get(direction === "write" ? `write ${pointer}` : pointer)!;
      // Local names count from 1 in each function: an edit elsewhere never renumbers them.
      this.#vars = 0;
      this.#direction = direction;
      const body = this.#schema(valueAt(this.#document, pointer), pointer, { d: "d", base: "p", suffix: "", e: "e" });
      this.#code.push(`function ${name}(d, p, e) {\n${body.join("\n")}\n}`);
    }
    return [...this.#constants.entries()]
      .sort(([, a], [, b]) => (a < b ? -1 : 1))
      .map(([code, name]) => `const ${name} = ${code};`)
      .concat(this.#code)
      .join("\n");
  }

  /** A shared constant (a Set of enum values, a RegExp), named by its content: the same everywhere, always. */
  #constant(code: string): string {
    let name = this.#constants.get(code);
    if (!name) {
      name = `c_${createHash("sha256").update(code).digest("hex").slice(0, 10)}`;
      this.#constants.set(code, name);
    }
    return name;
  }

  #var(prefix: string): string {
    this.#vars += 1;
    return `${prefix}${this.#vars}`;
  }

  #schema(schema: unknown, at: string, t: Target): string[] {
    if (schema === true || schema === undefined) return [];
    if (schema === false) return [`fail(${t.e}, ${full(t)}, "false", "is not allowed");`];
    if (!isObject(schema)) throw new GeneratorError(`expected a schema (an object or a boolean) at ${at}`, at);
    if (schema["x-bankkit-assumption"] !== undefined) {
      // A shape the vendor document does not give: what breaks it is marked with the assumption's pointer (the
      // innermost one wins), so that a client can tell drift from an assumption apart from a broken contract.
      const { "x-bankkit-assumption": _, ...rest } = schema;
      const a = this.#var("a");
      return [
        "{",
        `const ${a} = [];`,
        ...this.#schema(rest, at, { ...t, e: a }),
        `for (const v of ${a}) ${t.e}.push({ assumed: ${js(at)}, ...v });`,
        "}",
      ];
    }
    const out: string[] = [];
    if (typeof schema.$ref === "string") out.push(this.#ref(schema.$ref, at, t));
    if (isDecimal(schema)) return [...out, ...this.#decimal(schema, t)];
    out.push(...this.#type(schema, t));
    if (Array.isArray(schema.enum)) out.push(this.#enum(schema.enum, t));
    if ("const" in schema)
      out.push(`if (!equal(${t.d}, ${js(schema.const)})) fail(${t.e}, ${full(t)}, "const", ${js(`must be ${js(schema.const)}`)});`);
    // The length checks test the type themselves: a string's other keywords need the guard.
    out.push(...this.#lengths(schema, t), ...this.#guarded("string", this.#string(schema, at, t), t));
    out.push(...this.#guarded("number", this.#number(schema, t), t));
    out.push(...this.#guarded("object", this.#object(schema, at, t), t));
    out.push(...this.#guarded("array", this.#array(schema, at, t), t));
    out.push(...this.#composition(schema, at, t));
    return out;
  }

  #ref(ref: string, at: string, t: Target): string {
    if (!ref.startsWith("#"))
      throw new GeneratorError(`cannot follow $ref "${ref}" at ${at}: only references inside the bundled document are supported`, at);
    if (valueAt(this.#document, ref) === undefined) throw new GeneratorError(`$ref "${ref}" at ${at} points at nothing`, at);
    return `${this.functionFor(ref, this.#direction)}(${t.d}, ${full(t)}, ${t.e});`;
  }

  /** Does the schema at `pointer`, or one it references, mark a property readOnly or writeOnly? */
  #isDirectional(pointer: string): boolean {
    if (!this.#marksReadWrite) return false;
    const known = this.#directional.get(pointer);
    if (known !== undefined) return known;
    this.#directional.set(pointer, false); // a cycle adds nothing the rest of the walk does not find
    const visit = (value: unknown): boolean => {
      if (Array.isArray(value)) return value.some(visit);
      if (!isObject(value)) return false;
      if (typeof value.$ref === "string" && value.$ref.startsWith("#") && this.#isDirectional(value.$ref)) return true;
      if (
        isObject(value.properties) &&
        Object.values(value.properties).some((p) => isObject(p) && (p.readOnly === true || p.writeOnly === true))
      )
        return true;
      return Object.entries(value).some(([key, child]) => key !== "const" && key !== "enum" && key !== "examples" && visit(child));
    };
    const found = visit(valueAt(this.#document, pointer));
    this.#directional.set(pointer, found);
    return found;
  }

  /** A property the value need not carry in this direction (and, if read-only, may not carry in a request). */
  #oneWay(property: unknown): "readOnly" | "writeOnly" | undefined {
    if (!isObject(property)) return undefined;
    if (property.readOnly === true && property.writeOnly !== true) return this.#direction === "write" ? "readOnly" : undefined;
    if (property.writeOnly === true && property.readOnly !== true) return this.#direction === "read" ? "writeOnly" : undefined;
    return undefined;
  }

  #type(schema: JsonObject, t: Target): string[] {
    if (schema.type === undefined) return [];
    const types = (Array.isArray(schema.type) ? schema.type : [schema.type]).map(String);
    const unknown = types.filter((type) => !typeChecks[type]);
    if (unknown.length > 0) return [];
    const single = types.length === 1 ? typeHelpers[types[0]!] : undefined;
    if (single) return [`${single}(${t.d}, ${where(t)});`];
    const condition = types.map((type) => typeChecks[type]!(t.d)).join(" || ");
    const message = `must be ${types.map((type) => typeNames[type]).join(" or ")}`;
    return [`if (!(${condition})) fail(${t.e}, ${full(t)}, "type", ${js(message)});`];
  }

  #enum(values: unknown[], t: Target): string {
    if (values.every((v) => v === null || typeof v !== "object"))
      return `inEnum(${t.d}, ${this.#constant(`new Set(${js(values)})`)}, ${where(t)});`;
    const list = this.#constant(js(values));
    const message = js(`must be one of ${shown(values)}`);
    return `if (!${list}.some((x) => equal(x, ${t.d}))) fail(${t.e}, ${full(t)}, "enum", ${message});`;
  }

  /** Keywords of one JSON type run only when the value has that type (the `type` keyword reports otherwise). */
  #guarded(type: "string" | "number" | "object" | "array", body: string[], t: Target): string[] {
    if (body.length === 0) return [];
    const check = type === "number" ? `typeof ${t.d} === "number"` : typeChecks[type]!(t.d);
    return [`if (${check}) {`, ...body, "}"];
  }

  /** minLength and maxLength, in code points, and x-bankkit-max-bytes (the runtime's helpers apply to strings only). */
  #lengths(schema: JsonObject, t: Target): string[] {
    const out: string[] = [];
    if (typeof schema.minLength === "number") out.push(`minLen(${t.d}, ${schema.minLength}, ${where(t)});`);
    if (typeof schema.maxLength === "number") out.push(`maxLen(${t.d}, ${schema.maxLength}, ${where(t)});`);
    // A limit in bytes of UTF-8, as documents that mind multi-byte charsets state it (PC's "max 10Kb").
    const maxBytes = schema["x-bankkit-max-bytes"];
    if (typeof maxBytes === "number") out.push(`maxBytes(${t.d}, ${maxBytes}, ${where(t)});`);
    return out;
  }

  #string(schema: JsonObject, at: string, t: Target): string[] {
    const out: string[] = [];
    if (typeof schema.pattern === "string") {
      const flags = schema["x-bankkit-pattern-flags"] === "i" ? "i" : "";
      const regex = this.#regex(schema.pattern, childPointer(at, "pattern"), flags);
      out.push(`if (!${regex}.test(${t.d})) fail(${t.e}, ${full(t)}, "pattern", ${js(`must match ${schema.pattern}`)});`);
    }
    if (typeof schema.format === "string" && checkedFormats.has(schema.format)) {
      out.push(
        `if (!formats[${js(schema.format)}](${t.d})) fail(${t.e}, ${full(t)}, "format", ${js(`must be a valid ${schema.format}`)});`,
      );
    }
    // `x-bankkit-date: DD.MM.YYYY` (as Russian documents write it) or `YYYYMMDD` — a day that exists; with
    // `x-bankkit-min-age: N`, at least N years before today (a person of age on the day of the request).
    const written = schema["x-bankkit-date"];
    if (written === "DD.MM.YYYY" || written === "YYYYMMDD") {
      const minAge = schema["x-bankkit-min-age"];
      const read = written === "YYYYMMDD" ? "ymd" : "dmy";
      out.push(
        `{ const day = ${read}(${t.d}); if (!day) fail(${t.e}, ${full(t)}, "x-bankkit-date", ${js(`must be a date that exists, ${written}`)});`,
        ...(typeof minAge === "number"
          ? [
              `else if (yearsSince(day) < ${minAge}) fail(${t.e}, ${full(t)}, "x-bankkit-min-age", ${js(`must be at least ${minAge} years ago`)});`,
            ]
          : []),
        "}",
      );
    } else if (schema["x-bankkit-date"] !== undefined || schema["x-bankkit-min-age"] !== undefined) {
      throw new GeneratorError(`${at}: x-bankkit-date supports "DD.MM.YYYY" and "YYYYMMDD" (with an optional x-bankkit-min-age)`, at);
    }
    return out;
  }

  #regex(pattern: string, at: string, extra = ""): string {
    for (const unicode of ["u", ""]) {
      const flags = unicode + extra;
      try {
        new RegExp(pattern, flags);
        return this.#constant(`new RegExp(${js(pattern)}, ${js(flags)})`);
      } catch {
        // try without the unicode flag: some patterns written for other engines only parse that way
      }
    }
    throw new GeneratorError(`the pattern at ${at} is not a valid regular expression: ${pattern}`, at);
  }

  /**
   * A decimal amount (`format: decimal`): the client holds it as a string of digits (`"250.00"`) and a
   * caller may pass a number; bounds are checked on its value.
   */
  #decimal(schema: JsonObject, t: Target): string[] {
    const text = this.#constant("/^-?(0|[1-9][0-9]*)(\\.[0-9]+)?$/");
    const valid = `(typeof ${t.d} === "string" ? ${text}.test(${t.d}) : typeof ${t.d} === "number" && Number.isFinite(${t.d}))`;
    const bounds = this.#number(schema, { ...t, d: `Number(${t.d})` });
    return [
      `if (!${valid}) fail(${t.e}, ${full(t)}, "type", ${js('must be a decimal amount: a string of digits such as "250.00" (or a number)')});`,
      ...(bounds.length > 0 ? [`else {`, ...bounds, "}"] : []),
    ];
  }

  #number(schema: JsonObject, t: Target): string[] {
    const out: string[] = [];
    const bound = (keyword: string, op: string, words: string) => {
      const limit = schema[keyword];
      if (typeof limit === "number")
        out.push(`if (!(${t.d} ${op} ${limit})) fail(${t.e}, ${full(t)}, "${keyword}", ${js(`must be ${words} ${limit}`)});`);
    };
    bound("minimum", ">=", "at least");
    bound("maximum", "<=", "at most");
    bound("exclusiveMinimum", ">", "greater than");
    bound("exclusiveMaximum", "<", "less than");
    if (typeof schema.multipleOf === "number") {
      out.push(
        `if (!Number.isInteger(${t.d} / ${schema.multipleOf})) fail(${t.e}, ${full(t)}, "multipleOf", ${js(`must be a multiple of ${schema.multipleOf}`)});`,
      );
    }
    return out;
  }

  #object(schema: JsonObject, at: string, t: Target): string[] {
    const out: string[] = [];
    const properties = isObject(schema.properties) ? schema.properties : {};
    const child = (name: string, d: string): Target => ({ d, base: t.base, suffix: `${t.suffix}/${escapeToken(name)}`, e: t.e });
    for (const name of Array.isArray(schema.required) ? schema.required.map(String) : []) {
      if (this.#oneWay(properties[name])) continue;
      out.push(`req(${t.d}, ${js(name)}, ${where(t)});`);
    }
    for (const [name, property] of Object.entries(properties)) {
      if (this.#oneWay(property) === "readOnly") {
        out.push(
          `if (${t.d}[${js(name)}] !== undefined) fail(${t.e}, ${full(child(name, ""))}, "readOnly", "is read-only: the server sets it, a request does not carry it");`,
        );
        continue;
      }
      const v = this.#var("d");
      const body = this.#schema(property, childPointer(at, "properties", name), child(name, v));
      if (body.length === 1) out.push(`const ${v} = ${t.d}[${js(name)}];`, `if (${v} !== undefined) ${body[0]}`);
      else if (body.length > 0) out.push(`const ${v} = ${t.d}[${js(name)}];`, `if (${v} !== undefined) {`, ...body, "}");
    }
    if (typeof schema.minProperties === "number") {
      out.push(
        `if (Object.keys(${t.d}).length < ${schema.minProperties}) fail(${t.e}, ${full(t)}, "minProperties", ${js(`must have at least ${schema.minProperties} fields`)});`,
      );
    }
    if (typeof schema.maxProperties === "number") {
      out.push(
        `if (Object.keys(${t.d}).length > ${schema.maxProperties}) fail(${t.e}, ${full(t)}, "maxProperties", ${js(`must have at most ${schema.maxProperties} fields`)});`,
      );
    }
    if (isObject(schema.dependentRequired)) {
      for (const [name, needs] of Object.entries(schema.dependentRequired)) {
        for (const other of Array.isArray(needs) ? needs.map(String) : []) {
          out.push(
            `if (${t.d}[${js(name)}] !== undefined && ${t.d}[${js(other)}] === undefined) fail(${t.e}, ${full(child(other, ""))}, "dependentRequired", ${js(`is required when ${name} is set`)});`,
          );
        }
      }
    }
    out.push(...this.#otherProperties(schema, at, t, Object.keys(properties)));
    return out;
  }

  /** patternProperties, additionalProperties and propertyNames: checks over the keys of the object. */
  #otherProperties(schema: JsonObject, at: string, t: Target, known: string[]): string[] {
    const patterns = isObject(schema.patternProperties) ? Object.entries(schema.patternProperties) : [];
    const additional = schema.additionalProperties;
    const names = schema.propertyNames;
    if (patterns.length === 0 && (additional === undefined || additional === true) && names === undefined) return [];
    const k = this.#var("k");
    const v = this.#var("d");
    const p = `${full(t)} + "/" + key(${k})`;
    const usesValue = patterns.length > 0 || (isObject(additional) && Object.keys(additional).length > 0);
    const body: string[] = usesValue ? [`const ${v} = ${t.d}[${k}];`] : [];
    if (names !== undefined) body.push(...this.#schema(names, childPointer(at, "propertyNames"), { d: k, base: p, suffix: "", e: t.e }));
    const matched = this.#var("m");
    body.push(`let ${matched} = ${known.length > 0 ? `${this.#constant(`new Set(${js(known)})`)}.has(${k})` : "false"};`);
    for (const [pattern, sub] of patterns) {
      const regex = this.#regex(pattern, childPointer(at, "patternProperties", pattern));
      const check = this.#schema(sub, childPointer(at, "patternProperties", pattern), { d: v, base: p, suffix: "", e: t.e });
      body.push(`if (${regex}.test(${k})) {`, `${matched} = true;`, ...check, "}");
    }
    if (additional === false) body.push(`if (!${matched}) fail(${t.e}, ${p}, "additionalProperties", "is not a known field");`);
    else if (additional !== undefined && additional !== true) {
      const check = this.#schema(additional, childPointer(at, "additionalProperties"), { d: v, base: p, suffix: "", e: t.e });
      if (check.length > 0) body.push(`if (!${matched}) {`, ...check, "}");
    }
    return [`for (const ${k} of Object.keys(${t.d})) {`, ...body, "}"];
  }

  #array(schema: JsonObject, at: string, t: Target): string[] {
    const out: string[] = [];
    const prefix = Array.isArray(schema.prefixItems) ? schema.prefixItems : [];
    prefix.forEach((item, i) => {
      const v = this.#var("d");
      const body = this.#schema(item, childPointer(at, "prefixItems", String(i)), {
        d: v,
        base: t.base,
        suffix: `${t.suffix}/${i}`,
        e: t.e,
      });
      if (body.length > 0) out.push(`if (${t.d}.length > ${i}) {`, `const ${v} = ${t.d}[${i}];`, ...body, "}");
    });
    if (schema.items !== undefined && schema.items !== true) {
      const i = this.#var("i");
      const v = this.#var("d");
      const body = this.#schema(schema.items, childPointer(at, "items"), { d: v, base: `${full(t)} + "/" + ${i}`, suffix: "", e: t.e });
      if (body.length > 0)
        out.push(`for (let ${i} = ${prefix.length}; ${i} < ${t.d}.length; ${i}++) {`, `const ${v} = ${t.d}[${i}];`, ...body, "}");
    }
    if (typeof schema.minItems === "number") {
      out.push(
        `if (${t.d}.length < ${schema.minItems}) fail(${t.e}, ${full(t)}, "minItems", ${js(`must have at least ${schema.minItems} items`)});`,
      );
    }
    if (typeof schema.maxItems === "number") {
      out.push(
        `if (${t.d}.length > ${schema.maxItems}) fail(${t.e}, ${full(t)}, "maxItems", ${js(`must have at most ${schema.maxItems} items`)});`,
      );
    }
    if (schema.uniqueItems === true) out.push(`if (!unique(${t.d})) fail(${t.e}, ${full(t)}, "uniqueItems", "must not repeat items");`);
    if (schema.contains !== undefined) {
      const x = this.#var("x");
      const found = this.#var("f");
      const body = this.#schema(schema.contains, childPointer(at, "contains"), { ...t, d: x, e: "probe" });
      out.push(
        `const ${found} = ${t.d}.some((${x}) => { const probe = []; ${body.join(" ")} return probe.length === 0; });`,
        `if (!${found}) fail(${t.e}, ${full(t)}, "contains", "must contain a matching item");`,
      );
    }
    return out;
  }

  /** Each alternative checked into an errors array of its own; `indexes` are their places in the keyword's list. */
  #branches(list: unknown[], at: string, keyword: string, t: Target, indexes?: number[]): { code: string[]; names: string[] } {
    const code: string[] = [];
    const names = list.map((sub, i) => {
      const name = this.#var("b");
      const pointer = childPointer(at, keyword, String(indexes?.[i] ?? i));
      code.push(`const ${name} = [];`, ...this.#schema(sub, pointer, { ...t, e: name }));
      return name;
    });
    return { code, names };
  }

  #composition(schema: JsonObject, at: string, t: Target): string[] {
    const out: string[] = [];
    if (Array.isArray(schema.allOf)) {
      schema.allOf.forEach((sub, i) => {
        out.push(...this.#schema(sub, childPointer(at, "allOf", String(i)), t));
      });
    }
    if (Array.isArray(schema.anyOf)) out.push(...this.#anyOf(schema.anyOf, at, t));
    if (Array.isArray(schema.oneOf)) out.push(...this.#oneOf(schema, schema.oneOf, at, t));
    if (schema.not !== undefined) {
      const n = this.#var("b");
      out.push("{", `const ${n} = [];`, ...this.#schema(schema.not, childPointer(at, "not"), { ...t, e: n }));
      out.push(`if (${n}.length === 0) fail(${t.e}, ${full(t)}, "not", "must not match the excluded shape");`, "}");
    }
    if (schema.if !== undefined && (schema.then !== undefined || schema.else !== undefined)) {
      const c = this.#var("b");
      out.push("{", `const ${c} = [];`, ...this.#schema(schema.if, childPointer(at, "if"), { ...t, e: c }));
      out.push(`if (${c}.length === 0) {`, ...this.#schema(schema.then, childPointer(at, "then"), t), "} else {");
      out.push(...this.#schema(schema.else, childPointer(at, "else"), t), "}", "}");
    }
    return out;
  }

  /**
   * anyOf in the two shapes documents write most — `[X, {type: null}]` (a nullable reference) and `[X]` — as
   * the check it amounts to: null passes, anything else is checked against X alone, its violations reported
   * as X's. The same answers as the general form in a fraction of the code (Stripe's document has ~2,000).
   */
  #anyOf(list: unknown[], at: string, t: Target): string[] {
    const isNull = (sub: unknown) =>
      isObject(sub) &&
      Object.keys(sub).length === 1 &&
      (sub.type === "null" || (Array.isArray(sub.type) && sub.type.length === 1 && sub.type[0] === "null"));
    const rest = list.map((sub, i) => ({ sub, i })).filter(({ sub }) => !isNull(sub));
    if (rest.length === list.length) return this.#anyOfGeneral(list, at, t);
    if (rest.length === 0) return [`if (${t.d} !== null) fail(${t.e}, ${full(t)}, "type", "must be null");`];
    const check =
      rest.length === 1
        ? this.#schema(rest[0]!.sub, childPointer(at, "anyOf", String(rest[0]!.i)), t)
        : this.#anyOfGeneral(
            rest.map(({ sub }) => sub),
            at,
            t,
            rest.map(({ i }) => i),
          );
    return check.length > 0 ? [`if (${t.d} !== null) {`, ...check, "}"] : [];
  }

  #anyOfGeneral(list: unknown[], at: string, t: Target, indexes?: number[]): string[] {
    if (list.length === 1) return this.#schema(list[0], childPointer(at, "anyOf", String(indexes?.[0] ?? 0)), t);
    const { code, names } = this.#branches(list, at, "anyOf", t, indexes);
    const message = js(`must match at least one of ${names.length} alternatives`);
    return [
      "{",
      ...code,
      `if (!(${names.map((n) => `${n}.length === 0`).join(" || ")})) {`,
      `fail(${t.e}, ${full(t)}, "anyOf", ${message});`,
      `closest(${t.e}, [${names.join(", ")}]);`,
      "}",
      "}",
    ];
  }

  #oneOf(schema: JsonObject, list: unknown[], at: string, t: Target): string[] {
    const { code, names } = this.#branches(list, at, "oneOf", t);
    const passing = this.#var("n");
    const general = [
      "{",
      ...code,
      `const ${passing} = [${names.join(", ")}].filter((b) => b.length === 0).length;`,
      `if (${passing} === 0) { fail(${t.e}, ${full(t)}, "oneOf", ${js(`must match one of ${names.length} alternatives`)}); closest(${t.e}, [${names.join(", ")}]); }`,
      `else if (${passing} > 1) fail(${t.e}, ${full(t)}, "oneOf", "matches more than one alternative");`,
      "}",
    ];
    const discriminator = isObject(schema.discriminator) ? schema.discriminator : undefined;
    const property = typeof discriminator?.propertyName === "string" ? discriminator.propertyName : undefined;
    if (!property) return general;
    // With a discriminator the value names its branch: check that one, so errors speak of the right shape.
    const mapping = isObject(discriminator?.mapping) ? discriminator.mapping : {};
    const branchOf = (ref: string) => list.findIndex((sub) => isObject(sub) && sub.$ref === ref);
    const cases: string[] = [];
    const values = new Set<string>();
    for (const [value, ref] of Object.entries(mapping)) {
      const i = typeof ref === "string" ? branchOf(ref) : -1;
      if (i < 0) continue;
      values.add(value);
      cases.push(`case ${js(value)}: {`, ...this.#schema(list[i], childPointer(at, "oneOf", String(i)), t), "break; }");
    }
    list.forEach((sub, i) => {
      const ref = isObject(sub) && typeof sub.$ref === "string" ? sub.$ref : undefined;
      const implicit = ref?.split("/").pop();
      if (implicit && !values.has(implicit) && !Object.values(mapping).includes(ref)) {
        values.add(implicit);
        cases.push(`case ${js(implicit)}: {`, ...this.#schema(sub, childPointer(at, "oneOf", String(i)), t), "break; }");
      }
    });
    if (cases.length === 0) return general;
    return [`switch (isObject(${t.d}) ? ${t.d}[${js(property)}] : undefined) {`, ...cases, "default:", ...general, "}"];
  }
}
