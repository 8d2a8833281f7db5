import { type ErrorContext, ResponseValidationError } from "../errors.js";
import type { Validator } from "../validation/violations.js";
import { parseWithDecimals } from "./decimals.js";
import type { Answer } from "./dispatch.js";
import { lossyNumbers, scanJson, tooDeep } from "./json-text.js";
import { isXmlBodySpec, type XmlBodySpec } from "./xml-body.js";

const decoder = new TextDecoder("utf-8", { fatal: true });

/**
 * A JSON or XML body as text: bytes that are not UTF-8 are refused, not turned into U+FFFD — a replaced byte
 * in a name or an amount's currency would pass on as if it had been sent.
 */
function utf8(bytes: Uint8Array, context: ErrorContext, status: number): string {
  try {
    return decoder.decode(bytes);
  } catch {
    throw new ResponseValidationError(context, status, [{ path: "/body", rule: "encoding", message: "is not valid UTF-8" }]);
  }
}

export function isJsonMediaType(mediaType: string): boolean {
  return mediaType === "application/json" || mediaType.endsWith("+json");
}

function mediaTypeOf(response: Answer): string {
  const header = response.headers.get("content-type");
  if (header === null) return "";
  const end = header.indexOf(";");
  return (end < 0 ? header : header.slice(0, end)).trim().toLowerCase();
}

/** Finds the declared response for a status: exact code, then `2XX`-style range, then `default`. */
export function declaredResponse(
  responses: Record<string, Record<string, Validator | XmlBodySpec | null>>,
  status: number,
): Record<string, Validator | XmlBodySpec | null> | undefined {
  const key = declaredStatus(responses, status);
  return key === undefined ? undefined : responses[key];
}

/** The key the spec declares a status under: itself, its class (`4XX`) or `default`. */
export function declaredStatus(responses: Record<string, unknown>, status: number): string | undefined {
  return [String(status), `${String(status)[0]}XX`, "default"].find((key) => responses[key] !== undefined);
}

export interface DecodedBody {
  json: boolean;
  value: unknown;
  /** The validator of the matched JSON media type, to run once the caller is ready to. */
  validator?: Validator | null;
  /** The model of the matched XML media type: the text is to be parsed by it. */
  xml?: XmlBodySpec;
}

/**
 * Turns the bytes of a 2xx response into what the operation returns: parsed and validated JSON, bytes, or
 * text. A body that is not what the spec declares (another content type, broken or truncated JSON) is a
 * ResponseValidationError; schema validation is left to the caller.
 */
export function decodeResponseBody(
  response: Answer,
  bytes: Uint8Array | undefined,
  declared: Record<string, Validator | XmlBodySpec | null>,
  context: ErrorContext,
  decimals?: readonly string[],
): DecodedBody {
  const status = response.status;
  const declaredTypes = Object.keys(declared);
  if (declaredTypes.length === 0) return { json: false, value: undefined };
  if (bytes === undefined || bytes.byteLength === 0) {
    throw new ResponseValidationError(context, status, [{ path: "/body", rule: "required", message: "is empty" }]);
  }
  const mediaType = mediaTypeOf(response);
  const matched =
    declaredTypes.find((t) => t === mediaType) ??
    declaredTypes.find((t) => isJsonMediaType(t) && isJsonMediaType(mediaType)) ??
    declaredTypes.find((t) => t === "*/*" || (t.endsWith("/*") && mediaType.startsWith(t.slice(0, -1))));
  if (matched === undefined) {
    const message = `content type "${mediaType || "none"}" is not one of ${declaredTypes.join(", ")}`;
    throw new ResponseValidationError(context, status, [{ path: "/headers/content-type", rule: "mediaType", message }]);
  }
  if (isJsonMediaType(matched)) {
    let value: unknown;
    const text = utf8(bytes, context, status);
    const scan = scanJson(text);
    if (scan.tooDeep) throw tooDeep(context, status);
    try {
      value = JSON.parse(text);
    } catch {
      // Not the parser's error as cause: its message quotes the body, which may be personal data.
      const message = "is not valid JSON (malformed or truncated)";
      throw new ResponseValidationError(context, status, [{ path: "/body", rule: "json", message }]);
    }
    // Money never changes on the way in: decimal amounts keep the digits sent, and any other number
    // JSON.parse would round is refused, with its place.
    if (decimals?.length) {
      const exact = parseWithDecimals(text, decimals);
      if (exact.violations.length > 0) throw new ResponseValidationError(context, status, exact.violations);
      value = exact.value;
    }
    const lossy = scan.longNumbers && !decimals?.length ? lossyNumbers(text) : [];
    if (lossy.length > 0) throw new ResponseValidationError(context, status, lossy);
    const validator = declared[matched];
    return { json: true, value, validator: typeof validator === "function" ? validator : null };
  }
  if (matched.startsWith("text/") || matched.endsWith("/xml") || matched.endsWith("+xml")) {
    const xml = declared[matched];
    const markup = matched.endsWith("/xml") || matched.endsWith("+xml");
    const text = markup ? utf8(bytes, context, status) : new TextDecoder().decode(bytes);
    return { json: false, value: text, ...(isXmlBodySpec(xml) ? { xml } : {}) };
  }
  return { json: false, value: new Uint8Array(bytes) };
}
