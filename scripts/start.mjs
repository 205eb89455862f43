// `npm start`: turbo builds and starts the API and the web app (as before), and once both answer
// this prints one line saying where to go, so that the last thing a newcomer reads is not a
// build log, a JSON log line or Next's "Ready" with a LAN address but what to open.
// Ctrl-C (or SIGTERM) stops everything: turbo passes the signal on to both servers.
import { spawn } from 'node:child_process';
import { networkInterfaces } from 'node:os';

const apiPort = Number(process.env.PORT || 4000);
const webPort = Number(process.env.WEB_PORT || 3000);
const GIVE_UP_MS = 10 * 60_000;

const TURBO = new URL('../node_modules/.bin/turbo', import.meta.url).pathname;
const turbo = spawn(TURBO, ['run', 'start', '--filter=@tandem/api', '--filter=@tandem/web'], { stdio: 'inherit' });
let exited = false;
turbo.once('exit', (code, signal) => {
  exited = true;
  process.exitCode = code ?? (signal ? 1 : 0);
});
// Ctrl-C reaches turbo by itself (the terminal signals the whole process group); a SIGTERM to
// `npm start` alone is passed on.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => {
  if (!exited) turbo.kill('SIGTERM');
});

/** Resolves once `url` answers with a status below 500, or false if turbo gave up first. */
async function answers(url) {
  const deadline = Date.now() + GIVE_UP_MS;
  while (!exited && Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.status < 500) return true;
    } catch {
      // Not listening yet (still building, or starting).
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}

/** This machine's first LAN address, for others on the network. */
function lanAddress() {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) if (address.family === 'IPv4' && !address.internal) return address.address;
  }
  return null;
}

const [apiUp, webUp] = await Promise.all([answers(`http://127.0.0.1:${apiPort}/readyz`), answers(`http://127.0.0.1:${webPort}/`)]);
if (apiUp && webUp) {
  const lan = lanAddress();
  const others = lan ? ` (others on your network: http://${lan}:${webPort})` : '';
  process.stdout.write(`\nTandem is ready: open http://localhost:${webPort}${others}; API and GraphiQL at http://localhost:${apiPort}/graphql\n\n`);
} else if (!exited) {
  process.stdout.write(`\nTandem did not answer within ${GIVE_UP_MS / 60_000} minutes: see the messages above (API on port ${apiPort}, web app on port ${webPort}).\n\n`);
}
