import { GeneratorError } from "../errors.js";
import type { JsonObject } from "../ir/types.js";

export function escapeToken(token: string): string {
  return token.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** `#/a/b` → `#/a/b/<token>` with the token escaped. */
export function childPointer(pointer: string, ...tokens: string[]): string {
  return [pointer, ...tokens.map(escapeToken)].join("/");
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A pointer token as written in a URI fragment; a `%` that starts no escape (`50%`) is taken as itself. */
export function uriDecoded(token: string): string {
  try {
    return decodeURIComponent(token);
  } catch {
    return token;
  }
}

/** The value at an internal pointer (`#/components/schemas/A`), or undefined. */
export function valueAt(document: JsonObject, pointer: string): unknown {
  let current: unknown = document;
  for (const raw of pointer
    .replace(/^#\/?/, "")
    .split("/")
    .filter((t) => t !== "")) {
    const token = uriDecoded(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    if (!isObject(current) && !Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[token];
  }
  return current;
}

/**
 * Follows a value's `$ref`s without insisting they lead anywhere (for readers of possibly incomplete
 * documents — two versions under comparison, examples): the object reached and where it lives, or undefined.
 */
export function followRefs(document: JsonObject, value: unknown, pointer: string): { value: JsonObject; pointer: string } | undefined {
  let at = pointer;
  for (let hops = 0; isObject(value) && typeof value.$ref === "string" && hops < 32; hops++) {
    at = value.$ref;
    value = valueAt(document, at);
  }
  return isObject(value) ? { value, pointer: at } : undefined;
}

/**
 * Follows `$ref`s (internal, as bundling leaves them) to the object they name. Returns the object and the
 * pointer where it really lives, so that later references point at the definition, not at the `$ref`.
 */
export function deref(document: JsonObject, value: unknown, pointer: string): { node: JsonObject; pointer: string } {
  let node = value;
  let at = pointer;
  for (let hops = 0; isObject(node) && typeof node.$ref === "string"; hops++) {
    if (hops > 32 || !node.$ref.startsWith("#")) {
      throw new GeneratorError(`cannot resolve $ref "${String(node.$ref)}" at ${at}: expected an internal reference after bundling`, at);
    }
    at = node.$ref;
    node = valueAt(document, at);
  }
  if (!isObject(node)) throw new GeneratorError(`expected an object at ${at}`, at);
  return { node, pointer: at };
}
