import { createRequire } from "node:module";
import type { Config } from "@redocly/openapi-core";
import type { GlobalContext, OpenAPI3, SchemaObject } from "openapi-typescript";
import { GeneratorError } from "../errors.js";
import type { ApiIR } from "../ir/types.js";
import { isDecimal } from "../openapi/decimals.js";
import { marksReadWrite } from "../openapi/read-write.js";
import { fileHeader } from "./header.js";

/**
 * openapi-typescript through its CommonJS build, with `require`: its ESM build imports TypeScript's 9 MB
 * compiler with `import`, and Node then parses that file twice more (to detect its format, to find its
 * exports) — ~350 ms of every `bankkit generate`. Same code, same types.
 */
const require = createRequire(import.meta.url);
const { astToString, resolveRef, STRING, scanDiscriminators, transformSchema, transformSchemaObject } =
  require("openapi-typescript") as typeof import("openapi-typescript");

const widened = new WeakSet<object>();

/**
 * `additionalProperties` as a schema beside `properties`: JSON Schema applies it to the other keys only, while a
 * TypeScript index signature covers the named properties too — openapi-typescript's `{ a: string } & { [key:
 * string]: number }` admits no value with `a` at all. Typed instead with an index signature that also allows
 * the named properties' types (the object part of the schema only: the composition around it is typed as it
 * was). Marked, so that typing the widened copy does not widen it again.
 */
function widenedAdditionalProperties(schema: Record<string, unknown>): Record<string, unknown> | undefined {
  const { properties, additionalProperties } = schema;
  if (widened.has(schema) || !isPlainObject(properties) || Object.keys(properties).length === 0) return undefined;
  if (!isPlainObject(additionalProperties) || Object.keys(additionalProperties).length === 0) return undefined;
  const copy: Record<string, unknown> = {
    type: schema.type ?? "object",
    ...(schema.nullable === undefined ? {} : { nullable: schema.nullable }),
    properties,
    ...(schema.required === undefined ? {} : { required: schema.required }),
    additionalProperties: { anyOf: [additionalProperties, ...Object.values(properties)] },
  };
  widened.add(copy);
  return copy;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * `schema.ts`: `paths`, `components` and `operations` types from openapi-typescript's programmatic API.
 * The document is already bundled and validated, so this calls openapi-typescript's transform directly
 * (what `openapiTS()` does after its own load, lint and bundle), with its default options except one:
 * `defaultNonNullable` is off, because a field with a default is optional to send, not required.
 */
export type DiscriminatorScan = ReturnType<typeof scanDiscriminators>;

/**
 * openapi-typescript types each target of a discriminator mapping with the discriminator property narrowed
 * to its mapping values (`Cat.petType: "cat"`) — by writing that `enum` into the document. Done once, before
 * the validators are compiled, so that the types and the validators read the same schema.
 */
export function narrowDiscriminators(api: ApiIR): DiscriminatorScan {
  return scanDiscriminators(api.document as unknown as OpenAPI3, { silent: true });
}

export async function emitSchemaTypes(api: ApiIR, discriminators: DiscriminatorScan): Promise<string> {
  const schema = api.document as unknown as OpenAPI3;
  const ctx: GlobalContext = {
    additionalProperties: false,
    alphabetize: false,
    arrayLength: false,
    defaultNonNullable: false,
    discriminators,
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
    // Read only by openapiTS()'s own load and bundle, which bankkit does itself: building a Redocly config
    // for it cost ~100 ms of every generate.
    redoc: undefined as unknown as Config,
    silent: true,
    // A decimal amount (`format: decimal`) is a string in TypeScript: its digits are kept exactly, never a double.
    transform: (schemaObject, options) => {
      if (isDecimal(schemaObject)) return STRING;
      const widened = widenedAdditionalProperties(schemaObject as Record<string, unknown>);
      return widened ? transformSchemaObject(widened as SchemaObject, options) : undefined;
    },
    transformProperty: undefined,
    makePathsEnum: false,
    generatePathParams: false,
    // readOnly/writeOnly as `$Read`/`$Write`: the client sends `Writable<…>` bodies and returns `Readable<…>` answers.
    readWriteMarkers: marksReadWrite(api.document),
    resolve: ($ref) => resolveRef(schema, $ref, { silent: true }),
  };
  try {
    return `${fileHeader(api)}\n${astToString(transformSchema(schema, ctx))}`;
  } catch (error) {
    throw new GeneratorError(`openapi-typescript could not type ${api.specPath}: ${(error as Error).message}`, "#");
  }
}
