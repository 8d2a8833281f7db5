import type { JsonObject } from "../ir/types.js";
import { childPointer, followRefs, isObject } from "../openapi/pointer.js";
import { breaking, type Change, compatible } from "./change.js";
import { SchemaDiff } from "./schema-diff.js";

const methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

/** Extensions that change the generated method (its arguments, signing, retries, result): changing them breaks callers. */
const shapingExtensions = new Set([
  "x-bankkit-arguments",
  "x-bankkit-idempotency",
  "x-bankkit-signature",
  "x-bankkit-jws",
  "x-bankkit-poll",
  "x-bankkit-unzip",
  "x-bankkit-alias-of",
  "x-bankkit-ascending",
  // On an operation, `false` takes its answers out of the envelope: the method resolves to the whole body.
  "x-bankkit-envelope",
]);

interface Located {
  value: JsonObject;
  pointer: string;
}

function operations(document: JsonObject): Map<string, Located & { path: string; method: string; item: Located }> {
  const found = new Map<string, Located & { path: string; method: string; item: Located }>();
  for (const [path, raw] of Object.entries(isObject(document.paths) ? document.paths : {})) {
    const item = followRefs(document, raw, childPointer("#/paths", path));
    if (!item) continue;
    for (const method of methods) {
      const operation = followRefs(document, item.value[method], childPointer(item.pointer, method));
      if (operation) found.set(`${method.toUpperCase()} ${path}`, { ...operation, path, method, item });
    }
  }
  return found;
}

/** Path-level and operation-level parameters by `in:name` (the operation's win), each where it is defined. */
function parameters(document: JsonObject, operation: Located, item: Located): Map<string, Located> {
  const found = new Map<string, Located>();
  for (const owner of [item, operation]) {
    const list = Array.isArray(owner.value.parameters) ? owner.value.parameters : [];
    list.forEach((raw, i) => {
      const parameter = followRefs(document, raw, childPointer(owner.pointer, "parameters", String(i)));
      if (parameter) found.set(`${String(parameter.value.in)}:${String(parameter.value.name)}`, parameter);
    });
  }
  return found;
}

function securitySchemes(document: JsonObject, operation: JsonObject): Set<string> {
  const requirements = Array.isArray(operation.security) ? operation.security : Array.isArray(document.security) ? document.security : [];
  // An empty requirement ({}) makes authentication optional: no scheme is then demanded.
  if (requirements.some((r) => isObject(r) && Object.keys(r).length === 0)) return new Set();
  return new Set(requirements.flatMap((r) => (isObject(r) ? Object.keys(r) : [])));
}

const mediaTypes = (value: unknown): JsonObject => (isObject(value) && isObject(value.content) ? value.content : {});

/**
 * Every change between two OpenAPI 3.0/3.1 documents (bundled, internal `$ref`s only), classified by what it
 * does to the callers of a client generated from them, per operation (`METHOD path`).
 */
