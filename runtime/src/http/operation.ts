import type { Validator } from "../validation/violations.js";
import type { unzipAnswer } from "../zip/unzip-answer.js";
import type { BinarySniffSpec } from "./binary-sniff.js";
import type { BodySignatureSpec } from "./body-signature.js";
import type { DecimalPaths } from "./decimals.js";
import type { IdempotencySpec } from "./idempotency.js";
import type { JwsHeaderSpec } from "./jws-header.js";
import type { ParameterStyle } from "./parameters.js";
import type { XmlBodySpec } from "./xml-body.js";

export type HttpMethod = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";

/**
 * How a body travels: `json` is serialized with JSON.stringify; `form` is URL-encoded; `multipart` is
 * FormData; `binary` is bytes as given; `text` is a string as given (XML bodies are `text` too).
 */
export type BodyKind = "json" | "form" | "multipart" | "binary" | "text";

/** Everything the runtime needs to know about one operation; generated from the spec, one per operationId. */
export interface OperationSpec {
  id: string;
  method: HttpMethod;
  /** Path template relative to the server URL, as in the spec. */
  path: string;
  /** The path template in openapi-fetch's syntax when a path parameter has a non-default style (`{.id*}`). */
  requestPath?: string;
  /** Declared styles of query and header parameters (absent: the defaults, form/explode and simple). */
  styles?: { query?: Record<string, ParameterStyle>; header?: Record<string, ParameterStyle> };
  /**
   * Headers the vendor document sends on this call whatever its input (`Accept`, a `Content-Type` even without
   * a body): set first, so a body's own media type and the caller's headers win.
   */
  headers?: Record<string, string>;
  /** Header parameters filled when the caller leaves them out: a UUID once per call, the date-time per attempt. */
  generatedHeaders?: Record<string, "uuid" | "date-time">;
  /** Repeating the call has no further effect (a read sent as POST): retried like an idempotent method. */
  safeToRetry?: boolean;
  /** Where the call carries an idempotency key, for operations the spec marks as keyed. */
  idempotency?: IdempotencySpec;
  /** Validates `{ path, query, header, body }` before anything is sent. */
  validateRequest?: Validator;
  /** A header the client fills, on every attempt, with a detached JWS over the body bytes sent (`x-bankkit-jws`). */
  jws?: JwsHeaderSpec;
  /** The body field the client fills with a signature over the rest of the body, after validating it. */
  signature?: BodySignatureSpec;
  /** The request body's media type and how to serialize it; an XML body with a model is validated and written by it. */
  /** `personal`: the body is personal data itself (a photo), kept out of error bodies that repeat it. */
  body?: { mediaType: string; kind: BodyKind; xml?: XmlBodySpec; sniff?: BinarySniffSpec; personal?: boolean };
  /**
   * Declared responses: status (`200`, `2XX`, `default`) → media type → validator of the parsed JSON
   * (null for bytes and text, and for JSON schemas that accept anything), or the model of an XML body.
   */
  responses: Record<string, Record<string, Validator | XmlBodySpec | null>>;
  /**
   * Answers the vendor document does not show, by status: the pointer of their `x-bankkit-assumption`. An
   * answer that differs from such a shape is returned as received and logged as `contract-drift`.
   */
  assumed?: Record<string, string>;
  /**
   * For APIs with an answer envelope: the key under the payload parent that holds this answer's payload;
   * `errorsOnly` when a JSON answer can only report an error (success is bytes or text); `false` for an
   * operation whose answers are not in the envelope (a health check).
   */
  envelope?: { payloadKey?: string; errorsOnly?: boolean } | false;
  /**
   * The JSON answer carries a base64 zip at this pointer; the call resolves to the files inside
   * (`x-bankkit-unzip`). The generated package passes `unzipAnswer` from `@bankkit/runtime/zip`, so only the
   * packages that unzip install fflate.
   */
  unzip?: { pointer: string; read: typeof unzipAnswer };
  /** Where JSON bodies hold decimal amounts (`format: decimal`): strings for the caller, exact digits on the wire. */
  decimals?: DecimalPaths;
}

/** The answer envelope of an API (`x-bankkit-envelope`), read by the runtime to unwrap answers. */
export interface EnvelopeSpec {
  /** Top-level property naming the answer's type: the payload key, or `resultOnlyType` without payload. */
  typeProperty: string;
  /** JSON pointer to the result object, such as `/answer/result`. */
  resultPointer: string;
  codeProperty: string;
  messageProperty: string;
  successCode: number;
  /** JSON pointer to the object that holds the payload under the key named by the answer type. */
  payloadParent: string;
  /** The answer type of a successful answer without payload, such as `result_only`. */
  resultOnlyType: string;
}

/** Input of one call, grouped as the spec groups parameters. */
export interface OperationInput {
  path?: Record<string, unknown>;
  query?: Record<string, unknown>;
  header?: Record<string, unknown>;
  cookie?: Record<string, unknown>;
  body?: unknown;
}

/** Bytes accepted as a binary request body. */
export type BinaryBody = Uint8Array | ArrayBuffer | Blob;
