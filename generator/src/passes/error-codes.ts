import { GeneratorError } from "../errors.js";
import { isObject } from "../openapi/pointer.js";
import type { Pass } from "./pass.js";

/** Reads `x-bankkit-error-codes` (a list of `{ code, name, meaning }`) into the IR. */
export const errorCodes: Pass = {
  name: "error-codes",
  run(api) {
    const table = api.document["x-bankkit-error-codes"];
    if (table === undefined) return;
    if (!Array.isArray(table))
      throw new GeneratorError("x-bankkit-error-codes must be a list of { code, name, meaning }", "#/x-bankkit-error-codes");
    const seen = new Set<number>();
    api.errorCodes = table.map((entry, i) => {
      const at = `#/x-bankkit-error-codes/${i}`;
      if (!isObject(entry) || !Number.isInteger(entry.code) || typeof entry.name !== "string" || !/^[A-Z][A-Z0-9_]*$/.test(entry.name)) {
        throw new GeneratorError(`${at}: expected { code: integer, name: UPPER_SNAKE_CASE, meaning: text }`, at);
      }
      const code = entry.code as number;
      if (seen.has(code)) throw new GeneratorError(`${at}: code ${code} is listed twice`, at);
      seen.add(code);
      return { code, name: entry.name, meaning: typeof entry.meaning === "string" ? entry.meaning : "" };
    });
  },
};
