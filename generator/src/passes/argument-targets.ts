import { GeneratorError } from "../errors.js";
import type { ApiIR, ArgumentTarget, JsonObject, OperationIR } from "../ir/types.js";
import { deref, isObject } from "../openapi/pointer.js";

const locations = new Set(["path", "query", "header", "cookie", "body"]);

/** What a target names in the spec: its schema (when it has one) and whether a caller must give it. */
export interface ResolvedTarget {
  target: ArgumentTarget;
  schema?: JsonObject;
  required: boolean;
}

/**
 * Reads a target written as `query/iin`, `header/x-idempotency-key`, `body` or `body/consent` (a property
 * of a JSON object body) and checks that the operation has it.
 */
export function resolveTarget(api: ApiIR, operation: OperationIR, written: unknown, at: string): ResolvedTarget {
  const [where, ...rest] = typeof written === "string" ? written.split("/") : [];
  const name = rest.join("/");
  if (!where || !locations.has(where) || (where !== "body" && name === "")) {
    throw new GeneratorError(`${at}: expected path/<name>, query/<name>, header/<name>, cookie/<name>, body or body/<property>`, at);
  }
  if (where === "body") {
    const body = operation.requestBody;
    const media = body?.contents[0];
    if (!body || !media) throw new GeneratorError(`${at}: ${operation.operationId} has no request body`, at);
    if (name === "") return { target: { in: "body" }, required: body.required };
    const schema = media.kind === "json" && media.schemaPointer ? deref(api.document, { $ref: media.schemaPointer }, at).node : undefined;
    const property = isObject(schema?.properties) ? schema.properties[name] : undefined;
    if (!schema || !isObject(property))
      throw new GeneratorError(`${at}: the JSON body of ${operation.operationId} has no property "${name}"`, at);
    const required = body.required && Array.isArray(schema.required) && schema.required.includes(name);
    return { target: { in: "body", name }, schema: deref(api.document, property, at).node, required };
  }
  const parameter = operation.parameters.find((p) => p.in === where && p.name.toLowerCase() === name.toLowerCase());
  if (!parameter) throw new GeneratorError(`${at}: ${operation.operationId} has no ${where} parameter "${name}"`, at);
  const schema = parameter.schemaPointer ? deref(api.document, { $ref: parameter.schemaPointer }, at).node : undefined;
  return { target: { in: parameter.in, name: parameter.name }, ...(schema ? { schema } : {}), required: parameter.required };
}
