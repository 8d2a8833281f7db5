import type { JsonObject } from "../ir/types.js";
import { childPointer, followRefs, isObject } from "../openapi/pointer.js";
import { breaking, type Change, compatible } from "./change.js";

/** Which way a schema's values travel: callers send requests and read responses. */
export type Direction = "request" | "response";

interface Side {
  document: JsonObject;
  schema: unknown;
  pointer: string;
}

/** A schema with its `$ref`s followed, where it really lives, and whether a reference led there. */
function resolve(side: Side): { schema: JsonObject; pointer: string; viaRef: boolean } | undefined {
  const found = followRefs(side.document, side.schema, side.pointer);
  return found ? { schema: found.value, pointer: found.pointer, viaRef: found.pointer !== side.pointer } : undefined;
}

function types(schema: JsonObject): Set<string> {
  const declared = Array.isArray(schema.type) ? schema.type.map(String) : typeof schema.type === "string" ? [schema.type] : [];
  if (schema.nullable === true) declared.push("null");
  return new Set(declared);
}

/** Whether every value of `narrow` is a value of `wide` (integer is a number). */
function within(narrow: Set<string>, wide: Set<string>): boolean {
  return [...narrow].every((type) => wide.has(type) || (type === "integer" && wide.has("number")));
}

const lowerBounds = ["minLength", "minimum", "exclusiveMinimum", "minItems", "minProperties"] as const;
const upperBounds = ["maxLength", "maximum", "exclusiveMaximum", "maxItems", "maxProperties"] as const;

/**
 * Compares two versions of a schema for the callers of a generated client. A request schema breaks callers
 * when it accepts less (a new required field, a narrower type, a tighter facet, an enum value gone); a
 * response schema breaks them when it promises less (a field that may now be missing, a wider type). Fields
 * and enum values removed break either way. `$ref` cycles are compared once.
 */
export class SchemaDiff {
  readonly #seen = new Set<string>();
  readonly changes: Change[] = [];

  constructor(
    readonly old: JsonObject,
    readonly next: JsonObject,
    readonly scope: string,
  ) {}

  compare(oldSchema: unknown, oldPointer: string, newSchema: unknown, newPointer: string, direction: Direction): void {
    const before = resolve({ document: this.old, schema: oldSchema, pointer: oldPointer });
    const after = resolve({ document: this.next, schema: newSchema, pointer: newPointer });
    if (!before || !after) return;
    const visit = `${direction}|${before.pointer}|${after.pointer}`;
    if ((before.viaRef || after.viaRef) && this.#seen.has(visit)) return;
    this.#seen.add(visit);
    const at = after.pointer;
    this.#types(before.schema, after.schema, at, direction);
    this.#enum(before.schema, after.schema, at);
    this.#facets(before.schema, after.schema, at, direction);
    this.#properties(before, after, direction);
    if (before.schema.items !== undefined || after.schema.items !== undefined)
      this.compare(before.schema.items, childPointer(before.pointer, "items"), after.schema.items, childPointer(at, "items"), direction);
    for (const keyword of ["allOf", "oneOf", "anyOf"] as const) this.#composition(before, after, keyword, direction);
    this.#extensions(before.schema, after.schema, at, direction);
    if (before.schema.description !== after.schema.description && (before.schema.description || after.schema.description))
      this.changes.push(compatible("description-changed", "description changed", childPointer(at, "description"), this.scope, "patch"));
  }

  #types(before: JsonObject, after: JsonObject, at: string, direction: Direction): void {
    const was = types(before);
    const is = types(after);
    if (was.size === 0 || is.size === 0 || (within(was, is) && within(is, was))) return;
    const described = `type ${[...was].join("|")} → ${[...is].join("|")}`;
    const pointer = childPointer(at, "type");
    const narrowed = within(is, was);
    const widened = within(was, is);
    if (!narrowed && !widened) {
      this.changes.push(breaking("type-changed", described, pointer, this.scope));
      return;
    }
    // A request may widen (callers send what they sent), a response may narrow (callers read what they read).
    const rule = narrowed ? "type-narrowed" : "type-widened";
    if (narrowed === (direction === "response")) this.changes.push(compatible(rule, described, pointer, this.scope));
    else this.changes.push(breaking(rule, described, pointer, this.scope));
  }

