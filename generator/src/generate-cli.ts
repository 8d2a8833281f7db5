import { writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { ParsedArgs } from "./cli/args.js";
import { UsageError } from "./cli/args.js";
import { printWarnings } from "./cli/warnings.js";
import { GeneratorError } from "./errors.js";
import { generatePackage, staleFiles, type Target, writePackage } from "./generate.js";
import { SpecBaselines } from "./release/baseline.js";
import { updateLockfile, versionOnDisk, withVersions, workspaceVersions } from "./release/package-version.js";
import { planRelease } from "./release/plan-release.js";
import { withWorkspaceTasks } from "./release/workspace-tasks.js";
import { repositoryTargets } from "./targets.js";

/**
 * `bankkit generate [--check] [--only API]`, `bankkit generate --spec FILE --out DIR [--name ID]` and
 * `bankkit generate --xsd FILE... --out DIR [--name ID]`.
 */
export async function generateCommand({ values, positionals }: ParsedArgs): Promise<number> {
  const spec = values.spec as string | undefined;
  const xsd = values.xsd === true ? positionals : undefined;
  const out = values.out as string | undefined;
  const only = values.only as string | undefined;
  const check = values.check === true;
  const name = values.name ? { name: values.name as string } : {};
  if (!xsd && positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  let targets: Target[];
  if (spec && xsd) throw new UsageError("--spec or --xsd, not both: one package is made from one kind of schema");
  if (xsd) {
    if (xsd.length === 0) throw new UsageError("--xsd needs the schema files (--xsd FILE... --out DIR)");
    if (!out) throw new UsageError("--xsd and --out go together");
    if (only) throw new UsageError("--only selects a spec of the repository; with --xsd the files are given");
    targets = [{ xsd: xsd.map((file) => resolve(file)), out: resolve(out), ...name }];
  } else if (spec || out) {
    if (!spec || !out) throw new UsageError("--spec and --out go together");
    if (only) throw new UsageError("--only selects a spec of the repository; with --spec there is one already");
    targets = [{ spec: resolve(spec), out: resolve(out), ...name }];
  } else {
    targets = await repositoryTargets(process.cwd());
    if (only) targets = targets.filter((t) => t.name === only);
    if (targets.length === 0) throw new GeneratorError(`no spec found${only ? ` named "${only}"` : ""} in specs/openapi`, "#");
  }
  // The XML package first: the packages that depend on it name its (possibly new) version.
  targets.sort((a, b) => Number(Boolean(b.xsd)) - Number(Boolean(a.xsd)));
  const repository = !spec && !xsd;
  const siblings = repository ? await workspaceVersions(await repositoryTargets(process.cwd())) : new Map<string, string>();
  const baselines = new SpecBaselines(process.cwd());
  let stale = 0;
  try {
    for (const target of targets) {
      const started = performance.now();
      const current = await versionOnDisk(target.out);
      const generated = await generatePackage(target, {
        standalone: !repository,
        strict: values.strict === true,
        warn: (path, warnings) => printWarnings(spec ?? path, warnings),
      });
      let files = withVersions(
        repository ? await withWorkspaceTasks(process.cwd(), target, generated) : generated,
        current ?? "0.1.0",
        siblings,
      );
      const changed = await staleFiles(target.out, files);
      if (check) {
        stale += changed.length;
        for (const path of changed) console.error(`stale: ${join(target.out, path)}`);
        continue;
      }
      // In the repository a package whose content changed gets its next version and a changelog entry.
      const release = repository && changed.length > 0 ? await planRelease(process.cwd(), target, current, baselines) : undefined;
      if (release) files = withVersions(files, release.version, siblings);
      await writePackage(target.out, files);
      if (release) {
        await writeFile(join(target.out, "CHANGELOG.md"), release.changelog);
        const { name, dependencies } = JSON.parse(files.get("package.json")!) as { name: string; dependencies?: Record<string, string> };
        siblings.set(name, release.version);
        if (current !== undefined) await updateLockfile(process.cwd(), target.out, name, release.version, dependencies);
      }
      const released = !release
        ? ""
        : current === release.version
          ? `, version ${current} (entry rewritten)`
          : `, version ${current ?? "new"} → ${release.version}`;
      console.log(
        `${target.out}: ${files.size} files from ${target.spec ?? (repository ? "specs/xsd" : `${target.xsd?.length} XSD files`)} in ${Math.round(performance.now() - started)} ms${released}`,
      );
    }
  } finally {
    await baselines.dispose();
  }
  if (check && stale > 0) {
    console.error("generated/ is stale: run `npm run generate` and commit the result");
    return 1;
  }
  if (check) console.log(`generated/ is up to date (${targets.length} packages)`);
  return 0;
}
