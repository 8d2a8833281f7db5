import type { ApiIR, OperationIR } from "../ir/types.js";
import { decimalPaths } from "../openapi/decimals.js";
import { isObject } from "../openapi/pointer.js";
import { filledByClient } from "../passes/filled-by-client.js";
import { apiNames, packageName, resultTypeName } from "./names.js";
import { apiSummary, firstParagraph } from "./prose.js";
import { bodyExample, literalSource, parameterExample } from "./readme-examples.js";
import { readmeSetup, requiredScopes } from "./readme-setup.js";
import type { XmlBodies } from "./xml-bodies.js";

/** Source text for bodies that are not JSON values. */
class Source {
  constructor(readonly text: string) {}
}

/** The file a README example reads a binary body from, named for what it holds. */
export function exampleFile(mediaType: string): string {
  if (mediaType === "application/pdf") return "document.pdf";
  if (mediaType.startsWith("image/")) return "photo.jpg";
  return "file.bin";
}

/** An example with its decimal amounts (`format: decimal`) as the strings of digits a caller passes. */
function decimalsAsStrings(value: unknown, paths: readonly string[], at = ""): unknown {
  if (paths.length === 0) return value;
  const matches = (pattern: string) =>
    new RegExp(
      `^${pattern
        .split("*")
        .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
        .join("[^/]+")}$`,
    ).test(at);
  if (typeof value === "number" && paths.some(matches)) return String(value);
  if (Array.isArray(value)) return value.map((item, i) => decimalsAsStrings(item, paths, `${at}/${i}`));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decimalsAsStrings(v, paths, `${at}/${k}`)]));
  return value;
}

/** The file a README example reads an XML body from. */
export const exampleXmlFile = "message.xml";

/**
 * The body a caller passes: the spec's example without the field the client signs, or source for bytes (read
 * from a file) and XML (a file read into its typed model, which the client validates and writes back).
 */
function bodyValue(api: ApiIR, operation: OperationIR, xml?: XmlBodies): unknown {
  const media = operation.requestBody?.contents[0];
  if (!media) return undefined;
  if (media.xml && xml)
    return new Source(
      `${xml.codec(media.xml)}.parse(readFileSync(${JSON.stringify(exampleXmlFile)}, "utf8")${media.xml.profile ? `, { profile: ${JSON.stringify(media.xml.profile)} }` : ""})`,
    );
  if (media.kind === "binary") return new Source(`readFileSync(${JSON.stringify(exampleFile(media.mediaType))})`);
  const value = decimalsAsStrings(
    bodyExample(api, operation.pointer, media),
    media.schemaPointer ? decimalPaths(api.document, { $ref: media.schemaPointer }) : [],
  );
  if (!operation.signature || !isObject(value)) return value;
  const { [operation.signature.field]: _signed, ...unsigned } = value;
  return unsigned;
}

const source = (value: unknown) => (value instanceof Source ? value.text : literalSource(value, "  "));

/** The call as a caller writes it, shaped like the generated method (object input, named or positional arguments). */
function callExample(api: ApiIR, operation: OperationIR, xml?: XmlBodies): string {
  const method = `client.${operation.methodName}`;
  const parameters = operation.parameters.filter((p) => p.required && !filledByClient(operation, p));
  const shaped = operation.arguments;
  if (shaped) {
    const body = bodyValue(api, operation, xml);
    const values = shaped.list.map((argument) => {
      if (argument.in === "body")
        return source(
          argument.name === undefined
            ? body
            : isObject(body)
              ? (body[argument.name] ?? `<${argument.argument}>`)
              : `<${argument.argument}>`,
        );
      const parameter = operation.parameters.find((p) => p.in === argument.in && p.name === argument.name);
      return source(parameter ? parameterExample(api, parameter) : `<${argument.argument}>`);
    });
    if (shaped.style === "positional") return `await ${method}(${values.join(", ")})`;
    const members = shaped.list.map((argument, i) => `${argument.argument}: ${values[i]}`);
    return `await ${method}({ ${members.join(", ")} })`;
  }
  const groups: string[] = [];
  for (const location of ["path", "query", "header", "cookie"] as const) {
    const members = parameters
      .filter((p) => p.in === location)
      .map((p) => `${JSON.stringify(p.name).replace(/^"([A-Za-z_$][\w$]*)"$/, "$1")}: ${literalSource(parameterExample(api, p), "  ")}`);
    if (members.length > 0) groups.push(`${location}: { ${members.join(", ")} }`);
  }
  const body = bodyValue(api, operation, xml);
  if (body !== undefined) groups.push(`body: ${source(body)}`);
  return groups.length > 0 ? `await ${method}({\n  ${groups.join(",\n  ")},\n})` : `await ${method}()`;
}

