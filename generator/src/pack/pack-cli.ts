import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { promisify } from "node:util";
import type { ParsedArgs } from "../cli/args.js";
import { GeneratorError } from "../errors.js";
import { repositoryTargets } from "../targets.js";

interface Packed {
  name: string;
  version: string;
  filename: string;
  size: number;
  entryCount: number;
}

/**
 * `bankkit pack [--out packages]`: `npm pack` of @bankkit/runtime and every generated package, built. Their
 * dependencies on each other are caret ranges of the versions packed together, so installing the tarballs
 * side by side (`npm install ./packages/*.tgz`) or publishing them to a private registry resolves them.
 */
export async function packCommand({ values }: ParsedArgs): Promise<number> {
  const root = process.cwd();
  const out = resolve((values.out as string | undefined) ?? "packages");
  const folders = ["runtime", ...(await repositoryTargets(root)).map((target) => target.out)];
  const unbuilt = folders.filter((folder) => !existsSync(join(root, folder, "dist", "index.js")));
  if (unbuilt.length > 0) throw new GeneratorError(`not built: ${unbuilt.join(", ")} — run \`npm run build\` first`, "#");
  await mkdir(out, { recursive: true });
  const { stdout } = await promisify(execFile)(
    "npm",
    ["pack", "--json", "--ignore-scripts", "--pack-destination", out, ...folders.flatMap((folder) => ["--workspace", folder])],
    { cwd: root, maxBuffer: 64 << 20 },
  );
  const packed = JSON.parse(stdout) as Packed[];
  for (const tarball of packed)
    console.log(
      `${join(relative(root, out) || ".", tarball.filename)}  ${tarball.name}@${tarball.version}  ${tarball.entryCount} files, ${(tarball.size / 1024).toFixed(0)} kB`,
    );
  console.log(
    `\nInstall in an app: npm install ${relative(root, out) || "."}/bankkit-runtime-*.tgz ${relative(root, out) || "."}/bankkit-<api>-*.tgz\n` +
      `Or publish each: npm publish <tarball> --registry https://your-registry.example/`,
  );
  return 0;
}
