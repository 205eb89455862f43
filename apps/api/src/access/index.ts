// Everything access needs, assembled once per server: better-auth, the credentials that
// identify a caller, the one access decision, and the domain services of the access part.
import type { Config } from '../config.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { Logger } from '../logger.js';
import { AccessControl } from './access-control.js';
import { createLocalAccessEvents, createRedisAccessEvents, type AccessEvents } from './access-events.js';
import { Accounts } from './accounts.js';
import { Administration } from './administration.js';
import { ApiTokens } from './api-tokens.js';
import { createAuth, type Auth } from './auth.js';
import { loadAuthSecret } from './auth-secret.js';
import { Credentials } from './credentials.js';
import { Invitations } from './invitations.js';
import { createOriginPolicy, type OriginPolicy } from './origins.js';
import { Sharing } from './sharing.js';
import { SignInLimits } from './sign-in-limits.js';

export interface AccessLayer {
  auth: Auth;
  events: AccessEvents;
  origins: OriginPolicy;
  credentials: Credentials;
  access: AccessControl;
  sharing: Sharing;
  accounts: Accounts;
  invitations: Invitations;
  apiTokens: ApiTokens;
  administration: Administration;
  close(): Promise<void>;
}

const SIGN_IN_WINDOW_SECONDS = 15 * 60;

export async function createAccessLayer(options: { prisma: PrismaClient; config: Config; log: Logger; now: () => number }): Promise<AccessLayer> {
  const { prisma, config, log, now } = options;
  const events = config.redisUrl ? await createRedisAccessEvents(config.redisUrl, log) : createLocalAccessEvents();
  const origins = createOriginPolicy({ publicUrl: config.publicUrl, corsOrigins: config.corsOrigins });
  const secret = await loadAuthSecret({ configured: config.authSecret, dataDir: config.dataDir, shared: !!config.redisUrl, log });
  const auth = createAuth({
    prisma,
    secret,
    baseUrl: config.publicUrl ?? `http://localhost${config.port ? `:${config.port}` : ''}`,
    // Origins that may call /api/auth with cookies: the request's own, when our policy allows it.
    trustedOrigins: (request) => {
      const origin = request?.headers.get('origin');
      return origin && origins.allows(origin, request?.headers.get('host') ?? null, request?.headers.get('sec-fetch-site')) ? [origin] : [...origins.configured];
    },
    events,
    log,
  });
  const limits = SignInLimits.create({
    perAccount: config.signInFailuresPerAccount,
    perAddress: config.signInFailuresPerAddress,
    windowSeconds: SIGN_IN_WINDOW_SECONDS,
    redisUrl: config.redisUrl,
  });
  const access = new AccessControl(prisma, events, log, now);
  const invitations = new Invitations(prisma, now);
  return {
    auth,
    events,
    origins,
    credentials: new Credentials(auth, prisma, events, now),
    access,
    sharing: new Sharing(prisma, access, events, now),
    accounts: new Accounts(auth, prisma, invitations, limits, config.signUp, log),
    invitations,
    apiTokens: new ApiTokens(prisma, events, now),
    administration: new Administration(prisma, auth, events),
    close: async () => {
      await limits.close();
      await events.close();
    },
  };
}
