import { basename, dirname, extname, join } from "node:path";
import { GeneratorError } from "../errors.js";
import type {
  ApiIR,
  CallbackIR,
  HttpMethod,
  JsonObject,
  MediaIR,
  OperationIR,
  ParameterIR,
  ResponseIR,
  ServerIR,
  XmlMediaIR,
} from "../ir/types.js";
import type { LoadedSpec } from "./load.js";
import { bodyKind } from "./media.js";
import { childPointer, deref, isObject } from "./pointer.js";

const methods: HttpMethod[] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const parameterLocations = new Set(["path", "query", "header", "cookie"]);

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

function contents(content: unknown, pointer: string, specDir = "."): MediaIR[] {
  if (!isObject(content)) return [];
  return Object.entries(content).map(([mediaType, media]) => {
    const at = childPointer(pointer, mediaType);
    const schemaPointer = isObject(media) && media.schema !== undefined ? childPointer(at, "schema") : undefined;
    const xml = isObject(media) ? xmlMedia(media["x-bankkit-xml"], childPointer(at, "x-bankkit-xml"), specDir) : undefined;
    return { mediaType, kind: bodyKind(mediaType), ...(schemaPointer ? { schemaPointer } : {}), ...(xml ? { xml } : {}) };
  });
}

/** `x-bankkit-xml`; only its `xsd` makes the body typed (`root` and `namespace` alone document it). */
function xmlMedia(raw: unknown, at: string, specDir: string): XmlMediaIR | undefined {
  if (!isObject(raw) || raw.xsd === undefined) return undefined;
  const { xsd, profile, list, signature, encrypted } = raw;
  if (typeof xsd !== "string" || !xsd.endsWith(".xsd"))
    throw new GeneratorError(`${at}/xsd: expected the path of an .xsd file, relative to the spec`, `${at}/xsd`);
  if (profile !== undefined && profile !== "iso" && profile !== "kisc")
    throw new GeneratorError(`${at}/profile: expected iso or kisc`, `${at}/profile`);
  if (list !== undefined && (!Array.isArray(list) || list.length === 0 || list.some((w) => typeof w !== "string")))
    throw new GeneratorError(
      `${at}/list: expected the wrapper elements, outermost first, such as "{http://schemas.xmlsoap.org/soap/envelope/}Envelope"`,
      `${at}/list`,
    );
  if (
    signature !== undefined &&
    (!Array.isArray(signature) || signature.length === 0 || signature.some((n) => typeof n !== "string" || !/^[\w.-]+$/.test(n)))
  )
    throw new GeneratorError(
      `${at}/signature: expected the element the signature goes into, as local names: [AppHdr, Sgntr]`,
      `${at}/signature`,
    );
  if (encrypted !== undefined && typeof encrypted !== "boolean")
    throw new GeneratorError(`${at}/encrypted: expected true or false`, `${at}/encrypted`);
  return {
    ...(encrypted ? { encrypted } : {}),
    xsd: join(specDir, xsd).split("\\").join("/"),
    ...(profile ? { profile } : {}),
    ...(list ? { list: list as string[] } : {}),
    ...(signature ? { signature: signature as string[] } : {}),
  };
}

function parameter(document: JsonObject, raw: unknown, pointer: string): ParameterIR {
  const { node, pointer: at } = deref(document, raw, pointer);
  const name = text(node.name);
  const location = String(node.in);
  if (!name || !parameterLocations.has(location)) {
    throw new GeneratorError(`parameter at ${at} needs a name and "in" (path, query, header or cookie)`, at);
  }
  // HTTP allows only token characters in a header's name: no client could send any other.
  if (location === "header" && !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
    throw new GeneratorError(`header parameter at ${at}: ${JSON.stringify(name)} is not a valid HTTP header name (RFC 9110 token)`, at);
  }
  let schemaPointer: string | undefined;
  if (node.schema !== undefined) schemaPointer = childPointer(at, "schema");
  else if (isObject(node.content)) {
    const [mediaType] = Object.keys(node.content);
    if (mediaType) schemaPointer = childPointer(at, "content", mediaType, "schema");
  }
  return {
    name,
    in: location as ParameterIR["in"],
    required: location === "path" || node.required === true,
    ...(text(node.description) ? { description: text(node.description) } : {}),
    ...(schemaPointer ? { schemaPointer } : {}),
    ...(typeof node.style === "string" ? { style: node.style } : {}),
    ...(typeof node.explode === "boolean" ? { explode: node.explode } : {}),
    ...generatedValue(node["x-bankkit-generated"], location, at),
  };
}

function generatedValue(value: unknown, location: string, at: string): { generated?: "uuid" | "date-time" } {
  if (value === undefined) return {};
  if ((value !== "uuid" && value !== "date-time") || location !== "header") {
    throw new GeneratorError(`${at}/x-bankkit-generated: expected uuid or date-time on a header parameter`, `${at}/x-bankkit-generated`);
  }
  return { generated: value };
}

