// One HTTP server, one port, one path (/graphql): HTTP POST for queries and mutations, SSE
// (yoga's own mode, and graphql-sse's single-connection mode at /graphql/stream) and
// graphql-ws over WebSocket. The WebSocket path goes through yoga.getEnveloped, so every
// yoga plugin (limits, error masking) and the context apply to it too.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { createYoga } from 'graphql-yoga';
import { createAuthRoutes, isAuthRoute } from './access/auth-routes.js';
import { createAccessLayer, type AccessLayer } from './access/index.js';
import type { Config } from './config.js';
import { ContentService } from './content/content-service.js';
import { createImageRoute, isImageRoute } from './images/image-route.js';
import { ImageService } from './images/image-service.js';
import { ImageStore } from './images/image-store.js';
import { openDatabase, type Database } from './db/database.js';
import { DocumentService } from './documents/service.js';
import { DocumentStore } from './documents/store.js';
import { GuardStore } from './documents/guard-store.js';
import { createLocalBus, type FanoutBus } from './fanout/bus.js';
import { createRedisBus } from './fanout/redis-bus.js';
import type { TandemContext, TandemServices } from './graphql/context.js';
import { createMaskError } from './graphql/errors.js';
import { identify, type IdentityOptions } from './graphql/request-info.js';
import { createTandemSchema } from './graphql/schema.js';
import { trackInFlight } from './in-flight.js';
import { createLogger, type Logger } from './logger.js';
import { useGraphQLSSE } from './plugins/use-graphql-sse.js';
import { useArmor } from './plugins/use-armor.js';
import { useRequestSizeLimit } from './plugins/use-request-size-limit.js';
import { responseCookiesFor, useResponseCookies } from './plugins/use-response-cookies.js';
import { useSharedEventResults } from './plugins/use-shared-event-results.js';
import { useSubscriptionErrorResult } from './plugins/use-subscription-error-result.js';
import { readMigrations } from './db/migrate.js';
import { renderLocalGraphiQL } from './graphiql.js';
import { checkReadiness } from './health/readiness.js';
import { identifyByAddress, type IdentifyOperation } from './limits/caller-keys.js';
import { ConnectionCaps } from './limits/connection-caps.js';
import { createRateLimits } from './limits/rate-limits.js';
import { capWebSockets } from './limits/websocket-caps.js';
import { createMetrics } from './metrics/metrics.js';
import { createAddressOf } from './net/client-address.js';
import { useEventStreamCaps } from './plugins/use-event-stream-caps.js';
import { useHealth } from './plugins/use-health.js';
import { useMetricsEndpoint } from './plugins/use-metrics-endpoint.js';
import { useOperationMetrics } from './plugins/use-operation-metrics.js';
import { useRateLimits } from './plugins/use-rate-limits.js';
import { useNoNulCharacters } from './plugins/use-no-nul-characters.js';
import { useUnbufferedEventStreams } from './plugins/use-unbuffered-event-streams.js';
import { serveWebSocket, type SocketConnection } from './websocket.js';
import { CommentService } from './comments/comment-service.js';
import { CommentStore } from './comments/comment-store.js';
import { ThreadEvents } from './comments/thread-events.js';
import { SearchIndexer } from './search/indexer.js';
import { SearchService } from './search/search-service.js';
import { SearchStore } from './search/search-store.js';

export const GRAPHQL_PATH = '/graphql';
/** Room for the query text and other variables around the largest update's base64. */
const REQUEST_OVERHEAD_BYTES = 64 * 1024;
/** How long shutdown waits for in-flight requests to finish before closing connections. */
const SHUTDOWN_GRACE_MS = 2000;

export interface TandemServer {
  url: string;
  port: number;
  documents: DocumentService;
  database: Database;
  access: AccessLayer;
  close(): Promise<void>;
}

export interface ServerOptions {
  /** The clock used for versions and timestamps; tests inject their own. */
  now?: () => number;
  log?: Logger;
}

