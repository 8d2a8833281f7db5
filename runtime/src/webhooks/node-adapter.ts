import type { IncomingMessage, ServerResponse } from "node:http";
import type { CallbackReply, CallbackRequest } from "./callbacks.js";

export interface NodeAdapterOptions {
  /** Bodies larger than this are refused with 413 (default 1 MiB). */
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

/** Serves a callback receiver with `node:http`: `http.createServer(toNodeListener(receiver))`. */
export function toNodeListener(
  receive: (request: CallbackRequest) => Promise<CallbackReply>,
  options: NodeAdapterOptions = {},
): (request: IncomingMessage, response: ServerResponse) => void {
  const limit = options.maxBodyBytes ?? 1024 * 1024;
  const send = (response: ServerResponse, reply: CallbackReply) => response.writeHead(reply.status, reply.headers).end(reply.body);
  return (request, response) => {
    if (request.method !== "POST") {
      send(response, { status: 405, headers: { allow: "POST" }, body: "" });
      return;
    }
    readBody(request, limit)
      .then(async (body) => {
        if (body === undefined) send(response, { status: 413, headers: {}, body: "" });
        else send(response, await receive({ body }));
      })
      .catch(() => send(response, { status: 500, headers: {}, body: "" }));
  };
}