export function diffOpenApi(old: JsonObject, next: JsonObject): Change[] {
  const changes: Change[] = [];
  const before = operations(old);
  const after = operations(next);
  for (const [key, operation] of before)
    if (!after.has(key)) changes.push(breaking("operation-removed", "operation removed", operation.pointer, scopeOf(key, operation.value)));
  for (const [key, operation] of after) {
    const scope = scopeOf(key, operation.value);
    const was = before.get(key);
    if (!was) {
      changes.push(compatible("operation-added", "operation added", operation.pointer, scope));
      continue;
    }
    const schemas = new SchemaDiff(old, next, scope);
    const pair: Pair = { old, next, was, is: operation, schemas, changes, scope };
    diffParameters(pair);
    diffRequestBody(pair);
    diffResponses(pair);
    const wasSecured = securitySchemes(old, was.value);
    const isSecured = securitySchemes(next, operation.value);
    for (const scheme of isSecured)
      if (!wasSecured.has(scheme))
        changes.push(breaking("security-added", `security scheme ${scheme} required`, childPointer(operation.pointer, "security"), scope));
    for (const scheme of wasSecured)
      if (!isSecured.has(scheme))
        changes.push(
          compatible(
            "security-removed",
            `security scheme ${scheme} no longer required`,
            childPointer(operation.pointer, "security"),
            scope,
          ),
        );
    if (was.value.operationId !== operation.value.operationId)
      changes.push(
        breaking(
          "operation-renamed",
          `operationId ${String(was.value.operationId ?? "none")} → ${String(operation.value.operationId ?? "none")}: the method is renamed`,
          childPointer(operation.pointer, "operationId"),
          scope,
        ),
      );
    for (const field of ["summary", "description"])
      if (was.value[field] !== operation.value[field])
        changes.push(compatible("description-changed", `${field} changed`, childPointer(operation.pointer, field), scope, "patch"));
    // The operation's own extensions, and its path item's (`x-bankkit-headers` for every method of a path).
    for (const [from, to] of [
      [was, operation],
      [was.item, operation.item],
    ] as const) {
      for (const name of new Set([...Object.keys(from.value), ...Object.keys(to.value)].filter((k) => k.startsWith("x-bankkit-")))) {
        if (JSON.stringify(from.value[name]) === JSON.stringify(to.value[name])) continue;
        const pointer = childPointer(to.pointer, name);
        if (shapingExtensions.has(name))
          changes.push(breaking("extension-changed", `${name} changed: the generated method changes`, pointer, scope));
        else changes.push(compatible("extension-changed", `${name} changed`, pointer, scope, "patch"));
      }
    }
    changes.push(...schemas.changes);
  }
  changes.push(...diffDocumentExtensions(old, next));
  if (JSON.stringify(old.servers) !== JSON.stringify(next.servers))
    changes.push(compatible("servers-changed", "servers changed", "#/servers", undefined, "patch"));
  return changes;
}

/**
 * The document's own bankkit extensions: a flow (`x-bankkit-flows`) is a client method — added is an addition,
 * removed or changed breaks its callers; the envelope changes how every answer is read; the rest is wording.
 */
function diffDocumentExtensions(old: JsonObject, next: JsonObject): Change[] {
  const changes: Change[] = [];
  const flows = (document: JsonObject) => (isObject(document["x-bankkit-flows"]) ? document["x-bankkit-flows"] : {});
  const was = flows(old);
  const is = flows(next);
  for (const name of Object.keys(was))
    if (!(name in is))
      changes.push(breaking("flow-removed", `flow ${name} removed (the method is gone)`, childPointer("#/x-bankkit-flows", name)));
  for (const [name, flow] of Object.entries(is)) {
    const pointer = childPointer("#/x-bankkit-flows", name);
    if (!(name in was)) changes.push(compatible("flow-added", `flow ${name} added (a new method)`, pointer));
    else if (JSON.stringify(was[name]) !== JSON.stringify(flow)) changes.push(breaking("flow-changed", `flow ${name} changed`, pointer));
  }
  const names = new Set([...Object.keys(old), ...Object.keys(next)].filter((k) => k.startsWith("x-bankkit-") && k !== "x-bankkit-flows"));
  for (const name of names) {
    if (JSON.stringify(old[name]) === JSON.stringify(next[name])) continue;
    if (name === "x-bankkit-envelope")
      changes.push(breaking("extension-changed", `${name} changed: answers are read differently`, `#/${name}`));
    else changes.push(compatible("extension-changed", `${name} changed`, `#/${name}`, undefined, "patch"));
  }
  return changes;
}

/** Examples are documentation: a changed one is reported, as wording. */
function reportExamples(before: Located, after: Located, changes: Change[], scope: string, what: string): void {
  for (const field of ["example", "examples"])
    if (JSON.stringify(before.value[field]) !== JSON.stringify(after.value[field]))
      changes.push(compatible("example-changed", `${what}: ${field} changed`, childPointer(after.pointer, field), scope, "patch"));
}

function scopeOf(key: string, operation: JsonObject): string {
  return typeof operation.operationId === "string" ? `${key} (${operation.operationId})` : key;
}

type Operation = Located & { item: Located };

/** One operation in both documents, and where its changes go. */
interface Pair {
  old: JsonObject;
  next: JsonObject;
  was: Operation;
  is: Operation;
  schemas: SchemaDiff;
  changes: Change[];
  scope: string;
}

