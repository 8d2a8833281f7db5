import { StructureKind, VariableDeclarationKind } from "ts-morph";
import type { ApiIR } from "../ir/types.js";
import { fileHeader } from "./header.js";
import { docText, literal, printStructure } from "./printer.js";

/** The exported names of the error module, derived from the envelope's `errorClass`. */
export function errorNames(errorClass: string) {
  const lower = errorClass[0]!.toLowerCase() + errorClass.slice(1);
  return {
    errorClass,
    code: `${errorClass}Code`,
    catalogue: `${lower}Catalogue`,
    anyError: `Any${errorClass}`,
    guard: `is${errorClass}`,
    factory: lower,
  };
}

/**
 * `errors.ts`: the API's error-code table as data, a name → code map, and an error class whose `code`
 * narrows `codeName` and `meaning` in a `switch`.
 */
export function emitErrors(api: ApiIR): string | undefined {
  if (!api.envelope || api.errorCodes.length === 0) return undefined;
  const n = errorNames(api.envelope.errorClass);
  const success = api.envelope.successCode;
  return printStructure(fileHeader(api), {
    statements: [
      {
        kind: StructureKind.ImportDeclaration,
        moduleSpecifier: "@bankkit/runtime",
        namedImports: ["ApiCodeError", "type ApiErrorFactory"],
      },
      {
        kind: StructureKind.VariableStatement,
        isExported: true,
        declarationKind: VariableDeclarationKind.Const,
        docs: ["Every documented code with its constant name and meaning, as the vendor's table gives them."],
        declarations: [
          {
            name: n.catalogue,
            initializer: (writer) => {
              writer.write("{").newLine();
              writer.indent(() => {
                for (const e of api.errorCodes)
                  writer.write(`${e.code}: { name: ${literal(e.name)}, meaning: ${literal(e.meaning)} },`).newLine();
              });
              writer.write("} as const");
            },
          },
        ],
      },
      {
        kind: StructureKind.VariableStatement,
        isExported: true,
        declarationKind: VariableDeclarationKind.Const,
        docs: [
          `Codes by name, for readable comparisons: \`error.code === ${n.code}.${api.errorCodes.find((e) => e.code !== success)?.name ?? "NAME"}\`.`,
        ],
        declarations: [
          {
            name: n.code,
            initializer: (writer) => {
              writer.write("{").newLine();
              writer.indent(() => {
                for (const e of api.errorCodes) writer.write(`${e.name}: ${e.code},`).newLine();
              });
              writer.write("} as const");
            },
          },
        ],
      },
      {
        kind: StructureKind.TypeAlias,
        name: n.code,
        isExported: true,
        docs: [`A documented error code (every code of the table except the success code ${success}).`],
        type: `Exclude<keyof typeof ${n.catalogue}, ${success}>`,
      },
      {
        kind: StructureKind.Class,
        name: n.errorClass,
        isExported: true,
        typeParameters: [{ name: "C", constraint: n.code, default: n.code }],
        extends: "ApiCodeError",
        docs: [
          docText(`An answer of ${api.title} with a documented error code. Narrow with \`switch (error.code)\` after {@link ${n.guard}}.`),
        ],
        properties: [
          { name: "code", isReadonly: true, hasDeclareKeyword: true, type: "C" },
          { name: "codeName", isReadonly: true, hasDeclareKeyword: true, type: `(typeof ${n.catalogue})[C]["name"]` },
          { name: "meaning", isReadonly: true, hasDeclareKeyword: true, type: `(typeof ${n.catalogue})[C]["meaning"]` },
        ],
      },
      {
        kind: StructureKind.TypeAlias,
        name: n.anyError,
        isExported: true,
        docs: ["The union of one error type per code: a `switch` on `code` narrows it."],
        type: `{ [C in ${n.code}]: ${n.errorClass}<C> }[${n.code}]`,
      },
      {
        kind: StructureKind.Function,
        name: n.guard,
        isExported: true,
        parameters: [{ name: "error", type: "unknown" }],
        returnType: `error is ${n.anyError}`,
        statements: [`return error instanceof ${n.errorClass};`],
      },
      {
        kind: StructureKind.VariableStatement,
        isExported: true,
        declarationKind: VariableDeclarationKind.Const,
        docs: ["Builds the error for a code; a code missing from the table becomes a plain ApiCodeError named UNKNOWN."],
        declarations: [
          {
            name: n.factory,
            type: "ApiErrorFactory",
            initializer: `(context, code, serverMessage) => {
  const known = code === ${success} ? undefined : (${n.catalogue} as Record<number, { name: string; meaning: string }>)[code];
  if (!known) return new ApiCodeError(context, { code, codeName: "UNKNOWN", meaning: "not in the documented error table", serverMessage });
  return new ${n.errorClass}(context, { code, codeName: known.name, meaning: known.meaning, serverMessage });
}`,
          },
        ],
      },
    ],
  });
}
