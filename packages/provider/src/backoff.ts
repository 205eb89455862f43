// Exponential backoff with jitter, shared by every retry loop in the provider (WebSocket and
// SSE reconnects, polling, resending updates). Without jitter, every client that lost the
// same server would come back at the same instant and knock it over again.

export interface BackoffOptions {
  /** First delay in ms. Default 500. */
  readonly initial?: number;
  /** Cap in ms, so a long outage is noticed within seconds of ending. Default 10 000. */
  readonly max?: number;
  /** Growth per attempt. Default 2. */
  readonly factor?: number;
  /** Share of each delay that is randomised, 0..1. Default 0.5. */
  readonly jitter?: number;
}

/** Delay before retry number `attempt` (0-based). */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions = {},
  random: () => number = Math.random,
): number {
  const { initial = 500, max = 10_000, factor = 2, jitter = 0.5 } = options;
  const base = Math.min(max, initial * factor ** Math.max(0, attempt));
  // "Equal jitter": keep part of the delay fixed so retries still back off, randomise the
  // rest so clients spread out.
  return Math.round(base * (1 - jitter) + base * jitter * random());
}

/** A retry counter: next() gives the following delay, reset() after a success. */
export class Backoff {
  #attempt = 0;

  constructor(
    private readonly options: BackoffOptions = {},
    private readonly random: () => number = Math.random,
  ) {}

  get attempts(): number {
    return this.#attempt;
  }

  next(): number {
    return backoffDelay(this.#attempt++, this.options, this.random);
  }

  reset(): void {
    this.#attempt = 0;
  }
}

/**
 * Waits `ms`, or less when `signal` aborts: a disposed client must not keep a Node
 * process alive for the rest of a 10-second retry wait.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done);
  });
}

/**
 * A retry wait for graphql-ws / graphql-sse that never ends once `signal` has aborted. Both
 * libraries go on to open a new connection when the wait ends, even after the client was
 * disposed (graphql-ws checks only once the attempt has failed), which would leave a
 * socket open behind a destroyed provider. A promise that never settles holds no timer,
 * so it keeps nothing alive.
 */
export async function retryWait(ms: number, signal: AbortSignal): Promise<void> {
  await sleep(ms, signal);
  if (signal.aborted) await new Promise<never>(() => {});
}
