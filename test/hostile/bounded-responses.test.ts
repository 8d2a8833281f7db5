import { createGzip } from "node:zlib";
import { createPcServerClient, ResponseTooLargeError } from "@bankkit/pc-server";
import { afterEach, describe, expect, it } from "vitest";
import { peer } from "./peer.js";

// Servers that send too much: an endless body, a huge declared length, a small gzip that inflates to
// gigabytes. Each call ends at the cap, in bounded time and memory, and is not sent again.

const closing: (() => void)[] = [];
afterEach(() => {
  for (const close of closing.splice(0)) close();
});

const system_id = "70b5fab6-d3d1-4098-aaf9-450a496855f5";
const chunk = Buffer.alloc(64 * 1024, 0x61);
const mib = 1024 * 1024;

/** Runs a call, and reports how long it took and how far the heap and RSS grew meanwhile. */
async function measured(call: () => Promise<unknown>) {
  global.gc?.();
  const before = process.memoryUsage();
  const started = performance.now();
  const error = await call().catch((e: unknown) => e);
  return {
    error,
    ms: performance.now() - started,
    rssGrowth: process.memoryUsage().rss - before.rss,
  };
}

describe("bounded responses", () => {
  it("an endless body stops at the cap, the connection closed there, without another attempt", async () => {
    let sent = 0;
    const endless = await peer((_, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      const more = () => {
        while (!response.destroyed && response.write(chunk)) sent += chunk.length;
        if (!response.destroyed) response.once("drain", more);
      };
      more();
    });
    closing.push(endless.close);
    const pc = createPcServerClient({ baseUrl: endless.url, maxResponseBytes: 8 * mib, retry: { maxRetries: 3, baseDelayMs: 1 } });
    const { error, ms, rssGrowth } = await measured(() => pc.getSystem({ path: { system_id } }));
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).toMatchObject({ limitBytes: 8 * mib, attempts: 1 });
    expect(endless.seen).toHaveLength(1);
    expect(ms).toBeLessThan(10_000);
    expect(rssGrowth).toBeLessThan(200 * mib);
    // The server stopped being read soon after the cap (socket buffers hold a few MB more).
    expect(sent).toBeLessThan(64 * mib);
  });

  it("a declared 2 GB body is refused before a byte of it is read", async () => {
    const huge = await peer((_, response) => {
      response.writeHead(200, { "content-type": "application/json", "content-length": String(2 * 1024 * mib) });
      response.write(chunk);
    });
    closing.push(huge.close);
    const pc = createPcServerClient({ baseUrl: huge.url });
    const { error, ms } = await measured(() => pc.getSystem({ path: { system_id } }));
    expect(error).toMatchObject({ name: "ResponseTooLargeError", limitBytes: 32 * mib });
    expect(ms).toBeLessThan(5_000);
  });

  it("a gzip bomb is stopped at the default cap counted in inflated bytes", async () => {
    // 1 GiB of zeros, gzip-compressed as it is sent (about 1 MB on the wire).
    const bomb = await peer((_, response) => {
      response.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
      const gzip = createGzip({ level: 9 });
      gzip.pipe(response);
      let left = 16 * 1024;
      const zeros = Buffer.alloc(64 * 1024);
      const more = () => {
        while (left > 0 && !response.destroyed) {
          left--;
          if (!gzip.write(zeros)) return gzip.once("drain", more);
        }
        gzip.end();
      };
      more();
    });
    closing.push(bomb.close);
    const pc = createPcServerClient({ baseUrl: bomb.url });
    const { error, rssGrowth } = await measured(() => pc.getSystem({ path: { system_id } }));
    expect(error).toMatchObject({ name: "ResponseTooLargeError", limitBytes: 32 * mib, attempts: 1 });
    expect(rssGrowth).toBeLessThan(300 * mib);
  });
});
