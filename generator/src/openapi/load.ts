import { createHash } from "node:crypto";
import { resolve } from "node:path";
import { BaseResolver, bundle, type Config, createConfig, lintDocument, type NormalizedProblem } from "@redocly/openapi-core";
import { GeneratorError } from "../errors.js";
import type { JsonObject } from "../ir/types.js";

export interface LoadedSpec {
  /** The document with every external `$ref` pulled into `components`. */
  document: JsonObject;
  /** sha256 (hex) of the bundled document. */
  hash: string;
}

let validationConfig: Promise<Config> | undefined;

// Structural validity only: style belongs to `npm run lint:specs`, not to code generation.
function config(): Promise<Config> {
  validationConfig ??= createConfig({
    rules: {
      struct: "error",
      "no-unresolved-refs": "error",
      "operation-operationId-unique": "error",
      "path-parameters-defined": "error",
    },
  });
  return validationConfig;
}

function describeProblems(specPath: string, problems: NormalizedProblem[]): string {
  const lines = problems.slice(0, 10).map((p) => {
    const where = p.location[0]?.pointer ?? "#";
    return `  ${where}: ${p.message}`;
  });
  const more = problems.length > 10 ? `\n  … and ${problems.length - 10} more` : "";
  return `${specPath} is not a valid OpenAPI document:\n${lines.join("\n")}${more}`;
}

/** Loads, bundles and validates an OpenAPI 3.0/3.1 document; errors name the JSON pointer. */
export async function loadSpec(specPath: string): Promise<LoadedSpec> {
  const redocly = await config();
  let bundled: Awaited<ReturnType<typeof bundle>>;
  try {
    bundled = await bundle({ ref: resolve(specPath), config: redocly, dereference: false });
  } catch (error) {
    throw new GeneratorError(`${specPath}: cannot read the document: ${(error as Error).message}`, "#");
  }
  const parsed = bundled.bundle.parsed as JsonObject | undefined;
  const version = typeof parsed?.openapi === "string" ? parsed.openapi : "";
  if (!/^3\.[01]\./.test(version)) {
    throw new GeneratorError(`${specPath}: expected an OpenAPI 3.0 or 3.1 document, found openapi: "${version || "missing"}"`, "#/openapi");
  }
  const problems = [
    ...bundled.problems,
    ...(await lintDocument({ document: bundled.bundle, config: redocly.styleguide, externalRefResolver: new BaseResolver() })),
  ].filter((p) => p.severity === "error");
  if (problems.length > 0) throw new GeneratorError(describeProblems(specPath, problems), problems[0]?.location[0]?.pointer ?? "#");
  const document = parsed as JsonObject;
  return { document, hash: createHash("sha256").update(JSON.stringify(document)).digest("hex") };
}
