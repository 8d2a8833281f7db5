import { createFinalURL, defaultPathSerializer, serializeArrayParam, serializeObjectParam } from "openapi-fetch";
import type { OperationInput, OperationSpec } from "./operation.js";
import { serializeQuery } from "./parameters.js";

/** Each operation's path template, split once: literal text at even places, parameter names at odd places. */
const templates = new WeakMap<OperationSpec, readonly string[]>();

function templateOf(operation: OperationSpec): readonly string[] {
  let parts = templates.get(operation);
  if (parts === undefined) {
    parts = operation.path.split(/\{([^}]+)\}/);
    templates.set(operation, parts);
  }
  return parts;
}

/** A path parameter in the default style (`simple`, not exploded), as openapi-fetch writes it. */
function simpleValue(name: string, value: unknown): string {
  if (Array.isArray(value)) return serializeArrayParam(name, value, { style: "simple", explode: false });
  if (typeof value === "object") return serializeObjectParam(name, value as Record<string, unknown>, { style: "simple", explode: false });
  return encodeURIComponent(value as string | number | boolean);
}

/**
 * The URL of one call: the base URL, the path with its parameters encoded, and the query in each
 * parameter's declared style. A path in the default style is filled from its template split once; a path
 * whose parameters declare other styles (`{.id*}`) goes through openapi-fetch's own serializer. A missing parameter leaves its `{name}` in place,
 * as openapi-fetch does: request validation names it first.
 */
export function requestUrl(baseUrl: string, operation: OperationSpec, input: OperationInput): string {
  const querySerializer = (query: Record<string, unknown>) => serializeQuery(query, operation.styles?.query);
  if (operation.requestPath !== undefined)
    return createFinalURL(operation.requestPath, {
      baseUrl,
      params: { path: input.path ?? {}, query: input.query ?? {} },
      querySerializer,
      pathSerializer: defaultPathSerializer,
    });
  const parts = templateOf(operation);
  let url = baseUrl + parts[0];
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i] as string;
    const value = input.path?.[name];
    url += (value === undefined || value === null ? `{${name}}` : simpleValue(name, value)) + parts[i + 1];
  }
  const search = input.query ? querySerializer(input.query) : "";
  return search ? `${url}?${search}` : url;
}