function mergeParameters(document: JsonObject, pathItem: JsonObject, operation: JsonObject, pathPointer: string, opPointer: string) {
  const merged = new Map<string, ParameterIR>();
  const add = (list: unknown, at: string) => {
    if (!Array.isArray(list)) return;
    list.forEach((raw, i) => {
      const p = parameter(document, raw, childPointer(at, "parameters", String(i)));
      merged.set(`${p.in}:${p.name}`, p);
    });
  };
  add(pathItem.parameters, pathPointer);
  add(operation.parameters, opPointer);
  return [...merged.values()];
}

/** When an operation has no operationId: `get /users/{id}/orders` → `getUsersIdOrders`. */
function derivedOperationId(method: string, path: string): string {
  const words = path.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return method + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join("");
}

function responses(document: JsonObject, raw: unknown, pointer: string, specDir: string): ResponseIR[] {
  if (!isObject(raw)) return [];
  return Object.entries(raw).map(([status, value]) => {
    const { node, pointer: at } = deref(document, value, childPointer(pointer, status));
    // An answer the vendor document does not show (`x-bankkit-assumption` on the response or its media type).
    const media = Object.entries(isObject(node.content) ? node.content : {}).find(
      ([, m]) => isObject(m) && m["x-bankkit-assumption"] !== undefined,
    );
    const assumed = node["x-bankkit-assumption"] !== undefined ? at : media ? childPointer(at, "content", media[0]) : undefined;
    return {
      status,
      ...(text(node.description) ? { description: text(node.description) } : {}),
      contents: contents(node.content, childPointer(at, "content"), specDir),
      ...(assumed ? { assumed } : {}),
    };
  });
}

function callbacksOf(document: JsonObject, operation: OperationIR, raw: unknown, found: CallbackIR[]): string[] {
  if (!isObject(raw)) return [];
  const names: string[] = [];
  for (const [name, value] of Object.entries(raw)) {
    const { node: callback, pointer: callbackPointer } = deref(document, value, childPointer(operation.pointer, "callbacks", name));
    for (const [expression, item] of Object.entries(callback)) {
      const { node: pathItem, pointer: itemPointer } = deref(document, item, childPointer(callbackPointer, expression));
      for (const method of methods) {
        if (!isObject(pathItem[method])) continue;
        const ir = callbackRequest(document, name, pathItem, childPointer(itemPointer, method));
        if (!ir) continue;
        const same = found.find((c) => c.schemaPointer === ir.schemaPointer);
        const clash = found.find((c) => c.name === ir.name && c.schemaPointer !== ir.schemaPointer);
        if (clash) ir.name = `${operation.operationId}${name[0]!.toUpperCase()}${name.slice(1)}`;
        const entry = same ?? ir;
        if (!same) found.push(entry);
        entry.operationIds.push(operation.operationId);
        if (!names.includes(entry.name)) names.push(entry.name);
      }
    }
  }
  return names;
}

/** A callback or webhook request with a JSON body; others (no body, non-JSON) are not typed. */
function callbackRequest(document: JsonObject, name: string, pathItem: JsonObject, pointer: string): CallbackIR | undefined {
  const { node: op } = deref(document, pathItem[pointer.split("/").pop()!], pointer);
  if (op.requestBody === undefined) return undefined;
  const { node: body, pointer: bodyPointer } = deref(document, op.requestBody, childPointer(pointer, "requestBody"));
  const json = contents(body.content, childPointer(bodyPointer, "content")).find((m) => m.kind === "json");
  if (!json?.schemaPointer) return undefined;
  return {
    name,
    schemaPointer: json.schemaPointer,
    ...(text(op.summary) ? { summary: text(op.summary) } : {}),
    ...(text(op.description ?? pathItem.description) ? { description: text(op.description ?? pathItem.description) } : {}),
    operationIds: [],
  };
}

/**
 * The headers `x-bankkit-headers` sets on a call, each `{ name, value, methods? }`, from the document, the path
 * item and the operation (the nearer wins): what the vendor document sends whatever the input — ETSFO's
 * `Accept: application/xml`, PC's `Content-Type` on every POST, PATCH and DELETE, body or none. A name that is
 * no HTTP token, a value with a line break or a method that does not exist is refused where it is written.
 */
function fixedHeaders(method: string, levels: { node: JsonObject; pointer: string }[]): { fixedHeaders?: Record<string, string> } {
  const headers: Record<string, string> = {};
  for (const { node, pointer } of levels) {
    const list = node["x-bankkit-headers"];
    if (list === undefined) continue;
    const at = childPointer(pointer, "x-bankkit-headers");
    if (!Array.isArray(list)) throw new GeneratorError(`${at}: expected a list of { name, value, methods? }`, at);
    for (const [i, entry] of list.entries()) {
      const here = childPointer(at, String(i));
      const { name, value, methods: only } = isObject(entry) ? entry : {};
      if (typeof name !== "string" || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name))
        throw new GeneratorError(`${here}/name: expected an HTTP header name`, `${here}/name`);
      if (typeof value !== "string" || /[\r\n\0]/.test(value))
        throw new GeneratorError(`${here}/value: expected a header value on one line`, `${here}/value`);
      if (only !== undefined && (!Array.isArray(only) || only.some((m) => !methods.includes(m as HttpMethod))))
        throw new GeneratorError(`${here}/methods: expected HTTP methods in lower case, such as [post, patch, delete]`, `${here}/methods`);
      if (!only || only.includes(method)) headers[name.toLowerCase()] = value;
    }
  }
  return Object.keys(headers).length > 0 ? { fixedHeaders: headers } : {};
}

