import { readFile } from "node:fs/promises";
import { basename, extname } from "node:path";
import { printWarnings } from "../cli/warnings.js";
import { loadSpec } from "../openapi/load.js";
import { buildXmlIr } from "../xsd/build-xml-ir.js";
import { readXsd } from "../xsd/read-xsd.js";
import type { Change } from "./change.js";
import { diffOpenApi } from "./openapi-diff.js";
import { diffXsd } from "./xsd-diff.js";

/** The changes between two versions of one file: OpenAPI (YAML/JSON) or XSD, told by the extension. */
export async function diffFiles(oldPath: string, newPath: string): Promise<Change[]> {
  if (extname(newPath) === ".xsd") {
    const read = async (path: string) => buildXmlIr(readXsd(await readFile(path, "utf8"), basename(path)));
    return diffXsd(await read(oldPath), await read(newPath));
  }
  const [old, next] = await Promise.all([loadSpec(oldPath), loadSpec(newPath)]);
  printWarnings(oldPath, old.warnings);
  printWarnings(newPath, next.warnings);
  return diffOpenApi(old.document, next.document);
}
