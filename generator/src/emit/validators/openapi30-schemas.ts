import type { JsonObject } from "../../ir/types.js";
import { isObject } from "../../openapi/pointer.js";

/**
 * OpenAPI 3.0 Schema Objects are not JSON Schema 2020-12: `nullable: true` adds null to the type, and
 * `exclusiveMinimum`/`exclusiveMaximum` are booleans that qualify `minimum`/`maximum`. Returns a copy of
 * the document whose schemas say the same in 2020-12, for the validator compiler.
 */
export function toJsonSchema2020(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toJsonSchema2020);
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const [key, child] of Object.entries(value)) out[key] = toJsonSchema2020(child);
  for (const [flag, bound] of [
    ["exclusiveMinimum", "minimum"],
    ["exclusiveMaximum", "maximum"],
  ] as const) {
    if (typeof out[flag] !== "boolean") continue;
    if (out[flag] === true && typeof out[bound] === "number") {
      out[flag] = out[bound];
      delete out[bound];
    } else delete out[flag];
  }
  if (out.nullable === true) {
    delete out.nullable;
    if (typeof out.type === "string") {
      out.type = [out.type, "null"];
      if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    } else if (out.type === undefined) {
      // readOnly/writeOnly say which way the property travels: they stay on the property, not in a branch.
      const { readOnly, writeOnly, ...rest } = out;
      return {
        anyOf: [rest, { type: "null" }],
        ...(readOnly === undefined ? {} : { readOnly }),
        ...(writeOnly === undefined ? {} : { writeOnly }),
      };
    }
  } else if (out.nullable === false) delete out.nullable;
  return out;
}
