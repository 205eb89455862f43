// Everything /metrics reports, in one prom-client registry per server (tests run several
// servers in one process). Counters and histograms are fed where things happen; gauges read the
// current state when Prometheus scrapes, from the sources given to `observe`. The names and
// what to alert on are listed in README.md ("Metrics and alerts").
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export type Transport = 'websocket' | 'sse';

/** What the limits refused: rate limits by kind of request, connection caps by transport. */
/** What became of an update held for missing dependencies. */
export type HeldOutcome = 'held' | 'released' | 'expired' | 'refused';

export type LimitKind = 'writes' | 'expensive' | 'websocket' | 'sse';

/** Current state, read at each scrape. */
export interface MetricSources {
  connections(): Record<Transport, number>;
  liveDocuments(): { documents: number; bytes: number; subscriptions: number };
  /** Null when no Redis is configured (the gauge is then left out). */
  redisConnected(): boolean | null;
}

export interface TandemMetrics {
  readonly registry: Registry;
  /** Root fields of queries and mutations by outcome: `code` is OK or the error's code. */
  readonly operations: Counter<'operation' | 'field' | 'code'>;
  readonly commitSeconds: Histogram;
  readonly commitBatchSize: Histogram;
  readonly fanoutLagSeconds: Histogram;
  readonly limited: Counter<'limit'>;
  readonly evictions: Counter<'reason'>;
  /** Updates missing what they build on (documents/quarantine.ts): held, then released, expired or refused. */
  readonly heldUpdates: Counter<'outcome'>;
  observe(sources: MetricSources): void;
}

export function createMetrics(): TandemMetrics {
  const registry = new Registry();
  const registers = [registry];
  // Process CPU, memory, event loop lag, GC: the first things to look at when latency grows.
  collectDefaultMetrics({ register: registry });

  let sources: MetricSources | null = null;

  new Gauge({
    name: 'tandem_connections',
    help: 'Open client connections by transport (WebSocket sockets, SSE event streams)',
    labelNames: ['transport'],
    registers,
    collect() {
      const counts = sources?.connections() ?? { websocket: 0, sse: 0 };
      for (const [transport, count] of Object.entries(counts)) this.set({ transport }, count);
    },
  });
  const live = () => sources?.liveDocuments() ?? { documents: 0, bytes: 0, subscriptions: 0 };
  new Gauge({
    name: 'tandem_subscriptions',
    help: 'Open subscriptions to live documents (documentEvents, awarenessEvents, documentChanged)',
    registers,
    collect() {
      this.set(live().subscriptions);
    },
  });
  new Gauge({
    name: 'tandem_live_documents',
    help: 'Documents held in memory by this instance',
    registers,
    collect() {
      this.set(live().documents);
    },
  });
  new Gauge({
    name: 'tandem_live_document_bytes',
    help: 'Encoded size of the documents held in memory (what LIVE_DOCUMENTS_MAX_BYTES bounds)',
    registers,
    collect() {
      this.set(live().bytes);
    },
  });

  const metrics: TandemMetrics = {
    registry,
    operations: new Counter({
      name: 'tandem_graphql_operations_total',
      help: 'Root fields of queries and mutations by outcome (pushes are field="pushUpdate")',
      labelNames: ['operation', 'field', 'code'],
      registers,
    }),
    commitSeconds: new Histogram({
      name: 'tandem_commit_duration_seconds',
      help: 'Time to store one group commit of updates (one statement, one transaction)',
      buckets: [0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    }),
    commitBatchSize: new Histogram({
      name: 'tandem_commit_batch_size',
      help: 'Updates stored together by one group commit',
      buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000],
      registers,
    }),
    fanoutLagSeconds: new Histogram({
      name: 'tandem_fanout_lag_seconds',
      help: 'From an update published by another instance to its arrival here through Redis (includes clock skew between hosts)',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    }),
    limited: new Counter({
      name: 'tandem_rate_limited_total',
      help: 'Requests and connections refused by a limit: rate limits (writes, expensive reads) and connection caps (websocket, sse)',
      labelNames: ['limit'],
      registers,
    }),
    evictions: new Counter({
      name: 'tandem_document_evictions_total',
      help: 'Live documents dropped from memory: idle for DOCUMENT_IDLE_MS, or to stay under LIVE_DOCUMENTS_MAX_BYTES',
      labelNames: ['reason'],
      registers,
    }),
    heldUpdates: new Counter({
      name: 'tandem_held_updates_total',
      help: 'Updates kept aside because the document lacked what they build on (held), and how that ended: released into the document, expired (QUARANTINE_MAX_AGE_MS) or refused',
      labelNames: ['outcome'],
      registers,
    }),
    observe(given) {
      sources = given;
      if (given.redisConnected() === null) return;
      new Gauge({
        name: 'tandem_redis_connected',
        help: '1 while the Redis fan-out link is up, 0 while it is down (edits from other instances then arrive late)',
        registers,
        collect() {
          this.set(given.redisConnected() ? 1 : 0);
        },
      });
    },
  };
  // Every kind starts at 0, so dashboards and rate() see the series before the first event.
  for (const limit of ['writes', 'expensive', 'websocket', 'sse'] satisfies LimitKind[]) metrics.limited.inc({ limit }, 0);
  for (const reason of ['idle', 'memory']) metrics.evictions.inc({ reason }, 0);
  for (const outcome of ['held', 'released', 'expired', 'refused'] satisfies HeldOutcome[]) metrics.heldUpdates.inc({ outcome }, 0);
  return metrics;
}
