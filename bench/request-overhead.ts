/**
 * Per-request overhead of a generated client call against a raw fetch of the same request to a local HTTP
 * server, with openapi-fetch alone (which the client is built on) as the middle reference: p50 latency of
 * sequential calls, measured in alternating rounds in one run, and throughput with 16 calls in flight.
 */
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { createPcServerClient, type paths } from "@bankkit/pc-server";
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
  const kinds = {
    "raw fetch": async () => (await fetch(url)).json(),
    "openapi-fetch alone": () => openapiFetch.GET("/{system_id}/users/{user_id}", { params: { path } }),
    "generated client": () => pc.getUser({ path }),
    "generated client, validation off": () => unvalidated.getUser({ path }),
  };
  const p50 = await p50s(kinds, calls);
  const rawRate = await throughput(kinds["raw fetch"], calls);
  const generatedRate = await throughput(kinds["generated client"], calls);
  server.close();
  const raw = p50["raw fetch"]!;
  return [
    `Request overhead, getUser against a local HTTP server (${calls} sequential calls of each kind in 10 alternating rounds, after 300 warm-up calls):`,
    ...Object.entries(p50).map(
      ([name, value]) => `  ${name.padEnd(34)} p50 ${(value * 1000).toFixed(0).padStart(4)} µs  ${(value / raw).toFixed(2)}× raw`,
    ),
    `  throughput, 16 in flight: raw fetch ${rawRate.toFixed(0)} req/s, generated client ${generatedRate.toFixed(0)} req/s (target ≤ 1.15× raw per request)`,
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) for (const line of await requestOverhead(10_000)) console.log(line);
