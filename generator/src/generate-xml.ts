import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { basename, join, relative, resolve } from "node:path";
import { emitTsconfig } from "./emit/package-files.js";
import { emitXmlEnvelopeModule, type XmlModuleRef } from "./emit/xml-envelope-module.js";
import { emitXmlMessageModule, xmlFileHeader } from "./emit/xml-message-module.js";
import {
  emitXmlIndex,
  emitXmlPackageJson,
  repositoryXmlPackage,
  type XmlIndexEntry,
  type XmlPackageIdentity,
} from "./emit/xml-package-files.js";
import { emitXmlReadme, type XmlReadmeEntry } from "./emit/xml-readme.js";
import { GeneratorError } from "./errors.js";
import type { PackageFiles } from "./generate.js";
import { buildXmlIr } from "./xsd/build-xml-ir.js";
import { readXsd } from "./xsd/read-xsd.js";
import { xmlModuleNames } from "./xsd/xml-module-names.js";

async function listXsd(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await listXsd(path)));
    else if (entry.name.endsWith(".xsd")) found.push(path);
  }
  return found;
}

/** The repository's `specs/xsd` folder as paths relative to `root`, sorted. */
export async function repositoryXsdFiles(root: string): Promise<string[]> {
  return (await listXsd(join(root, "specs", "xsd"))).map((path) => relative(root, path).split("\\").join("/")).sort();
}

/**
 * Where each schema's module gets its name and what its header says it came from: in the repository its
 * path under `specs/xsd` (`kisc/envelope.xsd`); for a package made with `--xsd`, its file name, so the output
 * does not depend on where the files lie.
 */
function schemaKeys(root: string, files: readonly string[], identity: XmlPackageIdentity): { key: string; shown: string }[] {
  if (!identity.standalone) return files.map((file) => ({ key: relative("specs/xsd", file).split("\\").join("/"), shown: file }));
  const keys = files.map((file) => ({ key: basename(file), shown: basename(file) }));
  const seen = new Map<string, string>();
  for (const [index, { key }] of keys.entries()) {
    const earlier = seen.get(key);
    if (earlier)
      throw new GeneratorError(
        `two schemas are named ${key} (${earlier} and ${files[index]}): one module each needs distinct file names`,
        "#",
      );
    seen.set(key, resolve(root, files[index] as string));
  }
  return keys;
}

/**
 * A typed model package from XSD files: one module per message schema (types, model table, codec), one per
 * envelope schema (a schema without target namespace), and the index. `@bankkit/iso20022` from `specs/xsd`
 * by default; with a standalone identity, any published message schemas wherever they lie. Nothing is written.
 */
export async function generateXmlPackage(
  root: string,
  files: string[],
  identity: XmlPackageIdentity = repositoryXmlPackage,
): Promise<PackageFiles> {
  const keys = schemaKeys(root, files, identity);
  const names = xmlModuleNames(keys.map(({ key }) => key));
  const schemas = await Promise.all(
    files.map(async (file, index) => {
      const { key, shown } = keys[index] as { key: string; shown: string };
      const text = await readFile(resolve(root, file), "utf8");
      const ir = buildXmlIr(readXsd(text, file));
      const stem = key.replace(/\.xsd$/, "");
      return {
        name: names.get(key) as string,
        module: stem.replace(/\//g, "-"),
        ir,
        source: { path: shown, sha256: createHash("sha256").update(text).digest("hex") },
      };
    }),
  );
  const output: PackageFiles = new Map([
    [
      "package.json",
      emitXmlPackageJson(
        keys.map(({ shown }) => shown),
        identity,
      ),
    ],
    ["tsconfig.json", emitTsconfig()],
  ]);
  const messages: XmlModuleRef[] = [];
  const entries: XmlIndexEntry[] = [];
  const described: XmlReadmeEntry[] = [];
  for (const schema of schemas.filter((s) => s.ir.namespace !== "")) {
    output.set(`src/${schema.module}.ts`, emitXmlMessageModule(schema.ir, schema.source));
    messages.push({ name: schema.name, importPath: `./${schema.module}.js`, ir: schema.ir });
    entries.push({ name: schema.name, importPath: `./${schema.module}.js`, kind: "message" });
    described.push({ name: schema.name, source: schema.source.path, ir: schema.ir, kind: "message" });
  }
  for (const schema of schemas.filter((s) => s.ir.namespace === "")) {
    output.set(`src/${schema.module}.ts`, emitXmlEnvelopeModule(schema.name, schema.ir, schema.source, messages));
    entries.push({ name: schema.name, importPath: `./${schema.module}.js`, kind: "envelope" });
    described.push({ name: schema.name, source: schema.source.path, ir: schema.ir, kind: "envelope" });
  }
  const digest = createHash("sha256");
  for (const schema of schemas) digest.update(`${schema.source.path} ${schema.source.sha256}\n`);
  output.set("README.md", emitXmlReadme(described, identity));
  const from = identity.standalone ? keys.map(({ shown }) => shown).join(", ") : "specs/xsd";
  output.set("src/index.ts", emitXmlIndex(xmlFileHeader({ path: from, sha256: digest.digest("hex") }), entries));
  return output;
}
