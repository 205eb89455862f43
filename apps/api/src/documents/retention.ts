// Which automatic versions to let go as they age, so history stays useful without growing
// without bound (the update log is already compacted behind every version). Like backup
// rotation: every automatic version of the last `keepAllMs`, then the newest one per hour
// until `hourlyMs`, per day until `dailyMs`, and per week after that. Versions a person asked
// for (MANUAL, NAMED, RESTORE) and the newest version of all are never thinned.
export interface RetentionPolicy {
  keepAllMs: number;
  hourlyMs: number;
  dailyMs: number;
}

export interface VersionInfo {
  version: number;
  kind: string;
  createdAt: Date;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

export const DEFAULT_RETENTION: RetentionPolicy = { keepAllMs: DAY, hourlyMs: 7 * DAY, dailyMs: 30 * DAY };

function bucketOf(createdAt: number, now: number, policy: RetentionPolicy): string | null {
  const age = now - createdAt;
  if (age < policy.keepAllMs) return null;
  if (age < policy.hourlyMs) return `h${Math.floor(createdAt / HOUR)}`;
  if (age < policy.dailyMs) return `d${Math.floor(createdAt / DAY)}`;
  return `w${Math.floor(createdAt / WEEK)}`;
}

/** Version numbers to thin, given every version of one document. */
export function versionsToThin(versions: VersionInfo[], now: number, policy: RetentionPolicy): number[] {
  const newest = Math.max(...versions.map((v) => v.version));
  const keptPerBucket = new Set<string>();
  const thin: number[] = [];
  // Newest first, so each bucket keeps its newest version.
  for (const v of [...versions].sort((a, b) => b.version - a.version)) {
    if (v.kind !== 'AUTO' || v.version === newest) continue;
    const bucket = bucketOf(v.createdAt.getTime(), now, policy);
    if (bucket === null) continue;
    if (keptPerBucket.has(bucket)) thin.push(v.version);
    else keptPerBucket.add(bucket);
  }
  return thin.sort((a, b) => a - b);
}
