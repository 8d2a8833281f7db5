/**
 * The generator's intermediate representation of one API. Built from a bundled, validated OpenAPI
 * document by `openapi/build-ir.ts`, refined by the passes in `passes/`, read by the emitters in `emit/`.
 * Schemas are not copied into the IR: they are referred to by JSON pointer into `document`, which stays the
 * single source for schema types (openapi-typescript) and validators (emit/validators).
 */
import type { AnswerErrorSpec, BodyKind, BodySignatureSpec, EnvelopeSpec, HttpMethod, JwsHeaderSpec } from "@bankkit/runtime";

export type { BodyKind, HttpMethod };

/** A JSON object from the bundled OpenAPI document. */
export type JsonObject = { [key: string]: unknown };

export interface ApiIR {
  /** Package name without scope, kebab-case: `pc-server`. From the spec file name or `--name`. */
  id: string;
  /** `info.title`. */
  title: string;
  /** `info.version`. */
  version: string;
  description?: string;
  /** `openapi` field: 3.0.x or 3.1.x; decides how schemas are read for validators. */
  openapiVersion: string;
  /** Spec path as given, relative to the repository when possible; named in file headers. */
  specPath: string;
  /** sha256 of the bundled document: identifies the spec contents (including files it references). */
  specHash: string;
  servers: ServerIR[];
  /** Operations in document order (paths, then methods in HTTP order). */
  operations: OperationIR[];
  /** Callbacks and webhooks the API sends to the application, unique by name. */
  callbacks: CallbackIR[];
  /** The answer envelope, when the spec declares `x-bankkit-envelope`. */
  envelope?: EnvelopeIR;
  /** The error-code table, when the spec declares `x-bankkit-error-codes`. */
  errorCodes: ErrorCodeIR[];
  /** Names of properties marked `x-bankkit-personal-data`, redacted from error bodies. Set by a pass. */
  personalData: string[];
  /** 2xx answers that say "error" inside (`x-bankkit-answer-errors`). Set by the `answer-errors` pass. */
  answerErrors?: AnswerErrorSpec;
  /** `x-bankkit-flows`: client methods that chain operations (draft → confirm → wait). Set by the `flows` pass. */
  flows: FlowIR[];
  /** `x-bankkit-server: true`: the API is served by the user (a bank's endpoints); a server is generated too. */
  server?: { schemes: Record<string, { in: "header" | "query"; name: string }> };
  /** The bundled document; passes may add components (for example hoisted inline callback schemas). */
  document: JsonObject;
}

export interface ServerIR {
  /** `x-bankkit-name`, else `default` for the first server and `server<i>` after it. */
  name: string;
  url: string;
  description?: string;
  variables: Record<string, { default: string; enum?: string[]; description?: string }>;
}

export interface OperationIR {
  /** `operationId`, or one derived from method and path when the spec has none. */
  operationId: string;
  /** Name of the generated method: camelCase of the operationId, unique. Set by the `method-names` pass. */
  methodName: string;
  method: HttpMethod;
  path: string;
  /** JSON pointer of the operation object: `#/paths/~1users/post`. */
  pointer: string;
  summary?: string;
  description?: string;
  deprecated: boolean;
  tags: string[];
  /** Path-level and operation-level parameters merged (operation wins), `$ref`s resolved. */
  parameters: ParameterIR[];
  requestBody?: RequestBodyIR;
  responses: ResponseIR[];
  /** Names of callbacks this operation triggers (see `ApiIR.callbacks`). */
  callbacks: string[];
  /** What a successful call returns once unwrapped. Set by the `envelope` pass. */
  envelope?: OperationEnvelopeIR;
  /** The API has an envelope, but this operation's answers are not in it (`x-bankkit-envelope: false`). */
  outsideEnvelope?: boolean;
  /** The spec says repeating the call has no further effect (`x-bankkit-safe-to-retry`), e.g. a read sent as POST. */
  safeToRetry: boolean;
  /** Headers the vendor document sends on this call whatever its input (`x-bankkit-headers`): name → value. */
  fixedHeaders?: Record<string, string>;
  /** Where the call carries its idempotency key (`x-bankkit-idempotency`). Set by the `idempotency` pass. */
  idempotency?: { in: "header" | "body"; name: string; duplicateCode?: number; maxLength?: number };
  /** The body field the client fills with a signature over the rest of the body (`x-bankkit-signature`). */
  signature?: BodySignatureSpec;
  /** A header the client fills per attempt with a detached JWS over the body (`x-bankkit-jws`). */
  jws?: JwsHeaderSpec;
  /** A second method that repeats this read until the answer is final (`x-bankkit-poll`). */
  poll?: { method: string; pointer: string; values: (string | number | boolean)[]; initialDelayMs?: number; maxDelayMs?: number };
  /** `x-bankkit-arguments`: the method takes these arguments instead of `{ path, query, header, body }`. */
  arguments?: { style: "positional" | "object"; list: ArgumentIR[] };
  /** `x-bankkit-ascending`: input fields (`path/fromDate`) whose values may not decrease in this order. */
  ascending?: ArgumentTarget[];
  /** `x-bankkit-unzip`: the JSON answer carries a base64 zip at this pointer; the call resolves to its files. */
  unzip?: { pointer: string };
  /** For a served API: the security alternatives (scheme names; an empty list means none). Set by the `server-side` pass. */
  security?: string[][];
  /** `x-bankkit-deadline-ms`: a served operation must answer within this many milliseconds. */
  deadlineMs?: number;
}

