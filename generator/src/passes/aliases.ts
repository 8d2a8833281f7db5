import { GeneratorError } from "../errors.js";
import { childPointer, valueAt } from "../openapi/pointer.js";
import type { Pass } from "./pass.js";

/**
 * Drops operations marked `x-bankkit-alias-of: <operationId>`: the API serves the same operation at
 * another path (KISC's `/personal_data` and `/personel_data` for `/data`). The spec documents them and
 * mocks serve them; the client calls the operation they alias, so it gets no second method.
 */
export const aliases: Pass = {
  name: "aliases",
  run(api) {
    api.operations = api.operations.filter((operation) => {
      const at = childPointer(operation.pointer, "x-bankkit-alias-of");
      const target = valueAt(api.document, at);
      if (target === undefined) return true;
      const aliased = api.operations.find((other) => other.operationId === target);
      if (!aliased || valueAt(api.document, childPointer(aliased.pointer, "x-bankkit-alias-of")) !== undefined) {
        throw new GeneratorError(`${at}: expected the operationId of an operation that is not itself an alias`, at);
      }
      return false;
    });
  },
};
