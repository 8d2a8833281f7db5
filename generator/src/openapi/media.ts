import type { BodyKind } from "../ir/types.js";

/** How a media type travels (see runtime `serializeBody` and `decodeResponseBody`). */
export function bodyKind(mediaType: string): BodyKind {
  const type = mediaType.split(";")[0]!.trim().toLowerCase();
  if (type === "application/json" || type.endsWith("+json") || type === "*/*+json") return "json";
  if (type === "application/x-www-form-urlencoded") return "form";
  if (type.startsWith("multipart/")) return "multipart";
  if (type.startsWith("text/") || type.endsWith("/xml") || type.endsWith("+xml")) return "text";
  return "binary";
}
