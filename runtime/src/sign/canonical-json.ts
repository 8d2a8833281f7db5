/**
 * JSON exactly as Python writes it with `json.dumps(value, sort_keys=True)`: separators `", "` and `": "`,
 * every non-ASCII character escaped as `\uXXXX` (astral ones as surrogate pairs, `ensure_ascii=True`),
 * control characters as Python escapes them, keys in Unicode code point order at every level. Bank 131
 * signs those bytes plus `\r\n`; one differing byte and the bank answers `invalid_sign`.
 *
 * Numbers are written only where JavaScript and Python print them alike: safe integers, and other finite
 * numbers of magnitude ≥ 0.0001 (below that Python's repr switches to `1e-05` where JavaScript writes
 * `0.00001`). Anything else is refused with the path of the value: amounts belong in strings or integers.
 */

/** A value that has no byte-identical Python form: where it is and why. */
export class CanonicalJsonError extends Error {
  readonly path: string;
  readonly rule: string;
  constructor(path: string, rule: string) {
    super(`${path || "/"} ${rule}`);
    this.name = "CanonicalJsonError";
    this.path = path;
    this.rule = rule;
  }
}

// Python's short escapes; every other character outside space…~ (DEL included) becomes \uXXXX.
const shortEscapes: Record<string, string> = { '"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f" };

const hex = "0123456789abcdef";
/** `\uXXXX` with lowercase hex digits, as Python writes it (no number formatting on the hot path). */
const unicodeEscape = (unit: number) => `\\u${hex[unit >> 12]}${hex[(unit >> 8) & 15]}${hex[(unit >> 4) & 15]}${hex[unit & 15]}`;

function writeString(text: string): string {
  let out = '"';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // Printable ASCII (space to ~) except the quote and the backslash passes through, as in Python.
    if (unit >= 0x20 && unit <= 0x7e && unit !== 0x22 && unit !== 0x5c) continue;
    out += text.slice(from, i);
    // Surrogates are escaped unit by unit, which is exactly Python's pair for an astral character.
    out += shortEscapes[text[i] as string] ?? unicodeEscape(unit);
    from = i + 1;
  }
  return `${out}${text.slice(from)}"`;
}

/** Python's str ordering: by code point, where UTF-16 order differs for astral vs U+E000–U+FFFF. */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    if (a.charCodeAt(i) !== b.charCodeAt(i)) return (a.codePointAt(i) as number) - (b.codePointAt(i) as number);
  }
  return a.length - b.length;
}

function writeNumber(value: number, path: string): string {
  if (!Number.isFinite(value)) throw new CanonicalJsonError(path, `is ${value}, which JSON cannot carry`);
  if (Number.isInteger(value)) {
    if (!Number.isSafeInteger(value))
      throw new CanonicalJsonError(path, "is an integer beyond 2^53, which JavaScript cannot hold exactly: send it as a string");
    return String(value === 0 ? 0 : value);
  }
  if (Math.abs(value) < 1e-4)
    throw new CanonicalJsonError(path, "is a number Python prints differently (exponent form): send amounts as strings or integers");
  return String(value);
}

function write(value: unknown, path: string, open: Set<object>): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
      return writeString(value);
    case "boolean":
      return value ? "true" : "false";
    case "number":
      return writeNumber(value, path);
    case "object":
      break;
    default:
      throw new CanonicalJsonError(path, `is a ${typeof value}, which JSON cannot carry`);
  }
  if (open.has(value as object)) throw new CanonicalJsonError(path, "refers back to itself");
  open.add(value as object);
  try {
    if (Array.isArray(value)) return `[${value.map((item, index) => write(item, `${path}/${index}`, open)).join(", ")}]`;
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null)
      throw new CanonicalJsonError(
        path,
        `is a ${(value as object).constructor?.name ?? "class instance"}, not plain data (write dates and amounts as strings)`,
      );
    const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined);
    entries.sort(([a], [b]) => compareCodePoints(a, b));
    return `{${entries.map(([key, item]) => `${writeString(key)}: ${write(item, `${path}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`, open)}`).join(", ")}}`;
  } finally {
    open.delete(value as object);
  }
}

/** `json.dumps(value, sort_keys=True)`, byte for byte (undefined properties are left out, as JSON.stringify does). */
export function pythonJsonDumps(value: unknown): string {
  return write(value, "", new Set());
}

/** The bytes Bank 131 signs: UTF-8 of `json.dumps(payload, sort_keys=True) + '\r\n'` (all ASCII by construction). */
export function canonicalPayloadBytes(payload: unknown): Uint8Array {
  return new TextEncoder().encode(`${pythonJsonDumps(payload)}\r\n`);
}
