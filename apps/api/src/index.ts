export { loadConfig, type Config } from './config.js';
export { startServer, type TandemServer, type ServerOptions, GRAPHQL_PATH } from './server.js';
export { createLogger } from './logger.js';
export { bodyText, stateText } from './documents/text.js';
