import { once } from "node:events";
import { connect, type Socket } from "node:net";
import { createDcmBankServer, type DcmBankHandlers, type ServerEvent } from "@bankkit/dcm-bank";
import { serveNode } from "@bankkit/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The generated server as the internet meets it: anonymous senders of huge or deep bodies, slow heads,
// oversized headers. Each is answered from what arrived so far, in bounded time; none gets a body parsed.

const ok = { status: 200 as const };
let handled = 0;
const handlers: DcmBankHandlers = {
  userAuth: () => ({ status: 200, body: { external_id: "e", key: "k" } }),
  key: () => ({ status: 200, body: { key: "k" } }),
  externalId: () => ({ status: 200, body: { external_id: "e" } }),
  notifyPayIn: () => {
    handled++;
    return ok;
  },
  notifyPayOut: () => ok,
  notifyTransfer: () => ok,
  sign: () => ({ status: 404, body: { error: "NotFound", description: "unknown" } }),
};
const events: ServerEvent[] = [];
const server = serveNode(
  createDcmBankServer(handlers, {
    authenticate: {
      dcmSession: async (token) => {
        if (token !== "valid-session") throw new Error("refused");
        return { sub: "dcm" };
      },
    },
    logger: (event) => events.push(event),
  }),
  { headersTimeoutMs: 1_000, requestTimeoutMs: 2_000, maxBodyBytes: 64 * 1024, maxHeaderBytes: 8 * 1024 },
);
let port = 0;
const path = "/api/dcm/notify/pay-in";
const notification = JSON.stringify({ transaction_id: "6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d" });

/** Writes raw bytes to the server and resolves to what came back when the server closed (or after `waitMs`). */
async function raw(text: string, waitMs = 3_000): Promise<{ answer: string; ms: number }> {
  const socket = connect(port, "127.0.0.1");
  await once(socket, "connect");
  const started = performance.now();
  let answer = "";
  socket.on("data", (chunk) => (answer += chunk.toString("latin1")));
  socket.write(text);
  await Promise.race([once(socket, "close"), new Promise((resolve) => setTimeout(resolve, waitMs))]);
  socket.destroy();
  return { answer, ms: performance.now() - started };
}

beforeAll(async () => {
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  port = (server.address() as { port: number }).port;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe("the generated server against anonymous and slow senders", () => {
  it("authenticates from the head: a 10 MB body announced without credentials gets 401 before a byte of it is sent", async () => {
    const { answer, ms } = await raw(
      `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10000000\r\n\r\n`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 401 /);
    expect(answer).toMatch(/connection: close/i);
    expect(ms).toBeLessThan(1_000);
    expect(events.at(-1)).toMatchObject({ outcome: "unauthorized", reason: "missing" });
  });

  it("a body past the cap is 413 (declared or streamed); deep JSON from an authenticated sender is 400 (depth), no handler runs", async () => {
    const head = (length: number) =>
      `POST ${path} HTTP/1.1\r\nHost: x\r\nX-Session-ID: valid-session\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`;
    expect((await raw(head(10_000_000))).answer).toMatch(/^HTTP\/1\.1 413 /);
    // 100 KB sent chunked, so no length is declared: counted as it streams.
    const chunk = "a".repeat(10_000);
    const chunked = `POST ${path} HTTP/1.1\r\nHost: x\r\nX-Session-ID: valid-session\r\nTransfer-Encoding: chunked\r\n\r\n${`2710\r\n${chunk}\r\n`.repeat(10)}0\r\n\r\n`;
    expect((await raw(chunked)).answer).toMatch(/^HTTP\/1\.1 413 /);
    const deepButSmall = `${"[".repeat(1_000)}${"]".repeat(1_000)}`;
    const refused = await raw(head(deepButSmall.length) + deepButSmall);
    expect(refused.answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(refused.answer).toContain('"rule":"depth"');
    expect(handled).toBe(0);
    const fine = await raw(`${head(notification.length)}${notification}`, 500);
    expect(fine.answer).toMatch(/^HTTP\/1\.1 200 /);
    expect(handled).toBe(1);
  });

  it("a head that never ends is cut at the headers timeout (408); a head too large is 431", async () => {
    const slow = await raw(`POST ${path} HTTP/1.1\r\nHost: x\r\nX-Slow: `, 5_000);
    expect(slow.answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(slow.ms).toBeLessThan(4_000);
    const large = await raw(`GET /key HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(16 * 1024)}\r\n\r\n`);
    expect(large.answer).toMatch(/^HTTP\/1\.1 431 /);
  });

  it("a slow body is cut at the request timeout (408)", async () => {
    const socket: Socket = connect(port, "127.0.0.1");
    await once(socket, "connect");
    let answer = "";
    socket.on("data", (chunk) => (answer += chunk.toString("latin1")));
    const started = performance.now();
    socket.write(`POST ${path} HTTP/1.1\r\nHost: x\r\nX-Session-ID: valid-session\r\nContent-Length: 1000\r\n\r\n{`);
    await Promise.race([once(socket, "close"), new Promise((resolve) => setTimeout(resolve, 6_000))]);
    socket.destroy();
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
