import { BankkitError, type ErrorContext } from "../errors.js";
import { valueAtPointer } from "./json-pointer.js";

/**
 * `x-bankkit-answer-errors`: an API that answers 200 and says "error" inside — Bank 131's
 * `{"status":"error","error":{"code":"invalid_sign",…}}`. Such an answer becomes an AnswerError, except the
 * codes listed in `results`, which are answers a caller acts on (`already_exists` names the earlier check).
 */
export interface AnswerErrorSpec {
  /** JSON pointer of the field that marks an error answer, and the value that does. */
  when: { pointer: string; equals: string | number | boolean };
  /** JSON pointers of the error's code and message. */
  code: string;
  message?: string;
  /** Codes returned as answers, not thrown. */
  results?: readonly string[];
}

/** The API answered that the call failed, with its code (`invalid_sign`, `passport_validation_failure` …). */
export class AnswerError extends BankkitError {
  readonly code: string;
  /** The message the server sent with the code. */
  readonly serverMessage: string;
  constructor(context: ErrorContext, code: string, serverMessage: string) {
    super(`the API answered error ${code}${serverMessage ? ` (${serverMessage})` : ""}`, context);
    this.code = code;
    this.serverMessage = serverMessage;
  }
}

/** Throws the AnswerError an error answer stands for; returns when the answer is a success or a listed result. */
export function throwAnswerError(spec: AnswerErrorSpec, answer: unknown, context: ErrorContext): void {
  if (valueAtPointer(answer, spec.when.pointer) !== spec.when.equals) return;
  const code = String(valueAtPointer(answer, spec.code) ?? "unknown");
  if (spec.results?.includes(code)) return;
  const message = spec.message ? valueAtPointer(answer, spec.message) : undefined;
  throw new AnswerError(context, code, typeof message === "string" ? message : "");
}