export async function startServer(config: Config, options: ServerOptions = {}): Promise<TandemServer> {
  const log = options.log ?? createLogger(config.logLevel);
  const now = options.now ?? Date.now;
  const metrics = createMetrics();
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, log });
  let bus: FanoutBus;
  let access: AccessLayer;
  try {
    bus = config.redisUrl
      ? await createRedisBus(config.redisUrl, log, { onLag: (seconds) => metrics.fanoutLagSeconds.observe(seconds) })
      : createLocalBus();
    // Access runs on the wall clock (sessions, links and tokens expire in real time), not on
    // the clock tests may inject for versions.
    access = await createAccessLayer({ prisma: database.prisma, config, log, now: Date.now });
  } catch (error) {
    await database.close();
    throw error;
  }
  const store = new DocumentStore(database.prisma, () => new Date(now()), database.rawQuery);
  // Set once the documents exist (the indexer reads their text); changes before that are none.
  let indexer: SearchIndexer | null = null;
  const documents = new DocumentService(store, bus, log, {
    maxUpdateBytes: config.maxUpdateBytes,
    documentIdleMs: config.documentIdleMs,
    liveDocumentsMaxBytes: config.operations.liveDocumentsMaxBytes,
    guard: {
      store: new GuardStore(database.prisma, () => new Date(now())),
      limits: { ...config.operations.quarantine, observe: (outcome) => metrics.heldUpdates.inc({ outcome }) },
    },
    versions: { everyUpdates: config.snapshotEveryUpdates, everyMs: config.snapshotEveryMs, idleMs: config.snapshotIdleMs },
    retention: { keepAllMs: config.versionsKeepAllMs, hourlyMs: config.versionsHourlyMs, dailyMs: config.versionsDailyMs },
    now,
    observeCommit: (size, seconds) => {
      metrics.commitBatchSize.observe(size);
      metrics.commitSeconds.observe(seconds);
    },
    onEvicted: (reason) => metrics.evictions.inc({ reason }),
    onContentChanged: (documentId) => indexer?.schedule(documentId),
  });
  const searchStore = new SearchStore(database.prisma, database.rawQuery);
  indexer = new SearchIndexer(searchStore, (id) => documents.searchText(id), log, {
    delayMs: config.searchIndexDelayMs,
    maxDelayMs: 10 * config.searchIndexDelayMs,
  });
  const searchIndexer = indexer;
  const commentStore = new CommentStore(database.prisma, () => new Date(now()));
  const images = new ImageStore(database.prisma);
  const services: TandemServices = {
    documents,
    access: access.access,
    sharing: access.sharing,
    accounts: access.accounts,
    invitations: access.invitations,
    apiTokens: access.apiTokens,
    administration: access.administration,
    content: new ContentService(documents, images, config.maxUpdateBytes),
    images: new ImageService(images, documents, config.maxImageBytes),
    search: new SearchService(searchStore, store),
    comments: new CommentService(commentStore, new ThreadEvents(bus, commentStore, log), documents),
    log,
    limits: { subscriberBacklogBytes: config.subscriberBacklogBytes },
  };
  const maxRequestBytes = Math.ceil((config.maxUpdateBytes * 4) / 3) + REQUEST_OVERHEAD_BYTES;
  const { operations } = config;
  const addressOf = createAddressOf(operations.trustedProxies);
  const identity: IdentityOptions = { credentials: access.credentials, origins: access.origins, publicUrl: config.publicUrl, addressOf };
  const identifyRequest = identifyByAddress(addressOf);
  // Limits count an account's operations under the account, others' under their address (limits/caller-keys.ts).
  const identifyOperation: IdentifyOperation = (context) => {
    const { caller, request } = context as TandemContext;
    return {
      address: request.address,
      accountId: caller.kind === 'account' ? caller.account.id : null,
      linkId: caller.kind === 'guest' ? caller.link.id : null,
    };
  };
  const caps = new ConnectionCaps({ websocket: operations.websocketsPerAddress, sse: operations.eventStreamsPerAddress });
  const rateLimits = createRateLimits(
    {
      writes: { points: operations.rateLimits.writesPerMinute, durationSeconds: operations.rateLimits.windowSeconds },
      expensive: { points: operations.rateLimits.expensivePerMinute, durationSeconds: operations.rateLimits.windowSeconds },
    },
    { redisUrl: config.redisUrl, log },
  );
  const migrations = (await readMigrations()).map((migration) => migration.name);
  let shuttingDown = false;
  const readiness = () =>
    checkReadiness({ prisma: database.prisma, migrations, redisConnected: () => bus.connected(), shuttingDown: () => shuttingDown });

  const yoga = createYoga({
    schema: createTandemSchema({ maxBase64Bytes: config.maxUpdateBytes }),
    graphqlEndpoint: GRAPHQL_PATH,
    // HTTP and SSE identify the caller per request; a WebSocket once per connection, and
    // websocket.ts hands over a context that holds everything already.
    context: async (initial): Promise<Partial<TandemContext>> => {
      const { connection, request, req } = initial as { connection?: SocketConnection; request: Request; req?: IncomingMessage };
      if (connection) return {};
      const found = await identify(identity, { headers: request.headers, authorization: request.headers.get('authorization'), node: req });
      found.info.responseCookies = responseCookiesFor(request);
      return { ...services, caller: found.caller, request: found.info };
    },
    // Credentials (the session cookie) only for the web app's pages; see access/origins.ts.
    cors: (request) => {
      const origin = request.headers.get('origin');
      if (!origin || !access.origins.allows(origin, request.headers.get('host'), request.headers.get('sec-fetch-site'))) return false;
      // Methods and headers are the request's own (graphql-sse reserves its stream with PUT
      // and names it in a header of its own): the origin is what decides.
      return { origin, credentials: true };
    },
    graphiql: !config.production,
    renderGraphiQL: renderLocalGraphiQL,
    // Also bounds bodies sent without a Content-Length (chunked), by counting as they stream.
    maxRequestBodySize: maxRequestBytes,
    landingPage: false,
    maskedErrors: { maskError: createMaskError(log) },
    logging: {
      debug: (...args) => log.debug('yoga', { detail: args.map(String).join(' ') }),
      info: (...args) => log.debug('yoga', { detail: args.map(String).join(' ') }),
      warn: (...args) => log.warn('yoga', { detail: args.map(String).join(' ') }),
      // Yoga logs every error it returns, clients' mistakes included; the unexpected ones
      // are logged at `error` by maskError, with context.
      error: (...args) => log.debug('yoga', { detail: args.map(String).join(' ') }),
    },
    plugins: [
      useHealth(readiness),
      useMetricsEndpoint({ metrics, token: operations.metricsToken, addressOf }),
      useEventStreamCaps({ caps, identify: identifyRequest, metrics }),
      useRequestSizeLimit(maxRequestBytes),
      useArmor(operations.query, { hideSuggestions: config.production }),
      // Before the rate limits, so that what they refuse is counted too (as RATE_LIMITED).
      useOperationMetrics(metrics),
      useRateLimits({ limits: rateLimits, identify: identifyOperation, metrics }),
      useNoNulCharacters(),
      useSubscriptionErrorResult(),
      useSharedEventResults(),
      useGraphQLSSE(),
      useUnbufferedEventStreams(),
      useResponseCookies(),
    ],
  });

  const authRoutes = createAuthRoutes(access.auth, access.origins);
  const imageRoute = createImageRoute({ store: services.images.store, access: access.access, identity, origins: access.origins, log });
  const http: Server = createServer((req, res) =>
    isAuthRoute(req.url) ? authRoutes(req, res) : isImageRoute(req.url) ? imageRoute(req, res) : yoga(req, res),
  );
  const requests = trackInFlight(http);
  const websocket = serveWebSocket(http, yoga as never, {
    path: GRAPHQL_PATH,
    maxPayload: maxRequestBytes,
    identity,
    admit: capWebSockets({ caps, identify: identifyRequest, metrics }),
    events: access.events,
    log,
    pingMs: config.websocketPingMs,
    services,
  });
  metrics.observe({
    connections: () => caps.counts(),
    liveDocuments: () => documents.registry.stats(),
    redisConnected: () => bus.connected(),
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(config.port, config.host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  const port = (http.address() as AddressInfo).port;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}${GRAPHQL_PATH}`;
  log.info('tandem api listening', { url, database: database.kind, fanout: config.redisUrl ? 'redis' : 'in-process' });
  // Documents changed before this version, or while the last process was stopping, become
  // searchable in the background; search answers meanwhile from what is indexed.
  void searchIndexer.backfill().catch((error) => log.warn('search backfill failed', { error }));

  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      shuttingDown = true;
      if (operations.shutdownDelayMs > 0) {
        // Load balancers see /readyz fail and stop sending new clients before we stop accepting.
        log.info('shutting down: not ready, still serving', { delayMs: operations.shutdownDelayMs });
        await new Promise((resolve) => setTimeout(resolve, operations.shutdownDelayMs));
      }
      log.info('shutting down: finishing in-flight writes');
      const stopped = new Promise<void>((resolve) => http.close(() => resolve()));
      await documents.drain();
      await searchIndexer.drain();
      await Promise.race([new Promise((resolve) => setTimeout(resolve, SHUTDOWN_GRACE_MS).unref()), requests.idle()]);
      await websocket.dispose();
      http.closeAllConnections();
      await stopped;
      await searchIndexer.close();
      await documents.close();
      await services.content.close();
      await bus.close();
      await rateLimits.close();
      await access.close();
      await database.close();
      log.info('stopped');
    })());

  return { url, port, documents, database, access, close };
}