  /** bankkit's validating extensions (`x-bankkit-date`, `x-bankkit-min-age`, …): a changed rule may refuse what was sent. */
  #extensions(before: JsonObject, after: JsonObject, at: string, direction: Direction): void {
    const names = new Set([...Object.keys(before), ...Object.keys(after)].filter((k) => k.startsWith("x-bankkit-")));
    for (const name of names) {
      if (JSON.stringify(before[name]) === JSON.stringify(after[name])) continue;
      const wording = name === "x-bankkit-assumption" || name === "x-bankkit-personal-data";
      const message = `${name} ${JSON.stringify(before[name] ?? null)} → ${JSON.stringify(after[name] ?? null)}`;
      if (!wording && direction === "request")
        this.changes.push(breaking("extension-changed", message, childPointer(at, name), this.scope));
      else this.changes.push(compatible("extension-changed", message, childPointer(at, name), this.scope, "patch"));
    }
  }

  #enum(before: JsonObject, after: JsonObject, at: string): void {
    if (!Array.isArray(before.enum) || !Array.isArray(after.enum)) {
      if (Array.isArray(after.enum) && !Array.isArray(before.enum))
        this.changes.push(
          breaking("enum-added", `limited to ${after.enum.map((v) => JSON.stringify(v)).join(", ")}`, childPointer(at, "enum"), this.scope),
        );
      return;
    }
    const key = (value: unknown) => JSON.stringify(value);
    const was = new Set(before.enum.map(key));
    const is = new Set(after.enum.map(key));
    for (const value of was)
      if (!is.has(value))
        this.changes.push(breaking("enum-value-removed", `enum value ${value} removed`, childPointer(at, "enum"), this.scope));
    for (const value of is)
      if (!was.has(value))
        this.changes.push(compatible("enum-value-added", `enum value ${value} added`, childPointer(at, "enum"), this.scope));
  }

  #facets(before: JsonObject, after: JsonObject, at: string, direction: Direction): void {
    const report = (facet: string, tighter: boolean, described: string) => {
      // Tighter requests refuse what callers sent; tighter responses only promise more.
      if (tighter && direction === "request") this.changes.push(breaking("facet-narrowed", described, childPointer(at, facet), this.scope));
      else
        this.changes.push(
          compatible(tighter ? "facet-narrowed" : "facet-loosened", described, childPointer(at, facet), this.scope, "patch"),
        );
    };
    for (const facet of [...lowerBounds, ...upperBounds]) {
      const was = before[facet];
      const is = after[facet];
      if (was === is || (typeof was !== "number" && typeof is !== "number")) continue;
      const lower = (lowerBounds as readonly string[]).includes(facet);
      const tighter = typeof was !== "number" || (typeof is === "number" && (lower ? is > was : is < was));
      report(facet, tighter, `${facet} ${was ?? "none"} → ${is ?? "none"}`);
    }
    for (const facet of ["pattern", "format", "const", "multipleOf"] as const) {
      if (JSON.stringify(before[facet]) === JSON.stringify(after[facet])) continue;
      report(
        facet,
        after[facet] !== undefined,
        `${facet} ${JSON.stringify(before[facet] ?? null)} → ${JSON.stringify(after[facet] ?? null)}`,
      );
    }
    if (before.additionalProperties !== false && after.additionalProperties === false)
      report("additionalProperties", true, "no longer accepts properties it does not list");
    else if (before.additionalProperties !== true && after.additionalProperties === true && !isObject(after.properties))
      this.changes.push(
        compatible("facet-loosened", "now an open object (any properties)", childPointer(at, "additionalProperties"), this.scope),
      );
  }

  #properties(before: { schema: JsonObject; pointer: string }, after: { schema: JsonObject; pointer: string }, direction: Direction): void {
    const was = isObject(before.schema.properties) ? before.schema.properties : {};
    const is = isObject(after.schema.properties) ? after.schema.properties : {};
    const required = (schema: JsonObject) => new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
    const wasRequired = required(before.schema);
    const isRequired = required(after.schema);
    for (const name of Object.keys(was)) {
      const removed = childPointer(before.pointer, "properties", name);
      if (!(name in is)) this.changes.push(breaking("property-removed", `property ${name} removed`, removed, this.scope));
    }
    for (const [name, schema] of Object.entries(is)) {
      const at = childPointer(after.pointer, "properties", name);
      if (!(name in was)) {
        if (isRequired.has(name) && direction === "request")
          this.changes.push(breaking("property-added", `required property ${name} added`, at, this.scope));
        else
          this.changes.push(
            compatible("property-added", `${isRequired.has(name) ? "" : "optional "}property ${name} added`, at, this.scope),
          );
        continue;
      }
      if (!wasRequired.has(name) && isRequired.has(name)) {
        if (direction === "request") this.changes.push(breaking("property-required", `property ${name} is now required`, at, this.scope));
        else this.changes.push(compatible("property-required", `property ${name} is now always present`, at, this.scope, "patch"));
      } else if (wasRequired.has(name) && !isRequired.has(name)) {
        if (direction === "response")
          this.changes.push(breaking("property-optional", `property ${name} may now be missing`, at, this.scope));
        else this.changes.push(compatible("property-optional", `property ${name} is now optional`, at, this.scope));
      }
      this.compare(was[name], childPointer(before.pointer, "properties", name), schema, at, direction);
    }
  }

  #composition(
    before: { schema: JsonObject; pointer: string },
    after: { schema: JsonObject; pointer: string },
    keyword: string,
    direction: Direction,
  ): void {
    const was = Array.isArray(before.schema[keyword]) ? (before.schema[keyword] as unknown[]) : [];
    const is = Array.isArray(after.schema[keyword]) ? (after.schema[keyword] as unknown[]) : [];
    for (let i = 0; i < Math.min(was.length, is.length); i++)
      this.compare(
        was[i],
        childPointer(before.pointer, keyword, String(i)),
        is[i],
        childPointer(after.pointer, keyword, String(i)),
        direction,
      );
    if (was.length === is.length) return;
    const at = childPointer(after.pointer, keyword);
    const message = `${keyword} has ${is.length} schemas instead of ${was.length}`;
    // allOf with more parts accepts less; oneOf/anyOf with more branches accept more.
    const acceptsLess = keyword === "allOf" ? is.length > was.length : is.length < was.length;
    if (acceptsLess === (direction === "request")) this.changes.push(breaking("composition-changed", message, at, this.scope));
    else this.changes.push(compatible("composition-changed", message, at, this.scope));
  }
}
