/** Headers whose values are credentials or signatures: they never reach a log. */
const secretHeader =
  /^(authorization|proxy-authorization|cx-authorization|cookie|set-cookie|x-jws-signature)$|token|secret|password|passwd|session|api-?key|private|signature/i;

export const REDACTED = "[REDACTED]";

/** A plain copy of the headers with every credential replaced by `[REDACTED]`. */
export function redactHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = secretHeader.test(name) ? REDACTED : value;
  });
  return out;
}

/**
 * A copy of a parsed body in which every occurrence of the given values inside its strings is replaced by
 * `[REDACTED]`: a server's free-text message that repeats an IIN or a consent text the request carried.
 */
export function redactValues(value: unknown, values: readonly string[]): unknown {
  if (values.length === 0) return value;
  if (typeof value === "string") return values.reduce((text, needle) => text.split(needle).join(REDACTED), value);
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((item) => redactValues(item, values));
  return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, redactValues(field, values)]));
}

/** A copy of a parsed body with the values of the named fields (at any depth) replaced by `[REDACTED]`. */
export function redactFields(value: unknown, names: readonly string[] | undefined): unknown {
  if (!names || names.length === 0 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((item) => redactFields(item, names));
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) out[key] = names.includes(key) ? REDACTED : redactFields(field, names);
  return out;
}
