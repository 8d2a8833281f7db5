/**
 * Request overhead: a generated client call (validation, envelope, typed errors, logging hook) against the
 * raw openapi-fetch call it wraps, with the same in-memory fetch, so only client-side work is timed.
 */
import { readFileSync } from "node:fs";
import { createPcServerClient, type paths } from "@bankkit/pc-server";
import createClient from "openapi-fetch";

const answer = readFileSync("specs/samples/pc-server/get-user.response.json", "utf8");
const body = JSON.stringify((JSON.parse(answer) as { value: unknown }).value);
const fetch = async () => new Response(body, { status: 200, headers: { "content-type": "application/json" } });
const path = { system_id: "70b5fab6-d3d1-4098-aaf9-450a496855f5", user_id: "rest-api-test-4d02bd9e-ac11-4661-86c5-c7c7965e6a4c" };

async function perCall(run: () => Promise<unknown>, calls: number): Promise<number> {
  for (let i = 0; i < 500; i++) await run();
  const started = performance.now();
  for (let i = 0; i < calls; i++) await run();
  return ((performance.now() - started) * 1000) / calls;
}

export async function requestOverhead(calls: number): Promise<string[]> {
  const raw = createClient<paths>({ baseUrl: "http://pc.test", fetch });
  const pc = createPcServerClient({ baseUrl: "http://pc.test", fetch });
  const quiet = createPcServerClient({ baseUrl: "http://pc.test", fetch, validateRequests: false, validateResponses: false });
  const rawCall = await perCall(() => raw.GET("/{system_id}/users/{user_id}", { params: { path } }), calls);
  const generated = await perCall(() => pc.getUser({ path }), calls);
  const unvalidated = await perCall(() => quiet.getUser({ path }), calls);
  return [
    `Request overhead, getUser with an in-memory fetch (${calls} calls, after 500 warm-up calls):`,
    `  raw openapi-fetch GET                          ${rawCall.toFixed(1)} µs/call`,
    `  generated client (validated request+response)  ${generated.toFixed(1)} µs/call  (+${(generated - rawCall).toFixed(1)} µs)`,
    `  generated client, validation off               ${unvalidated.toFixed(1)} µs/call  (+${(unvalidated - rawCall).toFixed(1)} µs)`,
  ];
}
