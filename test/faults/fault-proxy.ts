import { once } from "node:events";
import { createServer, request as forward, type IncomingMessage, type Server, type ServerResponse } from "node:http";

/** The faults the proxy injects; `none` forwards faithfully. */
export const faults = ["none", "reset-before", "reset-after", "delay", "error-before", "error-after", "rate-limit", "truncate"] as const;
export type Fault = (typeof faults)[number];

/** A small seeded PRNG (mulberry32). */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Upstream {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * An HTTP proxy in front of the bank server that breaks a share of the requests: connection reset before
 * forwarding or after the server processed the request (the answer is lost), a delay past the client's
 * timeout, 500/502/503 before or after processing, 429 with Retry-After, a truncated answer body.
 */
export class FaultProxy {
  readonly injected = new Map<Fault, number>(faults.map((f) => [f, 0]));
  readonly #seed: number;
  readonly #seen = new Map<string, number>();
  readonly #target: string;
  readonly #faultRate: number;
  readonly #delayMs: number;
  readonly #pending = new Set<Promise<unknown>>();
  #server: Server | undefined;
  url = "";

  constructor(options: { target: string; seed: number; faultRate: number; delayMs: number }) {
    this.#target = options.target;
    this.#seed = options.seed;
    this.#faultRate = options.faultRate;
    this.#delayMs = options.delayMs;
  }

  async start(): Promise<void> {
    this.#server = createServer((request, response) => {
      const work = this.#handle(request, response).catch(() => response.socket?.destroy());
      this.#pending.add(work);
      work.finally(() => this.#pending.delete(work));
    }).listen(0, "127.0.0.1");
    await once(this.#server, "listening");
    const address = this.#server.address();
    this.url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  }

  /** Waits until every request the proxy accepted has been forwarded (delayed ones included). */
  async drain(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
  }

  stop(): void {
    this.#server?.closeAllConnections();
    this.#server?.close();
  }

  /**
   * The fault for the n-th request carrying a key depends only on the seed, the key and n — not on the
   * order in which concurrent requests arrive — so a seeded run repeats exactly.
   */
  #random(key: string): () => number {
    const n = (this.#seen.get(key) ?? 0) + 1;
    this.#seen.set(key, n);
    let hash = this.#seed >>> 0;
    for (const char of `${key}#${n}`) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
    return seeded(hash);
  }

  #pick(random: () => number): Fault {
    if (random() >= this.#faultRate) return "none";
    return faults[1 + Math.floor(random() * (faults.length - 1))]!;
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request as AsyncIterable<Buffer>) chunks.push(chunk);
    const body = Buffer.concat(chunks);
    const key = String(request.headers["x-idempotency-key"] ?? /"transaction_id":"([^"]+)"/.exec(body.toString("utf8"))?.[1] ?? "");
    const random = this.#random(key);
    const fault = this.#pick(random);
    this.injected.set(fault, (this.injected.get(fault) ?? 0) + 1);
    const status = [500, 502, 503][Math.floor(random() * 3)]!;
    switch (fault) {
      case "reset-before":
        response.socket?.destroy();
        return;
      case "error-before":
        response.writeHead(status, { "content-type": "text/plain" }).end("upstream unavailable");
        return;
      case "rate-limit":
        response.writeHead(429, { "retry-after": "1", "content-type": "text/plain" }).end("slow down");
        return;
      case "delay":
        await new Promise((resolve) => setTimeout(resolve, this.#delayMs));
        break;
    }
    const upstream = await this.#forward(request, body);
    switch (fault) {
      case "reset-after":
        response.socket?.destroy();
        return;
      case "error-after":
        response.writeHead(502, { "content-type": "text/plain" }).end("bad gateway");
        return;
      case "truncate":
        response.writeHead(upstream.status, { ...upstream.headers, "content-length": String(upstream.body.length) });
        response.write(upstream.body.subarray(0, Math.floor(upstream.body.length / 2)));
        response.socket?.destroy();
        return;
      default:
        if (!response.socket || response.socket.destroyed) return;
        response.writeHead(upstream.status, upstream.headers).end(upstream.body);
    }
  }

  #forward(request: IncomingMessage, body: Buffer): Promise<Upstream> {
    const url = new URL(request.url ?? "/", this.#target);
    const headers = { ...request.headers, host: url.host, "content-length": String(body.length) };
    return new Promise((resolve, reject) => {
      const outgoing = forward(url, { method: request.method, headers }, (answer) => {
        const parts: Buffer[] = [];
        answer.on("data", (part: Buffer) => parts.push(part));
        answer.on("end", () =>
          resolve({
            status: answer.statusCode ?? 502,
            headers: { "content-type": String(answer.headers["content-type"] ?? "") },
            body: Buffer.concat(parts),
          }),
        );
        answer.on("error", reject);
      });
      outgoing.on("error", reject);
      outgoing.end(body);
    });
  }
}
