import { followRefs, isObject } from "./pointer.js";

/** `type: number` (or integer) with `format: decimal`: an amount whose digits must survive exactly. */
export function isDecimal(schema: unknown): boolean {
  if (!isObject(schema) || schema.format !== "decimal") return false;
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  return types.includes("number") || types.includes("integer");
}

interface Reach {
  /** Every internal `$ref` target of the document. */
  targets: Set<string>;
  /** Those from which a decimal can be reached. */
  decimal: Set<string>;
}
const reaching = new WeakMap<Record<string, unknown>, Reach>();

/**
 * The `$ref` targets of a document from which a decimal can be reached (through any chain of references):
 * found in one pass — each target's own subtree is read once for decimals and the references it makes, and
 * "reaches a decimal" is spread backwards along those references. Lets `decimalPaths` skip, at once, the
 * references that lead to no decimal: without it, a densely connected document (Stripe's: 316 schemas that
 * refer to each other through expandable fields) has more paths than any machine can walk.
 */
function refsReachingDecimals(document: Record<string, unknown>): Reach {
  const known = reaching.get(document);
  if (known) return known;
  const referrers = new Map<string, Set<string>>();
  const pending: string[] = [];
  const read = (ref: string) => {
    const refs = new Set<string>();
    let direct = false;
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) {
        for (const item of value) walk(item);
        return;
      }
      if (!isObject(value)) return;
      if (typeof value.$ref === "string") refs.add(value.$ref);
      if (isDecimal(value)) direct = true;
      for (const [key, child] of Object.entries(value))
        if (key !== "example" && key !== "examples" && key !== "enum" && key !== "const") walk(child);
    };
    walk(followRefs(document, { $ref: ref }, ref)?.value);
    return { refs, direct };
  };
  const targets = new Set<string>();
  const collect = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) collect(item);
      return;
    }
    if (!isObject(value)) return;
    if (typeof value.$ref === "string" && value.$ref.startsWith("#")) targets.add(value.$ref);
    for (const child of Object.values(value)) collect(child);
  };
  collect(document);
  for (const ref of targets) {
    const { refs, direct } = read(ref);
    if (direct) pending.push(ref);
    for (const target of refs) {
      if (!referrers.has(target)) referrers.set(target, new Set());
      referrers.get(target)!.add(ref);
    }
  }
  const decimal = new Set(pending);
  for (let ref = pending.pop(); ref !== undefined; ref = pending.pop())
    for (const referrer of referrers.get(ref) ?? [])
      if (!decimal.has(referrer)) {
        decimal.add(referrer);
        pending.push(referrer);
      }
  const reach = { targets, decimal };
  reaching.set(document, reach);
  return reach;
}

/**
 * Where decimal amounts sit in a body, as JSON pointer patterns relative to it (`/limits/*\/max`: `*` is
 * any array index or map key), found by walking the schema through properties, items, additional
 * properties, compositions and `$ref`s (each `$ref` once per path, so recursive schemas end; references that
 * lead to no decimal are not walked).
 */
export function decimalPaths(document: Record<string, unknown>, schema: unknown, pointer = "#"): string[] {
  const found = new Set<string>();
  const reach = refsReachingDecimals(document);
  const visit = (raw: unknown, at: string, path: string, refs: ReadonlySet<string>): void => {
    if (!isObject(raw)) return;
    let node: unknown = raw;
    let seen = refs;
    if (typeof raw.$ref === "string") {
      if (refs.has(raw.$ref) || (reach.targets.has(raw.$ref) && !reach.decimal.has(raw.$ref))) return;
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
