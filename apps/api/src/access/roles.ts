// The roles of access.graphql and how they order. Each document role may do everything the
// roles below it may; general access grants every account of the server one of them.
export type ServerRole = 'ADMIN' | 'MEMBER';
export type DocumentRole = 'OWNER' | 'EDITOR' | 'COMMENTER' | 'VIEWER';
export type GeneralAccess = 'RESTRICTED' | 'VIEW' | 'COMMENT' | 'EDIT';

export const SERVER_ROLES: readonly ServerRole[] = ['ADMIN', 'MEMBER'];
/** Highest first. */
export const DOCUMENT_ROLES: readonly DocumentRole[] = ['OWNER', 'EDITOR', 'COMMENTER', 'VIEWER'];
export const GENERAL_ACCESS: readonly GeneralAccess[] = ['RESTRICTED', 'VIEW', 'COMMENT', 'EDIT'];

const rank: Record<DocumentRole, number> = { VIEWER: 1, COMMENTER: 2, EDITOR: 3, OWNER: 4 };

/** Whether `role` may do what `needed` may. */
export function atLeast(role: DocumentRole | null, needed: DocumentRole): boolean {
  return role !== null && rank[role] >= rank[needed];
}

/** The higher of two roles (null is no role). */
export function higher(a: DocumentRole | null, b: DocumentRole | null): DocumentRole | null {
  if (a === null) return b;
  if (b === null) return a;
  return rank[a] >= rank[b] ? a : b;
}

/** The role general access gives every account of the server. */
export function roleOfGeneralAccess(access: GeneralAccess): DocumentRole | null {
  switch (access) {
    case 'RESTRICTED':
      return null;
    case 'VIEW':
      return 'VIEWER';
    case 'COMMENT':
      return 'COMMENTER';
    case 'EDIT':
      return 'EDITOR';
  }
}

export const isDocumentRole = (value: string): value is DocumentRole => (DOCUMENT_ROLES as readonly string[]).includes(value);
export const isGeneralAccess = (value: string): value is GeneralAccess => (GENERAL_ACCESS as readonly string[]).includes(value);
export const isServerRole = (value: string): value is ServerRole => (SERVER_ROLES as readonly string[]).includes(value);
