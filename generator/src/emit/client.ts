import {
  type ClassDeclarationStructure,
  type InterfaceDeclarationStructure,
  type MethodDeclarationStructure,
  type OptionalKind,
  type PropertySignatureStructure,
  Scope,
  StructureKind,
  type TypeAliasDeclarationStructure,
} from "ts-morph";
import type { ApiIR, MediaIR, OperationIR } from "../ir/types.js";
import { valueAt } from "../openapi/pointer.js";
import { marksReadWrite } from "../openapi/read-write.js";
import { filledByClient } from "../passes/filled-by-client.js";
import { flowMethods } from "./flows.js";
import { fileHeader } from "./header.js";
import { argumentParameters, argumentsInterface, inputFromArguments } from "./method-arguments.js";
import { apiNames, inputTypeName, operationType, resultTypeName } from "./names.js";
import { docText, literal, printStructure } from "./printer.js";
import { runtimeEntry } from "./runtime-parts.js";
import { type XmlBodies, xmlPackageImport } from "./xml-bodies.js";

const componentSchema = /^#\/components\/schemas\/([^/]+)$/;

/** The type of a body the caller sends, by media kind (openapi-typescript types bytes as string). */
function bodyType(operation: OperationIR, media: MediaIR, xml: XmlBodies): string {
  if (media.xml) return xml.valueType(media.xml);
  // The client fills the signature field (x-bankkit-signature): callers send the body without it.
  if (operation.signature)
    return `Omit<NonNullable<${operationType(operation)}["requestBody"]>["content"][${literal(media.mediaType)}], ${literal(operation.signature.field)}>`;
  if (media.kind === "binary") return "BinaryBody";
  if (media.kind === "text") return "string";
  return `NonNullable<${operationType(operation)}["requestBody"]>["content"][${literal(media.mediaType)}]`;
}

/**
 * In a document with readOnly/writeOnly, the schema types carry `$Read`/`$Write` markers: what a caller sends
 * is `Writable<…>` (no read-only fields), what a call returns `Readable<…>` (no write-only fields).
 */
const oneWay = (api: ApiIR, direction: "Readable" | "Writable") => (type: string) =>
  marksReadWrite(api.document) ? `${direction}<${type}>` : type;

