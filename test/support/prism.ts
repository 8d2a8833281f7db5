import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { createServer } from "node:net";

const require = createRequire(import.meta.url);

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

async function waitForHttp(url: string, child: ChildProcess, deadlineMs: number): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`prism exited with code ${child.exitCode}`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`prism did not answer at ${url} within ${deadlineMs} ms`);
}

export interface PrismMock {
  url: string;
  stop(): void;
}

/** Starts `prism mock` for a spec on 127.0.0.1, in its own process group, and waits until it answers. */
export async function startPrism(spec: string): Promise<PrismMock> {
  const port = await freePort();
  const bin = require.resolve("@stoplight/prism-cli/dist/index.js");
  const child = spawn(process.execPath, [bin, "mock", "--host", "127.0.0.1", "--port", String(port), spec], {
    detached: true,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let errors = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    errors = (errors + chunk.toString()).slice(-2000);
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = () => {
    try {
      if (child.pid) process.kill(-child.pid, "SIGTERM");
    } catch {
      // already gone
    }
  };
  try {
    await waitForHttp(url, child, 120_000);
  } catch (error) {
    stop();
    throw new Error(`${(error as Error).message}\n${errors}`);
  }
  return { url, stop };
}
