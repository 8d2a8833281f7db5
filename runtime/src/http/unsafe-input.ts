import type { Violation } from "../errors.js";
import { breaksHeader } from "./header-value.js";
import type { OperationInput } from "./operation.js";

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * What no spec allows though a schema may not say so: a whole path parameter `.` or `..` (or an encoding of
 * one), which URL resolution turns into a step out of the base path (`/users/..` → `/`), and a header value
 * with CR, LF or NUL, which splits the request. Named by field, never by value.
 */
export function unsafeInput(input: OperationInput, headers: Readonly<Record<string, string>> | undefined): Violation[] {
  const violations: Violation[] = [];
  for (const [name, value] of Object.entries(input.path ?? {})) {
    const text = decoded(String(value));
    if (text === "." || text === "..")
      violations.push({ path: `/path/${name}`, rule: "path-segment", message: "must not be . or .. (it would leave the API's base path)" });
  }
  for (const [part, values] of [
    ["header", input.header ?? {}],
    ["options/headers", headers ?? {}],
  ] as const)
    for (const [name, value] of Object.entries(values))
      if (typeof value === "string" && breaksHeader(value))
        violations.push({ path: `/${part}/${name}`, rule: "header-value", message: "must not contain CR, LF or NUL" });
  return violations;
}
