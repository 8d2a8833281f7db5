import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { emitTsconfig } from "./emit/package-files.js";
import { emitXmlEnvelopeModule, type XmlModuleRef } from "./emit/xml-envelope-module.js";
import { emitXmlMessageModule, xmlFileHeader } from "./emit/xml-message-module.js";
import { emitXmlIndex, emitXmlPackageJson, type XmlIndexEntry } from "./emit/xml-package-files.js";
import { emitXmlReadme, type XmlReadmeEntry } from "./emit/xml-readme.js";
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
 * `@bankkit/iso20022` from every schema: one module per message schema (types, model table, codec), one
 * per envelope schema (a schema without target namespace), and the index. Nothing is written.
 */
export async function generateXmlPackage(root: string, files: string[]): Promise<PackageFiles> {
  const names = xmlModuleNames(files.map((file) => relative("specs/xsd", file).split("\\").join("/")));
  const schemas = await Promise.all(
    files.map(async (file) => {
      const text = await readFile(join(root, file), "utf8");
      const ir = buildXmlIr(readXsd(text, file));
      const stem = relative("specs/xsd", file)
        .split("\\")
        .join("/")
        .replace(/\.xsd$/, "");
      return {
        name: names.get(`${stem}.xsd`) as string,
        module: stem.replace(/\//g, "-"),
        ir,
        source: { path: file, sha256: createHash("sha256").update(text).digest("hex") },
      };
    }),
  );
  const output: PackageFiles = new Map([
    ["package.json", emitXmlPackageJson(files)],
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
  output.set("README.md", emitXmlReadme(described));
  output.set("src/index.ts", emitXmlIndex(xmlFileHeader({ path: "specs/xsd", sha256: digest.digest("hex") }), entries));
  return output;
}
