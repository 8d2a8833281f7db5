import { type Config, createConfig } from "@redocly/openapi-core";
import {
  astToString,
  type GlobalContext,
  type OpenAPI3,
  resolveRef,
  STRING,
  scanDiscriminators,
  transformSchema,
} from "openapi-typescript";
import { GeneratorError } from "../errors.js";
import type { ApiIR } from "../ir/types.js";
import { isDecimal } from "../openapi/decimals.js";
import { fileHeader } from "./header.js";

let redocly: Promise<Config> | undefined;

/**
 * `schema.ts`: `paths`, `components` and `operations` types from openapi-typescript's programmatic API.
 * The document is already bundled and validated, so this calls openapi-typescript's transform directly
 * (what `openapiTS()` does after its own load, lint and bundle), with its default options except one:
 * `defaultNonNullable` is off, because a field with a default is optional to send, not required.
 */
export async function emitSchemaTypes(api: ApiIR): Promise<string> {
  redocly ??= createConfig({ rules: {} });
  const schema = api.document as unknown as OpenAPI3;
  const ctx: GlobalContext = {
    additionalProperties: false,
    alphabetize: false,
    arrayLength: false,
    defaultNonNullable: false,
    discriminators: scanDiscriminators(schema, {}),
    emptyObjectsUnknown: false,
    enum: false,
    enumValues: false,
    conditionalEnums: false,
    dedupeEnums: false,
    excludeDeprecated: false,
    exportType: false,
    immutable: false,
    injectFooter: [],
    pathParamsAsTypes: false,
    postTransform: undefined,
    propertiesRequiredByDefault: false,
    rootTypes: false,
    rootTypesNoSchemaPrefix: false,
    rootTypesKeepCasing: false,
    redoc: await redocly,
    silent: true,
    // A decimal amount (`format: decimal`) is a string in TypeScript: its digits are kept exactly, never a double.
    transform: (schemaObject) => (isDecimal(schemaObject) ? STRING : undefined),
    transformProperty: undefined,
    makePathsEnum: false,
    generatePathParams: false,
    readWriteMarkers: false,
    resolve: ($ref) => resolveRef(schema, $ref, { silent: true }),
  };
  try {
    return `${fileHeader(api)}\n${astToString(transformSchema(schema, ctx))}`;
  } catch (error) {
    throw new GeneratorError(`openapi-typescript could not type ${api.specPath}: ${(error as Error).message}`, "#");
  }
}
