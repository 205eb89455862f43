// Who is asking: resolved once per HTTP request, and once per WebSocket connection, from the
// credential it carries (credentials.ts). Every access decision starts from one of these.
import type { DocumentRole, ServerRole } from './roles.js';

export interface Account {
  id: string;
  email: string;
  name: string;
  role: ServerRole;
}

/** What a caller proved who they are with; revoking it ends what it opened. */
export type Credential =
  | { kind: 'session'; id: string; expiresAt: Date }
  | { kind: 'apiToken'; id: string; expiresAt: Date | null }
  | { kind: 'shareLink'; id: string; expiresAt: Date | null };

export type Caller =
  /** No credential at all: may sign up, sign in and ask `me`, nothing else. */
  | { kind: 'anonymous' }
  /** A person with an account, through a session or one of their API tokens. */
  | { kind: 'account'; account: Account; credential: Credential & { kind: 'session' | 'apiToken' } }
  /** Someone holding a share link: the link's role on its one document, nothing else. */
  | { kind: 'guest'; link: { id: string; documentId: string; role: DocumentRole }; credential: Credential & { kind: 'shareLink' } };

export const ANONYMOUS: Caller = { kind: 'anonymous' };

/** The name history records for this caller's edits: never one the client claims. */
export function authorName(caller: Caller): string | null {
  switch (caller.kind) {
    case 'account':
      return caller.account.name;
    case 'guest':
      return 'Guest';
    case 'anonymous':
      return null;
  }
}
