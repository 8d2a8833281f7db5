import type { ApiIR, ArgumentTarget, JsonObject, OperationIR } from "../../ir/types.js";
import { escapeToken, isObject, valueAt } from "../../openapi/pointer.js";
import { marksReadWrite } from "../../openapi/read-write.js";
import { fileHeader } from "../header.js";
import { callbackTypeNames } from "../names.js";
import { toJsonSchema2020 } from "./openapi30-schemas.js";
import { prelude } from "./prelude.js";
import { requestSchema } from "./request-schema.js";
import { type Direction, pointerName, SchemaCompiler } from "./schema-compiler.js";

/** Names of the validators of one API, for the emitters that reference them. */
export interface ValidatorNames {
  request: Map<string, string>;
  /** Schema pointer → validator name (responses share validators when they share a schema). */
  schema: Map<string, string>;
  callback: Map<string, string>;
}

export interface EmittedValidators {
  names: ValidatorNames;
  /** `validators.js`: plain ESM, no dependencies. */
  code: string;
  /** `validators.d.ts`: one `Validator` per export. */
  declarations: string;
}

/** Where the request schemas are put in the validators' copy of the document. */
const requestsKey = "x-bankkit-requests";

/**
 * Emits a validator for every request, JSON response body and callback of the API. The schemas are
 * compiled to plain functions by bankkit's own compiler (see `schema-compiler.ts`): one function per
 * referenced schema, shared by every operation that uses it.
 */
export function emitValidators(api: ApiIR): EmittedValidators {
  const names: ValidatorNames = { request: new Map(), schema: new Map(), callback: new Map() };
  const requests: JsonObject = {};
  for (const operation of api.operations) {
    const name = `request_${operation.methodName}`;
    names.request.set(operation.operationId, name);
    requests[name] = requestSchema(operation, api.document);
  }
  const converted = (api.openapiVersion.startsWith("3.0") ? toJsonSchema2020(api.document) : api.document) as JsonObject;
  const document = { ...converted, [requestsKey]: requests };
  const compiler = new SchemaCompiler(document, marksReadWrite(api.document));
  const exports: string[] = [];
  const taken = new Set<string>();
  const bodyOf = new Map<string, string>();
  const entry = (name: string, pointer: string, direction: Direction, after = "") => {
    // A schema that is only a $ref validates with its target's function: no wrapper per use.
    const schema = valueAt(document, pointer);
    const target = isObject(schema) && typeof schema.$ref === "string" && Object.keys(schema).length === 1 ? schema.$ref : pointer;
    const check = compiler.functionFor(target, direction);
    exports.push(`export const ${name} = (d, p = "") => { const e = []; ${check}(d, p, e); ${after}return e; };`);
  };
  for (const operation of api.operations) {
    const name = names.request.get(operation.operationId)!;
    entry(name, `#/${requestsKey}/${name}`, "write", ascendingCheck(operation));
    for (const response of operation.responses) {
      for (const media of response.contents) {
        if (media.kind !== "json" || !media.schemaPointer || names.schema.has(media.schemaPointer)) continue;
        // Named after the schema (`body_UserInfo`), or the answer it describes when it has no name of its own.
        const given = valueAt(document, media.schemaPointer);
        const target =
          isObject(given) && typeof given.$ref === "string" && Object.keys(given).length === 1 ? given.$ref : media.schemaPointer;
        const shared = target.startsWith("#/components/schemas/");
        // Every answer that is one named schema shares that schema's export.
        const existing = shared ? bodyOf.get(target) : undefined;
        if (existing) {
          names.schema.set(media.schemaPointer, existing);
          continue;
        }
        const base = `body_${shared ? pointerName(target) : `${operation.methodName}_${response.status}`}`;
        let body = base;
        for (let n = 2; taken.has(body); n++) body = `${base}_${n}`;
        taken.add(body);
        if (shared) bodyOf.set(target, body);
        names.schema.set(media.schemaPointer, body);
        entry(body, media.schemaPointer, "read");
      }
    }
  }
  const callbackTypes = callbackTypeNames(api);
  for (const callback of api.callbacks) {
    const name = `callback_${callbackTypes.get(callback.name)}`;
    names.callback.set(callback.name, name);
    entry(name, callback.schemaPointer, "read");
  }
  const code = [prelude, compiler.finish(), ...exports].join("\n");
  const declarations = [
    'import type { Validator } from "@bankkit/runtime";',
    ...exports.map((line) => `export declare const ${line.split(" ")[2]}: Validator;`),
  ].join("\n");
  return { names, code: `${fileHeader(api)}${code}\n`, declarations: `${fileHeader(api)}${declarations}\n` };
}

/**
 * `x-bankkit-ascending`: once the input is otherwise valid (so the values have their types), each field
 * may not be less than the one before it — a period that ends before it starts.
 */
function ascendingCheck(operation: OperationIR): string {
  const fields = operation.ascending;
  if (!fields) return "";
  const read = (f: ArgumentTarget) => `d[${JSON.stringify(f.in)}]?.[${JSON.stringify(f.name)}]`;
  const path = (f: ArgumentTarget) => `/${f.in}/${escapeToken(f.name!)}`;
  const checks = fields.slice(1).map((field, i) => {
    const before = fields[i]!;
    const message = JSON.stringify(`must not be before ${path(before)}`);
    return `{ const a = ${read(before)}, b = ${read(field)}; if (a !== undefined && b !== undefined && b < a) fail(e, p + ${JSON.stringify(path(field))}, "x-bankkit-ascending", ${message}); }`;
  });
  return `if (e.length === 0) { ${checks.join(" ")} } `;
}
