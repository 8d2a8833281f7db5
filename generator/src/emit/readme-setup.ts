import type { ApiIR } from "../ir/types.js";
import { isObject, valueAt } from "../openapi/pointer.js";
import { apiNames, packageName } from "./names.js";

type Scheme = Record<string, unknown>;

/** The security schemes of the first requirement the document (or else its first secured operation) states. */
function requiredSchemes(api: ApiIR): [string, Scheme, string[]][] {
  const components = isObject(api.document.components) ? api.document.components : {};
  const schemes = isObject(components.securitySchemes) ? components.securitySchemes : {};
  const stated = [api.document.security, ...api.operations.map((o) => valueAt(api.document, `${o.pointer}/security`))];
  const first = stated.find((s): s is Record<string, unknown>[] => Array.isArray(s) && s.length > 0 && isObject(s[0]))?.[0] ?? {};
  // The third item: the scopes the requirement names (an OAuth2 token is asked for with them).
  return Object.entries(first).flatMap(([name, scopes]) =>
    isObject(schemes[name]) ? [[name, schemes[name] as Scheme, Array.isArray(scopes) ? scopes.map(String) : []]] : [],
  );
}

/** `X-PARTNER-PROJECT` → `X_PARTNER_PROJECT`: where the README's setup reads a credential from. */
const variable = (name: string) => name.replace(/[^A-Za-z0-9]+/g, "_").toUpperCase();

/** The first server's URL with its variables at their defaults: what the setup points at. */
function firstServerUrl(api: ApiIR): string {
  const server = api.servers[0];
  if (!server) return "https://api.example";
  return server.url.replace(/\{([^}]+)\}/g, (_, name: string) => server.variables[name]?.default ?? name);
}

/** What the setup imports, and the option lines of the client it creates. */
export interface ReadmeSetup {
  /** Source lines: imports, then `const baseUrl = …;`, then the client. */
  lines: string[];
  /** The setup or an example reads a file (`readFileSync` is imported). */
  readsFiles: boolean;
}

/**
 * The "Create the client" sample of a README: a complete program start that compiles and runs — the server,
 * and for each scheme of the API's security, signing and JWS what the client needs, with credentials read
 * from files and environment variables (never written into code).
 */
