import { type Config, createConfig } from "@redocly/openapi-core";
import openapiTS, { astToString, type OpenAPI3 } from "openapi-typescript";
import { GeneratorError } from "../errors.js";
import type { ApiIR } from "../ir/types.js";
import { fileHeader } from "./header.js";

let noRules: Promise<Config> | undefined;

/** `schema.ts`: `paths`, `components` and `operations` types from openapi-typescript's programmatic API. */
export async function emitSchemaTypes(api: ApiIR): Promise<string> {
  // The document was validated when loaded: give openapi-typescript a rule-less config, not a second lint.
  // defaultNonNullable off: a field with a default is optional to send, not required.
  noRules ??= createConfig({ rules: {} });
  let ast: Awaited<ReturnType<typeof openapiTS>>;
  try {
    ast = await openapiTS(api.document as unknown as OpenAPI3, { silent: true, redocly: await noRules, defaultNonNullable: false });
  } catch (error) {
    throw new GeneratorError(`openapi-typescript could not type ${api.specPath}: ${(error as Error).message}`, "#");
  }
  return `${fileHeader(api)}\n${astToString(ast)}`;
}
