import { AbortedError, TimeoutError } from "../errors.js";
import { sleep } from "./retry-policy.js";

export interface PollOptions {
  /** Stops waiting (the promise rejects with AbortedError). */
  signal?: AbortSignal;
  /** Gives up after this long (TimeoutError); unbounded when absent. */
  maxWaitMs?: number;
  /** The first pause between reads (default from the spec), growing by `factor` up to `maxDelayMs`. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  factor?: number;
}

/**
 * Reads until `done` says the answer is final, pausing longer between reads each time. It keeps no state
 * but what the caller passed in, so a process that restarts resumes by calling it again with the same id.
 */
export async function pollUntil<T>(
  operationId: string,
  read: (signal: AbortSignal | undefined) => Promise<T>,
  done: (answer: T) => boolean,
  options: PollOptions,
): Promise<T> {
  const deadline = options.maxWaitMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + options.maxWaitMs;
  let delay = options.initialDelayMs ?? 1_000;
  for (let reads = 1; ; reads++) {
    if (options.signal?.aborted) throw new AbortedError({ operationId, attempts: reads - 1 }, options.signal.reason);
    const answer = await read(options.signal);
    if (done(answer)) return answer;
    const pause = Math.min(delay, deadline - Date.now());
    if (pause <= 0) throw new TimeoutError({ operationId, attempts: reads }, options.maxWaitMs ?? 0);
    await sleep(pause, options.signal).catch((reason: unknown) => {
      throw new AbortedError({ operationId, attempts: reads }, reason);
    });
    delay = Math.min(options.maxDelayMs ?? delay, delay * (options.factor ?? 1.5));
  }
}
