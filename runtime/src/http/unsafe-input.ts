import type { Violation } from "../errors.js";
import { breaksHeader } from "./header-value.js";
import type { OperationInput } from "./operation.js";

/** `.` or `..`, as given or percent-encoded (`%2e%2E` is the longest spelling: 6 characters). */
function isDotSegment(text: string): boolean {
  if (text.length > 6) return false;
  let plain = text;
  try {
    plain = decodeURIComponent(text);
  } catch {}
  return plain === "." || plain === "..";
}

/**
 * What no spec allows though a schema may not say so: a whole path parameter `.` or `..` (or an encoding of
 * one), which URL resolution turns into a step out of the base path (`/users/..` → `/`), and a header value
 * with CR, LF or NUL, which splits the request. Named by field, never by value.
 */
export function unsafeInput(input: OperationInput, ...headerSets: (Readonly<Record<string, string>> | undefined)[]): Violation[] {
  const violations: Violation[] = [];
  for (const name in input.path) {
    if (isDotSegment(String(input.path[name])))
      violations.push({ path: `/path/${name}`, rule: "path-segment", message: "must not be . or .. (it would leave the API's base path)" });
  }
  const refuse = (part: string, name: string) =>
    violations.push({ path: `/${part}/${name}`, rule: "header-value", message: "must not contain CR, LF or NUL" });
  const header = input.header ?? {};
  for (const name in header) if (typeof header[name] === "string" && breaksHeader(header[name])) refuse("header", name);
  for (const headers of headerSets) for (const name in headers) if (breaksHeader(headers[name] as string)) refuse("options/headers", name);
  return violations;
}
