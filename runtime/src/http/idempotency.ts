import { randomUUID } from "node:crypto";
import type { OperationInput } from "./operation.js";

/**
 * Where an operation carries its idempotency key (`x-bankkit-idempotency` in the spec): a header such as
 * `x-idempotency-key`, or a field of the body given as a JSON pointer, such as PC's `/transaction_id`.
 */
export interface IdempotencySpec {
  in: "header" | "body";
  /** Header name, or JSON pointer into the body. */
  name: string;
  /** The API error code that answers a repeated key (PC: 271); on a retry it means "done earlier". */
  duplicateCode?: number;
  /** The longest key the field takes; shorter than a UUID, the key is the UUID's hex digits, cut. */
  maxLength?: number;
}

/** A new key: a UUID, or its 32 hex digits (cut to fit) where the field is shorter than a UUID. */
function newKey(spec: IdempotencySpec): string {
  const uuid = randomUUID();
  return spec.maxLength !== undefined && spec.maxLength < uuid.length ? uuid.replace(/-/g, "").slice(0, spec.maxLength) : uuid;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function tokens(pointer: string): string[] {
  return pointer
    .split("/")
    .slice(1)
    .map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function readPointer(value: unknown, pointer: string): unknown {
  let current = value;
  for (const token of tokens(pointer)) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[token];
  }
  return current;
}

/** A copy of `value` with `key` set at the pointer; objects on the way are copied, never mutated. */
function writePointer(value: unknown, pointer: string, key: string): unknown {
  const [head, ...rest] = tokens(pointer);
  if (head === undefined) return key;
  const object = value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const next = rest.length === 0 ? key : writePointer(object[head], `/${rest.join("/")}`, key);
  return { ...object, [head]: next };
}

/**
 * Gives a keyed call its key, once, before the first attempt: the key already in the input wins, then
 * the one the caller passed in the request options, then a new UUID. Returns the input carrying the key.
 */
export function withIdempotencyKey(
  spec: IdempotencySpec,
  input: OperationInput,
  supplied?: string,
): { input: OperationInput; key: string } {
  if (spec.in === "header") {
    if (input.header !== undefined && !isPlainObject(input.header)) return { input, key: supplied ?? newKey(spec) };
    const headers = input.header ?? {};
    const existing = Object.entries(headers).find(([name]) => name.toLowerCase() === spec.name.toLowerCase())?.[1];
    if (typeof existing === "string" && existing !== "") return { input, key: existing };
    const key = supplied ?? newKey(spec);
    return { input: { ...input, header: { ...headers, [spec.name]: key } }, key };
  }
  const existing = readPointer(input.body, spec.name);
  if (typeof existing === "string" && existing !== "") return { input, key: existing };
  const key = supplied ?? newKey(spec);
  // Only into a body that is an object: anything else is left for the request validator to report.
  if (!isPlainObject(input.body)) return { input, key };
  return { input: { ...input, body: writePointer(input.body, spec.name, key) }, key };
}
