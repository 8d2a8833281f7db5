import type { ApiIR, OperationIR } from "../ir/types.js";
import { isObject } from "../openapi/pointer.js";
import { filledByClient } from "../passes/filled-by-client.js";
import { apiNames, resultTypeName } from "./names.js";
import { apiSummary, firstParagraph } from "./prose.js";
import { bodyExample, literalSource, parameterExample } from "./readme-examples.js";

/** Source text for bodies that are not JSON values. */
class Source {
  constructor(readonly text: string) {}
}

/** The body a caller passes: the spec's example without the field the client signs, or source for bytes and XML. */
function bodyValue(api: ApiIR, operation: OperationIR): unknown {
  const media = operation.requestBody?.contents[0];
  if (!media) return undefined;
  if (media.xml) return new Source("message /* a typed model from @bankkit/iso20022 */");
  if (media.kind === "binary") return new Source('readFileSync("file.bin")');
  const value = bodyExample(api, operation.pointer, media);
  if (!operation.signature || !isObject(value)) return value;
  const { [operation.signature.field]: _signed, ...unsigned } = value;
  return unsigned;
}

const source = (value: unknown) => (value instanceof Source ? value.text : literalSource(value, "  "));

/** The call as a caller writes it, shaped like the generated method (object input, named or positional arguments). */
function callExample(api: ApiIR, operation: OperationIR): string {
  const method = `client.${operation.methodName}`;
  const parameters = operation.parameters.filter((p) => p.required && !filledByClient(operation, p));
  const shaped = operation.arguments;
  if (shaped) {
    const body = bodyValue(api, operation);
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
  const body = bodyValue(api, operation);
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
    else if (raw.type === "oauth2")
      lines.push(
        `- \`${name}\` — OAuth2: \`auth: oauth2PasswordAuth({ tokenUrl, clientId, clientSecret, username, password })\`. ${described}`,
      );
    else if (raw.type === "mutualTLS")
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
  return lines.length > 0 ? lines : ["The spec declares no authentication."];
}

export interface InstallOptions {
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
    `https://npm.your-bank.example/\`) and \`npm install @bankkit/${api.id}\` from there.`,
  ];
}

/**
 * `README.md` of a generated package: install, create the client, configure auth and TLS, then every
 * operation with a call built from the spec's examples — what a developer reads before using the package.
 */
export function emitReadme(api: ApiIR, options: InstallOptions): string {
  const names = apiNames(api);
  const summary = apiSummary(api);
  const server = api.servers[0];
  const variables =
    server && Object.keys(server.variables).length > 0
      ? `, serverVariables: { ${Object.entries(server.variables)
          .map(([k, v]) => `${k}: ${JSON.stringify(v.default)}`)
          .join(", ")} }`
      : "";
  const lines = [
    `# @bankkit/${api.id}`,
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
    `import { ${names.factory} } from "@bankkit/${api.id}";`,
    "",
    server
      ? `const client = ${names.factory}({ server: ${JSON.stringify(server.name)}${variables} }); // or { baseUrl: "…" }`
      : `const client = ${names.factory}({ baseUrl: "https://…" });`,
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
    lines.push("```ts", `const result = ${callExample(api, operation)};`, "```", "");
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
    const call = callExample(api, flow.input).replace(`client.${flow.input.methodName}(`, `client.${flow.name}(`);
    lines.push("```ts", `const result = ${call.replace(/\)$/, ", { onStep: (step, value) => console.log(step, value) })")};`, "```", "");
  }
  if (api.server) {
    lines.push(
      "## Serving the API",
      "",
      "The spec describes endpoints your service implements; the package also exports a typed server:",
      "",
      "```ts",
    );
    lines.push(
      `import { createServer } from "node:http";`,
      `import { create${names.client.replace(/Client$/, "")}Server, jwtVerifier, toNodeHandler } from "@bankkit/${api.id}";`,
      "",
    );
    lines.push(
      `const server = create${names.client.replace(/Client$/, "")}Server(handlers, { authenticate: { /* scheme: (credential) => verifier.verify(credential) */ } });`,
    );
    lines.push("createServer(toNodeHandler(server)).listen(8080);", "```", "");
    lines.push(
      "Requests that break the contract get 400 with the violations, bad credentials 401, a handler past its deadline 503, and a handler answer that breaks the contract is refused (500) before it leaves.",
      "",
    );
  }
  return `${lines
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trimEnd()}\n`;
}
