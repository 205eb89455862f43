import { describe, expect, it } from 'vitest';
import { ConnectionCaps } from './connection-caps.js';

describe('ConnectionCaps', () => {
  it('refuses a caller past its cap per transport, and frees a slot when one closes', () => {
    const caps = new ConnectionCaps({ websocket: 2, sse: 1 });
    const a1 = caps.tryOpen('websocket', 'a');
    const a2 = caps.tryOpen('websocket', 'a');
    expect(a1 && a2).toBeTruthy();
    expect(caps.tryOpen('websocket', 'a')).toBeNull();
    // Another caller, and another transport, have caps of their own.
    expect(caps.tryOpen('websocket', 'b')).not.toBeNull();
    expect(caps.tryOpen('sse', 'a')).not.toBeNull();
    expect(caps.tryOpen('sse', 'a')).toBeNull();
    expect(caps.counts()).toEqual({ websocket: 3, sse: 1 });
    a1!();
    a1!(); // releasing twice frees one slot, not two
    expect(caps.counts()).toEqual({ websocket: 2, sse: 1 });
    expect(caps.tryOpen('websocket', 'a')).not.toBeNull();
    expect(caps.tryOpen('websocket', 'a')).toBeNull();
  });

  it('counts without refusing when the cap is 0', () => {
    const caps = new ConnectionCaps({ websocket: 0, sse: 0 });
    for (let i = 0; i < 1000; i++) expect(caps.tryOpen('sse', 'a')).not.toBeNull();
    expect(caps.counts().sse).toBe(1000);
  });
});
