import { GeneratorError } from "../errors.js";
import { isObject } from "../openapi/pointer.js";
import type { Pass } from "./pass.js";

/**
 * Reads `x-bankkit-answer-errors` at the top of a spec: `{ when: { pointer, equals }, code, message?,
 * results? }`. A 2xx JSON answer whose value at `when.pointer` equals `when.equals` is an error the client
 * throws (AnswerError with the code at `code`), unless its code is one of `results` — answers a caller acts
 * on, such as Bank 131's `already_exists`, which names the earlier check.
 */
export const answerErrors: Pass = {
  name: "answer-errors",
  run(api) {
    const at = "#/x-bankkit-answer-errors";
    const raw = api.document["x-bankkit-answer-errors"];
    if (raw === undefined) return;
    const when = isObject(raw) ? raw.when : undefined;
    const pointer = (value: unknown) => typeof value === "string" && value.startsWith("/");
    if (
      !isObject(raw) ||
      !isObject(when) ||
      !pointer(when.pointer) ||
      !["string", "number", "boolean"].includes(typeof when.equals) ||
      !pointer(raw.code) ||
      (raw.message !== undefined && !pointer(raw.message)) ||
      (raw.results !== undefined && (!Array.isArray(raw.results) || raw.results.some((code) => typeof code !== "string")))
    ) {
      throw new GeneratorError(
        `${at}: expected { when: { pointer: /json/pointer, equals: value }, code: /pointer, message?: /pointer, results?: [codes] }`,
        at,
      );
    }
    api.answerErrors = {
      when: { pointer: when.pointer as string, equals: when.equals as string | number | boolean },
      code: raw.code as string,
      ...(raw.message === undefined ? {} : { message: raw.message as string }),
      ...(raw.results === undefined ? {} : { results: raw.results as string[] }),
    };
  },
};
