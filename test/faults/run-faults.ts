import { AlreadyProcessedError, BankkitError, type CallMeta, createPcServerClient } from "@bankkit/pc-server";
import { createPayments31Client } from "../../generator/test/golden/payments-31/src/index.js";
import { BankServer } from "./bank-server.js";
import { type Fault, FaultProxy } from "./fault-proxy.js";

export interface FaultRun {
  calls: number;
  /** Calls that needed more than one attempt. */
  retried: number;
  /** Calls that ended in a typed error (after their retries). */
  failed: number;
  /** Calls that ended in something other than a result or a BankkitError. */
  untyped: number;
  /** Keys the server processed that the caller does not know (neither a result nor an error carries them). */
  lost: number;
  /** Keys the server processed more than once. */
  duplicated: number;
  /** Keys the caller was told succeeded but the server never processed. */
  phantom: number;
  /** Requests the proxy saw, and how many of them it broke. */
  requests: number;
  faulted: number;
  injected: Map<Fault, number>;
  /** Calls that ended in AlreadyProcessedError: done by an earlier attempt whose answer was lost. */
  processedEarlier: number;
}

/**
 * Drives `calls` keyed calls — PC create-transaction (key: a custom transaction_id the client creates) and
 * a payments POST (key: x-idempotency-key) — through the generated clients, via a fault proxy, against a
 * server that records what it processed. Seeded: the same seed gives the same faults.
 */
export async function runFaults(options: { calls: number; seed: number; faultRate: number; concurrency?: number }): Promise<FaultRun> {
  const server = new BankServer();
  await server.start();
  const timeoutMs = 150;
  const proxy = new FaultProxy({ target: server.url, seed: options.seed, faultRate: options.faultRate, delayMs: timeoutMs * 2 });
  await proxy.start();
  const retry = { maxRetries: 8, baseDelayMs: 5, maxDelayMs: 50, deadlineMs: 20_000 };
  const pc = createPcServerClient({ baseUrl: proxy.url, timeoutMs, retry });
  const payments = createPayments31Client({ baseUrl: proxy.url, timeoutMs, retry });

  const known = new Set<string>();
  const succeeded = new Set<string>();
  let retried = 0;
  let failed = 0;
  let untyped = 0;
  let processedEarlier = 0;
  const one = async (i: number) => {
    const meta: CallMeta = {};
    // The caller's own keys (which win over generated ones) make the run repeatable: see FaultProxy.
    const idempotencyKey = `${options.seed}-${i}`;
    try {
      if (i % 2 === 0) {
        await pc.createTransaction(
          { path: { system_id: "bank", user_id: `user-${i}` }, body: { transaction_data: { text: `Payment #${i}` } } },
          { meta, idempotencyKey },
        );
      } else {
        await payments.createPayment(
          { body: { amount: `${i}.00`, currency: "KZT", account: "KZ75125KZT2069100100" } },
          { meta, idempotencyKey },
        );
      }
      succeeded.add(meta.idempotencyKey!);
    } catch (error) {
      if (!(error instanceof BankkitError)) untyped++;
      else failed++;
      if (error instanceof AlreadyProcessedError) processedEarlier++;
    } finally {
      if (meta.idempotencyKey) known.add(meta.idempotencyKey);
      if ((meta.attempts ?? 0) > 1) retried++;
    }
  };
  const concurrency = options.concurrency ?? 16;
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < options.calls) await one(next++);
    }),
  );
  await proxy.drain();
  proxy.stop();
  server.stop();

  const processed = [...server.processed];
  const injected = proxy.injected;
  const requests = [...injected.values()].reduce((a, b) => a + b, 0);
  return {
    calls: options.calls,
    retried,
    failed,
    untyped,
    lost: processed.filter(([key]) => !known.has(key)).length,
    duplicated: processed.filter(([, times]) => times > 1).length,
    phantom: [...succeeded].filter((key) => !server.processed.has(key)).length,
    requests,
    faulted: requests - (injected.get("none") ?? 0),
    injected,
    processedEarlier,
  };
}

export function summary(run: FaultRun): string {
  return `faults: ${run.calls} calls, ${run.retried} retried, ${run.failed} failed with typed errors, ${run.lost} lost, ${run.duplicated} duplicated`;
}
