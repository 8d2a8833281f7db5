import type { Finding } from "../openapi/repair.js";

/** How many findings are printed before the rest are only counted. */
const shown = 5;

/** Problems a document has that generation works around, on stderr: counted, the first few with their pointers. */
export function printWarnings(specPath: string, warnings: readonly Finding[]): void {
  if (warnings.length === 0) return;
  const noun = warnings.length === 1 ? "problem" : "problems";
  const lines = warnings.slice(0, shown).map((w) => `  ${w.pointer}: ${w.message}`);
  if (warnings.length > shown) lines.push(`  … and ${warnings.length - shown} more`);
  console.error(`warning: ${specPath}: ${warnings.length} ${noun} worked around (--strict refuses them)\n${lines.join("\n")}`);
}
