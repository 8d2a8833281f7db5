import { followRefs, isObject } from "./pointer.js";

/** `type: number` (or integer) with `format: decimal`: an amount whose digits must survive exactly. */
export function isDecimal(schema: unknown): boolean {
  if (!isObject(schema) || schema.format !== "decimal") return false;
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  return types.includes("number") || types.includes("integer");
}

/**
 * Where decimal amounts sit in a body, as JSON pointer patterns relative to it (`/limits/*\/max`: `*` is
 * any array index or map key), found by walking the schema through properties, items, additional
 * properties, compositions and `$ref`s (each `$ref` once per path, so recursive schemas end).
 */
export function decimalPaths(document: Record<string, unknown>, schema: unknown, pointer = "#"): string[] {
  const found = new Set<string>();
  const visit = (raw: unknown, at: string, path: string, refs: ReadonlySet<string>): void => {
    if (!isObject(raw)) return;
    let node: unknown = raw;
    let seen = refs;
    if (typeof raw.$ref === "string") {
      if (refs.has(raw.$ref)) return;
      seen = new Set([...refs, raw.$ref]);
      node = followRefs(document, raw, at)?.value;
      if (!isObject(node)) return;
    }
    const schemaNode = node as Record<string, unknown>;
    if (isDecimal(schemaNode)) found.add(path);
    for (const keyword of ["allOf", "oneOf", "anyOf"] as const)
      if (Array.isArray(schemaNode[keyword])) for (const part of schemaNode[keyword] as unknown[]) visit(part, at, path, seen);
    if (isObject(schemaNode.properties))
      for (const [name, property] of Object.entries(schemaNode.properties))
        visit(property, at, `${path}/${name.replace(/~/g, "~0").replace(/\//g, "~1")}`, seen);
    if (isObject(schemaNode.items)) visit(schemaNode.items, at, `${path}/*`, seen);
    if (isObject(schemaNode.additionalProperties)) visit(schemaNode.additionalProperties, at, `${path}/*`, seen);
  };
  visit(schema, pointer, "", new Set());
  return [...found].sort();
}
