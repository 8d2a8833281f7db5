import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { buildSite } from "./build-site.js";

/** `bankkit docs [--out site]`: builds the static API reference site from specs/ (see build-site.ts). */
export async function docsCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { out: { type: "string", default: "site" } } });
  const started = performance.now();
  const pages = await buildSite(process.cwd(), resolve(values.out));
  console.log(`${values.out}/: ${pages.length} pages (${pages.join(", ")}) in ${Math.round(performance.now() - started)} ms`);
  return 0;
}
