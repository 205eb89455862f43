// Accounts come from better-auth (DESIGN.md, "Access"): email and password (scrypt through
// node:crypto), database sessions that can be revoked, and its bearer plugin so a session
// token works as `authorization: Bearer`. It stores through our Prisma client and schema
// (User, Session, Account, Verification; `role` and `disabled` are ours). The GraphQL
// mutations call it through `auth.api`; its own HTTP routes are mounted at /api/auth for what
// a browser needs beyond GraphQL (auth-routes.ts says which).
//
// What it does not do for us, and we do around it: the sign-up policy and invitations
// (accounts.ts), sign-in limits per account and per address (sign-in-limits.ts), API tokens
// and share links (credentials.ts), and telling open connections that a session ended (the
// session delete hook below publishes it).
import { betterAuth } from 'better-auth';
import { prismaAdapter } from 'better-auth/adapters/prisma';
import { APIError } from 'better-auth/api';
import { bearer } from 'better-auth/plugins';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { Logger } from '../logger.js';
import type { AccessEvents } from './access-events.js';

export const AUTH_BASE_PATH = '/api/auth';
export const SESSION_COOKIE_PREFIX = 'tandem';
/** A session lasts this long, and is extended by use once a day. */
const SESSION_SECONDS = 30 * 24 * 60 * 60;
const SESSION_REFRESH_SECONDS = 24 * 60 * 60;

export interface AuthOptions {
  prisma: PrismaClient;
  secret: string;
  /** Where browsers reach the API (sets the cookies' Secure flag when https). */
  baseUrl: string;
  /** Origins of the web app that may call /api/auth with cookies. */
  trustedOrigins: (request?: Request) => string[] | Promise<string[]>;
  events: AccessEvents;
  log: Logger;
}

export function createAuth(options: AuthOptions) {
  const { prisma, events, log } = options;
  return betterAuth({
    appName: 'Tandem',
    baseURL: options.baseUrl,
    basePath: AUTH_BASE_PATH,
    secret: options.secret,
    database: prismaAdapter(prisma, { provider: 'postgresql', transaction: true }),
    emailAndPassword: { enabled: true, minPasswordLength: 8, autoSignIn: true },
    session: { expiresIn: SESSION_SECONDS, updateAge: SESSION_REFRESH_SECONDS },
    user: {
      additionalFields: {
        role: { type: 'string', input: false, defaultValue: 'MEMBER' },
        disabled: { type: 'boolean', input: false, defaultValue: false },
      },
    },
    plugins: [bearer()],
    trustedOrigins: options.trustedOrigins,
    advanced: { cookiePrefix: SESSION_COOKIE_PREFIX },
    // Sign-in attempts are limited per account and per address by sign-in-limits.ts, for
    // GraphQL and HTTP alike; better-auth's own limiter counts per address only.
    rateLimit: { enabled: false },
    telemetry: { enabled: false },
    logger: {
      level: 'warn',
      log: (level, message, ...args) => {
        const fields = args.length > 0 ? { detail: args.map(String).join(' ') } : undefined;
        // Its warnings are about clients ("Invalid password"): debug, like other client mistakes.
        if (level === 'error') log.error(`auth: ${message}`, fields);
        else log.debug(`auth: ${message}`, fields);
      },
    },
    databaseHooks: {
      session: {
        create: {
          // A disabled account gets no new session, whichever way it signs in. Inside
          // better-auth's transaction: read through the Prisma client would wait on PGlite's
          // single connection, so the user comes from the adapter that holds it.
          before: async (session, context) => {
            const user = (await context?.context.internalAdapter.findUserById(session.userId)) as { disabled?: boolean } | null;
            if (user?.disabled) {
              throw new APIError('FORBIDDEN', { message: 'this account is disabled', code: 'ACCOUNT_DISABLED' });
            }
          },
        },
        delete: {
          // Sign-out, revocation, expiry or a disabled account: whatever it opened ends now.
          after: async (session) => events.publish({ kind: 'session', sessionId: session.id }),
        },
      },
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;
