import { StructureKind, VariableDeclarationKind, type WriterFunction } from "ts-morph";
import type { ApiIR, OperationIR, ParameterIR } from "../ir/types.js";
import { decimalPaths } from "../openapi/decimals.js";
import { isObject } from "../openapi/pointer.js";
import { fileHeader } from "./header.js";
import { literal, printStructure } from "./printer.js";
import { runtimeEntry } from "./runtime-parts.js";
import type { ValidatorNames } from "./validators/index.js";
import { type XmlBodies, xmlBodySpec, xmlPackageImport } from "./xml-bodies.js";

const defaultExplode: Record<string, boolean> = { form: true };

/** The path template in openapi-fetch's syntax, carrying label/matrix styles and explode: `{.id*}`. */
function requestPath(operation: OperationIR): string | undefined {
  let changed = false;
  const path = operation.path.replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const p = operation.parameters.find((x) => x.in === "path" && x.name === name);
    const prefix = p?.style === "label" ? "." : p?.style === "matrix" ? ";" : "";
    const explode = p?.explode ? "*" : "";
    if (!prefix && !explode) return whole;
    changed = true;
    return `{${prefix}${name}${explode}}`;
  });
  return changed ? path : undefined;
}

function styles(parameters: ParameterIR[], location: "query" | "header"): string | undefined {
  const declared = parameters.filter((p) => p.in === location && (p.style !== undefined || p.explode !== undefined));
  if (declared.length === 0) return undefined;
  const fallback = location === "query" ? "form" : "simple";
  const entries = declared.map((p) => {
    const style = p.style ?? fallback;
    return `${literal(p.name)}: { style: ${literal(style)}, explode: ${p.explode ?? defaultExplode[style] ?? false} }`;
  });
  return `{ ${entries.join(", ")} }`;
}

/** A binary body of several accepted formats (or with a size cap): the runtime sends it as its bytes show. */
function sniff(operation: OperationIR): string {
  const body = operation.requestBody;
  const binary = body?.contents.filter((media) => media.kind === "binary") ?? [];
  if (!body || binary.length === 0 || binary.length !== body.contents.length || (binary.length < 2 && body.maxBytes === undefined))
    return "";
  const spec = { types: binary.map((media) => media.mediaType), ...(body.maxBytes === undefined ? {} : { maxBytes: body.maxBytes }) };
  return `, sniff: ${JSON.stringify(spec)}`;
}

/** Header parameters the runtime fills when the caller leaves them out (`x-bankkit-generated`). */
function generatedHeaders(operation: OperationIR): string[] {
  const generated = operation.parameters.filter((p) => p.generated);
  if (generated.length === 0) return [];
  return [`generatedHeaders: { ${generated.map((p) => `${literal(p.name)}: ${literal(p.generated)}`).join(", ")} }`];
}

function operationSpec(api: ApiIR, operation: OperationIR, validators: ValidatorNames, xml: XmlBodies): WriterFunction {
  return (writer) => {
    const body = operation.requestBody?.contents[0];
    const query = styles(operation.parameters, "query");
    const header = styles(operation.parameters, "header");
    const path = requestPath(operation);
    const lines = [
      `id: ${literal(operation.operationId)}`,
      `method: ${literal(operation.method)}`,
      `path: ${literal(operation.path)}`,
      ...(path ? [`requestPath: ${literal(path)}`] : []),
      ...(query || header ? [`styles: { ${[query && `query: ${query}`, header && `header: ${header}`].filter(Boolean).join(", ")} }`] : []),
      ...(operation.safeToRetry ? ["safeToRetry: true"] : []),
      ...(operation.fixedHeaders
        ? [
            `headers: { ${Object.entries(operation.fixedHeaders)
              .map(([name, value]) => `${literal(name)}: ${literal(value)}`)
              .join(", ")} }`,
          ]
        : []),
      ...generatedHeaders(operation),
      ...(operation.idempotency ? [`idempotency: ${JSON.stringify(operation.idempotency)}`] : []),
      ...(operation.signature ? [`signature: ${JSON.stringify(operation.signature)}`] : []),
      ...(operation.jws ? [`jws: ${JSON.stringify(operation.jws)}`] : []),
      ...(operation.unzip ? [`unzip: { pointer: ${literal(operation.unzip.pointer)}, read: unzipAnswer }`] : []),
      ...decimals(api, operation),
      `validateRequest: v.${validators.request.get(operation.operationId)}`,
      ...(body
        ? [
            `body: { mediaType: ${literal(body.mediaType)}, kind: ${literal(body.kind)}${body.xml ? `, xml: ${xmlBodySpec(xml, body.xml)}` : ""}${sniff(operation)}${operation.requestBody?.personal ? ", personal: true" : ""} }`,
          ]
        : []),
      `responses: { ${operation.responses
        .map((r) => {
          const media = r.contents.map((c) => {
            const validator = c.xml
              ? xmlBodySpec(xml, c.xml)
              : c.kind === "json" && c.schemaPointer
                ? `v.${validators.schema.get(c.schemaPointer)}`
                : "null";
            return `${literal(c.mediaType)}: ${validator}`;
          });
          return `${literal(r.status)}: { ${media.join(", ")} }`;
        })
        .join(", ")} }`,
      ...assumedAnswers(operation),
      ...(operation.outsideEnvelope ? ["envelope: false"] : []),
      ...(operation.envelope
        ? [
            `envelope: { ${[
              operation.envelope.payloadKey ? `payloadKey: ${literal(operation.envelope.payloadKey)}` : "",
              operation.envelope.errorsOnly ? "errorsOnly: true" : "",
            ]
              .filter(Boolean)
              .join(", ")} }`,
          ]
        : []),
    ];
    writer.write(`{ ${lines.join(", ")} }`);
  };
}

