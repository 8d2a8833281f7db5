// What an app installs for each generated package: `tsx scripts/install-sizes.ts` (after `npm run build`).
// Packs every package, installs each into an empty app with the tarballs it needs, and prints the number of
// packages and their bytes on disk under node_modules.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const work = mkdtempSync(join(tmpdir(), "bankkit-sizes-"));
const tarballs = join(work, "packages");
execFileSync(process.execPath, [join(root, "generator", "bin", "bankkit.js"), "pack", "--out", tarballs], { cwd: root, stdio: "ignore" });
const tarball = (name: string) =>
  join(tarballs, readdirSync(tarballs).find((file) => file.startsWith(`${name.replace("@", "").replace("/", "-")}-`))!);
const size = (path: string): number =>
  statSync(path).isDirectory() ? readdirSync(path).reduce((sum, entry) => sum + size(join(path, entry)), 0) : statSync(path).size;

console.log("package                    packages  MB on disk  libraries besides @bankkit/* and openapi-fetch");
for (const id of readdirSync(join(root, "generated")).sort()) {
  const manifest = JSON.parse(readFileSync(join(root, "generated", id, "package.json"), "utf8")) as {
    name: string;
    dependencies: Record<string, string>;
  };
  const own = Object.keys(manifest.dependencies).filter((name) => name.startsWith("@bankkit/"));
  const app = join(work, id);
  mkdirSync(app);
  writeFileSync(join(app, "package.json"), '{ "name": "app", "private": true }\n');
  execFileSync(
    "npm",
    ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", ...[manifest.name, ...own].map(tarball)],
    { cwd: app },
  );
  const modules = join(app, "node_modules");
  const names = readdirSync(modules)
    .filter((name) => !name.startsWith("."))
    .flatMap((name) => (name.startsWith("@") ? readdirSync(join(modules, name)).map((inner) => `${name}/${inner}`) : [name]));
  const others = names.filter((name) => !name.startsWith("@bankkit/") && name !== "openapi-fetch" && name !== "openapi-typescript-helpers");
  console.log(
    `${manifest.name.padEnd(26)} ${String(names.length).padStart(8)}  ${(size(modules) / 1024 / 1024).toFixed(1).padStart(10)}  ${others.join(", ") || "—"}`,
  );
}
rmSync(work, { recursive: true, force: true });
