import type { MethodDeclarationStructure, OptionalKind } from "ts-morph";
import type { ApiIR, FlowIR, FlowValue } from "../ir/types.js";
import { inputTypeName, resultTypeName } from "./names.js";
import { docText, literal } from "./printer.js";

/** A template value as TypeScript: references read the flow's input or an earlier step's result. */
function expression(value: FlowValue): string {
  if ("literal" in value) return JSON.stringify(value.literal);
  if ("object" in value)
    return `{ ${Object.entries(value.object)
      .map(([key, child]) => `${literal(key)}: ${expression(child)}`)
      .join(", ")} }`;
  const base = value.ref === "input" ? "input" : `step${value.ref}`;
  return value.pointer.reduce((path, token) => `${path}[${literal(token.replace(/~1/g, "/").replace(/~0/g, "~"))}]`, base);
}

function flowMethod(flow: FlowIR): OptionalKind<MethodDeclarationStructure> {
  const last = flow.steps.at(-1)!;
  const polls = flow.steps.some((step) => step.call === step.operation.poll?.method);
  const statements = flow.steps.flatMap((step, index) => {
    const input =
      step.input === undefined
        ? ""
        : `${"ref" in step.input && step.input.ref === "input" && step.input.pointer.length === 0 ? "input" : expression(step.input)}, `;
    return [`const step${index} = await this.${step.call}(${input}callOptions);`, `onStep?.(${literal(step.call)}, step${index});`];
  });
  return {
    name: flow.name,
    isAsync: true,
    docs: [
      docText(
        flow.summary,
        flow.description,
        `Steps: ${flow.steps.map((step) => `\`${step.call}\``).join(" → ")}. \`onStep\` receives each step's result as it arrives — keep what a restart needs (a draft's id) and resume with the remaining steps.`,
      ),
    ],
    parameters: [
      { name: "input", type: inputTypeName(flow.input) },
      {
        name: "options",
        type: `RequestOptions${polls ? ' & Omit<PollOptions, "signal">' : ""} & { onStep?: (call: string, result: unknown) => void }`,
        initializer: "{}",
      },
    ],
    returnType: `Promise<${resultTypeName(last.operation)}>`,
    statements: ["const { onStep, ...callOptions } = options;", ...statements, `return step${flow.steps.length - 1};`],
  };
}

/** The client methods `x-bankkit-flows` declares. */
export function flowMethods(api: ApiIR): OptionalKind<MethodDeclarationStructure>[] {
  return api.flows.map(flowMethod);
}
