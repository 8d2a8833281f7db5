import { GeneratorError } from "../errors.js";
import { childPointer, valueAt } from "../openapi/pointer.js";
import type { Pass } from "./pass.js";

/**
 * Reads `x-bankkit-unzip: /pointer` on operations: the JSON answer carries a base64 zip archive at that
 * pointer (KISC's monthly act), and the call resolves to the files inside it instead of the base64 text.
 */
export const unzip: Pass = {
  name: "unzip",
  run(api) {
    for (const operation of api.operations) {
      const at = childPointer(operation.pointer, "x-bankkit-unzip");
      const raw = valueAt(api.document, at);
      if (raw === undefined) continue;
      const json = operation.responses.some((r) => r.status.startsWith("2") && r.contents.some((c) => c.kind === "json"));
      if (typeof raw !== "string" || !raw.startsWith("/") || !json || operation.envelope) {
        throw new GeneratorError(`${at}: expected the JSON pointer of a base64 zip in the operation's JSON answer`, at);
      }
      operation.unzip = { pointer: raw };
    }
  },
};
