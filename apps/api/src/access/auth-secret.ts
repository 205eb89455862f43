// The secret that signs session cookies. Production must set AUTH_SECRET (config.ts refuses to
// start without it). Elsewhere one is made on first start and kept in the data folder, so
// sessions survive restarts and nothing has to be configured to try Tandem; better-auth's own
// fallback would be a secret everyone knows.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../logger.js';

const FILE = 'auth-secret';

export async function loadAuthSecret(options: { configured: string | undefined; dataDir: string; shared: boolean; log: Logger }): Promise<string> {
  if (options.configured) return options.configured;
  // A throwaway database (tests): a throwaway secret.
  if (options.dataDir.startsWith('memory://')) return randomBytes(32).toString('base64url');
  const path = join(options.dataDir, FILE);
  if (options.shared) {
    // Instances behind one load balancer must sign cookies alike: each would keep its own.
    options.log.warn('AUTH_SECRET is not set: each instance signs session cookies with its own secret; set it when running several', {
      file: path,
    });
  }
  try {
    const existing = (await readFile(path, 'utf8')).trim();
    if (existing.length >= 32) return existing;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const secret = randomBytes(32).toString('base64url');
  await mkdir(options.dataDir, { recursive: true });
  await writeFile(path, `${secret}\n`, { mode: 0o600 });
  return secret;
}
