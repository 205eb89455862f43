import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Connector, type ConnectorHost, type Link } from './connector.js';
import type { Transport, TransportEvent, TransportKind, TransportListener, TransportMode } from './transport/types.js';

interface Fake {
  readonly kind: TransportKind;
  readonly transport: Transport;
  emit(event: TransportEvent): void;
  disposed: boolean;
}

function setup(mode: TransportMode = 'auto', options: { unavailable?: TransportKind[] } = {}) {
  const created: Fake[] = [];
  const links: string[] = [];
  let reachable = true;
  let probeWorks = false;
  const host: ConnectorHost = {
    createTransport(kind: TransportKind, onEvent: TransportListener) {
      if (options.unavailable?.includes(kind)) throw new Error(`no ${kind}`);
      const fake: Fake = {
        kind,
        disposed: false,
        emit: (event) => onEvent(event),
        transport: {
          kind,
          subscribe: () => () => {},
          request: () => Promise.resolve(null),
          dispose: () => {
            fake.disposed = true;
          },
        },
      };
      created.push(fake);
      return fake.transport;
    },
    attach: vi.fn(),
    detach: vi.fn(),
    transportEvent: vi.fn(),
    probe: () => (probeWorks ? Promise.resolve() : new Promise(() => {})),
    reachable: () => Promise.resolve(reachable),
    linkChanged: (link: Link) => links.push(`${link.phase}/${link.transport}`),
    transportFailed: vi.fn(),
  };
  const connector = new Connector(host, { mode, upgradeInterval: 40_000, backoff: { initial: 1000, jitter: 0 } });
  return {
    connector,
    host,
    created,
    links,
    current: () => created.filter((fake) => !fake.disposed).at(-1),
    setReachable: (value: boolean) => (reachable = value),
    setProbeWorks: (value: boolean) => (probeWorks = value),
  };
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('Connector fallback', () => {
  it('starts on WebSocket and stays there once it is acknowledged', async () => {
    const { connector, created, links } = setup();
    connector.start();
    created[0]!.emit({ type: 'connecting' });
    created[0]!.emit({ type: 'connected' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(created).toHaveLength(1);
    expect(links).toEqual(['connecting/websocket', 'connected/websocket']);
  });

  it('falls back to SSE when the socket closes before the ack and HTTP works', async () => {
    const { connector, created, current } = setup();
    connector.start();
    created[0]!.emit({ type: 'connecting' });
    created[0]!.emit({ type: 'disconnected' });
    await vi.advanceTimersByTimeAsync(0);
    expect(created[0]!.disposed).toBe(true);
    expect(current()?.kind).toBe('sse');
  });

  it('falls back to SSE when no ack arrives within 4 s', async () => {
    const { connector, current } = setup();
    connector.start();
    current()!.emit({ type: 'connecting' });
    await vi.advanceTimersByTimeAsync(3_999);
    expect(current()?.kind).toBe('websocket');
    await vi.advanceTimersByTimeAsync(1);
    expect(current()?.kind).toBe('sse');
  });

  it('stays on WebSocket and reports offline when HTTP fails too (the server is down)', async () => {
    const { connector, current, links, setReachable } = setup();
    setReachable(false);
    connector.start();
    current()!.emit({ type: 'connecting' });
    current()!.emit({ type: 'disconnected' });
    await vi.advanceTimersByTimeAsync(30_000);
    expect(current()?.kind).toBe('websocket');
    expect(links.at(-1)).toBe('offline/websocket');
    current()!.emit({ type: 'connecting' });
    current()!.emit({ type: 'connected' });
    expect(links.at(-1)).toBe('connected/websocket');
  });

  it('does not fall back when a working WebSocket drops: it reconnects', async () => {
    const { connector, current } = setup();
    connector.start();
    current()!.emit({ type: 'connected' });
    current()!.emit({ type: 'disconnected' });
    await vi.advanceTimersByTimeAsync(1000);
    expect(current()?.kind).toBe('websocket');
  });

  it('stays on WebSocket after a server restart: reconnect attempts fail while HTTP comes back first', async () => {
    const { connector, current, setReachable } = setup();
    connector.start();
    current()!.emit({ type: 'connected' });
    // The server goes away: the socket drops and the library's retries fail for a while.
    setReachable(false);
    current()!.emit({ type: 'disconnected' });
    for (let i = 0; i < 3; i++) {
      current()!.emit({ type: 'connecting' });
      current()!.emit({ type: 'disconnected' });
      await vi.advanceTimersByTimeAsync(5_000);
    }
    // It is back: HTTP answers before the socket's next retry.
    setReachable(true);
    current()!.emit({ type: 'connecting' });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(current()?.kind).toBe('websocket');
    current()!.emit({ type: 'connected' });
    expect(current()?.kind).toBe('websocket');
  });

  it('falls back from SSE to polling when the stream opens but SYNC never comes (buffering proxy)', async () => {
    const { connector, current } = setup('auto', { unavailable: ['websocket'] });
    connector.start();
    expect(current()?.kind).toBe('sse');
    current()!.emit({ type: 'connecting' });
    current()!.emit({ type: 'connected' });
    await vi.advanceTimersByTimeAsync(4_999);
    expect(current()?.kind).toBe('sse');
    await vi.advanceTimersByTimeAsync(1);
    expect(current()?.kind).toBe('polling');
  });

  it('keeps SSE once SYNC arrives', async () => {
    const { connector, current } = setup('auto', { unavailable: ['websocket'] });
    connector.start();
    current()!.emit({ type: 'connected' });
    connector.markSynced();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(current()?.kind).toBe('sse');
  });

  it('never falls back from a forced transport', async () => {
    const { connector, current, links } = setup('websocket');
    connector.start();
    current()!.emit({ type: 'connecting' });
    current()!.emit({ type: 'disconnected' });
    await vi.advanceTimersByTimeAsync(30_000);
    expect(current()?.kind).toBe('websocket');
    expect(links.at(-1)).toBe('connecting/websocket');
  });

  it('skips a transport that cannot be created and reports it', () => {
    const { connector, current, host } = setup('auto', { unavailable: ['websocket'] });
    connector.start();
    expect(current()?.kind).toBe('sse');
    expect(host.transportFailed).toHaveBeenCalledWith('websocket', expect.any(Error));
  });
});

describe('Connector recovery', () => {
  it('replaces a transport that failed after working, with backoff', async () => {
    const { connector, created } = setup();
    connector.start();
    created[0]!.emit({ type: 'connected' });
    created[0]!.emit({ type: 'failed', error: new Error('4500') });
    await vi.advanceTimersByTimeAsync(999);
    expect(created).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(created).toHaveLength(2);
    expect(created[1]!.kind).toBe('websocket');
  });

  it('tries the better transport again and upgrades when its probe delivers', async () => {
    const { connector, current, created, links, setProbeWorks } = setup();
    connector.start();
    current()!.emit({ type: 'disconnected' });
    await vi.advanceTimersByTimeAsync(0);
    expect(current()?.kind).toBe('sse');
    current()!.emit({ type: 'connected' });
    connector.markSynced();

    // A probe that never delivers: stay on SSE.
    await vi.advanceTimersByTimeAsync(50_000 + 5_000);
    expect(current()?.kind).toBe('sse');
    const probes = created.filter((fake) => fake.kind === 'websocket').length;
    expect(probes).toBeGreaterThan(1);

    setProbeWorks(true);
    for (let waited = 0; waited < 60_000 && current()?.kind !== 'websocket'; waited += 500) {
      await vi.advanceTimersByTimeAsync(500);
    }
    expect(links.at(-1)).toBe('connecting/websocket');
    current()!.emit({ type: 'connected' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(links.at(-1)).toBe('connected/websocket');
  });

  it('stop disposes everything and ignores late events', async () => {
    const { connector, created, links } = setup();
    connector.start();
    connector.stop();
    expect(created[0]!.disposed).toBe(true);
    created[0]!.emit({ type: 'connected' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(links).toEqual(['connecting/websocket', 'stopped/null']);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('Connector and the browser network events', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('shows offline at once and reconnects from the top when the network comes back', () => {
    const listeners = new Map<string, () => void>();
    vi.stubGlobal('addEventListener', (type: string, listener: () => void) => listeners.set(type, listener));
    vi.stubGlobal('removeEventListener', (type: string) => listeners.delete(type));
    const { connector, created, links } = setup();
    connector.start();
    created[0]!.emit({ type: 'connected' });
    listeners.get('offline')!();
    expect(links.at(-1)).toBe('offline/websocket');
    listeners.get('online')!();
    expect(created).toHaveLength(2);
    expect(created[0]!.disposed).toBe(true);
    expect(links.at(-1)).toBe('connecting/websocket');
    connector.stop();
    expect(listeners.size).toBe(0);
  });
});
