import { GeneratorError } from "../errors.js";
import { childPointer, isObject, valueAt } from "../openapi/pointer.js";
import type { Pass } from "./pass.js";

/**
 * Reads `x-bankkit-poll` on a read operation: `{ method, until: { pointer, values }, initialDelayMs?,
 * maxDelayMs? }`. The client gets a second method that repeats the read, pausing longer each time, until
 * the answer's value at `pointer` is one of `values` — for results that take minutes or days (Bank 131's
 * checks). The only state is the call's input, so a restarted process resumes by calling it again.
 */
export const poll: Pass = {
  name: "poll",
  run(api) {
    const taken = new Set(api.operations.map((operation) => operation.methodName));
    for (const operation of api.operations) {
      const at = childPointer(operation.pointer, "x-bankkit-poll");
      const raw = valueAt(api.document, at);
      if (raw === undefined) continue;
      const until = isObject(raw) ? raw.until : undefined;
      if (
        !isObject(raw) ||
        typeof raw.method !== "string" ||
        !/^[a-z][A-Za-z0-9]*$/.test(raw.method) ||
        !isObject(until) ||
        typeof until.pointer !== "string" ||
        !until.pointer.startsWith("/") ||
        !Array.isArray(until.values) ||
        until.values.length === 0
      ) {
        throw new GeneratorError(
          `${at}: expected { method: camelCaseName, until: { pointer: /json/pointer, values: [final values] } }`,
          at,
        );
      }
      if (taken.has(raw.method)) throw new GeneratorError(`${at}: the client already has a method named ${raw.method}`, at);
      taken.add(raw.method);
      const delays = ["initialDelayMs", "maxDelayMs"].filter((name) => raw[name] !== undefined);
      for (const name of delays)
        if (!Number.isInteger(raw[name]) || (raw[name] as number) <= 0)
          throw new GeneratorError(`${at}/${name}: expected a positive number of milliseconds`, `${at}/${name}`);
      operation.poll = {
        method: raw.method,
        pointer: until.pointer,
        values: until.values as (string | number | boolean)[],
        ...(raw.initialDelayMs === undefined ? {} : { initialDelayMs: raw.initialDelayMs as number }),
        ...(raw.maxDelayMs === undefined ? {} : { maxDelayMs: raw.maxDelayMs as number }),
      };
    }
  },
};
