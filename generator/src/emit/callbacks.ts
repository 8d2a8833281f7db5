import { StructureKind, VariableDeclarationKind } from "ts-morph";
import type { ApiIR } from "../ir/types.js";
import { marksReadWrite } from "../openapi/read-write.js";
import { fileHeader } from "./header.js";
import { apiNames, callbackTypeNames, isIdentifier } from "./names.js";
import { docText, literal, printStructure } from "./printer.js";
import type { ValidatorNames } from "./validators/index.js";

/** `callbacks.ts`: a type, a validating parser and a receiver for the callbacks and webhooks the API sends. */
export function emitCallbacks(api: ApiIR, validators: ValidatorNames): string | undefined {
  if (api.callbacks.length === 0) return undefined;
  const names = apiNames(api);
  const typeNames = callbackTypeNames(api);
  const readWrite = marksReadWrite(api.document);
  const typeName = (name: string) => typeNames.get(name)!;
  return printStructure(fileHeader(api), {
    statements: [
      {
        kind: StructureKind.ImportDeclaration,
        moduleSpecifier: "@bankkit/runtime",
        namedImports: [
          "createCallbackReceiver",
          "parseCallback",
          "type CallbackHandlers",
          "type CallbackSpec",
          ...(readWrite ? ["type Readable"] : []),
        ],
      },
      { kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier: "./schema.js", namedImports: ["components"] },
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: "../validators.js", namespaceImport: "v" },
      ...api.callbacks.map((c) => ({
        kind: StructureKind.TypeAlias as const,
        name: typeName(c.name),
        isExported: true,
        docs: [
          docText(
            c.summary,
            c.description,
            c.operationIds.length > 0 ? `Triggered by ${c.operationIds.map((id) => `\`${id}\``).join(", ")}.` : undefined,
          ) || `The body of the \`${c.name}\` callback.`,
        ],
        // A callback comes from the server: its read-only fields are there, its write-only ones not.
        type: readWrite ? `Readable<components["schemas"][${literal(c.schemaName)}]>` : `components["schemas"][${literal(c.schemaName)}]`,
      })),
      {
        kind: StructureKind.Interface,
        name: names.callbacks,
        isExported: true,
        docs: ["Every callback by name, with its body type."],
        properties: api.callbacks.map((c) => ({ name: isIdentifier(c.name) ? c.name : literal(c.name), type: typeName(c.name) })),
      },
      {
        kind: StructureKind.VariableStatement,
        isExported: true,
        declarationKind: VariableDeclarationKind.Const,
        declarations: [
          {
            name: names.callbackSpecs,
            type: "readonly CallbackSpec[]",
            initializer: `[${api.callbacks.map((c) => `{ name: ${literal(c.name)}, validate: v.${validators.callback.get(c.name)} }`).join(", ")}]`,
          },
        ],
      },
      ...api.callbacks.map((c, i) => ({
        kind: StructureKind.Function as const,
        name: `parse${typeName(c.name)}`,
        isExported: true,
        docs: [`Parses and validates a ${c.name} body; throws CallbackValidationError naming the field and rule.`],
        parameters: [{ name: "body", type: "string | Uint8Array" }],
        returnType: typeName(c.name),
        statements: [`return parseCallback<${typeName(c.name)}>(${names.callbackSpecs}[${i}]!, body);`],
      })),
      {
        kind: StructureKind.Function,
        name: names.callbackReceiver,
        isExported: true,
        docs: [
          "A framework-agnostic receiver: recognizes which callback a body is, validates it and calls your handler. Serve it with `toNodeListener` from @bankkit/runtime.",
        ],
        parameters: [{ name: "handlers", type: `CallbackHandlers<${names.callbacks}>` }],
        statements: [`return createCallbackReceiver<${names.callbacks}>(${names.callbackSpecs}, handlers);`],
      },
    ],
  });
}
