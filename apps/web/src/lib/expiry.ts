// Expiry choices for links and tokens, as people pick them.
export const EXPIRY_CHOICES = [
  { label: 'Never', days: null },
  { label: 'In 1 day', days: 1 },
  { label: 'In 7 days', days: 7 },
  { label: 'In 30 days', days: 30 },
  { label: 'In 1 year', days: 365 },
] as const;

export function expiresAtFor(days: number | null, now = Date.now()): string | null {
  return days === null ? null : new Date(now + days * 24 * 60 * 60 * 1000).toISOString();
}

export function formatDate(iso: string | null): string {
  if (!iso) return 'never';
  return new Date(iso).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}
