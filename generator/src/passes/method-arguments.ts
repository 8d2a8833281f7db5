import { GeneratorError } from "../errors.js";
import type { ArgumentIR, JsonObject, OperationIR } from "../ir/types.js";
import { childPointer, deref, isObject, valueAt } from "../openapi/pointer.js";
import { resolveTarget } from "./argument-targets.js";
import { filledByClient } from "./filled-by-client.js";
import type { Pass } from "./pass.js";

const identifier = /^[a-z][A-Za-z0-9]*$/;

/**
 * Reads `x-bankkit-arguments` on operations: `{ positional: { from: path/fromDate, to: path/toDate } }` or
 * `{ object: { iin: query/iin, photo: body } }`. The method then takes those arguments — in that order, or
 * as one object — instead of `{ path, query, header, body }`: `transactionsReport(from, to)`. Every input
 * the caller must give has to be named, so a call shaped this way cannot miss a required field.
 */
export const methodArguments: Pass = {
  name: "method-arguments",
  run(api) {
    for (const operation of api.operations) {
      const at = childPointer(operation.pointer, "x-bankkit-arguments");
      const raw = valueAt(api.document, at);
      if (raw === undefined) continue;
      const style = isObject(raw) && Object.keys(raw).length === 1 ? (Object.keys(raw)[0] as string) : "";
      const mapping = isObject(raw) ? raw[style] : undefined;
      if ((style !== "positional" && style !== "object") || !isObject(mapping) || Object.keys(mapping).length === 0) {
        throw new GeneratorError(`${at}: expected { positional: { argument: target, … } } or { object: { argument: target, … } }`, at);
      }
      if (operation.poll)
        throw new GeneratorError(`${at}: an operation with x-bankkit-poll keeps the { path, query, header, body } input`, at);
      const list: ArgumentIR[] = [];
      for (const [argument, written] of Object.entries(mapping)) {
        const where = childPointer(at, style, argument);
        if (!identifier.test(argument)) throw new GeneratorError(`${where}: an argument name is a camelCase identifier`, where);
        const { target, schema, required } = resolveTarget(api, operation, written, where);
        if (list.some((a) => a.in === target.in && (a.name === target.name || a.name === undefined || target.name === undefined)))
          throw new GeneratorError(`${where}: ${String(written)} is already given by another argument`, where);
        const date = schema?.["x-bankkit-date"];
        const parameter = operation.parameters.find((p) => p.in === target.in && p.name === target.name);
        list.push({
          argument,
          ...target,
          required: required && !(parameter !== undefined && filledByClient(operation, parameter)),
          ...(date === "YYYYMMDD" || date === "DD.MM.YYYY" ? { date } : {}),
        });
      }
      const missing = operation.parameters.find(
        (p) => p.required && !filledByClient(operation, p) && !list.some((a) => a.in === p.in && a.name === p.name),
      );
      if (missing) throw new GeneratorError(`${at}: no argument gives the required ${missing.in} parameter "${missing.name}"`, at);
      if (operation.requestBody?.required && !list.some((a) => a.in === "body"))
        throw new GeneratorError(`${at}: no argument gives the required request body`, at);
      const bodyProperties = list.filter((a) => a.in === "body" && a.name !== undefined).map((a) => `body/${a.name}`);
      for (const name of requiredBodyProperties(api.document, operation))
        if (bodyProperties.length > 0 && !bodyProperties.includes(`body/${name}`))
          throw new GeneratorError(`${at}: no argument gives the body's required property "${name}"`, at);
      operation.arguments = { style, list };
    }
  },
};

function requiredBodyProperties(document: JsonObject, operation: OperationIR): string[] {
  const pointer = operation.requestBody?.contents[0]?.schemaPointer;
  const schema = pointer ? deref(document, { $ref: pointer }, pointer).node : undefined;
  return Array.isArray(schema?.required) ? schema.required.map(String) : [];
}
