import type { JsonObject } from "../ir/types.js";

const marked = new WeakMap<JsonObject, boolean>();

/**
 * Does the document mark any schema `readOnly` or `writeOnly`? Only then do its types carry openapi-typescript's
 * `$Read`/`$Write` markers and its validators a function per direction; other documents' output stays as it was.
 */
export function marksReadWrite(document: JsonObject): boolean {
  let found = marked.get(document);
  if (found === undefined) {
    found = /"(readOnly|writeOnly)":true/.test(JSON.stringify(document));
    marked.set(document, found);
  }
  return found;
}
