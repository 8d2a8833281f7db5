import type { JsonObject } from "../ir/types.js";
import { childPointer, isObject, valueAt } from "./pointer.js";

/** Something a document gets wrong, where. */
export interface Finding {
  pointer: string;
  message: string;
}

const methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
/** Keys whose values are data, not schemas: a `nullable` key in an example is the example's. */
const dataKeys = new Set(["example", "examples", "default", "const", "enum"]);

/**
 * Checks a bundled document for what generation cannot work around (errors) and repairs, in place, what
 * real documents commonly get wrong and other generators accept (warnings):
 * - two operations with one operationId: an error (the methods would collide);
 * - a path parameter used in the path but declared nowhere: declared as a required string;
 * - `nullable: true` in a 3.1 document (no such keyword there): written as the 3.1 way to allow null;
 * - a `pattern` JavaScript cannot compile (Java's inline `(?i)`): made case-insensitive, or left unchecked;
 * - `nullable: true` without a `type` beside it in a 3.0 document (next to `$ref`, `allOf`, `anyOf`): the
 *   3.0 text says it means nothing there; other generators read it as "null allowed", and so does bankkit,
 *   in its types and its validators alike, with a warning.
 */
export function repairDocument(document: JsonObject): { document: JsonObject; errors: Finding[]; warnings: Finding[] } {
  const errors: Finding[] = [];
  const warnings: Finding[] = [];
  const openapi31 = String(document.openapi).startsWith("3.1");
  checkOperations(document, errors, warnings);
  walk(document, "#", (found, pointer) => {
    const node = typeof found.pattern === "string" ? patternForJavaScript(found, pointer, warnings) : found;
    if (node.nullable !== true) return node;
    if (openapi31) {
      warnings.push({ pointer: `${pointer}/nullable`, message: "`nullable` is not an OpenAPI 3.1 keyword: read as allowing null" });
      return nullable31(node);
    }
    if (node.type !== undefined) return node;
    warnings.push({
      pointer: `${pointer}/nullable`,
      message: "`nullable` without `type` means nothing in OpenAPI 3.0: read as allowing null",
    });
    // An enum or const with no type: null joins the listed values, which types and validators both read.
    if ("const" in node) {
      const { const: value, ...rest } = node;
      return { ...rest, enum: [value, null] };
    }
    if (Array.isArray(node.enum)) return node.enum.includes(null) ? node : { ...node, enum: [...node.enum, null] };
    if (typeof node.$ref !== "string") return node;
    // Beside a `$ref` every keyword is ignored in 3.0, by the type generator too: the reference goes into an
    // anyOf, where `nullable` counts for types and validators alike. (Not an allOf: openapi-typescript reads
    // `allOf: [$ref]` to a schema with a discriminator as inheritance and invents a discriminator value.)
    const { $ref, ...rest } = node;
    return { ...rest, anyOf: [{ $ref }] };
  });
  return { document, errors, warnings };
}

const compiles = (pattern: string, flags: string) =>
  ["u", ""].some((unicode) => {
    try {
      new RegExp(pattern, unicode + flags);
      return true;
    } catch {
      return false;
    }
  });

/**
 * A `pattern` JavaScript cannot compile, as documents written for Java or PCRE have them: an inline `(?i)`
 * (Adyen's `([^\s]+(\.(?i)(jpeg|tiff|pdf))$)`) becomes the `i` flag on the whole pattern — it may accept more
 * than the document means, never less, so no valid value is refused; anything else is left unchecked
 * (`x-bankkit-unchecked-pattern`). Both with a warning.
 */
function patternForJavaScript(node: JsonObject, pointer: string, warnings: Finding[]): JsonObject {
  const pattern = node.pattern as string;
  if (compiles(pattern, "")) return node;
  const at = `${pointer}/pattern`;
  const caseless = pattern.replace(/\(\?i\)/g, "");
  if (caseless !== pattern && compiles(caseless, "")) {
    warnings.push({ pointer: at, message: "an inline (?i) is not JavaScript: the whole pattern is checked without regard to case" });
    return { ...node, pattern: caseless, "x-bankkit-pattern-flags": "i" };
  }
  warnings.push({ pointer: at, message: "not a JavaScript regular expression: not checked" });
  const { pattern: _, ...rest } = node;
  return { ...rest, "x-bankkit-unchecked-pattern": pattern };
}

/** A 3.1 schema that says what `nullable: true` beside it meant. */
function nullable31(node: JsonObject): JsonObject {
  const { nullable: _, ...rest } = node;
  if (typeof rest.type === "string") rest.type = [rest.type, "null"];
  else if (Array.isArray(rest.type)) {
    if (!rest.type.includes("null")) rest.type = [...rest.type, "null"];
  } else return { anyOf: [rest, { type: "null" }] };
  if (Array.isArray(rest.enum) && !rest.enum.includes(null)) rest.enum = [...rest.enum, null];
  return rest;
}

/** Visits every object under `value` (data under example/default/enum/const left alone); `visit` may replace it. */
function walk(value: unknown, pointer: string, visit: (node: JsonObject, pointer: string) => JsonObject): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (isObject(value[i])) value[i] = visit(value[i] as JsonObject, `${pointer}/${i}`);
      walk(value[i], `${pointer}/${i}`, visit);
    }
    return;
  }
  if (!isObject(value)) return;
  for (const [key, child] of Object.entries(value)) {
    if (dataKeys.has(key) || key.startsWith("x-") || child === null || typeof child !== "object") continue;
    const at = childPointer(pointer, key);
    if (isObject(child)) value[key] = visit(child, at);
    walk(value[key], at, visit);
  }
}

/** Duplicate operationIds (refused) and undeclared path parameters (declared, with a warning). */
function checkOperations(document: JsonObject, errors: Finding[], warnings: Finding[]): void {
  const seen = new Map<string, string>();
  for (const [path, item] of Object.entries(isObject(document.paths) ? document.paths : {})) {
    if (!isObject(item)) continue;
    const itemPointer = childPointer("#/paths", path);
    const shared = Array.isArray(item.parameters) ? item.parameters : [];
    for (const method of methods) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      const pointer = childPointer(itemPointer, method);
      if (typeof operation.operationId === "string") {
        const first = seen.get(operation.operationId);
        if (first)
          errors.push({ pointer: `${pointer}/operationId`, message: `"${operation.operationId}" is already the operationId of ${first}` });
        else seen.set(operation.operationId, pointer);
      }
      const own = Array.isArray(operation.parameters) ? operation.parameters : [];
      const declared = new Set(
        [...shared, ...own].map((p) =>
          isObject(p) && p.in === "path" ? p.name : isObject(p) && typeof p.$ref === "string" ? p.$ref : undefined,
        ),
      );
      const added: JsonObject[] = [];
      for (const [, name] of path.matchAll(/\{([^}]+)\}/g)) {
        if (declared.has(name) || refDeclares(document, declared, name as string)) continue;
        warnings.push({ pointer, message: `path parameter "${name}" is not declared: read as a required string` });
        added.push({ name, in: "path", required: true, schema: { type: "string" } });
      }
      if (added.length > 0) operation.parameters = [...own, ...added];
    }
  }
}

/** Whether one of the `$ref`s among the declared parameters is the path parameter `name`. */
function refDeclares(document: JsonObject, declared: ReadonlySet<unknown>, name: string): boolean {
  for (const entry of declared) {
    const target = typeof entry === "string" && entry.startsWith("#") ? valueAt(document, entry) : undefined;
    if (isObject(target) && target.in === "path" && target.name === name) return true;
  }
  return false;
}
