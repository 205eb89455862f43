// Every role against every action, from the rules as declared: the table a reader checks
// the policy against.
import { describe, expect, it } from 'vitest';
import type { Caller } from './caller.js';
import { decide, decideServer, documentRole, DOCUMENT_RULES, type DocumentAccessFacts, type DocumentAction } from './policy.js';
import type { DocumentRole } from './roles.js';

const DOC = 'doc-1';

function account(id: string, role: 'ADMIN' | 'MEMBER' = 'MEMBER'): Caller {
  return {
    kind: 'account',
    account: { id, email: `${id}@example.com`, name: id, role },
    credential: { kind: 'session', id: `s-${id}`, expiresAt: new Date(8.64e15) },
  };
}

function guest(role: DocumentRole, documentId = DOC): Caller {
  return { kind: 'guest', link: { id: 'l1', documentId, role }, credential: { kind: 'shareLink', id: 'l1', expiresAt: null } };
}

const facts = (generalAccess: DocumentAccessFacts['generalAccess'] = 'RESTRICTED'): DocumentAccessFacts => ({
  documentId: DOC,
  generalAccess,
  members: new Map<string, DocumentRole>([
    ['owner', 'OWNER'],
    ['editor', 'EDITOR'],
    ['commenter', 'COMMENTER'],
    ['viewer', 'VIEWER'],
  ]),
});

const callers: Record<string, Caller> = {
  owner: account('owner'),
  editor: account('editor'),
  commenter: account('commenter'),
  viewer: account('viewer'),
  admin: account('root', 'ADMIN'),
  stranger: account('stranger'),
  'guest editor link': guest('EDITOR'),
  'guest viewer link': guest('VIEWER'),
  'link to another document': guest('EDITOR', 'doc-2'),
  anonymous: { kind: 'anonymous' },
};

// One row per caller: the outcome of read, presence, seeMembers, comment, edit, manage.
const actions = Object.keys(DOCUMENT_RULES) as DocumentAction[];
const expected: Record<string, string[]> = {
  owner: ['ok', 'ok', 'ok', 'ok', 'ok', 'ok'],
  editor: ['ok', 'ok', 'ok', 'ok', 'ok', 'FORBIDDEN'],
  commenter: ['ok', 'ok', 'ok', 'ok', 'FORBIDDEN', 'FORBIDDEN'],
  viewer: ['ok', 'ok', 'ok', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  admin: ['ok', 'ok', 'ok', 'ok', 'ok', 'ok'],
  stranger: Array(6).fill('NOT_FOUND'),
  'guest editor link': ['ok', 'ok', 'FORBIDDEN', 'FORBIDDEN', 'ok', 'FORBIDDEN'],
  'guest viewer link': ['ok', 'ok', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  'link to another document': Array(6).fill('NOT_FOUND'),
  anonymous: Array(6).fill('UNAUTHENTICATED'),
};

const outcome = (caller: Caller, action: DocumentAction, f: DocumentAccessFacts | null) => {
  const decision = decide(caller, action, f);
  return decision.allowed ? 'ok' : decision.refusal;
};

describe('document policy', () => {
  it('declares the actions the table covers', () => {
    expect(actions).toEqual(['read', 'presence', 'seeMembers', 'comment', 'edit', 'manage']);
  });

  it.each(Object.entries(expected))('%s on a restricted document', (name, row) => {
    expect(actions.map((action) => outcome(callers[name]!, action, facts()))).toEqual(row);
  });

  it('an unknown document is refused like one the caller may not see', () => {
    for (const action of actions) {
      expect(outcome(callers.owner!, action, null)).toBe('NOT_FOUND');
      expect(outcome(callers.stranger!, action, facts())).toBe('NOT_FOUND');
    }
  });

  it.each([
    ['VIEW', 'VIEWER'],
    ['COMMENT', 'COMMENTER'],
    ['EDIT', 'EDITOR'],
  ] as const)('general access %s makes every account at least %s, never lower than its own role', (access, role) => {
    expect(documentRole(callers.stranger!, facts(access))).toBe(role);
    expect(documentRole(callers.owner!, facts(access))).toBe('OWNER');
    expect(documentRole(callers.editor!, facts('VIEW'))).toBe('EDITOR');
    expect(documentRole(callers.viewer!, facts('EDIT'))).toBe('EDITOR');
    // General access is for accounts of the server, never for guests or the anonymous.
    expect(documentRole(callers['link to another document']!, facts(access))).toBeNull();
    expect(documentRole(callers.anonymous!, facts(access))).toBeNull();
  });
});

describe('server policy', () => {
  const table: [string, string, string, string, string][] = [
    // caller, listDocuments, createDocument, manageOwnTokens, administer
    ['admin', 'ok', 'ok', 'ok', 'ok'],
    ['owner', 'ok', 'ok', 'ok', 'FORBIDDEN'],
    ['guest editor link', 'ok', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
    ['anonymous', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED'],
  ];
  it.each(table)('%s', (name, ...row) => {
    const got = (['listDocuments', 'createDocument', 'manageOwnTokens', 'administer'] as const).map((action) => {
      const decision = decideServer(callers[name]!, action);
      return decision.allowed ? 'ok' : decision.refusal;
    });
    expect(got).toEqual(row);
  });
});
