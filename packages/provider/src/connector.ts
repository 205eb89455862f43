// Which transport carries the document, and when to change it. DESIGN.md, "Transport": try
// graphql-ws first; where a WebSocket cannot open fall back to SSE, and where an event
// stream delivers nothing (a proxy that buffers it) fall back to polling; say which
// transport is live; reconnect with backoff and jitter.
//
// A transport that does not come up in time is only abandoned when plain HTTP to the same
// server works. Otherwise the server is simply down (a restart, a lost network), and
// falling back would leave every client on a worse transport after it returns.
import { Backoff, type BackoffOptions } from './backoff.js';
import type { Transport, TransportEvent, TransportKind, TransportListener, TransportMode } from './transport/types.js';

export type LinkPhase = 'connecting' | 'connected' | 'offline' | 'stopped';

export interface Link {
  readonly phase: LinkPhase;
  readonly transport: TransportKind | null;
}

/** What the connector needs from the provider. */
export interface ConnectorHost {
  /** May throw (no WebSocket implementation, say); that level is then skipped. */
  createTransport(kind: TransportKind, onEvent: TransportListener): Transport;
  /** Start the document's subscriptions on this transport. */
  attach(transport: Transport): void;
  /** Stop them; the transport is disposed right after. */
  detach(): void;
  /** Events of the attached transport, after the connector has seen them. */
  transportEvent(event: TransportEvent): void;
  /** Resolves once this (unattached) transport delivers a document event. */
  probe(transport: Transport): Promise<void>;
  /** Does plain HTTP to the server work? */
  reachable(): Promise<boolean>;
  linkChanged(link: Link): void;
  transportFailed(kind: TransportKind, error: unknown): void;
}

export interface ConnectorOptions {
  readonly mode: TransportMode;
  /**
   * How long a connection attempt may take before the transport is suspected (ms).
   * websocket: until ConnectionAck (default 4 000); sse: until the first SYNC event, which a
   * buffering proxy would hold back (default 5 000); polling: until a poll answers (5 000).
   */
  readonly connectTimeout?: Partial<Record<TransportKind, number>>;
  /** How often a degraded connection tries the better transports again (ms). Default 45 000. */
  readonly upgradeInterval?: number;
  readonly backoff?: BackoffOptions;
}

const CHAIN: readonly TransportKind[] = ['websocket', 'sse', 'polling'];

// What proves a transport works. An SSE stream that opens proves nothing: a buffering proxy
// opens it happily and then sits on the events.
const HEALTHY_ON: Record<TransportKind, 'connected' | 'synced'> = {
  websocket: 'connected',
  sse: 'synced',
  polling: 'connected',
};

const DEFAULT_TIMEOUT: Record<TransportKind, number> = { websocket: 4_000, sse: 5_000, polling: 5_000 };

interface Current {
  readonly kind: TransportKind;
  readonly transport: Transport;
  /** Met its HEALTHY_ON condition since the last (re)connect attempt. */
  healthy: boolean;
  /** Ever been healthy: a later failure is an outage, not a blocked transport. */
  everHealthy: boolean;
  /** Gave up ('failed'); has to be replaced. */
  dead: boolean;
}

type Timer = ReturnType<typeof setTimeout>;

function withTimeout(promise: Promise<void>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    promise.then(
      () => resolve(true),
      () => resolve(false),
    ).finally(() => clearTimeout(timer));
  });
}

export class Connector {
  readonly #host: ConnectorHost;
  readonly #chain: readonly TransportKind[];
  readonly #timeout: Record<TransportKind, number>;
  readonly #upgradeInterval: number;
  readonly #reopenBackoff: Backoff;
  #level = 0;
  #current: Current | null = null;
  /** Bumped whenever the transport changes, so late callbacks of an old one are ignored. */
  #generation = 0;
  #phase: LinkPhase = 'stopped';
  #watchdog: Timer | undefined;
  #upgradeTimer: Timer | undefined;
  #reopenTimer: Timer | undefined;
  #checking = false;
  /** Transport kinds that have carried this document: not blocked on this network. */
  readonly #worked = new Set<TransportKind>();
  #browserOffline = false;
  #reported: Link = { phase: 'stopped', transport: null };

