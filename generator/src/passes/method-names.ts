import { camelCase } from "./identifiers.js";
import type { Pass } from "./pass.js";

/** Names each operation's method after its operationId; a name taken twice gets a numeric suffix. */
export const methodNames: Pass = {
  name: "method-names",
  run(api) {
    const taken = new Set<string>();
    for (const operation of api.operations) {
      const base = camelCase(operation.operationId);
      let name = base;
      for (let i = 2; taken.has(name); i++) name = `${base}${i}`;
      taken.add(name);
      operation.methodName = name;
    }
  },
};
