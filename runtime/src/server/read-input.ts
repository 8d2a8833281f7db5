import type { Violation } from "../errors.js";
import { jsonDepthExceeds, maxJsonDepth } from "../http/json-text.js";
import type { OperationInput } from "../http/operation.js";
import type { ParameterType, ServerRequest, ServerRouteSpec } from "./route.js";

/** A route's path template as a matcher: `/payments/{guid}` → `^/payments/([^/]+)$`, with the parameter names. */
export function pathMatcher(template: string): { regex: RegExp; names: string[] } {
  const names: string[] = [];
  const source = template
    .split(/\{([^}]+)\}/)
    .map((part, index) => {
      if (index % 2 === 0) return part.replace(/[.*+?^$()|[\]\\{}]/g, "\\$&");
      names.push(part);
      return "([^/]+)";
    })
    .join("");
  return { regex: new RegExp(`^${source}$`), names };
}

/** A parameter's text as the type its schema declares; text that is not that type stays text for the validator to name. */
function coerce(text: string, type: ParameterType): unknown {
  if (type === "integer" || type === "number") return /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(text) ? Number(text) : text;
  if (type === "boolean") return text === "true" ? true : text === "false" ? false : text;
  return text;
}

const decoder = new TextDecoder("utf-8", { fatal: true });

/**
 * The handler's input `{ path, query, header, body }` from a request: parameters read as their declared
 * types, the body parsed as JSON. Returns the violations instead when the body is not JSON.
 */
export function readInput(
  route: ServerRouteSpec,
  request: ServerRequest,
  url: URL,
  pathValues: string[],
  names: string[],
): { input: OperationInput } | { violations: Violation[] } {
  const input: OperationInput = {};
  const put = (location: "path" | "query" | "header", name: string, value: unknown) => {
    input[location] = { ...input[location], [name]: value };
  };
  for (const parameter of route.parameters) {
    if (parameter.in === "path") {
      const index = names.indexOf(parameter.name);
      if (index < 0) continue;
      let text: string;
      try {
        text = decodeURIComponent(pathValues[index] ?? "");
      } catch {
        return { violations: [{ path: `/path/${parameter.name}`, rule: "encoding", message: "is not valid percent-encoded UTF-8" }] };
      }
      put("path", parameter.name, coerce(text, parameter.type));
    } else if (parameter.in === "query") {
      const values = url.searchParams.getAll(parameter.name);
      if (values.length === 0) continue;
      const items = parameter.items ?? "string";
      put("query", parameter.name, parameter.type === "array" ? values.map((v) => coerce(v, items)) : coerce(values[0]!, parameter.type));
    } else {
      const value = request.headers[parameter.name.toLowerCase()];
      if (value !== undefined) put("header", parameter.name, coerce(Array.isArray(value) ? value.join(", ") : value, parameter.type));
    }
  }
  if (route.body && request.body.byteLength > 0) {
    try {
      const text = decoder.decode(request.body);
      // Deep JSON costs stack and time in parsing and validation: refused before either.
      if (jsonDepthExceeds(text))
        return { violations: [{ path: "/body", rule: "depth", message: `nests deeper than ${maxJsonDepth} levels` }] };
      input.body = JSON.parse(text);
    } catch {
      return { violations: [{ path: "/body", rule: "json", message: "is not valid JSON (malformed or truncated)" }] };
    }
  }
  return { input };
}
