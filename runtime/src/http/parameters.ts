import { serializeArrayParam, serializeObjectParam, serializePrimitiveParam } from "openapi-fetch";

/** How one query, header or cookie parameter is serialized, as its spec declares (defaults applied). */
export interface ParameterStyle {
  style: "form" | "spaceDelimited" | "pipeDelimited" | "deepObject" | "simple";
  explode: boolean;
  allowReserved?: boolean;
}

const queryDefault: ParameterStyle = { style: "form", explode: true };

/** A query string with every parameter in its own declared style. */
export function serializeQuery(query: Record<string, unknown>, styles: Record<string, ParameterStyle> = {}): string {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    const style = styles[name] ?? queryDefault;
    if (Array.isArray(value)) {
      if (value.length > 0) parts.push(serializeArrayParam(name, value, style as Parameters<typeof serializeArrayParam>[2]));
    } else if (typeof value === "object") {
      parts.push(serializeObjectParam(name, value as Record<string, unknown>, style as Parameters<typeof serializeObjectParam>[2]));
    } else {
      parts.push(serializePrimitiveParam(name, String(value), style));
    }
  }
  return parts.join("&");
}

/** A header value in the `simple` style: arrays and objects comma-separated. */
function headerValue(value: unknown, explode: boolean): string {
  if (Array.isArray(value)) return value.map(String).join(",");
  if (typeof value === "object" && value !== null) {
    return Object.entries(value)
      .map(([k, v]) => (explode ? `${k}=${String(v)}` : `${k},${String(v)}`))
      .join(",");
  }
  return String(value);
}

/** Header parameters as HTTP headers. */
export function serializeHeaders(header: Record<string, unknown>, styles: Record<string, ParameterStyle> = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(header)) {
    if (value !== undefined && value !== null) out[name] = headerValue(value, styles[name]?.explode ?? false);
  }
  return out;
}

/** Cookie parameters as one `Cookie` header value (form style). */
export function serializeCookies(cookie: Record<string, unknown>): string | undefined {
  const pairs = Object.entries(cookie)
    .filter(([, value]) => value !== undefined && value !== null)
    .map(([name, value]) => `${name}=${encodeURIComponent(Array.isArray(value) ? value.join(",") : String(value))}`);
  return pairs.length > 0 ? pairs.join("; ") : undefined;
}