  constructor(host: ConnectorHost, options: ConnectorOptions) {
    this.#host = host;
    this.#chain = options.mode === 'auto' ? CHAIN : [options.mode];
    this.#timeout = { ...DEFAULT_TIMEOUT, ...options.connectTimeout };
    this.#upgradeInterval = options.upgradeInterval ?? 45_000;
    this.#reopenBackoff = new Backoff(options.backoff);
  }

  get link(): Link {
    return { phase: this.#phase, transport: this.#current?.kind ?? null };
  }

  start(): void {
    if (this.#phase !== 'stopped') return;
    const target = globalThis as Partial<Pick<typeof globalThis, 'addEventListener'>>;
    target.addEventListener?.('online', this.#onOnline);
    target.addEventListener?.('offline', this.#onOffline);
    this.#open(0);
  }

  stop(): void {
    const target = globalThis as Partial<Pick<typeof globalThis, 'removeEventListener'>>;
    target.removeEventListener?.('online', this.#onOnline);
    target.removeEventListener?.('offline', this.#onOffline);
    this.#generation++;
    this.#closeCurrent();
    this.#setPhase('stopped');
  }

  /** Start over from the best transport, now (the network came back). */
  reconnect(): void {
    if (this.#phase === 'stopped') return;
    this.#reopenBackoff.reset();
    this.#open(0);
  }

  /** The attached transport delivered its SYNC. */
  markSynced(): void {
    const current = this.#current;
    if (current && HEALTHY_ON[current.kind] === 'synced') this.#healthy(current);
  }

  #open(level: number): void {
    this.#closeCurrent();
    const generation = ++this.#generation;
    const onEvent: TransportListener = (event) => {
      if (generation === this.#generation) this.#onEvent(event);
    };
    for (let next = level; next < this.#chain.length; next++) {
      const kind = this.#chain[next]!;
      let transport: Transport;
      try {
        transport = this.#host.createTransport(kind, onEvent);
      } catch (error) {
        this.#host.transportFailed(kind, error);
        continue;
      }
      this.#level = next;
      this.#current = { kind, transport, healthy: false, everHealthy: false, dead: false };
      this.#setPhase(this.#browserOffline ? 'offline' : 'connecting');
      this.#host.attach(transport);
      this.#armWatchdog();
      return;
    }
    // No transport could even be created: nothing to retry.
    this.#setPhase('offline');
  }

  #closeCurrent(): void {
    clearTimeout(this.#watchdog);
    clearTimeout(this.#upgradeTimer);
    clearTimeout(this.#reopenTimer);
    this.#watchdog = this.#upgradeTimer = this.#reopenTimer = undefined;
    const current = this.#current;
    this.#current = null;
    if (current) {
      this.#host.detach();
      current.transport.dispose();
    }
  }

  #onEvent(event: TransportEvent): void {
    // Events fired while the transport is being created come before it is attached.
    const current = this.#current;
    if (!current) return;
    this.#handle(current, event);
    // After the link has changed, so the provider reports one status, not two.
    this.#host.transportEvent(event);
  }

  #handle(current: Current, event: TransportEvent): void {
    switch (event.type) {
      case 'connecting':
        if (this.#phase !== 'offline') this.#setPhase('connecting');
        this.#armWatchdog();
        return;
      case 'connected':
        this.#setPhase('connected');
        if (HEALTHY_ON[current.kind] === 'connected') this.#healthy(current);
        else this.#armWatchdog();
        return;
      case 'disconnected': {
        const wasHealthy = current.healthy;
        current.healthy = false;
        clearTimeout(this.#upgradeTimer);
        this.#upgradeTimer = undefined;
        if (this.#phase === 'connected') this.#setPhase('connecting');
        // A working connection that dropped gets its reconnect attempt (and watchdog);
        // an attempt that failed before it ever worked is suspect now.
        if (!wasHealthy) void this.#suspect();
        return;
      }
      case 'failed':
        current.healthy = false;
        current.dead = true;
        this.#host.transportFailed(current.kind, event.error);
        if (this.#phase === 'connected') this.#setPhase('connecting');
        if (current.everHealthy) this.#scheduleReopen();
        else void this.#suspect();
        return;
      default: {
        const unknown: never = event;
        throw new Error(`Unknown transport event ${JSON.stringify(unknown)}`);
      }
    }
  }

  #healthy(current: Current): void {
    current.healthy = true;
    current.everHealthy = true;
    this.#worked.add(current.kind);
    clearTimeout(this.#watchdog);
    this.#watchdog = undefined;
    this.#reopenBackoff.reset();
    if (this.#phase !== 'connected') this.#setPhase('connected');
    this.#scheduleUpgrade();
  }

  #armWatchdog(): void {
    clearTimeout(this.#watchdog);
    this.#watchdog = undefined;
    const current = this.#current;
    if (!current || current.healthy) return;
    this.#watchdog = setTimeout(() => {
      this.#watchdog = undefined;
      void this.#suspect();
    }, this.#timeout[current.kind]);
  }

  /** The current transport did not come up: fall back if HTTP works, else report offline. */
  async #suspect(): Promise<void> {
    clearTimeout(this.#watchdog);
    this.#watchdog = undefined;
    if (this.#checking) return;
    this.#checking = true;
    const generation = this.#generation;
    let reachable = false;
    try {
      reachable = await this.#host.reachable();
    } finally {
      this.#checking = false;
    }
    const current = this.#current;
    if (generation !== this.#generation || !current || current.healthy) return;
    if (reachable && this.#worked.has(current.kind)) {
      // This kind has worked on this network, so nothing blocks it: the server was away (a
      // restart) and answers again. Open the same kind now instead of falling back, and
      // instead of waiting out the library's own retry backoff.
      this.#open(this.#level);
      return;
    }
    if (reachable && this.#level + 1 < this.#chain.length) {
      this.#open(this.#level + 1);
      return;
    }
    if (!reachable) this.#setPhase('offline');
    else if (this.#phase === 'offline' && !this.#browserOffline) this.#setPhase('connecting');
    if (current.dead) this.#scheduleReopen();
    else this.#armWatchdog();
  }

  /** Replace a dead transport by a new one of the same kind, after a backoff. */
  #scheduleReopen(): void {
    if (this.#reopenTimer !== undefined) return;
    const level = this.#level;
    this.#reopenTimer = setTimeout(() => {
      this.#reopenTimer = undefined;
      this.#open(level);
    }, this.#reopenBackoff.next());
  }

  #scheduleUpgrade(): void {
    if (this.#level === 0 || this.#upgradeTimer !== undefined) return;
    // Jittered, so a room full of clients behind the same proxy does not probe in step.
    const delay = this.#upgradeInterval * (0.75 + 0.5 * Math.random());
    this.#upgradeTimer = setTimeout(() => {
      this.#upgradeTimer = undefined;
      void this.#tryUpgrade();
    }, delay);
  }

  /** Probe each better transport on the side; switch to the first that delivers a SYNC. */
  async #tryUpgrade(): Promise<void> {
    const generation = this.#generation;
    for (let level = 0; level < this.#level; level++) {
      const kind = this.#chain[level]!;
      let candidate: Transport;
      try {
        candidate = this.#host.createTransport(kind, () => {});
      } catch {
        continue;
      }
      const works = await withTimeout(this.#host.probe(candidate), this.#timeout[kind] + 1_000);
      candidate.dispose();
      if (generation !== this.#generation) return;
      if (works) {
        this.#open(level);
        return;
      }
    }
    if (this.#current?.healthy) this.#scheduleUpgrade();
  }

  #setPhase(phase: LinkPhase): void {
    this.#phase = phase;
    const link = this.link;
    if (link.phase === this.#reported.phase && link.transport === this.#reported.transport) return;
    this.#reported = link;
    this.#host.linkChanged(link);
  }

  readonly #onOnline = (): void => {
    this.#browserOffline = false;
    this.reconnect();
  };

  readonly #onOffline = (): void => {
    this.#browserOffline = true;
    if (this.#phase !== 'stopped') this.#setPhase('offline');
  };
}
