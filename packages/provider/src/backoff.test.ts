import { afterEach, describe, expect, it, vi } from 'vitest';
import { Backoff, backoffDelay, sleep } from './backoff.js';

describe('backoffDelay', () => {
  it('doubles from the initial delay up to the cap', () => {
    const top = () => 1; // largest jitter
    expect([0, 1, 2, 3, 4, 5, 10, 100].map((n) => backoffDelay(n, {}, top))).toEqual([
      500, 1000, 2000, 4000, 8000, 10_000, 10_000, 10_000,
    ]);
  });

  it('randomises only the jitter share of each delay', () => {
    const options = { initial: 1000, jitter: 0.5 };
    expect(backoffDelay(0, options, () => 0)).toBe(500);
    expect(backoffDelay(0, options, () => 0.5)).toBe(750);
    expect(backoffDelay(0, options, () => 1)).toBe(1000);
    expect(backoffDelay(0, { initial: 1000, jitter: 0 }, Math.random)).toBe(1000);
  });

  it('stays within bounds for random input and huge attempt numbers', () => {
    for (let attempt = 0; attempt < 2000; attempt += 7) {
      const delay = backoffDelay(attempt);
      expect(delay).toBeGreaterThanOrEqual(Math.min(10_000, 500 * 2 ** attempt) / 2);
      expect(delay).toBeLessThanOrEqual(10_000);
    }
  });

  it('spreads clients out', () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(3)));
    expect(delays.size).toBeGreaterThan(10);
  });
});

describe('Backoff', () => {
  it('counts attempts and starts over after reset', () => {
    const backoff = new Backoff({ initial: 100, jitter: 0 });
    expect([backoff.next(), backoff.next(), backoff.next()]).toEqual([100, 200, 400]);
    expect(backoff.attempts).toBe(3);
    backoff.reset();
    expect(backoff.next()).toBe(100);
  });
});

describe('sleep', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('waits, and ends early when aborted', async () => {
    vi.useFakeTimers();
    let done = false;
    void sleep(1000).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);

    const controller = new AbortController();
    let aborted = false;
    void sleep(10_000, controller.signal).then(() => (aborted = true));
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(aborted).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });
});