function servers(raw: unknown): ServerIR[] {
  const list = Array.isArray(raw) && raw.length > 0 ? raw : [{ url: "/" }];
  return list.filter(isObject).map((server, i) => ({
    name: text(server["x-bankkit-name"]) ?? (i === 0 ? "default" : `server${i}`),
    url: String(server.url ?? "/"),
    ...(text(server.description) ? { description: text(server.description) } : {}),
    variables: Object.fromEntries(
      Object.entries(isObject(server.variables) ? server.variables : {}).map(([name, v]) => {
        const variable = isObject(v) ? v : {};
        return [
          name,
          {
            default: String(variable.default ?? ""),
            ...(Array.isArray(variable.enum) ? { enum: variable.enum.map(String) } : {}),
            ...(text(variable.description) ? { description: text(variable.description) } : {}),
          },
        ];
      }),
    ),
  }));
}

/** Builds the IR of a loaded spec. Envelope, error codes and names are filled in by the passes. */
export function buildIr(loaded: LoadedSpec, specPath: string, id?: string): ApiIR {
  const { document } = loaded;
  const info = isObject(document.info) ? document.info : {};
  const operations: OperationIR[] = [];
  const callbacks: CallbackIR[] = [];
  const paths = isObject(document.paths) ? document.paths : {};
  for (const [path, rawItem] of Object.entries(paths)) {
    const { node: pathItem, pointer: pathPointer } = deref(document, rawItem, childPointer("#/paths", path));
    for (const method of methods) {
      const rawOperation = pathItem[method];
      if (!isObject(rawOperation)) continue;
      const pointer = childPointer(pathPointer, method);
      const body =
        rawOperation.requestBody === undefined
          ? undefined
          : deref(document, rawOperation.requestBody, childPointer(pointer, "requestBody"));
      const operation: OperationIR = {
        operationId: text(rawOperation.operationId) ?? derivedOperationId(method, path),
        methodName: "",
        method,
        path,
        pointer,
        ...(text(rawOperation.summary) ? { summary: text(rawOperation.summary) } : {}),
        ...(text(rawOperation.description) ? { description: text(rawOperation.description) } : {}),
        deprecated: rawOperation.deprecated === true,
        safeToRetry: rawOperation["x-bankkit-safe-to-retry"] === true,
        ...fixedHeaders(method, [
          { node: document, pointer: "#" },
          { node: pathItem, pointer: pathPointer },
          { node: rawOperation, pointer },
        ]),
        tags: Array.isArray(rawOperation.tags) ? rawOperation.tags.map(String) : [],
        parameters: mergeParameters(document, pathItem, rawOperation, pathPointer, pointer),
        ...(body
          ? {
              requestBody: {
                required: body.node.required === true,
                ...(text(body.node.description) ? { description: text(body.node.description) } : {}),
                contents: contents(body.node.content, childPointer(body.pointer, "content"), dirname(specPath)),
                ...(Number.isInteger(body.node["x-bankkit-max-bytes"]) ? { maxBytes: body.node["x-bankkit-max-bytes"] as number } : {}),
                ...(body.node["x-bankkit-personal-data"] === true ? { personal: true } : {}),
              },
            }
          : {}),
        responses: responses(document, rawOperation.responses, childPointer(pointer, "responses"), dirname(specPath)),
        callbacks: [],
      };
      operation.callbacks = callbacksOf(document, operation, rawOperation.callbacks, callbacks);
      operations.push(operation);
    }
  }
  for (const [name, rawItem] of Object.entries(isObject(document.webhooks) ? document.webhooks : {})) {
    const { node: pathItem, pointer } = deref(document, rawItem, childPointer("#/webhooks", name));
    for (const method of methods) {
      if (!isObject(pathItem[method])) continue;
      const ir = callbackRequest(document, name, pathItem, childPointer(pointer, method));
      if (ir && !callbacks.some((c) => c.name === ir.name)) callbacks.push(ir);
    }
  }
  return {
    id: id ?? basename(specPath, extname(specPath)),
    title: text(info.title) ?? "API",
    version: text(info.version) ?? "0.0.0",
    ...(text(info.description) ? { description: text(info.description) } : {}),
    openapiVersion: String(document.openapi),
    specPath,
    specHash: loaded.hash,
    servers: servers(document.servers),
    operations,
    callbacks,
    errorCodes: [],
    personalData: [],
    flows: [],
    document,
  };
}
