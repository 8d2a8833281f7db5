import { once } from "node:events";
import { createServer } from "node:http";
import { describe, expect, it } from "vitest";
import { deadline } from "../src/http/deadlines.js";
import { ClientCore, type OperationSpec, TimeoutError } from "../src/index.js";

const read: OperationSpec = { id: "read", method: "get", path: "/read", responses: { "200": { "application/json": null } } };

describe("shared attempt deadlines", () => {
  it("give every attempt at least its timeout and at most 10 ms more, also attempts that joined a group late", async () => {
    const started = performance.now();
    const first = deadline(120);
    await new Promise((resolve) => setTimeout(resolve, 6));
    const late = deadline(120);
    const lateStart = performance.now();
    await once(late.signal, "abort");
    const fired = performance.now();
    // The same group (joined within its window): one timer for both.
    expect(late.signal).toBe(first.signal);
    expect(late.fired).toBe(true);
    expect(fired - lateStart).toBeGreaterThanOrEqual(119);
    expect(fired - started).toBeLessThan(120 + 10 + 100); // the window, and a busy machine's timer lag
    first.release();
    late.release();
  });

  it("start a new group once the window closes, and after 32 attempts", async () => {
    const held = Array.from({ length: 33 }, () => deadline(5_000));
    expect(new Set(held.map((d) => d.signal)).size).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 15));
    const next = deadline(5_000);
    expect(next.signal).not.toBe(held[32]!.signal);
    for (const d of [...held, next]) d.release();
  });

  it("time out a stalled server through a real socket, as TimeoutError, within the window", async () => {
    const server = createServer(() => {}).listen(0, "127.0.0.1");
    await once(server, "listening");
    const baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const core = new ClientCore(
      { servers: [{ name: "default", url: baseUrl, variables: {} }] },
      { timeoutMs: 150, retry: { maxRetries: 0 } },
    );
    const began = performance.now();
    await expect(core.call(read)).rejects.toBeInstanceOf(TimeoutError);
    const took = performance.now() - began;
    server.closeAllConnections();
    server.close();
    expect(took).toBeGreaterThanOrEqual(149);
    expect(took).toBeLessThan(150 + 10 + 250);
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
