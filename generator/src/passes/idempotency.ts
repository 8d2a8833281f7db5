import { GeneratorError } from "../errors.js";
import { childPointer, isObject, valueAt } from "../openapi/pointer.js";
import type { Pass } from "./pass.js";

/**
 * Reads `x-bankkit-idempotency` on operations: `{ in: header, name: <header parameter> }` or
 * `{ in: body, name: <JSON pointer into the JSON body> }`, and optionally `duplicateCode`, the API error
 * code that answers a key already used. The runtime creates the key once per call and repeats it on every
 * retry, which is what makes retrying a POST safe.
 */
export const idempotency: Pass = {
  name: "idempotency",
  run(api) {
    for (const operation of api.operations) {
      const at = childPointer(operation.pointer, "x-bankkit-idempotency");
      const raw = valueAt(api.document, at);
      if (raw === undefined) continue;
      if (!isObject(raw) || (raw.in !== "header" && raw.in !== "body") || typeof raw.name !== "string" || raw.name === "") {
        throw new GeneratorError(`${at}: expected { in: header | body, name: header name or JSON pointer }`, at);
      }
      if (
        raw.in === "header" &&
        !operation.parameters.some((p) => p.in === "header" && p.name.toLowerCase() === String(raw.name).toLowerCase())
      ) {
        throw new GeneratorError(`${at}: ${operation.operationId} declares no header parameter "${raw.name}" to carry the key`, at);
      }
      if (raw.in === "body" && (!raw.name.startsWith("/") || operation.requestBody?.contents[0]?.kind !== "json")) {
        throw new GeneratorError(`${at}: a body key needs a JSON request body and a JSON pointer such as /transaction_id`, at);
      }
      if (raw.duplicateCode !== undefined && !Number.isInteger(raw.duplicateCode)) {
        throw new GeneratorError(`${at}/duplicateCode: expected the API error code that answers a repeated key`, `${at}/duplicateCode`);
      }
      // A key must fit its field: KISC's x-idempotency-key is a Max35Text, one character short of a UUID.
      const parameter = operation.parameters.find((p) => p.in === "header" && p.name.toLowerCase() === String(raw.name).toLowerCase());
      const schema = raw.in === "header" && parameter?.schemaPointer ? valueAt(api.document, parameter.schemaPointer) : undefined;
      const maxLength = isObject(schema) && typeof schema.maxLength === "number" ? schema.maxLength : undefined;
      operation.idempotency = {
        in: raw.in,
        name: raw.name,
        ...(raw.duplicateCode === undefined ? {} : { duplicateCode: raw.duplicateCode as number }),
        ...(maxLength === undefined ? {} : { maxLength }),
      };
    }
  },
};
