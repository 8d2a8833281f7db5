import { describe, expect, it } from "vitest";
import { AbortedError, TimeoutError } from "../src/errors.js";
import { pollUntil } from "../src/http/poll.js";

const answers = (...statuses: string[]) => {
  let reads = 0;
  return { read: async () => ({ status: statuses[Math.min(reads++, statuses.length - 1)] as string }), reads: () => reads };
};
const final = (answer: { status: string }) => answer.status !== "pending";

describe("pollUntil", () => {
  it("reads until the answer is final, pausing longer each time", async () => {
    const source = answers("pending", "pending", "pending", "ok");
    const pauses: number[] = [];
    const started = Date.now();
    let last = started;
    const answer = await pollUntil(
      "getCheck",
      async () => {
        pauses.push(Date.now() - last);
        last = Date.now();
        return source.read();
      },
      final,
      { initialDelayMs: 20, factor: 2, maxDelayMs: 50 },
    );
    expect(answer).toEqual({ status: "ok" });
    expect(source.reads()).toBe(4);
    // 20, 40, then capped at 50 (timers fire no earlier than asked).
    expect(pauses.slice(1).map((p) => p >= 19)).toEqual([true, true, true]);
    expect(pauses[3]).toBeGreaterThanOrEqual(49);
    expect(pauses[3]).toBeLessThan(200);
  });

  it("gives up after maxWaitMs with a TimeoutError, and stops at once when aborted", async () => {
    const timeout = await pollUntil("getCheck", answers("pending").read, final, { initialDelayMs: 10, maxWaitMs: 35 }).catch(
      (e: unknown) => e,
    );
    expect(timeout).toBeInstanceOf(TimeoutError);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("shutting down")), 30);
    const started = Date.now();
    const aborted = await pollUntil("getCheck", answers("pending").read, final, {
      initialDelayMs: 10_000,
      signal: controller.signal,
    }).catch((e: unknown) => e);
    expect(aborted).toBeInstanceOf(AbortedError);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
