/** The value at a JSON pointer (`/answer/result`, RFC 6901 escapes), or undefined when the path is not there. */
export function valueAtPointer(value: unknown, pointer: string): unknown {
  let current = value;
  for (const token of pointer.split("/").slice(1)) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[token.replace(/~1/g, "/").replace(/~0/g, "~")];
  }
  return current;
}
