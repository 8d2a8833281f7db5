import type { InterfaceDeclarationStructure, OptionalKind, ParameterDeclarationStructure, PropertySignatureStructure } from "ts-morph";
import { StructureKind } from "ts-morph";
import type { ArgumentIR, OperationIR } from "../ir/types.js";
import { pascalCase } from "../passes/identifiers.js";
import { inputTypeName } from "./names.js";
import { literal } from "./printer.js";

/** The arguments object of an operation shaped `x-bankkit-arguments: { object: … }`. */
export function argumentsTypeName(operation: OperationIR): string {
  return `${pascalCase(operation.methodName)}Arguments`;
}

/** The type of one argument: the input field it fills, plus `Date` for a date the client writes out. */
function argumentType(operation: OperationIR, argument: ArgumentIR): string {
  const input = inputTypeName(operation);
  const field =
    argument.in === "body"
      ? argument.name === undefined
        ? `${input}["body"]`
        : `NonNullable<${input}["body"]>[${literal(argument.name)}]`
      : `NonNullable<${input}[${literal(argument.in)}]>[${literal(argument.name!)}]`;
  const type = argument.required ? `NonNullable<${field}>` : field;
  return argument.date ? `Date | ${type}` : type;
}

function argumentDoc(argument: ArgumentIR): string {
  const target =
    argument.in === "body"
      ? argument.name === undefined
        ? "the request body"
        : `body property \`${argument.name}\``
      : `${argument.in} parameter \`${argument.name}\``;
  return argument.date ? `${target}; a \`Date\` is written as ${argument.date} (its local calendar day).` : `${target}.`;
}

/** The arguments interface for the object style; none for the positional style. */
export function argumentsInterface(operation: OperationIR, clientName: string): InterfaceDeclarationStructure[] {
  if (operation.arguments?.style !== "object") return [];
  return [
    {
      kind: StructureKind.Interface,
      name: argumentsTypeName(operation),
      isExported: true,
      docs: [`Arguments of {@link ${clientName}.${operation.methodName}}.`],
      properties: operation.arguments.list.map(
        (argument): OptionalKind<PropertySignatureStructure> => ({
          name: argument.argument,
          hasQuestionToken: !argument.required,
          type: argumentType(operation, argument),
          docs: [argumentDoc(argument)],
        }),
      ),
    },
  ];
}

/** The method's parameters before `options`: one object, or one parameter per argument. */
export function argumentParameters(operation: OperationIR): OptionalKind<ParameterDeclarationStructure>[] {
  const shaped = operation.arguments!;
  if (shaped.style === "object")
    return [{ name: "args", type: argumentsTypeName(operation), hasQuestionToken: shaped.list.every((a) => !a.required) }];
  // A positional argument after an optional one would be optional too: TypeScript allows `| undefined` there.
  return shaped.list.map((argument) => ({
    name: argument.argument,
    type: argument.required ? argumentType(operation, argument) : `${argumentType(operation, argument)} | undefined`,
  }));
}

/** `const input: XInput = { … }` built from the arguments; optional ones are left out when not given. */
export function inputFromArguments(operation: OperationIR): string {
  const shaped = operation.arguments!;
  const value = (argument: ArgumentIR) => {
    const given =
      shaped.style === "object" ? `args${shaped.list.every((a) => !a.required) ? "?" : ""}.${argument.argument}` : argument.argument;
    return { given, written: argument.date ? `calendarDate(${given}, ${literal(argument.date)})` : given };
  };
  const member = (argument: ArgumentIR, key: string) => {
    const { given, written } = value(argument);
    return argument.required ? `${key}: ${written}` : `...(${given} === undefined ? {} : { ${key}: ${written} })`;
  };
  const groups: string[] = [];
  for (const location of ["path", "query", "header", "cookie"] as const) {
    const members = shaped.list.filter((a) => a.in === location).map((a) => member(a, literal(a.name!)));
    if (members.length > 0) groups.push(`${location}: { ${members.join(", ")} }`);
  }
  const whole = shaped.list.find((a) => a.in === "body" && a.name === undefined);
  const properties = shaped.list.filter((a) => a.in === "body" && a.name !== undefined);
  if (whole) groups.push(whole.required ? `body: ${value(whole).given}` : member(whole, "body"));
  else if (properties.length > 0) groups.push(`body: { ${properties.map((a) => member(a, literal(a.name!))).join(", ")} }`);
  return `const input: ${inputTypeName(operation)} = { ${groups.join(", ")} };`;
}
