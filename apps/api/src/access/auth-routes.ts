// better-auth's own HTTP routes, mounted at /api/auth for what a browser needs beyond GraphQL:
// reading and ending its session, its list of sessions, changing its password and name.
// Only these pass; signing up and in go through GraphQL (signUp, signIn), where the sign-up
// policy and the sign-in limits apply. CORS here follows the same origins as /graphql.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { toNodeHandler } from 'better-auth/node';
import { AUTH_BASE_PATH, type Auth } from './auth.js';
import type { OriginPolicy } from './origins.js';

const ROUTES = new Set([
  '/get-session',
  '/sign-out',
  '/list-sessions',
  '/revoke-session',
  '/revoke-other-sessions',
  '/change-password',
  '/update-user',
  '/ok',
]);

export function isAuthRoute(url: string | undefined): boolean {
  return url === AUTH_BASE_PATH || (url?.startsWith(`${AUTH_BASE_PATH}/`) ?? false);
}

export function createAuthRoutes(auth: Auth, origins: OriginPolicy): (req: IncomingMessage, res: ServerResponse) => void {
  const handle = toNodeHandler(auth);
  return (req, res) => {
    const origin = req.headers.origin;
    const fetchSite = req.headers['sec-fetch-site'];
    if (origin && origins.allows(origin, req.headers.host ?? null, typeof fetchSite === 'string' ? fetchSite : null)) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('access-control-allow-credentials', 'true');
      res.setHeader('vary', 'Origin');
    }
    if (req.method === 'OPTIONS') {
      res.setHeader('access-control-allow-methods', 'GET, POST');
      res.setHeader('access-control-allow-headers', 'content-type, authorization');
      res.writeHead(204).end();
      return;
    }
    const path = new URL(req.url ?? '/', 'http://localhost').pathname.slice(AUTH_BASE_PATH.length);
    if (!ROUTES.has(path)) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: `no such route; sign up and sign in with the GraphQL API at /graphql (signUp, signIn)` }));
      return;
    }
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  };
}
