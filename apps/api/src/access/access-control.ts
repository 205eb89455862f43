// Asks the one access decision (policy.ts) with the facts it needs, and turns a refusal into
// the contract's error. Resolvers call `require` before touching a document; subscriptions
// also `watch`, which re-asks whenever access may have changed and ends them when it is gone.
//
// The facts of a document (general access, members) are cached: pushUpdate asks on every
// keystroke. An access event for the document (any instance, through access-events.ts) drops
// the entry before anyone re-asks; the lifetime bounds what a lost event could leave.
import type { PrismaClient } from '../generated/prisma/client.js';
import { documentNotFound, forbidden, unauthenticated } from '../documents/errors.js';
import type { Logger } from '../logger.js';
import type { AccessEvent, AccessEvents } from './access-events.js';
import type { Account, Caller } from './caller.js';
import { callerAffectedBy } from './credentials.js';
import { decide, decideServer, documentRole, type DocumentAccessFacts, type DocumentAction, type ServerAction } from './policy.js';
import { isDocumentRole, isGeneralAccess, isServerRole, type DocumentRole } from './roles.js';

const FACTS_CACHE_MS = 60_000;
const FACTS_CACHE_MAX_ENTRIES = 10_000;

interface CachedFacts {
  facts: Promise<DocumentAccessFacts | null>;
  until: number;
}

/** What a watcher reports: the caller's role now, or that it may no longer see the document. */
export interface AccessWatch {
  /** The caller lost sight of the document (FORBIDDEN) or its credential ended. */
  lost(error: Error): void;
  /** The caller's role changed but it may still see the document. */
  changed?(role: DocumentRole): void;
}

export class AccessControl {
  private readonly cache = new Map<string, CachedFacts>();

