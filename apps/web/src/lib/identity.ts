// The name and colour a person is shown with to others. Picked once, kept in localStorage.
export interface Identity {
  readonly name: string;
  readonly color: string;
}

const KEY = 'tandem:identity';
export const NAME_MAX = 40;

// Distinct at a glance, and dark enough for white label text (WCAG AA on #fff).
export const COLORS = ['#c2410c', '#b91c1c', '#be185d', '#7e22ce', '#4338ca', '#0369a1', '#0f766e', '#15803d', '#a16207'] as const;

export function randomColor(): string {
  return COLORS[Math.floor(Math.random() * COLORS.length)]!;
}

export function loadIdentity(): Identity | null {
  try {
    const raw = window.localStorage.getItem(KEY);
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<Identity>;
    if (typeof value.name !== 'string' || !value.name.trim()) return null;
    const color = typeof value.color === 'string' && /^#[0-9a-f]{6}$/i.test(value.color) ? value.color : randomColor();
    return { name: value.name.trim().slice(0, NAME_MAX), color };
  } catch {
    return null;
  }
}

export function saveIdentity(identity: Identity): void {
  try {
    window.localStorage.setItem(KEY, JSON.stringify(identity));
  } catch {
    // Private mode or a full quota: the name holds for this visit only.
  }
}

export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0]![0], words[words.length - 1]![0]] : [...(words[0] ?? '?')].slice(0, 2);
  return letters.join('').toUpperCase();
}
