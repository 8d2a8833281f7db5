import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { repositoryXsdFiles } from "../generate-xml.js";
import { buildIr } from "../openapi/build-ir.js";
import { loadSpec } from "../openapi/load.js";
import { runPasses } from "../passes/index.js";
import { repositoryTargets } from "../targets.js";
import { buildXmlIr } from "../xsd/build-xml-ir.js";
import { readXsd } from "../xsd/read-xsd.js";
import { type ApiEntry, indexPage } from "./index-page.js";
import { renderReference } from "./render-reference.js";
import { xmlCataloguePage } from "./xml-catalogue.js";

/** Runs jobs with at most `limit` at a time (Redocly is CPU-bound; CI has two cores). */
async function inBatches<T>(items: readonly T[], limit: number, job: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: Math.min(limit, queue.length) }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await job(item);
    }),
  );
}

/**
 * `bankkit docs`: the static site in `out` — `index.html` listing every API of specs/openapi, one reference
 * page per API, and `xml-messages.html`, the catalogue of specs/xsd. Every page is self-contained.
 */
export async function buildSite(root: string, out: string): Promise<string[]> {
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  const targets = (await repositoryTargets(root)).filter((t) => t.spec);
  const entries: ApiEntry[] = [];
  for (const target of targets) {
    const api = runPasses(buildIr(await loadSpec(join(root, target.spec!)), target.spec!, target.name));
    entries.push({ api, href: `${api.id}.html` });
  }
  await inBatches(entries, 2, ({ api, href }) => renderReference(root, api.document, join(out, href)));
  const xsd = await repositoryXsdFiles(root);
  const catalogue = await Promise.all(
    xsd.map(async (file) => ({ file, ir: buildXmlIr(readXsd(await readFile(join(root, file), "utf8"), file)) })),
  );
  await writeFile(join(out, "index.html"), indexPage(entries, catalogue.length));
  await writeFile(join(out, "xml-messages.html"), xmlCataloguePage(catalogue));
  return ["index.html", ...entries.map((e) => e.href), "xml-messages.html"];
}
