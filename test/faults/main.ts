// `npm run test:faults`: the full fault-injection run. `npm run test:faults -- <calls> <seed>` changes it.
import { runFaults, summary } from "./run-faults.js";

const calls = Number(process.argv[2] ?? 2000);
const seed = Number(process.argv[3] ?? 20261122);
const started = performance.now();
const run = await runFaults({ calls, seed, faultRate: 0.3 });
const share = ((100 * run.faulted) / run.requests).toFixed(1);
console.log(
  `seed ${seed}: ${run.requests} requests, ${run.faulted} faulted (${share}%): ${[...run.injected]
    .filter(([f]) => f !== "none")
    .map(([f, n]) => `${f} ${n}`)
    .join(", ")}`,
);
console.log(
  `${run.processedEarlier} calls ended in AlreadyProcessedError (PC's 271 to a retry: done by an earlier attempt whose answer was lost); ${run.untyped} untyped, ${run.phantom} phantom successes; ${Math.round(performance.now() - started)} ms`,
);
console.log(summary(run));
process.exit(run.lost === 0 && run.duplicated === 0 && run.untyped === 0 && run.phantom === 0 ? 0 : 1);
