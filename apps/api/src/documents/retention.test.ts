import { describe, expect, it } from 'vitest';
import { DEFAULT_RETENTION, versionsToThin } from './retention.js';

const HOUR = 3_600_000;
const now = Date.UTC(2026, 10, 21, 12);
const at = (hoursAgo: number) => new Date(now - hoursAgo * HOUR);

describe('versionsToThin', () => {
  it('keeps every recent automatic version and one per hour after a day', () => {
    const versions = [
      { version: 1, kind: 'AUTO', createdAt: new Date(Date.UTC(2026, 10, 19, 9, 10)) },
      { version: 2, kind: 'AUTO', createdAt: new Date(Date.UTC(2026, 10, 19, 9, 40)) },
      { version: 3, kind: 'AUTO', createdAt: new Date(Date.UTC(2026, 10, 19, 10, 5)) },
      { version: 4, kind: 'AUTO', createdAt: at(2) },
      { version: 5, kind: 'AUTO', createdAt: at(1) },
    ];
    expect(versionsToThin(versions, now, DEFAULT_RETENTION)).toEqual([1]);
  });

  it('never thins versions people asked for, nor the newest version', () => {
    const versions = [
      { version: 1, kind: 'NAMED', createdAt: at(24 * 40) },
      { version: 2, kind: 'MANUAL', createdAt: at(24 * 40) },
      { version: 3, kind: 'RESTORE', createdAt: at(24 * 40) },
      { version: 4, kind: 'AUTO', createdAt: at(24 * 40) },
      { version: 5, kind: 'AUTO', createdAt: at(24 * 40) },
    ];
    expect(versionsToThin(versions, now, DEFAULT_RETENTION)).toEqual([]);
  });

  it('keeps one per day within a month and one per week beyond', () => {
    const versions = [
      ...[0, 1, 2].map((i) => ({ version: 1 + i, kind: 'AUTO', createdAt: new Date(Date.UTC(2026, 10, 10, 8 + i)) })),
      ...[0, 1].map((i) => ({ version: 4 + i, kind: 'AUTO', createdAt: new Date(Date.UTC(2026, 6, 3 + i)) })),
      { version: 6, kind: 'AUTO', createdAt: at(1) },
    ];
    // 10 Nov: versions 1-3 share a day; 3-4 July 2026 fall in the same week (weeks count from Thursday 1970-01-01).
    expect(versionsToThin(versions, now, DEFAULT_RETENTION)).toEqual([1, 2, 4]);
  });
});
