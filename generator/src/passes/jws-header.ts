import { GeneratorError } from "../errors.js";
import { childPointer, isObject, valueAt } from "../openapi/pointer.js";
import type { Pass } from "./pass.js";

/**
 * Reads `x-bankkit-jws` on operations: `{ header, unencodedPayload, algorithms? }` — a header parameter the
 * client fills on every attempt with a detached JWS over the body bytes as sent (RFC 7515 Appendix F; RFC 7797
 * when `unencodedPayload`); `algorithms` names the JWS `alg` of signature algorithms JOSE has no name for
 * (signature OID → alg). Callers leave the header out; it is not required of them.
 */
export const jwsHeader: Pass = {
  name: "jws-header",
  run(api) {
    for (const operation of api.operations) {
      const at = childPointer(operation.pointer, "x-bankkit-jws");
      const raw = valueAt(api.document, at);
      if (raw === undefined) continue;
      if (!isObject(raw) || typeof raw.header !== "string" || typeof raw.unencodedPayload !== "boolean") {
        throw new GeneratorError(`${at}: expected { header: <header parameter>, unencodedPayload: true | false }`, at);
      }
      const header = raw.header.toLowerCase();
      if (!operation.parameters.some((p) => p.in === "header" && p.name.toLowerCase() === header) || !operation.requestBody) {
        throw new GeneratorError(`${at}: ${operation.operationId} needs a request body and a header parameter "${raw.header}"`, at);
      }
      const { algorithms } = raw;
      if (
        algorithms !== undefined &&
        (!isObject(algorithms) ||
          Object.entries(algorithms).some(([oid, alg]) => !/^[0-9]+(\.[0-9]+)+$/.test(oid) || typeof alg !== "string" || alg === ""))
      )
        throw new GeneratorError(
          `${at}/algorithms: expected signature OIDs mapped to JWS alg names, such as { "1.2.398.3.10.1.1.1.2": … }`,
          at,
        );
      operation.jws = {
        header: raw.header,
        unencodedPayload: raw.unencodedPayload,
        ...(algorithms ? { algorithms: algorithms as Record<string, string> } : {}),
      };
    }
  },
};
