import { describe, expect, it } from 'vitest';
import { BUSY_MS, overBudget, type BudgetCandidate } from './memory-budget.js';

const NOW = 100_000;
const doc = (id: string, bytes: number, idleFor: number, subscribers = 0): BudgetCandidate => ({
  id,
  bytes,
  lastActivity: NOW - idleFor,
  subscribers,
});

describe('overBudget', () => {
  it('evicts nothing within the budget, or without one', () => {
    expect(overBudget([doc('a', 50, 60_000), doc('b', 50, 60_000)], 100, NOW)).toEqual([]);
    expect(overBudget([doc('a', 5_000, 60_000)], 0, NOW)).toEqual([]);
  });

  it('evicts the least recently used idle documents first, only as many as needed', () => {
    const docs = [doc('recent', 40, 5_000), doc('oldest', 40, 50_000), doc('older', 40, 20_000)];
    expect(overBudget(docs, 100, NOW)).toEqual(['oldest']);
    expect(overBudget(docs, 50, NOW)).toEqual(['oldest', 'older']);
  });

  it('never evicts a watched document, one in use a moment ago, or the one being opened', () => {
    const docs = [doc('watched', 40, 50_000, 1), doc('busy', 40, BUSY_MS - 1), doc('opening', 40, 40_000), doc('idle', 40, 10_000)];
    expect(overBudget(docs, 10, NOW, 'opening')).toEqual(['idle']);
  });

  it('lets a document bigger than the budget open: every idle other goes, it stays', () => {
    const docs = [doc('huge', 1_000, 0), doc('a', 10, 30_000), doc('b', 10, 20_000)];
    expect(overBudget(docs, 100, NOW, 'huge')).toEqual(['a', 'b']);
  });
});