function securitySection(api: ApiIR): string[] {
  const components = isObject(api.document.components) ? api.document.components : {};
  const schemes = isObject(components.securitySchemes) ? components.securitySchemes : {};
  const lines: string[] = [];
  for (const [name, raw] of Object.entries(schemes)) {
    if (!isObject(raw)) continue;
    const described = firstParagraph(typeof raw.description === "string" ? raw.description : "");
    if (raw.type === "apiKey")
      lines.push(
        `- \`${name}\` — a key in the \`${String(raw.name)}\` ${String(raw.in)}: \`auth: apiKeyAuth({ header: "${String(raw.name)}", value })\`. ${described}`,
      );
    else if (raw.type === "http" && raw.scheme === "bearer")
      lines.push(`- \`${name}\` — a bearer token: \`auth: bearerTokenAuth({ issue: async () => ({ token }) })\`. ${described}`);
    else if (raw.type === "oauth2") {
      const scopes = requiredScopes(api, name);
      const tls = Object.values(schemes).some((scheme) => isObject(scheme) && scheme.type === "mutualTLS");
      const options = ["tokenUrl", "clientId", "clientSecret", "username", "password"];
      if (scopes.length > 0) options.push(`scope: ${JSON.stringify(scopes.join(" "))}`);
      if (tls) options.push("fetch");
      lines.push(
        `- \`${name}\` — OAuth2: \`auth: oauth2PasswordAuth({ ${options.join(", ")} })\`${tls ? " (`fetch`: the mutual-TLS fetch, so the token call carries the client certificate too)" : ""}. ${described}`,
      );
    } else if (raw.type === "mutualTLS")
      lines.push(
        `- \`${name}\` — mutual TLS: \`fetch: mutualTlsFetch({ certificate: readPkcs12(p12, password), ca })\` (never turn verification off). ${described}`,
      );
    else lines.push(`- \`${name}\` — ${String(raw.type)}. ${described}`);
  }
  if (api.operations.some((o) => o.signature))
    lines.push(
      "- Signed bodies: pass `signer` (a key in node:crypto, an external command such as CryptoPro's, or a GOST signer); the client fills the signature field.",
    );
  if (api.operations.some((o) => o.jws))
    lines.push("- Detached JWS headers: pass `jwsSigner` (and `jwsKeyId`); the client signs each attempt's body.");
  const algorithms = Object.entries(Object.assign({}, ...api.operations.map((o) => o.jws?.algorithms ?? {})) as Record<string, string>);
  if (algorithms.length > 0)
    lines.push(
      `- The API expects signatures JOSE has no name for: ${algorithms.map(([oid, alg]) => `\`${oid}\` as \`alg: "${alg}"\``).join(", ")} (\`jwsAlgorithm\` overrides). Such a key stays in the bank's CSP: \`jwsSigner: externalRawSigner({ command, args: ({ input, output }) => [...], certificate })\` from \`@bankkit/runtime\` runs its command for each signature.`,
    );
  return lines.length > 0 ? lines : ["The spec declares no authentication."];
}

