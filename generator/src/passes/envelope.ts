import { GeneratorError } from "../errors.js";
import type { ApiIR, EnvelopeIR, JsonObject, OperationIR } from "../ir/types.js";
import { childPointer, deref, isObject, valueAt } from "../openapi/pointer.js";
import { pascalCase } from "./identifiers.js";
import type { Pass } from "./pass.js";

function readEnvelope(api: ApiIR): EnvelopeIR | undefined {
  const raw = api.document["x-bankkit-envelope"];
  if (raw === undefined) return undefined;
  const at = "#/x-bankkit-envelope";
  const fields = ["schema", "typeProperty", "resultPointer", "codeProperty", "messageProperty", "payloadParent", "resultOnlyType"];
  if (!isObject(raw) || fields.some((f) => typeof raw[f] !== "string") || typeof raw.successCode !== "number") {
    throw new GeneratorError(`${at} must set ${fields.join(", ")} (strings) and successCode (a number)`, at);
  }
  if (valueAt(api.document, raw.schema as string) === undefined) {
    throw new GeneratorError(`${at}/schema points at ${String(raw.schema)}, which does not exist`, `${at}/schema`);
  }
  return {
    schema: raw.schema as string,
    typeProperty: raw.typeProperty as string,
    resultPointer: raw.resultPointer as string,
    codeProperty: raw.codeProperty as string,
    messageProperty: raw.messageProperty as string,
    successCode: raw.successCode,
    payloadParent: raw.payloadParent as string,
    resultOnlyType: raw.resultOnlyType as string,
    errorClass: typeof raw.errorClass === "string" ? raw.errorClass : `${pascalCase(api.id)}Error`,
  };
}

/** Whether the schema at `pointer` is the envelope, directly, through `$ref`s or as an `allOf` member. */
function usesEnvelope(document: JsonObject, pointer: string, envelope: string): boolean {
  const { node, pointer: at } = deref(document, valueAt(document, pointer), pointer);
  if (at === envelope) return true;
  return Array.isArray(node.allOf) && node.allOf.some((_, i) => usesEnvelope(document, childPointer(at, "allOf", String(i)), envelope));
}

/** The payload keys an answer schema declares under the payload parent (besides the result). */
function payloadKeys(document: JsonObject, pointer: string, envelope: EnvelopeIR): { key: string; pointer: string }[] {
  const { node, pointer: at } = deref(document, valueAt(document, pointer), pointer);
  if (at === envelope.schema) return [];
  const found = Array.isArray(node.allOf)
    ? node.allOf.flatMap((_, i) => payloadKeys(document, childPointer(at, "allOf", String(i)), envelope))
    : [];
  let container: { node: JsonObject; pointer: string } | undefined = { node, pointer: at };
  for (const token of envelope.payloadParent.split("/").slice(1)) {
    const next: unknown = isObject(container?.node.properties) ? container.node.properties[token] : undefined;
    container = next === undefined ? undefined : deref(document, next, childPointer(container!.pointer, "properties", token));
    if (!container) break;
  }
  const resultKey = envelope.resultPointer.split("/").pop();
  if (container && isObject(container.node.properties)) {
    for (const key of Object.keys(container.node.properties)) {
      if (key !== resultKey) found.push({ key, pointer: childPointer(container.pointer, "properties", key) });
    }
  }
  return found;
}

function unwrap(api: ApiIR, operation: OperationIR, envelope: EnvelopeIR): void {
  const success = operation.responses.filter((r) => r.status.startsWith("2"));
  const json = success.flatMap((r) => r.contents.filter((c) => c.kind === "json" && c.schemaPointer));
  const other = success.flatMap((r) => r.contents.filter((c) => c.kind !== "json"));
  const keys = new Map<string, string>();
  for (const media of json) {
    if (!usesEnvelope(api.document, media.schemaPointer!, envelope.schema)) {
      throw new GeneratorError(
        `${operation.operationId}: the answer at ${media.schemaPointer} does not use the envelope ${envelope.schema} declared by x-bankkit-envelope; compose it with allOf`,
        media.schemaPointer!,
      );
    }
    for (const { key, pointer } of payloadKeys(api.document, media.schemaPointer!, envelope)) keys.set(key, pointer);
  }
  if (keys.size > 1) {
    const pointer = json[0]!.schemaPointer!;
    throw new GeneratorError(
      `${operation.operationId}: the answer at ${pointer} declares several payloads (${[...keys.keys()].join(", ")}); declare one`,
      pointer,
    );
  }
  const [payload] = keys;
  operation.envelope = {
    ...(payload ? { payloadKey: payload[0], payloadSchemaPointer: payload[1] } : {}),
    errorsOnly: other.length > 0,
  };
}

/** Reads `x-bankkit-envelope` and works out, per operation, which payload a successful answer carries. */
export const envelope: Pass = {
  name: "envelope",
  run(api) {
    const declared = readEnvelope(api);
    if (!declared) return;
    api.envelope = declared;
    for (const operation of api.operations) {
      // An operation outside the envelope (`x-bankkit-envelope: false`), such as a health check.
      const at = `${operation.pointer}/x-bankkit-envelope`;
      const outside = valueAt(api.document, at);
      if (outside !== undefined && outside !== false)
        throw new GeneratorError(`${at}: on an operation only false is allowed (the envelope is declared once, on the document)`, at);
      if (outside === false) operation.outsideEnvelope = true;
      else unwrap(api, operation, declared);
    }
  },
};
