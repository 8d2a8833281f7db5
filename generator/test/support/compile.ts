import { spawnSync } from "node:child_process";
import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const tsc = join(import.meta.dirname, "..", "..", "..", "node_modules", "typescript", "bin", "tsc");

/**
 * Type-checks the generated packages under `dir` in one tsc run, as an app would (strict, NodeNext, with
 * `noUncheckedIndexedAccess`); returns what tsc printed — empty when everything compiles.
 */
export function strictTscOutput(dir: string, include: string[]): string {
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "ES2022",
        module: "NodeNext",
        moduleResolution: "NodeNext",
        strict: true,
        noUncheckedIndexedAccess: true,
        noEmit: true,
        skipLibCheck: true,
        types: ["node"],
      },
      include,
    }),
  );
  const result = spawnSync(process.execPath, [tsc, "-p", join(dir, "tsconfig.json")], { encoding: "utf8" });
  return result.stdout + result.stderr + (result.status === 0 ? "" : `(tsc exit ${result.status})`);
}

/** The `.js` files of each package folder under `dir` that `node --check` refuses. */
export function unparsableJs(dir: string, packages: string[] = readdirSync(dir)): string[] {
  return packages.flatMap((name) =>
    readdirSync(join(dir, name))
      .filter((file) => file.endsWith(".js"))
      .map((file) => join(name, file))
      .filter((file) => spawnSync(process.execPath, ["--check", join(dir, file)]).status !== 0),
  );
}
