/** Pointers come from the spec (a handful per API): each is split and unescaped once. */
const tokensOf = new Map<string, readonly string[]>();

function tokens(pointer: string): readonly string[] {
  let found = tokensOf.get(pointer);
  if (found === undefined) {
    found = pointer
      .split("/")
      .slice(1)
      .map((token) => token.replace(/~1/g, "/").replace(/~0/g, "~"));
    tokensOf.set(pointer, found);
  }
  return found;
}

/** The value at a JSON pointer (`/answer/result`, RFC 6901 escapes), or undefined when the path is not there. */
export function valueAtPointer(value: unknown, pointer: string): unknown {
  let current = value;
  for (const token of tokens(pointer)) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[token];
  }
  return current;
}
