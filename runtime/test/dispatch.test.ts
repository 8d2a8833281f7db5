import { once } from "node:events";
import { createServer, type IncomingHttpHeaders } from "node:http";
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from "node:zlib";
import { getGlobalDispatcher, MockAgent, setGlobalDispatcher } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import { AbortedError, ClientCore, ConnectionError, type OperationSpec, TimeoutError } from "../src/index.js";

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A server on loopback that records each request whole and answers with `reply`. */
async function recorder(reply: (request: Received) => { headers?: Record<string, string>; body?: Buffer | string; status?: number }) {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const seen = {
        method: request.method ?? "",
        url: request.url ?? "",
        headers: request.headers,
        body: Buffer.concat(chunks).toString(),
      };
      received.push(seen);
      const answer = reply(seen);
      response.writeHead(answer.status ?? 200, { "content-type": "application/json", ...answer.headers }).end(answer.body ?? "{}");
    });
  }).listen(0, "127.0.0.1");
  await once(server, "listening");
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  closing.push(() => {
    server.closeAllConnections();
    server.close();
  });
  return { url, received };
}

const closing: (() => void)[] = [];
afterEach(() => {
  for (const close of closing.splice(0)) close();
});

const json = { "200": { "application/json": null } };
const post: OperationSpec = {
  id: "pay",
  method: "post",
  path: "/pay/{id}",
  body: { mediaType: "application/json", kind: "json" },
  responses: json,
};
const read: OperationSpec = { id: "read", method: "get", path: "/read", responses: json };
const core = (url: string, options: ConstructorParameters<typeof ClientCore>[1] = {}) =>
  new ClientCore({ servers: [{ name: "default", url, variables: {} }] }, { retry: { maxRetries: 0 }, ...options });

