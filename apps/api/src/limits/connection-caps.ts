// Open long-lived connections (WebSocket sockets, SSE event streams), counted per caller, and
// capped so that one address cannot hold the server's sockets and memory alone. A cap of 0
// means no cap. The key is the caller's (limits/caller-keys.ts): an address today, an account as
// well once accounts exist.
import type { Transport } from '../metrics/metrics.js';

export type ConnectionCapsConfig = Record<Transport, number>;

export class ConnectionCaps {
  private readonly open = new Map<string, number>();
  private readonly totals: Record<Transport, number> = { websocket: 0, sse: 0 };

  constructor(private readonly perCaller: ConnectionCapsConfig) {}

  /**
   * Counts a new connection of `key`; returns the function that uncounts it (safe to call
   * more than once), or null when `key` already holds its cap of them.
   */
  tryOpen(transport: Transport, key: string): (() => void) | null {
    const slot = `${transport} ${key}`;
    const held = this.open.get(slot) ?? 0;
    const cap = this.perCaller[transport];
    if (cap > 0 && held >= cap) return null;
    this.open.set(slot, held + 1);
    this.totals[transport] += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.totals[transport] -= 1;
      const left = (this.open.get(slot) ?? 1) - 1;
      if (left > 0) this.open.set(slot, left);
      else this.open.delete(slot);
    };
  }

  /** Open connections of every caller, by transport. */
  counts(): Record<Transport, number> {
    return { ...this.totals };
  }
}
