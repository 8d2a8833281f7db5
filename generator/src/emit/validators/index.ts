import { GeneratorError } from "../../errors.js";
import type { ApiIR, JsonObject } from "../../ir/types.js";
import { isObject } from "../../openapi/pointer.js";
import { fileHeader } from "../header.js";
import { Ajv2020, addFormats, standaloneCode } from "./ajv.js";
import { toJsonSchema2020 } from "./openapi30-schemas.js";
import { apiRef, requestSchema } from "./request-schema.js";

/** Names of the validators of one API, for the emitters that reference them. */
export interface ValidatorNames {
  request: Map<string, string>;
  /** Schema pointer → validator name (responses share validators when they share a schema). */
  schema: Map<string, string>;
  callback: Map<string, string>;
}

export interface EmittedValidators {
  names: ValidatorNames;
  /** `validators.js`: Ajv standalone code, ESM. */
  code: string;
  /** `validators.d.ts`: one `Validator` per export. */
  declarations: string;
}

// Ajv's standalone code loads its runtime helpers with require(); the packages are ESM, so give it one.
function esm(code: string): string {
  const body = code.replace(/^"use strict";/, "");
  if (!body.includes("require(")) return body;
  return `import { createRequire } from "node:module";\nconst require = createRequire(import.meta.url);\n${body}`;
}

function formatsUsed(value: unknown, found: Set<string>): Set<string> {
  if (Array.isArray(value)) for (const item of value) formatsUsed(item, found);
  else if (isObject(value)) {
    if (typeof value.format === "string") found.add(value.format);
    for (const child of Object.values(value)) formatsUsed(child, found);
  }
  return found;
}

/** Compiles every request, response and callback schema of the API into standalone validators. */
export function emitValidators(api: ApiIR): EmittedValidators {
  const document = (api.openapiVersion.startsWith("3.0") ? toJsonSchema2020(api.document) : api.document) as JsonObject;
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false, logger: false, code: { source: true, esm: true } });
  addFormats(ajv);
  // OpenAPI formats (int64, binary, …) and vendor formats are annotations here; only Ajv's known ones check.
  for (const format of formatsUsed(document, new Set())) if (!ajv.formats[format]) ajv.addFormat(format, true);
  ajv.addSchema(document, "api");

  const names: ValidatorNames = { request: new Map(), schema: new Map(), callback: new Map() };
  const exported: Record<string, string> = {};
  // Compile each validator as it is added, so that a schema Ajv cannot handle is reported at its pointer.
  const add = (name: string, schema: JsonObject, pointer: string) => {
    try {
      ajv.addSchema(schema, name);
      ajv.getSchema(name);
    } catch (error) {
      throw new GeneratorError(`cannot build a validator for ${pointer}: ${(error as Error).message}`, pointer);
    }
    exported[name] = name;
  };
  const bySchema = (pointer: string) => {
    let name = names.schema.get(pointer);
    if (!name) {
      name = `body_${names.schema.size}`;
      names.schema.set(pointer, name);
      add(name, apiRef(pointer), pointer);
    }
    return name;
  };
  for (const operation of api.operations) {
    const name = `request_${operation.methodName}`;
    names.request.set(operation.operationId, name);
    add(name, requestSchema(operation), operation.pointer);
    for (const response of operation.responses) {
      for (const media of response.contents) if (media.kind === "json" && media.schemaPointer) bySchema(media.schemaPointer);
    }
  }
  for (const callback of api.callbacks) {
    const name = `callback_${callback.name}`;
    names.callback.set(callback.name, name);
    add(name, apiRef(callback.schemaPointer), callback.schemaPointer);
  }
  const code = esm(standaloneCode(ajv, exported));
  const declarations = [
    'import type { Validator } from "@bankkit/runtime";',
    ...Object.keys(exported).map((name) => `export declare const ${name}: Validator;`),
  ].join("\n");
  return { names, code: `${fileHeader(api)}${code}\n`, declarations: `${fileHeader(api)}${declarations}\n` };
}