function diffParameters({ old, next, was, is, schemas, changes, scope }: Pair): void {
  const before = parameters(old, was, was.item);
  const after = parameters(next, is, is.item);
  for (const [key, parameter] of before)
    if (!after.has(key)) changes.push(breaking("parameter-removed", `parameter ${key} removed`, parameter.pointer, scope));
  for (const [key, parameter] of after) {
    const previous = before.get(key);
    const required = parameter.value.required === true;
    if (!previous) {
      if (required) changes.push(breaking("parameter-added", `required parameter ${key} added`, parameter.pointer, scope));
      else changes.push(compatible("parameter-added", `optional parameter ${key} added`, parameter.pointer, scope));
      continue;
    }
    reportExamples(previous, parameter, changes, scope, `parameter ${key}`);
    if (required && previous.value.required !== true)
      changes.push(breaking("parameter-required", `parameter ${key} is now required`, childPointer(parameter.pointer, "required"), scope));
    else if (!required && previous.value.required === true)
      changes.push(
        compatible("parameter-optional", `parameter ${key} is now optional`, childPointer(parameter.pointer, "required"), scope),
      );
    schemas.compare(
      previous.value.schema,
      childPointer(previous.pointer, "schema"),
      parameter.value.schema,
      childPointer(parameter.pointer, "schema"),
      "request",
    );
  }
}

function diffRequestBody({ old, next, was, is, schemas, changes, scope }: Pair): void {
  const before = followRefs(old, was.value.requestBody, childPointer(was.pointer, "requestBody"));
  const after = followRefs(next, is.value.requestBody, childPointer(is.pointer, "requestBody"));
  if (!before && !after) return;
  if (before && !after) {
    changes.push(breaking("request-body-removed", "request body removed", before.pointer, scope));
    return;
  }
  if (!before && after) {
    if (after.value.required === true) changes.push(breaking("request-body-added", "required request body added", after.pointer, scope));
    else changes.push(compatible("request-body-added", "optional request body added", after.pointer, scope));
    return;
  }
  if (!before || !after) return;
  if (after.value.required === true && before.value.required !== true)
    changes.push(breaking("request-body-required", "request body is now required", childPointer(after.pointer, "required"), scope));
  diffMedia(before, after, schemas, changes, scope, "request");
}

function diffResponses({ old, next, was, is, schemas, changes, scope }: Pair): void {
  const before = isObject(was.value.responses) ? was.value.responses : {};
  const after = isObject(is.value.responses) ? is.value.responses : {};
  for (const status of Object.keys(before))
    if (!(status in after))
      changes.push(
        breaking("response-status-removed", `response ${status} removed`, childPointer(was.pointer, "responses", status), scope),
      );
  for (const [status, raw] of Object.entries(after)) {
    const response = followRefs(next, raw, childPointer(is.pointer, "responses", status));
    if (!(status in before)) {
      changes.push(compatible("response-status-added", `response ${status} added`, childPointer(is.pointer, "responses", status), scope));
      continue;
    }
    const previous = followRefs(old, before[status], childPointer(was.pointer, "responses", status));
    if (previous && response) diffMedia(previous, response, schemas, changes, scope, "response");
  }
}

function diffMedia(
  before: Located,
  after: Located,
  schemas: SchemaDiff,
  changes: Change[],
  scope: string,
  direction: "request" | "response",
): void {
  const was = mediaTypes(before.value);
  const is = mediaTypes(after.value);
  for (const type of Object.keys(was))
    if (!(type in is))
      changes.push(
        breaking("media-type-removed", `${direction} media type ${type} removed`, childPointer(before.pointer, "content", type), scope),
      );
  for (const [type, media] of Object.entries(is)) {
    const at = childPointer(after.pointer, "content", type);
    const previous = was[type];
    if (!isObject(previous)) {
      changes.push(compatible("media-type-added", `${direction} media type ${type} added`, at, scope));
      continue;
    }
    if (isObject(media))
      reportExamples({ value: previous, pointer: at }, { value: media, pointer: at }, changes, scope, `${direction} ${type}`);
    if (isObject(media))
      schemas.compare(
        previous.schema,
        childPointer(before.pointer, "content", type, "schema"),
        media.schema,
        childPointer(at, "schema"),
        direction,
      );
  }
}
