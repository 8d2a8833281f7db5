import { GeneratorError } from "../errors.js";
import type { FlowIR, FlowStepIR, FlowValue, OperationIR } from "../ir/types.js";
import { childPointer, isObject } from "../openapi/pointer.js";
import type { Pass } from "./pass.js";

const identifier = /^[a-z][A-Za-z0-9]*$/;

/**
 * Reads `x-bankkit-flows` (top level): client methods that chain operations, such as DCM's payment — draft,
 * confirm, wait until final:
 *
 *     pay:
 *       input: createPayment                  # the flow takes this operation's input
 *       steps:
 *         - { call: createPayment, input: $input }
 *         - { call: confirmPayment, input: { path: { counterparty_guid: $input/path/counterparty_guid }, body: { payment_guid: $steps/0/guid } } }
 *         - { call: waitForPayment, input: { path: { counterparty_guid: $input/path/counterparty_guid, payment_guid: $steps/0/guid } } }
 *
 * A string `$input/...` or `$steps/N/...` names a value of the flow's input or of step N's result; anything
 * else is a literal. The generated method is type-checked like the rest, so a wrong reference fails the build.
 */
export const flows: Pass = {
  name: "flows",
  run(api) {
    const raw = api.document["x-bankkit-flows"];
    if (raw === undefined) return;
    const at = "#/x-bankkit-flows";
    if (!isObject(raw)) throw new GeneratorError(`${at}: expected flows by method name`, at);
    const byMethod = new Map<string, OperationIR>();
    for (const operation of api.operations) {
      byMethod.set(operation.methodName, operation);
      if (operation.poll) byMethod.set(operation.poll.method, operation);
    }
    for (const [name, spec] of Object.entries(raw)) {
      const where = childPointer(at, name);
      if (!identifier.test(name) || byMethod.has(name))
        throw new GeneratorError(`${where}: a flow's name is a camelCase identifier no method has`, where);
      const input = isObject(spec) && typeof spec.input === "string" ? byMethod.get(spec.input) : undefined;
      if (!isObject(spec) || !input || !Array.isArray(spec.steps) || spec.steps.length === 0)
        throw new GeneratorError(`${where}: expected { input: <method whose input the flow takes>, steps: [{ call, input }] }`, where);
      const steps: FlowStepIR[] = spec.steps.map((step: unknown, index: number) => {
        const stepAt = childPointer(where, "steps", String(index));
        const operation = isObject(step) && typeof step.call === "string" ? byMethod.get(step.call) : undefined;
        if (!isObject(step) || !operation) throw new GeneratorError(`${stepAt}: expected { call: <client method>, input }`, stepAt);
        if (operation.arguments)
          throw new GeneratorError(
            `${stepAt}: ${String(step.call)} takes x-bankkit-arguments; a flow step calls a method taking { path, query, header, body }`,
            stepAt,
          );
        return {
          call: step.call as string,
          operation,
          ...(step.input === undefined ? {} : { input: value(step.input, index, childPointer(stepAt, "input")) }),
        };
      });
      const flow: FlowIR = {
        name,
        input,
        steps,
        ...(typeof spec.summary === "string" ? { summary: spec.summary } : {}),
        ...(typeof spec.description === "string" ? { description: spec.description } : {}),
      };
      api.flows.push(flow);
    }
  },
};

/** A step's input template: references become `ref`s (checked to name an earlier step), the rest literals. */
function value(raw: unknown, step: number, at: string): FlowValue {
  if (typeof raw === "string" && raw.startsWith("$")) {
    const [head, ...rest] = raw.split("/");
    if (head === "$input") return { ref: "input", pointer: rest };
    if (head === "$steps") {
      const [index, ...pointer] = rest;
      const earlier = Number(index);
      if (!Number.isInteger(earlier) || earlier < 0 || earlier >= step)
        throw new GeneratorError(`${at}: ${raw} must name an earlier step`, at);
      return { ref: earlier, pointer };
    }
    throw new GeneratorError(`${at}: ${raw}: references start with $input or $steps/<n>`, at);
  }
  if (isObject(raw))
    return { object: Object.fromEntries(Object.entries(raw).map(([key, child]) => [key, value(child, step, childPointer(at, key))])) };
  return { literal: raw };
}