  constructor(
    private readonly prisma: PrismaClient,
    private readonly events: AccessEvents,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {
    events.listen((event) => {
      if (event.kind === 'resync') this.cache.clear();
      else if (event.kind === 'document' || event.kind === 'shareLink') this.cache.delete(event.documentId);
    });
  }

  /** Tells every instance that a document's access changed (after the change is stored). */
  changed(documentId: string): void {
    this.events.publish({ kind: 'document', documentId });
  }

  /** The caller's role; throws UNAUTHENTICATED, NOT_FOUND (also for a hidden document) or FORBIDDEN. */
  async require(caller: Caller, action: DocumentAction, documentId: string): Promise<DocumentRole> {
    if (caller.kind === 'anonymous') throw unauthenticated();
    const decision = decide(caller, action, await this.facts(documentId));
    if (decision.allowed) return decision.role;
    throw this.refusal(decision.refusal, documentId, action);
  }

  /** Whether the caller may; never throws for a refusal. */
  async allows(caller: Caller, action: DocumentAction, documentId: string): Promise<boolean> {
    return decide(caller, action, await this.facts(documentId)).allowed;
  }

  /** The caller's role, or null when it may not see the document (or there is none). */
  async roleOf(caller: Caller, documentId: string): Promise<DocumentRole | null> {
    const facts = await this.facts(documentId);
    return facts ? documentRole(caller, facts) : null;
  }

  requireServer(caller: Caller, action: ServerAction): void {
    const decision = decideServer(caller, action);
    if (decision.allowed) return;
    if (decision.refusal === 'UNAUTHENTICATED') throw unauthenticated();
    throw forbidden(action === 'administer' ? 'only an administrator of this server may do this' : 'this needs an account of this server');
  }

  /** requireServer for what only accounts may do; returns the caller's account. */
  requireAccount(caller: Caller, action: ServerAction): Account {
    this.requireServer(caller, action);
    if (caller.kind !== 'account') throw forbidden('this needs an account of this server');
    return caller.account;
  }

  /**
   * Re-asks the decision for `action` whenever access may have changed: an event for the
   * document, for the caller's credential or account, or a resync; and when the credential
   * expires. Returns the function that stops watching.
   */
  watch(caller: Caller, action: DocumentAction, documentId: string, report: AccessWatch): () => void {
    let current: Caller | null = caller;
    let stopped = false;
    let checking = false;
    let again = false;
    let lastRole: DocumentRole | null = null;

    const check = async () => {
      if (checking) {
        again = true;
        return;
      }
      checking = true;
      try {
        do {
          again = false;
          if (!current) return lose(forbidden('your access to this document has ended; sign in again'));
          const facts = await this.facts(documentId);
          if (stopped) return;
          const decision = decide(current, action, facts);
          if (!decision.allowed) return lose(forbidden('you no longer have access to this document'));
          if (decision.role !== lastRole) {
            lastRole = decision.role;
            report.changed?.(decision.role);
          }
        } while (again && !stopped);
      } catch (error) {
        // The database could not answer: keep what was decided last, and say so.
        this.log.warn('could not re-check access', { documentId, error });
      } finally {
        checking = false;
      }
    };
    const lose = (error: Error) => {
      if (stopped) return;
      stop();
      report.lost(error);
    };
    const onEvent = (event: AccessEvent) => {
      if (stopped || !current) return;
      if (event.kind === 'document' || event.kind === 'shareLink') {
        if (event.documentId === documentId && !callerAffectedBy(current, event)) return void check();
      }
      if (!callerAffectedBy(current, event)) return;
      if (event.kind === 'account' && current.kind === 'account') {
        void this.refreshAccount(current).then((fresh) => {
          current = fresh;
          void check();
        });
        return;
      }
      if (event.kind !== 'resync') current = null;
      void check();
    };
    const unlisten = this.events.listen(onEvent);
    const expiresAt = caller.kind === 'anonymous' ? null : caller.credential.expiresAt;
    const cancelExpiry = expiresAt ? at(expiresAt.getTime(), this.now, () => lose(forbidden('your access has expired'))) : () => {};
    const stop = () => {
      stopped = true;
      unlisten();
      cancelExpiry();
    };
    void this.roleOf(caller, documentId).then(
      (role) => (lastRole ??= role),
      () => {},
    );
    return stop;
  }

  /** The account as it is now: null once it is disabled or gone. */
  private async refreshAccount(caller: Caller & { kind: 'account' }): Promise<Caller | null> {
    try {
      const user = await this.prisma.user.findUnique({ where: { id: caller.account.id } });
      if (!user || user.disabled) return null;
      return { ...caller, account: { ...caller.account, name: user.name, role: isServerRole(user.role) ? user.role : 'MEMBER' } };
    } catch (error) {
      this.log.warn('could not re-read an account', { userId: caller.account.id, error });
      return caller;
    }
  }

  /** The facts of a document (cached), or null when there is no such document. */
  facts(documentId: string): Promise<DocumentAccessFacts | null> {
    const cached = this.cache.get(documentId);
    if (cached && cached.until > this.now()) return cached.facts;
    const facts = this.load(documentId);
    if (this.cache.size >= FACTS_CACHE_MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
    const entry = { facts, until: this.now() + FACTS_CACHE_MS };
    this.cache.set(documentId, entry);
    // A failed read, or an unknown id, is not worth remembering.
    facts.then(
      (value) => value === null && this.cache.get(documentId) === entry && this.cache.delete(documentId),
      () => this.cache.get(documentId) === entry && this.cache.delete(documentId),
    );
    return facts;
  }

  private async load(documentId: string): Promise<DocumentAccessFacts | null> {
    const row = await this.prisma.document.findUnique({
      where: { id: documentId },
      select: { generalAccess: true, members: { select: { userId: true, role: true } } },
    });
    if (!row) return null;
    const members = new Map<string, DocumentRole>();
    for (const member of row.members) if (isDocumentRole(member.role)) members.set(member.userId, member.role);
    return {
      documentId,
      generalAccess: isGeneralAccess(row.generalAccess) ? row.generalAccess : 'RESTRICTED',
      members,
    };
  }

  private refusal(refusal: 'UNAUTHENTICATED' | 'NOT_FOUND' | 'FORBIDDEN', documentId: string, action: DocumentAction): Error {
    switch (refusal) {
      case 'UNAUTHENTICATED':
        return unauthenticated();
      case 'NOT_FOUND':
        return documentNotFound(documentId);
      case 'FORBIDDEN':
        return forbidden(FORBIDDEN_MESSAGES[action]);
    }
  }
}

/** setTimeout's longest delay (about 24.8 days); sessions last longer. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Calls `run` at the time `when` (ms since the epoch), however far ahead; returns the cancel. */
function at(when: number, now: () => number, run: () => void): () => void {
  let timer: NodeJS.Timeout;
  const arm = () => {
    const left = when - now();
    timer = setTimeout(left > MAX_TIMER_MS ? arm : run, Math.min(Math.max(0, left), MAX_TIMER_MS));
    timer.unref();
  };
  arm();
  return () => clearTimeout(timer);
}

const FORBIDDEN_MESSAGES: Record<DocumentAction, string> = {
  read: 'you may not read this document',
  presence: 'you may not show your presence in this document',
  seeMembers: 'guests may not see who the members of a document are',
  comment: 'your role on this document does not allow comments; ask its owner for access',
  edit: 'your role on this document does not allow editing; ask its owner for access',
  manage: 'only an owner of this document may do this',
};