/** A client method that calls several operations in turn, each step's input built from the flow's input and earlier results. */
export interface FlowIR {
  /** The method's name. */
  name: string;
  summary?: string;
  description?: string;
  /** The operation whose input the flow takes. */
  input: OperationIR;
  steps: FlowStepIR[];
}

export interface FlowStepIR {
  /** The client method the step calls (an operation's, or a poll method). */
  call: string;
  operation: OperationIR;
  /** The step's input: `$input`, a template of values and references, or nothing for a method without input. */
  input?: FlowValue;
}

/** A value in a step's input: a reference to the flow's input or an earlier step's result, an object of values, or a literal. */
export type FlowValue = { ref: "input" | number; pointer: string[] } | { object: Record<string, FlowValue> } | { literal: unknown };

/** A place in a call's input: a parameter, the whole body, or one property of a JSON object body. */
export interface ArgumentTarget {
  in: "path" | "query" | "header" | "cookie" | "body";
  /** The parameter's name, or the body property's; absent for the whole body. */
  name?: string;
}

/** One argument of a method shaped by `x-bankkit-arguments`. */
export interface ArgumentIR extends ArgumentTarget {
  /** The argument's name in the method (a positional parameter or a property of the arguments object). */
  argument: string;
  required: boolean;
  /** `x-bankkit-date` of the target's schema: the argument also takes a `Date`, written in this form. */
  date?: "YYYYMMDD" | "DD.MM.YYYY";
}

export interface ParameterIR {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required: boolean;
  description?: string;
  /** Pointer to the parameter's schema (`…/schema`), or to its single `content` media type's schema. */
  schemaPointer?: string;
  /** Serialization style as declared (`form`, `simple`, `label`, `matrix`, `deepObject`, …); defaults apply when absent. */
  style?: string;
  /** `explode` as declared; defaults apply when absent. */
  explode?: boolean;
  /** `x-bankkit-generated`: the runtime fills a header the caller leaves out — a UUID once per call, or the current date-time per attempt. */
  generated?: "uuid" | "date-time";
}

export interface RequestBodyIR {
  required: boolean;
  description?: string;
  /** The media types in spec order; the client sends the first (JSON preferred, see build-ir). */
  contents: MediaIR[];
  /** `x-bankkit-max-bytes`: the largest binary body the client sends. */
  maxBytes?: number;
  /** `x-bankkit-personal-data: true` on the request body: the body itself is personal (a photo). */
  personal?: boolean;
}

export interface MediaIR {
  mediaType: string;
  kind: BodyKind;
  /** Pointer to the media type's schema, when it has one. */
  schemaPointer?: string;
  /** An XML body typed by a schema in specs/xsd (`x-bankkit-xml` with `xsd`). */
  xml?: XmlMediaIR;
}

/** `x-bankkit-xml: { xsd, profile?, list? }`: the body is a message of that schema, read under a profile. */
export interface XmlMediaIR {
  /** The schema, relative to the working directory (`specs/xsd/kisc/envelope.xsd`). */
  xsd: string;
  profile?: "iso" | "kisc";
  /** The body is a list of the schema's root inside these wrapper elements (Clark notation), outermost first. */
  list?: string[];
  /** A request body is XML-signed into this element (local names, `["AppHdr", "Sgntr"]`) when the client has an `xmlSigner`. */
  signature?: string[];
  /** `encrypted: true`: the body may travel as EncryptedData, encrypted and decrypted by the client's `xmlEncryptor`. */
  encrypted?: boolean;
}

export interface ResponseIR {
  /** `200`, `2XX` or `default`, as in the spec. */
  status: string;
  description?: string;
  contents: MediaIR[];
  /** The pointer of the `x-bankkit-assumption` that marks this whole answer as assumed, not documented. */
  assumed?: string;
}

export interface CallbackIR {
  /** Key of the callback in `callbacks` (or of the webhook in `webhooks`), made unique. */
  name: string;
  /** `x-bankkit` readers and docs: the pointer of the request body schema sent by the API. */
  schemaPointer: string;
  /** Name of the schema in `components.schemas` that types the body (hoisted when it was inline). */
  schemaName?: string;
  summary?: string;
  description?: string;
  /** Operations that trigger it; empty for webhooks. */
  operationIds: string[];
}

/** `x-bankkit-envelope`: every JSON answer wraps its result and payload the same way. */
export interface EnvelopeIR extends EnvelopeSpec {
  /** Pointer of the envelope schema, such as `#/components/schemas/Answer`. */
  schema: string;
  /** Name of the generated error class, such as `PcError` (`errorClass`, default `<Api>Error`). */
  errorClass: string;
}

/** How an operation's successful answer is unwrapped from the envelope. */
export interface OperationEnvelopeIR {
  /** Key under `payloadParent` that holds the payload; absent for result-only answers. */
  payloadKey?: string;
  /** Pointer to the payload's schema. */
  payloadSchemaPointer?: string;
  /** The JSON answer only ever reports errors: success is bytes or text. */
  errorsOnly: boolean;
}

export interface ErrorCodeIR {
  code: number;
  name: string;
  meaning: string;
}
