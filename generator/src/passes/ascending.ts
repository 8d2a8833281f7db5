import { GeneratorError } from "../errors.js";
import { childPointer, valueAt } from "../openapi/pointer.js";
import { resolveTarget } from "./argument-targets.js";
import type { Pass } from "./pass.js";

/**
 * Reads `x-bankkit-ascending` on operations: a list of input fields (`[path/fromDate, path/toDate]`) whose
 * values may not decrease — a period that ends before it starts is refused before it is sent. Values
 * compare as numbers or, for strings, by their characters, so strings must be fixed-width (YYYYMMDD).
 */
export const ascending: Pass = {
  name: "ascending",
  run(api) {
    for (const operation of api.operations) {
      const at = childPointer(operation.pointer, "x-bankkit-ascending");
      const raw = valueAt(api.document, at);
      if (raw === undefined) continue;
      if (!Array.isArray(raw) || raw.length < 2) throw new GeneratorError(`${at}: expected a list of at least two input fields`, at);
      const resolved = raw.map((written, i) => resolveTarget(api, operation, written, childPointer(at, String(i))));
      // Values compare as numbers or by their characters: fields of different types cannot be ordered.
      const types = new Set(resolved.map(({ schema }) => JSON.stringify(schema?.type ?? null)));
      if (types.size > 1) throw new GeneratorError(`${at}: the fields have different types and cannot be ordered`, at);
      operation.ascending = resolved.map(({ target }, i) => {
        if (target.name === undefined) throw new GeneratorError(`${at}/${i}: expected a parameter or a body property`, `${at}/${i}`);
        return target;
      });
    }
  },
};
