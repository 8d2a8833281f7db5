import type { OperationIR, ParameterIR } from "../ir/types.js";

/**
 * Whether the client fills a parameter itself when the caller leaves it out: a header the spec marks
 * `x-bankkit-generated`, the JWS header it signs per attempt, or the idempotency key it makes once.
 */
export function filledByClient(operation: OperationIR, parameter: Pick<ParameterIR, "in" | "name" | "generated">): boolean {
  if (parameter.in !== "header") return false;
  const name = parameter.name.toLowerCase();
  return (
    parameter.generated !== undefined ||
    operation.jws?.header.toLowerCase() === name ||
    (operation.idempotency?.in === "header" && operation.idempotency.name.toLowerCase() === name)
  );
}
