/**
 * Per-request overhead of a generated client call against a raw fetch of the same request to a local HTTP
 * server, with openapi-fetch alone and undici's dispatcher alone (what the client sends through) as the
 * other references: p50 latency of sequential calls, measured in alternating rounds in one run, and
 * throughput with 16 calls in flight. A client with auth builds a Request per attempt for its provider.
 */
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { apiKeyAuth, createPcServerClient, type paths } from "@bankkit/pc-server";
import createClient from "openapi-fetch";

const answer = JSON.stringify(
  (JSON.parse(readFileSync("specs/samples/pc-server/get-user.response.json", "utf8")) as { value: unknown }).value,
);
const path = { system_id: "70b5fab6-d3d1-4098-aaf9-450a496855f5", user_id: "rest-api-test-4d02bd9e-ac11-4661-86c5-c7c7965e6a4c" };

/** p50 of each kind of call, measured in alternating rounds so that machine drift hits all kinds alike. */
async function p50s(kinds: Record<string, () => Promise<unknown>>, calls: number): Promise<Record<string, number>> {
  const runs = Object.entries(kinds);
  for (let i = 0; i < 300; i++) for (const [, run] of runs) await run();
  const times = new Map<string, number[]>(runs.map(([name]) => [name, []]));
  for (let round = 0; round < 10; round++) {
    for (const [name, run] of runs) {
      for (let j = 0; j < calls / 10; j++) {
        const started = performance.now();
        await run();
        times.get(name)!.push(performance.now() - started);
      }
    }
  }
  return Object.fromEntries([...times].map(([name, list]) => [name, list.sort((a, b) => a - b)[Math.floor(list.length / 2)]!]));
}

async function throughput(run: () => Promise<unknown>, calls: number): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next++ < calls) await run();
    }),
  );
  return (calls / (performance.now() - started)) * 1000;
}

export async function requestOverhead(calls: number): Promise<string[]> {
  const server = createServer((_, response) => response.writeHead(200, { "content-type": "application/json" }).end(answer)).listen(
    0,
    "127.0.0.1",
  );
  await once(server, "listening");
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const url = `${base}/${path.system_id}/users/${path.user_id}`;
  const openapiFetch = createClient<paths>({ baseUrl: base });
  const pc = createPcServerClient({ baseUrl: base });
  const unvalidated = createPcServerClient({ baseUrl: base, validateRequests: false, validateResponses: false });
  const keyed = createPcServerClient({ baseUrl: base, auth: apiKeyAuth({ header: "x-api-key", value: "bench-key" }) });
  // The dispatcher global fetch sends through (Node's own undici agent), called without fetch around it.
  const dispatcher = (globalThis as Record<symbol, unknown>)[Symbol.for("undici.globalDispatcher.1")] as {
    request(options: { origin: string; path: string; method: string }): Promise<{ body: { json(): Promise<unknown> } }>;
  };
  const pathname = new URL(url).pathname;
  const kinds = {
    "raw fetch": async () => (await fetch(url)).json(),
    "undici dispatcher alone": async () => (await dispatcher.request({ origin: base, path: pathname, method: "GET" })).body.json(),
    "openapi-fetch alone": () => openapiFetch.GET("/{system_id}/users/{user_id}", { params: { path } }),
    "generated client": () => pc.getUser({ path }),
    "generated client, validation off": () => unvalidated.getUser({ path }),
    "generated client with an API key": () => keyed.getUser({ path }),
  };
  const p50 = await p50s(kinds, calls);
  const rawRate = await throughput(kinds["raw fetch"], calls);
  const generatedRate = await throughput(kinds["generated client"], calls);
  server.close();
  const raw = p50["raw fetch"]!;
  const underneath = p50["undici dispatcher alone"]!;
  return [
    `Request overhead, getUser against a local HTTP server (${calls} sequential calls of each kind in 10 alternating rounds, after 300 warm-up calls):`,
    ...Object.entries(p50).map(
      ([name, value]) =>
        `  ${name.padEnd(34)} p50 ${(value * 1000).toFixed(0).padStart(4)} µs  ${(value / raw).toFixed(2)}× raw fetch  ${(value / underneath).toFixed(2)}× the dispatcher`,
    ),
    `  throughput, 16 in flight: raw fetch ${rawRate.toFixed(0)} req/s, generated client ${generatedRate.toFixed(0)} req/s (target: generated ≤ 1.15× raw fetch per request)`,
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) for (const line of await requestOverhead(10_000)) console.log(line);
