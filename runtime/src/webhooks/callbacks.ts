import { CallbackValidationError, type Violation } from "../errors.js";
import { jsonDepthExceeds, maxJsonDepth } from "../http/json-text.js";
import type { Validator } from "../validation/violations.js";

/** One callback (or webhook) the API sends to the application; generated from the spec. */
export interface CallbackSpec {
  /** The callback's name in the spec, such as `transactionCallback`. */
  name: string;
  /** Validates the parsed JSON body. */
  validate: Validator;
}

/** A received callback request, independent of the HTTP framework. */
export interface CallbackRequest {
  body: string | Uint8Array;
}

/** What to answer the sender. */
export interface CallbackReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const decoder = new TextDecoder("utf-8", { fatal: true });

function parseJson(name: string, body: string | Uint8Array): unknown {
  try {
    const text = typeof body === "string" ? body : decoder.decode(body);
    if (jsonDepthExceeds(text)) {
      const violation = { path: "/body", rule: "depth", message: `nests deeper than ${maxJsonDepth} levels` };
      throw new CallbackValidationError({ operationId: name, attempts: 0 }, [violation]);
    }
    return JSON.parse(text);
  } catch (cause) {
    if (cause instanceof CallbackValidationError) throw cause;
    const violation = { path: "/body", rule: "json", message: "is not valid JSON (malformed or truncated)" };
    throw new CallbackValidationError({ operationId: name, attempts: 0 }, [violation], cause);
  }
}

/** Parses and validates one callback body; throws CallbackValidationError naming the field and rule. */
export function parseCallback<T>(spec: CallbackSpec, body: string | Uint8Array): T {
  const value = parseJson(spec.name, body);
  const violations = spec.validate(value, "/body");
  if (violations.length > 0) throw new CallbackValidationError({ operationId: spec.name, attempts: 0 }, violations);
  return value as T;
}

/** A received callback: which one it was, and its typed body. */
export type CallbackEvent<Events> = { [Name in keyof Events]: { name: Name; body: Events[Name] } }[keyof Events];

/**
 * Recognizes which of the API's callbacks a body is: the first whose schema it satisfies. When none
 * matches, the error lists the violations against the closest one (the fewest violations).
 */
export function recognizeCallback<Events>(specs: readonly CallbackSpec[], body: string | Uint8Array): CallbackEvent<Events> {
  const name = specs.map((s) => s.name).join("|");
  const value = parseJson(name, body);
  let closest: { spec: CallbackSpec; violations: Violation[] } | undefined;
  for (const spec of specs) {
    const violations = spec.validate(value, "/body");
    if (violations.length === 0) return { name: spec.name, body: value } as CallbackEvent<Events>;
    if (!closest || violations.length < closest.violations.length) closest = { spec, violations };
  }
  throw new CallbackValidationError({ operationId: closest?.spec.name ?? name, attempts: 0 }, closest?.violations ?? []);
}

export type CallbackHandlers<Events> = { [Name in keyof Events]?: (body: Events[Name]) => unknown };

const json = { "content-type": "application/json" };

/**
 * A framework-agnostic receiver: body in → validated, typed event → your handler → the reply to send.
 * Invalid bodies get 400 with the violations; a handler that throws gets 500 so the sender may retry;
 * a valid callback without a handler gets 202.
 */
export function createCallbackReceiver<Events>(specs: readonly CallbackSpec[], handlers: CallbackHandlers<Events>) {
  return async (request: CallbackRequest): Promise<CallbackReply> => {
    let event: CallbackEvent<Events>;
    try {
      event = recognizeCallback<Events>(specs, request.body);
    } catch (error) {
      if (!(error instanceof CallbackValidationError)) throw error;
      return { status: 400, headers: json, body: JSON.stringify({ error: "invalid callback", violations: error.violations }) };
    }
    const handler = handlers[event.name] as ((body: unknown) => unknown) | undefined;
    if (!handler) return { status: 202, headers: json, body: JSON.stringify({ received: event.name, handled: false }) };
    try {
      await handler(event.body);
    } catch {
      return { status: 500, headers: json, body: JSON.stringify({ error: "handler failed" }) };
    }
    return { status: 200, headers: json, body: JSON.stringify({ received: event.name }) };
  };
}
