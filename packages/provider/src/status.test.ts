import { describe, expect, it } from 'vitest';
import { sameStatus, statusOf } from './status.js';

const doc = { synced: true, deleted: false, denied: null, pending: 3, refused: 1 };

describe('statusOf', () => {
  it.each([
    [{ phase: 'connected', transport: 'sse' }, doc, { state: 'connected', transport: 'sse', synced: true, pending: 3, refused: 1 }],
    [{ phase: 'connecting', transport: 'websocket' }, doc, { state: 'connecting', transport: 'websocket', synced: false, pending: 3, refused: 1 }],
    [{ phase: 'offline', transport: 'polling' }, doc, { state: 'offline', transport: 'polling', synced: false, pending: 3, refused: 1 }],
    [{ phase: 'stopped', transport: null }, doc, { state: 'offline', transport: null, synced: false, pending: 3, refused: 1 }],
    [{ phase: 'connected', transport: 'websocket' }, { ...doc, deleted: true }, { state: 'deleted', transport: null, synced: false, pending: 3, refused: 1 }],
    [
      { phase: 'stopped', transport: null },
      { ...doc, denied: 'forbidden' },
      { state: 'denied', transport: null, synced: false, reason: 'forbidden', pending: 3, refused: 1 },
    ],
  ] as const)('%j with %j is %j', (link, document, expected) => {
    expect(statusOf(link, document)).toEqual(expected);
  });

  it('compares statuses by value', () => {
    const a = statusOf({ phase: 'connected', transport: 'sse' }, doc);
    expect(sameStatus(a, { ...a })).toBe(true);
    expect(sameStatus(a, { ...a, pending: 0 })).toBe(false);
    expect(sameStatus(a, { ...a, refused: 0 })).toBe(false);
  });
});
