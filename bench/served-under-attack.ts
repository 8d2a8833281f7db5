/**
 * Can anonymous senders starve authenticated ones? The generated DCM bank server (serveNode, its defaults)
 * runs in a child process; this process measures valid, authenticated notifications per second over 8
 * kept-alive connections, first alone, then while 4 anonymous senders post ~1 MB of deep JSON in a loop and
 * 2,000 slowloris sockets dribble their headers — in the same run.
 * Run: npx tsx bench/served-under-attack.ts   (part of npm run bench)
 */
import { fork } from "node:child_process";
import { once } from "node:events";
import { connect, type Socket } from "node:net";
import { Agent, request } from "undici";

const seconds = Number(process.argv[2] ?? 4);

if (process.argv[2] === "--serve") {
  const { createDcmBankServer } = await import("@bankkit/dcm-bank");
  const { serveNode } = await import("@bankkit/runtime");
  const ok = { status: 200 as const };
  const server = serveNode(
    createDcmBankServer(
      {
        userAuth: () => ({ status: 200, body: { external_id: "e", key: "k" } }),
        key: () => ({ status: 200, body: { key: "k" } }),
        externalId: () => ({ status: 200, body: { external_id: "e" } }),
        notifyPayIn: () => ok,
        notifyPayOut: () => ok,
        notifyTransfer: () => ok,
        sign: () => ({ status: 404, body: { error: "NotFound", description: "unknown" } }),
      },
      {
        authenticate: {
          dcmSession: async (token) => {
            if (token !== "valid-session") throw new Error("refused");
            return {};
          },
        },
      },
    ),
    { maxConnections: 4_000 },
  ).listen(0, "127.0.0.1", () => process.send?.((server.address() as { port: number }).port));
} else {
  const child = fork(import.meta.filename, ["--serve"], { execArgv: ["--import", "tsx"] });
  const [port] = (await once(child, "message")) as [number];
  const origin = `http://127.0.0.1:${port}`;
  const body = JSON.stringify({ transaction_id: "6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d" });
  const valid = new Agent({ connections: 8, pipelining: 1 });

  /** Authenticated notifications per second over `seconds`, 8 in flight. */
  async function throughput(): Promise<{ rate: number; failed: number }> {
    const until = performance.now() + seconds * 1000;
    let done = 0;
    let failed = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (performance.now() < until) {
          const answer = await request(`${origin}/api/dcm/notify/pay-in`, {
            method: "POST",
            dispatcher: valid,
            headers: { "content-type": "application/json", "x-session-id": "valid-session" },
            body,
          }).catch(() => undefined);
          await answer?.body.dump();
          if (answer?.statusCode === 200) done++;
          else failed++;
        }
      }),
    );
    return { rate: done / seconds, failed };
  }

  const alone = await throughput();

  let attacking = true;
  const deep = Buffer.from(`${"[".repeat(500_000)}${"]".repeat(500_000)}`);
  const anonymous = Array.from({ length: 4 }, async () => {
    const agent = new Agent({ connections: 1 });
    let sent = 0;
    while (attacking) {
      const answer = await request(`${origin}/api/dcm/notify/pay-in`, { method: "POST", dispatcher: agent, body: deep }).catch(
        () => undefined,
      );
      await answer?.body.dump().catch(() => {});
      sent++;
    }
    await agent.close();
    return sent;
  });
  const slow: Socket[] = [];
  for (let i = 0; i < 2_000; i++) {
    const socket = connect(port, "127.0.0.1");
    socket.on("error", () => {});
    socket.write("POST /api/dcm/notify/pay-in HTTP/1.1\r\nHost: x\r\n");
    slow.push(socket);
  }
  const drip = setInterval(() => {
    for (const socket of slow) if (!socket.destroyed) socket.write("X-Slow: 1\r\n");
  }, 1_000);
  await new Promise((resolve) => setTimeout(resolve, 500));
  const attacked = await throughput();
  attacking = false;
  clearInterval(drip);
  const deepPosts = (await Promise.all(anonymous)).reduce((a, b) => a + b, 0);
  const closedByServer = slow.filter((socket) => socket.destroyed || socket.readableEnded).length;
  for (const socket of slow) socket.destroy();
  await valid.close();
  child.kill();
  console.log(`Generated server under attack (DCM bank notifications, 8 kept-alive authenticated connections, ${seconds} s each):`);
  console.log(`  alone:                                        ${alone.rate.toFixed(0)} req/s valid (${alone.failed} failed)`);
  console.log(
    `  with 4 anonymous 1 MB deep-JSON senders (${deepPosts} posts, each 401 from its head) and 2,000 slowloris sockets: ${attacked.rate.toFixed(0)} req/s valid (${attacked.failed} failed) — ${((attacked.rate / alone.rate) * 100).toFixed(0)}% of alone`,
  );
  console.log(`  slowloris sockets closed by the server by the end: ${closedByServer} of 2,000`);
}
