// From what a request carries to who the caller is (caller.ts). A request proves itself with
//   - `authorization: Bearer <token>` (HTTP, SSE, or graphql-ws connectionParams): a session
//     token (better-auth's bearer plugin), one of our API tokens, or a share link's token;
//   - or the session cookie a browser holds, honoured only from an allowed origin (origins.ts),
//     so another site cannot act with it.
// Resolved callers are cached briefly, because every push over HTTP would otherwise cost a
// session lookup; access events (a session ended, a token or link revoked, an account
// disabled) drop the cached entry at once, on every instance, and the lifetime bounds what a
// lost event could leave behind.
import type { PrismaClient } from '../generated/prisma/client.js';
import type { AccessEvent, AccessEvents } from './access-events.js';
import type { Auth } from './auth.js';
import { ANONYMOUS, type Caller } from './caller.js';
import { isDocumentRole, isServerRole } from './roles.js';
import { hashToken, tokenKind } from './secrets.js';

/** How long a resolved credential is trusted without asking the database again. */
const CACHE_MS = 30_000;
const CACHE_MAX_ENTRIES = 10_000;
/** API tokens record when they were last used, to the minute. */
const LAST_USED_RESOLUTION_MS = 60_000;

export interface PresentedCredentials {
  /** The `authorization` header (or connectionParams.authorization). */
  authorization: string | null;
  /** The request's session cookie, only when its origin may use it. */
  sessionCookie: string | null;
}

/** A credential was presented and is unknown, expired or revoked. */
export const INVALID = Symbol('invalid credential');
export type Resolution = Caller | typeof INVALID;

interface CacheEntry {
  caller: Caller;
  until: number;
}

export function bearerToken(authorization: string | null | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match?.[1] ?? null;
}

export class Credentials {
  private readonly cache = new Map<string, CacheEntry>();

  constructor(
    private readonly auth: Auth,
    private readonly prisma: PrismaClient,
    events: AccessEvents,
    private readonly now: () => number = Date.now,
  ) {
    events.listen((event) => this.forget(event));
  }

  async resolve(presented: PresentedCredentials): Promise<Resolution> {
    const bearer = bearerToken(presented.authorization);
    if (presented.authorization && !bearer) return INVALID;
    const key = bearer ? `b:${hashToken(bearer)}` : presented.sessionCookie ? `c:${hashToken(presented.sessionCookie)}` : null;
    if (!key) return ANONYMOUS;
    const cached = this.cache.get(key);
    if (cached && cached.until > this.now()) return cached.caller;
    this.cache.delete(key);
    const caller = bearer ? await this.fromBearer(bearer) : await this.fromSession({ cookie: presented.sessionCookie! });
    if (caller === INVALID) return INVALID;
    const expiresAt = caller.kind === 'anonymous' ? null : caller.credential.expiresAt;
    if (this.cache.size >= CACHE_MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, { caller, until: Math.min(this.now() + CACHE_MS, expiresAt?.getTime() ?? Infinity) });
    return caller;
  }

  private async fromBearer(token: string): Promise<Resolution> {
    switch (tokenKind(token)) {
      case 'apiToken':
        return this.fromApiToken(token);
      case 'shareLink':
        return this.fromShareLink(token);
      case 'invitation':
        return INVALID;
      case null:
        return this.fromSession({ authorization: `Bearer ${token}` });
    }
  }

  private async fromSession(headers: Record<string, string>): Promise<Resolution> {
    const found = await this.auth.api.getSession({ headers: new Headers(headers) });
    if (!found) return INVALID;
    const user = found.user as typeof found.user & { role?: string; disabled?: boolean };
    if (user.disabled) return INVALID;
    return {
      kind: 'account',
      account: { id: user.id, email: user.email, name: user.name, role: user.role && isServerRole(user.role) ? user.role : 'MEMBER' },
      credential: { kind: 'session', id: found.session.id, expiresAt: new Date(found.session.expiresAt) },
    };
  }

  private async fromApiToken(token: string): Promise<Resolution> {
    const row = await this.prisma.apiToken.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: true } });
    const now = this.now();
    if (!row || row.user.disabled || (row.expiresAt && row.expiresAt.getTime() <= now)) return INVALID;
    if (!row.lastUsedAt || now - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
      // Bookkeeping only: a failure here must not fail the request.
      this.prisma.apiToken.updateMany({ where: { id: row.id }, data: { lastUsedAt: new Date(now) } }).catch(() => {});
    }
    const { user } = row;
    return {
      kind: 'account',
      account: { id: user.id, email: user.email, name: user.name, role: isServerRole(user.role) ? user.role : 'MEMBER' },
      credential: { kind: 'apiToken', id: row.id, expiresAt: row.expiresAt },
    };
  }

  private async fromShareLink(token: string): Promise<Resolution> {
    const row = await this.prisma.shareLink.findUnique({ where: { tokenHash: hashToken(token) } });
    if (!row || !isDocumentRole(row.role) || (row.expiresAt && row.expiresAt.getTime() <= this.now())) return INVALID;
    return {
      kind: 'guest',
      link: { id: row.id, documentId: row.documentId, role: row.role },
      credential: { kind: 'shareLink', id: row.id, expiresAt: row.expiresAt },
    };
  }

  /** Drops what an access event makes stale. */
  private forget(event: AccessEvent): void {
    if (event.kind === 'resync') {
      this.cache.clear();
      return;
    }
    for (const [key, { caller }] of this.cache) {
      if (callerAffectedBy(caller, event)) this.cache.delete(key);
    }
  }
}

/** Whether an access event ends or changes what this caller's credential grants. */
export function callerAffectedBy(caller: Caller, event: AccessEvent): boolean {
  if (caller.kind === 'anonymous') return false;
  switch (event.kind) {
    case 'session':
      return caller.credential.kind === 'session' && caller.credential.id === event.sessionId;
    case 'apiToken':
      return caller.credential.kind === 'apiToken' && caller.credential.id === event.tokenId;
    case 'shareLink':
      return caller.credential.kind === 'shareLink' && caller.credential.id === event.linkId;
    case 'account':
      return caller.kind === 'account' && caller.account.id === event.userId;
    case 'document':
      return false;
    case 'resync':
      return true;
  }
}
