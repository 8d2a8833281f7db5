import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { GeneratorError } from "../errors.js";
import type { JsonObject } from "../ir/types.js";
import { followRefs, isObject } from "../openapi/pointer.js";

/**
 * The bundled document with every callback's (and webhook's) path items written out where they are used:
 * Redocly's renderer leaves a callback empty when its path item is a `$ref` (to `components/pathItems`). Schemas stay
 * references, so the reference still names them.
 */
export function withCallbacksInline(document: JsonObject): JsonObject {
  const copy = structuredClone(document);
  const target = (value: unknown): unknown => (isObject(value) ? followRefs(copy, value, "#")?.value : value);
  const operations = Object.values(isObject(copy.paths) ? copy.paths : {}).flatMap((item) => (isObject(item) ? Object.values(item) : []));
  for (const operation of operations) {
    if (!isObject(operation) || !isObject(operation.callbacks)) continue;
    for (const [name, callback] of Object.entries(operation.callbacks)) {
      const expressions = target(callback);
      if (!isObject(expressions)) continue;
      operation.callbacks[name] = Object.fromEntries(Object.entries(expressions).map(([expression, item]) => [expression, target(item)]));
    }
  }
  if (isObject(copy.webhooks))
    copy.webhooks = Object.fromEntries(Object.entries(copy.webhooks).map(([name, item]) => [name, target(item)]));
  return copy;
}

/**
 * One reference page by Redocly's `build-docs --inlineBundle`: the renderer is inlined, so the page needs
 * nothing from a CDN. Run as `node <redocly cli>` so it works without node_modules/.bin on the PATH.
 */
export async function renderReference(root: string, document: JsonObject, output: string): Promise<void> {
  const spec = join(await mkdtemp(join(tmpdir(), "bankkit-docs-")), "openapi.json");
  await writeFile(spec, JSON.stringify(withCallbacksInline(document)));
  const cli = join(dirname(createRequire(join(root, "package.json")).resolve("@redocly/cli/package.json")), "bin", "cli.js");
  const child = spawn(process.execPath, [cli, "build-docs", spec, "--inlineBundle", "-o", output], {
    cwd: root,
    env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let errors = "";
  child.stderr.on("data", (chunk: Buffer) => {
    errors += chunk.toString();
  });
  const [code] = (await once(child, "exit")) as [number | null];
  await rm(dirname(spec), { recursive: true, force: true });
  if (code !== 0) throw new GeneratorError(`redocly build-docs failed for ${output}: ${errors.trim().slice(-500)}`, "#");
  // The inlined renderer still loads its "API docs by Redocly" logo from a CDN: that image travels inline instead.
  const html = await readFile(resolve(root, output), "utf8");
  await writeFile(resolve(root, output), html.replace(/https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(-full)?\.svg/g, redoclyLogo));
}

const redoclyLogo = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="14"><text x="0" y="11" font-family="sans-serif" font-size="11">Redocly</text></svg>',
)}`;
