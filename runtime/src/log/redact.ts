/** Headers whose values are credentials or signatures: they never reach a log. */
const secretHeader =
  /^(authorization|proxy-authorization|cx-authorization|cookie|set-cookie|x-api-key|x-jws-signature)$|token|secret|password|session/i;

export const REDACTED = "[REDACTED]";

/** A plain copy of the headers with every credential replaced by `[REDACTED]`. */
export function redactHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = secretHeader.test(name) ? REDACTED : value;
  });
  return out;
}