export interface InstallOptions {
  /** The API's typed XML bodies, for examples that read a message into its model. */
  xml?: XmlBodies;
  /** The package's bodies are typed XML: it needs @bankkit/iso20022 beside it. */
  usesXmlPackage: boolean;
  /** Generated outside the repository (`bankkit generate --spec --out`): built where it lies. */
  standalone: boolean;
}

/**
 * How to install a package nobody publishes to npmjs.com: the tarballs `npm run pack` writes, side by side (they
 * name each other by caret ranges), or a private registry they were published to.
 */
function installSection(api: ApiIR, { usesXmlPackage, standalone }: InstallOptions): string[] {
  const tarballs = ["runtime", ...(usesXmlPackage ? ["iso20022"] : [])].map((id) => `bankkit/packages/bankkit-${id}-*.tgz`);
  if (standalone)
    return [
      "## Build",
      "",
      "This folder is a package of its own. It depends on `@bankkit/runtime`, which is not on npmjs.com: install it from",
      "the tarball `npm run pack` writes in the bankkit repository (or from your registry, if it is published there), then build:",
      "",
      "```sh",
      `npm install ${tarballs.join(" ")}`,
      "npm install && npm run build",
      "```",
    ];
  return [
    "## Install",
    "",
    "The packages are not on npmjs.com. In the bankkit repository, `npm run build && npm run pack` writes installable",
    "tarballs to `packages/`; install this one with the ones it depends on, side by side:",
    "",
    "```sh",
    `npm install ${[...tarballs, `bankkit/packages/bankkit-${api.id}-*.tgz`].join(" ")}`,
    "```",
    "",
    "or publish each tarball once to your private registry (`npm publish bankkit-runtime-<version>.tgz --registry",
    `https://npm.your-bank.example/\`) and \`npm install ${packageName(api)}\` from there.`,
  ];
}

/** How a served API (`x-bankkit-server`) is put on a port: a complete sample, each scheme authenticated. */
function servingSection(api: ApiIR): string[] {
  const base = apiNames(api).client.replace(/Client$/, "");
  const components = isObject(api.document.components) ? api.document.components : {};
  const schemes = Object.entries(isObject(components.securitySchemes) ? components.securitySchemes : {}).filter(([, s]) => isObject(s));
  const jwt = schemes.some(([, scheme]) => (scheme as Record<string, unknown>)["x-bankkit-jwt"] === true);
  const authenticate = schemes.map(([name, scheme]) =>
    (scheme as Record<string, unknown>)["x-bankkit-jwt"] === true
      ? `${name}: (token) => verifier.verify(token)`
      : `${name}: async (credential) => { if (credential !== process.env.${name.replace(/\W+/g, "_").toUpperCase()}) throw new Error("refused"); return {}; }`,
  );
  return [
    "## Serving the API",
    "",
    "The spec describes endpoints your service implements; the package also exports a typed server:",
    "",
    "```ts",
    `import { create${base}Server, type ${base}Handlers, ${jwt ? "jwtVerifier, " : ""}serveNode } from "${packageName(api)}";`,
    "",
    ...(jwt
      ? [
          "// The caller's tokens, checked against the keys it publishes (its JWKS URL and issuer name).",
          'const verifier = jwtVerifier({ jwksUrl: process.env.JWKS_URL ?? "", issuer: process.env.JWT_ISSUER ?? "" });',
          "",
        ]
      : []),
    "/** Serves your handlers — one per operation, each typed from the spec — on `port`. */",
    `export function serve(handlers: ${base}Handlers, port = 8080) {`,
    `  const server = create${base}Server(handlers, { authenticate: { ${authenticate.join(", ")} } });`,
    "  return serveNode(server).listen(port); // limits for the open internet, below",
    "}",
    "```",
    "",
    "Credentials are checked from the request's head before its body is read: an anonymous sender gets 401 at once and",
    "its body is never parsed. Requests that break the contract get 400 with the violations (JSON nested deeper than 64",
    "levels included), a handler past its deadline 503, and a handler answer that breaks the contract is refused (500)",
    "before it leaves. `serveNode` bounds the rest (each overridable): headers within 10 s and a whole request within",
    "30 s (408), a head up to 16 KiB (431), a body up to 1 MiB (413), idle keep-alive sockets closed after 5 s, at most",
    "1,000 connections. (`toNodeHandler(server)` fits a `node:http` server of your own, with Node's defaults.)",
    "",
  ];
}

