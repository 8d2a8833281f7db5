import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { access, rm } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import type { ParsedArgs } from "../cli/args.js";
import { UsageError } from "../cli/args.js";
import { repositoryXsdFiles } from "../generate-xml.js";
import { repositoryTargets } from "../targets.js";
import { compatible } from "./change.js";
import { diffFiles } from "./diff-files.js";
import { type DiffReport, formatReport, makeReport } from "./report.js";
import { specsAt } from "./specs-at.js";

/**
 * The generated package a spec file becomes, with the version it had at `revision`: the version `npm run
 * generate` counts from, so a report made after generating agrees with the version generate wrote.
 */
function packageAt(root: string, revision: string, spec: string): { name: string; version: string } | undefined {
  const id = extname(spec) === ".xsd" ? "iso20022" : basename(spec, extname(spec));
  try {
    const text = execFileSync("git", ["show", `${revision}:generated/${id}/package.json`], {
      cwd: root,
      stdio: ["ignore", "pipe", "ignore"],
    });
    const manifest = JSON.parse(text.toString("utf8")) as { name: string; version: string };
    return { name: manifest.name, version: manifest.version };
  } catch {
    return undefined;
  }
}

/**
 * `bankkit diff OLD NEW` or `bankkit diff --since REV [SPEC…]`: every change between two versions of a spec
 * (or XSD), classified by what it does to callers, with JSON pointers, and the version each generated package
 * takes. `--json` prints the reports as JSON; `--fail-on breaking` exits 1 when any change breaks callers.
 */
export async function diffCommand({ values, positionals }: ParsedArgs): Promise<number> {
  const since = values.since as string | undefined;
  if (values["fail-on"] !== undefined && values["fail-on"] !== "breaking") throw new UsageError("--fail-on takes `breaking`");
  if (!since && positionals.length !== 2) throw new UsageError("give two files (OLD NEW), or --since REV");
  const root = process.cwd();
  // A file that does not exist is a mistake, not "a new API": read errors name it before anything is compared.
  await Promise.all(positionals.map((file) => access(since ? join(root, file) : file)));
  const reports: DiffReport[] = [];
  if (since) {
    const old = await specsAt(root, since);
    try {
      const specs =
        positionals.length > 0
          ? positionals
          : [...(await repositoryTargets(root)).flatMap((t) => (t.spec ? [t.spec] : [])), ...(await repositoryXsdFiles(root))];
      for (const spec of specs) {
        const changes = existsSync(join(old, spec))
          ? await diffFiles(join(old, spec), join(root, spec))
          : [compatible("api-added", `not in ${since}: a new API`, "#", undefined)];
        reports.push(makeReport(`${since}:${spec}`, spec, changes, packageAt(root, since, spec)));
      }
    } finally {
      await rm(old, { recursive: true, force: true });
    }
  } else {
    const [oldPath, newPath] = positionals as [string, string];
    reports.push(makeReport(oldPath, newPath, await diffFiles(oldPath, newPath)));
  }
  if (values.json) console.log(JSON.stringify(reports, null, 2));
  else console.log(reports.map(formatReport).join("\n\n"));
  const breaking = reports.some((r) => r.changes.some((c) => c.impact === "breaking"));
  return values["fail-on"] === "breaking" && breaking ? 1 : 0;
}
