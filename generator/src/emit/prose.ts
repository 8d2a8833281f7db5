import type { ApiIR } from "../ir/types.js";
import { isObject } from "../openapi/pointer.js";

/** A description's first paragraph on one line: what a table cell or a README line shows. */
export function firstParagraph(text: string | undefined): string {
  return (text ?? "")
    .split(/\n\s*\n/)[0]!
    .replace(/\s+/g, " ")
    .trim();
}

/** An API in one sentence: `info.summary`, else its description's first paragraph. */
export function apiSummary(api: ApiIR): string {
  const info = isObject(api.document.info) ? api.document.info : {};
  return typeof info.summary === "string" ? info.summary : firstParagraph(api.description);
}
