import { checkIin } from "./kz-iin.js";

/**
 * The helpers every generated `validators.js` imports (`@bankkit/runtime/validators`): one copy here instead of
 * one per package. The generated validators are plain functions `(d, p, e)` that push a violation into `e` for
 * each rule `d` breaks at path `p`; these are the pieces they share.
 */
type Violations = { path: string; rule: string; message: string }[];

export const fail = (e: Violations, path: string, rule: string, message: string): void => void e.push({ path, rule, message });

/*
 * Checks the generated validators call for their most frequent rules. Each takes the value, then the errors
 * array and the path as an expression's value `p` and a literal suffix `s` (`"/amount"`): the two are joined
 * only for a violation, so a valid value costs a call and a comparison. One function per type (not one made
 * by a factory), so that each call site stays monomorphic and inlines.
 */
export function tString(d: unknown, e: Violations, p: string, s: string): void {
  if (typeof d !== "string") fail(e, p + s, "type", "must be a string");
}
export function tNumber(d: unknown, e: Violations, p: string, s: string): void {
  if (typeof d !== "number" || !Number.isFinite(d)) fail(e, p + s, "type", "must be a number");
}
export function tInteger(d: unknown, e: Violations, p: string, s: string): void {
  if (!Number.isInteger(d)) fail(e, p + s, "type", "must be an integer");
}
export function tBoolean(d: unknown, e: Violations, p: string, s: string): void {
  if (typeof d !== "boolean") fail(e, p + s, "type", "must be a boolean");
}
export function tObject(d: unknown, e: Violations, p: string, s: string): void {
  if (!isObject(d)) fail(e, p + s, "type", "must be an object");
}
export function tArray(d: unknown, e: Violations, p: string, s: string): void {
  if (!Array.isArray(d)) fail(e, p + s, "type", "must be an array");
}
/** One of an enum's values (scalars: a Set); the message lists the first twelve. */
export function inEnum(d: unknown, values: ReadonlySet<unknown>, e: Violations, p: string, s: string): void {
  if (values.has(d)) return;
  const listed = [...values].slice(0, 12).map((v) => JSON.stringify(v));
  fail(e, p + s, "enum", `must be one of ${listed.join(", ")}${values.size > 12 ? ", …" : ""}`);
}
/** A required field: present, not undefined. */
export function req(d: Record<string, unknown>, k: string, e: Violations, p: string, s: string): void {
  if (d[k] === undefined) fail(e, `${p}${s}/${key(k)}`, "required", "is required");
}
/**
 * maxLength of a string (anything else passes: the type is another rule's), in code points; the UTF-16 length
 * bounds them (n/2 ≤ points ≤ n), so the count runs only when that cannot decide.
 */
export function maxLen(d: unknown, n: number, e: Violations, p: string, s: string): void {
  if (typeof d === "string" && d.length > n && length(d) > n) fail(e, p + s, "maxLength", `must be at most ${n} characters`);
}
/** At most `n` bytes once encoded in UTF-8 (`x-bankkit-max-bytes`): the limit of a document that counts bytes. */
export function maxBytes(d: unknown, n: number, e: Violations, p: string, s: string): void {
  if (typeof d !== "string" || d.length * 3 <= n) return;
  const bytes = utf8Length(d);
  if (bytes > n) fail(e, p + s, "x-bankkit-max-bytes", `must be at most ${n} bytes in UTF-8 (is ${bytes})`);
}

/** Bytes of a string in UTF-8, counted without encoding it; a lone surrogate counts as U+FFFD's 3. */
export function utf8Length(s: string): number {
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const unit = s.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit < 0xdc00 && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
export function minLen(d: unknown, n: number, e: Violations, p: string, s: string): void {
  if (typeof d === "string" && d.length < 2 * n && length(d) < n) fail(e, p + s, "minLength", `must be at least ${n} characters`);
}

/** A key as a JSON pointer token. */
export const key = (k: string): string => k.replace(/~/g, "~0").replace(/\//g, "~1");

export const isObject = (d: unknown): d is Record<string, unknown> => d !== null && typeof d === "object" && !Array.isArray(d);

/** Length in code points, as JSON Schema counts it (an emoji is one character, not two). */
export function length(s: string): number {
  let n = 0;
  for (const iterator = s[Symbol.iterator](); !iterator.next().done; ) n++;
  return n;
}

export const equal = (a: unknown, b: unknown): boolean =>
  a === b || (typeof a === "object" && typeof b === "object" && a !== null && b !== null && JSON.stringify(a) === JSON.stringify(b));

export function unique(a: readonly unknown[]): boolean {
  for (let i = 0; i < a.length; i++) for (let j = i + 1; j < a.length; j++) if (equal(a[i], a[j])) return false;
  return true;
}

/** Of the branches of an anyOf/oneOf that all failed, the violations of the one that came closest. */
export function closest(e: Violations, branches: Violations[]): void {
  let best = branches[0];
  for (const branch of branches) if (best && branch.length < best.length) best = branch;
  if (best) e.push(...best);
}

/** A YYYY-MM-DD day that exists. */
function dateOk(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const day = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  return day.getUTCMonth() === +m[2]! - 1 && day.getUTCDate() === +m[3]!;
}

type Day = [number, number, number];

/** A DD.MM.YYYY day that exists, as [year, month, day]. */
export function dmy(s: string): Day | undefined {
  const m = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(s);
  return m && dateOk(`${m[3]}-${m[2]}-${m[1]}`) ? [+m[3]!, +m[2]!, +m[1]!] : undefined;
}

/** A YYYYMMDD day that exists, as [year, month, day]. */
export function ymd(s: string): Day | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  return m && dateOk(`${m[1]}-${m[2]}-${m[3]}`) ? [+m[1]!, +m[2]!, +m[3]!] : undefined;
}

/** Whole years from a day to now, as an age is counted. */
export function yearsSince([y, m, d]: Day, now: Date = new Date()): number {
  const before = now.getMonth() + 1 < m || (now.getMonth() + 1 === m && now.getDate() < d);
  return now.getFullYear() - y - (before ? 1 : 0);
}

/** The formats validators check; any other format is an annotation only. */
export const formats: Record<string, (s: string) => boolean> = {
  date: dateOk,
  "date-time": (s) => /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.test(s) && dateOk(s.slice(0, 10)),
  time: (s) => /^\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})?$/.test(s),
  email: (s) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s),
  uri: (s) => /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/.test(s),
  uuid: (s) => /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(s),
  ipv4: (s) => /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/.test(s),
  // Kazakhstan's IIN: the same rule as checkIin, which also says which part a value breaks.
  "kz-iin": (s) => checkIin(s) === undefined,
  hostname: (s) =>
    s.length <= 253 && /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/.test(s),
};
