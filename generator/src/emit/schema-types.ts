import { type Config, createConfig } from "@redocly/openapi-core";
import openapiTS, { type OpenAPI3, astToString } from "openapi-typescript";
import type { ApiIR } from "../ir/types.js";
import { fileHeader } from "./header.js";

let noRules: Promise<Config> | undefined;

/** `schema.ts`: `paths`, `components` and `operations` types from openapi-typescript's programmatic API. */
export async function emitSchemaTypes(api: ApiIR): Promise<string> {
  // The document was validated when loaded: give openapi-typescript a rule-less config, not a second lint.
  noRules ??= createConfig({ rules: {} });
  const ast = await openapiTS(api.document as unknown as OpenAPI3, { silent: true, redocly: await noRules });
  return `${fileHeader(api)}\n${astToString(ast)}`;
}
