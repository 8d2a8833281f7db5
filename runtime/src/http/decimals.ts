import { isSafeNumber, LosslessNumber, parse, stringify } from "lossless-json";
import type { Violation } from "../errors.js";

/**
 * Decimal amounts (`format: decimal` in the spec): a caller holds them as strings of digits, and they cross
 * the wire as JSON numbers with exactly those digits — never through a double, so 12345678901234567.89 and
 * 100.10 arrive and leave as written. Where they sit comes from the generator as JSON pointer patterns
 * relative to the body (`/limits/*\/max`, `*` = any index or key).
 */
export interface DecimalPaths {
  request?: readonly string[];
  response?: readonly string[];
}

const decimalText = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/;
const segments = (pattern: string) =>
  pattern
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));

function matcher(patterns: readonly string[]): (path: readonly string[]) => boolean {
  const parsed = patterns.map(segments);
  return (path) => parsed.some((p) => p.length === path.length && p.every((segment, i) => segment === "*" || segment === path[i]));
}

const pointer = (path: readonly string[]) => path.map((s) => `/${s.replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");

/**
 * A JSON answer read with its decimal amounts as the digits the server sent; any other number a double
 * cannot hold as written is a violation (`precision`), never a rounded value.
 */
export function parseWithDecimals(text: string, patterns: readonly string[]): { value: unknown; violations: Violation[] } {
  const isDecimal = matcher(patterns);
  const violations: Violation[] = [];
  const visit = (item: unknown, path: string[]): unknown => {
    if (item instanceof LosslessNumber) {
      if (isDecimal(path)) return item.value;
      if (!isSafeNumber(item.value))
        violations.push({
          path: `/body${pointer(path)}`,
          rule: "precision",
          message: "is a number a JavaScript number cannot hold exactly (it would be rounded)",
        });
      return Number(item.value);
    }
    if (Array.isArray(item)) return item.map((entry, i) => visit(entry, [...path, String(i)]));
    if (item !== null && typeof item === "object") {
      const out: Record<string, unknown> = {};
      for (const [key, entry] of Object.entries(item))
        Object.defineProperty(out, key, { value: visit(entry, [...path, key]), enumerable: true, writable: true, configurable: true });
      return out;
    }
    return item;
  };
  const value = visit(
    parse(text, null, (token) => new LosslessNumber(token)),
    [],
  );
  return { value, violations };
}

/** A request body as JSON, its decimal amounts (strings of digits) written as JSON numbers with those digits. */
export function stringifyWithDecimals(body: unknown, patterns: readonly string[]): string {
  const isDecimal = matcher(patterns);
  const visit = (item: unknown, path: string[]): unknown => {
    if (typeof item === "string" && decimalText.test(item) && isDecimal(path)) return new LosslessNumber(item);
    if (Array.isArray(item)) return item.map((entry, i) => visit(entry, [...path, String(i)]));
    if (item !== null && typeof item === "object" && !(item instanceof Date)) {
      const out: Record<string, unknown> = {};
      for (const [key, entry] of Object.entries(item))
        Object.defineProperty(out, key, { value: visit(entry, [...path, key]), enumerable: true, writable: true, configurable: true });
      return out;
    }
    return item;
  };
  return stringify(visit(body, [])) as string;
}
