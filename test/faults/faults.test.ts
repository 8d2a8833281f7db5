import { describe, expect, it } from "vitest";
import { runFaults, summary } from "./run-faults.js";

// The full run (2,000 calls) is `npm run test:faults`; this is the same run, smaller, inside `npm test`.
describe("keyed calls under injected faults", () => {
  it("lose nothing and send nothing twice, and every failure is typed", { timeout: 180_000 }, async () => {
    const run = await runFaults({ calls: 400, seed: 7, faultRate: 0.3 });
    expect(run.faulted / run.requests).toBeGreaterThanOrEqual(0.2);
    for (const [fault, count] of run.injected) expect(count, fault).toBeGreaterThan(0);
    expect(run.retried).toBeGreaterThan(0);
    expect(run).toMatchObject({ untyped: 0, lost: 0, duplicated: 0, phantom: 0 });
    expect(summary(run)).toMatch(/^faults: 400 calls, \d+ retried, \d+ failed with typed errors, 0 lost, 0 duplicated$/);
  });

  it("repeat exactly for the same seed", { timeout: 180_000 }, async () => {
    const [first, second] = [
      await runFaults({ calls: 120, seed: 99, faultRate: 0.3 }),
      await runFaults({ calls: 120, seed: 99, faultRate: 0.3 }),
    ];
    expect(summary(second)).toBe(summary(first));
    expect([...second.injected]).toEqual([...first.injected]);
  });
});
