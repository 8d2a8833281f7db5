import { type ErrorContext, RequestValidationError } from "../errors.js";
import type { BinaryBody } from "./operation.js";

/** What a binary body may be: the media types the spec accepts (told apart by their bytes) and a size cap. */
export interface BinarySniffSpec {
  types: readonly string[];
  maxBytes?: number;
}

/** Magic numbers of the formats a bank API takes as uploads. */
const signatures: [string, number[]][] = [
  ["image/png", [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ["image/jpeg", [0xff, 0xd8, 0xff]],
  ["image/gif", [0x47, 0x49, 0x46, 0x38]],
  ["application/pdf", [0x25, 0x50, 0x44, 0x46, 0x2d]],
];

/** The media type the bytes show, or undefined. */
export function sniffMediaType(bytes: Uint8Array): string | undefined {
  return signatures.find(([, magic]) => magic.every((byte, i) => bytes[i] === byte))?.[0];
}

async function bytesOf(body: BinaryBody): Promise<{ bytes: Uint8Array; declared?: string }> {
  if (body instanceof Blob) return { bytes: new Uint8Array(await body.arrayBuffer()), ...(body.type ? { declared: body.type } : {}) };
  return { bytes: body instanceof Uint8Array ? body : new Uint8Array(body) };
}

/**
 * The media type to send a binary body as, read from its bytes: an empty or oversized body, bytes of a
 * format the spec does not accept, or a Blob whose declared type contradicts its bytes (a PNG labelled
 * JPEG) are refused before anything is sent — without echoing the bytes (a photo is personal data).
 */
export async function sniffBinaryBody(spec: BinarySniffSpec, body: BinaryBody, context: ErrorContext): Promise<string> {
  const { bytes, declared } = await bytesOf(body);
  const refuse = (message: string): never => {
    throw new RequestValidationError(context, [{ path: "/body", rule: "media", message }]);
  };
  if (bytes.length === 0) return refuse("is empty");
  if (spec.maxBytes !== undefined && bytes.length > spec.maxBytes) return refuse(`is larger than ${spec.maxBytes} bytes`);
  const found = sniffMediaType(bytes);
  if (!found || !spec.types.includes(found)) return refuse(`must be ${spec.types.join(" or ")}; its bytes are ${found ?? "none of these"}`);
  if (declared && declared !== found) return refuse(`is declared ${declared} but its bytes are ${found}`);
  return found;
}
