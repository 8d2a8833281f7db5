import type { JsonObject, OperationIR, ParameterIR } from "../../ir/types.js";
import { isObject, valueAt } from "../../openapi/pointer.js";

/** A `$ref` to a pointer of the document. */
export function apiRef(pointer: string): { $ref: string } {
  return { $ref: pointer };
}

function group(parameters: ParameterIR[], filledLater: (p: ParameterIR) => boolean): JsonObject {
  const required = parameters.filter((p) => p.required && !filledLater(p)).map((p) => p.name);
  return {
    type: "object",
    properties: Object.fromEntries(parameters.map((p) => [p.name, p.schemaPointer ? apiRef(p.schemaPointer) : {}])),
    ...(required.length > 0 ? { required } : {}),
  };
}

/**
 * The schema of a call's input `{ path, query, header, cookie, body }`, so that one validator checks a
 * request before it is sent. Bodies that are bytes or text are checked for presence only.
 */
export function requestSchema(operation: OperationIR, document: JsonObject): JsonObject {
  const properties: JsonObject = {};
  const required: string[] = [];
  for (const location of ["path", "query", "header", "cookie"] as const) {
    const parameters = operation.parameters.filter((p) => p.in === location);
    if (parameters.length === 0) continue;
    // A header the client signs per attempt (x-bankkit-jws) is filled after validation: not required of callers.
    const filledLater = (p: ParameterIR) => location === "header" && operation.jws?.header.toLowerCase() === p.name.toLowerCase();
    properties[location] = group(parameters, filledLater);
    if (parameters.some((p) => p.required && !filledLater(p))) required.push(location);
  }
  const body = operation.requestBody;
  if (body) {
    const media = body.contents[0];
    properties.body = media?.schemaPointer && (media.kind === "json" || media.kind === "form") ? apiRef(media.schemaPointer) : {};
    // The client fills a signature field after validating: the caller's body is checked without it.
    if (operation.signature && media?.schemaPointer)
      properties.body = withoutRequired(document, media.schemaPointer, operation.signature.field);
    if (body.required) required.push("body");
  }
  return { type: "object", properties, additionalProperties: false, ...(required.length > 0 ? { required } : {}) };
}

/** The body schema with one property no longer required (the rest of it, refs and conditions, unchanged). */
function withoutRequired(document: JsonObject, pointer: string, field: string): JsonObject {
  let schema = valueAt(document, pointer);
  if (isObject(schema) && typeof schema.$ref === "string") schema = valueAt(document, schema.$ref);
  if (!isObject(schema)) return {};
  const required = Array.isArray(schema.required) ? schema.required.filter((name) => name !== field) : undefined;
  return { ...schema, ...(required ? { required } : {}) };
}
