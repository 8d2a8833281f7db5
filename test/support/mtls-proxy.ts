import { once } from "node:events";
import { request as forward, type IncomingHttpHeaders } from "node:http";
import { createServer, type Server } from "node:https";

/** What came through the front: the request as the client sent it. */
export interface ProxiedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A TLS front for a local mock: requires a client certificate issued by `ca` (as KISC's gateway does) and
 * forwards each request, unchanged, to `target` over plain HTTP.
 */
export async function startMutualTlsProxy(options: {
  key: Buffer;
  cert: Buffer;
  ca: Buffer;
  target: string;
  /** Headers added to a forwarded request, such as Prism's `Prefer: example=…` to pick an answer. */
  headersFor?: (url: URL) => Record<string, string>;
}): Promise<{ url: string; server: Server; requests: ProxiedRequest[] }> {
  const requests: ProxiedRequest[] = [];
  const server = createServer(
    { key: options.key, cert: options.cert, ca: options.ca, requestCert: true, rejectUnauthorized: true, minVersion: "TLSv1.2" },
    (request, response) => {
      const url = new URL(request.url ?? "/", options.target);
      const seen: ProxiedRequest = { method: request.method ?? "", path: url.pathname, headers: request.headers, body: "" };
      requests.push(seen);
      request.on("data", (chunk: Buffer) => {
        seen.body += chunk.toString();
      });
      const outgoing = forward(
        url,
        { method: request.method, headers: { ...request.headers, ...options.headersFor?.(url), host: url.host } },
        (answer) => {
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(response);
        },
      );
      outgoing.on("error", () => response.writeHead(502).end());
      request.pipe(outgoing);
    },
  ).listen(0, "127.0.0.1");
  await once(server, "listening");
  return { url: `https://127.0.0.1:${(server.address() as { port: number }).port}`, server, requests };
}
