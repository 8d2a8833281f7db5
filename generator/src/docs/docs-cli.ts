import { resolve } from "node:path";
import type { ParsedArgs } from "../cli/args.js";
import { buildSite } from "./build-site.js";

/** `bankkit docs [--out site]`: builds the static API reference site from specs/ (see build-site.ts). */
export async function docsCommand({ values }: ParsedArgs): Promise<number> {
  const out = (values.out as string | undefined) ?? "site";
  const started = performance.now();
  const pages = await buildSite(process.cwd(), resolve(out));
  console.log(`${out}/: ${pages.length} pages (${pages.join(", ")}) in ${Math.round(performance.now() - started)} ms`);
  return 0;
}
