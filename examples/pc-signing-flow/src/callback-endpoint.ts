import { once } from "node:events";
import { createServer, type Server } from "node:http";
import { createPcServerCallbackReceiver, type TransactionCallback, toNodeListener } from "@bankkit/pc-server";

/**
 * The bank's callback endpoint: PC Server POSTs transaction callbacks here. Each valid one is handed to
 * `onConfirmed`/`onDeclined`; malformed ones are answered 400 and never reach the bank's logic.
 */
export async function startCallbackEndpoint(handle: (callback: TransactionCallback) => void): Promise<{ url: string; server: Server }> {
  const receiver = createPcServerCallbackReceiver({ transactionCallback: handle });
  const server = createServer(toNodeListener(receiver)).listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}/pc/transaction-callback`, server };
}
