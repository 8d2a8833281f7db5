import { checkIin } from "./kz-iin.js";

/**
 * The helpers every generated `validators.js` imports (`@bankkit/runtime/validators`): one copy here instead of
 * one per package. The generated validators are plain functions `(d, p, e)` that push a violation into `e` for
 * each rule `d` breaks at path `p`; these are the pieces they share.
 */
type Violations = { path: string; rule: string; message: string }[];

export const fail = (e: Violations, path: string, rule: string, message: string): void => void e.push({ path, rule, message });

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
