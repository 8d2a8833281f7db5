/** What an attempt step (auth, signing, timestamps) knows about the attempt it prepares. */
export interface AttemptContext {
  operationId: string;
  /** 1 for the first attempt. */
  attempt: number;
  /** The idempotency key of the call, the same on every attempt. */
  idempotencyKey?: string;
}

/**
 * Prepares one attempt of a request: adds auth headers, timestamps, a signature over the body bytes, …
 * Steps run in order on every attempt, just before the request is sent, so that what they add is fresh
 * for each attempt. Return the request (or a new one built from it).
 */
export type AttemptStep = (request: Request, context: AttemptContext) => Request | Promise<Request>;