/** The answers the spec marks as assumed (`x-bankkit-assumption`): status → the assumption's pointer. */
function assumedAnswers(operation: OperationIR): string[] {
  const assumed = operation.responses.filter((r) => r.assumed);
  if (assumed.length === 0) return [];
  return [`assumed: { ${assumed.map((r) => `${literal(r.status)}: ${literal(r.assumed)}`).join(", ")} }`];
}

/** Where the operation's JSON bodies hold decimal amounts (`format: decimal`): kept as exact digits both ways. */
function decimals(api: ApiIR, operation: OperationIR): string[] {
  const paths = (media: { schemaPointer?: string; kind?: string } | undefined) =>
    media?.schemaPointer ? decimalPaths(api.document, { $ref: media.schemaPointer }) : [];
  const request = paths(operation.requestBody?.contents.find((media) => media.kind === "json"));
  const response = [...new Set(operation.responses.flatMap((r) => r.contents.flatMap((media) => paths(media))))].sort();
  if (request.length === 0 && response.length === 0) return [];
  return [`decimals: ${JSON.stringify({ ...(request.length > 0 ? { request } : {}), ...(response.length > 0 ? { response } : {}) })}`];
}

/** The headers the spec's security schemes put credentials in (apiKey in header): redacted in every log. */
function secretHeaders(api: ApiIR): string[] {
  const components = isObject(api.document.components) ? api.document.components : {};
  const schemes = Object.values(isObject(components.securitySchemes) ? components.securitySchemes : {}).filter(isObject);
  return [...new Set(schemes.filter((s) => s.type === "apiKey" && s.in === "header").map((s) => String(s.name).toLowerCase()))].sort();
}

/** `operations.ts`: what the runtime needs per operation, and the API's servers and envelope. */
export function emitOperations(api: ApiIR, validators: ValidatorNames, errorFactory: string | undefined, xml: XmlBodies): string {
  const servers = api.servers.map((s) => ({ name: s.name, url: s.url, variables: s.variables }));
  const envelope = api.envelope && {
    typeProperty: api.envelope.typeProperty,
    resultPointer: api.envelope.resultPointer,
    codeProperty: api.envelope.codeProperty,
    messageProperty: api.envelope.messageProperty,
    successCode: api.envelope.successCode,
    payloadParent: api.envelope.payloadParent,
    resultOnlyType: api.envelope.resultOnlyType,
  };
  return printStructure(fileHeader(api), {
    statements: [
      {
        kind: StructureKind.ImportDeclaration,
        isTypeOnly: true,
        moduleSpecifier: "@bankkit/runtime",
        namedImports: ["ApiSpec", "OperationSpec"],
      },
      ...(xml.usesList
        ? [{ kind: StructureKind.ImportDeclaration as const, moduleSpecifier: runtimeEntry("xml"), namedImports: ["xmlListCodec"] }]
        : []),
      ...(api.operations.some((operation) => operation.unzip)
        ? [{ kind: StructureKind.ImportDeclaration as const, moduleSpecifier: runtimeEntry("zip"), namedImports: ["unzipAnswer"] }]
        : []),
      ...(xml.used ? [{ kind: StructureKind.ImportDeclaration as const, ...xmlPackageImport }] : []),
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: "../validators.js", namespaceImport: "v" },
      ...(errorFactory
        ? [{ kind: StructureKind.ImportDeclaration as const, moduleSpecifier: "./errors.js", namedImports: [errorFactory] }]
        : []),
      {
        kind: StructureKind.VariableStatement,
        isExported: true,
        declarationKind: VariableDeclarationKind.Const,
        docs: ["Servers, envelope and error factory of the API, for the client core."],
        declarations: [
          {
            name: "api",
            type: "ApiSpec",
            initializer: (writer) =>
              writer.write(
                `{ servers: ${JSON.stringify(servers)}${envelope ? `, envelope: ${JSON.stringify(envelope)}` : ""}${errorFactory ? `, apiError: ${errorFactory}` : ""}${api.personalData.length > 0 ? `, personalData: ${JSON.stringify(api.personalData)}` : ""}${api.answerErrors ? `, answerErrors: ${JSON.stringify(api.answerErrors)}` : ""}${secretHeaders(api).length > 0 ? `, secretHeaders: ${JSON.stringify(secretHeaders(api))}` : ""} }`,
              ),
          },
        ],
      },
      {
        kind: StructureKind.VariableStatement,
        isExported: true,
        declarationKind: VariableDeclarationKind.Const,
        docs: ["One entry per operation, keyed by method name."],
        declarations: [
          {
            name: "operationSpecs",
            initializer: (writer) => {
              writer.write("{").newLine();
              writer.indent(() => {
                for (const operation of api.operations) {
                  writer.write(`${operation.methodName}: `);
                  operationSpec(api, operation, validators, xml)(writer);
                  writer.write(",").newLine();
                }
              });
              writer.write("} satisfies Record<string, OperationSpec>");
            },
          },
        ],
      },
    ],
  });
}