/**
 * `README.md` of a generated package: install, create the client, configure auth and TLS, then every
 * operation with a call built from the spec's examples — what a developer reads before using the package.
 */
export function emitReadme(api: ApiIR, options: InstallOptions): string {
  const summary = apiSummary(api);
  // An example that sends bytes or XML reads them from a file: the setup imports readFileSync for it.
  const readsFiles = api.operations.some((o) => o.requestBody?.contents[0]?.xml || o.requestBody?.contents[0]?.kind === "binary");
  const lines = [
    `# ${packageName(api)}`,
    "",
    `Typed client for **${api.title}** ${api.version}, generated by bankkit from \`${api.specPath}\`. Do not edit: change the spec and run \`npm run generate\`.`,
    "",
    summary,
    "",
    ...installSection(api, options),
    "",
    "## Create the client",
    "",
    "```ts",
    ...readmeSetup(api, readsFiles, options.xml?.used ?? false).lines,
    "```",
    "",
    "| server | URL | |",
    "|---|---|---|",
    ...api.servers.map((s) => `| \`${s.name}\` | \`${s.url}\` | ${firstParagraph(s.description)} |`),
    "",
    "Every option: `timeoutMs`, `retry` (idempotent calls and keyed POSTs are retried with the same key), `logger` (one event per attempt, credentials and personal data redacted), `fetch`, `headers`, `middleware`.",
    "",
    "## Authentication, signing and TLS",
    "",
    ...securitySection(api),
    "",
    "## Operations",
    "",
    "Every method validates its input before sending (a `RequestValidationError` names the field and the rule) and the answer against the spec (`ResponseValidationError`); HTTP errors are `HttpStatusError` subclasses.",
    "",
  ];
  for (const operation of api.operations) {
    lines.push(`### \`${operation.methodName}\` — ${operation.summary ?? operation.operationId}`, "");
    lines.push(`\`${operation.method.toUpperCase()} ${operation.path}\`${operation.deprecated ? " — **deprecated**" : ""}`, "");
    const description = firstParagraph(operation.description);
    if (description) lines.push(description, "");
    lines.push("```ts", `const result = ${callExample(api, operation, options.xml)};`, "```", "");
    const optional = operation.parameters.filter((p) => !p.required && !filledByClient(operation, p)).map((p) => `\`${p.name}\``);
    if (optional.length > 0) lines.push(`Optional parameters: ${optional.join(", ")}.`, "");
    const statuses = operation.responses.map((r) => `\`${r.status}\``).join(", ");
    lines.push(
      `Resolves to \`${resultTypeName(operation)}\`; answers: ${statuses}.${operation.poll ? ` \`${operation.poll.method}\` repeats it until the answer is final.` : ""}`,
      "",
    );
  }
  if (api.flows.length > 0) lines.push("## Flows", "");
  for (const flow of api.flows) {
    lines.push(`### \`${flow.name}\` — ${flow.summary ?? flow.name}`, "");
    lines.push(`Steps: ${flow.steps.map((step) => `\`${step.call}\``).join(" → ")}.`, "");
    const description = firstParagraph(flow.description);
    if (description) lines.push(description, "");
    const call = callExample(api, flow.input, options.xml).replace(`client.${flow.input.methodName}(`, `client.${flow.name}(`);
    lines.push("```ts", `const result = ${call.replace(/\)$/, ", { onStep: (step, value) => console.log(step, value) })")};`, "```", "");
  }
  if (api.server) lines.push(...servingSection(api));
  return `${lines
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trimEnd()}\n`;
}
