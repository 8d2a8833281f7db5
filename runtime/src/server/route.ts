import type { HttpMethod } from "../http/operation.js";
import type { Validator } from "../validation/violations.js";

/** How a parameter's text is read before validation (query, path and header values arrive as strings). */
export type ParameterType = "string" | "integer" | "number" | "boolean" | "array";

/** One operation a generated server serves; emitted from the spec, one per operationId. */
export interface ServerRouteSpec {
  id: string;
  method: HttpMethod;
  /** The path template, as in the spec: `/payments/{payment_guid}`. */
  path: string;
  parameters: readonly { name: string; in: "path" | "query" | "header"; type: ParameterType; items?: ParameterType }[];
  /** A JSON request body, when the operation takes one. */
  body?: { required: boolean };
  /** The generated validator of `{ path, query, header, body }`. */
  validateRequest: Validator;
  /** Declared statuses (`200`, `default`) → validator of the JSON body the handler returns, or null for none. */
  responses: Record<string, Validator | null>;
  /** Security alternatives, each a list of scheme names (empty list: no authentication). */
  security: readonly (readonly string[])[];
  /** The answer must leave within this many milliseconds (`x-bankkit-deadline-ms`). */
  deadlineMs?: number;
}

/** Where a security scheme's credential travels (apiKey-style schemes). */
export interface SecuritySchemeSpec {
  in: "header" | "query";
  name: string;
}

/** A request as any HTTP framework can hand it over. */
export interface ServerRequest {
  method: string;
  /** Path and query, as in the request line: `/payments/7?with_stellar_info=true`. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: Uint8Array;
}

/** What to send back. */
export interface ServerReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** What a handler gets besides its input. */
export interface HandlerContext<Principal> {
  operationId: string;
  /** What the security scheme's `authenticate` returned (the verified JWT's claims); undefined without security. */
  principal: Principal | undefined;
  /** Aborted when the operation's deadline passes: stop working, the answer has been sent. */
  signal: AbortSignal;
}

/** A handler's answer: a status the spec declares for the operation and its body. */
export interface HandlerResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}
