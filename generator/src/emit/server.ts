import { StructureKind, VariableDeclarationKind } from "ts-morph";
import type { ApiIR, JsonObject, OperationIR, ParameterIR } from "../ir/types.js";
import { deref } from "../openapi/pointer.js";
import { marksReadWrite } from "../openapi/read-write.js";
import { pascalCase } from "../passes/identifiers.js";
import { fileHeader } from "./header.js";
import { apiNames, inputTypeName, operationType } from "./names.js";
import { docText, literal, printStructure } from "./printer.js";
import type { ValidatorNames } from "./validators/index.js";

const readable = new Set(["integer", "number", "boolean", "array"]);

/** How the server reads a parameter's text: the type its schema declares (string by default). */
function parameterType(api: ApiIR, parameter: ParameterIR): { type: string; items?: string } {
  const schema: JsonObject = parameter.schemaPointer
    ? deref(api.document, { $ref: parameter.schemaPointer }, parameter.schemaPointer).node
    : {};
  const type = typeof schema.type === "string" && readable.has(schema.type) ? schema.type : "string";
  if (type !== "array") return { type };
  const items: JsonObject = schema.items ? deref(api.document, schema.items, parameter.schemaPointer!).node : {};
  return { type, items: typeof items.type === "string" && readable.has(items.type) ? items.type : "string" };
}

function hasInput(operation: OperationIR): boolean {
  return operation.parameters.length > 0 || operation.requestBody !== undefined;
}

/** The union of what a handler may answer: one member per declared status, typed by its JSON body. */
function replyType(operation: OperationIR, readWrite: boolean): string {
  return operation.responses
    .map((response) => {
      const status = /^\d{3}$/.test(response.status) ? response.status : "number";
      const media = response.contents.find((c) => c.kind === "json");
      const answer =
        media && `${operationType(operation)}["responses"][${literal(response.status)}]["content"][${literal(media.mediaType)}]`;
      // The server sends read-only fields and never write-only ones.
      const body = answer ? `body: ${readWrite ? `Readable<${answer}>` : answer}` : "body?: undefined";
      return `{ status: ${status}; ${body}; headers?: Record<string, string> }`;
    })
    .join(" | ");
}

function route(api: ApiIR, operation: OperationIR, validators: ValidatorNames): string {
  // No cookies here: the server-side pass refuses them.
  const parameters = operation.parameters.map((p) => {
    const { type, items } = parameterType(api, p);
    return `{ name: ${literal(p.name)}, in: ${literal(p.in)}, type: ${literal(type)}${items ? `, items: ${literal(items)}` : ""} }`;
  });
  const responses = operation.responses.map((r) => {
    const media = r.contents.find((c) => c.kind === "json");
    const validator = media?.schemaPointer ? `v.${validators.schema.get(media.schemaPointer)}` : "null";
    return `${literal(r.status)}: ${validator}`;
  });
  return `{ ${[
    `id: ${literal(operation.methodName)}`,
    `method: ${literal(operation.method)}`,
    `path: ${literal(operation.path)}`,
    `parameters: [${parameters.join(", ")}]`,
    ...(operation.requestBody ? [`body: { required: ${operation.requestBody.required} }`] : []),
    `validateRequest: v.${validators.request.get(operation.operationId)}`,
    `responses: { ${responses.join(", ")} }`,
    `security: ${JSON.stringify(operation.security ?? [])}`,
    ...(operation.deadlineMs ? [`deadlineMs: ${operation.deadlineMs}`] : []),
  ].join(", ")} }`;
}

/**
 * `server.ts`, for a spec marked `x-bankkit-server: true`: the typed handler interface (one method per
 * operation, its input and the replies the spec allows), the routes, and a factory for the dispatcher
 * that validates requests, checks credentials and deadlines, and refuses handler results that break the
 * contract. `toNodeHandler` serves it with node:http.
 */