function inputProperties(
  operation: OperationIR,
  xml: XmlBodies,
  writable = (type: string) => type,
): OptionalKind<PropertySignatureStructure>[] {
  const properties: OptionalKind<PropertySignatureStructure>[] = [];
  for (const location of ["path", "query", "header", "cookie"] as const) {
    const parameters = operation.parameters.filter((p) => p.in === location);
    if (parameters.length === 0) continue;
    let type = `NonNullable<${operationType(operation)}["parameters"][${literal(location)}]>`;
    let required = parameters.some((p) => p.required);
    const optional = parameters.filter((p) => filledByClient(operation, p));
    if (optional.length > 0) {
      const names = optional.map((p) => literal(p.name));
      type = `Omit<${type}, ${names.join(" | ")}> & { ${names.map((n) => `${n}?: string`).join("; ")} }`;
      required = parameters.some((p) => p.required && !optional.includes(p));
    }
    properties.push({
      name: location,
      hasQuestionToken: !required,
      type,
      docs: [docText(`${location} parameters: ${parameters.map((p) => `\`${p.name}\``).join(", ")}.`)],
    });
  }
  const body = operation.requestBody;
  const media = body?.contents[0];
  if (body && media) {
    properties.push({
      name: "body",
      hasQuestionToken: !body.required,
      type: media.kind === "json" || media.kind === "form" ? writable(bodyType(operation, media, xml)) : bodyType(operation, media, xml),
      docs: [docText(body.description ?? `Request body (${media.mediaType}).`)],
    });
  }
  return properties;
}

/** The type a successful call resolves to. */
function resultType(api: ApiIR, operation: OperationIR, xml: XmlBodies): string {
  const readable = oneWay(api, "Readable");
  if (operation.unzip) return "ZipFile[]";
  const success = operation.responses.filter((r) => r.status.startsWith("2"));
  const envelope = operation.envelope;
  if (envelope) {
    if (envelope.payloadKey && envelope.payloadSchemaPointer) {
      const schema = valueAt(api.document, envelope.payloadSchemaPointer) as { $ref?: unknown } | undefined;
      const ref = typeof schema?.$ref === "string" ? componentSchema.exec(schema.$ref) : null;
      if (ref) return readable(`components["schemas"][${literal(decodeURIComponent(ref[1]!))}]`);
      const json = success.find((r) => r.contents.some((c) => c.kind === "json"))!;
      const media = json.contents.find((c) => c.kind === "json")!;
      const answer = `${operationType(operation)}["responses"][${literal(json.status)}]["content"][${literal(media.mediaType)}]`;
      const parent = (api.envelope?.payloadParent ?? "").split("/").slice(1);
      const path = parent.reduce((type, token) => `NonNullable<${type}[${literal(token)}]>`, answer);
      return readable(`NonNullable<${path}[${literal(envelope.payloadKey)}]>`);
    }
    if (!envelope.errorsOnly) return "void";
  }
  const types = new Set<string>();
  for (const response of success) {
    if (response.contents.length === 0) types.add("void");
    for (const media of response.contents) {
      if (media.xml) types.add(xml.valueType(media.xml));
      else if (media.kind === "binary") types.add("Uint8Array");
      else if (media.kind === "text") types.add("string");
      else if (!envelope) {
        types.add(
          readable(`${operationType(operation)}["responses"][${literal(response.status)}]["content"][${literal(media.mediaType)}]`),
        );
      }
    }
  }
  return types.size > 0 ? [...types].join(" | ") : "void";
}

function method(operation: OperationIR, xml: XmlBodies): OptionalKind<MethodDeclarationStructure> {
  const hasInput = inputProperties(operation, xml).length > 0;
  const inputOptional = inputProperties(operation, xml).every((p) => p.hasQuestionToken);
  const call = `this.#core.call(operationSpecs.${operation.methodName}, ${hasInput ? "input" : "{}"}, options)`;
  const parameters = operation.arguments
    ? argumentParameters(operation)
    : hasInput
      ? [{ name: "input", type: inputTypeName(operation), hasQuestionToken: inputOptional }]
      : [];
  return {
    name: operation.methodName,
    docs: [
      docText(
        operation.summary,
        operation.description,
        `\`${operation.method.toUpperCase()} ${operation.path}\``,
        operation.deprecated ? "@deprecated The spec marks this operation as deprecated." : undefined,
      ),
    ],
    parameters: [...parameters, { name: "options", type: "RequestOptions", hasQuestionToken: true }],
    returnType: `Promise<${resultTypeName(operation)}>`,
    statements: [
      ...(operation.arguments ? [inputFromArguments(operation)] : []),
      `return ${call} as Promise<${resultTypeName(operation)}>;`,
    ],
  };
}

/** The method `x-bankkit-poll` adds: the read, repeated with growing pauses until the answer is final. */
function pollMethod(operation: OperationIR, xml: XmlBodies): OptionalKind<MethodDeclarationStructure>[] {
  const poll = operation.poll;
  if (!poll) return [];
  const hasInput = inputProperties(operation, xml).length > 0;
  const tokens = poll.pointer
    .split("/")
    .slice(1)
    .map((token) => token.replace(/~1/g, "/").replace(/~0/g, "~"));
  const value = tokens.reduce(
    (expression, token) => `(${expression} as Record<string, unknown> | undefined)?.[${literal(token)}]`,
    "answer",
  );
  const delays = [
    poll.initialDelayMs === undefined ? "" : `initialDelayMs: ${poll.initialDelayMs}`,
    poll.maxDelayMs === undefined ? "" : `maxDelayMs: ${poll.maxDelayMs}`,
  ].filter(Boolean);
  return [
    {
      name: poll.method,
      docs: [
        docText(
          `Repeats {@link ${operation.methodName}} until \`${poll.pointer}\` is ${poll.values.map((v) => `\`${v}\``).join(" or ")}, pausing longer between reads each time; \`signal\` stops it, \`maxWaitMs\` bounds it (TimeoutError). It keeps no state beyond its input: after a restart, call it again.`,
        ),
      ],
      parameters: [
        ...(hasInput ? [{ name: "input", type: inputTypeName(operation) }] : []),
        { name: "options", type: 'RequestOptions & Omit<PollOptions, "signal">', initializer: "{}" },
      ],
      returnType: `Promise<${resultTypeName(operation)}>`,
      statements: [
        `const final: readonly unknown[] = ${JSON.stringify(poll.values)};`,
        `return pollUntil(${literal(operation.operationId)}, () => this.${operation.methodName}(${hasInput ? "input, " : ""}options), (answer) => final.includes(${value}), { ${[...delays, "...options"].join(", ")} });`,
      ],
    },
  ];
}

/** `client.ts`: input and result types per operation, the client class and its factory. */
export function emitClient(api: ApiIR, xml: XmlBodies): string {
  const names = apiNames(api);
  const serverNames = api.servers.map((s) => literal(s.name)).join(" | ");
  const inputs: InterfaceDeclarationStructure[] = api.operations
    .filter((operation) => inputProperties(operation, xml).length > 0)
    .map((operation) => ({
      kind: StructureKind.Interface,
      name: inputTypeName(operation),
      isExported: true,
      docs: [`Input of {@link ${names.client}.${operation.methodName}}.`],
      properties: inputProperties(operation, xml, oneWay(api, "Writable")),
    }));
  const results: TypeAliasDeclarationStructure[] = api.operations.map((operation) => ({
    kind: StructureKind.TypeAlias,
    name: resultTypeName(operation),
    isExported: true,
    docs: [`What {@link ${names.client}.${operation.methodName}} resolves to.`],
    type: resultType(api, operation, xml),
  }));
  const client: ClassDeclarationStructure = {
    kind: StructureKind.Class,
    name: names.client,
    isExported: true,
    docs: [docText(`${api.title} ${api.version}: one method per operation.`, api.description)],
    properties: [{ name: "#core", isReadonly: true, type: "ClientCore<paths>" }],
    ctors: [
      {
        parameters: [{ name: "options", type: names.options, initializer: "{}" }],
        statements: ["this.#core = new ClientCore<paths>(api, options);"],
      },
    ],
    getAccessors: [
      {
        name: "raw",
        scope: Scope.Public,
        docs: ["The openapi-fetch client underneath, for calls the typed methods do not cover."],
        returnType: "Client<paths>",
        statements: ["return this.#core.raw;"],
      },
    ],
    methods: [...api.operations.flatMap((operation) => [method(operation, xml), ...pollMethod(operation, xml)]), ...flowMethods(api)],
  };
  const usesBinaryBody = api.operations.some((o) => o.requestBody?.contents[0]?.kind === "binary");
  return printStructure(fileHeader(api), {
    statements: [
      {
        kind: StructureKind.ImportDeclaration,
        moduleSpecifier: "@bankkit/runtime",
        namedImports: [
          "ClientCore",
          "type ClientOptions",
          "type RequestOptions",
          ...(usesBinaryBody ? ["type BinaryBody"] : []),
          ...(marksReadWrite(api.document) ? ["type Readable", "type Writable"] : []),
          ...(xml.used ? ["type XmlValueOf"] : []),
          ...(api.operations.some((operation) => operation.poll) ? ["pollUntil", "type PollOptions"] : []),
          ...(api.operations.some((operation) => operation.arguments?.list.some((a) => a.date)) ? ["calendarDate"] : []),
        ],
      },
      ...(api.operations.some((operation) => operation.unzip)
        ? [
            {
              kind: StructureKind.ImportDeclaration as const,
              isTypeOnly: true,
              moduleSpecifier: runtimeEntry("zip"),
              namedImports: ["ZipFile"],
            },
          ]
        : []),
      { kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier: "openapi-fetch", namedImports: ["Client"] },
      ...(xml.used ? [{ kind: StructureKind.ImportDeclaration as const, isTypeOnly: true, ...xmlPackageImport }] : []),
      { kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier: "./schema.js", namedImports: ["components", "paths"] },
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: "./operations.js", namedImports: ["api", "operationSpecs"] },
      {
        kind: StructureKind.TypeAlias,
        name: names.options,
        isExported: true,
        docs: ["Client options; `server` picks one of the spec's servers (its variables via `serverVariables`)."],
        type: `Omit<ClientOptions, "server"> & { server?: ${serverNames} }`,
      },
      ...inputs,
      ...api.operations.flatMap((operation) => argumentsInterface(operation, names.client)),
      ...results,
      client,
      {
        kind: StructureKind.Function,
        name: names.factory,
        isExported: true,
        docs: [`Creates a {@link ${names.client}}.`],
        parameters: [{ name: "options", type: names.options, hasQuestionToken: true }],
        returnType: names.client,
        statements: [`return new ${names.client}(options);`],
      },
    ],
  });
}
