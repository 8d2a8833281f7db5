import { existsSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import { parseArgs } from "node:util";
import { GeneratorError } from "../errors.js";
import { repositoryXsdFiles } from "../generate-xml.js";
import { repositoryTargets } from "../targets.js";
import { compatible } from "./change.js";
import { diffFiles } from "./diff-files.js";
import { type DiffReport, formatReport, makeReport } from "./report.js";
import { specsAt } from "./specs-at.js";

/** The generated package a spec file becomes, with its current version, when the repository has it. */
async function packageOf(root: string, spec: string): Promise<{ name: string; version: string } | undefined> {
  const id = extname(spec) === ".xsd" ? "iso20022" : basename(spec, extname(spec));
  const path = join(root, "generated", id, "package.json");
  if (!existsSync(path)) return undefined;
  const manifest = JSON.parse(await readFile(path, "utf8")) as { name: string; version: string };
  return { name: manifest.name, version: manifest.version };
}

/**
 * `bankkit diff OLD NEW` or `bankkit diff --since REV [SPEC…]`: every change between two versions of a spec
 * (or XSD), classified by what it does to callers, with JSON pointers, and the version each generated package
 * should take. `--json` prints the reports as JSON; `--fail-on breaking` exits 1 when any change breaks callers.
 */
export async function diffCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { since: { type: "string" }, json: { type: "boolean", default: false }, "fail-on": { type: "string" } },
  });
  if (values["fail-on"] !== undefined && values["fail-on"] !== "breaking") throw new GeneratorError("--fail-on takes `breaking`", "#");
  const root = process.cwd();
  const reports: DiffReport[] = [];
  if (values.since) {
    const old = await specsAt(root, values.since);
    try {
      const specs =
        positionals.length > 0
          ? positionals
          : [...(await repositoryTargets(root)).flatMap((t) => (t.spec ? [t.spec] : [])), ...(await repositoryXsdFiles(root))];
      for (const spec of specs) {
        if (!existsSync(join(old, spec))) {
          const added = compatible("api-added", `not in ${values.since}: a new API`, "#", undefined);
          reports.push(makeReport(`${values.since}:${spec}`, spec, [added]));
          continue;
        }
        reports.push(
          makeReport(`${values.since}:${spec}`, spec, await diffFiles(join(old, spec), join(root, spec)), await packageOf(root, spec)),
        );
      }
    } finally {
      await rm(old, { recursive: true, force: true });
    }
  } else {
    const [oldPath, newPath] = positionals;
    if (!oldPath || !newPath || positionals.length !== 2)
      throw new GeneratorError("usage: bankkit diff OLD NEW | bankkit diff --since REV [SPEC…]", "#");
    reports.push(makeReport(oldPath, newPath, await diffFiles(oldPath, newPath)));
  }
  if (values.json) console.log(JSON.stringify(reports, null, 2));
  else console.log(reports.map(formatReport).join("\n\n"));
  const breaking = reports.some((r) => r.changes.some((c) => c.impact === "breaking"));
  return values["fail-on"] === "breaking" && breaking ? 1 : 0;
}
