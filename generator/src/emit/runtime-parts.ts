import { readFileSync } from "node:fs";
import type { ApiIR } from "../ir/types.js";
import { isObject } from "../openapi/pointer.js";

/** The runtime's entries that need a library of their own (runtime/package.json, `bankkit.entries`). */
export type RuntimePart = "xml" | "xmldsig" | "tls" | "jwt" | "zip" | "gost";

interface RuntimeManifest {
  version: string;
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  bankkit: { entries: Record<RuntimePart, string[]> };
}

// The runtime's manifest says which optional library each entry needs and in which range: a generated
// package declares exactly those of the entries it imports, so an app installs only what its APIs use.
const runtime = JSON.parse(readFileSync(new URL("../../../runtime/package.json", import.meta.url), "utf8")) as RuntimeManifest;

/** `@bankkit/runtime/tls`. */
export const runtimeEntry = (part: RuntimePart) => `@bankkit/runtime/${part}`;

/** The range generated packages depend on the runtime with. */
export const runtimeRange = `^${runtime.version}`;

/** The runtime's entries a package generated from `api` imports. */
export function runtimePartsOf(api: ApiIR, usesXml: boolean): RuntimePart[] {
  const components = isObject(api.document.components) ? api.document.components : {};
  const schemes = Object.values(isObject(components.securitySchemes) ? components.securitySchemes : {}).filter(isObject);
  const parts: RuntimePart[] = [];
  if (usesXml) parts.push("xml");
  if (api.operations.some((operation) => operation.requestBody?.contents.some((media) => media.xml?.signature))) parts.push("xmldsig");
  if (schemes.some((scheme) => scheme.type === "mutualTLS")) parts.push("tls");
  if (schemes.some((scheme) => scheme["x-bankkit-jwt"] === true)) parts.push("jwt");
  if (api.operations.some((operation) => operation.unzip)) parts.push("zip");
  return parts;
}

/** `dependencies` of a package that imports these entries: the runtime, and the libraries behind them. */
export function runtimeDependencies(parts: readonly RuntimePart[]): Record<string, string> {
  const libraries = parts.flatMap((part) => runtime.bankkit.entries[part]).sort();
  return {
    "@bankkit/runtime": runtimeRange,
    ...Object.fromEntries(libraries.map((name) => [name, runtime.peerDependencies[name] as string])),
  };
}
