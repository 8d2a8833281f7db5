import type { IncomingMessage, ServerResponse } from "node:http";
import { type NodeHandlerOptions, toNodeHandler } from "../server/node-server.js";
import type { CallbackReply, CallbackRequest } from "./callbacks.js";

export type NodeAdapterOptions = NodeHandlerOptions;

/** Serves a callback receiver with `node:http`: `http.createServer(toNodeListener(receiver))`. Callbacks are POSTs. */
export function toNodeListener(
  receive: (request: CallbackRequest) => Promise<CallbackReply>,
  options: NodeAdapterOptions = {},
): (request: IncomingMessage, response: ServerResponse) => void {
  return toNodeHandler(async (request) => {
    if (request.method !== "POST") return { status: 405, headers: { allow: "POST" }, body: "" };
    return receive({ body: request.body });
  }, options);
}