export function readmeSetup(api: ApiIR, examplesReadFiles: boolean, usesXml: boolean): ReadmeSetup {
  const names = apiNames(api);
  const fromPackage = new Set([names.factory]);
  const fromRuntime = new Set<string>();
  const before: string[] = [];
  const options = ["  baseUrl,"];
  let readsFiles = examplesReadFiles;
  for (const [name, scheme, scopes] of requiredSchemes(api)) {
    if (scheme.type === "mutualTLS") {
      fromPackage.add("mutualTlsFetch").add("readPkcs12");
      readsFiles = true;
      before.push(
        `// ${name}: the client certificate the provider issued, and the only CA trusted for its server.`,
        "const fetch = mutualTlsFetch({",
        '  certificate: readPkcs12(readFileSync("client.p12"), process.env.P12_PASSWORD ?? ""),',
        '  ca: readFileSync("ca.pem", "utf8"),',
        "});",
      );
      options.push("  fetch,");
    } else if (scheme.type === "apiKey" && scheme["x-bankkit-jwt"] === true) {
      fromPackage.add("bankJwtAuth");
      readsFiles = true;
      options.push(`  auth: bankJwtAuth({ key: readFileSync("bank.key", "utf8"), claims: { sub: process.env.EMPLOYEE_ID ?? "" } }),`);
    } else if (scheme.type === "apiKey" && scheme.in === "header") {
      fromPackage.add("apiKeyAuth");
      const header = String(scheme.name);
      options.push(`  auth: apiKeyAuth({ header: ${JSON.stringify(header)}, value: process.env.${variable(header)} ?? "" }),`);
    } else if (scheme.type === "http" && scheme.scheme === "bearer") {
      fromPackage.add("bearerTokenAuth");
      options.push('  auth: bearerTokenAuth({ issue: async () => ({ token: process.env.API_TOKEN ?? "" }) }),');
    } else if (scheme.type === "oauth2") {
      const flows = isObject(scheme.flows) ? scheme.flows : {};
      const password = isObject(flows.password) ? flows.password : undefined;
      if (!password) continue;
      fromPackage.add("oauth2PasswordAuth");
      const tls = requiredSchemes(api).some(([, s]) => s.type === "mutualTLS");
      options.push(
        "  auth: oauth2PasswordAuth({",
        `    tokenUrl: new URL(${JSON.stringify(String(password.tokenUrl))}, baseUrl).href,`,
        '    clientId: process.env.CLIENT_ID ?? "",',
        '    clientSecret: process.env.CLIENT_SECRET ?? "",',
        '    username: process.env.API_USERNAME ?? "",',
        '    password: process.env.API_PASSWORD ?? "",',
        ...(scopes.length > 0 ? [`    scope: ${JSON.stringify(scopes.join(" "))},`] : []),
        // The token call goes through the same mutual TLS as every other call.
        ...(tls ? ["    fetch,"] : []),
        "  }),",
      );
    }
  }
  if (api.operations.some((o) => o.signature)) {
    fromRuntime.add("nodeCryptoSigner");
    readsFiles = true;
    options.push(
      '  signer: nodeCryptoSigner({ key: readFileSync("signer.key", "utf8"), certificate: readFileSync("signer.crt", "utf8") }),',
    );
  }
  if (api.operations.some((o) => o.requestBody?.contents.some((media) => media.xml?.signature))) {
    fromRuntime.add("nodeCryptoSigner");
    fromPackage.add("xmlDsigSigner");
    readsFiles = true;
    options.push(
      "  // XML messages are signed into AppHdr/Sgntr (XML-DSig); for GOST keys, gostSigner or a CSP's signer.",
      '  xmlSigner: xmlDsigSigner(nodeCryptoSigner({ key: readFileSync("signer.key", "utf8"), certificate: readFileSync("signer.crt", "utf8") })),',
    );
  }
  if (api.operations.some((o) => o.jws)) {
    fromRuntime.add("nodeCryptoSigner");
    readsFiles = true;
    if (api.operations.some((o) => o.jws?.algorithms))
      options.push("  // In production the key the API expects stays in your CSP: externalRawSigner (see below).");
    options.push(
      '  jwsSigner: nodeCryptoSigner({ key: readFileSync("signer.key", "utf8"), certificate: readFileSync("signer.crt", "utf8") }),',
      '  jwsKeyId: process.env.JWS_KEY_ID ?? "",',
    );
  }
  const sorted = (set: Set<string>) => [...set].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())).join(", ");
  const server = api.servers[0];
  return {
    readsFiles,
    lines: [
      ...(readsFiles ? ['import { readFileSync } from "node:fs";'] : []),
      ...(usesXml ? ['import * as iso from "@bankkit/iso20022";'] : []),
      `import { ${sorted(fromPackage)} } from "${packageName(api)}";`,
      ...(fromRuntime.size > 0 ? [`import { ${sorted(fromRuntime)} } from "@bankkit/runtime";`] : []),
      "",
      `const baseUrl = ${JSON.stringify(firstServerUrl(api))};${server ? ` // the \`${server.name}\` server (\`server: "${server.name}"\` picks it by name)` : ""}`,
      ...before,
      `const client = ${names.factory}({`,
      ...options,
      "});",
    ],
  };
}

/** The scopes the spec's security requirement names for an OAuth2 scheme (what its token is asked for with). */
export function requiredScopes(api: ApiIR, scheme: string): string[] {
  return requiredSchemes(api).find(([name]) => name === scheme)?.[2] ?? [];
}
