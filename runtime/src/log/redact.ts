/** Headers whose values are credentials or signatures: they never reach a log. */
const secretHeader =
  /^(authorization|proxy-authorization|cx-authorization|cookie|set-cookie|x-jws-signature)$|token|secret|password|passwd|session|api-?key|private|signature/i;

export const REDACTED = "[REDACTED]";

/**
 * A plain copy of the headers with every credential replaced by `[REDACTED]`: those whose names say so, and
 * `secret` — lower-case names the spec's security schemes and the auth in use declare (`x-partner-project`).
 */
export function redactHeaders(headers: Headers, secret?: ReadonlySet<string>): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = secretHeader.test(name) || secret?.has(name) ? REDACTED : value;
  });
  return out;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * A copy of a parsed body in which every occurrence of the given values inside its strings (and keys) is
 * replaced by `[REDACTED]`, whatever their length and case: a server's free-text message that repeats an
 * IIN, a surname such as "Ким" or a consent text the request carried. Objects come back without prototype.
 */
export function redactValues(value: unknown, values: readonly string[]): unknown {
  // Longest first, so that a value inside another is not cut out of it first.
  const needles = values.filter((v) => v.length > 0).sort((a, b) => b.length - a.length);
  if (needles.length === 0) return value;
  // Text values go into one case-insensitive pattern; long ones (a photo's base64, megabytes) are cut as they
  // are — a pattern that size does not compile, and its error message would quote the photo.
  const long = needles.filter((v) => v.length > 256);
  const short = needles.filter((v) => v.length <= 256);
  const pattern = short.length > 0 ? new RegExp(short.map(escapeRegExp).join("|"), "giu") : undefined;
  const cut = (text: string) => {
    const rest = long.reduce((out, needle) => out.split(needle).join(REDACTED), text);
    return pattern ? rest.replace(pattern, REDACTED) : rest;
  };
  const visit = (item: unknown): unknown => {
    if (typeof item === "string") return cut(item);
    if (item === null || typeof item !== "object") return item;
    if (Array.isArray(item)) return item.map(visit);
    const out: Record<string, unknown> = Object.create(null);
    for (const [key, field] of Object.entries(item)) out[cut(key)] = visit(field);
    return out;
  };
  return visit(value);
}

/** A copy of a parsed body with the values of the named fields (at any depth) replaced by `[REDACTED]`. */
export function redactFields(value: unknown, names: readonly string[] | undefined): unknown {
  if (!names || names.length === 0 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((item) => redactFields(item, names));
  const out: Record<string, unknown> = Object.create(null);
  for (const [key, field] of Object.entries(value)) out[key] = names.includes(key) ? REDACTED : redactFields(field, names);
  return out;
}
