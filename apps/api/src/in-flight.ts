// Counts HTTP requests that are still being answered, so shutdown can let them finish.
// Event streams are left out: they never finish by themselves and are closed instead.
import type { IncomingMessage, Server } from 'node:http';

function isEventStream(req: IncomingMessage): boolean {
  return (req.headers.accept ?? '').includes('text/event-stream') || (req.url ?? '').includes('/stream');
}

export function trackInFlight(http: Server): { idle(): Promise<void> } {
  let active = 0;
  let waiters: (() => void)[] = [];
  http.on('request', (req, res) => {
    if (isEventStream(req)) return;
    active += 1;
    res.once('close', () => {
      active -= 1;
      if (active === 0) {
        for (const wake of waiters) wake();
        waiters = [];
      }
    });
  });
  return {
    idle: () => (active === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
  };
}
