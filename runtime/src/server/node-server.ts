import type { IncomingMessage, ServerResponse } from "node:http";
import type { ServerReply, ServerRequest } from "./route.js";

/** Bodies beyond this are refused with 413 before they are read further (default 1 MiB). */
export interface NodeHandlerOptions {
  maxBodyBytes?: number;
}

async function readBody(request: IncomingMessage, limit: number): Promise<Uint8Array | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Serves a generated dispatcher with `node:http`: `http.createServer(toNodeHandler(server))`. */
export function toNodeHandler(
  dispatch: (request: ServerRequest) => Promise<ServerReply>,
  options: NodeHandlerOptions = {},
): (request: IncomingMessage, response: ServerResponse) => void {
  const limit = options.maxBodyBytes ?? 1024 * 1024;
  return (request, response) => {
    readBody(request, limit)
      .then(async (body) => {
        const reply =
          body === undefined
            ? { status: 413, headers: {}, body: "" }
            : await dispatch({ method: request.method ?? "GET", url: request.url ?? "/", headers: request.headers, body });
        response.writeHead(reply.status, reply.headers).end(reply.body);
      })
      .catch(() => response.writeHead(500).end());
  };
}
