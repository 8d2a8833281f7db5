import { readFile } from "node:fs/promises";
import { dirname, join, normalize } from "node:path";
import { parse } from "yaml";
import type { PackageFiles, Target } from "../generate.js";

/** Every file a spec is made of: itself, the files its `$ref`s name (recursively), and the XSDs its XML bodies use. */
export async function specInputs(root: string, spec: string): Promise<string[]> {
  const found = new Set<string>();
  const visit = async (file: string): Promise<void> => {
    if (found.has(file)) return;
    found.add(file);
    const text = await readFile(join(root, file), "utf8").catch(() => undefined);
    if (text === undefined || !/\.(ya?ml|json)$/.test(file)) return;
    const references: string[] = [];
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value !== null && typeof value === "object") {
        for (const [key, child] of Object.entries(value)) {
          // `$ref`s and `x-bankkit-xml`'s `xsd` are relative to the file that names them.
          // Remote references are no files of the repository: turbo cannot watch them.
          if ((key === "$ref" || key === "xsd") && typeof child === "string" && !child.startsWith("#") && !child.includes("://"))
            references.push(join(dirname(file), child.split("#")[0]!));
          else walk(child);
        }
      }
    };
    walk(parse(text));
    for (const reference of references) await visit(normalize(reference).split("\\").join("/"));
  };
  await visit(spec);
  return [...found].sort();
}

const generatorInputs = ["$TURBO_ROOT$/generator/src/**", "$TURBO_ROOT$/generator/bin/**"];

/**
 * For a package of this repository: `generate` and `test` scripts and a `turbo.json` whose inputs are
 * exactly the files its spec is made of (and its tests), so that a spec edit regenerates, rebuilds and
 * retests only the packages made from it, and a run with no change is a full cache hit.
 */
export async function withWorkspaceTasks(root: string, target: Target, files: PackageFiles): Promise<PackageFiles> {
  const manifest = files.get("package.json");
  if (!manifest) return files;
  const id = target.name ?? "";
  const sources = target.spec ? await specInputs(root, target.spec) : (target.xsd ?? []);
  const pkg = JSON.parse(manifest) as { scripts?: Record<string, string> };
  pkg.scripts = {
    ...pkg.scripts,
    generate: `cd ../.. && bankkit generate --only ${id}`,
    // Tests of a package: test/contract/<id>.test.ts, test/packages/<id>.<topic>.test.ts, test/e2e/<id>.<topic>.test.ts.
    test: `cd ../.. && vitest run --passWithNoTests test/contract/${id}.test.ts test/packages/${id}. test/e2e/${id}.`,
  };
  const turbo = {
    $schema: "https://turbo.build/schema.json",
    extends: ["//"],
    tasks: {
      generate: { inputs: [...sources.map((file) => `$TURBO_ROOT$/${file}`), ...generatorInputs] },
      test: {
        inputs: [
          `$TURBO_ROOT$/test/contract/${id}.test.ts`,
          `$TURBO_ROOT$/test/packages/${id}.*.test.ts`,
          `$TURBO_ROOT$/test/e2e/${id}.*.test.ts`,
          "$TURBO_ROOT$/test/support/**",
          "$TURBO_ROOT$/vitest.config.ts",
        ],
      },
    },
  };
  return new Map([...files, ["package.json", `${JSON.stringify(pkg, null, 2)}\n`], ["turbo.json", `${JSON.stringify(turbo, null, 2)}\n`]]);
}
