'use client';

// Two people may pick the same colour (or get it by chance): then the carets and avatars
// cannot tell them apart. Everyone keeps the colour they chose unless someone who joined the
// document's awareness with a lower client id shows it already; then they show the first
// colour nobody below them uses. Every client applies the same rule to the same states, so it
// settles without negotiation, and the chosen colour comes back when the clash is gone.
import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { COLORS } from '@/lib/identity';

/** The colour to show: `preferred`, unless `taken` has it; then the next free one in the palette. */
export function distinctColor(preferred: string, taken: ReadonlySet<string>): string {
  if (!taken.has(preferred.toLowerCase())) return preferred;
  const start = Math.max(0, COLORS.findIndex((color) => color === preferred.toLowerCase()));
  for (let step = 1; step <= COLORS.length; step += 1) {
    const candidate = COLORS[(start + step) % COLORS.length]!;
    if (!taken.has(candidate)) return candidate;
  }
  return preferred; // more people than colours: a clash cannot be avoided
}

function colorsBelow(awareness: Awareness): Set<string> {
  const taken = new Set<string>();
  awareness.getStates().forEach((state, clientId) => {
    const color = (state as { user?: { color?: unknown } }).user?.color;
    if (clientId < awareness.clientID && typeof color === 'string') taken.add(color.toLowerCase());
  });
  return taken;
}

export function useDistinctColor(awareness: Awareness | null, preferred: string): string {
  const [color, setColor] = useState(preferred);
  useEffect(() => {
    if (!awareness) {
      setColor(preferred);
      return;
    }
    const update = () => setColor(distinctColor(preferred, colorsBelow(awareness)));
    update();
    awareness.on('change', update);
    return () => awareness.off('change', update);
  }, [awareness, preferred]);
  return color;
}
