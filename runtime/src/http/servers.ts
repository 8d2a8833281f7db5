/** A server from the spec; `name` comes from `x-bankkit-name` or defaults to `default`, `server1`, … */
export interface ServerSpec {
  name: string;
  url: string;
  variables: Record<string, { default: string; enum?: readonly string[]; description?: string }>;
}

/** Where a client sends its requests: a full base URL, or a named server from the spec with variables. */
export interface ServerSelection {
  baseUrl?: string;
  server?: string;
  serverVariables?: Record<string, string>;
}

/** Resolves the base URL; throws a plain Error naming the server or variable when the choice is invalid. */
export function resolveBaseUrl(servers: readonly ServerSpec[], selection: ServerSelection): string {
  if (selection.baseUrl) return selection.baseUrl.replace(/\/+$/, "");
  const server = selection.server ? servers.find((s) => s.name === selection.server) : servers[0];
  if (!server) {
    const known = servers.map((s) => s.name).join(", ") || "none";
    throw new Error(`unknown server "${selection.server ?? ""}": the spec defines ${known}; or pass baseUrl`);
  }
  const url = server.url.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const variable = server.variables[name];
    const value = selection.serverVariables?.[name] ?? variable?.default;
    if (value === undefined) throw new Error(`server "${server.name}" needs the variable "${name}"`);
    if (variable?.enum && !variable.enum.includes(value)) {
      throw new Error(`server variable "${name}" must be one of ${variable.enum.join(", ")}`);
    }
    return value;
  });
  return url.replace(/\/+$/, "");
}
