import { open, readFile, rm, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import type { PackageFiles, Target } from "../generate.js";

/** The version in a generated package's package.json on disk; undefined for a package not generated yet. */
export async function versionOnDisk(packageDir: string): Promise<string | undefined> {
  const manifest = await readFile(join(packageDir, "package.json"), "utf8").catch(() => undefined);
  return manifest ? (JSON.parse(manifest) as { version?: string }).version : undefined;
}

/** The name → version of every generated package on disk, for packages that depend on one another. */
export async function workspaceVersions(targets: readonly Target[]): Promise<Map<string, string>> {
  const versions = new Map<string, string>();
  for (const target of targets) {
    const manifest = await readFile(join(target.out, "package.json"), "utf8").catch(() => undefined);
    if (!manifest) continue;
    const { name, version } = JSON.parse(manifest) as { name: string; version: string };
    versions.set(name, version);
  }
  return versions;
}

/**
 * The generated files with package.json at `version`, depending on the sibling packages from their current
 * versions on (`^0.1.2`: npm's caret, which below 1.0 admits patches only — the releases that break nothing).
 */
export function withVersions(files: PackageFiles, version: string, siblings: ReadonlyMap<string, string>): PackageFiles {
  const manifest = files.get("package.json");
  if (!manifest) return files;
  const pkg = JSON.parse(manifest) as { version: string; dependencies?: Record<string, string> };
  pkg.version = version;
  for (const name of Object.keys(pkg.dependencies ?? {})) {
    const sibling = siblings.get(name);
    if (sibling) pkg.dependencies![name] = `^${sibling}`;
  }
  return new Map([...files, ["package.json", `${JSON.stringify(pkg, null, 2)}\n`]]);
}

interface Lock {
  packages?: Record<string, { name?: string; version?: string; dependencies?: Record<string, string> }>;
}

/**
 * Keeps package-lock.json in step with a bumped workspace package: its own entry and every workspace
 * entry that depends on it, so `npm ci` accepts the lock without an install.
 */
export async function updateLockfile(
  root: string,
  packageDir: string,
  name: string,
  version: string,
  dependencies?: Record<string, string>,
): Promise<void> {
  const path = join(root, "package-lock.json");
  // turbo regenerates packages in parallel: one writer at a time.
  const release = await exclusive(`${path}.bankkit-lock`);
  try {
    await rewriteLockfile(root, path, packageDir, name, version, dependencies);
  } finally {
    await release();
  }
}

async function exclusive(lockPath: string, timeoutMs = 10_000): Promise<() => Promise<void>> {
  const started = Date.now();
  for (;;) {
    try {
      await (await open(lockPath, "wx")).close();
      return () => rm(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST" || Date.now() - started > timeoutMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

async function rewriteLockfile(
  root: string,
  path: string,
  packageDir: string,
  name: string,
  version: string,
  dependencies: Record<string, string> | undefined,
): Promise<void> {
  const text = await readFile(path, "utf8").catch(() => undefined);
  if (!text) return;
  const lock = JSON.parse(text) as Lock;
  const key = relative(root, packageDir).split("\\").join("/");
  const own = lock.packages?.[key];
  if (own) own.version = version;
  // The package's own ranges too: a runtime release moves them, and `npm ci` refuses a lock that disagrees.
  if (own && dependencies) own.dependencies = dependencies;
  for (const entry of Object.values(lock.packages ?? {}))
    if (entry.dependencies?.[name] !== undefined && entry.dependencies[name] !== "*") entry.dependencies[name] = `^${version}`;
  await writeFile(path, `${JSON.stringify(lock, null, 2)}\n`);
}
