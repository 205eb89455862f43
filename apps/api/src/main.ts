// `npm run start:api`: the API alone, configured by the environment (see config.ts).
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { startServer } from './server.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`tandem: configuration error: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  const log = createLogger(config.logLevel);
  const server = await startServer(config, { log });
  // Machine-readable for tests and scripts that start the API on port 0.
  if (process.env.TANDEM_PRINT_URL) process.stdout.write(`${JSON.stringify({ url: server.url, port: server.port })}\n`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      server.close().then(
        () => process.exit(0),
        (error) => {
          log.error('shutdown failed', { error });
          process.exit(1);
        },
      );
    });
  }
}

main().catch((error: Error) => {
  console.error(`tandem: could not start: ${error.message}`);
  process.exit(1);
});
