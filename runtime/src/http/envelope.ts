import { type ApiCodeError, type ErrorContext, ResponseValidationError } from "../errors.js";
import { valueAtPointer } from "./json-pointer.js";
import type { EnvelopeSpec } from "./operation.js";

/** Builds the API's typed error for a non-success code (generated per package from its code table). */
export type ApiErrorFactory = (context: ErrorContext, code: number, serverMessage: string) => ApiCodeError;

/**
 * Reads the result out of an answer envelope: throws the API's error for a non-success code, returns the
 * payload under `payloadKey` (or undefined for answers without payload).
 */
export function unwrapEnvelope(
  envelope: EnvelopeSpec,
  answer: unknown,
  payloadKey: string | undefined,
  context: ErrorContext,
  status: number,
  errorFactory: ApiErrorFactory,
): unknown {
  checkResultCode(envelope, answer, context, status, errorFactory);
  const type = answer && typeof answer === "object" ? (answer as Record<string, unknown>)[envelope.typeProperty] : undefined;
  const expected = payloadKey ?? envelope.resultOnlyType;
  if (type !== expected) {
    const violation = {
      path: `/body/${envelope.typeProperty}`,
      rule: "const",
      message: `must be ${JSON.stringify(expected)} in a successful answer`,
    };
    throw new ResponseValidationError(context, status, [violation]);
  }
  if (payloadKey === undefined) return undefined;
  const parent = valueAtPointer(answer, envelope.payloadParent);
  const payload = parent && typeof parent === "object" ? (parent as Record<string, unknown>)[payloadKey] : undefined;
  if (payload === undefined) {
    const path = `/body${envelope.payloadParent}/${payloadKey}`;
    throw new ResponseValidationError(context, status, [{ path, rule: "required", message: "is required in a successful answer" }]);
  }
  return payload;
}

/**
 * The payload of a successful answer as the answer names it: under its own type, whatever the spec expected.
 * Only a key the answer itself holds: an `answer_type` of `__proto__` or `constructor` names nothing.
 */
export function receivedPayload(envelope: EnvelopeSpec, answer: unknown): unknown {
  const type = answer && typeof answer === "object" ? (answer as Record<string, unknown>)[envelope.typeProperty] : undefined;
  if (typeof type !== "string" || type === envelope.resultOnlyType) return undefined;
  const parent = valueAtPointer(answer, envelope.payloadParent);
  return parent && typeof parent === "object" && Object.hasOwn(parent, type) ? (parent as Record<string, unknown>)[type] : undefined;
}

/** The answer's result code: an error answer becomes its API error; a missing code is a broken envelope. */
export function checkResultCode(
  envelope: EnvelopeSpec,
  answer: unknown,
  context: ErrorContext,
  status: number,
  errorFactory: ApiErrorFactory,
): void {
  const result = valueAtPointer(answer, envelope.resultPointer);
  const code = result && typeof result === "object" ? (result as Record<string, unknown>)[envelope.codeProperty] : undefined;
  if (typeof code !== "number") {
    const path = `/body${envelope.resultPointer}/${envelope.codeProperty}`;
    throw new ResponseValidationError(context, status, [{ path, rule: "required", message: "must be an integer result code" }]);
  }
  if (code !== envelope.successCode) {
    const message = (result as Record<string, unknown>)[envelope.messageProperty];
    throw errorFactory(context, code, typeof message === "string" ? message : "");
  }
}
