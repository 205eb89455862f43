'use client';

import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';

export interface Person {
  readonly clientId: number;
  readonly name: string;
  readonly color: string;
  readonly self: boolean;
}

function read(awareness: Awareness): Person[] {
  const people: Person[] = [];
  awareness.getStates().forEach((state, clientId) => {
    const user = (state as { user?: { name?: unknown; color?: unknown } }).user;
    if (!user || typeof user.name !== 'string') return;
    people.push({
      clientId,
      name: user.name,
      color: typeof user.color === 'string' ? user.color : '#6b665e',
      self: clientId === awareness.clientID,
    });
  });
  // You first, then everyone else in a stable order.
  return people.sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name) || a.clientId - b.clientId);
}

/** Everyone whose awareness state names them, from the awareness of this document. */
export function usePresence(awareness: Awareness | null): Person[] {
  const [people, setPeople] = useState<Person[]>([]);
  useEffect(() => {
    if (!awareness) return;
    const update = () => setPeople(read(awareness));
    update();
    awareness.on('change', update);
    return () => awareness.off('change', update);
  }, [awareness]);
  return people;
}
