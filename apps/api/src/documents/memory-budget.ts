// Which live documents leave memory so that all of them together stay within
// LIVE_DOCUMENTS_MAX_BYTES (their encoded size, see document-sizes.ts): idle ones only (nobody
// subscribed, not used in the last moment, so a request still working with one keeps it), the
// least recently used first, and never the one being opened: a document bigger than the whole
// budget still opens, and the others make room for it. The budget is a soft bound: a document
// that cannot go yet is looked at again on the next load, growth or sweep.

/** Used this recently, a document is not idle: a request may still be working with it. */
export const BUSY_MS = 1_000;

export interface BudgetCandidate {
  id: string;
  bytes: number;
  lastActivity: number;
  subscribers: number;
}

/** Ids to evict, in order, to bring `candidates` within `maxBytes` (0: no budget). */
export function overBudget(candidates: BudgetCandidate[], maxBytes: number, now: number, keep?: string): string[] {
  if (maxBytes <= 0) return [];
  let total = candidates.reduce((sum, candidate) => sum + candidate.bytes, 0);
  if (total <= maxBytes) return [];
  const idle = candidates
    .filter((candidate) => candidate.id !== keep && candidate.subscribers === 0 && now - candidate.lastActivity >= BUSY_MS)
    .sort((a, b) => a.lastActivity - b.lastActivity);
  const evict: string[] = [];
  for (const candidate of idle) {
    if (total <= maxBytes) break;
    evict.push(candidate.id);
    total -= candidate.bytes;
  }
  return evict;
}
