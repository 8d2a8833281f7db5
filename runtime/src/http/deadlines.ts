/**
 * Attempt timeouts shared by the attempts that start close together. In Node 20 an AbortController per
 * attempt, its signal and the listener fetch puts on it cost as much as the rest of a call's own work; so the
 * attempts that start within the same `window` share one controller and one timer, set to fire `timeoutMs`
 * after the window closes. Every attempt in a group is thus given between `timeoutMs` and `timeoutMs` +
 * `window` — never less — and when the timer fires, every attempt of the group still running is past its own
 * deadline. A group takes at most `maxMembers` attempts, since fetch leaves a listener on the signal of each
 * request until that request is collected, and adding a listener walks the ones already there.
 */
const window = 10;
const maxMembers = 32;

/** The deadline one attempt holds: the signal to send with, whether it fired, and `release()` when done. */
export interface Deadline {
  readonly signal: AbortSignal;
  readonly fired: boolean;
  release(): void;
}

class DeadlineGroup implements Deadline {
  readonly #controller = new AbortController();
  readonly #opened = performance.now();
  readonly #timer: NodeJS.Timeout;
  #members = 0;
  #running = 0;
  #retired = false;
  fired = false;

  constructor(timeoutMs: number) {
    this.#timer = setTimeout(() => {
      this.fired = true;
      this.#controller.abort(new Error(`no response within ${timeoutMs} ms`));
    }, timeoutMs + window);
    // Only running attempts keep the process alive, as a timer of their own would.
    this.#timer.unref();
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** Whether an attempt starting now may join: the window is open and the group not full. */
  get open(): boolean {
    return !this.#retired && this.#members < maxMembers && performance.now() - this.#opened < window;
  }

  join(): this {
    this.#members++;
    if (this.#running++ === 0) this.#timer.ref();
    return this;
  }

  release(): void {
    if (--this.#running > 0) return;
    this.#timer.unref();
    if (this.#retired) clearTimeout(this.#timer);
  }

  /** No more members: the timer ends with the last running attempt. */
  retire(): void {
    this.#retired = true;
    if (this.#running === 0) clearTimeout(this.#timer);
  }
}

/** The group taking attempts now, per timeout; a few timeouts at most are in use at once. */
const current = new Map<number, DeadlineGroup>();
const maxTimeouts = 16;

/** A deadline for an attempt starting now, at least `timeoutMs` away. */
export function deadline(timeoutMs: number): Deadline {
  let group = current.get(timeoutMs);
  if (group === undefined || !group.open) {
    group?.retire();
    // Timeouts computed per call (a remaining budget) would each leave a group here: past a few, start over.
    if (current.size >= maxTimeouts) {
      for (const other of current.values()) other.retire();
      current.clear();
    }
    group = new DeadlineGroup(timeoutMs);
    current.set(timeoutMs, group);
  }
  return group.join();
}
