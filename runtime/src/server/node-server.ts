import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Dispatcher } from "./dispatcher.js";
import type { ServerReply, ServerRequest } from "./route.js";

export interface NodeHandlerOptions {
  /** Bodies beyond this are refused with 413 as soon as they pass it (default 1 MiB). */
  maxBodyBytes?: number;
}

/** Reads a body up to `limit` bytes; undefined once it passes (or declares more than) the limit. */
async function readBody(request: IncomingMessage, limit: number): Promise<Uint8Array | undefined> {
  if (Number(request.headers["content-length"] ?? 0) > limit) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

const tooLarge: ServerReply = {
  status: 413,
  headers: { "content-type": "application/json" },
  body: '{"error":"PayloadTooLarge","description":"the body is larger than this server accepts"}',
};

function send(response: ServerResponse, reply: ServerReply, close = false): void {
  // An answer given before the body was read closes the connection: the unread body is not waited for.
  if (close) response.setHeader("connection", "close");
  response.writeHead(reply.status, reply.headers).end(reply.body);
}

/**
 * Serves a generated dispatcher with `node:http`: `http.createServer(toNodeHandler(server))`, or better
 * `serveNode(server)`, which also bounds headers, bodies, idle sockets and connections. A generated server's
 * requests are routed and authenticated from their head before the body is read: a 401, 404 or 405 is sent
 * at once and the connection closed, so an anonymous sender never gets a body parsed.
 */
export function toNodeHandler(
  dispatch: Dispatcher | ((request: ServerRequest) => Promise<ServerReply>),
  options: NodeHandlerOptions = {},
): (request: IncomingMessage, response: ServerResponse) => void {
  const limit = options.maxBodyBytes ?? 1024 * 1024;
  const begin = "begin" in dispatch ? dispatch.begin : undefined;
  return (request, response) => {
    const head = { method: request.method ?? "GET", url: request.url ?? "/", headers: request.headers };
    const handle = async () => {
      const begun = begin ? await begin(head) : undefined;
      if (begun && "reply" in begun) return send(response, begun.reply, true);
      const body = await readBody(request, limit);
      if (body === undefined) return send(response, tooLarge, true);
      send(response, begun ? await begun.complete(body) : await dispatch({ ...head, body }));
    };
    handle().catch(() => {
      if (!response.headersSent) response.writeHead(500).end();
    });
  };
}

/** The limits `serveNode` puts on a server exposed to the internet (each overridable). */
export interface NodeServerOptions extends NodeHandlerOptions {
  /** Time to receive a request's headers (default 10 s; then 408). */
  headersTimeoutMs?: number;
  /** Time to receive a whole request, body included (default 30 s; then 408). Node's default is 300 s. */
  requestTimeoutMs?: number;
  /** A kept-alive socket idle this long is closed (default 5 s). */
  keepAliveTimeoutMs?: number;
  /** Largest request head (default 16 KiB; beyond it, 431). */
  maxHeaderBytes?: number;
  /** Connections open at once; more are refused (default 1 000). */
  maxConnections?: number;
}

/**
 * A `node:http` server for a dispatcher, with limits for the open internet: slow or huge heads end in 408 or
 * 431, bodies beyond `maxBodyBytes` in 413, idle sockets are closed, connections are capped — so slow or
 * anonymous senders cannot hold the server. Call `.listen(port)` on it.
 */
export function serveNode(
  dispatch: Dispatcher | ((request: ServerRequest) => Promise<ServerReply>),
  options: NodeServerOptions = {},
): Server {
  const server = createServer(
    {
      headersTimeout: options.headersTimeoutMs ?? 10_000,
      requestTimeout: options.requestTimeoutMs ?? 30_000,
      keepAliveTimeout: options.keepAliveTimeoutMs ?? 5_000,
      maxHeaderSize: options.maxHeaderBytes ?? 16 * 1024,
      // Node checks those timeouts every 30 s by default: a slow sender would hold a socket that long past them.
      connectionsCheckingInterval: 500,
    },
    toNodeHandler(dispatch, options),
  );
  server.maxConnections = options.maxConnections ?? 1_000;
  return server;
}
