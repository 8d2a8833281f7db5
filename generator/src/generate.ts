import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join, relative } from "node:path";
import { emitCallbacks } from "./emit/callbacks.js";
import { emitClient } from "./emit/client.js";
import { emitErrors, errorNames } from "./emit/errors.js";
import { scopedPackageName } from "./emit/names.js";
import { emitOperations } from "./emit/operations.js";
import { emitIndex, emitPackageJson, emitTsconfig } from "./emit/package-files.js";
import { emitReadme } from "./emit/readme.js";
import { runtimePartsOf } from "./emit/runtime-parts.js";
import { emitSchemaTypes, narrowDiscriminators } from "./emit/schema-types.js";
import { emitServer } from "./emit/server.js";
import { emitValidators } from "./emit/validators/index.js";
import { resolveXmlBodies } from "./emit/xml-bodies.js";
import { repositoryXmlPackage } from "./emit/xml-package-files.js";
import { GeneratorError } from "./errors.js";
import { generateXmlPackage } from "./generate-xml.js";
import { buildIr } from "./openapi/build-ir.js";
import { loadSpec } from "./openapi/load.js";
import type { Finding } from "./openapi/repair.js";
import { runPasses } from "./passes/index.js";

/** One package to generate: a spec and the folder it becomes. */
export interface Target {
  /** The OpenAPI document; absent for the XML package, which is made from `xsd`. */
  spec?: string;
  /** The XSD files the XML package is made from: repository-relative for `@bankkit/iso20022`, else any path. */
  xsd?: string[];
  out: string;
  /** Package id (`pc-server`); defaults to the spec's file name. */
  name?: string;
}

export interface GenerateOptions {
  /** Generated outside the repository's workspace: the package brings its own build tools. */
  standalone?: boolean;
  /** Lint the document and refuse every structural problem (loadSpec). */
  strict?: boolean;
  /** Told what the document gets wrong that generation works around. */
  warn?: (specPath: string, warnings: readonly Finding[]) => void;
}

/** A package from one schema is named after it (`iso20022-pacs.004.001.09`), from several `iso20022`. */
function xmlPackageId(files: readonly string[]): string {
  return files.length === 1 ? `iso20022-${basename(files[0] as string, ".xsd")}` : "iso20022";
}

/** Generated files by path relative to the package folder. */
export type PackageFiles = Map<string, string>;

/**
 * Runs the whole pipeline for one spec: load → IR → passes → emit. Nothing is written.
 */
export async function generatePackage(target: Target, options: GenerateOptions = {}): Promise<PackageFiles> {
  const { standalone = false, strict = false } = options;
  if (target.xsd)
    return generateXmlPackage(
      process.cwd(),
      target.xsd,
      standalone ? { name: scopedPackageName(target.name ?? xmlPackageId(target.xsd)), standalone } : repositoryXmlPackage,
    );
  if (!target.spec) throw new GeneratorError("a target needs a spec or XSD files", "#");
  const loaded = await loadSpec(target.spec, { strict });
  const specPath = relative(process.cwd(), target.spec).split("\\").join("/");
  if (loaded.warnings.length > 0) options.warn?.(specPath, loaded.warnings);
  const api = runPasses(buildIr(loaded, specPath, target.name));
  const xml = await resolveXmlBodies(api);
  const discriminators = narrowDiscriminators(api);
  const validators = emitValidators(api);
  const errors = emitErrors(api);
  const callbacks = emitCallbacks(api, validators.names);
  const parts = runtimePartsOf(api, xml.used);
  const files: PackageFiles = new Map([
    ["package.json", emitPackageJson(api, parts, xml.used, standalone)],
    ["tsconfig.json", emitTsconfig()],
    ["validators.js", validators.code],
    ["validators.d.ts", validators.declarations],
    ["src/schema.ts", await emitSchemaTypes(api, discriminators)],
    [
      "src/operations.ts",
      emitOperations(api, validators.names, errors && api.envelope ? errorNames(api.envelope.errorClass).factory : undefined, xml),
    ],
    ["src/client.ts", emitClient(api, xml)],
    ["src/index.ts", emitIndex(api, parts, errors !== undefined, callbacks !== undefined)],
    ["README.md", emitReadme(api, { usesXmlPackage: xml.used, standalone, xml })],
  ]);
  if (errors) files.set("src/errors.ts", errors);
  if (callbacks) files.set("src/callbacks.ts", callbacks);
  const server = emitServer(api, validators.names);
  if (server) files.set("src/server.ts", server);
  return files;
}

async function listFiles(dir: string, base = dir): Promise<string[]> {
  let entries: import("node:fs").Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.name === "node_modules" || entry.name === "dist" || entry.name === ".turbo" || entry.name === "CHANGELOG.md") continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(path, base)));
    else files.push(relative(base, path).split("\\").join("/"));
  }
  return files.sort();
}

/**
 * Files bankkit wrote earlier that the new output no longer has (an operation's module after it was removed).
 * Only files opening with bankkit's header count: `--out` may name a folder that holds the user's own files
 * too (a lock file, a test), and those are never touched.
 */
async function leftOvers(out: string, files: PackageFiles): Promise<string[]> {
  const left: string[] = [];
  for (const path of await listFiles(out)) {
    if (files.has(path)) continue;
    const head = await readFile(join(out, path), "utf8").then(
      (text) => text.slice(0, 200),
      () => "",
    );
    if (head.includes("DO NOT EDIT — generated by bankkit")) left.push(path);
  }
  return left;
}

/** Files that differ between what was generated and what is on disk: changed, missing or left over. */
export async function staleFiles(out: string, files: PackageFiles): Promise<string[]> {
  const stale: string[] = [];
  for (const [path, content] of files) {
    const current = await readFile(join(out, path), "utf8").catch(() => undefined);
    if (current !== content) stale.push(path);
  }
  return [...stale, ...(await leftOvers(out, files))];
}

/** Writes a package, removing generated files the new output no longer has. */
export async function writePackage(out: string, files: PackageFiles): Promise<void> {
  for (const path of await leftOvers(out, files)) await rm(join(out, path));
  for (const [path, content] of files) {
    const target = join(out, path);
    const current = await readFile(target, "utf8").catch(() => undefined);
    if (current === content) continue;
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, content);
  }
}
