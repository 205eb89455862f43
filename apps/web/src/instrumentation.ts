// Runs once when the server starts: a malformed API URL stops `next start` with a clear
// message instead of every page failing later.
import { readConfig } from './lib/config';

export function register(): void {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  try {
    readConfig();
  } catch (error) {
    console.error(`[tandem web] ${(error as Error).message}`);
    process.exit(1);
  }
}