describe("calls sent through the dispatcher under fetch (no custom fetch)", () => {
  it("put on the wire what fetch would: method, path, query, headers (with fetch's defaults), body bytes", async () => {
    const server = await recorder(() => ({}));
    const input = { path: { id: "a b/ü" }, body: { amount: "10.50", note: "Ким" } };
    const headers = { "x-trace": "t-1" };
    await core(server.url, { headers }).call(post, input);
    await core(server.url, { headers, fetch: (request) => fetch(request) }).call(post, input);
    const [dispatched, fetched] = server.received as [Received, Received];
    // What only fetch sends: headers a browser's CORS model needs, meaningless to a server.
    const { "sec-fetch-mode": _mode, "accept-language": _language, ...fetchedHeaders } = fetched.headers;
    expect(dispatched).toEqual({ ...fetched, headers: fetchedHeaders });
    expect(dispatched.url).toBe("/pay/a%20b%2F%C3%BC");
    expect(dispatched.headers).toMatchObject({ accept: "*/*", "accept-encoding": "gzip, deflate", "user-agent": "node", "x-trace": "t-1" });
    expect(dispatched.body).toBe('{"amount":"10.50","note":"Ким"}');
  });

  it("undo gzip, brotli, zlib and raw deflate, and codings stacked, as fetch does; leave an unknown coding as sent", async () => {
    const text = JSON.stringify({ statement: "x".repeat(5_000) });
    const encodings: Record<string, () => Buffer> = {
      gzip: () => gzipSync(text),
      br: () => brotliCompressSync(text),
      deflate: () => deflateSync(text),
      "deflate ": () => deflateRawSync(text),
      "gzip, br": () => brotliCompressSync(gzipSync(text)),
    };
    for (const [coding, encode] of Object.entries(encodings)) {
      const server = await recorder(() => ({ headers: { "content-encoding": coding.trim() }, body: encode() }));
      expect(await core(server.url).call(read), coding).toEqual(JSON.parse(text));
    }
    const unknown = await recorder(() => ({
      headers: { "content-encoding": "x-custom", "content-type": "application/octet-stream" },
      body: "raw",
    }));
    const bytes = await core(unknown.url).call({ ...read, responses: { "200": { "application/octet-stream": null } } });
    expect(Buffer.from(bytes as Uint8Array).toString()).toBe("raw");
  });

  it("end on the caller's abort before an answer comes, and say so; a refused connection is a ConnectionError with its code", async () => {
    const stalled = createServer(() => {}).listen(0, "127.0.0.1");
    await once(stalled, "listening");
    closing.push(() => {
      stalled.closeAllConnections();
      stalled.close();
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("user left")), 50);
    const began = performance.now();
    const url = `http://127.0.0.1:${(stalled.address() as { port: number }).port}`;
    await expect(core(url).call(read, {}, { signal: controller.signal })).rejects.toBeInstanceOf(AbortedError);
    expect(performance.now() - began).toBeLessThan(2_000);
    const refused = await core("http://127.0.0.1:1")
      .call(read)
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ConnectionError);
    expect((refused as ConnectionError).code).toBe("ECONNREFUSED");
  });

  it("take a HEAD answer whose length is beyond the size cap (no body comes with it)", async () => {
    const big = createServer((_, response) => response.writeHead(200, { "content-length": String(100 * 1024 * 1024) }).end()).listen(
      0,
      "127.0.0.1",
    );
    await once(big, "listening");
    closing.push(() => big.close());
    const head: OperationSpec = { id: "size", method: "head", path: "/file", responses: { "200": {} } };
    await expect(core(`http://127.0.0.1:${(big.address() as { port: number }).port}`).call(head)).resolves.toBeUndefined();
  });

  it("go through the application's global dispatcher (a proxy agent, undici's MockAgent)", async () => {
    const previous = getGlobalDispatcher();
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent
      .get("http://bank.test")
      .intercept({ path: "/read", method: "GET" })
      .reply(200, { mocked: true }, { headers: { "content-type": "application/json" } });
    setGlobalDispatcher(agent);
    try {
      expect(await core("http://bank.test").call(read)).toEqual({ mocked: true });
    } finally {
      setGlobalDispatcher(previous);
      await agent.close();
    }
  });
  it("time out a stalled server, as TimeoutError, with the timeout covering the whole attempt", async () => {
    const server = createServer(() => {}).listen(0, "127.0.0.1");
    await once(server, "listening");
    const baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const client = new ClientCore(
      { servers: [{ name: "default", url: baseUrl, variables: {} }] },
      { timeoutMs: 150, retry: { maxRetries: 0 } },
    );
    const began = performance.now();
    await expect(client.call(read)).rejects.toBeInstanceOf(TimeoutError);
    const took = performance.now() - began;
    server.closeAllConnections();
    server.close();
    expect(took).toBeGreaterThanOrEqual(149);
    // A hang guard sized for two loaded cores, not a precision test: the timeout is the lower bound above.
    expect(took).toBeLessThan(5_000);
  });

  it("keep no process alive once the attempts are done", async () => {
    // A script that makes one call with a 60 s timeout and returns: it must exit at once, not in 60 s.
    const script = `
      import { createServer } from "node:http";
      import { ClientCore } from "./runtime/dist/index.js";
      const server = createServer((_, res) => res.writeHead(200, { "content-type": "application/json", connection: "close" }).end("{}")).listen(0, "127.0.0.1", async () => {
        const url = "http://127.0.0.1:" + server.address().port;
        await new ClientCore({ servers: [{ name: "default", url, variables: {} }] }, { timeoutMs: 60000 }).call(${JSON.stringify(read)});
        server.close();
      });`;
    const { spawn } = await import("node:child_process");
    const began = performance.now();
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
      cwd: new URL("../..", import.meta.url),
      stdio: "inherit",
    });
    const [code] = await once(child, "exit");
    expect(code).toBe(0);
    expect(performance.now() - began).toBeLessThan(20_000);
  });
});
