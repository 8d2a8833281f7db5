import { GeneratorError } from "../errors.js";
import { childPointer, isObject, valueAt } from "../openapi/pointer.js";
import type { Pass } from "./pass.js";

/** The signatures bankkit can make over a body (see the runtime's `sign/`). */
const formats = new Set(["cms-detached-base64"]);
const byteForms = new Set(["python-json-sorted-crlf"]);

/**
 * Reads `x-bankkit-signature` on operations: `{ field, bytes, format }` — the body field that carries the
 * signature, the exact bytes signed (`python-json-sorted-crlf`: Python's `json.dumps(body without the field,
 * sort_keys=True) + '\r\n'`, as Bank 131 documents), and the signature's form (`cms-detached-base64`). The
 * client fills the field: callers send the body without it, and the request is validated before signing.
 */
export const bodySignature: Pass = {
  name: "body-signature",
  run(api) {
    for (const operation of api.operations) {
      const at = childPointer(operation.pointer, "x-bankkit-signature");
      const raw = valueAt(api.document, at);
      if (raw === undefined) continue;
      if (!isObject(raw) || typeof raw.field !== "string" || !byteForms.has(String(raw.bytes)) || !formats.has(String(raw.format))) {
        throw new GeneratorError(
          `${at}: expected { field: <body property>, bytes: ${[...byteForms].join(" | ")}, format: ${[...formats].join(" | ")} }`,
          at,
        );
      }
      const media = operation.requestBody?.contents[0];
      const schema = media?.schemaPointer ? valueAt(api.document, media.schemaPointer) : undefined;
      const resolved = isObject(schema) && typeof schema.$ref === "string" ? valueAt(api.document, schema.$ref) : schema;
      if (media?.kind !== "json" || !isObject(resolved) || !isObject(resolved.properties) || !(raw.field in resolved.properties)) {
        throw new GeneratorError(`${at}: ${operation.operationId} needs a JSON body whose schema has the property "${raw.field}"`, at);
      }
      operation.signature = {
        field: raw.field,
        bytes: raw.bytes as "python-json-sorted-crlf",
        format: raw.format as "cms-detached-base64",
      };
    }
  },
};
