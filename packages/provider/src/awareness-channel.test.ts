import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { AwarenessChannel } from './awareness-channel.js';

function setup() {
  const awareness = new Awareness(new Y.Doc());
  const pushed: Uint8Array[] = [];
  const origin = {};
  const channel = new AwarenessChannel({ awareness, origin, push: (update) => pushed.push(update), throttle: 50 });
  /** What another client makes of everything pushed so far. */
  const seenByOthers = () => {
    const other = new Awareness(new Y.Doc());
    for (const update of pushed) applyAwarenessUpdate(other, update, 'remote');
    const state = other.getStates().get(awareness.clientID);
    other.destroy();
    return state;
  };
  return { awareness, channel, pushed, origin, seenByOthers };
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('AwarenessChannel', () => {
  it('pushes nothing before the connection is live, then the full state', () => {
    const { awareness, channel, pushed, seenByOthers } = setup();
    awareness.setLocalStateField('user', { name: 'Ada' });
    vi.advanceTimersByTime(1000);
    expect(pushed).toHaveLength(0);
    channel.setLive(true);
    expect(pushed).toHaveLength(1);
    expect(seenByOthers()).toEqual({ user: { name: 'Ada' } });
  });

  it('throttles local changes into one push', () => {
    const { awareness, channel, pushed } = setup();
    channel.setLive(true);
    pushed.length = 0;
    for (let i = 0; i < 10; i++) awareness.setLocalStateField('cursor', i);
    expect(pushed).toHaveLength(0);
    vi.advanceTimersByTime(50);
    expect(pushed).toHaveLength(1);
  });

  it('applies remote updates and does not push other clients back', () => {
    const { awareness, channel, pushed } = setup();
    channel.setLive(true);
    pushed.length = 0;
    const other = new Awareness(new Y.Doc());
    other.setLocalStateField('user', { name: 'Bob' });
    channel.receive(encodeAwarenessUpdate(other, [other.clientID]));
    expect(awareness.getStates().get(other.clientID)).toEqual({ user: { name: 'Bob' } });
    vi.advanceTimersByTime(1000);
    expect(pushed).toHaveLength(0);
    other.destroy();
  });

  it('after a reconnect, outruns the removal the server made when the connection ended', () => {
    const { awareness, channel, pushed } = setup();
    awareness.setLocalStateField('user', { name: 'Ada' });
    channel.setLive(true);
    // Another client got our state, then the server's removal of it (clock + 1).
    const other = new Awareness(new Y.Doc());
    for (const update of pushed) applyAwarenessUpdate(other, update, 'remote');
    const server = new Awareness(new Y.Doc());
    for (const update of pushed) applyAwarenessUpdate(server, update, 'remote');
    removeAwarenessStates(server, [awareness.clientID], 'closed');
    applyAwarenessUpdate(other, encodeAwarenessUpdate(server, [awareness.clientID]), 'remote');
    expect(other.getStates().has(awareness.clientID)).toBe(false);

    channel.setLive(false);
    channel.setLive(true);
    applyAwarenessUpdate(other, pushed.at(-1)!, 'remote');
    expect(other.getStates().get(awareness.clientID)).toEqual({ user: { name: 'Ada' } });
    other.destroy();
    server.destroy();
  });

  it('removes our state for everyone on destroy', () => {
    const { awareness, channel, seenByOthers } = setup();
    awareness.setLocalStateField('user', { name: 'Ada' });
    channel.setLive(true);
    expect(seenByOthers()).toBeDefined();
    channel.destroy();
    expect(awareness.getLocalState()).toBeNull();
    expect(seenByOthers()).toBeUndefined();
    expect(vi.getTimerCount()).toBe(1); // the Awareness' own check interval
  });
});
