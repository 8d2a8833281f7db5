import { type ErrorContext, ResponseValidationError } from "../errors.js";

/** Deeper than this, a JSON answer is refused: these APIs nest a few levels, and deep input costs stack. */
export const maxJsonDepth = 64;

/**
 * How deeply arrays and objects nest in JSON text, scanning characters (strings skipped, escapes honoured)
 * and stopping once past `limit`: a 10,000-deep body costs one pass, not a parse and a stack overflow.
 */
export function jsonDepthExceeds(text: string, limit = maxJsonDepth): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \ */) i++;
        else if (d === 34) break;
      }
    } else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > limit) return true;
    } else if (c === 93 /* ] */ || c === 125 /* } */) depth--;
  }
  return false;
}

/**
 * JSON parsed into objects without a prototype: a `__proto__` key in a server's body stays a key and can
 * never become the prototype of what a caller inspects (the error body of an HTTP error).
 */
export function parseWithoutPrototypes(text: string): unknown {
  return JSON.parse(text, (_, value: unknown) =>
    value !== null && typeof value === "object" && !Array.isArray(value) ? Object.assign(Object.create(null), value) : value,
  );
}

/** The error for an answer nested deeper than the cap: it arrived, and it breaks any contract. */
export function tooDeep(context: ErrorContext, status: number): ResponseValidationError {
  return new ResponseValidationError(context, status, [
    { path: "/body", rule: "depth", message: `nests arrays and objects deeper than ${maxJsonDepth} levels` },
  ]);
}
