import type { ApiIR, MediaIR, ParameterIR } from "../ir/types.js";
import { followRefs, isObject, valueAt } from "../openapi/pointer.js";

/** Follows `$ref`s in the bundled document (examples and schemas alike). */
function deref(api: ApiIR, value: unknown): unknown {
  return isObject(value) ? followRefs(api.document, value, "#")?.value : value;
}

const formats: Record<string, unknown> = {
  uuid: "3b1f2c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
  date: "2026-11-20",
  "date-time": "2026-11-20T10:30:00+05:00",
  email: "someone@bank.example",
  uri: "https://bank.example/callback",
  "kz-iin": "850101300124",
};

/**
 * A value the schema accepts, for a call example when the spec gives none: its example, default, const or
 * first enum value, else one made from its type — objects with their required properties only.
 */
export function valueFromSchema(api: ApiIR, raw: unknown, name = "value", depth = 0): unknown {
  const schema = deref(api, raw);
  if (!isObject(schema) || depth > 6) return null;
  if (schema.example !== undefined) return schema.example;
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if (schema.default !== undefined) return schema.default;
  if (schema.const !== undefined) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  for (const keyword of ["allOf", "oneOf", "anyOf"] as const)
    if (Array.isArray(schema[keyword]) && schema[keyword].length > 0) {
      const parts = keyword === "allOf" ? schema[keyword] : [schema[keyword][0]];
      const values = parts.map((part: unknown) => valueFromSchema(api, part, name, depth + 1));
      return values.every(isObject) ? Object.assign({}, ...values) : values[0];
    }
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  if (type === "object" || isObject(schema.properties)) {
    const properties = isObject(schema.properties) ? schema.properties : {};
    const required = Array.isArray(schema.required) ? schema.required.map(String) : [];
    return Object.fromEntries(
      required.filter((key) => key in properties).map((key) => [key, valueFromSchema(api, properties[key], key, depth + 1)]),
    );
  }
  if (type === "array") return [valueFromSchema(api, schema.items, name, depth + 1)];
  if (type === "integer" || type === "number") return typeof schema.minimum === "number" ? schema.minimum : 1;
  if (type === "boolean") return true;
  if (typeof schema.format === "string" && schema.format in formats) return formats[schema.format];
  if (schema["x-bankkit-date"] === "YYYYMMDD") return "20261120";
  if (schema["x-bankkit-date"] === "DD.MM.YYYY") return "20.11.1990";
  return `<${name}>`;
}

/** The example a parameter or media type object gives itself: `example`, or the value of its first `examples` entry. */
function ownExample(api: ApiIR, holder: unknown): unknown {
  if (!isObject(holder)) return undefined;
  if (holder.example !== undefined) return holder.example;
  const first = isObject(holder.examples) ? deref(api, Object.values(holder.examples)[0]) : undefined;
  return isObject(first) ? first.value : undefined;
}

/** A parameter's example: its own, or one made from its schema. */
export function parameterExample(api: ApiIR, parameter: ParameterIR): unknown {
  const object = deref(api, valueAt(api.document, parameter.schemaPointer?.replace(/\/(schema|content\/[^/]+\/schema)$/, "") ?? "#/none"));
  const own = ownExample(api, object);
  if (own !== undefined) return own;
  return parameter.schemaPointer ? valueFromSchema(api, { $ref: parameter.schemaPointer }, parameter.name) : `<${parameter.name}>`;
}

/** A request body's example: its media type's own, or one made from its schema. */
export function bodyExample(api: ApiIR, operationPointer: string, media: MediaIR): unknown {
  const body = deref(api, valueAt(api.document, `${operationPointer}/requestBody`));
  const own = ownExample(api, isObject(body) && isObject(body.content) ? body.content[media.mediaType] : undefined);
  if (own !== undefined) return own;
  return media.schemaPointer ? valueFromSchema(api, { $ref: media.schemaPointer }, "body") : {};
}

/** A value as TypeScript source, indented to sit inside a call. */
export function literalSource(value: unknown, indent: string): string {
  return JSON.stringify(value, null, 2)
    .split("\n")
    .map((line, i) => (i === 0 ? line : `${indent}${line}`))
    .join("\n")
    .replace(/"([A-Za-z_$][A-Za-z0-9_$]*)":/g, "$1:");
}