export function emitServer(api: ApiIR, validators: ValidatorNames): string | undefined {
  if (!api.server) return undefined;
  const base = pascalCase(api.id);
  const handlers = `${base}Handlers`;
  const routes = `${base[0]!.toLowerCase()}${base.slice(1)}Routes`;
  const clientName = apiNames(api).client;
  return printStructure(fileHeader(api), {
    statements: [
      {
        kind: StructureKind.ImportDeclaration,
        moduleSpecifier: "@bankkit/runtime",
        namedImports: [
          "createDispatcher",
          "type Dispatcher",
          "type DispatcherOptions",
          "type HandlerContext",
          "type SecuritySchemeSpec",
          "type ServerRouteSpec",
          ...(marksReadWrite(api.document) ? ["type Readable"] : []),
        ],
      },
      { kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier: "./schema.js", namedImports: ["paths"] },
      ...(api.operations.some(hasInput)
        ? [
            {
              kind: StructureKind.ImportDeclaration as const,
              isTypeOnly: true,
              moduleSpecifier: "./client.js",
              namedImports: api.operations.filter(hasInput).map(inputTypeName),
            },
          ]
        : []),
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: "../validators.js", namespaceImport: "v" },
      ...api.operations.map((operation) => ({
        kind: StructureKind.TypeAlias as const,
        name: `${pascalCase(operation.methodName)}Reply`,
        isExported: true,
        docs: [`What the handler of \`${operation.methodName}\` may answer (anything else is refused as a contract breach).`],
        type: replyType(operation, marksReadWrite(api.document)),
      })),
      {
        kind: StructureKind.Interface,
        name: handlers,
        isExported: true,
        typeParameters: [{ name: "Principal", default: "unknown" }],
        docs: [docText(`What the application implements to serve ${api.title}: one handler per operation, given a validated input.`)],
        methods: api.operations.map((operation) => ({
          name: operation.methodName,
          docs: [
            docText(
              operation.summary,
              operation.description,
              `\`${operation.method.toUpperCase()} ${operation.path}\`${operation.deadlineMs ? `, answered within ${operation.deadlineMs} ms` : ""}.`,
              `Input as the client sends it: {@link ${clientName}.${operation.methodName}}.`,
            ),
          ],
          parameters: [
            { name: "input", type: hasInput(operation) ? inputTypeName(operation) : "Record<string, never>" },
            { name: "context", type: "HandlerContext<Principal>" },
          ],
          returnType: `${pascalCase(operation.methodName)}Reply | Promise<${pascalCase(operation.methodName)}Reply>`,
        })),
      },
      {
        kind: StructureKind.VariableStatement,
        isExported: true,
        declarationKind: VariableDeclarationKind.Const,
        docs: ["Where each scheme's credential travels."],
        declarations: [
          {
            name: `${routes.replace(/Routes$/, "")}SecuritySchemes`,
            type: "Record<string, SecuritySchemeSpec>",
            initializer: JSON.stringify(api.server.schemes),
          },
        ],
      },
      {
        kind: StructureKind.VariableStatement,
        isExported: true,
        declarationKind: VariableDeclarationKind.Const,
        docs: ["One route per operation, for the dispatcher."],
        declarations: [
          {
            name: routes,
            type: "readonly ServerRouteSpec[]",
            initializer: `[\n${api.operations.map((operation) => `  ${route(api, operation, validators)}`).join(",\n")},\n]`,
          },
        ],
      },
      {
        kind: StructureKind.Function,
        name: `create${base}Server`,
        isExported: true,
        typeParameters: [{ name: "Principal", default: "unknown" }],
        docs: [
          docText(
            `The server of ${api.title}: request in, reply out, independent of the HTTP framework (\`toNodeHandler\` serves it with node:http).`,
            "`options.authenticate` names a function per security scheme (for a JWT: `jwtVerifier(…).verify`); its result is the handler's `context.principal`.",
          ),
        ],
        parameters: [
          { name: "handlers", type: `${handlers}<Principal>` },
          { name: "options", type: "DispatcherOptions<Principal>", initializer: "{}" },
        ],
        returnType: "Dispatcher",
        statements: [`return createDispatcher<Principal>(${routes}, ${routes.replace(/Routes$/, "")}SecuritySchemes, handlers, options);`],
      },
    ],
  });
}
