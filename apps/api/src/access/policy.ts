// The one access decision (DESIGN.md, "Access"): what a caller may do with a document, and
// with the server. Every resolver and subscription asks it, through AccessControl
// (access-control.ts), which only supplies the facts and turns a refusal into an error.
// Rules are declared here once, per action, in the manner of Outline's policies.
//
// A document the caller may not see at all is refused exactly like an unknown id
// (NOT_FOUND), so ids cannot be probed; FORBIDDEN is only for a caller who may see it.
import type { Caller } from './caller.js';
import { atLeast, higher, roleOfGeneralAccess, type DocumentRole, type GeneralAccess } from './roles.js';

/** What decides access to one document; cached per document by AccessControl. */
export interface DocumentAccessFacts {
  documentId: string;
  generalAccess: GeneralAccess;
  /** The role of each account (by id) that has one of its own on this document. */
  members: ReadonlyMap<string, DocumentRole>;
}

interface DocumentRule {
  /** The lowest role that may do it. */
  role: DocumentRole;
  /** Guests (share links) may not, whatever the link's role. */
  accountsOnly?: boolean;
}

/** Everything a caller can do with a document, and what it needs. */
export const DOCUMENT_RULES = {
  /** The document, its body, versions, diffs, exports; its live events. */
  read: { role: 'VIEWER' },
  /** Publish presence (awareness). */
  presence: { role: 'VIEWER' },
  /** Who the members are (their email addresses): not for guests. */
  seeMembers: { role: 'VIEWER', accountsOnly: true },
  /** Comment threads: create, reply, resolve; one's own comments. A comment's author is an account. */
  comment: { role: 'COMMENTER', accountsOnly: true },
  /** The body (pushUpdate), the title, naming and restoring versions. */
  edit: { role: 'EDITOR' },
  /** Sharing, general access, links, deleting the document. */
  manage: { role: 'OWNER' },
} as const satisfies Record<string, DocumentRule>;

export type DocumentAction = keyof typeof DOCUMENT_RULES;

/** Everything a caller can do that concerns no one document. */
export const SERVER_RULES = {
  /** documents: every caller lists what it may see (a guest, its link's document). */
  listDocuments: (caller: Caller) => caller.kind !== 'anonymous',
  /** createDocument, importDocument: accounts only. */
  createDocument: (caller: Caller) => caller.kind === 'account',
  /** API tokens of one's own. */
  manageOwnTokens: (caller: Caller) => caller.kind === 'account',
  /** Invitations, accounts. */
  administer: (caller: Caller) => caller.kind === 'account' && caller.account.role === 'ADMIN',
} as const satisfies Record<string, (caller: Caller) => boolean>;

export type ServerAction = keyof typeof SERVER_RULES;

export type Refusal = 'UNAUTHENTICATED' | 'NOT_FOUND' | 'FORBIDDEN';
export type Decision = { allowed: true; role: DocumentRole } | { allowed: false; refusal: Refusal };

/** The caller's role on the document: null when it may not see it at all. */
export function documentRole(caller: Caller, facts: DocumentAccessFacts): DocumentRole | null {
  switch (caller.kind) {
    case 'anonymous':
      return null;
    case 'guest':
      return caller.link.documentId === facts.documentId ? caller.link.role : null;
    case 'account':
      // Administrators manage every document of the server.
      if (caller.account.role === 'ADMIN') return 'OWNER';
      return higher(facts.members.get(caller.account.id) ?? null, roleOfGeneralAccess(facts.generalAccess));
  }
}

/** May `caller` do `action` with the document? `facts` is null for an unknown document. */
export function decide(caller: Caller, action: DocumentAction, facts: DocumentAccessFacts | null): Decision {
  if (caller.kind === 'anonymous') return { allowed: false, refusal: 'UNAUTHENTICATED' };
  const role = facts ? documentRole(caller, facts) : null;
  if (role === null) return { allowed: false, refusal: 'NOT_FOUND' };
  const rule: DocumentRule = DOCUMENT_RULES[action];
  if (!atLeast(role, rule.role) || (rule.accountsOnly && caller.kind !== 'account')) {
    return { allowed: false, refusal: 'FORBIDDEN' };
  }
  return { allowed: true, role };
}

/** May `caller` do `action` on the server? Anonymous callers are UNAUTHENTICATED, others FORBIDDEN. */
export function decideServer(caller: Caller, action: ServerAction): { allowed: true } | { allowed: false; refusal: Refusal } {
  if (SERVER_RULES[action](caller)) return { allowed: true };
  return { allowed: false, refusal: caller.kind === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN' };
}

/**
 * Which documents `documentRole` gives the caller any role on, as a filter the store can
 * apply to a listing (the same rules as above, in a form a query can use).
 */
export type Visibility =
  | { kind: 'all' }
  /** A guest: its link's document. */
  | { kind: 'document'; documentId: string }
  /** A member: documents it is a member of, and those with general access other than RESTRICTED. */
  | { kind: 'member'; userId: string };

export function visibility(caller: Caller): Visibility | null {
  switch (caller.kind) {
    case 'anonymous':
      return null;
    case 'guest':
      return { kind: 'document', documentId: caller.link.documentId };
    case 'account':
      return caller.account.role === 'ADMIN' ? { kind: 'all' } : { kind: 'member', userId: caller.account.id };
  }
}
