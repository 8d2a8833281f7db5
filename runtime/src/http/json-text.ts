import { type ErrorContext, ResponseValidationError, type Violation } from "../errors.js";
import { parseWithDecimals } from "./decimals.js";

/** Deeper than this, a JSON answer is refused: these APIs nest a few levels, and deep input costs stack. */
export const maxJsonDepth = 64;

/** What one pass over JSON text finds that JSON.parse would get wrong or pay dearly for. */
export interface JsonScan {
  /** Arrays and objects nest deeper than the cap. */
  tooDeep: boolean;
  /**
   * A number token a double might not hold exactly: more than 15 characters, or an exponent. Every token
   * without either has at most 15 significant digits, which a double always gives back as written.
   */
  longNumbers: boolean;
}

/** A character that continues a number token (a token starts with a digit or a minus). */
const isNumberChar = (c: number) => (c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46 || c === 101 || c === 69;

/** One pass over JSON text (strings skipped, escapes honoured), stopping once past the depth cap. */
export function scanJson(text: string, limit = maxJsonDepth): JsonScan {
  let depth = 0;
  let longNumbers = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      // To the closing quote: indexOf is many times faster than a character loop; a quote preceded by an odd
      // number of backslashes is escaped.
      for (;;) {
        const end = text.indexOf('"', i + 1);
        if (end < 0) return { tooDeep: false, longNumbers };
        let slashes = 0;
        while (text.charCodeAt(end - 1 - slashes) === 92) slashes++;
        i = end;
        if (slashes % 2 === 0) break;
      }
    } else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > limit) return { tooDeep: true, longNumbers };
    } else if (c === 93 /* ] */ || c === 125 /* } */) depth--;
    else if ((c >= 48 && c <= 57) || c === 45 /* - */) {
      const start = i;
      let exponent = false;
      while (i + 1 < text.length && isNumberChar(text.charCodeAt(i + 1))) {
        i++;
        if (text.charCodeAt(i) === 101 || text.charCodeAt(i) === 69) exponent = true;
      }
      if (exponent || i - start + 1 > 15) longNumbers = true;
    }
  }
  return { tooDeep: false, longNumbers };
}

/** Whether JSON text nests deeper than the cap. */
export const jsonDepthExceeds = (text: string, limit = maxJsonDepth): boolean => scanJson(text, limit).tooDeep;

/**
 * The places in JSON text whose numbers a JavaScript number cannot hold as written (12345678901234567.89,
 * 2^53 + 1, 1e400): reading them with JSON.parse would change the amount silently, so each is a violation.
 */
export const lossyNumbers = (text: string): Violation[] => parseWithDecimals(text, []).violations;

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
