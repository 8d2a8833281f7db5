import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";

/** What a hostile peer saw of one request. */
export interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
}

/**
 * A peer on loopback (127.0.0.1, or 127.0.0.2 for a second origin) that answers as `answer` says and records
 * every request it gets: what reached which server is what the tests assert.
 */
export async function peer(answer: (request: IncomingMessage, response: ServerResponse) => void, host = "127.0.0.1") {
  const seen: Seen[] = [];
  const server = createServer((request, response) => {
    seen.push({ method: request.method ?? "", url: request.url ?? "", headers: request.headers });
    request.resume();
    answer(request, response);
  });
  server.listen(0, host);
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  return {
    url: `http://${host}:${port}`,
    seen,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}
