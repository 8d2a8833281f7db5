import { stringifyWithDecimals } from "./decimals.js";
import type { BinaryBody, BodyKind } from "./operation.js";

/** The openapi-fetch options that put a body on the wire with the declared media type. */
export interface SerializedBody {
  body: unknown;
  bodySerializer: (body: unknown) => unknown;
  headers: Record<string, string>;
}

const passThrough = (body: unknown) => body;

function toBytes(body: BinaryBody): Uint8Array | Blob {
  return body instanceof ArrayBuffer ? new Uint8Array(body) : body;
}

function toForm(body: unknown): URLSearchParams {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) form.append(key, String(item));
  }
  return form;
}

function toMultipart(body: unknown): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item instanceof Blob) form.append(key, item);
      else if (item instanceof Uint8Array || item instanceof ArrayBuffer) form.append(key, new Blob([item]));
      else form.append(key, typeof item === "object" ? JSON.stringify(item) : String(item));
    }
  }
  return form;
}

/** Serializes a request body by its kind; JSON goes through openapi-fetch's own serializer. */
export function serializeBody(
  spec: { mediaType: string; kind: BodyKind },
  body: unknown,
  decimals?: readonly string[],
): SerializedBody | undefined {
  if (body === undefined) return undefined;
  const contentType = { "Content-Type": spec.mediaType };
  switch (spec.kind) {
    case "json":
      return {
        body,
        bodySerializer: decimals?.length ? (b) => stringifyWithDecimals(b, decimals) : (b) => JSON.stringify(b),
        headers: contentType,
      };
    case "form":
      return { body: toForm(body), bodySerializer: passThrough, headers: contentType };
    case "multipart":
      // fetch sets the multipart boundary itself.
      return { body: toMultipart(body), bodySerializer: passThrough, headers: {} };
    case "binary":
      return { body: toBytes(body as BinaryBody), bodySerializer: passThrough, headers: contentType };
    case "text":
      return { body: String(body), bodySerializer: passThrough, headers: contentType };
  }
}
