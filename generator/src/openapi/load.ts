import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { extname, resolve } from "node:path";
import type { Config, NormalizedProblem } from "@redocly/openapi-core";
import { GeneratorError } from "../errors.js";
import type { JsonObject } from "../ir/types.js";
import { childPointer, isObject, valueAt } from "./pointer.js";
import { type Finding, repairDocument } from "./repair.js";

export interface LoadedSpec {
  /** The document with every external `$ref` pulled into `components`, and what could be repaired repaired. */
  document: JsonObject;
  /** sha256 (hex) of the bundled document as read. */
  hash: string;
  /** What the document gets wrong that generation works around: each with its JSON pointer. */
  warnings: Finding[];
}

export interface LoadOptions {
  /** Lint the document as OpenAPI and refuse every structural problem, instead of warning about the ones generation survives. */
  strict?: boolean;
}

let strictConfig: Promise<Config> | undefined;

// Structural validity only: style belongs to `npm run lint`, not to code generation.
function lintConfig(): Promise<Config> {
  strictConfig ??= import("@redocly/openapi-core").then(({ createConfig }) =>
    createConfig({
      rules: {
        struct: "error",
        "no-unresolved-refs": "error",
        "operation-operationId-unique": "error",
        "path-parameters-defined": "error",
      },
    }),
  );
  return strictConfig;
}

function refusal(specPath: string, problems: Finding[]): GeneratorError {
  const lines = problems.slice(0, 10).map((p) => `  ${p.pointer}: ${p.message}`);
  const more = problems.length > 10 ? `\n  … and ${problems.length - 10} more` : "";
  return new GeneratorError(`${specPath} cannot be generated:\n${lines.join("\n")}${more}`, problems[0]?.pointer ?? "#");
}

const finding = (p: NormalizedProblem): Finding => ({ pointer: p.location[0]?.pointer ?? "#", message: p.message });

/**
 * Loads and bundles an OpenAPI 3.0/3.1 document. Refused: what cannot be generated correctly (a `$ref` that
 * resolves nowhere, two operations with one operationId), each named by its JSON pointer, and Swagger 2.0 with
 * how to convert it. What generation survives — an undeclared path parameter, `nullable` where the version has
 * no such keyword — is repaired and reported as a warning; `strict` lints the document and refuses those too.
 */
export async function loadSpec(specPath: string, { strict = false }: LoadOptions = {}): Promise<LoadedSpec> {
  const direct = strict ? undefined : await readSelfContainedJson(specPath);
  const bundled = direct ? undefined : await bundleDocument(specPath);
  const parsed = direct ?? (bundled?.bundle.parsed as JsonObject | undefined);
  if (parsed?.swagger !== undefined)
    throw new GeneratorError(
      `${specPath} is Swagger ${String(parsed.swagger)}; bankkit reads OpenAPI 3.0 and 3.1. Convert it first, for example with ` +
        "`npx swagger2openapi in.json -o out.yaml` (or the converter at converter.swagger.io), and generate from the result",
      "#/swagger",
    );
  const version = typeof parsed?.openapi === "string" ? parsed.openapi : "";
  if (!/^3\.[01]\./.test(version)) {
    throw new GeneratorError(`${specPath}: expected an OpenAPI 3.0 or 3.1 document, found openapi: "${version || "missing"}"`, "#/openapi");
  }
  const unreadable = direct ? unresolvedRefs(direct) : bundled!.problems.filter((p) => p.severity === "error").map(finding);
  if (unreadable.length > 0) throw refusal(specPath, unreadable);
  const hash = createHash("sha256").update(JSON.stringify(parsed)).digest("hex");
  if (strict) {
    const { BaseResolver, lintDocument } = await import("@redocly/openapi-core");
    const config = await lintConfig();
    const problems = await lintDocument({ document: bundled!.bundle, config: config.styleguide, externalRefResolver: new BaseResolver() });
    const errors = problems.filter((p) => p.severity === "error").map(finding);
    if (errors.length > 0) throw refusal(specPath, errors);
  }
  const { document, errors, warnings } = repairDocument(parsed as JsonObject);
  if (errors.length > 0) throw refusal(specPath, errors);
  if (strict && warnings.length > 0) throw refusal(specPath, warnings);
  return { document, hash, warnings };
}

/** The document with every external `$ref` pulled in, by Redocly's bundler (YAML, multi-file documents). */
async function bundleDocument(specPath: string) {
  const { bundle } = await import("@redocly/openapi-core");
  try {
    return await bundle({ ref: resolve(specPath), config: await lintConfig(), dereference: false });
  } catch (error) {
    throw new GeneratorError(`${specPath}: cannot read the document: ${(error as Error).message}`, "#");
  }
}

/**
 * A JSON document whose `$ref`s all point inside it — most vendor documents (Stripe, GitHub, Adyen) — read as
 * it is: there is nothing to bundle, and Redocly's loader reads JSON through a YAML parser, which costs more than
 * the rest of loading. Anything else (YAML, JSON that does not parse, external references) goes to the bundler.
 */
async function readSelfContainedJson(specPath: string): Promise<JsonObject | undefined> {
  if (extname(specPath).toLowerCase() !== ".json") return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(specPath, "utf8"));
  } catch {
    return undefined;
  }
  return isObject(parsed) && refs(parsed).every(({ ref }) => ref.startsWith("#")) ? parsed : undefined;
}

/** Every `$ref` in a document, with the pointer of the object that holds it. */
function refs(document: unknown): { ref: string; pointer: string }[] {
  const found: { ref: string; pointer: string }[] = [];
  const walk = (value: unknown, pointer: string): void => {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) walk(value[i], `${pointer}/${i}`);
    } else if (isObject(value)) {
      if (typeof value.$ref === "string") found.push({ ref: value.$ref, pointer });
      for (const [key, child] of Object.entries(value)) if (typeof child === "object") walk(child, childPointer(pointer, key));
    }
  };
  walk(document, "#");
  return found;
}

/** `$ref`s that point at nothing in the document, as the bundler would report them. */
function unresolvedRefs(document: JsonObject): Finding[] {
  return refs(document)
    .filter(({ ref }) => valueAt(document, ref) === undefined)
    .map(({ ref, pointer }) => ({ pointer, message: `Can't resolve $ref ${ref}` }));
}
